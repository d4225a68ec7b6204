"""12345 hotline page (being built)."""
import streamlit as st

st.title("12345热线")
st.info("本页正在建设中。")
