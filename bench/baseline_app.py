"""Baseline for the benchmarks: a bare Streamlit app that imports the same libraries as the
dashboard (streamlit, duckdb, pandas, plotly, pyarrow) and draws ONE Plotly chart from the
curated DuckDB file — the least any Streamlit + DuckDB + Plotly dashboard costs.

    streamlit run bench/baseline_app.py      (GAZETTE_DB selects the database, as for the app)

The town selectbox mirrors the dashboard's shared filter (?town=), so the interaction bench can
drive both apps the same way.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd  # noqa: F401 - imported like the dashboard does (DataFrames come back from DuckDB)
import plotly.express as px  # noqa: F401 - same libraries as the dashboard
import plotly.graph_objects as go
import pyarrow  # noqa: F401
import streamlit as st

DB = Path(os.environ.get("GAZETTE_DB", Path(__file__).resolve().parents[1] / "data" / "build" / "gazette.duckdb"))

st.set_page_config(page_title="baseline", layout="wide")


@st.cache_resource
def connection() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(DB), read_only=True)


towns = ["全区", *connection().cursor().execute("SELECT town_name FROM towns ORDER BY town_code").df().town_name]
town = st.sidebar.selectbox("镇街筛选", towns, key="town")
st.title("baseline")
st.caption(f"当前筛选：{town}")
cursor = connection().cursor()
frame = cursor.execute("SELECT town_name, sum(listed_count) AS n FROM road_towns GROUP BY ALL ORDER BY n").df()
cursor.close()
colours = ["#d55e00" if t == town else "#0072b2" for t in frame.town_name]
st.plotly_chart(go.Figure(go.Bar(x=frame.n, y=frame.town_name, orientation="h", marker_color=colours)),
                key="baseline-chart")
