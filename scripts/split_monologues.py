"""Split the labelled client monologues into a dev part and a held-out part, by business type.

Usage:
    .venv/bin/python scripts/split_monologues.py FILE.jsonl [FILE.jsonl ...]

Every line holds a `business_type` (a Spanish noun phrase, "estudio contable"). A business type
goes wholly to one side, decided by a hash of its folded, stemmed words: about 30% of the types
are held out. So nothing tuned on the dev part has seen a held-out type, and re-running the
script on its own output (or on more data) keeps every type where it was.
Writes tests/data/monologues_dev.jsonl and tests/data/monologues_holdout.jsonl, sorted by id.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from streamproc.classify.text import normalize, stem, words_of

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
HELD_OUT_PERCENT = 30


def held_out(business_type: str) -> bool:
    folded = " ".join(stem(word) for word in words_of(normalize(business_type)))
    digest = hashlib.sha256(folded.encode()).digest()
    return int.from_bytes(digest[:8], "big") % 100 < HELD_OUT_PERCENT


def main(paths: list[str]) -> None:
    records: dict[str, dict[str, object]] = {}
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if not isinstance(record.get("business_type"), str) or not record["business_type"]:
                raise SystemExit(f"{path}:{number}: no business_type")
            if record["id"] in records:
                raise SystemExit(f"{path}:{number}: id {record['id']} seen twice")
            records[record["id"]] = record
    sides: dict[bool, list[dict[str, object]]] = {False: [], True: []}
    for record_id in sorted(records):
        record = records[record_id]
        sides[held_out(str(record["business_type"]))].append(record)
    for is_held_out, name in ((False, "monologues_dev.jsonl"), (True, "monologues_holdout.jsonl")):
        lines = (json.dumps(record, ensure_ascii=False) for record in sides[is_held_out])
        (DATA / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(sides[is_held_out])} meetings")


if __name__ == "__main__":
    main(sys.argv[1:])
