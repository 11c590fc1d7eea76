"""GraphQL over HTTP, to the letter: media types, status codes, refusals as GraphQL errors, caching per media
type, and graphql-http's server audits against the live server."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest

from tests.node_tools import install_node_tools, run_node_tool

GRAPHQL_RESPONSE = {"accept": "application/graphql-response+json"}
LEGACY = {"accept": "application/json"}
GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json; charset=utf-8"
FOCUS_AREAS = "{ focusAreas { slug } }"


async def test_the_graphql_media_type_is_served_and_application_json_kept(client: httpx.AsyncClient) -> None:
    modern = await client.post("/graphql", json={"query": FOCUS_AREAS}, headers=GRAPHQL_RESPONSE)
    assert modern.status_code == 200
    assert modern.headers["content-type"] == GRAPHQL_RESPONSE_TYPE
    legacy = await client.post("/graphql", json={"query": FOCUS_AREAS}, headers=LEGACY)
    assert legacy.headers["content-type"] == "application/json"
    assert modern.json() == legacy.json() and len(legacy.json()["data"]["focusAreas"]) == 3
    advised = {"accept": "application/graphql-response+json, application/json;q=0.9"}
    by_get = await client.get("/graphql", params={"query": FOCUS_AREAS}, headers=advised)
    assert by_get.headers["content-type"] == GRAPHQL_RESPONSE_TYPE


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"query": "{ focusAreas { slug }"}, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ focusAreaz { slug } }"}, "GRAPHQL_VALIDATION_FAILED"),
        ({"query": "query($first: Int!) { initiatives(first: $first) { totalCount } }"}, "BAD_USER_INPUT"),
        ({"query": "query A { __typename }", "operationName": "B"}, "OPERATION_RESOLUTION_FAILURE"),
    ],
    ids=["parse", "validation", "variable-coercion", "unknown-operation"],
)
async def test_a_request_error_has_no_data_and_is_a_400_in_the_graphql_media_type(
    client: httpx.AsyncClient, body: dict[str, Any], code: str
) -> None:
    modern = await client.post("/graphql", json=body, headers=GRAPHQL_RESPONSE)
    assert modern.status_code == 400
    assert modern.headers["content-type"] == GRAPHQL_RESPONSE_TYPE
    assert list(modern.json()) == ["errors"]
    assert [e["extensions"]["code"] for e in modern.json()["errors"]] == [code]
    # A legacy client gets the same body with 200, as the spec asks while clients move over.
    legacy = await client.post("/graphql", json=body, headers=LEGACY)
    assert (legacy.status_code, legacy.json()) == (200, modern.json())


async def test_field_errors_keep_their_data_and_200_in_the_graphql_media_type(client: httpx.AsyncClient) -> None:
    query = 'query { metric(slug: "a\\u0000b") { name } focusAreas { slug } }'
    response = await client.post("/graphql", json={"query": query}, headers=GRAPHQL_RESPONSE)
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["metric"] is None and len(body["data"]["focusAreas"]) == 3
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_accept_header_allowing_neither_media_type_gets_406(client: httpx.AsyncClient) -> None:
    for accept in ("application/xml", "text/html"):
        response = await client.post("/graphql", json={"query": FOCUS_AREAS}, headers={"accept": accept})
        assert response.status_code == 406
        assert response.json()["errors"] == [
            {
                "message": "The Accept header allows none of the media types served: "
                "application/graphql-response+json, application/json.",
                "extensions": {"code": "NOT_ACCEPTABLE"},
            }
        ]
    page = await client.get("/graphql", headers={"accept": "text/html"})  # a browser still gets GraphiQL
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")


def _nested(depth: int) -> bytes:
    return b'{"query": "query($v: [Int]) { __typename }", "variables": {"v": ' + b"[" * depth + b"]" * depth + b"}}"


REFUSALS: list[tuple[str, dict[str, Any], int, str, str]] = [
    # JSON escapes (what a client's JSON encoder sends): a lone surrogate cannot be UTF-8 at all.
    ("lone-surrogate-query", {"content": json.dumps({"query": "{ metric(slug: \"\ud800\") { name } }"}).encode()},
     400, "BAD_REQUEST", "The request body contains a lone UTF-16 surrogate"),
    ("lone-surrogate-variables", {"content": json.dumps({"query": FOCUS_AREAS, "variables": {"s": "\udfff"}}).encode()},
     400, "BAD_REQUEST", "The request body contains a lone UTF-16 surrogate"),
    ("lone-surrogate-get-variables", {"get": {"query": FOCUS_AREAS, "variables": '{"s": "\\ud800"}'}}, 400,
     "BAD_REQUEST", "The `variables` parameter contains a lone UTF-16 surrogate"),
    ("nested-30000", {"content": _nested(30_000)}, 400, "BAD_REQUEST",
     "The request body is nested more than 1024 levels deep."),
    ("nested-get-variables", {"get": {"query": FOCUS_AREAS, "variables": "[" * 2000 + "]" * 2000}}, 400,
     "BAD_REQUEST", "The `variables` parameter is nested more than 1024 levels deep."),
    # 100,000 levels are 200 KB, over the body limit: refused before anything is read, still as a GraphQL error.
    ("nested-100000", {"content": _nested(100_000)}, 413, "PAYLOAD_TOO_LARGE", "The request body is larger than"),
    *[(f"operationName-{name}", {"json": {"query": FOCUS_AREAS, "operationName": value}}, 400, "BAD_REQUEST",
       "The GraphQL operation's `operationName` must be a string or null") for name, value in
      (("1", 1), ("true", True), ("1.5", 1.5), ("object", {}), ("list", ["A"]))],
    *[(f"variables-{name}", {"json": {"query": FOCUS_AREAS, "variables": value}}, 400, "BAD_REQUEST",
       "The GraphQL operation's `variables` must be an object or null") for name, value in
      (("string", "{}"), ("number", 1), ("list", [1]))],
    ("variables-get-string", {"get": {"query": FOCUS_AREAS, "variables": '"x"'}}, 400, "BAD_REQUEST",
     "The GraphQL operation's `variables` must be an object or null"),
    ("extensions-list", {"json": {"query": FOCUS_AREAS, "extensions": []}}, 400, "BAD_REQUEST",
     "The GraphQL operation's `extensions` must be an object or null"),
    ("bad-json", {"content": b'{"query": '}, 400, "BAD_REQUEST", "The request body is not valid JSON"),
    ("empty-body", {"content": b""}, 400, "BAD_REQUEST", "The request body is empty."),
    ("missing-query", {"json": {"qeury": FOCUS_AREAS}}, 400, "BAD_REQUEST", "The request has no `query`"),
    ("no-content-type", {"content": b'{"query": "{ __typename }"}', "headers": {}}, 415,
     "UNSUPPORTED_MEDIA_TYPE", "The request has no Content-Type. POST takes application/json; GET takes"),
    ("graphql-content-type", {"content": b"{ __typename }", "headers": {"content-type": "application/graphql"}},
     415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type 'application/graphql' is not supported."),
    ("latin-1", {"content": b'{"query": "{ __typename }"}',
                 "headers": {"content-type": "application/json; charset=latin-1"}},
     415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type 'application/json; charset=latin-1' is not supported."),
    ("put", {"method": "PUT", "json": {"query": FOCUS_AREAS}}, 405, "METHOD_NOT_ALLOWED",
     "/graphql takes GET and POST."),
    ("mutation-by-get", {"get": {"query": "mutation { x }"}}, 405, "METHOD_NOT_ALLOWED",
     "mutations are not allowed when using GET"),
]  # fmt: skip


@pytest.mark.parametrize("media", ["graphql-response", "legacy"])
@pytest.mark.parametrize(
    ("request_", "status", "code", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
async def test_every_refusal_is_a_4xx_graphql_error_with_a_code_and_at_most_one_log_line(
    client: httpx.AsyncClient,
    caplog: pytest.LogCaptureFixture,
    media: str,
    request_: dict[str, Any],
    status: int,
    code: str,
    message: str,
) -> None:
    caplog.set_level(logging.DEBUG)
    request_ = dict(request_)
    accept = GRAPHQL_RESPONSE if media == "graphql-response" else LEGACY
    if "get" in request_:
        response = await client.get("/graphql", params=request_["get"], headers=accept)
    else:
        headers = request_.pop("headers", {"content-type": "application/json"} if "content" in request_ else {})
        response = await client.request(
            request_.pop("method", "POST"), "/graphql", headers={**headers, **accept}, **request_
        )
    assert response.status_code == status, response.text
    expected_type = GRAPHQL_RESPONSE_TYPE if media == "graphql-response" else "application/json"
    assert response.headers["content-type"] == expected_type
    [error] = response.json()["errors"]
    assert list(response.json()) == ["errors"]
    assert error["extensions"] == {"code": code}
    assert error["message"].startswith(message), error["message"]
    server_lines = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore", "asyncio"))]
    assert len(server_lines) <= 1, [r.getMessage() for r in server_lines]
    assert not any(r.exc_info for r in server_lines)


async def test_an_answer_kept_for_one_media_type_is_never_served_for_the_other(client: httpx.AsyncClient) -> None:
    params = {"query": "{ focusAreas { position slug } }"}
    legacy = await client.get("/graphql", params=params, headers=LEGACY)
    modern = await client.get("/graphql", params=params, headers=GRAPHQL_RESPONSE)
    assert (legacy.headers["content-type"], modern.headers["content-type"]) == (
        "application/json",
        GRAPHQL_RESPONSE_TYPE,
    )
    assert legacy.headers["etag"] != modern.headers["etag"]
    assert all("Accept" in r.headers["vary"].split(", ") for r in (legacy, modern))
    swapped = await client.get(
        "/graphql", params=params, headers={**GRAPHQL_RESPONSE, "if-none-match": legacy.headers["etag"]}
    )
    assert swapped.status_code == 200 and swapped.headers["content-type"] == GRAPHQL_RESPONSE_TYPE
    same = await client.get(
        "/graphql", params=params, headers={**GRAPHQL_RESPONSE, "if-none-match": modern.headers["etag"]}
    )
    assert same.status_code == 304 and "Accept" in same.headers["vary"].split(", ")
    # The server's response cache keys POSTs by media type too.
    body = {"query": "{ focusAreas { name position } }"}
    first = await client.post("/graphql", json=body, headers=LEGACY)
    second = await client.post("/graphql", json=body, headers=GRAPHQL_RESPONSE)
    third = await client.post("/graphql", json=body, headers=LEGACY)
    assert [r.headers["content-type"] for r in (first, second, third)] == [
        "application/json",
        GRAPHQL_RESPONSE_TYPE,
        "application/json",
    ]
    assert first.content == second.content == third.content


@pytest.mark.parametrize(
    ("params", "accept", "status"),
    [
        ({"query": "{ focusAreaz { slug } }"}, GRAPHQL_RESPONSE, 400),
        ({"query": "mutation { x }"}, LEGACY, 405),
        ({"query": FOCUS_AREAS}, {"accept": "text/csv"}, 406),
        ({"query": FOCUS_AREAS, "variables": "{"}, LEGACY, 400),
    ],
    ids=["validation", "mutation", "not-acceptable", "bad-variables"],
)
async def test_4xx_answers_to_get_are_never_stored_by_browsers(
    client: httpx.AsyncClient, params: dict[str, str], accept: dict[str, str], status: int
) -> None:
    response = await client.get("/graphql", params=params, headers=accept)
    assert response.status_code == status
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    assert response.json()["errors"][0]["extensions"]["code"]


async def test_graphql_http_server_audits_pass_without_a_warning(base_url: str) -> None:
    await install_node_tools()
    code, out, err = await run_node_tool("node", "audit.mjs", f"{base_url}/graphql")
    assert code == 0, err.decode()
    results: list[dict[str, Any]] = json.loads(out)
    assert len(results) >= 40, results
    failed = [
        f"{r['id']} {r['status']}: {r['name']} ({r['reason']}, HTTP {r['responseStatus']})"
        for r in results
        if r["status"] in ("warn", "error")
    ]
    assert not failed, "\n".join(failed)
