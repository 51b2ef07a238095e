"""Reading meetings from the seed's CSV export and from JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streamproc.local.quickstart import sample_file
from streamproc.local.sources import CSV_COLUMNS, InvalidInputFile, UnreadableInputFile, read_events
from tests.factories import meeting_document


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    import csv

    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows)
    return path


ROW = ["Ana Soto", "ana@example.com", "+56 9 1111 2222", "2024-03-05", "Luis", "1", "Cliente: hola"]


def test_the_bundled_sample_reads_into_distinct_valid_events() -> None:
    events = read_events(sample_file())
    assert len(events) >= 40
    assert len({event.meeting.meeting_id for event in events}) == len(events)
    assert len({event.event_id for event in events}) == len(events)


def test_csv_ids_are_derived_from_content_so_a_reimport_is_idempotent(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", [ROW])
    first, second = read_events(path)[0], read_events(path)[0]
    assert first.event_id == second.event_id
    assert first.meeting.meeting_id == second.meeting.meeting_id
    assert first.meeting.closed is True
    assert first.meeting.client.phone == "+56 9 1111 2222"


def test_csv_accepts_day_first_dates_and_spanish_booleans(tmp_path: Path) -> None:
    row = ROW.copy()
    row[3], row[5] = "05/03/2024", "no"
    event = read_events(write_csv(tmp_path / "m.csv", [row]))[0]
    assert event.meeting.meeting_date.isoformat() == "2024-03-05"
    assert event.meeting.closed is False


def test_bad_csv_rows_are_all_reported_by_line_and_nothing_is_returned(tmp_path: Path) -> None:
    bad_closed = ROW.copy()
    bad_closed[5] = "maybe"
    bad_date = ROW.copy()
    bad_date[3] = "yesterday"
    empty_transcript = ROW.copy()
    empty_transcript[6] = ""
    path = write_csv(tmp_path / "m.csv", [ROW, bad_closed, bad_date, empty_transcript])
    with pytest.raises(InvalidInputFile) as raised:
        read_events(path)
    problems = raised.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("line 3: closed")
    assert problems[1].startswith("line 4: Fecha de la Reunion")
    assert problems[2].startswith("line 5:")
    assert "transcript" in problems[2]


def test_csv_without_the_seed_columns_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("name,text\nA,B\n", "utf-8")
    with pytest.raises(InvalidInputFile, match="missing column"):
        read_events(path)


def test_jsonl_events_are_validated_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text(
        json.dumps(meeting_document(1)) + "\n\n" + "{broken\n" + json.dumps({"x": 1}) + "\n",
        "utf-8",
    )
    with pytest.raises(InvalidInputFile) as raised:
        read_events(path)
    assert [problem.split(":")[0] for problem in raised.value.problems] == ["line 3", "line 4"]


def test_unknown_file_types_and_missing_files_say_so(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    path.write_bytes(b"")
    with pytest.raises(UnreadableInputFile, match=r"m.xlsx: unknown file type '.xlsx'"):
        read_events(path)
    with pytest.raises(UnreadableInputFile, match=r"absent.csv: no such file \(looked in "):
        read_events(tmp_path / "absent.csv")


def test_an_unterminated_quote_is_named_as_such(tmp_path: Path) -> None:
    """The csv module reads an unterminated quote to the end of the file: a short row."""
    path = tmp_path / "m.csv"
    header = ",".join(CSV_COLUMNS)
    row = 'Ana,a@x.cl,123,2025-01-02,"Bruno,1,Hola'
    path.write_text(f"{header}\n{row}\nCarla,c@x.cl,456,2025-01-03,Bruno,0,Chao\n", "utf-8")
    with pytest.raises(InvalidInputFile, match="an unterminated quote"):
        read_events(path)
