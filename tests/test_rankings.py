"""Rankings loaded in batches answer exactly as one ranking asked at a time did."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.support import document, graphql

RATE = 'metric(slug: "mynumber-card-issued-rate-soumu")'


def _digest(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@pytest.mark.parametrize(
    ("name", "digest"),
    [
        # Digests of the answers given when each ranking sent its own three statements (before the batches).
        ("rankings_of_every_metric", "fddb9f308c858980f4183c6578afe8e31a909428e72d40fcb19ffa3e568f9be6"),
        ("rankings_of_one_metric", "8e3638db6d08d71fccb1546388b5a6356a83a5ce7a7cfda2708323821a59e642"),
    ],
)
async def test_rankings_answer_as_they_did_one_at_a_time(client: httpx.AsyncClient, name: str, digest: str) -> None:
    body = await graphql(client, document(name))
    assert "errors" not in body, body
    assert _digest(body) == digest


async def test_each_ranking_of_a_batch_is_its_own(client: httpx.AsyncClient) -> None:
    body = await graphql(client, document("rankings_of_one_metric"))
    rankings: dict[str, Any] = body["data"]["metric"]

    def summary(alias: str) -> tuple[Any, ...]:
        r = rankings[alias]
        firsts = [(e["rank"], e["tied"], e["area"]["code"], e["observation"]["exactValue"]) for e in r["entries"][:3]]
        ties = [(e["rank"], e["area"]["code"], e["observation"]["exactValue"]) for e in r["entries"] if e["tied"]]
        return (r["date"], r["areas"], r["areasWithValue"], r["areasWithoutValue"], firsts, ties[:2])

    assert summary("a") == (
        "2022-12-31", 47, 47, 0,
        [(1, False, "450006", "71.6"), (2, False, "380008", "62.5"), (3, False, "290009", "61.4")],
        [(12, "140007", "58.7"), (12, "320005", "58.7")],
    )  # fmt: skip
    assert summary("b") == (
        "2020-04-01", 1741, 1741, 0,
        [(1, False, "155861", "61.0"), (2, False, "443221", "47.7"), (3, False, "085421", "39.6")],
        [(22, "131024", "25.6"), (22, "272124", "25.6")],
    )  # fmt: skip
    assert summary("c") == (
        "2021-04-01", 62, 62, 0,
        [(1, False, "131024", "40.4"), (2, False, "131032", "39.4"), (3, False, "133825", "38.7")],
        [(8, "131059", "36.5"), (8, "131105", "36.5")],
    )  # fmt: skip
    assert summary("d")[:5] == (
        "2022-12-31", 47, 47, 0,
        [(1, False, "470007", "46.0"), (2, False, "100005", "51.2"), (3, False, "390003", "51.6")],
    )  # fmt: skip
    # Ties share a rank and the next rank skips (1, 2, 2, 4): after a pair at 22 comes 24.
    assert [e["rank"] for e in rankings["b"]["entries"][20:24]] == [21, 22, 22, 24]


async def test_an_alias_answers_as_the_same_ranking_asked_alone(client: httpx.AsyncClient) -> None:
    arguments = [
        "level: PREFECTURE",
        "level: PREFECTURE, ascending: true, first: 5",
        'level: MUNICIPALITY, areaCode: "01", first: 20',
        'level: MUNICIPALITY, date: "2019-04-01", first: 30',
        'level: MUNICIPALITY, areaCode: "47", date: "2022-12-31", ascending: true',
    ]
    fields = "date areas areasWithValue entries { rank tied area { code } observation { exactValue } }"
    aliases = " ".join(f"r{i}: ranking({a}) {{ {fields} }}" for i, a in enumerate(arguments))
    together = (await graphql(client, f"{{ {RATE} {{ {aliases} }} }}"))["data"]["metric"]
    for i, a in enumerate(arguments):
        alone = (await graphql(client, f"{{ {RATE} {{ ranking({a}) {{ {fields} }} }} }}"))["data"]["metric"]
        assert together[f"r{i}"] == alone["ranking"], a
        assert together[f"r{i}"]["entries"], a


async def test_a_date_without_values_fails_only_its_own_ranking(client: httpx.AsyncClient) -> None:
    query = f"""{{ {RATE} {{ good: ranking(level: PREFECTURE) {{ areas }}
        bad: ranking(level: PREFECTURE, date: "2022-12-30") {{ areas }} }} }}"""
    body = await graphql(client, query)
    assert body["data"] == {"metric": None}  # a ranking is not nullable
    [error] = body["errors"]
    assert (error["path"], error["extensions"]["code"]) == (["metric", "bad"], "NOT_FOUND")
    assert error["message"] == (
        "The metric 'mynumber-card-issued-rate-soumu' has no prefecture values on 2022-12-30; the nearest dates "
        "with values are 2022-11-30 and 2022-12-31, of 47 dates from 2017-03-08 to 2022-12-31."
    )


async def test_metrics_without_area_values_rank_nothing_beside_those_with(client: httpx.AsyncClient) -> None:
    query = "{ metrics(first: 100) { nodes { slug ranking(level: MUNICIPALITY, first: 1) { date areasWithValue } } } }"
    nodes = (await graphql(client, query))["data"]["metrics"]["nodes"]
    ranked = {n["slug"]: (n["ranking"]["date"], n["ranking"]["areasWithValue"]) for n in nodes if n["ranking"]["date"]}
    assert ranked == {
        "mynumber-card-issued-soumu": ("2022-12-31", 1741),
        "mynumber-card-issued-rate-soumu": ("2022-12-31", 1741),
        "mynumber-card-population-base-soumu": ("2022-01-01", 1741),  # its own latest date, in the same batch
    }
    assert all(n["ranking"] == {"date": None, "areasWithValue": 0} for n in nodes if n["slug"] not in ranked)


# --- a connection over every ranked area ----------------------------------------------------------------------------

MUNICIPAL = {"level": "MUNICIPALITY", "date": "2020-04-01"}  # 1,741 municipalities, ties included (22, 22, 24)


async def _page(client: httpx.AsyncClient, **variables: Any) -> Any:
    body = await graphql(client, document("ranking_page"), {**MUNICIPAL, **variables})
    assert "errors" not in body, body
    return body["data"]["metric"]["ranking"]


async def _walk(client: httpx.AsyncClient, backward: bool = False, **variables: Any) -> list[Any]:
    """Every edge of the ranking, a page of 100 at a time, in ranking order (a backward walk put back in order)."""
    pages: list[list[Any]] = []
    cursor: str | None = None
    while True:
        if backward:
            page = await _page(client, last=100, before=cursor, **variables)
            pages.insert(0, page["edges"])
            more, cursor = page["pageInfo"]["hasPreviousPage"], page["pageInfo"]["startCursor"]
        else:
            page = await _page(client, first=100, after=cursor, **variables)
            pages.append(page["edges"])
            more, cursor = page["pageInfo"]["hasNextPage"], page["pageInfo"]["endCursor"]
        assert page["totalCount"] == page["areasWithValue"] == 1741
        assert len(page["edges"]) == 100 or not more
        if not more:
            return [edge for edges in pages for edge in edges]


def _ranks_are_shared_by_equal_values(edges: list[Any], ascending: bool = False) -> None:
    """Each area's rank is 1 + the number of areas with a better value; equal values are ordered by code."""
    values = [Decimal(edge["node"]["observation"]["exactValue"]) for edge in edges]
    better = sorted(values, reverse=not ascending)
    assert values == better
    for position, (edge, value) in enumerate(zip(edges, values, strict=True)):
        node = edge["node"]
        assert node["rank"] == better.index(value) + 1
        assert node["tied"] == (better.count(value) > 1)
        if position and values[position - 1] == value:
            assert edges[position - 1]["node"]["area"]["code"] < node["area"]["code"]


