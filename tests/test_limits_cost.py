"""Issue 15 items 1, 2, 3 and 14, extending SECURITY.md items 2 and 4 (fragments), 12 (node count) and 13
(introspection): fragment chains, the estimate from coerced values, rankings, introspection, cached refusals."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from graphql import GraphQLError, parse

from api.app import create_app
from api.settings import Settings
from schema import build_schema
from schema.extensions.documents import ValidatedDocuments
from schema.extensions.expansion import expanded_selections
from schema.limits import (
    LIST_SIZES,
    MAX_ALIASES,
    MAX_EXPANDED_SELECTIONS,
    MAX_NODES,
    RANKING_COSTS,
    RANKING_PAGE_SIZE,
    REQUEST_TIMEOUT_S,
)
from tests.limits_support import answered, app_settings, codes, post, refused, token_count

RATE = 'metric(slug: "mynumber-card-issued-rate-soumu")'


def chain(fragments: int) -> str:
    """Each fragment spreads the next twice: 3 × 2^(fragments − 1) − 1 selections once spread, in a few tokens."""
    definitions = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(fragments - 1)]
    definitions.append(f"fragment F{fragments - 1} on Query {{ __typename }}")
    return "query Chain { ...F0 } " + " ".join(definitions)


def wide(extra: int) -> str:
    """3 spreads of B × (27 spreads of A × (1 + 36 fields) + 1) = MAX_EXPANDED_SELECTIONS, plus `extra` fields."""
    fields = "__typename " * 36
    return f"query Wide {{ {'...B ' * 3}{'__typename ' * extra}}} fragment A on Query {{ {fields}}} " + (
        f"fragment B on Query {{ {'...A ' * 27}}}"
    )


# --- item 1: fragment chains (SECURITY.md items 2 and 4) --------------------------------------------------------


def test_i15_1_each_fragment_is_sized_once_and_the_sizes_are_exact() -> None:
    assert expanded_selections(parse(chain(30))) == 3 * 2**29 - 1
    assert expanded_selections(parse(wide(0))) == MAX_EXPANDED_SELECTIONS == 3_000
    # A cycle (refused by validation) counts its spread once instead of looping.
    assert expanded_selections(parse("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }")) == 3


async def test_i15_1_sec_2_expanded_selections_at_the_limit_pass_and_one_more_is_refused(
    client: httpx.AsyncClient,
) -> None:
    assert token_count(wide(1)) < 150  # a small document
    assert await answered(client, wide(0)) == {"__typename": "Query"}
    errors = await refused(client, wide(1))
    assert [e["message"] for e in errors] == [
        f"This document has {MAX_EXPANDED_SELECTIONS + 1} selections once its fragments are spread where they are "
        f"used; the limit is {MAX_EXPANDED_SELECTIONS}. Spread fewer fragments, or each fragment fewer times."
    ]
    assert codes(errors) == {"GRAPHQL_VALIDATION_FAILED"}


async def test_i15_1_sec_4_a_chain_of_30_fragments_is_a_request_error(client: httpx.AsyncClient) -> None:
    errors = await refused(client, chain(30))
    assert errors[0]["message"].startswith(f"This document has {3 * 2**29 - 1} selections")
    response = await client.post(
        "/graphql", json={"query": chain(30)}, headers={"accept": "application/graphql-response+json"}
    )
    assert response.status_code == 400  # a request error in the GraphQL media type, like any validation error
    assert codes(response.json()["errors"]) == {"GRAPHQL_VALIDATION_FAILED"}


@pytest.fixture(scope="module")
def threaded_url(settings: Settings, loaded_dsn: str) -> Iterator[str]:
    """The app on a real socket, served by an event loop of its own in a thread: were a request to block that
    loop, the test's client (on the test's loop) would still time out and fail instead of waiting with it."""
    server = uvicorn.Server(
        uvicorn.Config(create_app(app_settings(settings, loaded_dsn)), host="127.0.0.1", port=0, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "the server did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=REQUEST_TIMEOUT_S)


async def test_i15_1_healthz_answers_while_fragment_chains_are_refused(threaded_url: str) -> None:
    """Before, a chain of 30 fragments took hours of the server's only thread; the bound here is the client's
    REQUEST_TIMEOUT_S (generous: a refusal takes milliseconds), not a timed assertion."""
    async with httpx.AsyncClient(base_url=threaded_url, timeout=REQUEST_TIMEOUT_S) as http:
        chains = [post(http, {"query": chain(30 + i)}) for i in range(4)]
        *refusals, health = await asyncio.gather(*chains, http.get("/healthz"))
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    for response in refusals:
        assert response.status_code == 200
        assert codes(response.json()["errors"]) == {"GRAPHQL_VALIDATION_FAILED"}


# --- item 2: the estimate from coerced values (SECURITY.md item 12) ----------------------------------------------


NESTED = (
    "query($a: Int, $b: Int, $c: Int) { initiatives(first: $a) { nodes { metrics(first: $b) { nodes { "
    "observations(first: $c) { nodes { value } } } } } } }"
)


async def test_i15_2a_sec_12_float_page_sizes_count_as_the_integers_they_are(client: httpx.AsyncClient) -> None:
    # 100 × (1 + 3 × (1 + 82)) = 25,000: the limit passes, one more observation per page does not.
    at_limit = {"a": 100.0, "b": 3.0, "c": 82.0}
    body = (await post(client, {"query": NESTED, "variables": at_limit, "extensions": {"cost": True}})).json()
    assert "errors" not in body and body["extensions"]["cost"] == {"nodes": MAX_NODES, "limit": MAX_NODES}
    errors = await refused(client, NESTED, {**at_limit, "c": 83.0})
    assert codes(errors) == {"QUERY_TOO_COSTLY"}
    assert f"up to {MAX_NODES + 300} nodes" in errors[0]["message"]
    errors = await refused(client, NESTED, {"a": 100.0, "b": 100.0, "c": 100.0})
    assert "up to 1010100 nodes" in errors[0]["message"]


async def _metric_ids(client: httpx.AsyncClient) -> list[str]:
    return [n["id"] for n in (await answered(client, "{ metrics(first: 100) { nodes { id } } }"))["metrics"]["nodes"]]


async def test_i15_2b_sec_12_a_list_variables_default_counts_its_items(client: httpx.AsyncClient) -> None:
    ids = (await _metric_ids(client))[:1] * 100
    default = ", ".join(f'"{i}"' for i in ids)
    selection = "nodes(ids: $ids) { ... on Metric { observations(first: 100) { nodes { value } } } }"
    query = f"query($ids: [ID!]! = [{default}]) {{ {selection} }}"
    body = (await post(client, {"query": query, "extensions": {"cost": True}})).json()
    assert body["extensions"]["cost"]["nodes"] == 100 * 101  # was counted as 10 items
    twice = f"query($ids: [ID!]! = [{default}]) {{ a: {selection} b: {selection} c: {selection} }}"
    assert codes(await refused(client, twice)) == {"QUERY_TOO_COSTLY"}  # 30,300 nodes


def _rankings(metrics: int, firsts: list[int], level: str = "MUNICIPALITY") -> str:
    aliases = " ".join(f"r{i}: ranking(level: {level}, first: {first}) {{ areas }}" for i, first in enumerate(firsts))
    return f"{{ metrics(first: {metrics}) {{ nodes {{ {aliases} }} }} }}"


async def test_i15_2_sec_12_rankings_are_priced_per_metric_they_rank(client: httpx.AsyncClient) -> None:
    async def cost(query: str) -> Any:
        body = (await post(client, {"query": query, "extensions": {"cost": True}})).json()
        return body["extensions"]["cost"]["nodes"]

    municipal = RANKING_COSTS["MUNICIPALITY"]
    # Each ranking reads its level and returns its page (first: 1, first: 2), like a connection.
    assert await cost(_rankings(100, [1, 2])) == 100 * (1 + 2 * municipal + 1 + 2)  # 20,400: answered
    prefectural = RANKING_COSTS["PREFECTURE"]
    assert await cost(_rankings(100, [1, 2], "PREFECTURE")) == 100 * (1 + 2 * prefectural + 1 + 2)
    # Aliases asking the same ranking of the same metric are one load: its reading is counted once, its page by each.
    assert await cost(_rankings(100, [1] * MAX_ALIASES)) == 100 * (1 + municipal + MAX_ALIASES)
    # Asked differently, each alias is a ranking of its own: 100 metrics × 3 rankings of 1,741 areas is refused.
    errors = await refused(client, _rankings(100, [1, 2, 3]))
    assert codes(errors) == {"QUERY_TOO_COSTLY"}
    assert f"up to {100 * (1 + 3 * municipal + 1 + 2 + 3)} nodes" in errors[0]["message"]


async def test_i17_sec_12_a_ranking_counts_the_page_it_is_asked_for(client: httpx.AsyncClient) -> None:
    async def cost(query: str) -> Any:
        body = (await post(client, {"query": query, "extensions": {"cost": True}})).json()
        assert "errors" not in body, body
        return body["extensions"]["cost"]["nodes"]

    municipal = RANKING_COSTS["MUNICIPALITY"]
    for page, size in (("", RANKING_PAGE_SIZE), ("first: 100", 100), ("last: 7", 7), ("first: null", 10)):
        for fields in ("nodes { rank }", "edges { cursor }", "entries { rank }", "totalCount"):
            query = f"{{ {RATE} {{ ranking(level: MUNICIPALITY, {page}) {{ {fields} }} }} }}"
            assert await cost(query) == municipal + size, query


def _ranking_pages(prefectures: int) -> str:
    """100 metrics, each with its last 100 municipalities and its first `prefectures` prefectures."""
    municipal = "m: ranking(level: MUNICIPALITY, last: 100) { nodes { rank } }"
    prefectural = f"p: ranking(level: PREFECTURE, first: {prefectures}) {{ edges {{ cursor }} }}"
    return f"{{ metrics(first: 100) {{ nodes {{ {municipal} {prefectural} }} }} }}"


async def test_i17_sec_12_pages_of_rankings_at_the_node_limit_pass_and_one_more_is_refused(
    client: httpx.AsyncClient,
) -> None:
    # 100 × (1 metric + 100 + 100 municipal ranks + 25 + 24 prefectural ranks) = MAX_NODES
    assert 100 * (1 + RANKING_COSTS["MUNICIPALITY"] + 100 + RANKING_COSTS["PREFECTURE"] + 24) == MAX_NODES
    data = await answered(client, _ranking_pages(24))
    ranked = [n for n in data["metrics"]["nodes"] if n["m"]["nodes"]]
    assert len(ranked) == 3 and all(len(n["m"]["nodes"]) == 100 and len(n["p"]["edges"]) == 24 for n in ranked)
    errors = await refused(client, _ranking_pages(25))
    assert codes(errors) == {"QUERY_TOO_COSTLY"}
    assert f"up to {MAX_NODES + 100} nodes" in errors[0]["message"]


# --- item 14: introspection is priced (SECURITY.md item 13) ------------------------------------------------------


WALK = "__schema { types { name fields { name args { name type { name } } type { name } } } }"


def _objects(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + sum(_objects(v) for v in value.values())
    if isinstance(value, list):
        return sum(_objects(v) for v in value)
    return 0


async def test_i15_14_sec_13_aliased_schema_walks_are_counted_and_refused_past_the_limit(
    client: httpx.AsyncClient,
) -> None:
    body = (await post(client, {"query": f"{{ {WALK} }}", "extensions": {"cost": True}})).json()
    walk = body["extensions"]["cost"]["nodes"]
    # Every object the walk answers is counted (the estimate is an upper bound: averages rounded up).
    assert _objects(body["data"]["__schema"]) <= walk <= 2 * _objects(body["data"]["__schema"])
    fitting = MAX_NODES // walk
    assert 1 < fitting < MAX_ALIASES
    aliased = " ".join(f"w{i}: {WALK}" for i in range(fitting))
    assert len(await answered(client, f"{{ {aliased} }}")) == fitting
    errors = await refused(client, f"{{ {aliased} w{fitting}: {WALK} }}")
    assert codes(errors) == {"QUERY_TOO_COSTLY"}
    assert f"up to {(fitting + 1) * walk} nodes" in errors[0]["message"]


# --- item 3: refusals are kept like valid documents (SECURITY.md items 1–9) -------------------------------------


async def test_i15_3_a_repeated_refusal_is_not_validated_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import strawberry.schema.schema as strawberry_schema

    validated: list[str] = []
    validate = strawberry_schema.validate_document

    def counting(*args: Any) -> list[GraphQLError]:
        validated.append("validated")
        return validate(*args)

    monkeypatch.setattr(strawberry_schema, "validate_document", counting)
    schema = build_schema()
    first, second = [await schema.execute("{ datasetz }") for _ in range(2)]
    assert len(validated) == 1
    assert first.errors and second.errors
    assert [e.formatted for e in second.errors] == [e.formatted for e in first.errors]
    assert second.errors[0].extensions == {"code": "GRAPHQL_VALIDATION_FAILED"}
    chains = [await schema.execute(chain(40)) for _ in range(2)]
    assert len(validated) == 1  # refused before validation, and kept
    assert chains[0].errors == chains[1].errors


def test_i15_3_refusals_are_weighed_with_their_messages_and_bounded() -> None:
    store = ValidatedDocuments(max_chars=1_000)
    document = parse("{ x }")
    store.keep("{ x }", document, [GraphQLError("m" * 90)])
    assert store.get("{ x }") is not None
    store.keep("{ y }", document, [GraphQLError("m" * 96)])  # 5 + 96 > a tenth of the store
    assert store.get("{ y }") is None
    for i in range(20):
        store.keep(f"{{ x{i:02d} }}", document, [GraphQLError("m" * 80)])
    assert store.documents.currsize <= 1_000
    assert store.get("{ x }") is None  # the least recently used went first


# --- Metric.dimensions: a list that is not a connection, counted by its bound -------------------------------------


async def test_breakdowns_count_by_their_bounds_per_metric(client: httpx.AsyncClient) -> None:
    def breakdowns(metrics: int) -> str:
        return f"{{ metrics(first: {metrics}) {{ nodes {{ dimensions {{ areaCount dimensions {{ name }} }} }} }} }}"

    per_metric = 1 + LIST_SIZES["Metric.dimensions"] * (1 + LIST_SIZES["Breakdown.dimensions"])  # 401
    body = (await post(client, {"query": breakdowns(62), "extensions": {"cost": True}})).json()
    assert "errors" not in body and body["extensions"]["cost"]["nodes"] == 62 * per_metric == 24_862
    errors = await refused(client, breakdowns(63))
    assert codes(errors) == {"QUERY_TOO_COSTLY"}
    assert f"up to {63 * per_metric} nodes" in errors[0]["message"]


async def test_an_observations_dimensions_count_by_their_bound(client: httpx.AsyncClient) -> None:
    query = (
        '{ metric(slug: "mynumber-card-issued-soumu") { observations(first: 100) { nodes { dimensions { name } } } } }'
    )
    body = (await post(client, {"query": query, "extensions": {"cost": True}})).json()
    assert "errors" not in body
    assert body["extensions"]["cost"]["nodes"] == 100 * (1 + LIST_SIZES["Observation.dimensions"]) == 400
