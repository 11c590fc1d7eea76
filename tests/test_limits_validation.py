"""SECURITY.md items 1–9 and 13–19: depth, fragments, aliases, tokens, introspection, suggestions, operations."""

from __future__ import annotations

import logging

import httpx
import pytest
from graphql import get_introspection_query

from schema.limits import MAX_ALIASES, MAX_DEPTH, MAX_PAGE_SIZE, MAX_TOKENS
from tests.limits_support import (
    FOCUS_AREAS,
    answered,
    codes,
    nested,
    post,
    refused,
    sql_statements,
    token_count,
)
from tests.limits_support import closed_client as closed_client  # the `closed` fixture
from tests.limits_support import closed_url as closed_url  # which it uses


def deep_query(depth: int, *, fragments: bool = False) -> str:
    """A query of `depth` as QueryDepthLimiter counts it (root fields at depth 0), walking initiatives → metrics →
    initiative → metrics … one item a page. With `fragments`, each level is a fragment, the first spread twice."""
    steps = [("initiatives(first: 1)", "InitiativeConnection"), ("nodes", "Initiative")]
    cycle = [("metrics(first: 1)", "MetricConnection"), ("nodes", "Metric"), ("initiative", "Initiative")]
    while len(steps) < depth:
        steps.append(cycle[(len(steps) - 2) % 3])
    steps = steps[:depth]
    leaf = "totalCount" if steps[-1][1].endswith("Connection") else "slug"
    if not fragments:
        query = leaf
        for field, _ in reversed(steps):
            query = f"{field} {{ {query} }}"
        return f"{{ {query} }}"
    parents = ["Query"] + [type_name for _, type_name in steps]
    definitions = []
    for level, (field, _) in enumerate(steps):
        inner = f"...L{level + 1}" if level + 1 < len(steps) else leaf
        definitions.append(f"fragment L{level} on {parents[level]} {{ {field} {{ {inner} }} }}")
    return "query Deep { ...L0 ...L0 } " + " ".join(definitions)


def aliases(count: int, field: str = "__typename") -> str:
    return " ".join(f"a{i}: {field}" for i in range(count))


# --- 1–9: the shape and size of a document ---------------------------------------------------------------------


async def test_01_deep_nesting_is_refused_and_the_limit_itself_passes(client: httpx.AsyncClient) -> None:
    data = await answered(client, deep_query(MAX_DEPTH))
    assert data["initiatives"]["nodes"]
    errors = await refused(client, deep_query(MAX_DEPTH + 1))
    assert len(errors) == 1
    assert errors[0]["message"] == f"'anonymous' exceeds maximum operation depth of {MAX_DEPTH}"  # not masked


async def test_02_depth_hidden_in_reused_fragments_counts_the_same(client: httpx.AsyncClient) -> None:
    assert (await answered(client, deep_query(MAX_DEPTH, fragments=True)))["initiatives"]["nodes"]
    errors = await refused(client, deep_query(MAX_DEPTH + 1, fragments=True))
    # One error for each place the fragment is spread.
    assert {e["message"] for e in errors} == {f"'Deep' exceeds maximum operation depth of {MAX_DEPTH}"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
            "Cannot spread fragment 'A' within itself via 'B'.",
        ),
        ("{ ...A } fragment A on Query { focusAreas { name } ...A }", "Cannot spread fragment 'A' within itself."),
    ],
    ids=["A-B-A", "A-A"],
)
async def test_03_circular_fragments_are_refused_without_recursion(
    client: httpx.AsyncClient, query: str, message: str
) -> None:
    errors = await refused(client, query)
    assert errors[0]["message"] == message


