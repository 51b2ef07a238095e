#!/usr/bin/env python3
"""Render every panel of the Grafana dashboards to a PNG, from live Prometheus and PostgreSQL data.

Grafana itself is not needed: each panel's query runs as Grafana would run it (its variables and
macros filled in for the chosen time range) and the result is drawn with matplotlib, one PNG per
panel in OUT/<dashboard>/<panel-slug>.png. For documentation and review, not for monitoring.

    pip install matplotlib   # optional dependency, only for this script
    python scripts/render_dashboards.py --prometheus http://127.0.0.1:9090 \\
        --database-url "$DATABASE_URL" --out docs/dashboards
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg

try:
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on servers and CI
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.axes import Axes
except ImportError:  # optional: the project itself never needs it
    sys.exit("render_dashboards needs matplotlib: pip install matplotlib")

REPO = Path(__file__).resolve().parents[1]
# Grafana's interval units, as PostgreSQL's date_trunc fields.
TRUNC_FIELDS = {"1m": "minute", "1h": "hour", "1d": "day"}
# Points per range query: about what a Grafana panel fetches for its width.
POINTS = 240
WIDE, TALL = (10, 4), (8, 5)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def fmt(value: float, unit: str) -> str:
    """A value as the panel's unit shows it; enough for the units the dashboards use."""
    if math.isnan(value):
        return "NaN"
    if unit == "currencyUSD":
        return f"${value:,.4f}"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit.startswith("suffix:"):
        return f"{value:,.3g}{unit.removeprefix('suffix:')}"
    return f"{value:,.4g}"


class Prometheus:
    """Instant and range queries with Grafana's variables filled in for the time range."""

    def __init__(self, url: str, minutes: int, rate_interval: str) -> None:
        self.url = url.rstrip("/")
        self.end = time.time()
        self.start = self.end - minutes * 60
        self.variables = {
            "$__rate_interval": rate_interval,
            "$__interval": rate_interval,
            "$__range": f"{minutes}m",
        }

    def _get(self, path: str, **params: str) -> list[dict[str, Any]]:
        url = f"{self.url}{path}?{urllib.parse.urlencode(params)}"
        with urllib.request.urlopen(url, timeout=30) as response:
            answer = json.loads(response.read())
        result: list[dict[str, Any]] = answer["data"]["result"]
        return result

    def _expr(self, expr: str) -> str:
        for variable, value in self.variables.items():
            expr = expr.replace(variable, value)
        return expr

    def instant(self, expr: str) -> list[dict[str, Any]]:
        return self._get("/api/v1/query", query=self._expr(expr), time=str(self.end))

    def range(self, expr: str) -> list[dict[str, Any]]:
        step = max(1.0, (self.end - self.start) / POINTS)
        return self._get(
            "/api/v1/query_range",
            query=self._expr(expr),
            start=str(self.start),
            end=str(self.end),
            step=f"{step:g}",
        )


def legend(template: str, labels: dict[str, str]) -> str:
    text = re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), template)
    return text.strip() or ", ".join(f"{k}={v}" for k, v in labels.items()) or "value"


def figure(title: str, size: tuple[float, float]) -> tuple[Any, Axes]:
    fig, axes = plt.subplots(figsize=size, layout="constrained")
    axes.set_title(title, loc="left", fontsize=12, fontweight="bold")
    return fig, axes


def draw_numbers(axes: Axes, items: Sequence[tuple[str, str]]) -> None:
    """A stat panel: big values side by side with their names below."""
    axes.axis("off")
    for index, (name, text) in enumerate(items):
        x = (index + 0.5) / len(items)
        axes.text(x, 0.55, text, ha="center", va="center", fontsize=26, fontweight="bold")
        axes.text(x, 0.2, name, ha="center", va="center", fontsize=10, color="dimgray")


