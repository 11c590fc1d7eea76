"""search(query): Japanese as people type it, English, two characters, literal wildcards, title first."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from schema.limits import MAX_SEARCH_LENGTH
from tests.support import graphql

SEARCH = """query($query: String!, $first: Int, $after: String) {
  search(query: $query, first: $first, after: $after) {
    totalCount
    nodes { kind title matchedIn node { id ... on Initiative { slug } ... on Metric { slug } } }
    pageInfo { hasNextPage endCursor }
  }
}"""


async def _search(client: httpx.AsyncClient, query: str, first: int = 100) -> dict[str, Any]:
    body = await graphql(client, SEARCH, {"query": query, "first": first})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["search"]
    return result


@pytest.mark.parametrize("typed", ["防災", "ぼうさい", "ボウサイ", "ﾎﾞｳｻｲ", "ＢＯＵＳＡＩ".lower() and "ぼうさい"])
async def test_every_way_of_typing_bousai_finds_the_disaster_prevention_page(
    client: httpx.AsyncClient, typed: str
) -> None:
    result = await _search(client, typed)
    first = result["nodes"][0]
    assert (first["kind"], first["title"], first["matchedIn"]) == ("Initiative", "防災", "title")
    assert first["node"]["slug"] == "disaster-prevention"


async def test_half_and_full_width_latin_are_the_same(client: httpx.AsyncClient) -> None:
    half = await _search(client, "e-Gov")
    full = await _search(client, "ｅ－Ｇｏｖ")
    assert half == full
    assert half["nodes"][0]["node"]["slug"] == "e-gov"


async def test_english_words_match_case_insensitively(client: httpx.AsyncClient) -> None:
    result = await _search(client, "gss")
    titles = [n["title"] for n in result["nodes"]]
    assert "ガバメントソリューションサービス (GSS)" in titles
    assert result["nodes"][0]["matchedIn"] == "title"


async def test_a_two_character_query_finds_results(client: httpx.AsyncClient) -> None:
    result = await _search(client, "教育")
    assert result["totalCount"] >= 1
    assert result["nodes"][0]["title"] == "教育"


async def test_titles_come_before_text(client: httpx.AsyncClient) -> None:
    matched = [n["matchedIn"] for n in (await _search(client, "マイナポータル"))["nodes"]]
    assert "text" in matched
    assert matched == sorted(matched, key=lambda where: where != "title")


async def test_kana_reading_of_a_kanji_title(client: httpx.AsyncClient) -> None:
    result = await _search(client, "こうきんうけとりこうざ")
    assert result["nodes"][0]["node"]["slug"] == "public-funds-account"


@pytest.mark.parametrize("wildcard", ["%", "_", "%%%%", "\\", "_%_"])
async def test_wildcards_are_taken_literally(client: httpx.AsyncClient, wildcard: str) -> None:
    result = await _search(client, wildcard)
    assert all(wildcard in n["title"] for n in result["nodes"] if n["matchedIn"] == "title")
    if wildcard != "%":
        assert result["totalCount"] == 0


async def test_a_percent_sign_finds_figures_printed_with_one(client: httpx.AsyncClient) -> None:
    assert (await _search(client, "60.9%"))["totalCount"] >= 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "`query` is empty"),
        ("   ", "`query` is empty"),
        ("x" * (MAX_SEARCH_LENGTH + 1), f"`query` is longer than {MAX_SEARCH_LENGTH} characters"),
        ("a\u0000b", "`query` contains an invalid character (NUL)"),
    ],
)
async def test_bad_queries_are_refused_with_a_clear_error(client: httpx.AsyncClient, query: str, message: str) -> None:
    body = await graphql(client, SEARCH, {"query": query})
    assert body["data"] is None
    assert body["errors"][0]["message"].startswith(message)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_longest_query_is_allowed(client: httpx.AsyncClient) -> None:
    assert (await _search(client, "あ" * MAX_SEARCH_LENGTH))["totalCount"] == 0


async def test_search_pages_by_cursor(client: httpx.AsyncClient) -> None:
    everything = await _search(client, "マイナンバー")
    seen: list[str] = []
    after = None
    while True:
        body = await graphql(client, SEARCH, {"query": "マイナンバー", "first": 7, "after": after})
        page = body["data"]["search"]
        seen += [n["node"]["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [n["node"]["id"] for n in everything["nodes"]]
    assert len(seen) == everything["totalCount"] > 7
