"""Drawing a page model with Streamlit: charts, tables, metrics, notes, downloads, errors, footer."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.data.loaders import DEFAULT_DATA_DIR, DataValidationError, data_dir
from components.export.csv import to_csv_bytes
from components.figures.style import for_projector, with_title_and_source
from components.i18n.text import format_number, md, t, tmd
from components.model.base import Chart, Metric, Table, chart_summary, display_frame
from components.ui.a11y import skip_link_to
from components.ui.cache import current_data_version
from components.ui.styles import PHONE_CHART_CSS, PHONE_METRICS_CSS

# Served by Streamlit's static file serving (server.enableStaticServing); relative, so the app
# also works behind a proxy under a path prefix.
TOPOJSON_URL = "app/static/topojson/"


def presentation_on() -> bool:
    """Whether the frame is in presentation mode (set by app.py from the toggle or ?present=1)."""
    return bool(st.session_state.get("presentation_mode"))


def plotly_config(file_stem: str) -> dict:
    """Chart configuration: local map outlines, no plotly logo, PNG export at 2x."""
    return {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
    }


def framed_figure(figure: go.Figure, title: str | None, narrow: bool = False) -> go.Figure:
    """The figure with its title and source line (so a downloaded PNG carries both); larger type
    in presentation mode."""
    source = t("chart.source_line", version=current_data_version())
    framed = with_title_and_source(figure, title, source, width="narrow" if narrow else "wide")
    return for_projector(framed) if presentation_on() else framed


def chart_alternative(chart: Chart, lang: str | None = None, prefix: str = "") -> None:
    """The chart's text alternative (``chart_summary`` in ``lang``): a paragraph a screen reader
    reads and the screen does not show (its ``chart_alt_`` container is hidden by
    components/ui/a11y.py). ``prefix`` keeps the key unique where the chart is drawn twice."""
    with st.container(key=f"chart_alt_{prefix}{chart.key}"):
        st.markdown(md(chart_summary(chart, lang)))


def plain_title(chart: Chart) -> str:
    """The chart's title on one line, as a label reads it (the figure's title breaks lines with <br>)."""
    return " ".join(chart.title.replace("<br>", " ").split())


def chart_data_table(chart: Chart, rows: pd.DataFrame | Callable[[], pd.DataFrame]) -> None:
    """The rows the chart draws, under it, in an expander a keyboard opens (Tab, Enter) and then
    Tabs into: the grid is focusable and its cells are read out (issue 32). The table is built in
    the page only while the expander is open: closed, the page carries no extra grid. ``rows`` may
    be a function, called only then: a closed table costs the rerun nothing."""
    label = t("chart.data_table", title=plain_title(chart))
    box = st.expander(md(label), key=f"data_table_{chart.key}", on_change="rerun")
    if box.open:
        with box:
            shown = rows() if callable(rows) else rows
            st.dataframe(display_frame(shown), hide_index=True, alt=label, key=f"data_table_grid_{chart.key}")


def show_chart(chart: Chart, *, table: pd.DataFrame | Callable[[], pd.DataFrame] | None = None, **kwargs) -> object:
    """Draw a model's chart as built (our template, not Streamlit's), after its text alternative:
    a paragraph a screen reader reads and the screen does not show (components/ui/a11y.py).

    The first chart a page draws is its main chart: a "Skip to the chart" link, the page's first
    Tab stop, leads to it. ``table`` (from components/model/tables.py) adds the chart's rows as a
    data table right under it; pass a function to build the rows only when a reader opens it."""
    chart_alternative(chart)
    if not presentation_on():
        skip_link_to(chart.key)
    st.html(PHONE_CHART_CSS)
    drawn = st.plotly_chart(
        framed_figure(chart.figure, chart.title, chart.narrow),
        key=chart.key,
        theme=None,
        config=plotly_config(chart.file_stem),
        **kwargs,
    )
    if table is not None:
        chart_data_table(chart, table)
    return drawn


def show_metrics(metrics: list[Metric], per_row: int = 3) -> None:
    """Metrics in rows of ``per_row`` (two a row on a phone), small enough not to push the chart down."""
    st.html(PHONE_METRICS_CSS)
    for start in range(0, len(metrics), per_row):
        row = metrics[start : start + per_row]
        for column, metric in zip(st.columns(per_row), row, strict=False):
            column.metric(metric.label, metric.value, help=metric.help)


def _column_config(table: Table) -> dict:
    config: dict = {}
    for name, column in table.columns.items():
        if column.kind == "wide":
            config[name] = st.column_config.TextColumn(column.label, width="large")
        elif column.kind == "list":
            config[name] = st.column_config.ListColumn(column.label)
        elif column.kind == "link":
            config[name] = st.column_config.LinkColumn(column.label)
        elif column.kind == "sources":
            config[name] = st.column_config.LinkColumn(column.label, width="medium")
        else:
            config[name] = column.label
    return config


def first_source(cell: object) -> str:
    text = str(cell or "")
    return text.split(" ; ")[0].strip()


def show_table(table: Table, *, download_label: str | None = None, key: str | None = None) -> None:
    """A model's table with missing values blank and a CSV download of all its rows."""
    rows = table.rows
    if "source_url" in table.columns:
        rows = rows.assign(source_url=rows["source_url"].map(first_source))
    shown = display_frame(rows[[c for c in table.columns if c in rows.columns]])
    if table.total > len(table.rows):
        st.caption(t("table.capped", shown=format_number(len(table.rows)), total=format_number(table.total)))
    st.dataframe(shown, hide_index=True, column_config=_column_config(table), key=key)
    if download_label:
        csv_download(download_label, table.download, table.file_name, f"download_{table.key}")


def csv_download(label: str, table: pd.DataFrame | Callable[[], pd.DataFrame], file_name: str, key: str) -> None:
    """A CSV download of exactly this table, built only when clicked, never on every rerun."""
    st.download_button(
        label,
        data=lambda: to_csv_bytes(table() if callable(table) else table),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def show_data_error(error: DataValidationError) -> None:
    """A readable error box: what happened, then every problem as plain text (never HTML)."""
    st.error(t("error.data"), icon=":material/error:")
    with st.expander(t("error.details"), expanded=True):
        st.code(str(error), language=None)


def footer() -> None:
    """Provenance on every page: which data, which version, where the sources are."""
    st.divider()
    folder = data_dir()
    shown = "data/" if folder.resolve() == DEFAULT_DATA_DIR else t("footer.own_data")
    # The keyed container gives tests and benchmarks a language-independent "page finished" mark.
    with st.container(key="page_footer"):
        st.caption(tmd("footer.data", folder=shown, version=current_data_version()))
        st.caption(t("footer.offline"))
