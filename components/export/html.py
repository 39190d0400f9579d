"""Exports that carry their sources: a self-contained HTML briefing and spreadsheet-safe CSV (pure)."""

from __future__ import annotations

import html
import json
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
from plotly.io.json import to_json_plotly
from plotly.offline import get_plotlyjs

from components.figures.style import with_title_and_source
from components.i18n.text import t
from components.model.views import ViewContent

TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"
TOPOJSON_FILES = ("world_110m",)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe; numbers stay."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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
ol.sources{font-size:.9rem;color:#333;word-break:break-all} section{page-break-after:always}
"""


def briefing_html(slides: list[ViewContent], version: str, accessed: date, title: str | None = None) -> str:
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
        for index, (chart_title, figure) in enumerate(slide.figures):
            framed = with_title_and_source(figure, chart_title, t("chart.source_line", version=version))
            parts.append(_figure_div(framed, f"slide{number}-chart{index}"))
        parts.append(f"<h3>{html.escape(t('export.sources'))}</h3><ol class='sources'>")
        parts.extend(f"<li>{_safe_link(url)}</li>" for url in slide.sources)
        parts.append("</ol></section>")
    parts.append(f"<p class='meta'>{html.escape(t('export.footer', version=version))}</p></body></html>")
    return "".join(parts)
