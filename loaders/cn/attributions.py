"""Units made responsible for a task: bracketed attributions and "由…牵头" sentences.

Plans print the attribution after the task in many forms; all of these are one thing
(the text is expected normalised, so full-width brackets, colons and semicolons are
already half-width, and 【】 is []):

    (牵头单位:A,责任单位:B)        [牵头单位:A;责任单位:B]        (责任单位:B)
    (牵头单位:A;配合单位:B、C)      (牵头单位:A;责任单位:B;整改时限:立说立改)
    [责任单位: B, C]               (牵头部门:A;责任部门:B)        牵头单位:A (no bracket)
    and any of them split by a page break, or with brackets inside a unit (各街道(镇)).

`find` returns each block with its span (brackets included) and its labelled segments;
splitting a segment into unit names and mapping them to canonical names is the
department table's job (loaders/departments.py).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

ROLE_OF = {"牵头": "牵头", "责任": "责任", "配合": "配合"}
# Labels of an attribution block; 整改时限/完成时限 carry a time limit, not a unit.
LABEL = re.compile(r"(?P<label>(?P<role>牵头|责任|配合)(?:单位|部门)|整改时限|完成时限)\s*:")
_OPEN, _CLOSE = "([", ")]"
SENTENCE_LEAD = re.compile(
    r"(?:^|(?<=[,;。:由])|(?<=[一二三四五六七八九十]是))"
    r"(?P<lead>(?:区|各)[\u4e00-\u9fff()、]{1,30}?)牵头(?!单位)"
    r"(?:,(?P<co>(?:区|各)?[\u4e00-\u9fff()、]{1,20}?)配合)?")


@dataclass(frozen=True)
class Segment:
    """One labelled part of a block: role 牵头/责任/配合 (None for a time limit)."""

    label: str       # as printed: 牵头单位, 责任部门, 整改时限 …
    role: str | None
    text: str        # the segment's text, separators stripped
    start: int       # offset of `text` in the searched text


@dataclass(frozen=True)
class Attribution:
    start: int       # the opening bracket (or the first label when there is none)
    end: int         # just past the closing bracket (or the end of the text)
    segments: tuple[Segment, ...]

    def role_texts(self, role: str) -> list[Segment]:
        return [s for s in self.segments if s.role == role]

    @property
    def time_limit(self) -> str | None:
        return next((s.text for s in self.segments if s.role is None), None)


def _block_end(text: str, start: int) -> int:
    """Index of the first closing bracket without an opening one after `start` (or len(text))."""
    depth = 0
    for index in range(start, len(text)):
        ch = text[index]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                return index
            depth -= 1
    return len(text)


def _trimmed(text: str, start: int, stop: int, strip: str) -> tuple[str, int]:
    raw = text[start:stop]
    lead = len(raw) - len(raw.lstrip(strip))
    return raw.strip(strip), start + lead


def find(text: str, strip: str = " ,;、[]") -> list[Attribution]:
    """Every attribution block of a normalised text, in order."""
    found: list[Attribution] = []
    position = 0
    while True:
        first = LABEL.search(text, position)
        if not first:
            return found
        close = _block_end(text, first.start())
        labels = list(LABEL.finditer(text, first.start(), close))
        segments = []
        for index, label in enumerate(labels):
            stop = labels[index + 1].start() if index + 1 < len(labels) else close
            segment, at = _trimmed(text, label.end(), stop, strip)
            segments.append(Segment(label["label"], label["role"], segment, at))
        opener = first.start() - 1 if first.start() > 0 and text[first.start() - 1] in _OPEN else first.start()
        found.append(Attribution(opener, min(close + 1, len(text)), tuple(segments)))
        position = close + 1


class Span(Protocol):
    """Anything with the offsets of a block (an Attribution here, a target's attribution in loaders.targets)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def masked(text: str, blocks: Sequence[Span], char: str = "□") -> str:
    """`text` with the attribution blocks blanked out by `char` (offsets preserved)."""
    chars = list(text)
    for block in blocks:
        chars[block.start:block.end] = char * (block.end - block.start)
    return "".join(chars)


@dataclass(frozen=True)
class Lead:
    """'由区公安分局牵头,各街镇配合' -> role 牵头 '区公安分局', role 配合 '各街镇'."""

    role: str
    text: str
    start: int


def sentence_leads(text: str) -> list[Lead]:
    """Units named in sentences: '二是区司法局牵头,…', '由区政府办公室牵头', '…牵头,各街镇配合'.

    Run it on a text whose attribution blocks are masked (they say 牵头单位, not 牵头).
    """
    leads = []
    for m in SENTENCE_LEAD.finditer(text):
        for role, group in (("牵头", "lead"), ("配合", "co")):
            if m[group]:
                leads.append(Lead(role, m[group], m.start(group)))
    return leads
