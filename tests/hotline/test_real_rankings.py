"""Real published 12345 ranking tables of other cities (tests/fixtures/real/rankings, sources in
SOURCES.md) through the import preview: each is stored for what it is — composite scores on
their own 满分, ranks within their group, months or cumulative periods — or refused with a
message that says what to change. The figures asserted are the ones printed in the sources."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from hotline import auth
from hotline.fields import SCORES, auto_mapping
from hotline.reader import read_table
from hotline.validate import FileContext, check
from store.hotline import HotlineStore

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "rankings"
EDITOR = auth.Actor("alice", auth.EDITOR)


def _convert_module():
    spec = importlib.util.spec_from_file_location("rankings_convert", HERE / "convert.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


convert = _convert_module()

# (csv, what the user types for what the table does not carry: period, 满分, group, as the page
#  text says), and the rows the page printed: unit -> (score, rank, tickets)
COUNTIES = {
    "lianyungang-2022-02-counties.csv": ("2022年2月", {"灌云县": (145.76, 1, 1115), "赣榆区": (145.35, 2, 1955),
                                                     "东海县": (144.69, 3, 1857), "灌南县": (144.42, 4, 1268)}),
    "lianyungang-2021-07-counties.csv": ("2021年7月", {"灌南县": (147.72, 1, 2843), "东海县": (146.71, 2, 3653),
                                                     "灌云县": (146.56, 3, 2504), "赣榆区": (146.04, 4, 3166)}),
    "lianyungang-2021-08-counties.csv": ("2021年8月", {"灌南县": (141.15, 1, 3571), "灌云县": (139.15, 2, 2827),
                                                     "赣榆区": (138.98, 3, 3460), "东海县": (135.75, 4, 4039)}),
}
DISTRICTS = {
    "lianyungang-2022-02-districts.csv": ("2022年2月", {"徐圩新区": (100.0, 1, 716), "云台山景区": (97.57, 2, 191),
                                                      "连云区": (94.65, 3, 2133), "海州区": (94.16, 4, 8500),
                                                      "市开发区": (93.75, 5, 1068)}),
    "lianyungang-2021-07-districts.csv": ("2021年7月", {"徐圩新区": (97.5, 1, 1085), "云台山景区": (96.87, 2, 400),
                                                      "连云区": (96.5, 3, 4985), "海州区": (95.29, 4, 20394),
                                                      "市开发区": (92.95, 5, 2390)}),
    "lianyungang-2021-08-districts.csv": ("2021年8月", {"云台山景区": (98.18, 1, 286), "徐圩新区": (95.5, 2, 1205),
                                                      "市开发区": (86.0, 3, 2316), "海州区": (82.0, 4, 24358),
                                                      "连云区": (81.0, 5, 4916)}),
    "lianyungang-2023-01-districts-traditional.csv": ("2023年1月", {
        "市開發區": (98.84, 1, 1321), "徐圩新區": (97.67, 2, 1053), "云臺山景區": (94.12, 3, 198),
        "海州區": (90.54, 4, 8252), "連云區": (90.15, 5, 1473)}),
}


def test_every_source_is_verbatim_and_every_csv_is_its_conversion():
    for name, digest in convert.SOURCES.items():
        assert convert.source_digest(name) == digest, f"{name} was edited"
    for table in convert.TABLES:
        assert (HERE / table.csv).read_bytes() == convert.to_csv(convert.convert(table)), table.csv
    sources = (HERE / "SOURCES.md").read_text(encoding="utf-8")
    assert all(name in sources for name in convert.SOURCES), "every source text has its title, issuer, date, address"
    assert all(t.csv in sources for t in convert.TABLES)
    assert len(convert.TABLES) >= 6 and len(convert.SOURCES) >= 6


def preview(name: str, upload_as: str = "通报.csv", mapping: dict | None = None, **typed):
    data = (HERE / name).read_bytes()
    table = read_table(data, upload_as)
    auto = auto_mapping(SCORES, table.headers) | (mapping or {})
    return check(table, SCORES, auto, FileContext(file_name=upload_as, **typed))


def stored(store: HotlineStore, checked) -> dict:
    assert checked.ok, checked.messages()
    store.write(EDITOR, SCORES, checked.records, "通报.csv", "sha")
    return {r.unit: r for r in store.scores().itertuples()}


@pytest.mark.parametrize("name", sorted(COUNTIES))
def test_county_table_on_150_points_asks_for_month_and_full_mark_then_stores_them(tmp_path, name):
    period, printed = COUNTIES[name]
    refused = preview(name)
    messages = " ".join(refused.messages())
    assert not refused.ok
    assert "缺少必需的列：月份" in messages and "“本文件的月份”中填写" in messages, "says where to give the month"
    assert "超过 100，文件中没有写明满分：请在“满分”中填写（如 150）" in messages, "145 points are not a percentage"
    assert any("左右并排了 2 组" in n for n in refused.notes)

    checked = preview(name, period=period, scale="150", peer_group="县")
    assert checked.ok, checked.messages()
    assert set(checked.unknown_units) == set(printed), "another city's counties are asked about, not accepted silently"
    rows = stored(HotlineStore(tmp_path / "h.duckdb"), checked)
    assert {u: (r.score, r.rank, r.tickets) for u, r in rows.items()} == printed
    assert {(r.scale, r.peer_group, r.period_start, r.month, r.metric) for r in rows.values()} == {
        (150.0, "县", checked.records["month"].iloc[0], checked.records["month"].iloc[0], "得分")}


@pytest.mark.parametrize("name", sorted(DISTRICTS))
def test_district_table_on_100_points_is_stored_with_its_scale_said(tmp_path, name):
    period, printed = DISTRICTS[name]
    checked = preview(name, period=period, peer_group="区、功能板块")
    assert checked.ok, checked.messages()
    assert any("按满分 100 分记录" in n for n in checked.notes), "an assumed 满分 is said"
    rows = stored(HotlineStore(tmp_path / "h.duckdb"), checked)
    assert {u: (r.score, r.rank, r.tickets) for u, r in rows.items()} == printed
    assert {r.scale for r in rows.values()} == {100.0}


def test_the_file_name_can_carry_the_month_and_the_preview_says_so():
    checked = preview("lianyungang-2022-02-districts.csv", upload_as="2022年2月份市12345在线平台绩效考评.csv")
    assert checked.ok
    assert any("期间取自文件名「2022年2月份市12345在线平台绩效考评.csv」：2022年2月" in n for n in checked.notes)
    assert set(checked.records["month"]) == {"2022-02"}


def test_panjin_cumulative_table_is_refused_until_its_score_column_is_named_then_stored_as_january_to_april(tmp_path):
    name = "panjin-2023-01-04-counties.csv"
    refused = preview(name, period="2023年1-4月")
    assert not refused.ok
    assert "缺少必需的列：得分（可在“列对应”中指定）" in refused.messages()
    table = read_table((HERE / name).read_bytes(), "通报.csv")
    score_header = next(h for h in table.headers if h.startswith("評"))  # 評(píng)分, as the copy printed it
    checked = preview(name, mapping={score_header: "score"}, period="2023年1-4月")
    assert checked.ok, checked.messages()
    assert any("期间按 2023年1—4月累计 记录" in n for n in checked.notes)
    assert any("「滿意率」" in n for n in checked.notes if n.startswith("以下列未导入")), "unimported columns are named"
    rows = stored(HotlineStore(tmp_path / "h.duckdb"), checked)
    assert {u: r.score for u, r in rows.items()} == {
        "大洼區(qū)": 99.3, "盤山縣": 99.2, "興隆臺(tái)區(qū)": 99.1, "雙臺(tái)子區(qū)": 97.4, "高新技術(shù)開(kāi)發(fā)區(qū)": 100.0,
        "遼濱沿海經(jīng)濟(jì)技術(shù)開(kāi)發(fā)區(qū)": 99.0}
    assert {(r.period_start, r.month) for r in rows.values()} == {("2023-01", "2023-04")}
    assert all(pd.isna(r.rank) for r in rows.values()), "序号 is not a rank (100.00 is 5th)"
    assert {r.tickets for r in rows.values()} == {4226, 1922, 6530, 2584, 22, 268}


def test_panjin_cumulative_period_is_refused_as_a_monthly_kind():
    data = (HERE / "panjin-2023-01-04-counties.csv").read_bytes()
    table = read_table(data, "通报.csv")
    checked = check(table, "units", auto_mapping("units", table.headers), FileContext(period="2023年1-4月"))
    assert any("期间 2023年1—4月累计 是累计数据，不是单月" in m for m in checked.messages())


def test_ningguo_table_without_any_score_or_rate_is_refused_with_what_is_missing():
    checked = preview("ningguo-2022-04-units.csv", period="2022年4月")
    assert not checked.ok
    assert "缺少必需的列：得分（可在“列对应”中指定）" in checked.messages()
    monthly = read_table((HERE / "ningguo-2022-04-units.csv").read_bytes(), "通报.csv")
    as_units = check(monthly, "units", auto_mapping("units", monthly.headers), FileContext(period="2022年4月"))
    assert any("缺少必需的列：满意率 或 解决率" in m for m in as_units.messages()), "不满意率 is not turned into 满意率"
