"""The response cache and the cache of valid documents: what a client notices (same answers, no SQL, limits kept)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.app import create_app
from api.response_cache import ResponseCache
from api.settings import Settings
from tests.limits_support import app_settings, post, sql_statements
from tests.support import running

LOOKUP = "query Lookup($code: LocalGovCode!) { municipality(areaCode: $code) { name } }"


@pytest_asyncio.fixture(scope="module")
async def served(settings: Settings, loaded_dsn: str) -> AsyncIterator[tuple[Starlette, str]]:
    """A server of this module's own, so that what its cache holds depends on these tests only."""
    app = create_app(app_settings(settings, loaded_dsn))
    async with running(app) as url:
        async with httpx.AsyncClient(base_url=url) as http:
            # The dataset version is read in the background as the server starts; wait until it is known.
            for _ in range(200):
                if app.state.dataset_version.current is not None:
                    break
                await http.get("/healthz")
        yield app, url


@pytest_asyncio.fixture
async def http(served: tuple[Starlette, str]) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=served[1], timeout=10) as client:
        yield client


async def cache_counts(client: httpx.AsyncClient) -> dict[str, float]:
    text = (await client.get("/metrics")).text
    return {
        result: float(value)
        for result, value in re.findall(r'^hiraku_response_cache_total\{result="(\w+)"\} (\S+)$', text, re.MULTILINE)
    }


