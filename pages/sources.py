"""Sources & data: what each table holds, where it comes from, known errors in the brief, downloads."""

import streamlit as st

from components.i18n.text import t, tmd
from components.model.sources import FILE_NAMES
from components.ui.navigation import through_frame
from components.ui.render import footer
from components.ui.sources import (
    discrepancies_section,
    file_section,
    files_summary,
    folder_name,
    health_section,
    load_all,
    sources_model,
    upload_section,
    weak_section,
)

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

st.title(t("sources.title"), anchor=False)
st.caption(tmd("sources.intro", folder=folder_name()))
loaded, failed = load_all()
files_summary(loaded)
health_section()
upload_section()
model = sources_model(loaded)
discrepancies_section(model)
weak_section(model)
st.header(t("sources.files"), anchor=False)
for name in FILE_NAMES:
    file_section(name, loaded, failed)
footer()