async def test_04_alias_overloading_is_refused_also_through_a_fragment_spread_twice(client: httpx.AsyncClient) -> None:
    assert len(await answered(client, f"{{ {aliases(MAX_ALIASES)} }}")) == MAX_ALIASES
    errors = await refused(client, f"{{ {aliases(MAX_ALIASES + 1)} }}")
    assert [e["message"] for e in errors] == [f"{MAX_ALIASES + 1} aliases found. Allowed: {MAX_ALIASES}"]
    half = MAX_ALIASES // 2 + 1  # each spread counts: 2 × half > MAX_ALIASES
    errors = await refused(client, f"{{ ...F ...F }} fragment F on Query {{ {aliases(half)} }}")
    assert [e["message"] for e in errors] == [f"{2 * half} aliases found. Allowed: {MAX_ALIASES}"]


async def test_05_field_duplication_validates_below_the_token_cap_and_fails_at_parse_above(
    client: httpx.AsyncClient,
) -> None:
    assert await answered(client, "{ " + "__typename " * 500 + "}") == {"__typename": "Query"}
    errors = await refused(client, "{ " + "__typename " * 5_000 + "}")
    assert [e["message"] for e in errors] == [
        f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted."
    ]
    # Just under the token cap, graphql-core's own budget for comparing fields stops the validation: a bounded
    # refusal, not a hang or a 500.
    almost = "{ " + "__typename " * (MAX_TOKENS - 2) + "}"
    assert token_count(almost) == MAX_TOKENS
    assert [e["message"] for e in await refused(client, almost)] == ["Validation aborted."]


async def test_06_conflicting_fields_stop_at_100_errors_and_validation_aborted(client: httpx.AsyncClient) -> None:
    query = "{ " + " ".join(f'metric(slug: "s{i}") {{ name }}' for i in range(150)) + " }"
    assert token_count(query) <= MAX_TOKENS
    errors = await refused(client, query)
    assert len(errors) == 101
    assert "conflict because they have differing arguments" in errors[0]["message"]
    assert errors[-1]["message"] == "Too many validation errors, error limit reached. Validation aborted."


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        ("@aa", "Unknown directive '@aa'."),
        ("@include(if: true)", "The directive '@include' can only be used once at this location."),
    ],
    ids=["unknown", "include"],
)
async def test_07_directive_overloading_gives_at_most_101_errors_and_one_log_line(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, directive: str, message: str
) -> None:
    caplog.set_level(logging.INFO, logger="hiraku.graphql")
    errors = await refused(client, "{ __typename " + f"{directive} " * 200 + "}")
    assert len(errors) == 101
    assert errors[0]["message"] == message
    assert errors[-1]["message"] == "Too many validation errors, error limit reached. Validation aborted."
    lines = [r for r in caplog.records if r.name == "hiraku.graphql"]
    assert len(lines) == 1
    assert "errors=101" in lines[0].getMessage()
    assert "__typename" not in lines[0].getMessage()  # not the query
    assert lines[0].exc_info is None


async def test_08_a_document_over_max_tokens_is_refused_at_parse_time(client: httpx.AsyncClient) -> None:
    # `... on Query { __typename }` is 6 tokens; few duplicate fields, so validation is cheap.
    body = "... on Query { __typename } " * ((MAX_TOKENS - 2) // 6)
    body += "__typename " * (MAX_TOKENS - 2 - token_count(body))
    at_limit = "{ " + body + "}"
    assert token_count(at_limit) == MAX_TOKENS
    assert await answered(client, at_limit) == {"__typename": "Query"}
    # One more token, and a field that would need SQL: the parser stops before anything runs.
    over = "{ " + body + "focusAreas { name } }"
    assert token_count(over) > MAX_TOKENS
    errors = await refused(client, over)
    assert [e["message"] for e in errors] == [
        f"Syntax Error: Document contains more than {MAX_TOKENS} tokens. Parsing aborted."
    ]


@pytest.mark.parametrize("value", ["[" * 300 + "1" + "]" * 300, "{a: " * 300 + "1" + "}" * 300], ids=["list", "object"])
async def test_09_deeply_nested_input_values_are_a_syntax_error(client: httpx.AsyncClient, value: str) -> None:
    errors = await refused(client, f"{{ metric(slug: {value}) {{ name }} }}")
    assert [e["message"] for e in errors] == ["Syntax Error: Document is nested too deeply. Parsing aborted."]


# --- 13–19: introspection, suggestions and operations ----------------------------------------------------------


async def test_13_circular_introspection_is_refused_and_the_standard_query_works(client: httpx.AsyncClient) -> None:
    circular = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }"
    errors = await refused(client, circular)
    assert [e["message"] for e in errors] == ["Maximum introspection depth exceeded"]
    data = await answered(client, get_introspection_query())
    assert data["__schema"]["queryType"]["name"] == "Query"
    assert any(t["name"] == "Metric" for t in data["__schema"]["types"])


