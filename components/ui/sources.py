"""The Sources & data page's sections: the files' summary, the data's health, uploads, known
errors in the brief, weakly sourced rows and each file with its columns, sources and download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.data.loaders import DEFAULT_DATA_DIR, DataValidationError, data_dir
from components.i18n.text import current_language, t, tmd
from components.model.base import display_frame
from components.model.sources import FILE_NAMES, SourcesModel, build, columns_of, meaning
from components.ui.cache import (
    SESSION_ROWS,
    UPLOAD_MAX_BYTES,
    UPLOAD_MAX_ROWS,
    UPLOADABLE,
    accept_upload,
    cited_sources_of,
    clear_uploads,
    data_health,
    load_table,
    publishers,
    sources_md,
)
from components.ui.render import csv_download

UPLOAD_RESULT = "upload_result"


def folder_name() -> str:
    """'data/' for the shipped files, or the words for a folder of one's own."""
    return "data/" if data_dir().resolve() == DEFAULT_DATA_DIR else t("footer.own_data")


def load_all() -> tuple[dict[str, pd.DataFrame], dict[str, DataValidationError]]:
    """Every table that loads, and the problem of every one that does not."""
    loaded: dict[str, pd.DataFrame] = {}
    failed: dict[str, DataValidationError] = {}
    for name in FILE_NAMES:
        try:
            loaded[name] = load_table(name)
        except DataValidationError as error:
            failed[name] = error
    return loaded, failed


def files_summary(loaded: dict[str, pd.DataFrame]) -> None:
    """One row per file: what a row is, how many rows and sources, whether it loaded."""
    rows = [
        {
            "file": file_name,
            "row": meaning(name, current_language()),
            "rows": len(loaded[name]) if name in loaded else None,
            "sources": len(cited_sources_of(name)) if name in loaded else None,
            "state": t("sources.state.ok") if name in loaded else t("sources.state.error"),
        }
        for name, file_name in FILE_NAMES.items()
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        column_config={
            "file": t("sources.col.file"),
            "row": st.column_config.TextColumn(t("sources.col.row"), width="large"),
            "rows": st.column_config.NumberColumn(t("sources.col.rows"), format="%d"),
            "sources": st.column_config.NumberColumn(t("sources.col.sources"), format="%d"),
            "state": t("sources.col.state"),
        },
    )


def health_section() -> None:
    """Every problem and note the checks found, with its file, line and column."""
    st.header(t("sources.health"), anchor=False)
    health = data_health()
    problems = health[health["severity"] == "error"]
    notes = health[health["severity"] != "error"]
    if problems.empty:
        st.success(t("sources.health.ok", count=len(FILE_NAMES)), icon=":material/verified:")
    else:
        count, files = len(problems), problems["file"].nunique()
        st.error(t("sources.health.problems", count=count, files=files), icon=":material/error:")
    if not notes.empty:
        st.info(t("sources.health.warnings", count=len(notes)), icon=":material/info:")
    if health.empty:
        return
    st.dataframe(
        display_frame(health.assign(severity=health["severity"].map(lambda s: t(f"sources.severity.{s}")))),
        hide_index=True,
        column_config={
            "file": t("sources.col.file"),
            "severity": t("sources.health.severity"),
            "line": st.column_config.NumberColumn(t("sources.health.line"), format="%d"),
            "column": t("sources.col.name"),
            "expected": st.column_config.TextColumn(t("sources.health.expected"), width="large"),
            "found": t("sources.health.found"),
        },
    )


def take_upload() -> None:
    """Validate the chosen file before the page is drawn, so counts and downloads include it."""
    upload = st.session_state.get("upload_file")
    if upload is None:
        return
    target = st.session_state.get("upload_table", UPLOADABLE[0])
    try:
        added = accept_upload(target, upload.name, upload.getvalue())
    except DataValidationError as error:
        st.session_state[UPLOAD_RESULT] = ("error", upload.name, str(error))
    else:
        st.session_state[UPLOAD_RESULT] = ("ok", FILE_NAMES[target], added)


