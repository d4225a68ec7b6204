"""'No Chinese in English mode outside data values and document titles': a helper for browser tests.

`data_values(tables)` is every text printed in the bulletins (each string cell of the curated tables:
town, village, department, fund source and sector names, document titles, 文号, commitments …);
`leftover_cjk(text, values)` removes those (longest first), quoted titles 《…》 and 〔…〕 years, and
returns the Chinese characters that remain, i.e. UI text that was not translated.
"""
from __future__ import annotations

import re

import pandas as pd

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]+")
# Units are UI text, to be shown in English, even where a table stores them as a value.
UNITS = frozenset({"万元", "亿元", "元", "个", "人", "条", "项", "件", "份", "村", "户", "万", "亿"})
QUOTED = re.compile(r"《[^》]*》|〔[^〕]*〕")


def data_values(tables: dict[str, pd.DataFrame], extra: tuple[str, ...] = ()) -> list[str]:
    values: set[str] = set(extra)
    for frame in tables.values():
        for column in frame.columns:
            if frame[column].dtype == object:
                values.update(v.strip() for v in frame[column].dropna() if isinstance(v, str) and v.strip())
    return sorted((v for v in values if CJK.search(v)), key=len, reverse=True)


def database_values(path) -> list[str]:
    """Every Chinese text value in the built database (documents, bulletins, targets, towns …)."""
    import duckdb

    values: set[str] = set()
    with duckdb.connect(str(path), read_only=True) as con:
        # Not the search index's terms: single characters and pairs cut from the text would let any
        # leftover Chinese word pass as a "value".
        columns = con.execute("select table_name, column_name from information_schema.columns "
                              "where data_type = 'VARCHAR' and table_name not in ('search_postings')").fetchall()
        for table, column in columns:
            rows = con.execute(f'select distinct "{column}" from "{table}" where "{column}" is not null').fetchall()
            values.update(v.strip() for (v,) in rows if v and CJK.search(v))
    return sorted(values, key=len, reverse=True)


def leftover_cjk(text: str, values: list[str]) -> list[str]:
    # Values first: a 文号 (济阳政字〔2020〕81号) is a value, and cutting its 〔2020〕 first would leave 政字 … 号.
    for value in (v for v in values if v and v not in UNITS):
        if value in text:
            text = text.replace(value, " ")
    text = QUOTED.sub(" ", text)
    # Full-width punctuation between data values (、，（）) is not a translation gap.
    return [run for run in CJK.findall(text) if re.search(r"[\u3400-\u9fff]", run)]