async def test_paging_forward_visits_every_municipality_once_in_rank_order(client: httpx.AsyncClient) -> None:
    edges = await _walk(client)
    codes = [edge["node"]["area"]["code"] for edge in edges]
    assert len(codes) == len(set(codes)) == 1741
    _ranks_are_shared_by_equal_values(edges)
    assert [edge["node"]["rank"] for edge in edges[20:24]] == [21, 22, 22, 24]
    # The 900th of 1,741, unreachable when a ranking stopped at 100.
    # 22 areas share rank 883 (13.0 %), at positions 883..904; the next value is ranked 905.
    assert [(e["node"]["rank"], e["node"]["observation"]["exactValue"]) for e in edges[881:883]] == [
        (868, "13.1"),
        (883, "13.0"),
    ]
    assert {(e["node"]["rank"], e["node"]["observation"]["exactValue"]) for e in edges[882:904]} == {(883, "13.0")}
    assert (edges[904]["node"]["rank"], edges[904]["node"]["observation"]["exactValue"]) == (905, "12.9")
    assert edges[899]["node"]["area"]["code"] == "413453"  # the 900th, ranked 883rd with 21 others


async def test_paging_backward_visits_the_same_municipalities_in_the_same_order(client: httpx.AsyncClient) -> None:
    forward = await _walk(client)
    backward = await _walk(client, backward=True)
    assert [e["node"] for e in backward] == [e["node"] for e in forward]
    assert [e["cursor"] for e in backward] == [e["cursor"] for e in forward]


async def test_an_ascending_ranking_pages_lowest_first(client: httpx.AsyncClient) -> None:
    edges = await _walk(client, ascending=True)
    assert len({edge["node"]["area"]["code"] for edge in edges}) == 1741
    _ranks_are_shared_by_equal_values(edges, ascending=True)
    assert (await _page(client, last=1, ascending=True))["edges"][0]["node"] == edges[-1]["node"]


