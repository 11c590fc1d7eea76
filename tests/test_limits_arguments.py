"""SECURITY.md items 10–12 and 22: page sizes, the node estimate, integer overflow, variables."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from schema.limits import (
    MAX_NODES,
    MAX_PAGE_SIZE,
)
from tests.limits_support import (
    answered,
    codes,
    nested,
    post,
    refused,
)
from tests.support import graphql


def nested_at_the_node_limit() -> str:
    """initiatives(a) × metrics(b) × observations(c) with a + ab + abc == MAX_NODES exactly."""
    for a in range(MAX_PAGE_SIZE, 0, -1):
        for b in range(1, MAX_PAGE_SIZE + 1):
            c, rest = divmod(MAX_NODES - a - a * b, a * b)
            if rest == 0 and 1 <= c <= MAX_PAGE_SIZE:
                return nested(a, b, c)
    raise AssertionError(f"no page sizes give exactly {MAX_NODES} nodes")


# --- 10–12: how much a query may ask for -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments", ["first: -1", "first: 0", f"first: {MAX_PAGE_SIZE + 1}", f"last: {MAX_PAGE_SIZE + 1}", "last: -5"]
)
async def test_10_page_sizes_outside_1_to_max_page_size_are_refused_naming_the_range(
    client: httpx.AsyncClient, arguments: str
) -> None:
    errors = await refused(client, f"{{ initiatives({arguments}) {{ totalCount }} }}")
    assert len(errors) == 1
    assert errors[0]["message"].startswith(f"`{arguments.split(':')[0]}` must be between 1 and {MAX_PAGE_SIZE}, got ")
    assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_10_a_huge_page_size_is_refused_naming_the_range(client: httpx.AsyncClient) -> None:
    errors = await refused(client, "{ initiatives(first: 1000000) { totalCount } }")
    assert [e["message"] for e in errors] == [f"`first` must be between 1 and {MAX_PAGE_SIZE}, got 1000000"]


async def test_10_nested_page_sizes_are_checked_too_and_the_limit_passes(client: httpx.AsyncClient) -> None:
    data = await answered(client, f"{{ metrics(first: {MAX_PAGE_SIZE}) {{ nodes {{ slug }} }} }}")
    assert len(data["metrics"]["nodes"]) == 82  # all of them: fewer than a full page
    for query in (
        f"{{ initiatives(first: 1) {{ nodes {{ metrics(first: {MAX_PAGE_SIZE + 1}) {{ totalCount }} }} }} }}",
        f"{{ metrics(first: 1) {{ nodes {{ observations(last: {MAX_PAGE_SIZE + 1}) {{ totalCount }} }} }} }}",
        f"{{ metrics(first: 1) {{ nodes {{ ranking(level: PREFECTURE, first: {MAX_PAGE_SIZE + 1}) {{ date }} }} }} }}",
    ):
        body = await graphql(client, query)
        assert [e["extensions"]["code"] for e in body["errors"]] == ["BAD_USER_INPUT"], query
        assert f"must be between 1 and {MAX_PAGE_SIZE}" in body["errors"][0]["message"]


async def test_11_int_overflow_is_a_coercion_error(client: httpx.AsyncClient) -> None:
    errors = await refused(client, "{ initiatives(first: 99999999999) { totalCount } }")
    assert errors[0]["message"] == "Int cannot represent non 32-bit signed integer value: 99999999999"
    assert codes(errors) == {"GRAPHQL_VALIDATION_FAILED"}


async def test_11_int_overflow_in_a_variable_is_a_coercion_error(client: httpx.AsyncClient) -> None:
    errors = await refused(client, "query($n: Int) { initiatives(first: $n) { totalCount } }", {"n": 99999999999})
    assert errors[0]["message"].startswith("Variable '$n' has invalid value: Int cannot represent non 32-bit")


async def test_12_node_explosion_is_refused_before_execution_with_the_estimate(client: httpx.AsyncClient) -> None:
    errors = await refused(client, nested(100, 100, 100))
    assert len(errors) == 1
    assert errors[0]["extensions"] == {"code": "QUERY_TOO_COSTLY"}
    assert "up to 1010100 nodes" in errors[0]["message"]
    assert f"the limit is {MAX_NODES}" in errors[0]["message"]


async def test_12_the_node_limit_itself_passes_and_one_more_node_is_refused(client: httpx.AsyncClient) -> None:
    at_limit = nested_at_the_node_limit()
    response = await post(client, {"query": at_limit, "extensions": {"cost": True}})
    body = response.json()
    assert "errors" not in body, body
    assert body["data"]["initiatives"]["nodes"]
    assert body["extensions"]["cost"] == {"nodes": MAX_NODES, "limit": MAX_NODES}
    one_more = at_limit[:-1] + ' nodes(ids: ["x"]) { id } }'  # a list of one ID counts one node
    errors = await refused(client, one_more)
    assert f"up to {MAX_NODES + 1} nodes" in errors[0]["message"]
    assert f"the limit is {MAX_NODES}" in errors[0]["message"]


async def test_12_the_cost_extension_reports_the_estimate(client: httpx.AsyncClient) -> None:
    # The nested example of the docs: 50 initiatives × 20 metrics × 12 observations.
    response = await post(client, {"query": nested(50, 20, 12), "extensions": {"cost": True}})
    assert response.json()["extensions"] == {"cost": {"nodes": 13_050, "limit": MAX_NODES}}
    by_variable = "query($n: Int) " + nested(50, 20, 12).replace("first: 50", "first: $n")
    response = await post(client, {"query": by_variable, "variables": {"n": 2}, "extensions": {"cost": True}})
    assert response.json()["extensions"]["cost"]["nodes"] == 2 + 40 + 480
    assert "extensions" not in (await graphql(client, nested(2, 2, 2)))  # only when asked


async def test_12_page_sizes_given_by_variable_defaults_are_counted(client: httpx.AsyncClient) -> None:
    query = nested(100, 100, 100).replace("first: 100", "first: $f")
    errors = await refused(client, f"query($f: Int = 100) {query}")
    assert "up to 1010100 nodes" in errors[0]["message"]


async def test_12_a_negative_page_size_does_not_offset_the_estimate(client: httpx.AsyncClient) -> None:
    offset = 'metric(slug: "mynaportal-registered-users") { observations(first: -2147483648) { totalCount } }'
    errors = await refused(client, f"{{ {offset} {nested(100, 100, 100)[2:]}")
    assert codes(errors) == {"QUERY_TOO_COSTLY"}


async def test_12_ranking_entries_are_counted_by_their_first_argument(client: httpx.AsyncClient) -> None:
    ranking = f"ranking(level: MUNICIPALITY, first: {MAX_PAGE_SIZE}) {{ entries {{ rank }} }}"
    query = f"{{ metrics(first: 1) {{ nodes {{ {ranking} }} }} }}"
    response = await post(client, {"query": query, "extensions": {"cost": True}})
    assert response.json()["extensions"]["cost"]["nodes"] >= 1 + MAX_PAGE_SIZE


# --- 22: variables -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        ("query($s: String!) { metric(slug: $s) { name } }", {"s": 5}, "Variable '$s' has invalid value: String"),
        (
            "query($s: String!) { metric(slug: $s) { name } }",
            {},
            "Variable '$s' has invalid value: Expected a value of non-null type 'String!' to be provided.",
        ),
        ("query($f: Int) { initiatives(first: $f) { totalCount } }", {"f": "ten"}, "Variable '$f' has invalid value"),
        (
            "query($c: LocalGovCode!) { municipality(areaCode: $c) { name } }",
            {"c": [1]},
            "Variable '$c' has invalid value",
        ),
        ("query($l: AreaLevel!) { metrics(first: 1) { nodes { ranking(level: $l) { date } } } }", {"l": "TOWN"}, "$l"),
    ],
    ids=["string-as-int", "missing", "int-as-string", "code-as-list", "unknown-enum"],
)
async def test_22_wrong_or_missing_variables_are_coercion_errors_naming_the_variable(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any], message: str
) -> None:
    errors = await refused(client, query, variables)
    assert len(errors) == 1
    assert message in errors[0]["message"]
