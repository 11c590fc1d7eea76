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
    assert (first["kind"], first["title"], first["matchedIn"]) == ("INITIATIVE", "防災", "TITLE")
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
    assert result["nodes"][0]["matchedIn"] == "TITLE"


async def test_a_two_character_query_finds_results(client: httpx.AsyncClient) -> None:
    result = await _search(client, "教育")
    assert result["totalCount"] >= 1
    assert result["nodes"][0]["title"] == "教育"


async def test_titles_come_before_text(client: httpx.AsyncClient) -> None:
    matched = [n["matchedIn"] for n in (await _search(client, "マイナポータル"))["nodes"]]
    assert "TEXT" in matched
    assert matched == sorted(matched, key=lambda where: where != "TITLE")


async def test_kana_reading_of_a_kanji_title(client: httpx.AsyncClient) -> None:
    result = await _search(client, "こうきんうけとりこうざ")
    assert result["nodes"][0]["node"]["slug"] == "public-funds-account"


@pytest.mark.parametrize("wildcard", ["%", "_", "%%%%", "\\", "_%_"])
async def test_wildcards_are_taken_literally(client: httpx.AsyncClient, wildcard: str) -> None:
    result = await _search(client, wildcard)
    assert all(wildcard in n["title"] for n in result["nodes"] if n["matchedIn"] == "TITLE")
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


KINDS = """query($query: String!, $kinds: [SearchKind!], $first: Int) {
  search(query: $query, kinds: $kinds, first: $first) { totalCount nodes { kind title node { id } } }
}"""


async def _kinds(client: httpx.AsyncClient, query: str, kinds: list[str] | None, first: int = 100) -> dict[str, Any]:
    body = await graphql(client, KINDS, {"query": query, "kinds": kinds, "first": first})
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["search"]
    return result


async def test_ai_finds_the_ai_page_and_no_area_whose_english_name_merely_holds_ai(client: httpx.AsyncClient) -> None:
    result = await _kinds(client, "AI", None)
    assert result["nodes"][0]["title"] == "AI"
    assert {n["kind"] for n in result["nodes"]}.isdisjoint({"PREFECTURE", "MUNICIPALITY"})
    assert result["totalCount"] == len(result["nodes"]) < 30


async def test_an_areas_english_name_matches_whole_words_only(client: httpx.AsyncClient) -> None:
    assert (await _kinds(client, "sapporo", ["MUNICIPALITY"]))["nodes"][0]["title"] == "札幌市"
    assert (await _kinds(client, "sappor", ["MUNICIPALITY", "PREFECTURE"]))["totalCount"] == 0


async def test_kinds_narrow_the_results_and_their_count(client: httpx.AsyncClient) -> None:
    everything = await _kinds(client, "マイナポータル", None)
    metrics = await _kinds(client, "マイナポータル", ["METRIC"])
    both = await _kinds(client, "マイナポータル", ["METRIC", "INITIATIVE", "METRIC"])
    assert {n["kind"] for n in metrics["nodes"]} == {"METRIC"}
    assert metrics["totalCount"] == len(metrics["nodes"]) < everything["totalCount"]
    assert {n["kind"] for n in both["nodes"]} == {"METRIC", "INITIATIVE"}
    assert both["nodes"][0]["title"] == "マイナポータル"


async def test_an_empty_list_of_kinds_is_refused(client: httpx.AsyncClient) -> None:
    body = await graphql(client, KINDS, {"query": "防災", "kinds": []})
    assert body["data"] is None
    assert body["errors"][0]["message"].startswith("`kinds` is empty")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_agency_role_is_found_and_fetched_by_its_id(client: httpx.AsyncClient) -> None:
    found = (await _kinds(client, "全体設計", ["AGENCY_ROLE"]))["nodes"]
    assert [n["kind"] for n in found] == ["AGENCY_ROLE"]
    body = await graphql(client, "query($id: ID!) { node(id: $id) { ... on AgencyRole { position text } } }",
                         {"id": found[0]["node"]["id"]})  # fmt: skip
    assert body["data"]["node"] == {"position": 1, "text": found[0]["title"]}


async def test_one_wrong_character_is_forgiven_only_when_nothing_matches_as_typed(client: httpx.AsyncClient) -> None:
    typo = await _kinds(client, "マイナポータk", None)
    assert typo["nodes"][0]["title"] == "マイナポータル"
    assert typo["totalCount"] == len(typo["nodes"])
    # Found as typed: its one-off neighbour 「公金受取口座の登録率」 is not added.
    exact = [n["title"] for n in (await _kinds(client, "公金受取口座の登録件数", None))["nodes"]]
    assert exact[0] == "公金受取口座の登録件数"
    assert "公金受取口座の登録率" not in exact
    # Three characters with one wrong would match almost anything: not forgiven.
    assert (await _kinds(client, "防炎庁", None))["totalCount"] == 0


ENGLISH = """{
  initiatives(first: 30) { nodes { slug englishTitle { text official } } }
  focusAreas { englishTitle { text official } }
  metric(slug: "mynaportal-registered-users") { englishTitle { text official } }
  serviceCatalog(slug: "dfft-history") { englishTitle { text official } }
}"""


async def test_english_titles_say_whether_they_are_the_agencys_or_hirakus(client: httpx.AsyncClient) -> None:
    data = (await graphql(client, ENGLISH))["data"]
    titles = {n["slug"]: n["englishTitle"] for n in data["initiatives"]["nodes"]}
    assert titles["mynaportal"] == {"text": "Myna Portal", "official": True}
    assert titles["disaster-prevention"] == {"text": "Disaster prevention", "official": False}
    assert all(t is not None for t in titles.values())
    assert all(a["englishTitle"]["official"] is False for a in data["focusAreas"])
    assert data["metric"]["englishTitle"] == {"text": "Registered users of Myna Portal", "official": False}
    assert data["serviceCatalog"]["englishTitle"] == {"text": "History of DFFT", "official": True}
