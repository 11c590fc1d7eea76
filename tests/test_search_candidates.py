"""Search tries its patterns on candidates only (db/migrations/012_search_grams.sql): documents holding every
character pair of the query. These tests check that no document the patterns match is ever left out, for queries
cut from the documents' own text, one-character typos of them, and characters outside the BMP."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import pytest

from db.paging import Slice
from db.search import Candidates, SearchTerms, search_count, search_page, search_terms, typo_terms

# The patterns of search_page.sql that decide a match, tried on every document, without candidates.
EVERY_DOCUMENT = """
SELECT count(*) FROM search_document AS d
WHERE d.names_norm LIKE ANY($1::text[]) OR d.latin_norm LIKE ANY($2::text[])
   OR d.words_norm LIKE ANY($3::text[]) OR d.body_norm LIKE ANY($4::text[])
"""
EVERY_PAGE = Slice(limit=10_000)


@pytest.fixture
async def connection(loaded_dsn: str) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(loaded_dsn)
    yield connection
    await connection.close()


@pytest.mark.parametrize("text", ["a", "防災", "e-Gov", "my number card", "𠮷野家の𠮷", "ｶﾞ", "100%_\\"])
async def test_a_text_holds_the_pairs_of_every_piece_of_it(connection: asyncpg.Connection, text: str) -> None:
    grams = set(await connection.fetchval("SELECT search_grams($1)", f"前{text}後"))
    pieces = [text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)]
    for piece in pieces:
        assert set(Candidates.of([[piece]]).grams) <= grams, piece


EVERY_COLUMN = "SELECT title, names_norm, latin_norm, words_norm, body_norm FROM search_document ORDER BY id"
NAMES_AND_TEXT = "SELECT title, names_norm, body_norm FROM search_document ORDER BY id"


async def _documents_text(connection: asyncpg.Connection, query: str) -> list[str]:
    rows = await connection.fetch(query)
    # Every 40th document: a few hundred queries, a few seconds.
    return [value.strip() for row in rows[::40] for value in row.values() if value.strip()]


async def _every_column(connection: asyncpg.Connection) -> list[str]:
    """Titles, readings, romaji, English names and text."""
    return await _documents_text(connection, EVERY_COLUMN)


def _queries(texts: list[str]) -> list[str]:
    """Pieces of 1, 2 and 5 characters from the middle and the end of each text (deterministic)."""
    found: dict[str, None] = {}
    for text in texts:
        for length in (1, 2, 5):
            for start in (len(text) // 2, max(0, len(text) - length)):
                piece = text[start : start + length].strip()
                if piece:
                    found[piece] = None
    return list(found)


async def _agrees_with_every_document(connection: asyncpg.Connection, terms: SearchTerms) -> int:
    expected = await connection.fetchval(
        EVERY_DOCUMENT, terms.anywhere, terms.latin_word, terms.words_whole, terms.body
    )
    rows = await search_page(connection, EVERY_PAGE, terms, None)
    assert len(rows) == expected
    assert await search_count(connection, terms, None) == expected
    return int(expected)


async def test_candidates_leave_out_no_document_the_query_matches(connection: asyncpg.Connection) -> None:
    queries = _queries(await _every_column(connection))
    assert len(queries) > 200
    for query in queries:
        terms = search_terms(query)
        if terms is not None:
            await _agrees_with_every_document(connection, terms)


async def test_a_piece_of_a_documents_names_or_text_finds_it(connection: asyncpg.Connection) -> None:
    # Romaji and English match at word starts only, so pieces of them need not find anything.
    for query in _queries(await _documents_text(connection, NAMES_AND_TEXT)):
        terms = search_terms(query)
        if terms is not None:
            assert await _agrees_with_every_document(connection, terms) >= 1, query


async def test_candidates_leave_out_no_document_a_one_character_typo_matches(connection: asyncpg.Connection) -> None:
    # Every 4th: a typo is tried as up to 20 patterns per column, on every document.
    queries = [query for query in _queries(await _every_column(connection)) if len(query) >= 4][::4]
    checked = 0
    for query in queries:
        typo = query[:2] + "x" + query[3:]
        for terms in (typo_terms(typo), typo_terms(query)):
            if terms is not None:
                await _agrees_with_every_document(connection, terms)
                checked += 1
    assert checked > 20
