"""Figure builders and display labels for campaigns, commitments and groups (pure functions).

DataFrame in, plotly Figure (or text) out; testable without a browser. Values are
printed on the marks, and series also differ by hatching, so nothing depends on colour
alone; text on a coloured mark is black or white, whichever reads (palette.readable_on).
Builders with words of their own take `lang` ('zh'/'en'); data values stay as printed.
Builders are memoised (ui/memo.py): the figure returned is shared, copy it before changing it.
"""
from __future__ import annotations

import math
import re
import zlib

import pandas as pd
import plotly.graph_objects as go

from ui import memo, palette
from ui.charts import _style
from ui.i18n import _, pgettext

ROLE_COLOURS = {"牵头": palette.OKABE_ITO[5], "责任": palette.OKABE_ITO[0], "配合": palette.OKABE_ITO[2]}
ROLE_PATTERNS = {"牵头": "", "责任": "/", "配合": "."}   # the role shows without colour too
# Districts are told apart by colour and hatching. Each district's look comes from its name (any
# district, none named in code), so it keeps the same look on every chart whatever else is in scope;
# only when two names in one chart would share a look does the later one (in name order) move on.
DISTRICT_PATTERNS = ("", "/", ".", "x", "-", "+")
DISTRICT_COLOURS = [palette.OKABE_ITO[i] for i in (0, 1, 2, 5, 3, 4)]  # no yellow or black fills


def district_marker(number: int) -> dict:
    return {"color": DISTRICT_COLOURS[number % len(DISTRICT_COLOURS)],
            "pattern": {"shape": DISTRICT_PATTERNS[number % len(DISTRICT_PATTERNS)],
                        "fgcolor": "white", "fillmode": "overlay", "solidity": 0.25}}


def district_number(name: str) -> int:
    """A district's place in the palette, from its name alone (stable across runs and scopes)."""
    return zlib.crc32(str(name).encode("utf-8")) % len(DISTRICT_COLOURS)


def district_markers(names) -> dict[str, dict]:
    """Each district's marker; of two names that would share a look, the later (in name order) takes the next
    free one."""
    taken: set[int] = set()
    markers = {}
    for name in sorted(set(names), key=str):
        number = district_number(name)
        while number in taken and len(taken) < len(DISTRICT_COLOURS):
            number = (number + 1) % len(DISTRICT_COLOURS)
        taken.add(number)
        markers[name] = district_marker(number)
    return markers


# Roster grid: 组长/召集人, 副职/办公室主任, 成员 — light fills that take black text (≥ 6.8:1).
LEVEL_COLOURS = {1: palette.OKABE_ITO[4], 2: palette.OKABE_ITO[3], 3: palette.OKABE_ITO[1]}
NARROW_SEGMENT = 0.08  # a bar segment under this share of the longest bar is too narrow for its number
STAGE_COLOURS = [palette.OKABE_ITO[i] for i in (0, 1, 2, 3, 4, 5)]

_SYMBOL = {">=": "≥", ">": "＞", "<=": "≤", "<": "＜", "=": "", "≈": "约"}


# ---- labels --------------------------------------------------------------------

