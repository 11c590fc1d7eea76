"""search(query, kinds): one ranked connection over everything the report and the directory hold."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db.search import search_count, search_page, search_terms, typo_terms
from schema.connection import Connection, ranked_connection
from schema.context import Info
from schema.enums import SearchKind
from schema.errors import BadUserInput
from schema.limits import MAX_SEARCH_LENGTH
from schema.pagination import After, Before, First, Last, PageRequest
from schema.strings import checked
from schema.types.search_result import SearchResult

SEARCH_CURSOR = "search"
QUERY_DESCRIPTION = (
    f"Words to find (1..{MAX_SEARCH_LENGTH} characters), as typed: full- or half-width, hiragana or katakana, "
    "kanji or its kana reading, romaji (bousai, bōsai, bosai) or English; kanji and okurigana variants and the "
    "names people use (マイナ保険証) are folded as the README's search section lists. When nothing matches as typed, "
    "one wrong, extra or missing character in a title is forgiven (queries of 4..20 characters). `%` and `_` are "
    "taken literally."
)


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Objects whose title, reading, English title or text holds the query; title matches first."
    )
    async def search(
        self,
        info: Info,
        query: Annotated[str, strawberry.argument(description=QUERY_DESCRIPTION)],
        kinds: Annotated[
            list[SearchKind] | None, strawberry.argument(description="Only these kinds (default: every kind).")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[SearchResult]:
        page = PageRequest.from_arguments(SEARCH_CURSOR, first, after, last, before)
        terms = search_terms(checked(query, "query", max_length=MAX_SEARCH_LENGTH))
        if terms is None:
            raise BadUserInput("`query` is empty: give at least one character to search for")
        if kinds is not None and not kinds:
            raise BadUserInput("`kinds` is empty: name at least one kind, or leave it out to search every kind")
        wanted = sorted({kind.value for kind in kinds}) if kinds is not None else None
        pool = info.context.pool
        first_page = after is None and before is None
        rows = await search_page(pool, page.slice(), terms, wanted)
        # An empty first page means nothing matched as typed; after a cursor, only the count can tell.
        if (
            not rows
            and (forgiving := typo_terms(query))
            and (first_page or await search_count(pool, terms, wanted) == 0)
        ):
            terms = forgiving
            rows = await search_page(pool, page.slice(), terms, wanted)

        async def count() -> int:
            return await search_count(pool, terms, wanted)

        return ranked_connection(page, SEARCH_CURSOR, rows, SearchResult.from_row, count)
