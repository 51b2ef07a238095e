"""The benchmark report keeps every measurement when the charts cannot be drawn (issue 19)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import report


def one_run() -> report.Results:
    run = report.Run(
        name="streamproc offline",
        concurrency=16,
        workers=1,
        meetings=3000,
        duplicates=0,
        startup_s=2.0,
        window_s=10.0,
        rate=300.0,
        cpu_ms_per_meeting=3.1,
        startup_cpu_s=1.5,
        total_cpu_s=9.3,
        peak_rss_mb=[120.0],
        services_cpu_ms={"broker": 0.4, "PostgreSQL": 0.8},
    )
    return report.Results(
        command="bench/harness.py",
        classifier="offline",
        llm_latency=None,
        word_stats={
            "count": 3000,
            "mean": 353,
            "median": 303,
            "min": 60,
            "max": 1000,
            "mean_bytes": 2150,
        },
        machine={"cores": "2"},
        runs=[run],
    )


def test_without_the_charts_extra_the_report_and_numbers_are_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    results = one_run()
    monkeypatch.setattr(report, "charts_available", lambda: False)

    written = report.write(results, tmp_path)

    assert [path.name for path in written] == ["report.md", "results.json"]
    assert json.loads((tmp_path / "results.json").read_text("utf-8")) == results.as_dict()
    assert "streamproc offline" in (tmp_path / "report.md").read_text("utf-8")
    assert not list(tmp_path.glob("*.png"))
    assert "'charts' extra is not installed" in capsys.readouterr().err
