"""Tables on screen and in downloads, labelled from the one registry (loaders/labels.py).

    show_table(frame, table="fund_by_source")                  # labels, units, formats from the registry
    show_table(frame, labels={"base_2020": _("2020 年基期值")})  # extra or overriding labels
    download_buttons(labelled(frame, table="fund_projects"), stem, sources=[(doc_id, lines)])

`labels` maps a column to a `Label`, to a heading (text, already translated; the kind is taken
from the registry or from the column's type) or to None (keep the column as it is). Columns
without a label keep their name. On screen every empty cell shows "—"; numbers keep their type
(sorting works) and are shown as their kind says (money 32,742.01; counts 59,028; lines 165).
`labelled()` gives the same headings for an export, numbers left as numbers, and records each
column's Excel number format in `frame.attrs["excel_formats"]` (ui.downloads applies them).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import pandas as pd

from loaders.labels import BOOL, DATE, ID, INT, MONEY, NUMBER, PCT, TEXT, Label, label_of
from ui.i18n import _
from ui.i18n import lang as current_lang

EMPTY = "—"
STYLE_MAX_CELLS = 200_000   # pandas Styler renders every cell: beyond this, formats come from column_config only

# How each kind is shown: st.column_config format (printf), Python formatter, Excel number format.
ST_FORMATS = {MONEY: "%,.2f", INT: "%,d", PCT: "%.2f", NUMBER: "localized", ID: "%d"}
EXCEL_FORMATS = {MONEY: "#,##0.00", INT: "#,##0", PCT: "0.00", NUMBER: "#,##0.####", ID: "0", DATE: "yyyy-mm-dd"}

LabelSpec = Label | str | None


def _number(value, digits: int, separators: bool = True) -> str:
    return f"{float(value):,.{digits}f}" if separators else f"{float(value):.{digits}f}"


def _general(value) -> str:
    """As many decimals as the value has (up to 4), thousands separators: 2,429.6479, 51.57, 3."""
    number = Decimal(str(round(float(value), 4))).normalize()
    whole, _, frac = format(number, "f").partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-') or 0):,}" + (f".{frac}" if frac else "")


def format_value(value, kind: str, lang: str | None = None) -> str:
    """One value as a table cell shows it ("—" when empty)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return EMPTY
    if kind == MONEY:
        return _number(value, 2)
    if kind == INT:
        return _number(value, 0)
    if kind == PCT:
        return _number(value, 2, separators=False)
    if kind == ID:
        return str(int(value)) if not isinstance(value, str) else value
    if kind == NUMBER:
        return _general(value) if not isinstance(value, str) else value
    if kind == DATE:
        return str(value)[:10]
    if kind == BOOL:
        return _("是", lang) if bool(value) else _("否", lang)
    return str(value)


def header(label: Label, lang: str | None = None) -> str:
    """The column heading in the language: '金额（万元）' / 'Amount (10k yuan)'."""
    text = _(label.text, lang, context=label.context)
    if not label.unit:
        return text
    if (lang or current_lang()) == "zh":
        return f"{text}（{label.unit}）"
    unit = _(label.unit, lang, context="unit")
    return f"{text} ({unit})" if unit else text