async def ask(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
    response = await post(client, {"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    return response


async def test_a_repeated_request_is_answered_from_memory_without_sql(http: httpx.AsyncClient) -> None:
    first = await ask(http, LOOKUP, {"code": "011002"})
    before, statements = await cache_counts(http), await sql_statements(http)
    again = await ask(http, LOOKUP, {"code": "011002"})
    assert again.content == first.content
    assert again.json() == {"data": {"municipality": {"name": "札幌市"}}}
    assert again.headers["content-type"].startswith("application/json")
    assert await sql_statements(http) == statements
    assert (await cache_counts(http))["hit"] == before["hit"] + 1


async def test_variables_operation_and_document_each_decide_the_answer(http: httpx.AsyncClient) -> None:
    sapporo = (await ask(http, LOOKUP, {"code": "011002"})).json()
    hakodate = (await ask(http, LOOKUP, {"code": "012025"})).json()
    assert sapporo["data"]["municipality"]["name"] == "札幌市"
    assert hakodate["data"]["municipality"]["name"] == "函館市"
    # The same variables in another order of keys are the same request.
    two = """query Two($a: LocalGovCode!, $b: LocalGovCode!) {
        a: municipality(areaCode: $a) { name } b: municipality(areaCode: $b) { name } }"""
    assert (await post(http, {"query": two, "variables": {"a": "011002", "b": "012025"}})).json()["data"] == {
        "a": {"name": "札幌市"},
        "b": {"name": "函館市"},
    }
    before = await cache_counts(http)
    assert (await post(http, {"query": two, "variables": {"b": "012025", "a": "011002"}})).json()["data"]["a"] == {
        "name": "札幌市"
    }
    assert (await cache_counts(http))["hit"] == before["hit"] + 1
    # Two operations in one document: the name picks the answer.
    document = "query A { focusAreas { slug } } query B { dataset { version } }"
    a = (await post(http, {"query": document, "operationName": "A"})).json()
    b = (await post(http, {"query": document, "operationName": "B"})).json()
    assert "focusAreas" in a["data"] and "dataset" in b["data"]


async def test_get_and_post_answers_agree(http: httpx.AsyncClient) -> None:
    query = "{ focusAreas { slug } }"
    posted = (await ask(http, query)).json()
    for _ in range(2):
        got = await http.get("/graphql", params={"query": query})
        assert got.status_code == 200
        assert got.json() == posted
        assert got.headers["etag"]


async def test_answers_with_errors_are_never_kept(http: httpx.AsyncClient) -> None:
    query = '{ node(id: "SW5pdGlhdGl2ZTpuby1zdWNo") { id } }'  # Initiative:no-such
    await ask(http, query)
    before, statements = await cache_counts(http), await sql_statements(http)
    body = (await ask(http, query)).json()
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert (await cache_counts(http))["hit"] == before["hit"]
    assert await sql_statements(http) > statements  # executed again


async def test_a_new_dataset_version_empties_the_cache(served: tuple[Starlette, str], http: httpx.AsyncClient) -> None:
    app = served[0]
    query = "{ initiatives(first: 2) { nodes { slug } } }"
    await ask(http, query)
    await ask(http, query)
    loaded = app.state.dataset_version.current
    try:
        app.state.dataset_version.current = "another-version"  # as after a load: the background check sees it
        statements = await sql_statements(http)
        await ask(http, query)
        assert await sql_statements(http) > statements  # answered afresh, not from the old dataset's answers
    finally:
        app.state.dataset_version.current = loaded


async def test_the_cost_limit_holds_for_a_document_already_validated(http: httpx.AsyncClient) -> None:
    # The same document, first with small pages, then with variables that would return 1,010,100 nodes.
    query = """query Nested($a: Int!, $b: Int!, $c: Int!) { initiatives(first: $a) { nodes { metrics(first: $b)
        { nodes { observations(first: $c) { nodes { value } } } } } } }"""
    assert "errors" not in (await ask(http, query, {"a": 2, "b": 2, "c": 2})).json()
    assert "errors" not in (await ask(http, query, {"a": 2, "b": 2, "c": 2})).json()
    statements = await sql_statements(http)
    refused = (await ask(http, query, {"a": 100, "b": 100, "c": 100})).json()
    assert "data" not in refused  # refused before execution: a request error has no data
    assert [error["extensions"]["code"] for error in refused["errors"]] == ["QUERY_TOO_COSTLY"]
    assert await sql_statements(http) == statements


async def test_invalid_documents_keep_their_errors_when_repeated(http: httpx.AsyncClient) -> None:
    for _ in range(3):
        parse = (await ask(http, "{ focusAreas { slug }")).json()
        assert [e["extensions"]["code"] for e in parse["errors"]] == ["GRAPHQL_PARSE_FAILED"]
        invalid = (await ask(http, "{ focusAreas { nope } }")).json()
        assert [e["extensions"]["code"] for e in invalid["errors"]] == ["GRAPHQL_VALIDATION_FAILED"]


async def test_the_cache_keeps_at_most_its_size_least_recently_used_first() -> None:
    calls: list[str] = []

    async def answer(request: Request) -> Response:
        size = int(request.query_params["query"])
        calls.append(request.query_params["variables"])
        return Response(b"x" * size, media_type="application/json")

    app = Starlette(routes=[Route("/graphql", answer)])
    cache = ResponseCache(app, max_bytes=64 * 1024)
    outer = Starlette(routes=[Route("/graphql", cache)])

    class _Version:
        current = "v1"

    outer.state.dataset_version = _Version()

    async def ask_from(host: int, n: object, size: int) -> None:
        # Each from a client address of its own: one client may hold only a share of the cache (tested in
        # tests/test_limits_answers.py).
        transport = httpx.AsyncHTTPTransport(local_address=f"127.0.0.{host}")
        async with httpx.AsyncClient(base_url=url, transport=transport) as client:
            await client.get("/graphql", params={"variables": n, "query": size})

    async with running(outer) as url:
        for n in range(40):
            await ask_from(2 + n, n, 500)
        assert cache.answers.currsize <= 64 * 1024
        assert len(calls) == 40
        await ask_from(2, 39, 500)  # recent: kept
        await ask_from(2, 0, 500)  # oldest: dropped
        assert calls[40:] == ["0"]
        await ask_from(2, "big", 5000)  # with what it takes in memory, over a sixteenth of the size: not kept
        await ask_from(2, "big", 5000)
        assert calls[-2:] == ["big", "big"]


async def test_issue_15_10_an_answer_from_memory_has_its_headers_once(http: httpx.AsyncClient) -> None:
    # SECURITY.md item 41: the headers the layers outside the cache add (ETag, Vary, CORS) are not kept with it.
    params = {"query": "{ focusAreas { slug name } }"}
    origin = {"origin": "https://example.org"}
    first = await http.get("/graphql", params=params, headers=origin)
    before = await cache_counts(http)
    again = await http.get("/graphql", params=params, headers=origin)
    assert (await cache_counts(http))["hit"] == before["hit"] + 1
    assert again.content == first.content
    for response in (first, again):
        assert response.headers.get_list("vary") == ["Accept, Origin"]
        assert len(response.headers.get_list("etag")) == len(response.headers.get_list("cache-control")) == 1
        assert response.headers["access-control-allow-origin"] == "*"
    assert again.headers["etag"] == first.headers["etag"]


async def test_the_cache_can_be_turned_off(settings: Settings, loaded_dsn: str) -> None:
    app = create_app(app_settings(settings, loaded_dsn, response_cache_mb=0))
    async with running(app) as url, httpx.AsyncClient(base_url=url) as client:
        await ask(client, LOOKUP, {"code": "011002"})
        statements = await sql_statements(client)
        await ask(client, LOOKUP, {"code": "011002"})
        assert await sql_statements(client) > statements


@pytest.mark.parametrize("limit", [1, 2])
async def test_executions_beyond_the_limit_wait_their_turn_and_are_answered(
    settings: Settings, loaded_dsn: str, limit: int
) -> None:
    import asyncio

    app = create_app(app_settings(settings, loaded_dsn, max_executions=limit, pool_max_size=1, response_cache_mb=0))
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        await ask(client, LOOKUP, {"code": "011002"})  # the pool's one connection is open
        async with app.state.pool.pool.acquire():  # and busy: the lookup waits inside its execution
            lookup = asyncio.create_task(ask(client, LOOKUP, {"code": "011002"}))
            await asyncio.sleep(0.1)
            cheap = asyncio.create_task(ask(client, "{ __typename }"))
            await asyncio.sleep(0.5)
            # With one execution at a time, the next request waits for the first; with two, it is answered.
            assert cheap.done() == (limit > 1)
            assert not lookup.done()
        answers = [(await lookup).json(), (await cheap).json()]
    assert answers == [{"data": {"municipality": {"name": "札幌市"}}}, {"data": {"__typename": "Query"}}]
