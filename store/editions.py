"""The editions loaded (one row per bulletin) and which of them the pages show.

A scope is the tuple of bulletin ids a page reads. By default it is the latest edition of each
(district, kind): the newest gazette issue and the newest compendium of every district. Choosing
an edition replaces the latest one of its district and kind; choosing a district keeps only its
bulletins. The scope functions are pure (no SQL, no Streamlit) so they can be tested alone.
"""
from __future__ import annotations

import pandas as pd

from store.db import cacheable, query

EDITION_COLUMNS = ["bulletin_id", "kind", "district", "year", "issue", "edition", "published", "title"]


@cacheable
def editions() -> pd.DataFrame:
    """Every loaded bulletin, oldest first within its district and kind."""
    return query(f"""SELECT {', '.join(EDITION_COLUMNS)} FROM bulletins
                     ORDER BY district, kind, year NULLS FIRST, issue NULLS FIRST, published, bulletin_id""")


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["district", "kind", "year", "issue", "published", "bulletin_id"],
                             na_position="first", kind="stable")


def latest_ids(frame: pd.DataFrame) -> tuple[str, ...]:
    """The newest bulletin of each kind (of `frame`: one district's bulletins when a district is chosen).

    One per kind, not one per district and kind: the pages add up what is in scope (villages, quotas,
    projects), and ten districts' gazettes added together are no district's figures."""
    if frame.empty:
        return ()
    newest_last = frame.sort_values(["kind", "year", "issue", "published", "district", "bulletin_id"],
                                    na_position="first", kind="stable")
    return tuple(newest_last.groupby("kind", sort=True).tail(1).bulletin_id)


def scope(frame: pd.DataFrame, district: str | None = None, edition: str | None = None) -> tuple[str, ...]:
    """The bulletins shown for a chosen district (None: all) and edition (a bulletin id; None: the latest
    of each kind). A chosen edition replaces the latest of its kind.

    An edition unknown to `frame` (a stale link) is ignored: the latest is shown instead."""
    if district:
        frame = frame[frame.district == district]
    chosen = frame[frame.bulletin_id == edition] if edition else frame.iloc[0:0]
    ids = list(latest_ids(frame))
    if not chosen.empty:
        row = chosen.iloc[0]
        same = set(frame[frame.kind == row.kind].bulletin_id)
        ids = [b for b in ids if b not in same] + [row.bulletin_id]
    return tuple(sorted(ids))


def districts(frame: pd.DataFrame) -> list[str]:
    return sorted(frame.district.dropna().unique().tolist())


def edition_label(row) -> str:
    """'2020年第4期' for a numbered issue, '2025年' for a yearly compendium or document (Chinese, as printed)."""
    year = "" if pd.isna(row.year) else f"{int(row.year)}年"
    issue = "" if pd.isna(row.issue) else f"第{int(row.issue)}期"
    return (year + issue) or str(row.bulletin_id)
