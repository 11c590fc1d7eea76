"""Walking every connection by cursors, forwards and backwards, yields every row exactly once, in order."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support import graphql

PAGE = "edges { cursor node { ...Key } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount"
KEYS = """
fragment Key on Node { id }
"""
CONNECTIONS = {
    "initiatives": ("query($first: Int, $after: String, $last: Int, $before: String) "
                    "{ c: initiatives(first: $first, after: $after, last: $last, before: $before) { PAGE } }"),
    "initiatives by title": ("query($first: Int, $after: String, $last: Int, $before: String) "
                             "{ c: initiatives(first: $first, after: $after, last: $last, before: $before, "
                             "orderBy: {field: TITLE, direction: DESC}) { PAGE } }"),
    "metrics": ("query($first: Int, $after: String, $last: Int, $before: String) "
                "{ c: metrics(first: $first, after: $after, last: $last, before: $before) { PAGE } }"),
    "metrics by name": ("query($first: Int, $after: String, $last: Int, $before: String) "
                        "{ c: metrics(first: $first, after: $after, last: $last, before: $before, "
                        "orderBy: {field: NAME}) { PAGE } }"),
    "milestones by due date": ("query($first: Int, $after: String, $last: Int, $before: String) "
                               "{ c: milestones(first: $first, after: $after, last: $last, before: $before, "
                               "orderBy: {field: DUE}) { PAGE } }"),
    "services": ("query($first: Int, $after: String, $last: Int, $before: String) "
                 "{ c: services(first: $first, after: $after, last: $last, before: $before) { PAGE } }"),
    "metrics of an initiative": ("query($first: Int, $after: String, $last: Int, $before: String) "
                                 "{ x: initiative(slug: \"jgrants-gbizid\") { "
                                 "c: metrics(first: $first, after: $after, last: $last, before: $before) { PAGE } } }"),
    "entries of a catalogue": ("query($first: Int, $after: String, $last: Int, $before: String) "
                               "{ x: serviceCatalog(slug: \"gss-adopting-agencies\") { "
                               "c: entries(first: $first, after: $after, last: $last, before: $before) { PAGE } } }"),
}  # fmt: skip


def _connection(data: dict[str, Any]) -> dict[str, Any]:
    holder = data.get("x", data)
    assert holder is not None
    connection: dict[str, Any] = holder["c"]
    return connection


async def _walk(client: httpx.AsyncClient, query: str, size: int, *, backward: bool) -> tuple[list[str], int]:
    seen: list[str] = []
    cursor = None
    total = -1
    for _ in range(1000):
        variables = {"last": size, "before": cursor} if backward else {"first": size, "after": cursor}
        body = await graphql(client, query, variables)
        assert "errors" not in body, body
        page = _connection(body["data"])
        total = page["totalCount"]
        ids = [edge["node"]["id"] for edge in page["edges"]]
        assert len(ids) <= size
        seen = ids + seen if backward else seen + ids
        info = page["pageInfo"]
        more = info["hasPreviousPage"] if backward else info["hasNextPage"]
        if not more:
            return seen, total
        cursor = info["startCursor"] if backward else info["endCursor"]
    raise AssertionError("the walk did not end")


@pytest.mark.parametrize("name", list(CONNECTIONS))
@pytest.mark.parametrize("size", [1, 7, 100])
async def test_walks_see_every_row_once_both_ways(client: httpx.AsyncClient, name: str, size: int) -> None:
    query = CONNECTIONS[name].replace("PAGE", PAGE) + KEYS
    forward, total = await _walk(client, query, size, backward=False)
    backward, _ = await _walk(client, query, size, backward=True)
    assert total > 1
    assert len(forward) == total
    assert len(set(forward)) == total
    assert backward == forward


async def test_observations_walk_in_date_order(client: httpx.AsyncClient) -> None:
    query = """query($first: Int, $after: String, $last: Int, $before: String) {
      x: metric(slug: "mynumber-card-applications") {
        c: observations(first: $first, after: $after, last: $last, before: $before) {
          edges { cursor node { date exactValue } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          totalCount } } }"""
    for size in (1, 2, 100):
        rows: dict[str, list[str]] = {}
        for backward in (False, True):
            seen: list[str] = []
            cursor = None
            while True:
                variables = {"last": size, "before": cursor} if backward else {"first": size, "after": cursor}
                page = (await graphql(client, query, variables))["data"]["x"]["c"]
                keys = [f"{e['node']['date']}={e['node']['exactValue']}" for e in page["edges"]]
                seen = keys + seen if backward else seen + keys
                info = page["pageInfo"]
                if not (info["hasPreviousPage"] if backward else info["hasNextPage"]):
                    break
                cursor = info["startCursor"] if backward else info["endCursor"]
            rows["backward" if backward else "forward"] = seen
        assert rows["forward"] == rows["backward"]
        assert rows["forward"] == sorted(rows["forward"])
        assert len(rows["forward"]) == page["totalCount"] > 2


async def test_an_ordered_list_is_in_that_order(client: httpx.AsyncClient) -> None:
    query = "{ milestones(first: 100, orderBy: {field: DUE}) { nodes { period { end } } } }"
    ends = [n["period"]["end"] for n in (await graphql(client, query))["data"]["milestones"]["nodes"]]
    dated = [e for e in ends if e is not None]
    assert dated == sorted(dated)
    assert ends[len(dated) :] == [None] * (len(ends) - len(dated))
