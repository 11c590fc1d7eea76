"""SQL statements per request are bounded by the depth of the query, never by the number of rows.

Counted on a server without its response cache, which would answer the repeated request without any."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.support import document, graphql


async def _statements(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, *, errors: bool = False
) -> int:
    """How many SQL statements one request sends, read from db_queries_total around it (`errors`: it has some)."""

    async def total() -> float:
        text = (await client.get("/metrics")).text
        match = re.search(r'^db_queries_total\{purpose="request"\} (\S+)$', text, re.MULTILINE)
        assert match
        return float(match.group(1))

    await graphql(client, query, variables)  # warm: connections and type codecs are in place
    before = await total()
    body = await graphql(client, query, variables)
    assert ("errors" in body) == errors, body
    return int(await total() - before)


@pytest.mark.parametrize("first", [5, 50])
async def test_the_nested_initiatives_query_takes_five_statements(
    uncached_client: httpx.AsyncClient, first: int
) -> None:
    # initiatives page, focus areas, metric pages, latest observations, observation pages.
    assert await _statements(uncached_client, document("nested_initiatives"), {"first": first}) == 5


async def test_every_relation_of_a_metric_is_one_statement_for_all_metrics(uncached_client: httpx.AsyncClient) -> None:
    query = """{ metrics(first: 100) { totalCount nodes {
        latest { value source { attribution } } comparisons { value } targets { value }
        components { slug } initiative { slug focusArea { slug } } } } }"""
    # metrics page; latest; citations; dataset (edition); comparisons; targets; components; initiatives;
    # focus areas.
    assert await _statements(uncached_client, query) == 9


async def test_the_source_of_every_metric(uncached_client: httpx.AsyncClient) -> None:
    query = "{ metrics(first: 100) { nodes { source { quote attribution } } } }"
    # metrics page; latest, targets and comparisons (the source is that of the latest national value, else of a
    # target or comparison); for the metrics with none of those (a breakdown only), the latest citation of any
    # value; citations of the first kind, then of the second; dataset.
    assert await _statements(uncached_client, query) == 8


async def test_catalogues_with_their_entries_and_categories(uncached_client: httpx.AsyncClient) -> None:
    query = """{ serviceCatalogs { categories { name } entries(first: 5) { totalCount nodes { name
        categories { slug } source { page } } } } }"""
    # catalogues; categories; entry pages; citations; dataset. (The report files none of these entries under a
    # category, so the entry-categories loader has nothing to ask.)
    assert await _statements(uncached_client, query) == 5


async def test_milestones_with_their_initiatives(uncached_client: httpx.AsyncClient) -> None:
    query = "{ milestones(first: 100) { totalCount nodes { text initiative { title } source { page } } } }"
    # milestones page; initiatives by id; citations by id (each milestone cites its sentence); dataset.
    assert await _statements(uncached_client, query) == 4


async def test_a_municipality_comes_with_its_prefecture_in_one_statement(uncached_client: httpx.AsyncClient) -> None:
    query = '{ municipality(areaCode: "011002") { name prefecture { name } } }'
    assert await _statements(uncached_client, query) == 1


async def test_map_urls_of_a_page_of_metrics_take_one_statement(uncached_client: httpx.AsyncClient) -> None:
    query = '{ metrics(first: 100) { nodes { slug mapUrl dated: mapUrl(date: "2022-12-31") } } }'
    # metrics page; the levels of every metric (without and with the date) at once.
    assert await _statements(uncached_client, query) == 2
    nodes = (await graphql(uncached_client, query))["data"]["metrics"]["nodes"]
    mapped = {node["slug"]: (node["mapUrl"], node["dated"]) for node in nodes if node["mapUrl"]}
    assert tuple(url.split("/maps/")[1] for url in mapped["mynumber-card-issued-rate-soumu"]) == (
        "mynumber-card-issued-rate-soumu.svg",
        "mynumber-card-issued-rate-soumu.svg?date=2022-12-31",
    )
    assert all(node["mapUrl"] is None for node in nodes if node["slug"] == "mynaportal-registered-users")


RATE = 'metric(slug: "mynumber-card-issued-rate-soumu")'
# A page of one rank each: each alias prices its page, and 19 pages of 100 for 100 metrics would be too costly.
ALIASED_RANKINGS = " ".join(f"r{i}: ranking(level: MUNICIPALITY, first: 1) {{ areasWithValue }}" for i in range(19))
LISTED_RANKING = "slug ranking(level: PREFECTURE) { date areasWithValue entries { rank tied area { name } } }"
ONE_OR_ALL_METRICS = pytest.mark.parametrize(
    "metrics", [RATE, "metrics(first: 100)"], ids=["one metric", "all metrics"]
)


def _of_metrics(metrics: str, selection: str) -> str:
    """`selection` asked of one metric, or of every node of a page of metrics."""
    return f"{{ {metrics} {{ {selection} }} }}" if metrics == RATE else f"{{ {metrics} {{ nodes {{ {selection} }} }} }}"


@ONE_OR_ALL_METRICS
async def test_rankings_under_aliases_take_five_statements_whatever_the_metrics(
    uncached_client: httpx.AsyncClient, metrics: str
) -> None:
    query = _of_metrics(metrics, ALIASED_RANKINGS)
    # The metric(s); the latest municipal date of every metric; the ranks of every (metric, ranking) pair; their
    # counts of areas; the areas ranked. Each alias asking the same is the same key, so 19 aliases cost nothing more.
    assert await _statements(uncached_client, query) == 5
    body = await graphql(uncached_client, query)
    nodes = body["data"]["metrics"]["nodes"] if "metrics" in body["data"] else [body["data"]["metric"]]
    with_values = {ranking["areasWithValue"] for node in nodes for ranking in node.values()}
    assert with_values == ({0, 1741} if len(nodes) > 1 else {1741})


@ONE_OR_ALL_METRICS
async def test_a_ranking_in_a_list_of_metrics_takes_five_statements(
    uncached_client: httpx.AsyncClient, metrics: str
) -> None:
    query = _of_metrics(metrics, LISTED_RANKING)
    # The metric(s); the latest prefectural dates; the ranks; the counts; the prefectures ranked.
    assert await _statements(uncached_client, query) == 5


async def test_rankings_asked_in_different_ways_take_the_same_five_statements(
    uncached_client: httpx.AsyncClient,
) -> None:
    query = f"""{{ {RATE} {{
        latest: ranking(level: PREFECTURE) {{ entries {{ rank }} }}
        dated: ranking(level: MUNICIPALITY, date: "2020-04-01", first: 3) {{ entries {{ rank }} }}
        tokyo: ranking(level: MUNICIPALITY, areaCode: "13", ascending: true) {{ entries {{ rank }} }} }} }}"""
    # Dated or not, narrowed or not: the rankings of a level share one batch (the latest date is asked for the
    # first only).
    assert await _statements(uncached_client, query) == 5


@pytest.mark.parametrize(
    "query",
    [
        '{ a: metric(slug: "nope") { name } b: metric(slug: "nada") { name } }',
        '{ municipality(areaCode: "13") { name } prefecture(areaCode: "011002") { name } }',
        '{ initiative(slug: "nope") { title } }',
    ],
    ids=["metrics", "areas", "initiative"],
)
async def test_a_miss_takes_the_statement_of_a_hit(uncached_client: httpx.AsyncClient, query: str) -> None:
    # The error is told from the row looked up (or its absence): the misses of a request share one statement.
    assert await _statements(uncached_client, query, errors=True) == 1
