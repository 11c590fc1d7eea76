"""Request metrics in /metrics: execution time by operation name (bounded), executions waiting, cache results."""

from __future__ import annotations

import re

import httpx

from tests.limits_support import post


async def _count(client: httpx.AsyncClient, operation: str) -> float:
    text = (await client.get("/metrics")).text
    found = re.search(rf'^hiraku_graphql_execution_seconds_count\{{operation="{operation}"\}} (\S+)$', text, re.M)
    return float(found.group(1)) if found else 0.0


async def test_execution_time_is_measured_by_operation_name(client: httpx.AsyncClient) -> None:
    before = await _count(client, "CountedFocusAreas")
    # Named in the document only (no operationName): the first operation's name, after comments, is the label.
    body = {"query": "# focus areas\nquery CountedFocusAreas { focusAreas { slug } }", "variables": {"v": 1}}
    assert (await post(client, body)).status_code == 200
    assert await _count(client, "CountedFocusAreas") == before + 1
    text = (await client.get("/metrics")).text
    assert 'hiraku_graphql_execution_seconds_bucket{le="0.005",operation="CountedFocusAreas"}' in text
    assert "hiraku_graphql_executions_waiting 0.0" in text
    assert 'hiraku_response_cache_total{result="hit"}' in text


async def test_names_a_client_makes_up_cannot_grow_the_metrics(client: httpx.AsyncClient) -> None:
    before_other, before_anonymous = await _count(client, "other"), await _count(client, "anonymous")
    long_name = "Q" * 65
    await post(client, {"query": f"query {long_name} {{ __typename }}", "variables": {"n": 2}})
    await post(client, {"query": "{ __typename }", "variables": {"n": 3}})
    assert await _count(client, "other") == before_other + 1
    assert await _count(client, "anonymous") == before_anonymous + 1
    assert long_name not in (await client.get("/metrics")).text


async def test_pool_use_is_reported(client: httpx.AsyncClient) -> None:
    text = (await client.get("/metrics")).text
    sizes = dict(re.findall(r'^hiraku_db_pool_connections\{server="primary",state="(\w+)"\} (\S+)$', text, re.M))
    assert float(sizes["max"]) == 20
    assert 1 <= float(sizes["open"]) <= 20
    assert 0 <= float(sizes["idle"]) <= float(sizes["open"])
