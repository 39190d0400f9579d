"""What a page shows for one state, as data: the page, its deck slide and every export render it.

A ``PageModel`` holds built figures, display tables (with neutral column specs, not Streamlit
column configs), metrics, notes and sources. Nothing here knows Streamlit: ``components/ui``
turns a model into widgets, ``components/export`` into HTML or PowerPoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from components.data.loaders import split_sources
from components.i18n.text import format_number, t

# Tables show at most this many rows (the CSV download has all): at 100,000 rows a full table
# would send tens of megabytes to the browser on every rerun.
TABLE_ROW_LIMIT = 1_000


@dataclass
class Chart:
    """One figure with the title and file name it is shown and downloaded with."""

    key: str
    title: str
    figure: go.Figure
    file_stem: str
    narrow: bool = False
    on_slide: bool = True


@dataclass
class Column:
    """How a table column is shown: its label and kind (text, wide, date, link, list, number)."""

    label: str
    kind: str = "text"


@dataclass
class Table:
    """A display table (at most TABLE_ROW_LIMIT rows) and the full rows its CSV download holds."""

    key: str
    title: str
    rows: pd.DataFrame
    columns: dict[str, Column]
    download: pd.DataFrame
    file_name: str
    total: int
    on_slide: bool = False


@dataclass
class Metric:
    label: str
    value: str
    help: str | None = None


@dataclass
class PageModel:
    """Everything one page shows for one state, in one language."""

    page: str
    title: str
    caption: str
    as_of: str
    charts: list[Chart] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    # The page's own part, typed per page (ExercisesDetail, Story, MembershipDetail...): what
    # its page shows besides charts and tables (a card, a story position, names in a group).
    detail: Any = None
    # What a deck slide adds: the chart it was made from ("slide_chart") and its view in words ("view").
    deck: dict[str, Any] = field(default_factory=dict)
    # Display names of each field's options (field -> code -> name in the model's language): the
    # page's widgets and its filter summary show them, the URL keeps the codes.
    names: dict[str, dict[Any, str]] = field(default_factory=dict)

    def chart(self, key: str) -> Chart | None:
        return next((c for c in self.charts if c.key == key), None)

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


def unique_sources(*cells_columns: pd.Series) -> list[str]:
    """Every distinct URL in the given ``source_url`` columns, first-seen order."""
    urls: list[str] = []
    seen: set[str] = set()
    for cells in cells_columns:
        for cell in cells:
            for url in split_sources(cell):
                if url not in seen:
                    seen.add(url)
                    urls.append(url)
    return urls


def display_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as a person reads it: missing values empty, never a literal 'None', 'NaT' or
    '<NA>'; dates as ISO text (sortable), numbers grouped as the interface language groups them.
    Lists stay lists (list columns)."""
    shown = frame.copy()
    for column in shown.columns:
        series = shown[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            shown[column] = series.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_numeric_dtype(series) and series.isna().any():
            shown[column] = series.map(lambda v: "" if pd.isna(v) else format_number(v))
        elif series.dtype == object or pd.api.types.is_string_dtype(series):
            shown[column] = series.map(_blank_missing)
    return shown


def _blank_missing(value: object) -> object:
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float) and pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


# At most this many legend entries are named in a chart's text alternative (read out whole).
ALT_SERIES_LIMIT = 10


def chart_summary(chart: Chart, lang: str | None = None) -> str:
    """The chart's text alternative in ``lang`` (default: this run's language): its title (which carries the key
    figure: "101 shown", "17 hosted, 55 attended") and what its legend tells apart. Nothing is
    counted from the drawing: a trace's points are not always the items a reader counts."""
    names: list[str] = []
    for trace in chart.figure.data:
        name = " ".join(str(trace.name or "").replace("<br>", " ").split())
        if name and trace.showlegend is not False and name not in names:
            names.append(name)
    title = " ".join(chart.title.replace("<br>", " ").split()).rstrip(".")
    if not names:
        return t("chart.alt", lang, title=title)
    more = len(names) - ALT_SERIES_LIMIT
    legend = ", ".join(names[:ALT_SERIES_LIMIT]) + (f" … (+{format_number(more)})" if more > 0 else "")
    return t("chart.alt_legend", lang, title=title, legend=legend)