def draw_table(axes: Axes, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    axes.axis("off")
    if not rows:
        axes.text(0.5, 0.5, "no data", ha="center", va="center")
        return
    table = axes.table(cellText=[list(r) for r in rows], colLabels=list(header), loc="upper center")
    table.auto_set_font_size(False)
    table.set_fontsize(9)
    table.auto_set_column_width(list(range(len(header))))
    table.scale(1, 1.4)


def field_units(panel: dict[str, Any]) -> dict[str, str]:
    """Units set per column by the panel's overrides, e.g. percent for a close rate."""
    return {
        override["matcher"]["options"]: prop["value"]
        for override in panel.get("fieldConfig", {}).get("overrides", [])
        for prop in override["properties"]
        if prop["id"] == "unit"
    }


def table_size(rows: int) -> tuple[float, float]:
    return WIDE[0], 0.6 + 0.3 * (rows + 1)


def prometheus_panel(panel: dict[str, Any], prometheus: Prometheus, path: Path) -> None:
    defaults = panel.get("fieldConfig", {}).get("defaults", {})
    unit = defaults.get("unit", "none")
    log_scale = defaults.get("custom", {}).get("scaleDistribution", {}).get("type") == "log"
    kind = panel["type"]
    if kind == "timeseries":
        fig, axes = figure(panel["title"], WIDE)
        for target in panel["targets"]:
            for series in prometheus.range(target["expr"]):
                times = mdates.date2num(
                    [datetime.fromtimestamp(float(t), UTC) for t, _ in series["values"]]
                )
                values = [float(v) for _, v in series["values"]]
                axes.plot(times, values, label=legend(target["legendFormat"], series["metric"]))
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M:%S"))
        if log_scale:
            axes.set_yscale("log")
        else:
            axes.set_ylim(bottom=0)
        axes.yaxis.set_major_formatter(lambda value, _position: fmt(value, unit))
        axes.grid(alpha=0.3)
        if axes.get_legend_handles_labels()[0]:
            axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
    elif kind == "stat":
        fig, axes = figure(panel["title"], (6, 2.5))
        items = [
            (legend(t["legendFormat"], s["metric"]), fmt(float(s["value"][1]), unit))
            for t in panel["targets"]
            for s in prometheus.instant(t["expr"])
        ]
        draw_numbers(axes, items or [("", "no data")])
    else:  # table: label values as columns
        found = [s for t in panel["targets"] for s in prometheus.instant(t["expr"])]
        fig, axes = figure(panel["title"], table_size(len(found)))
        header = sorted({label for s in found for label in s["metric"]})
        draw_table(axes, header, [[s["metric"].get(h, "") for h in header] for s in found])
    fig.savefig(path, dpi=100)
    plt.close(fig)


def expand_macros(sql: str, start: datetime, end: datetime) -> str:
    """Grafana's $__timeFilter and $__timeGroupAlias, as its PostgreSQL datasource expands them."""

    def group(match: re.Match[str]) -> str:
        return f"date_trunc('{TRUNC_FIELDS[match.group(2)]}', {match.group(1)}) AS time"

    sql = re.sub(
        r"\$__timeFilter\(\s*([^)]+?)\s*\)",
        lambda m: f"{m.group(1)} BETWEEN '{start.isoformat()}' AND '{end.isoformat()}'",
        sql,
    )
    sql = re.sub(r"\$__timeGroupAlias\(\s*([^,]+?)\s*,\s*'?(\w+)'?\s*\)", group, sql)
    if "$__" in sql:
        raise ValueError(f"unsupported Grafana macro in: {sql}")
    return sql


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    return float(value) if isinstance(value, int | float | Decimal) else None


def cell(value: Any) -> str:
    if isinstance(value, Decimal | float):
        return f"{float(value):,.4g}"
    return str(value)


def stat_text(value: Any, unit: str | None) -> str:
    if value is None:
        return "no data"
    as_number = number(value)
    return fmt(as_number, unit) if as_number is not None and unit else cell(value)


def sql_panel(panel: dict[str, Any], rows: list[asyncpg.Record], path: Path) -> None:
    kind = panel["type"]
    header = list(rows[0].keys()) if rows else []
    if kind == "timeseries":  # time_series format: time, metric, value
        fig, axes = figure(panel["title"], WIDE)
        series: dict[str, list[tuple[datetime, float]]] = {}
        for row in rows:
            series.setdefault(str(row["metric"]), []).append((row["time"], float(row[2])))
        for name, points in sorted(series.items()):
            axes.plot(*zip(*points, strict=True), marker="o", label=name)
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d %H:%M"))
        axes.set_ylim(bottom=0)
        axes.grid(alpha=0.3)
        axes.legend(fontsize=8)
    elif kind == "barchart":  # one label column, one count column
        fig, axes = figure(panel["title"], TALL)
        labels = [str(row[0]) for row in rows][::-1]
        counts = [float(row[1]) for row in rows][::-1]
        axes.barh(labels, counts, color="tab:blue")
        axes.bar_label(axes.containers[0], fmt="%g", padding=2, fontsize=8)  # type: ignore[arg-type]
        axes.set_xlabel(header[1] if len(header) > 1 else "")
        axes.grid(axis="x", alpha=0.3)
    elif kind == "stat":
        fig, axes = figure(panel["title"], (WIDE[0], 2.5))
        units, first = field_units(panel), rows[0] if rows else None
        items = [(h, stat_text(first[h] if first else None, units.get(h))) for h in header]
        draw_numbers(axes, items)
    else:
        fig, axes = figure(panel["title"], table_size(len(rows)))
        draw_table(axes, header, [[cell(v) for v in row.values()] for row in rows])
    fig.savefig(path, dpi=100)
    plt.close(fig)


def panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    """Panels with queries, in the dashboard's order, rows' nested panels included."""
    found: list[dict[str, Any]] = []
    for panel in dashboard["panels"]:
        found.extend(p for p in [panel, *panel.get("panels", [])] if p.get("targets"))
    return found


async def render(arguments: argparse.Namespace) -> list[Path]:
    prometheus = Prometheus(arguments.prometheus, arguments.minutes, arguments.rate_interval)
    end = datetime.now(UTC)
    start = end - timedelta(days=arguments.days)
    connection = await asyncpg.connect(arguments.database_url)
    written: list[Path] = []
    try:
        for source in sorted(arguments.dashboards.glob("*.json")):
            folder = arguments.out / source.stem
            folder.mkdir(parents=True, exist_ok=True)
            for panel in panels(json.loads(source.read_text("utf-8"))):
                path = folder / f"{slug(panel['title'])}.png"
                if panel["datasource"]["uid"] == "prometheus":
                    prometheus_panel(panel, prometheus, path)
                else:
                    [target] = panel["targets"]
                    rows = await connection.fetch(expand_macros(target["rawSql"], start, end))
                    sql_panel(panel, rows, path)
                written.append(path)
    finally:
        await connection.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prometheus", required=True, help="e.g. http://127.0.0.1:9090")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="PostgreSQL URL (default: $DATABASE_URL)",
    )
    parser.add_argument("--dashboards", type=Path, default=REPO / "grafana" / "dashboards")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "dashboards")
    parser.add_argument("--minutes", type=int, default=15, help="Prometheus time range")
    parser.add_argument("--days", type=int, default=7, help="PostgreSQL time range")
    parser.add_argument(
        "--rate-interval", default="1m", help="$__rate_interval: 4 scrape intervals or more"
    )
    arguments = parser.parse_args()
    if not arguments.database_url:
        parser.error("--database-url or DATABASE_URL is required")
    for path in asyncio.run(render(arguments)):
        print(path)


if __name__ == "__main__":
    main()
