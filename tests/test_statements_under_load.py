"""The statements of a request do not depend on timing: not on other requests running beside it, not on a busy
CPU, not on which pooled connection (new or old) the pool hands out.

Counted on servers without their response cache, from db_queries_total{purpose="request"} in /metrics."""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import multiprocessing
import re
from collections.abc import Iterator

import httpx
import pytest
from asyncpg.connection import Connection
from starlette.datastructures import Secret

from api.app import create_app
from api.settings import Settings
from db import pool
from tests.support import document, graphql, running

NESTED = document("nested_initiatives")
STATEMENTS = 5  # initiatives page, focus areas, metric pages, latest observations, observation pages
CONCURRENT = 32


async def _counted(client: httpx.AsyncClient, purpose: str = "request") -> int:
    text = (await client.get("/metrics")).text
    match = re.search(rf'^db_queries_total\{{purpose="{purpose}"\}} (\S+)$', text, re.MULTILINE)
    assert match
    return int(float(match.group(1)))


async def _statements_of_concurrent(client: httpx.AsyncClient, requests: int, first: int = 50) -> int:
    """Request statements of `requests` identical nested queries sent at once."""
    before = await _counted(client)
    bodies = await asyncio.gather(*(graphql(client, NESTED, {"first": first}) for _ in range(requests)))
    assert all("errors" not in body and 0 < len(body["data"]["initiatives"]["nodes"]) <= first for body in bodies)
    return await _counted(client) - before


def _spin() -> None:
    while True:
        pass


@pytest.fixture
def busy_cpu() -> Iterator[None]:
    """Two processes that keep both cores busy while the test runs."""
    spinners = [multiprocessing.get_context("spawn").Process(target=_spin, daemon=True) for _ in range(2)]
    for spinner in spinners:
        spinner.start()
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.join()


async def test_a_fresh_server_counts_the_statements_of_a_warm_one(settings: Settings, loaded_dsn: str) -> None:
    # Every connection of a new pool looks up the array types (integer[]) of the first statement that uses them:
    # three statements asyncpg sends on its own, once per connection, counted apart from the request's.
    fresh = dataclasses.replace(settings, database_url=Secret(loaded_dsn), api_database_url=None, response_cache_mb=0)
    async with running(create_app(fresh)) as url, httpx.AsyncClient(base_url=url, timeout=30) as client:
        assert await _statements_of_concurrent(client, 1) == STATEMENTS
        assert await _counted(client, pool.TYPE_INTROSPECTION) > 0  # the lookups are sent, and counted apart


async def test_concurrent_requests_take_the_statements_of_one(uncached_client: httpx.AsyncClient) -> None:
    # 32 requests at once: the pool opens new connections (each with its type lookups) and the tasks of the
    # requests interleave; each request still sends one statement per level. (10 initiatives each, so that 32
    # answers fit well within the request timeout on a shared machine.)
    assert await _statements_of_concurrent(uncached_client, CONCURRENT, first=10) == CONCURRENT * STATEMENTS


@pytest.mark.usefixtures("busy_cpu")
async def test_a_busy_cpu_changes_no_count(uncached_base_url: str) -> None:
    # A patient client: nested queries on a CPU shared with two spinning processes take a while.
    async with httpx.AsyncClient(base_url=uncached_base_url, timeout=60) as client:
        counts = [await _statements_of_concurrent(client, 1) for _ in range(10)]
        assert counts == [STATEMENTS] * 10
        assert await _statements_of_concurrent(client, CONCURRENT, first=5) == CONCURRENT * STATEMENTS


def test_the_type_lookups_told_apart_are_those_asyncpg_sends() -> None:
    # If asyncpg changes the text of its type lookup, they would be counted as a request's statements again.
    source = inspect.getsource(Connection._introspect_types)
    assert source.count(pool._JIT_SWITCH) == 2  # off before the lookup, back after it
    assert "self._intro_query" in source
