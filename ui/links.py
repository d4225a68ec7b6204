"""Links to a town's profile page (/towns?town=…), for every town name shown in the app.

Pure string helpers: usable in st.markdown, and as URLs in st.column_config.LinkColumn.
A link opened from the English view carries ?lang=en, so the page it opens stays in English
(a Markdown or table link loads the page afresh, in a new session).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from ui import i18n

TOWNS_PATH = "/towns"
# The LinkColumn shows the town name (the ?town= value) instead of the whole URL.
TOWN_LINK_DISPLAY = r"town=([^&]*)"
_UNSAFE = re.compile(r"[\s&#?%+=()\[\]<>\"']")


def _param(value: str) -> str:
    """Chinese characters stay readable (browsers encode them); only characters that would
    break a query string or a Markdown link are percent-encoded."""
    return _UNSAFE.sub(lambda m: quote(m.group(0), safe=""), value)


def with_lang(url: str, lang: str | None = None) -> str:
    """'/roads?town=曲堤街道' -> '/roads?town=曲堤街道&lang=en' in the English view; unchanged in Chinese."""
    code = lang or i18n.lang()
    if code == i18n.DEFAULT or f"{i18n.LANG_KEY}=" in url.partition("?")[2]:
        return url  # Chinese, or the language is already in the link
    return f"{url}{'&' if '?' in url else '?'}{i18n.LANG_KEY}={code}"


def page_url(path: str, lang: str | None = None, **params: str) -> str:
    """'/documents', q='曲堤街道' -> '/documents?q=曲堤街道' (plus the language when not Chinese)."""
    query = "&".join(f"{k}={_param(str(v))}" for k, v in params.items())
    return with_lang(f"{path}?{query}" if query else path, lang)


def town_url(name: str, lang: str | None = None) -> str:
    """'曲堤街道' -> '/towns?town=曲堤街道' (the page opens that town's profile)."""
    return page_url(TOWNS_PATH, lang, town=name)


def town_link(name: str, label: str | None = None) -> str:
    """Markdown link to the town's profile: '[曲堤街道](/towns?town=…)'."""
    return f"[{label or name}]({town_url(name)})"


def town_links(names: Iterable[str], sep: str = "、") -> str:
    return sep.join(town_link(n) for n in names)


def linkify_towns(text: str, town_names: Iterable[str]) -> str:
    """Turn every full town name inside `text` into a link (longest names first, once each)."""
    names = sorted({n for n in town_names if n}, key=len, reverse=True)
    if not text or not names:
        return text or ""
    pattern = re.compile("|".join(re.escape(n) for n in names))
    return pattern.sub(lambda m: town_link(m.group(0)), text)
