"""The framework floor: the smallest Streamlit page with one plotly chart, measured beside ours."""

import plotly.graph_objects as go
import streamlit as st

st.title("Reference")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])), theme=None)
with st.container(key="page_footer"):
    st.caption("reference")