async def test_a_ranking_answers_ten_ranks_unless_asked_and_entries_are_its_nodes(client: httpx.AsyncClient) -> None:
    fields = "totalCount entries { rank area { code } } nodes { rank area { code } } pageInfo { hasNextPage }"
    aliases = f"a: ranking(level: PREFECTURE) {{ {fields} }} b: ranking(level: PREFECTURE, last: 5) {{ {fields} }}"
    query = f"{{ {RATE} {{ {aliases} }} }}"
    rankings = (await graphql(client, query))["data"]["metric"]
    first, last = rankings["a"], rankings["b"]
    assert len(first["nodes"]) == 10 and first["entries"] == first["nodes"]
    assert (first["totalCount"], first["pageInfo"]["hasNextPage"]) == (47, True)
    assert [n["rank"] for n in last["nodes"]] == [43, 44, 45, 46, 47] and last["entries"] == last["nodes"]
    assert last["pageInfo"]["hasNextPage"] is False


async def test_entries_are_deprecated_for_nodes(client: httpx.AsyncClient) -> None:
    query = (
        '{ __type(name: "AreaRanking") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }'
    )
    fields = {f["name"]: f for f in (await graphql(client, query))["data"]["__type"]["fields"]}
    assert fields["entries"]["isDeprecated"] and fields["entries"]["deprecationReason"].startswith("Use `nodes`")
    assert not fields["nodes"]["isDeprecated"]


async def test_pages_of_a_ranking_asked_together_answer_as_asked_alone(client: httpx.AsyncClient) -> None:
    cursor = (await _page(client, first=100))["pageInfo"]["endCursor"]
    arguments = [
        f'level: MUNICIPALITY, date: "2020-04-01", first: 100, after: "{cursor}"',
        f'level: MUNICIPALITY, date: "2020-04-01", last: 3, before: "{cursor}"',
        'level: MUNICIPALITY, date: "2020-04-01", last: 7',
        'level: MUNICIPALITY, date: "2020-04-01", last: 7, ascending: true',
        'level: MUNICIPALITY, prefecture: "13", last: 4',
    ]
    fields = "totalCount pageInfo { hasNextPage hasPreviousPage } edges { cursor node { rank area { code } } }"
    aliases = " ".join(f"r{i}: ranking({a}) {{ {fields} }}" for i, a in enumerate(arguments))
    together = (await graphql(client, f"{{ {RATE} {{ {aliases} }} }}"))["data"]["metric"]
    for i, a in enumerate(arguments):
        alone = (await graphql(client, f"{{ {RATE} {{ ranking({a}) {{ {fields} }} }} }}"))["data"]["metric"]
        assert together[f"r{i}"] == alone["ranking"], a
    # The 98th to 100th areas before the cursor (ties share a rank), the 101st to 200th after it.
    assert [e["node"]["rank"] for e in together["r1"]["edges"]] == [94, 98, 98]
    assert len(together["r0"]["edges"]) == 100 and together["r0"]["pageInfo"]["hasPreviousPage"]
    assert together["r4"]["totalCount"] == 62 and not together["r4"]["pageInfo"]["hasNextPage"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ('after: "not a cursor"', "`after` is not a valid cursor for this list"),
        ('last: 1, before: "djE6cmFua2luZzp0ZW4"', "`before` is not a valid cursor for this list"),  # v1:ranking:ten
        # v1:ranking:99999999999999999999, beyond any position (was an internal error), and v1:ranking:-5
        ('after: "djE6cmFua2luZzo5OTk5OTk5OTk5OTk5OTk5OTk5OQ"', "`after` is not a valid cursor for this list"),
        ('after: "djE6cmFua2luZzotNQ"', "`after` is not a valid cursor for this list"),
        ("first: 1, last: 1", "pass either `first` or `last`, not both"),
        ("last: 0", "`last` must be between 1 and 100, got 0"),
        ("last: 101", "`last` must be between 1 and 100, got 101"),
    ],
)
async def test_a_bad_page_of_a_ranking_is_refused_with_the_reason(
    client: httpx.AsyncClient, arguments: str, message: str
) -> None:
    body = await graphql(client, f"{{ {RATE} {{ ranking(level: PREFECTURE, {arguments}) {{ totalCount }} }} }}")
    [error] = body["errors"]
    assert (error["message"], error["extensions"]["code"]) == (message, "BAD_USER_INPUT")


async def test_a_cursor_of_another_list_is_refused(client: httpx.AsyncClient) -> None:
    municipalities = await graphql(client, "{ municipalities(first: 1) { pageInfo { endCursor } } }")
    cursor = municipalities["data"]["municipalities"]["pageInfo"]["endCursor"]
    body = await graphql(client, f'{{ {RATE} {{ ranking(level: PREFECTURE, after: "{cursor}") {{ totalCount }} }} }}')
    [error] = body["errors"]
    assert (error["message"], error["extensions"]["code"]) == (
        "`after` is not a valid cursor for this list",
        "BAD_USER_INPUT",
    )


async def test_the_last_page_of_100_ranks_is_reachable_and_at_the_limit(client: httpx.AsyncClient) -> None:
    page = await _page(client, last=100)
    assert len(page["edges"]) == 100
    assert (page["pageInfo"]["hasPreviousPage"], page["pageInfo"]["hasNextPage"]) == (True, False)
    before = await _page(client, last=100, before=page["pageInfo"]["startCursor"])
    assert before["edges"][-1]["node"]["rank"] <= page["edges"][0]["node"]["rank"]
