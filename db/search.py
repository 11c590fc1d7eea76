"""Substring search over the search documents: the normal form shared by loads and queries, and the query."""

from __future__ import annotations

import unicodedata

from db.paging import Slice
from db.sql import sql
from db.types import Executor, Record

_KATAKANA = range(ord("ァ"), ord("ヶ") + 1)
_TO_HIRAGANA = {code: code - 0x60 for code in _KATAKANA}


def search_form(text: str) -> str:
    """NFKC (full/half width folded), lower case, katakana as hiragana: 「ﾎﾞｳｻｲ」 and 「ボウサイ」 -> 「ぼうさい」."""
    return unicodedata.normalize("NFKC", text).lower().translate(_TO_HIRAGANA)


def like_literal(text: str) -> str:
    """`text` with LIKE's wildcards and escape character taken literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def search_page(db: Executor, page: Slice, query: str) -> list[Record]:
    """Documents matching `query` (already in search form), best first, with `rank`, `total` and `tier`."""
    literal = like_literal(query)
    return list(await db.fetch(sql("search_page"), *page.arguments()[:4], query, f"{literal}%", f"%{literal}%"))


async def search_count(db: Executor, query: str) -> int:
    count: int = await db.fetchval(sql("search_count"), f"%{like_literal(query)}%")
    return count
