"""Helpers, constants and fixtures shared by the test_limits_* modules."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio
from graphql import GraphQLNonNull, Lexer, Source, TokenKind
from starlette.datastructures import Secret

from api.app import create_app
from api.settings import Settings, api_dsn
from schema.limits import REQUEST_TIMEOUT_S
from tests.support import graphql, running

JSON_HEADERS = {"content-type": "application/json", "accept": "application/json"}
FOCUS_AREAS = "{ focusAreas { name } }"
INITIATIVE = "mynumber-card-adoption"


# --- helpers ---------------------------------------------------------------------------------------------------


async def post(client: httpx.AsyncClient, body: object) -> httpx.Response:
    """POST a JSON body with \\u escapes, so that lone surrogates can be sent as JSON allows."""
    return await client.post("/graphql", content=json.dumps(body).encode("ascii"), headers=JSON_HEADERS)


async def sql_statements(client: httpx.AsyncClient) -> float:
    """db_queries_total from /metrics: the SQL statements the server has sent so far."""
    text = (await client.get("/metrics")).text
    match = re.search(r'^db_queries_total\{purpose="request"\} (\S+)$', text, re.MULTILINE)
    assert match
    return float(match.group(1))


async def refused(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None) -> list[Any]:
    """The errors of a request that must be rejected: HTTP 200 (application/json), no data, and no SQL sent."""
    before = await sql_statements(client)
    response = await post(client, {"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("data") is None, body  # absent when refused before execution
    assert body["errors"], body
    assert await sql_statements(client) == before, "a rejected request sent SQL"
    errors: list[Any] = body["errors"]
    return errors


async def answered(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None) -> Any:
    """The data of a request that must succeed without errors."""
    body = await graphql(client, query, variables)
    assert "errors" not in body, body
    return body["data"]


def codes(errors: list[Any]) -> set[str | None]:
    return {(error.get("extensions") or {}).get("code") for error in errors}


def token_count(document: str) -> int:
    """Tokens as graphql-core's parser counts them against `max_tokens` (EOF and comments excluded)."""
    lexer = Lexer(Source(document))
    count = 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


def nested(initiatives: int, metrics: int, observations: int) -> str:
    return (
        f"{{ initiatives(first: {initiatives}) {{ nodes {{ metrics(first: {metrics}) {{ nodes {{ "
        f"observations(first: {observations}) {{ nodes {{ value }} }} }} }} }} }} }}"
    )


@pytest_asyncio.fixture(scope="module")
async def closed_url(settings: Settings, loaded_dsn: str) -> AsyncIterator[str]:
    """The server as deployed in production: introspection and GraphiQL off."""
    closed = dataclasses.replace(
        settings, database_url=Secret(loaded_dsn), api_database_url=None, introspection=False, graphiql=False
    )
    async with running(create_app(closed)) as url:
        yield url


@pytest_asyncio.fixture(name="closed")  # named apart, so that tests importing it can take `closed`
async def closed_client(closed_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the production-like server; a test module gets it by importing closed_client and closed_url."""
    async with httpx.AsyncClient(base_url=closed_url, timeout=REQUEST_TIMEOUT_S) as http:
        yield http


def app_settings(settings: Settings, loaded_dsn: str, **changes: Any) -> Settings:
    return dataclasses.replace(settings, database_url=Secret(loaded_dsn), api_database_url=None, **changes)


def api_role_dsn(settings: Settings, loaded_dsn: str) -> str:
    return api_dsn(dataclasses.replace(settings, api_database_url=None), loaded_dsn)


def nullable(type_: Any) -> Any:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_
