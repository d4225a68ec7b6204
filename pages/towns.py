"""Page being built."""
import streamlit as st

st.title("建设中")
st.info("本页正在建设中。")
