"""Exports that carry their sources: a self-contained HTML briefing and spreadsheet-safe CSV (pure)."""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.io.json import to_json_plotly
from plotly.offline import get_plotlyjs

from components.figures.style import with_title_and_source
from components.i18n.text import t
from components.model.base import PageModel, display_frame

TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"
TOPOJSON_FILES = ("world_110m",)


def _geo_assets() -> str:
    """plotly.js reads map outlines from window.PlotlyGeoAssets before fetching any URL."""
    topojson = {
        name: json.loads((TOPOJSON_DIR / f"{name}.json").read_text(encoding="utf-8")) for name in TOPOJSON_FILES
    }
    return "window.PlotlyGeoAssets = " + json.dumps({"topojson": topojson}, separators=(",", ":")) + ";"


def _safe_link(url: str) -> str:
    """A numbered source as an escaped link; only http(s) addresses become clickable."""
    text = html.escape(url)
    if url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer">{text}</a>'
    return text


def _figure_div(figure: go.Figure, div_id: str) -> str:
    data = to_json_plotly(figure.to_plotly_json()["data"])
    layout = to_json_plotly(figure.to_plotly_json()["layout"])
    config = json.dumps({"displaylogo": False, "responsive": True, "toImageButtonOptions": {"scale": 2}})
    return (
        f'<div id="{div_id}" class="chart"></div>'
        f'<script>Plotly.newPlot("{div_id}", {data}, {layout}, {config});</script>'
    )


STYLE = """
body{font-family:Arial,sans-serif;color:#1F2328;margin:2rem auto;max-width:1200px;padding:0 1rem}
h1{font-size:2.2rem;margin-bottom:.2rem}
h2{font-size:1.7rem;margin-top:2.5rem;border-top:2px solid #0072B2;padding-top:1rem}
.meta,.caption{color:#555;font-size:1.05rem} .chart{width:100%;margin:1rem 0}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left}
.notes{background:#F6F8FA;padding:.5rem;border-left:3px solid #0072B2}
ol.sources{font-size:.9rem;color:#333;word-break:break-all} section{page-break-after:always}
"""


def _table_html(rows: pd.DataFrame, columns: dict, limit: int = 30) -> str:
    """A slide's table as escaped HTML (at most ``limit`` rows; the CSV has all)."""
    shown = display_frame(rows.head(limit))
    head = "".join(f"<th>{html.escape(spec.label)}</th>" for name, spec in columns.items() if name in shown)
    body = []
    for record in shown.to_dict("records"):
        cells = []
        for name in columns:
            if name not in record:
                continue
            value = record[name]
            text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
            cells.append(f"<td>{html.escape(text[:300])}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def briefing_html(
    slides: list[PageModel],
    version: str,
    accessed: date,
    title: str | None = None,
    notes: list[str] | None = None,
) -> str:
    """One HTML file that opens in a plain browser with no network: plotly.js, map outlines,
    captions, data version and a numbered source list per slide. Every data-derived string is
    escaped; figure JSON is serialised by plotly, which escapes '<' and '/'."""
    heading = html.escape(title or t("export.title"))
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{heading}</title><style>{STYLE}</style>",
        f"<script>{_geo_assets()}</script>",
        f"<script>{get_plotlyjs()}</script></head><body>",
        f"<h1>{heading}</h1>",
        f"<p class='meta'>{html.escape(t('export.meta', version=version, accessed=accessed.isoformat()))}</p>",
    ]
    for number, slide in enumerate(slides, start=1):
        parts.append("<section>")
        parts.append(f"<h2>{number}. {html.escape(slide.title)}</h2>")
        parts.append(f"<p class='caption'>{html.escape(slide.caption)}</p>")
        parts.append(f"<p class='meta'>{html.escape(t('export.as_of', as_of=slide.as_of))}</p>")
        for index, chart in enumerate(c for c in slide.charts if c.on_slide):
            framed = with_title_and_source(chart.figure, chart.title, t("chart.source_line", version=version))
            parts.append(_figure_div(framed, f"slide{number}-chart{index}"))
        for table in slide.tables:
            if table.on_slide:
                parts.append(f"<h3>{html.escape(table.title)}</h3>{_table_html(table.rows, table.columns)}")
        note = (notes or [])[number - 1] if notes and number - 1 < len(notes) else ""
        if note:
            parts.append(f"<p class='notes'>{html.escape(note)}</p>")
        parts.append(f"<h3>{html.escape(t('export.sources'))}</h3><ol class='sources'>")
        parts.extend(f"<li>{_safe_link(url)}</li>" for url in slide.sources)
        parts.append("</ol></section>")
    parts.append(f"<p class='meta'>{html.escape(t('export.footer', version=version))}</p></body></html>")
    return "".join(parts)
