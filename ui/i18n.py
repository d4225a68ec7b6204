"""Language switch: 中文 (default) and English, on gettext.

`_(msgid)` returns the text in the current language. The msgid *is* the Chinese text, so pages
stay readable and the default language needs no catalogue; the English lives in
locale/en/LC_MESSAGES/messages.po (see docs/TRANSLATING.md). Placeholders use str.format:
_("{town}征缴任务", town=town). A count that changes the English word goes through
ngettext("{n} 个村", "{n} 个村", n) ("1 village" / "2 villages"); one Chinese word with two
English meanings through pgettext("机构", "单位") (or _("单位", context="机构")).

The .po file is compiled in memory on first use (Babel read_po → write_mo → gettext.GNUTranslations);
no .mo file is committed or written, so the catalogue in the repository is the only source.

Data values — town, village, department names, document titles, 文号, amounts and units
as printed — are never translated: they are what a reader checks against the bulletin.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import io
from collections.abc import Iterator
from pathlib import Path

from textkit.msg import N_, NC_, Msg, NMsg  # noqa: F401  (re-exported for the UI)

LANG_KEY = "lang"
DEFAULT = "zh"
LANGUAGES = {"zh": "中文", "en": "English"}
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "messages"


# A language set for this thread's work outside a script run (ui.warmup builds the English figures
# ahead of the first switch): see speaking(). A ContextVar, so it never reaches a session's run.
_speaking: contextvars.ContextVar[str | None] = contextvars.ContextVar("gazette_speaking", default=None)


@contextlib.contextmanager
def speaking(code: str) -> Iterator[None]:
    """Within the block, lang() is `code` in this thread (outside a script run only: ui.warmup)."""
    token = _speaking.set(code)
    try:
        yield
    finally:
        _speaking.reset(token)


def lang() -> str:
    """The current session's language code ('zh' outside a Streamlit run, unless speaking())."""
    forced = _speaking.get()
    if forced in LANGUAGES:
        return forced
    try:
        import streamlit as st

        value = st.session_state.get(LANG_KEY, DEFAULT)
    except (ImportError, RuntimeError):  # no Streamlit, or no script run context (unit tests, exports from a thread)
        return DEFAULT
    return value if value in LANGUAGES else DEFAULT


@functools.cache
def catalog(code: str):
    """The Babel catalogue of a language (None for the default language, whose text is the msgid)."""
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == DEFAULT or not path.exists():
        return None
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f, locale=code)


@functools.cache
def translations(code: str) -> gettext.NullTranslations:
    """gettext translations of a language, compiled in memory from its .po file."""
    found = catalog(code)
    if found is None:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, found, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _format(text: str, values: dict) -> str:
    return text.format(**values) if values else text


def _(msgid: str, lang_code: str | None = None, *, context: str = "", **values) -> str:
    """Text of `msgid` in the language; `context` tells apart one Chinese word with two English
    meanings (单位: a unit of measure, or an office), as pgettext(context, msgid) does."""
    if context:
        return pgettext(context, msgid, lang_code, **values)
    return _format(translations(lang_code or lang()).gettext(msgid), values)


def pgettext(context: str, msgid: str, lang_code: str | None = None, **values) -> str:
    """Text of `msgid` in `context`; falls back to the entry without context."""
    found = translations(lang_code or lang())
    text = found.pgettext(context, msgid)
    if text == msgid:
        text = found.gettext(msgid)
    return _format(text, values)


def ngettext(singular: str, plural: str, n: int, /, lang_code: str | None = None, **values) -> str:
    """Text for the count `n` ("{n} 个村" → "1 village" / "2 villages"); `{n}` is filled with n
    unless a value n= is given (e.g. the count already formatted: n=f"{count:,}")."""
    text = translations(lang_code or lang()).ngettext(singular, plural, n)
    return text.format(**{"n": n, **values})


def t_msg(message: object, lang_code: str | None = None) -> str:
    """A message built outside the UI (textkit.msg.Msg / NMsg: Chinese text carrying its msgid and
    values; or an error carrying one as `.msg`) in the current language; values that are messages
    themselves are translated too. Any other text is returned as it is (it has no msgid)."""
    message = getattr(message, "msg", message)
    msgid = getattr(message, "msgid", None)
    if msgid is None:
        return str(message)
    values = {k: (t_msg(v, lang_code) if hasattr(v, "msgid") else v)
              for k, v in getattr(message, "values", {}).items()}
    if isinstance(message, NMsg):
        return ngettext(msgid, message.plural, message.n, lang_code, **values)
    context = getattr(message, "context", "")
    if context:
        return pgettext(context, msgid, lang_code, **values)
    return _(msgid, lang_code, **values)


def has_translation(msgid: str, context: str = "", lang_code: str = "en") -> bool:
    found = catalog(lang_code)
    entry = found.get(msgid, context=context or None) if found is not None else None
    strings = entry.string if entry is not None and isinstance(entry.string, (tuple, list)) else [getattr(entry, "string", "")]
    return entry is not None and not entry.fuzzy and all(strings)
