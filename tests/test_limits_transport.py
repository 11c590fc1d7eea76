"""SECURITY.md items 20, 21, 40 and 41: body size, malformed requests, leaks, caching, CORS, APQ."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from api.graphql import graphql_app
from api.persisted import PersistedQueries, PersistedQueryError, weight
from schema.limits import CACHE_MAX_AGE_S, MAX_BODY_BYTES, PERSISTED_QUERIES_BYTES
from tests.limits_support import FOCUS_AREAS, JSON_HEADERS, codes, post, sql_statements
from tests.limits_support import closed_client as closed_client  # the `closed` fixture
from tests.limits_support import closed_url as closed_url  # which it uses

# --- 20–21: the transport ----------------------------------------------------------------------------------------


def body_of_size(size: int) -> bytes:
    """A valid request for `{ __typename }`, padded with an ignored member to exactly `size` bytes."""
    head = b'{"query": "{ __typename }", "pad": "'
    return head + b"x" * (size - len(head) - 2) + b'"}'


async def test_20_bodies_over_max_body_bytes_get_413_and_the_limit_passes(client: httpx.AsyncClient) -> None:
    at_limit = body_of_size(MAX_BODY_BYTES)
    assert len(at_limit) == MAX_BODY_BYTES
    response = await client.post("/graphql", content=at_limit, headers=JSON_HEADERS)
    assert response.json() == {"data": {"__typename": "Query"}}
    response = await client.post("/graphql", content=body_of_size(MAX_BODY_BYTES + 1), headers=JSON_HEADERS)
    assert response.status_code == 413
    # A GraphQL error, like every other refusal of /graphql, not Starlette's plain text.
    assert response.headers["content-type"] == "application/json"
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "PAYLOAD_TOO_LARGE"}
    assert "larger than 64 KiB" in error["message"]


@pytest.mark.parametrize("where", ["query", "variables"])
async def test_20_a_megabyte_in_the_query_or_the_variables_gets_413(client: httpx.AsyncClient, where: str) -> None:
    megabyte = "x" * 1_000_000
    body: dict[str, Any] = {"query": "{ __typename }", "variables": {}}
    if where == "query":
        body["query"] = "{ __typename } #" + megabyte
    else:
        body["variables"] = {"pad": megabyte}
    assert (await post(client, body)).status_code == 413


async def test_20_a_chunked_body_without_length_is_cut_at_the_limit(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ __typename }", "pad": "'
        for _ in range(64):
            yield b"x" * 16_384
        yield b'"}'

    response = await client.post("/graphql", content=chunks(), headers=JSON_HEADERS)
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("request_", "status", "code", "text"),
    [
        ({"content": b"{not json"}, 400, "BAD_REQUEST", "The request body is not valid JSON"),
        ({"json": {"query": 123}}, 400, "BAD_REQUEST", "The GraphQL operation's `query` must be a string or null"),
        ({"json": {"variables": {}}}, 400, "BAD_REQUEST", "The request has no `query`"),
        (
            {"content": b"{ __typename }", "headers": {"content-type": "text/plain"}},
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type 'text/plain' is not supported. POST takes application/json",
        ),
        (
            {"data": {"query": "{ __typename }"}},
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Content-Type 'application/x-www-form-urlencoded' is not supported",
        ),
        ({"content": b"[]"}, 400, "BAD_REQUEST", "A JSON array (a batch of operations) is not supported"),
        (
            {"json": {"query": "{ __typename }", "variables": [1]}},
            400,
            "BAD_REQUEST",
            "The GraphQL operation's `variables` must be",
        ),
        (
            {"json": {"query": "{ __typename }", "extensions": "x"}},
            400,
            "BAD_REQUEST",
            "The GraphQL operation's `extensions` must be",
        ),
        ({"content": b"\xff\xfe{}"}, 400, "BAD_REQUEST", "The request body is not UTF-8."),
    ],
    ids=[
        "invalid-json",
        "query-123",
        "missing-query",
        "text-plain",
        "form",
        "empty-array",
        "variables",
        "extensions",
        "binary",
    ],
)
async def test_21_malformed_requests_get_4xx_with_a_short_graphql_error(
    client: httpx.AsyncClient, request_: dict[str, Any], status: int, code: str, text: str
) -> None:
    request_ = dict(request_)
    headers = request_.pop("headers", {"content-type": "application/json"} if "content" in request_ else {})
    response = await client.post("/graphql", headers=headers, **request_)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": code}
    assert error["message"].startswith(text) and len(error["message"]) < 200
    assert "data" not in response.json()


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_21_unknown_methods_get_405_not_500(client: httpx.AsyncClient, method: str) -> None:
    response = await client.request(method, "/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert set(response.headers["allow"].split(", ")) >= {"GET", "POST"}


@pytest.mark.parametrize("body", [b'"a string"', b"123", b"null", b"true"])
async def test_21_a_json_body_that_is_not_an_object_gets_400(client: httpx.AsyncClient, body: bytes) -> None:
    response = await client.post("/graphql", content=body, headers=JSON_HEADERS)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "The request body must be a JSON object."


async def test_21_a_body_that_is_not_utf8_gets_400(client: httpx.AsyncClient) -> None:
    body = b'{"query": "{ metric(slug: \\"\xff\xfe\\") { name } }"}'
    response = await client.post("/graphql", content=body, headers=JSON_HEADERS)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "The request body is not UTF-8."


# --- 40–41: HTTP ------------------------------------------------------------------------------------------------


async def test_40_production_shows_no_ide_no_tracing_and_no_server_version(closed: httpx.AsyncClient) -> None:
    page = await closed.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert "graphiql" not in page.text.lower()
    response = await closed.post(
        "/graphql", json={"query": FOCUS_AREAS}, headers={"apollo-federation-include-trace": "ftv1"}
    )
    assert set(response.json()) == {"data"}  # no `extensions` with a trace
    assert response.headers["server"] == "uvicorn"
    assert "x-powered-by" not in response.headers


async def test_41_get_answers_carry_an_etag_and_cache_control_and_revalidate_with_304(
    client: httpx.AsyncClient,
) -> None:
    params = {"query": FOCUS_AREAS}
    first = await client.get("/graphql", params=params)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert re.fullmatch(r'W/"[0-9a-f]{32}"', etag)
    assert first.headers["cache-control"] == f"public, max-age={CACHE_MAX_AGE_S}"
    again = await client.get("/graphql", params=params)
    assert again.headers["etag"] == etag and again.content == first.content
    other = await client.get("/graphql", params={"query": "{ focusAreas { slug } }"})
    assert other.headers["etag"] != etag
    before = await sql_statements(client)
    revalidated = await client.get("/graphql", params=params, headers={"if-none-match": f'"other", {etag}'})
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated.headers["etag"] == etag
    assert await sql_statements(client) == before  # the dataset version is cached; the query did not run
    stale = await client.get("/graphql", params=params, headers={"if-none-match": 'W/"stale"'})
    assert stale.status_code == 200 and stale.content == first.content


async def test_41_posts_and_answers_with_errors_are_not_cached(client: httpx.AsyncClient) -> None:
    posted = await client.post("/graphql", json={"query": FOCUS_AREAS})
    assert "etag" not in posted.headers
    assert "public" not in posted.headers.get("cache-control", "")
    for query in ("{ datasetz }", 'query { metric(slug: "a\\u0000b") { name } }'):
        failed = await client.get("/graphql", params={"query": query})
        assert failed.status_code == 200 and failed.json()["errors"]
        assert failed.headers["cache-control"] == "no-store"
        assert "etag" not in failed.headers


async def test_41_any_origin_may_call_without_credentials_or_cookies(client: httpx.AsyncClient) -> None:
    origin = {"origin": "https://example.org"}
    response = await client.get("/graphql", params={"query": FOCUS_AREAS}, headers=origin)
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    assert "set-cookie" not in response.headers
    assert {h.strip().lower() for h in response.headers["access-control-expose-headers"].split(",")} >= {
        "etag",
        "retry-after",
    }
    preflight = await client.options(
        "/graphql",
        headers={**origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    # GET is for queries only: a mutation by GET is refused (405, as the GraphQL-over-HTTP spec recommends), so a
    # cross-site link cannot change anything.
    assert (await client.get("/graphql", params={"query": "mutation { x }"}, headers=origin)).status_code == 405


def persisted(query: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}


async def test_41_persisted_queries_by_post_then_by_get_with_only_the_hash(client: httpx.AsyncClient) -> None:
    query = "{ focusAreas { slug name } }"
    registered = await post(client, {"query": query, "extensions": persisted(query)})
    assert "errors" not in registered.json()
    by_hash = await client.get(
        "/graphql", params={"extensions": json.dumps(persisted(query))}, headers={"accept": "application/json"}
    )
    assert by_hash.status_code == 200
    assert by_hash.json() == registered.json()
    assert by_hash.headers["cache-control"] == f"public, max-age={CACHE_MAX_AGE_S}"
    assert "etag" in by_hash.headers


async def test_41_unknown_and_wrong_persisted_hashes_are_refused(client: httpx.AsyncClient) -> None:
    unknown = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    body = (await post(client, {"extensions": unknown})).json()
    assert "data" not in body  # a request error: nothing was executed
    assert body["errors"] == [
        {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}
    ]
    by_get = await client.get(
        "/graphql", params={"extensions": json.dumps(unknown)}, headers={"accept": "application/json"}
    )
    assert by_get.status_code == 200
    assert by_get.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert by_get.headers["cache-control"] == "no-store"
    wrong = (await post(client, {"query": FOCUS_AREAS, "extensions": unknown})).json()
    assert "data" not in wrong
    assert codes(wrong["errors"]) == {"PERSISTED_QUERY_HASH_MISMATCH"}
    # And the mismatched query was not remembered under the hash.
    assert (await post(client, {"extensions": unknown})).json()["errors"][0]["message"] == "PersistedQueryNotFound"
    version_2 = (await post(client, {"extensions": {"persistedQuery": {"version": 2, "sha256Hash": "0" * 64}}})).json()
    assert codes(version_2["errors"]) == {"PERSISTED_QUERY_NOT_SUPPORTED"}


async def test_41_a_persisted_query_by_get_works_with_accept_any(client: httpx.AsyncClient) -> None:
    query = "{ focusAreas { position } }"
    await post(client, {"query": query, "extensions": persisted(query)})
    for accept in ("*/*", "text/html,application/xhtml+xml,*/*;q=0.8"):
        response = await client.get(
            "/graphql", params={"extensions": json.dumps(persisted(query))}, headers={"accept": accept}
        )
        assert response.headers["content-type"] == "application/json"
        assert len(response.json()["data"]["focusAreas"]) == 3


def ran(store: PersistedQueries, query: str) -> str | None:
    """The query resolved by its hash and remembered, as after it ran."""
    resolved = store.resolve(query, persisted(query))
    store.remember(resolved)
    return resolved.query


def by_hash(store: PersistedQueries, query: str) -> str | None:
    return store.resolve(None, persisted(query)).query


def test_41_persisted_queries_keep_at_most_their_capacity_least_recently_used_first() -> None:
    store = PersistedQueries(2 * weight("{ a }"))
    for query in ("{ a }", "{ b }"):
        assert ran(store, query) == query
    assert by_hash(store, "{ a }") == "{ a }"  # `a` is now the most recently used
    ran(store, "{ c }")
    assert by_hash(store, "{ a }") == "{ a }"
    with pytest.raises(PersistedQueryError, match="PersistedQueryNotFound"):
        by_hash(store, "{ b }")
    assert ran(store, "{ d }") == "{ d }"
    assert store.resolve("{ e }", None).query == "{ e }"  # without the extension, nothing is stored
    assert len(store.queries) == 2


def test_41_persisted_queries_bytes_is_the_apps_budget_and_limit_plus_one_evicts_the_oldest() -> None:
    assert graphql_app(graphiql=False, introspection=True, max_executions=1).persisted.queries.maxsize == (
        PERSISTED_QUERIES_BYTES
    )
    store = PersistedQueries(PERSISTED_QUERIES_BYTES)
    queries = [
        f"{{ q{i:06}: __typename }}" for i in range(PERSISTED_QUERIES_BYTES // weight("{ q000000: __typename }") + 1)
    ]
    for query in queries[:-1]:
        ran(store, query)
    assert len(store.queries) == len(queries) - 1  # the limit itself is kept whole
    assert by_hash(store, queries[0]) == queries[0]
    ran(store, queries[-1])
    assert len(store.queries) == len(queries) - 1
    with pytest.raises(PersistedQueryError):
        by_hash(store, queries[1])  # the least recently used went
    assert by_hash(store, queries[0]) == queries[0]