async def test_14_introspection_can_be_disabled_and_typename_still_works(closed: httpx.AsyncClient) -> None:
    for query, field in (
        ("{ __schema { queryType { name } } }", "__schema"),
        ('{ __type(name: "Query") { name } }', "__type"),
    ):
        errors = await refused(closed, query)
        assert errors[0]["message"] == (
            f"GraphQL introspection has been disabled, but the requested query contained the field '{field}'."
        )
        assert all(e["message"].startswith("GraphQL introspection has been disabled") for e in errors)
    assert await answered(closed, "{ __typename }") == {"__typename": "Query"}


SUGGESTIONS = [
    "{ datasetz }",
    '{ metric(slug: "x") { nmae } }',
    '{ metric(slugg: "x") { name } }',
    "{ ... on Qurey { __typename } }",
    "{ metrics(orderBy: { fieldd: X }) { totalCount } }",
]


@pytest.mark.parametrize("query", SUGGESTIONS, ids=["field", "nested-field", "argument", "type", "input-field"])
async def test_15_unknown_names_get_a_did_you_mean_while_introspection_is_on(
    client: httpx.AsyncClient, query: str
) -> None:
    errors = await refused(client, query)
    assert any("Did you mean" in e["message"] for e in errors), errors


async def test_15_a_suggestion_names_the_field_meant(client: httpx.AsyncClient) -> None:
    errors = await refused(client, '{ metric(slug: "x") { nmae } }')
    assert [e["message"] for e in errors] == [
        "Cannot query field 'nmae' on type 'Metric'. Did you mean 'name' or 'note'?"
    ]


@pytest.mark.parametrize("query", SUGGESTIONS, ids=["field", "nested-field", "argument", "type", "input-field"])
async def test_15_no_suggestions_leak_the_schema_when_introspection_is_off(
    closed: httpx.AsyncClient, query: str
) -> None:
    errors = await refused(closed, query)
    assert all("Did you mean" not in e["message"] for e in errors), errors


async def test_16_json_array_batches_are_refused_with_400(client: httpx.AsyncClient) -> None:
    before = await sql_statements(client)
    response = await client.post("/graphql", json=[{"query": FOCUS_AREAS}, {"query": FOCUS_AREAS}])
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("A JSON array (a batch of operations) is not supported")
    assert await sql_statements(client) == before


async def test_17_many_root_fields_are_bounded_by_aliases_and_the_node_rule(client: httpx.AsyncClient) -> None:
    errors = await refused(client, f"{{ {aliases(MAX_ALIASES + 1, 'metrics(first: 1) { totalCount }')} }}")
    assert [e["message"] for e in errors] == [f"{MAX_ALIASES + 1} aliases found. Allowed: {MAX_ALIASES}"]
    heavy = f"metrics(first: {MAX_PAGE_SIZE}) {{ nodes {{ observations(first: 20) {{ nodes {{ value }} }} }} }}"
    errors = await refused(client, f"{{ {aliases(MAX_ALIASES, heavy)} }}")
    assert codes(errors) == {"QUERY_TOO_COSTLY"}
    # The same field repeated without an alias merges into one.
    data = await answered(client, "{ focusAreas { name } focusAreas { name } focusAreas { slug } }")
    assert list(data) == ["focusAreas"] and len(data["focusAreas"]) == 3


