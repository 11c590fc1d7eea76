"""Request metrics in /metrics: execution time by operation name (bounded), executions waiting, cache results."""

from __future__ import annotations

import re

import httpx

from api import observability
from api.observability import operation_label
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


async def test_issue_15_11_only_operations_that_ran_are_named(client: httpx.AsyncClient) -> None:
    # SECURITY.md item 33 (one client's abuse): a refused request takes no name slot and puts no text on the page.
    costly = "query RefusedByCost { initiatives(first: 100) { nodes { metrics(first: 100) { nodes { observations"
    refused = [
        {"query": "query RefusedByValidation { nope }"},
        {"query": "query RefusedBySyntax { focusAreas {"},
        {"query": "query Present { __typename }", "operationName": "RefusedAsUnknown"},
        {"query": costly + "(first: 100) { nodes { value } } } } } } }"},
    ]
    before = await _count(client, "refused")
    for body in refused:
        assert "data" not in (await post(client, body)).json()
    assert await _count(client, "refused") == before + len(refused)
    text = (await client.get("/metrics")).text
    assert "Refused" not in text and "Present" not in text
    ran = {"query": "query ExecutedOnce { focusAreas { position } }"}
    assert "errors" not in (await post(client, ran)).json()
    assert await _count(client, "ExecutedOnce") == 1


def test_issue_15_11_a_name_takes_a_slot_only_when_its_operation_ran() -> None:
    assert operation_label("NotRunYet", None, ran=False) == "other"
    assert "NotRunYet" not in observability._known
    for reserved in ("refused", "other", "anonymous"):
        assert operation_label(reserved, None) == "other"  # a client cannot pass for what the server counts
    assert operation_label("RanOnce", None) == "RanOnce"
    assert operation_label("RanOnce", None, ran=False) == "RanOnce"  # interrupted later: keeps its slot
