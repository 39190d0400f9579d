"""Sources & data: what each table holds, where it comes from, known errors in the brief, downloads."""

import pandas as pd
import streamlit as st

from components.data.loaders import DEFAULT_DATA_DIR, DataValidationError, data_dir, split_sources
from components.data.schema import TABLES
from components.data.schema_ru import row_meaning
from components.derive.sources import column_dictionary, weak_only_rows
from components.i18n.text import current_language, t, tmd
from components.model.base import display_frame
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
from components.ui.navigation import through_frame
from components.ui.render import csv_download, footer

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

UPLOAD_RESULT = "upload_result"
st.title(t("sources.title"), anchor=False)
shipped = data_dir().resolve() == DEFAULT_DATA_DIR
st.caption(tmd("sources.intro", folder="data/" if shipped else t("footer.own_data")))


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
        st.session_state[UPLOAD_RESULT] = ("ok", TABLES[target].file_name, added)


loaded: dict[str, pd.DataFrame] = {}
failed: dict[str, DataValidationError] = {}
for name in TABLES:
    try:
        loaded[name] = load_table(name)
    except DataValidationError as error:
        failed[name] = error

summary = pd.DataFrame(
    [
        {
            "file": spec.file_name,
            "row": row_meaning(name, spec.row_meaning, current_language()),
            "rows": len(loaded[name]) if name in loaded else None,
            "sources": len(cited_sources_of(name)) if name in loaded else None,
            "state": t("sources.state.ok") if name in loaded else t("sources.state.error"),
        }
        for name, spec in TABLES.items()
    ]
)
st.dataframe(
    summary,
    hide_index=True,
    column_config={
        "file": t("sources.col.file"),
        "row": st.column_config.TextColumn(t("sources.col.row"), width="large"),
        "rows": st.column_config.NumberColumn(t("sources.col.rows"), format="%d"),
        "sources": st.column_config.NumberColumn(t("sources.col.sources"), format="%d"),
        "state": t("sources.col.state"),
    },
)

st.header(t("sources.health"), anchor=False)
health = data_health()
problems = health[health["severity"] == "error"]
notes = health[health["severity"] != "error"]
if problems.empty:
    st.success(t("sources.health.ok", count=len(TABLES)), icon=":material/verified:")
else:
    st.error(
        t("sources.health.problems", count=len(problems), files=problems["file"].nunique()), icon=":material/error:"
    )
if not notes.empty:
    st.info(t("sources.health.warnings", count=len(notes)), icon=":material/info:")
if not health.empty:
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

with st.expander(t("sources.upload"), icon=":material/upload_file:"):
    st.caption(t("sources.upload.help", rows=UPLOAD_MAX_ROWS, size=UPLOAD_MAX_BYTES // 1_000_000))
    target = st.selectbox(
        t("sources.upload.table"), UPLOADABLE, format_func=lambda n: TABLES[n].file_name, key="upload_table"
    )
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
        st.caption(
            tmd(
                "sources.upload.current",
                summary=", ".join(f"{TABLES[n].file_name}: {len(r)}" for n, r in session_rows.items()),
            )
        )
        st.button(t("sources.upload.clear"), key="upload_clear", on_click=clear_uploads)

st.header(t("sources.discrepancies"), anchor=False)
st.markdown(t("sources.discrepancies.intro"))
if "discrepancies" in loaded:
    discrepancies = loaded["discrepancies"]
    russian = current_language() == "ru"
    for row in discrepancies.itertuples():
        with st.container(border=True):
            where = row.where_ru if russian and row.where_ru else row.where
            st.markdown(tmd("sources.discrepancy.where", where=where))
            claim = row.claim_ru if russian and row.claim_ru else row.claim
            correction = row.correction_ru if russian and row.correction_ru else row.correction
            st.markdown(tmd("sources.discrepancy.claim", claim=claim))
            st.markdown(tmd("sources.discrepancy.correction", correction=correction))
            st.caption(sources_md(split_sources(row.source_url)))

weak_rows = weak_only_rows(loaded, publishers())
st.header(t("sources.weak"), anchor=False)
st.markdown(t("sources.weak.intro", count=len(weak_rows)))
if not weak_rows.empty:
    st.dataframe(display_frame(weak_rows), hide_index=True, column_config={"file": t("sources.col.file")})

st.header(t("sources.files"), anchor=False)
for name, spec in TABLES.items():
    st.subheader(spec.file_name, anchor=False)
    if name in failed:
        st.error(t("sources.problem_file", file=spec.file_name), icon=":material/error:")
        st.code(str(failed[name]), language=None)
        continue
    table = loaded[name]
    sources = cited_sources_of(name)
    st.caption(t("sources.row_meaning", meaning=row_meaning(name, spec.row_meaning, current_language())))
    st.markdown(t("sources.rows", rows=len(table), sources=len(sources)))
    with st.expander(t("sources.columns")):
        st.dataframe(
            column_dictionary(spec),
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
        st.dataframe(
            sources,
            hide_index=True,
            column_config={"url": st.column_config.LinkColumn(t("sources.cited.url")), "rows": t("sources.cited.rows")},
        )
    csv_download(t("sources.download", file=spec.file_name), table, spec.file_name, f"download_{name}")

footer()