async def test_18_several_operations_without_operation_name_run_the_first(client: httpx.AsyncClient) -> None:
    document = "query A { focusAreas { name } } query B { __typename }"
    assert list(await answered(client, document)) == ["focusAreas"]  # pinned: the first operation runs
    response = await post(client, {"query": document, "operationName": "B"})
    assert response.json() == {"data": {"__typename": "Query"}}
    # A request error: 200 for a legacy application/json client, 400 in the GraphQL media type (the spec's rules).
    response = await post(client, {"query": document, "operationName": "C"})
    assert response.status_code == 200
    assert response.json() == {
        "errors": [{"message": 'Unknown operation named "C".', "extensions": {"code": "OPERATION_RESOLUTION_FAILURE"}}]
    }
    graphql_response = await client.post(
        "/graphql",
        json={"query": document, "operationName": "C"},
        headers={"accept": "application/graphql-response+json"},
    )
    assert graphql_response.status_code == 400
    assert graphql_response.json() == response.json()


async def test_18_the_node_rule_estimates_the_operation_that_runs(client: httpx.AsyncClient) -> None:
    document = f"query Cheap {{ __typename }} query Costly {nested(100, 100, 100)}"
    assert (await post(client, {"query": document, "operationName": "Cheap"})).json() == {
        "data": {"__typename": "Query"}
    }
    body = (await post(client, {"query": document, "operationName": "Costly"})).json()
    assert codes(body["errors"]) == {"QUERY_TOO_COSTLY"}


@pytest.mark.parametrize("operation", ["mutation", "subscription"])
async def test_19_mutations_and_subscriptions_are_not_supported(client: httpx.AsyncClient, operation: str) -> None:
    errors = await refused(client, f"{operation} {{ x }}")
    assert [e["message"] for e in errors] == [f"The {operation} operation is not supported by the schema."]


async def test_19_a_mutation_by_get_gets_405(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "mutation { x }"})
    assert response.status_code == 405  # the GraphQL-over-HTTP spec's recommendation
    assert response.headers["allow"] == "POST"
    assert response.json()["errors"] == [
        {
            "message": "mutations are not allowed when using GET: send mutations by POST.",
            "extensions": {"code": "METHOD_NOT_ALLOWED"},
        }
    ]


# --- the "rejected" contract: a stable code on every refusal ---------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        (deep_query(MAX_DEPTH + 1), "GRAPHQL_VALIDATION_FAILED"),
        ("{ ...A } fragment A on Query { ...A }", "GRAPHQL_VALIDATION_FAILED"),
        (f"{{ {aliases(MAX_ALIASES + 1)} }}", "GRAPHQL_VALIDATION_FAILED"),
        ("{ " + "__typename " * 5_000 + "}", "GRAPHQL_PARSE_FAILED"),
        ("{ metric(slug: " + "[" * 300 + "]" * 300 + ") { name } }", "GRAPHQL_PARSE_FAILED"),
        ("{ initiatives(first: 99999999999) { totalCount } }", "GRAPHQL_VALIDATION_FAILED"),
        (nested(100, 100, 100), "QUERY_TOO_COSTLY"),
        (
            "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        ("{ datasetz }", "GRAPHQL_VALIDATION_FAILED"),
        ("mutation { x }", "GRAPHQL_VALIDATION_FAILED"),
        ("query($s: String!) { metric(slug: $s) { name } }", "BAD_USER_INPUT"),
    ],
    ids=[
        "01-depth",
        "03-cycle",
        "04-aliases",
        "08-tokens",
        "09-nesting",
        "11-int",
        "12-nodes",
        "13-introspection",
        "15-field",
        "19-mutation",
        "22-variable",
    ],
)
async def test_01_to_22_every_rejection_carries_a_stable_code(client: httpx.AsyncClient, query: str, code: str) -> None:
    assert codes(await refused(client, query)) == {code}