def number_text(value) -> str:
    """20.0 -> '20', 5.83 -> '5.83', 6600 -> '6,600'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = float(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.4f}".rstrip("0").rstrip(".")


def target_value_text(row, lang: str = "zh") -> str:
    """The commitment as a reader says it: '≥ 30%', '清零', '退出后 3 位', '2–4 家' (units as printed)."""
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    comparator, unit = get("comparator"), get("unit") or ""
    unit = "" if isinstance(unit, float) else unit
    value, value_max = get("value"), get("value_max")
    if comparator == "清零":
        return _("清零", lang)
    if comparator == "退出后N位":
        return _("退出后 {n} 位", lang, n=number_text(value))
    if comparator == "后N位":
        months = get("months")
        span = _("连续 {months} 个月", lang, months=int(months)) if months is not None and not pd.isna(months) else ""
        return span + _("后 {n} 位", lang, n=number_text(value))
    if comparator == "区间":
        return f"{number_text(value)}–{number_text(value_max)} {unit}".strip()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return _("按期完成", lang) if get("deadline_text") else "—"
    symbol = _SYMBOL.get(comparator or "=", comparator or "")
    return f"{symbol} {number_text(value)}{unit}".strip()


def _group_label(plan_no, field, group) -> str:
    label = f"{int(plan_no)}. {field}"
    # The action's name goes on a small second line so the axis stays narrow on a phone.
    return label + (f"<br><sup>{group}</sup>" if isinstance(group, str) and group else "")


# ---- 阶段 Gantt ------------------------------------------------------------------

@memo.figure
def phases_gantt(phases: pd.DataFrame, title: str = "各方案阶段安排", lang: str = "zh") -> go.Figure:
    """One row per plan (or per action inside a plan), one bar per phase.

    A phase that starts “即日起” has no printed start date; its bar starts at the earliest
    printed start date of all phases and is hatched, and the hover text says so.
    """
    data = phases.dropna(subset=["end_date"]).copy()
    data["start"] = pd.to_datetime(data["start_date"])
    data["end"] = pd.to_datetime(data["end_date"])
    earliest = data["start"].min()
    if pd.isna(earliest):
        earliest = data["end"].min() - pd.Timedelta(days=30)
    data["undated"] = data["start"].isna()
    data["row"] = [_group_label(p, f, g) for p, f, g in zip(data.plan_no, data.field, data.get("phase_group",
                                                                                                 [None] * len(data)))]
    data = data.sort_values(["plan_no", "row", "seq"])
    # An undated later phase follows the previous one; an undated first phase starts at the
    # earliest printed date. Both are drawn hatched.
    previous_end = data.groupby("row")["end"].shift(1) + pd.Timedelta(days=1)
    data["start"] = data["start"].fillna(previous_end).fillna(earliest)
    day = _("%Y年%m月%d日", lang)
    data["start_note"] = [(_("未写明开始日期，图中接续上一阶段", lang) if pd.notna(p) else
                           _("原文为“即日起”，图中从最早的写明日期画起", lang)) if u else s.strftime(day)
                          for u, p, s in zip(data.undated, previous_end, data.start)]
    data["stage"] = data.groupby("row").cumcount()
    # One row per phase, grouped by plan: every phase name is printed in full on the axis, whatever
    # the length of its bar (text inside a short bar was cut, “集中攻坚阶段” became “集中攻…”).
    data = data.sort_values(["plan_no", "row", "seq"])
    data["key"] = [f"{row}|{seq}" for row, seq in zip(data.row, data.seq)]
    # Each plan has a heading row of its own above its phases, so the axis needs only the width of
    # the longer of the two (a phone keeps room for the bars).
    keys: list[str] = []
    ticks: list[str] = []
    headings: list[int] = []
    for row, part in data.groupby("row", sort=False):
        plan, _sep, action = row.partition("<br>")
        headings.append(len(keys))
        keys.append(f"{row}|")
        ticks.append(f"<b>{plan}</b>")
        if action:  # the action inside the plan, on a row of its own in small type
            keys.append(f"{row}|action")
            ticks.append(f"<i>{action.replace('<sup>', '').replace('</sup>', '')}</i>")
        keys += part["key"].tolist()
        ticks += part["phase_name"].tolist()
    fig = go.Figure()
    for stage, part in data.groupby("stage"):
        # Plotly bars on a date axis: base = start, x = duration in milliseconds.
        duration = (part["end"] + pd.Timedelta(days=1) - part["start"]).dt.total_seconds() * 1000
        when = part["when_text"] if "when_text" in part else part["phase_name"]
        colour = STAGE_COLOURS[stage % len(STAGE_COLOURS)]
        fig.add_trace(go.Bar(
            y=part["key"], x=duration, base=part["start"], orientation="h",
            name=_("第 {n} 阶段", lang, n=stage + 1),
            marker={"color": colour,
                    "pattern": {"shape": ["/" if u else "" for u in part.undated], "fgcolor": "white",
                                "fillmode": "overlay", "solidity": 0.25}},
            customdata=list(zip(part["phase_name"], when, part["end"].dt.strftime(day),
                                part["start_note"], part["row"].str.replace("<br>", " "))),
            hovertemplate="%{customdata[4]}<br>%{customdata[0]}" + _("：", lang) + "%{customdata[1]}<br>"
                          + _("开始", lang) + _("：", lang) + "%{customdata[3]}<br>"
                          + _("结束", lang) + _("：", lang) + "%{customdata[2]}<extra></extra>"))
    # A thin line between plans.
    for position in [i - 0.5 for i in headings if i]:
        fig.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=position, y1=position,
                      line={"color": palette.MUTED, "width": 1})
    fig.update_layout(barmode="overlay", legend={"orientation": "h", "y": -0.04, "x": 0}, bargap=0.3)
    fig.update_yaxes(categoryorder="array", categoryarray=keys, tickvals=keys, ticktext=ticks, range=[len(keys) - 0.5, -0.5],
                     title=None, automargin=True, tickfont={"size": 12})
    fig.update_xaxes(type="date", tickformat=_("%Y年%m月", lang), title=None, side="top")
    return _style(fig, title, height=max(300, 22 * len(keys) + 160))


# ---- 部门工作量 ------------------------------------------------------------------

@memo.figure
def workload_bars(workload: pd.DataFrame, title: str = "各单位承担的任务数", highlight: str | None = None,
                  top: int | None = None, lang: str = "zh") -> go.Figure:
    """Stacked horizontal bars: 牵头 / 责任 / 配合 task counts per unit, busiest on top; the roles
    differ by hatching as well as colour, the chosen unit is marked ▶ and bold."""
    data = workload.sort_values(["tasks", "lead"], ascending=False)
    if top:
        data = data.head(top)
    data = data.iloc[::-1]
    # The chosen unit's label is set in bold. (Per-bar opacity would be clearer, but an
    # opacity array stops Streamlit from reporting clicks on the chart.)
    chosen = highlight in set(data["unit"])
    longest = float((data["lead"] + data["responsible"] + data["cooperating"]).max() or 1)
    narrow = longest * NARROW_SEGMENT
    fig = go.Figure()
    for role, column in (("牵头", "lead"), ("责任", "responsible"), ("配合", "cooperating")):
        colour, name = ROLE_COLOURS[role], pgettext("角色", role, lang)
        # Trace names stay the printed role words in Chinese (they are the data's roles); in
        # English the legend reads "Lead" etc.
        fig.add_trace(go.Bar(
            y=data["unit"], x=data[column], orientation="h", name=name,
            marker={"color": colour, "pattern": {"shape": ROLE_PATTERNS[role], "fgcolor": "white", "size": 9,
                                                 "fillmode": "overlay", "solidity": 0.12}},
            # A segment too narrow for its number shows none (neighbouring “1”s ran into each other);
            # the hover and the total at the end of the bar still give it.
            text=[str(v) if v and v >= narrow else "" for v in data[column]], textposition="inside", textangle=0,
            insidetextfont={"color": palette.readable_on(colour)},
            customdata=data.get("spellings"),
            hovertemplate=f"%{{y}}<br>{name}{_('：', lang)}" + _("%{{x}} 条任务", lang)
                          + ("<br>" + _("原文写法：", lang) + "%{customdata}" if "spellings" in data else "")
                          + "<extra></extra>"))
    fig.add_trace(go.Scatter(  # the total at the end of each bar
        y=data["unit"], x=data["lead"] + data["responsible"] + data["cooperating"], mode="text",
        text=["  " + _("{n} 条", lang, n=n) for n in data["tasks"]], textposition="middle right", showlegend=False,
        hoverinfo="skip"))
    if chosen:
        fig.update_yaxes(tickvals=list(data["unit"]),
                         ticktext=[f"<b>▶ {u}</b>" if u == highlight else u for u in data["unit"]])
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"})
    top_total = float((data["lead"] + data["responsible"] + data["cooperating"]).max() or 1)
    fig.update_xaxes(title=_("任务数（条）", lang), range=[0, top_total * 1.18])  # room for the total label
    fig.update_yaxes(title=None)
    fig = _style(fig, title, height=max(300, 30 * len(data) + 150))
    fig.update_layout(margin={"t": 90}, legend={"traceorder": "normal"})
    return fig


# ---- 承诺按期限月份 -------------------------------------------------------------

@memo.figure
def targets_by_month(ledger: pd.DataFrame, title: str = "各月到期的承诺数", lang: str = "zh") -> go.Figure:
    """Commitments per deadline month, stacked by district, from ledger rows (see month_counts_chart)."""
    dated = ledger.dropna(subset=["deadline"])
    counts = dated.groupby([pd.to_datetime(dated["deadline"]).dt.to_period("M").dt.start_time.rename("month"),
                            "district"]).size().rename("n").reset_index()
    return month_counts_chart(counts, title, lang)


def month_counts_chart(months: pd.DataFrame, title: str = "各月到期的承诺数", lang: str = "zh",
                       districts: tuple[str, ...] = ()) -> go.Figure:
    """Commitments per deadline month, stacked by district (colour and hatching); only months that have any.
    `months`: month (any day of it), district, n — counted in SQL by store.campaigns.ledger_months.
    `districts`: every district the database knows, so that a district's look does not change with the
    scope or the filter (looks are shared out over them; by default over the districts charted)."""
    counts = months.assign(month=pd.to_datetime(months["month"]).dt.to_period("M")).pivot_table(
        index="month", columns="district", values="n", aggfunc="sum", fill_value=0).sort_index()
    counts.columns.name = None
    labels = [f"{p.year}年{p.month}月" if lang == "zh" else pd.Timestamp(p.year, p.month, 1).strftime("%b %Y")
              for p in counts.index]
    fig = go.Figure()
    known = [*districts, *(d for d in counts.columns if d not in set(districts))]
    markers = district_markers(known)
    for district in counts.columns:
        values = counts[district]
        fig.add_trace(go.Bar(x=labels, y=values, name=district,
                             marker=markers[district],
                             hovertemplate=f"%{{x}}<br>{district}{_('：', lang)}" + _("%{{y}} 项", lang)
                                           + "<extra></extra>"))
    totals = counts.sum(axis=1)
    fig.add_trace(go.Scatter(x=labels, y=totals, mode="text", text=[f"{n}" for n in totals],
                             textposition="top center", showlegend=False, hoverinfo="skip"))
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"})
    fig.update_xaxes(type="category", title=_("期限所在月份", lang), tickangle=-45 if len(labels) > 8 else 0)
    fig.update_yaxes(title=_("承诺数（项）", lang), range=[0, float(totals.max()) * 1.15 if len(totals) else 1])
    fig = _style(fig, title, height=400)
    fig.update_layout(margin={"t": 90})
    return fig


# ---- 人员 × 小组 -----------------------------------------------------------------

# The issuing city and district a roster's title starts with ('济南市济阳区…', '某某县…'), whichever they are.
ISSUER_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省)?(?:[\u4e00-\u9fff]{2,3}市)?(?:[\u4e00-\u9fff]{2,3}[区县])?")


def short_group_label(label: str, width: int = 7) -> str:
    """'济南市济阳区校园消防安全整治工作专班·综合协调组' -> '校园消防安全整<br>治工作专班<br>·综合协调组'."""
    label = ISSUER_PREFIX.sub("", label, count=1) or label
    head, _sep, sub = label.partition("·")
    lines = [head[i:i + width] for i in range(0, len(head), width)]
    return "<br>".join(lines + ([f"·{sub}"] if sub else []))


def role_level(role: str) -> int:
    """3 = 组长/召集人, 2 = 副职或办公室负责人, 1 = 成员."""
    if any(r in role for r in ("组长", "召集人")) and not role.startswith("副") and "副组长" not in role \
            and "副召集人" not in role:
        return 3
    return 2 if ("副" in role or "主任" in role) else 1


@memo.figure
def membership_grid(matrix: pd.DataFrame, group_order: list[str] | None = None,
                    title: str = "在多个名单中的人员") -> go.Figure:
    """Person × roster grid; each filled cell names the person's role in that roster (black text
    on light fills, so the role reads without its colour)."""
    groups = [g for g in (group_order or list(dict.fromkeys(matrix["group_label"])))
              if g in set(matrix["group_label"])]
    people = list(dict.fromkeys(matrix["person_name"]))
    roles = matrix.pivot_table(index="person_name", columns="group_label", values="role", aggfunc="first")
    roles = roles.reindex(index=people, columns=groups)
    levels = roles.map(lambda r: role_level(r) if isinstance(r, str) else None)
    # Cells are narrow: 办公室主任 -> 办主任 in the cell (the hover shows the printed role).
    cell_text = roles.fillna("").map(lambda r: r.replace("办公室", "办"))
    colours = [[0, LEVEL_COLOURS[1]], [0.33, LEVEL_COLOURS[1]], [0.34, LEVEL_COLOURS[2]], [0.66, LEVEL_COLOURS[2]],
               [0.67, LEVEL_COLOURS[3]], [1, LEVEL_COLOURS[3]]]
    text_colour = palette.readable_on(LEVEL_COLOURS[1])
    labels = [short_group_label(g) for g in groups]
    fig = go.Figure(go.Heatmap(
        z=levels.to_numpy(dtype=float), x=labels, y=people, text=cell_text.to_numpy(),
        customdata=roles.fillna("").to_numpy(),
        texttemplate="%{text}", textfont={"color": text_colour, "size": 12}, colorscale=colours, zmin=1, zmax=3,
        showscale=False, xgap=3, ygap=3, hoverongaps=False,
        hovertemplate="%{y}<br>%{x}<br>%{customdata}<extra></extra>"))
    fig.update_xaxes(side="top", title=None, tickangle=0, showgrid=False)
    fig.update_yaxes(autorange="reversed", title=None, showgrid=False)
    fig.update_layout(plot_bgcolor="#f6f7f9")
    fig = _style(fig, title, height=max(320, 28 * len(people) + 200))
    fig.update_layout(margin={"t": 150})
    return fig


def describe_grid(fig: go.Figure, lang: str = "zh", limit: int = 6) -> str:
    """Alt text of the person × roster grid: who sits on how many rosters, in which roles."""
    grid = fig.data[0]
    people = list(grid.y)
    roles = [[r for r in row if r] for row in grid.customdata]
    items = [_("{name}（{n} 份：{roles}）", lang, name=name, n=len(held), roles=_("、", lang).join(held))
             for name, held in zip(people, roles)]
    more = _("等", lang) if len(items) > limit else ""
    return _("人员与名单网格：{title}。{people} 人 × {groups} 份名单：{items}{more}。", lang,
             title=fig.layout.title.text, people=len(people), groups=len(grid.x),
             items=_("、", lang).join(items[:limit]), more=more)


def describe_stacked(fig: go.Figure, lang: str = "zh", limit: int = 8) -> str:
    """Alt text of a stacked bar chart (workload, commitments by month): each category's total
    with its parts, largest first for ranked bars, in time order for months."""
    bars = [trace for trace in fig.data if trace.type == "bar"]
    if not bars:
        return _plain_title(fig, lang)
    horizontal = bars[0].orientation == "h"
    categories = list(bars[0].y if horizontal else bars[0].x)
    parts: dict[object, list[str]] = {c: [] for c in categories}
    for trace in bars:
        for c, v in zip(trace.y if horizontal else trace.x, trace.x if horizontal else trace.y):
            if v:
                parts[c].append(f"{trace.name} {number_text(v)}")
    totals = {c: sum(float(v or 0) for trace in bars for cat, v in
                     zip(trace.y if horizontal else trace.x, trace.x if horizontal else trace.y) if cat == c)
              for c in categories}
    order = sorted(categories, key=lambda c: -totals[c]) if horizontal else categories
    items = [f"{c} {number_text(totals[c])}"
             + (_("（{parts}）", lang, parts=_("、", lang).join(parts[c])) if len(parts[c]) > 1 else "")
             for c in order]
    more = _("等", lang) if len(items) > limit else ""
    text = _("{kind}：{title}。共 {n} 项：{items}{more}。", lang, kind=_("堆积条形图", lang), title=_plain_title(fig, lang),
             n=len(items), items=_("、", lang).join(items[:limit]), more=more)
    ticks = fig.layout.yaxis.ticktext or ()
    marked = [str(v).replace("<b>", "").replace("</b>", "").replace("▶", "").strip() for v in ticks if "▶" in str(v)]
    return text + (_("（高亮：{name}）", lang, name=marked[0]) if marked else "")


def _plain_title(fig: go.Figure, lang: str) -> str:
    return str(fig.layout.title.text or _("图表", lang))
