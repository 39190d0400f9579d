"""The framework floor: the smallest Streamlit page with one plotly chart, measured beside ours.

The same page is served at ``/`` and at ``/chart``: a deep link costs every Streamlit app more than
the root (the browser first asks for ``/chart/_stcore/health``, gets a 404 and retries at ``/``
after a pause), so each of our pages is set against the floor for the same kind of address.
Navigation is hidden, as it adds nothing a one-page app would have.
"""

import plotly.graph_objects as go
import streamlit as st


def one_chart() -> None:
    st.title("Reference")
    st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])), theme=None)
    with st.container(key="page_footer"):
        st.caption("reference")


st.navigation(
    [st.Page(one_chart, title="Reference", default=True), st.Page(one_chart, title="Chart", url_path="chart")],
    position="hidden",
).run()