def _kind_of(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return BOOL
    if pd.api.types.is_integer_dtype(series):
        return INT
    if pd.api.types.is_float_dtype(series):
        return NUMBER
    if pd.api.types.is_datetime64_any_dtype(series):
        return DATE
    return TEXT


def resolve(frame: pd.DataFrame, table: str | None = None,
            labels: Mapping[str, LabelSpec] | None = None, lang: str | None = None) -> dict[str, tuple[str, str]]:
    """column -> (heading in the language, kind), for every column of `frame`."""
    labels = labels or {}
    out = {}
    for column in frame.columns:
        registered = label_of(str(column), table)
        spec = labels.get(column, registered) if column in labels else registered
        if isinstance(spec, Label):
            out[column] = (header(spec, lang), spec.kind)
        elif isinstance(spec, str):   # a heading given by the page (already in the language)
            kind = registered.kind if registered and registered.kind != TEXT else _kind_of(frame[column])
            out[column] = (spec, kind)
        else:
            out[column] = (str(column), _kind_of(frame[column]))
    return out


def _numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _as_numbers(frame: pd.DataFrame, resolved: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Columns of a numeric kind held as objects (Decimal from DuckDB, numbers as text) as floats,
    when every value there is a number; anything else is left as it is."""
    out = frame.copy()
    for column, (_title, kind) in resolved.items():
        series = out[column]
        if kind in ST_FORMATS and not _numeric(series) and not pd.api.types.is_bool_dtype(series):
            numbers = pd.to_numeric(series, errors="coerce")
            if numbers.notna().sum() == series.notna().sum() and series.notna().any():
                out[column] = numbers.astype(float)
    return out


def prepare(frame: pd.DataFrame, table: str | None = None, labels: Mapping[str, LabelSpec] | None = None,
            lang: str | None = None):
    """(data for st.dataframe — a Styler, or a frame when large —, column_config) of `frame`."""
    import streamlit as st

    from ui import glossary

    resolved = resolve(frame, table, labels, lang)
    shown = glossary.localise_frame(_as_numbers(frame, resolved), lang)
    config: dict[str, object] = {}
    formatters = {}
    for column, (title, kind) in resolved.items():
        series = shown[column]
        if kind in ST_FORMATS and _numeric(series):
            config[title] = st.column_config.NumberColumn(format=ST_FORMATS[kind])
            formatters[title] = (lambda k: (lambda v: format_value(v, k, lang)))(kind)
        elif kind == BOOL and pd.api.types.is_bool_dtype(series):
            shown[column] = series.map(lambda v: format_value(v, BOOL, lang))
        elif kind == DATE:
            shown[column] = series.map(lambda v: format_value(v, DATE, lang))
        elif not _numeric(series):
            shown[column] = series.astype(object).where(series.notna(), EMPTY).map(
                lambda v: EMPTY if v is None or (isinstance(v, str) and v.strip() == "") else v)
    shown.columns = [title for title, _kind in resolved.values()]
    if formatters and shown.size <= STYLE_MAX_CELLS and shown.columns.is_unique:
        return shown.style.format(formatters, na_rep=EMPTY), config
    return shown, config


def show_table(frame: pd.DataFrame, table: str | None = None, labels: Mapping[str, LabelSpec] | None = None, *,
               column_config: Mapping[str, object] | None = None, hide_index: bool = True, width="stretch",
               lang: str | None = None, **kwargs):
    """st.dataframe of `frame` with the registry's labels, units and formats; "—" for empty cells.
    `column_config` (keyed by the shown heading) adds to or overrides the generated one."""
    import streamlit as st

    data, config = prepare(frame, table, labels, lang)
    config.update(column_config or {})
    kwargs.setdefault("placeholder", EMPTY)   # a missing number, too, shows "—" (not "None")
    return st.dataframe(data, hide_index=hide_index, width=width, column_config=config, **kwargs)


def labelled(frame: pd.DataFrame, table: str | None = None, labels: Mapping[str, LabelSpec] | None = None, *,
             lang: str | None = None) -> pd.DataFrame:
    """`frame` for a download: the same headings as on screen, numbers left as numbers (they can be
    summed), each column's Excel number format in `attrs["excel_formats"]`."""
    resolved = resolve(frame, table, labels, lang)
    out = _as_numbers(frame, resolved)
    formats = {}
    for column, (title, kind) in resolved.items():
        if kind in EXCEL_FORMATS and (_numeric(out[column]) or kind == DATE):
            formats[title] = EXCEL_FORMATS[kind]
        if kind == MONEY and _numeric(out[column]):
            out[column] = out[column].astype(float)
    out.columns = [title for title, _kind in resolved.values()]
    out.attrs["excel_formats"] = formats
    return out


def headings(columns: Iterable[str], table: str | None = None, lang: str | None = None) -> dict[str, str]:
    """column -> heading, for a page that builds its own frame or chart labels."""
    out = {}
    for column in columns:
        label = label_of(column, table)
        out[column] = header(label, lang) if label else column
    return out


def with_total_note(projects: pd.DataFrame) -> pd.DataFrame:
    """Key projects with 总投资 as a number (万元, empty where the document gives none) and a separate
    text column 总投资说明 ("文件未写明"), so a downloaded 总投资 column can be summed."""
    note = [None if stated else _("文件未写明") for stated in projects["total_stated"]]
    return projects.assign(total_wan=projects["total_wan"].astype(float), total_note=note)