def upload_section() -> None:
    """Add rows from a CSV file for this session only, checked like the shipped files."""
    with st.expander(t("sources.upload"), icon=":material/upload_file:"):
        st.caption(t("sources.upload.help", rows=UPLOAD_MAX_ROWS, size=UPLOAD_MAX_BYTES // 1_000_000))
        st.selectbox(t("sources.upload.table"), UPLOADABLE, format_func=FILE_NAMES.get, key="upload_table")
        st.file_uploader(
            t("sources.upload.file"),
            type=["csv"],
            key="upload_file",
            max_upload_size=UPLOAD_MAX_BYTES // 1_000_000 or 1,
            on_change=take_upload,
        )
        result = st.session_state.pop(UPLOAD_RESULT, None)
        if result and result[0] == "error":
            st.error(tmd("sources.upload.rejected", file=result[1]), icon=":material/error:")
            st.code(result[2], language=None)
        elif result:
            st.success(tmd("sources.upload.added", rows=result[2], file=result[1]), icon=":material/check:")
        session_rows = st.session_state.get(SESSION_ROWS, {})
        if session_rows:
            summary = ", ".join(f"{FILE_NAMES[n]}: {len(r)}" for n, r in session_rows.items())
            st.caption(tmd("sources.upload.current", summary=summary))
            st.button(t("sources.upload.clear"), key="upload_clear", on_click=clear_uploads)


def discrepancies_section(model: SourcesModel) -> None:
    """The known errors in the brief, each with its correction and sources."""
    st.header(t("sources.discrepancies"), anchor=False)
    st.markdown(t("sources.discrepancies.intro"))
    for found in model.discrepancies:
        with st.container(border=True):
            st.markdown(tmd("sources.discrepancy.where", where=found.where))
            st.markdown(tmd("sources.discrepancy.claim", claim=found.claim))
            st.markdown(tmd("sources.discrepancy.correction", correction=found.correction))
            st.caption(sources_md(found.sources))


def weak_section(model: SourcesModel) -> None:
    """Rows whose only sources are weak (no publisher a briefer could name)."""
    st.header(t("sources.weak"), anchor=False)
    st.markdown(t("sources.weak.intro", count=len(model.weak_rows)))
    if not model.weak_rows.empty:
        st.dataframe(display_frame(model.weak_rows), hide_index=True, column_config={"file": t("sources.col.file")})


def sources_model(loaded: dict[str, pd.DataFrame]) -> SourcesModel:
    return build(loaded, publishers(), current_language())


def file_section(name: str, loaded: dict[str, pd.DataFrame], failed: dict[str, DataValidationError]) -> None:
    """One data file: its problem, or what a row is, its columns, its sources and its download."""
    file_name = FILE_NAMES[name]
    st.subheader(file_name, anchor=False)
    if name in failed:
        st.error(t("sources.problem_file", file=file_name), icon=":material/error:")
        st.code(str(failed[name]), language=None)
        return
    table, sources = loaded[name], cited_sources_of(name)
    st.caption(t("sources.row_meaning", meaning=meaning(name, current_language())))
    st.markdown(t("sources.rows", rows=len(table), sources=len(sources)))
    with st.expander(t("sources.columns")):
        st.dataframe(
            columns_of(name),
            hide_index=True,
            column_config={
                "column": t("sources.col.name"),
                "kind": t("sources.col.kind"),
                "required": t("sources.col.required"),
                "allowed": t("sources.col.allowed"),
                "meaning": st.column_config.TextColumn(t("sources.col.meaning"), width="large"),
            },
        )
    with st.expander(t("sources.cited")):
        cited = {"url": st.column_config.LinkColumn(t("sources.cited.url")), "rows": t("sources.cited.rows")}
        st.dataframe(sources, hide_index=True, column_config=cited)
    csv_download(t("sources.download", file=file_name), table, file_name, f"download_{name}")
