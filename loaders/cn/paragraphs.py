"""Printed lines joined into logical paragraphs across page breaks, with line provenance.

Everything a loader extracts must carry the 1-based line of the raw file where the value
is printed, so a joined paragraph keeps a map from character offset back to line.

One rule for every loader: a paragraph runs on over blank lines (page breaks) until its
text ends a sentence (。；：！？ or a closing bracket), and a line that starts an outline
item (一、 (一) 1. (1) ①), an 附件 or a Markdown heading starts a new one. Table rows
(tab-separated) are never joined, and the line after a table row starts afresh.

`markdown=True` additionally reads the Markdown the conversion left as layout: heading
marks (#) and list bullets are dropped from the text, a heading line stands alone unless
it already carries body text ('1. 电力通道治理专项行动。为强化…' runs on), a bracket
left open ('(责任单位:区公' + page break + '安分局)') keeps the paragraph open even after a
'；', and table rows keep their printed text (tabs included).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from loaders.cn import outline
from loaders.cn.normalize import brackets_balanced, ends_sentence, norm

_STARTS_ITEM = re.compile(rf"^(?:\(?{outline.CN}\)|{outline.ANY}|\d+[.、](?!\d)|附件)")
_LAYOUT_START = re.compile(r"^(?:#|[-*]\s|序号|[^\s]{0,6}\t)")
_HEADING_MARK = re.compile(r"^#+\s*")
_BULLET = re.compile(r"^[-*]\s+")


@dataclass
class Paragraph:
    """A logical paragraph: printed lines joined across page breaks.

    `text` is the normalised joined text; `line_at(offset)` gives the raw line a
    character of `text` came from.
    """

    lines: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    text: str = ""

    @property
    def first_line(self) -> int:
        return self.lines[0]

    @property
    def last_line(self) -> int:
        return self.lines[-1]

    def add(self, number: int, raw: str, piece: str | None = None) -> None:
        """Append printed line `number`; `piece` is norm(raw) when the caller has it already."""
        piece = norm(raw) if piece is None else piece
        if not piece:
            return
        self.lines.append(number)
        self.starts.append(len(self.text))
        self.text += piece

    def line_at(self, offset: int) -> int:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.lines[max(index, 0)]

    @classmethod
    def concat(cls, parts: Iterable[Paragraph]) -> Paragraph:
        """One Paragraph from several, keeping the offset -> raw line map."""
        out = cls()
        for part in parts:
            out.starts += [len(out.text) + start for start in part.starts]
            out.lines += part.lines
            out.text += part.text
        return out


def clean_line(raw: str) -> str:
    """Normalised line without Markdown heading marks or list bullets."""
    return _BULLET.sub("", _HEADING_MARK.sub("", norm(raw))).strip()


def join(numbered: Iterable[tuple[int, str]], markdown: bool = False) -> list[Paragraph]:
    """Join (line number, raw text) pairs into paragraphs (see the module docstring)."""
    result: list[Paragraph] = []
    current: Paragraph | None = None
    closed = True                      # the text so far may end here
    after_table = False
    for number, raw in numbered:
        if not raw.strip():
            continue
        is_row = "\t" in raw if markdown else "\t" in raw.strip("\t ")
        if markdown and is_row:
            current = Paragraph([number], [0], raw)
            result.append(current)
            closed, after_table = True, True
            continue
        piece = clean_line(raw) if markdown else norm(raw)
        if markdown and not piece:
            continue
        is_heading = markdown and raw.lstrip().startswith("#")
        starts_item = bool(_STARTS_ITEM.match(piece) or (not markdown and _LAYOUT_START.match(piece)))
        if current is None or closed or is_row or after_table or is_heading or starts_item:
            current = Paragraph()
            result.append(current)
        current.add(number, raw, piece)
        after_table = "\t" in raw
        ends = ends_sentence(current.text, normalised=True)
        closed = (brackets_balanced(current.text) and (ends or (is_heading and "。" not in current.text))
                  if markdown else ends)
    return [p for p in result if p.lines]


def regroup(paras: list[Paragraph], starts: re.Pattern) -> list[Paragraph]:
    """Merge paragraphs into items: a new item starts at each paragraph matching `starts`.

    (The joiner also ends a paragraph after '；' and at a line that begins like '12345.67万元';
    an item that must run to the next '三、' / '(四)' / '1.' is regrouped here.)
    """
    groups: list[list[Paragraph]] = []
    for para in paras:
        if not groups or starts.match(para.text):
            groups.append([])
        groups[-1].append(para)
    return [Paragraph.concat(group) for group in groups]


def is_heading_line(text: str) -> bool:
    """A short line without sentence punctuation, e.g. '(一) 资金筹措'."""
    return not re.search(r"[,。;:]", norm(text)) and len(re.sub(r"\s+", "", norm(text))) <= 20


def printed(para: Paragraph, line_of: Callable[[int], str], drop_heading: bool = False) -> str:
    """The paragraph as printed (full-width punctuation kept), lines joined across page breaks.

    With drop_heading, a heading line that the joiner glued to its body is left out.
    """
    lines = para.lines[1:] if drop_heading and len(para.lines) > 1 and is_heading_line(line_of(para.lines[0])) \
        else para.lines
    return "".join(line_of(n).strip().replace("**", "") for n in lines)
