"""search(query): one ranked connection over initiatives, metrics, milestones, catalogues and entries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db.search import search_count, search_form, search_page
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.errors import BadUserInput
from schema.limits import MAX_SEARCH_LENGTH
from schema.pagination import After, Before, First, Last, PageRequest
from schema.strings import checked
from schema.types.search_result import SearchResult

SEARCH_CURSOR = "search"
QUERY_DESCRIPTION = (
    f"Words to find (1..{MAX_SEARCH_LENGTH} characters), as typed: full- or half-width, hiragana or katakana, "
    "kanji or its kana reading. `%` and `_` are taken literally."
)


@strawberry.type
class SearchQuery:
    @strawberry.field(description="Objects whose title, kana reading or text contains the query; title matches first.")
    async def search(
        self,
        info: Info,
        query: Annotated[str, strawberry.argument(description=QUERY_DESCRIPTION)],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[SearchResult]:
        page = PageRequest.from_arguments(SEARCH_CURSOR, first, after, last, before)
        term = search_form(checked(query, "query", max_length=MAX_SEARCH_LENGTH)).strip()
        if not term:
            raise BadUserInput("`query` is empty: give at least one character to search for")
        pool = info.context.pool
        rows = await search_page(pool, page.slice(), term)

        async def count() -> int:
            return await search_count(pool, term)

        return ranked_connection(page, SEARCH_CURSOR, rows, SearchResult.from_row, count)
