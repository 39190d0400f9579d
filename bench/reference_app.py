"""The framework floor: the smallest Streamlit page with one plotly chart, measured beside ours.

The same page is served at ``/`` and at ``/chart``: a deep link costs every Streamlit app more than
the root (the browser first asks for ``/chart/_stcore/health``, gets a 404 and retries at ``/``
after a pause), so each of our pages is set against the floor for the same kind of address.
``/start`` holds only a link to ``/chart``: clicking it measures navigation inside the app, the way
our sidebar moves between pages. Navigation is hidden, as it adds nothing a one-page app would have.
"""

import plotly.graph_objects as go
import streamlit as st


def one_chart() -> None:
    st.title("Reference")
    st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])), theme=None)
    with st.container(key="page_footer"):
        st.caption("reference")


CHART = st.Page(one_chart, title="Chart", url_path="chart")


def start() -> None:
    st.page_link(CHART, label="Chart")
    with st.container(key="page_footer"):
        st.caption("start")


st.navigation(
    [st.Page(one_chart, title="Reference", default=True), CHART, st.Page(start, title="Start", url_path="start")],
    position="hidden",
).run()
