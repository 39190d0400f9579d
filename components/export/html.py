"""Exports that carry their sources: a self-contained HTML briefing and spreadsheet-safe CSV (pure)."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.io.json import to_json_plotly
from plotly.offline import get_plotlyjs

from components.export.sources import (
    cited_for,
    offline_source_line,
    registry_publishers,
    slide_sources,
    source_entry,
)
from components.i18n.text import current_language, language_code, t
from components.model.base import PageModel, chart_summary, display_frame
from components.model.deck import slide_chart, view_figure

TOPOJSON_DIR = Path(__file__).resolve().parents[2] / "static" / "topojson"
TOPOJSON_FILES = ("world_110m",)


def _geo_assets() -> str:
    """plotly.js reads map outlines from window.PlotlyGeoAssets before fetching any URL."""
    topojson = {
        name: json.loads((TOPOJSON_DIR / f"{name}.json").read_text(encoding="utf-8")) for name in TOPOJSON_FILES
    }
    return "window.PlotlyGeoAssets = " + json.dumps({"topojson": topojson}, separators=(",", ":")) + ";"


def _safe_link(url: str, entry: str | None = None) -> str:
    """A numbered source as escaped text (``entry``: publisher, kind, address), its address a link
    when it is an http(s) one."""
    text = html.escape(entry or url)
    if url.startswith(("http://", "https://")):
        link = f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer">{html.escape(url)}</a>'
        return text.replace(html.escape(url), link, 1) if entry else link
    return text


def _figure_div(figure: go.Figure, div_id: str, summary: str = "") -> str:
    """The chart's div and its drawing function (called when its slide is first shown). With a
    ``summary`` the div is an image to a screen reader, named by that text alternative (escaped)."""
    plotted = figure.to_plotly_json()
    data = to_json_plotly(plotted["data"])
    layout = to_json_plotly(plotted["layout"])
    config = json.dumps({"displaylogo": False, "responsive": True, "toImageButtonOptions": {"scale": 2}})
    named = f' role="img" aria-label="{html.escape(summary, quote=True)}"' if summary else ""
    return (
        f'<div id="{div_id}" class="chart"{named}></div>'
        f'<script>window.DRAW["{div_id}"]=function(){{'
        f'Plotly.newPlot("{div_id}", {data}, {layout}, {config});}};</script>'
    )


STYLE = """
html,body{height:100%;margin:0}
body{font-family:Arial,sans-serif;color:#1F2328;background:#fff;overflow:hidden}
.slide{display:none;height:100vh;box-sizing:border-box;padding:1.2vh 2vw 0;flex-direction:column}
.slide.active{display:flex}
h1{font-size:clamp(1.4rem,3.2vh,2.4rem);margin:.2rem 0 .1rem}
.caption{color:#555;font-size:clamp(.9rem,1.9vh,1.3rem);margin:0}
.chart{flex:1 1 auto;min-height:0;width:100%}
.bottom{display:flex;justify-content:space-between;align-items:center;gap:1rem;color:#555;
font-size:clamp(.75rem,1.5vh,1rem);padding:.3rem 0 .5rem}
.counter{font-weight:bold;color:#1F2328;white-space:nowrap}
.notes{display:none;position:fixed;left:2vw;right:2vw;bottom:3.2rem;max-height:40vh;overflow:auto;
background:#F6F8FA;padding:.6rem 1rem;border-left:4px solid #0072B2;font-size:1.1rem;white-space:pre-wrap;
box-shadow:0 2px 8px rgba(0,0,0,.2)}
body.show-notes .slide.active .notes{display:block}
details{font-size:.85rem;color:#333} details ol{max-height:30vh;overflow:auto;word-break:break-all}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left}
@media print{body{overflow:visible}.slide{display:flex;page-break-after:always}}
"""

# Static, inline, no data in it: pages through the slides with the keys, draws each chart when its
# slide is first shown (a hidden chart would be drawn at the wrong size), N toggles the notes.
SCRIPT = """
(function(){
var slides=document.querySelectorAll('.slide'),current=0;
function show(i){
 i=Math.max(0,Math.min(slides.length-1,i));
 slides[current].classList.remove('active');current=i;slides[i].classList.add('active');
 slides[i].querySelectorAll('.chart').forEach(function(div){
  if(!div.dataset.drawn&&window.DRAW[div.id]){div.dataset.drawn='1';window.DRAW[div.id]();}
  else if(div.dataset.drawn){Plotly.Plots.resize(div);}
 });
 document.body.dataset.slide=String(i+1);
 if(history.replaceState){history.replaceState(null,'','#'+(i+1));}
}
document.addEventListener('keydown',function(e){
 if(e.altKey||e.ctrlKey||e.metaKey){return;}
 var k=e.key;
 if(k==='ArrowRight'||k==='PageDown'||k===' '){show(current+1);}
 else if(k==='ArrowLeft'||k==='PageUp'){show(current-1);}
 else if(k==='Home'){show(0);}
 else if(k==='End'){show(slides.length-1);}
 else if(k==='n'||k==='N'){document.body.classList.toggle('show-notes');}
 else{return;}
 e.preventDefault();
});
var start=parseInt((location.hash||'#1').slice(1),10);
slides[0].classList.add('active');
show(isNaN(start)?0:start-1);
})();
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
    langs: list[str] | None = None,
    publishers: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """One HTML file that is a slideshow and opens in a plain browser with no network: plotly.js
    and map outlines are embedded, one slide shows at a time (arrow keys, Home, End; N shows the
    speaker notes). Each slide has its title, one chart filling the screen, its source line with
    the data version, its notes and its numbered sources. Every data-derived string is escaped;
    figure JSON is serialised by plotly, which escapes '<' and '/'; the script is static.

    The file declares the language it is written in (``<html lang>``, the interface language of
    the export) and each slide its own, so a screen reader reads a Russian deck with Russian rules.

    The file has no Sources & data page: each source line names its publishers (``publishers``,
    web domain -> (name, kind), from data/sources.csv when not given) and opens the full list."""
    parts = [_document_head(title or t("export.title"), current_language())]
    registries: dict[str, Mapping[str, tuple[str, str]]] = {}
    for number, slide in enumerate(slides, start=1):
        lang = _nth(langs, number) or current_language()
        named = publishers if publishers is not None else registries.get(lang) or registry_publishers(lang)
        registries[lang] = named
        where = SlidePlace(number, len(slides), lang, version, accessed)
        parts.append(_slide_section(slide, where, _nth(notes, number), named))
    parts.append(f"<script>{SCRIPT}</script></body></html>")
    return "".join(parts)


@dataclass(frozen=True)
class SlidePlace:
    """Where a slide sits in the file and what it is written in: its number of how many, its
    language, the data version and the day the sources were accessed."""

    number: int
    total: int
    lang: str
    version: str
    accessed: date


def _nth(values: list[str] | None, number: int) -> str:
    """The ``number``-th (from 1) of ``values``, empty where the list is missing or short."""
    return values[number - 1] if values and number - 1 < len(values) else ""


def _document_head(heading: str, lang: str) -> str:
    """The file's opening up to <body>: its language, title, style, map outlines and plotly.js."""
    code = html.escape(language_code(lang), quote=True)
    return (
        f"<!DOCTYPE html><html lang='{code}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(heading)}</title><style>{STYLE}</style>"
        f"<script>{_geo_assets()}</script>"
        f"<script>{get_plotlyjs()}</script><script>window.DRAW={{}};</script></head><body>"
    )


def _slide_section(slide: PageModel, where: SlidePlace, note: str, named: Mapping[str, tuple[str, str]]) -> str:
    """One slide: its title, caption, chart (with its text alternative) or tables, notes, and the
    bottom line with its sources. Written in the slide's own language (``lang`` on the section),
    so a Russian slide in an English deck is read with Russian rules."""
    lang = where.lang
    parts = [
        f"<section class='slide' id='slide{where.number}' data-number='{where.number}'"
        f" lang='{html.escape(language_code(lang), quote=True)}'>",
        f"<h1>{html.escape(slide.title)}</h1>",
    ]
    if slide.caption:
        parts.append(f"<p class='caption'>{html.escape(slide.caption)}</p>")
    figure = view_figure(slide)
    if figure is not None:
        chart = slide_chart(slide)
        summary = chart_summary(chart, lang) if chart is not None else ""
        parts.append(_figure_div(figure, f"slide{where.number}-chart", summary))
    else:
        parts.extend(
            f"<h3>{html.escape(table.title)}</h3>{_table_html(table.rows, table.columns)}"
            for table in slide.tables
            if table.on_slide
        )
    if note:
        parts.append(f"<aside class='notes'>{html.escape(note)}</aside>")
    parts.append(_slide_bottom(slide, where, named))
    return "".join(parts) + "</section>"


def _slide_bottom(slide: PageModel, where: SlidePlace, named: Mapping[str, tuple[str, str]]) -> str:
    """The slide's source line, which opens its numbered sources, and its counter."""
    lang = where.lang
    line = offline_source_line(slide, where.version, lang, named, "export.sources_below")
    meta = html.escape(t("export.meta", lang, version=where.version, accessed=where.accessed.isoformat()))
    view = f" · {html.escape(slide.deck['view'])}" if slide.deck.get("view") else ""
    about = cited_for(slide)
    sources = "".join(
        f"<li>{_safe_link(url, source_entry(url, named, lang, about.get(url, '')))}</li>"
        for url in slide_sources(slide)
    )
    counter = html.escape(t("export.slide_of", lang, number=where.number, total=where.total))
    keys = html.escape(t("export.keys", lang), quote=True)
    return (
        f"<div class='bottom'><details><summary>{html.escape(line)}</summary>"
        f"<p>{meta} · {html.escape(t('export.as_of', lang, as_of=slide.as_of))}{view}</p><ol>{sources}</ol>"
        f"</details><span class='counter' title='{keys}'>{counter}</span></div>"
    )
