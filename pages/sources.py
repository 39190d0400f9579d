"""Sources & data: each table's columns, sources and download; known errors in the brief."""

import streamlit as st

from components.data import DataValidationError, data_dir
from components.page_kit import ensure_app_frame, footer, load_table
from components.schema import TABLES
from components.sources import cited_sources, column_dictionary, to_csv_bytes
from components.text import t

ensure_app_frame()
st.title(t("sources.title"))
st.caption(t("sources.intro", folder=str(data_dir())))

link = st.column_config.LinkColumn
for name, spec in TABLES.items():
    st.subheader(spec.file_name)
    try:
        table = load_table(name)
    except DataValidationError as error:
        st.error(t("sources.problem_file", file=spec.file_name), icon=":material/error:")
        st.code(str(error), language=None)
        continue
    sources = cited_sources(table)
    st.caption(t("sources.row_meaning", meaning=spec.row_meaning))
    st.markdown(t("sources.rows", rows=len(table), sources=len(sources)))
    if name == "discrepancies":
        st.markdown(t("sources.discrepancies.intro"))
        st.dataframe(table, hide_index=True, column_config={"source_url": link(t("sources.cited.url"))})
    with st.expander(t("sources.columns")):
        st.dataframe(column_dictionary(spec), hide_index=True)
    with st.expander(t("sources.cited")):
        st.dataframe(
            sources,
            hide_index=True,
            column_config={"url": link(t("sources.cited.url")), "rows": t("sources.cited.rows")},
        )
    st.download_button(
        t("sources.download", file=spec.file_name),
        data=to_csv_bytes(table),
        file_name=spec.file_name,
        mime="text/csv",
        key=f"download_{name}",
        on_click="ignore",
    )

footer()
