"""SECURITY.md items 23–27: NUL bytes, lone surrogates, length caps, wildcards, injection, IDs in string arguments."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
    is_leaf_type,
)
from graphql.pyutils import Undefined

from api.app import create_app
from api.settings import Settings
from schema import build_schema
from schema.extensions.errors import UNEXPECTED
from schema.limits import (
    MAX_ARGUMENT_LENGTH,
    MAX_NODES,
    MAX_PAGE_SIZE,
    MAX_SEARCH_LENGTH,
    REQUEST_TIMEOUT_S,
    STATEMENT_TIMEOUT_MS,
)
from schema.node import encode_id
from tests.limits_support import (
    FOCUS_AREAS,
    INITIATIVE,
    answered,
    app_settings,
    codes,
    nested,
    nullable,
    post,
    refused,
    sql_statements,
)
from tests.support import graphql, running


def nested_at_the_node_limit() -> str:
    """initiatives(a) × metrics(b) × observations(c) with a + ab + abc == MAX_NODES exactly."""
    for a in range(MAX_PAGE_SIZE, 0, -1):
        for b in range(1, MAX_PAGE_SIZE + 1):
            c, rest = divmod(MAX_NODES - a - a * b, a * b)
            if rest == 0 and 1 <= c <= MAX_PAGE_SIZE:
                return nested(a, b, c)
    raise AssertionError(f"no page sizes give exactly {MAX_NODES} nodes")


# --- 23–27: string arguments and IDs ---------------------------------------------------------------------------

STRING_SCALARS = {"String", "ID", "LocalGovCode", "Date"}
FILLERS = {"Int": 1, "Float": 1.0, "Boolean": False, "LocalGovCode": "131016", "Date": "2023-03-31"}
# Where a field of each type with arguments can be reached from the root.
REACH = {
    "Query": ("", ""),
    "Metric": ("metrics(first: 1) { nodes { ", " } }"),
    "Initiative": ("initiatives(first: 1) { nodes { ", " } }"),
    "Municipality": ("municipalities(first: 1) { nodes { ", " } }"),
    "Prefecture": ('prefecture(areaCode: "130001") { ', " }"),
    "ServiceCatalog": ("serviceCatalogs { ", " }"),
    "Service": ("services(first: 1) { nodes { ", " } }"),
}


def _filler(type_: GraphQLInputType) -> Any:
    """A valid value for a required input that is not under test."""
    inner = nullable(type_)
    if isinstance(inner, GraphQLList):
        return []
    if isinstance(inner, GraphQLEnumType):
        return next(iter(inner.values))
    if isinstance(inner, GraphQLInputObjectType):
        return {
            name: _filler(field.type)
            for name, field in inner.fields.items()
            if isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined
        }
    return FILLERS.get(inner.name, "x")


def _placements(type_: GraphQLInputType, bad: str) -> Iterator[tuple[str, Any, str]]:
    """(path, value, scalar) for every string leaf of an input type: the value holds `bad` at that one leaf."""
    inner = nullable(type_)
    if isinstance(inner, GraphQLList):
        for path, value, scalar in _placements(inner.of_type, bad):
            yield f"[]{path}", [value], scalar
    elif isinstance(inner, GraphQLInputObjectType):
        for name, field in inner.fields.items():
            for path, value, scalar in _placements(field.type, bad):
                yield f".{name}{path}", {**_filler(inner), name: value}, scalar
    elif isinstance(inner, GraphQLScalarType) and inner.name in STRING_SCALARS:
        yield "", bad, inner.name


@dataclasses.dataclass(frozen=True)
class Probe:
    """A query putting the placeholder `{bad}` in one string argument (or string inside an input argument)."""

    name: str
    query: str
    variables: dict[str, Any]
    scalar: str
    is_cursor: bool

    def body(self, bad: str) -> dict[str, Any]:
        variables = json.loads(json.dumps(self.variables).replace('"{bad}"', json.dumps(bad)))
        return {"query": self.query, "variables": variables}


def string_arguments() -> Iterator[Probe]:
    """A probe for every string argument, or string inside an input argument, of the schema."""
    schema = build_schema()._schema
    for type_name, (prefix, suffix) in REACH.items():
        owner = schema.type_map[type_name]
        assert isinstance(owner, GraphQLObjectType)
        for field_name, field in owner.fields.items():
            named = get_named_type(field.type)
            selection = "" if is_leaf_type(named) else " { __typename }"
            for name, argument in field.args.items():
                for path, value, scalar in _placements(argument.type, "{bad}"):
                    variables = {
                        other: _filler(definition.type)
                        for other, definition in field.args.items()
                        if isinstance(definition.type, GraphQLNonNull) and definition.default_value is Undefined
                    }
                    variables[name] = value
                    declared = ", ".join(f"${n}: {field.args[n].type}" for n in variables)
                    passed = ", ".join(f"{n}: ${n}" for n in variables)
                    query = f"query Probe({declared}) {{ {prefix}{field_name}({passed}){selection}{suffix} }}"
                    probe = f"{type_name}.{field_name}({name}{path})"
                    yield Probe(probe, query, variables, scalar, name in ("after", "before"))


STRING_ARGUMENTS = list(string_arguments())


async def probe_errors(client: httpx.AsyncClient, probe: Probe, bad: str) -> list[Any]:
    """The errors of a probe, each one we meant: a PublicError or a variable coercion error (BAD_USER_INPUT both),
    never a 500 or a masked internal error."""
    response = await post(client, probe.body(bad))
    assert response.status_code == 200, (probe.name, response.text)
    errors: list[Any] = response.json().get("errors", [])
    for error in errors:
        assert error["message"] != UNEXPECTED, probe.name
        assert codes([error]) <= {"BAD_USER_INPUT", "NOT_FOUND"}, (probe.name, error)
    return errors


def test_23_the_string_argument_probe_covers_the_schema() -> None:
    probes = {probe.name for probe in STRING_ARGUMENTS}
    assert {
        "Query.metric(slug)",
        "Query.search(query)",
        "Query.node(id)",
        "Query.nodes(ids[])",
        "Query.services(filter.facets[].value)",
        "Query.initiatives(after)",
        "Metric.observations(dimensions[].name)",
        "Municipality.observations(metric)",
    } <= probes
    assert len(probes) > 40
    # Every object type with a string argument is reached by some probe.
    schema = build_schema()._schema
    with_strings = {
        type_.name
        for type_ in schema.type_map.values()
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__")
        for field in type_.fields.values()
        for argument in field.args.values()
        if any(True for _ in _placements(argument.type, "x"))
    }
    assert with_strings == set(REACH)


async def test_23_nul_bytes_are_refused_in_every_string_argument(client: httpx.AsyncClient) -> None:
    for probe in STRING_ARGUMENTS:
        messages = [e["message"] for e in await probe_errors(client, probe, "a\u0000b")]
        assert messages, probe.name
        if probe.scalar == "String" and not probe.is_cursor:
            assert any("contains an invalid character" in m for m in messages), (probe.name, messages)
        elif probe.scalar == "ID":
            assert any(m.startswith("not a valid ID") for m in messages), (probe.name, messages)


async def test_23_a_lone_surrogate_in_any_string_argument_refuses_the_request(client: httpx.AsyncClient) -> None:
    # JSON can escape a lone UTF-16 surrogate, which is no character: the request is refused before it runs.
    for probe in STRING_ARGUMENTS:
        response = await post(client, probe.body("a\ud800b"))
        assert response.status_code == 400, probe.name
        [error] = response.json()["errors"]
        assert error["extensions"] == {"code": "BAD_REQUEST"}
        assert "lone UTF-16 surrogate" in error["message"], (probe.name, error)


@pytest.mark.parametrize("global_id", [encode_id("Initiative", "a\x00b"), encode_id("Prefecture", "13\x00")])
async def test_23_a_nul_byte_inside_a_global_id_is_refused(client: httpx.AsyncClient, global_id: str) -> None:
    body = await graphql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": global_id})
    assert body["data"] == {"node": None}
    assert codes(body["errors"]) <= {"BAD_USER_INPUT", "NOT_FOUND"}, body


async def test_24_over_long_search_terms_are_refused_before_sql(client: httpx.AsyncClient) -> None:
    query = "query($q: String!) { search(query: $q) { totalCount } }"
    assert (await answered(client, query, {"q": "あ" * MAX_SEARCH_LENGTH}))["search"] == {"totalCount": 0}
    for term in ("あ" * (MAX_SEARCH_LENGTH + 1), "x" * 10_000):
        errors = await refused(client, query, {"q": term})
        assert [e["message"] for e in errors] == [f"`query` is longer than {MAX_SEARCH_LENGTH} characters"]
        assert codes(errors) == {"BAD_USER_INPUT"}


async def test_24_over_long_slugs_are_refused_before_sql(client: httpx.AsyncClient) -> None:
    query = "query($s: String!) { metric(slug: $s) { name } }"
    at_cap = await graphql(client, query, {"s": "x" * MAX_ARGUMENT_LENGTH})
    assert (at_cap["data"], codes(at_cap["errors"])) == ({"metric": None}, {"NOT_FOUND"})  # looked up, not refused
    before = await sql_statements(client)
    body = await graphql(client, query, {"s": "x" * (MAX_ARGUMENT_LENGTH + 1)})
    assert body["data"] == {"metric": None}
    assert [e["message"] for e in body["errors"]] == [f"`slug` is longer than {MAX_ARGUMENT_LENGTH} characters"]
    assert await sql_statements(client) == before


async def test_24_every_string_argument_refuses_a_value_over_the_length_cap(client: httpx.AsyncClient) -> None:
    for probe in STRING_ARGUMENTS:
        messages = [e["message"] for e in await probe_errors(client, probe, "7" * (MAX_ARGUMENT_LENGTH + 1))]
        assert messages, probe.name
        if probe.scalar in ("String", "ID") and not probe.is_cursor:
            caps = (f"longer than {MAX_ARGUMENT_LENGTH} characters", f"longer than {MAX_SEARCH_LENGTH} characters")
            assert any(cap in m for cap in caps for m in messages), (probe.name, messages)


async def test_25_sql_wildcards_in_search_are_taken_literally(client: httpx.AsyncClient) -> None:
    query = "query($q: String!) { search(query: $q) { totalCount } }"
    everything = (await answered(client, query, {"q": "a"}))["search"]["totalCount"]
    assert everything > 100
    assert (await answered(client, query, {"q": "%" * 8}))["search"]["totalCount"] == 0
    assert (await answered(client, query, {"q": "_"}))["search"]["totalCount"] == 0
    assert (await answered(client, query, {"q": "a_c%"}))["search"]["totalCount"] == 0
    assert 0 < (await answered(client, query, {"q": "%"}))["search"]["totalCount"] < everything


@pytest.mark.parametrize("probe", ["' OR 1=1 --", "1; DROP TABLE metric", "x'); SELECT pg_sleep(10); --"])
async def test_26_injection_probes_in_every_string_argument_are_data(client: httpx.AsyncClient, probe: str) -> None:
    for argument in STRING_ARGUMENTS:
        await probe_errors(client, argument, probe)
    assert (await answered(client, "{ metrics { totalCount } }"))["metrics"]["totalCount"] == 82
    assert (await answered(client, "{ initiatives { totalCount } }"))["initiatives"]["totalCount"] == 27


@pytest.mark.parametrize(
    ("global_id", "code"),
    [
        ("not-an-id!!", "BAD_USER_INPUT"),
        ("x" * 10_000, "BAD_USER_INPUT"),
        (encode_id("Metric", INITIATIVE), "NOT_FOUND"),  # an initiative's key under the wrong type
        (encode_id("Nope", "x"), "NOT_FOUND"),
        (encode_id("Milestone", "no-colon"), "NOT_FOUND"),
        (encode_id("Initiative", "x" * 100), "NOT_FOUND"),
    ],
    ids=["malformed", "very-long", "wrong-type", "unknown-type", "bad-key", "unknown-key"],
)
async def test_27_malformed_or_unknown_ids_are_null_with_a_public_error(
    client: httpx.AsyncClient, global_id: str, code: str
) -> None:
    body = await graphql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": global_id})
    assert body["data"] == {"node": None}
    assert [e["extensions"]["code"] for e in body["errors"]] == [code]
    assert body["errors"][0]["path"] == ["node"]


async def test_27_ids_with_a_huge_position_are_not_found(settings: Settings, loaded_dsn: str) -> None:
    # On a server of its own: before 2bbb041 these reached the driver and left a pooled connection mid-statement.
    app = create_app(app_settings(settings, loaded_dsn, pool_max_size=1))
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=REQUEST_TIMEOUT_S) as http:
        for type_name in ("Milestone", "Service"):
            variables = {"id": encode_id(type_name, "x:" + "9" * 30)}
            body = await graphql(http, "query($id: ID!) { node(id: $id) { id } }", variables)
            assert body["data"] == {"node": None}
            assert codes(body["errors"]) == {"NOT_FOUND"}, body
        await asyncio.sleep(STATEMENT_TIMEOUT_MS / 1000 + 0.5)  # a connection left mid-statement would fail now
        assert (await answered(http, FOCUS_AREAS))["focusAreas"]
        assert (await http.get("/graphql", params={"query": FOCUS_AREAS})).status_code == 200


async def test_27_nodes_refuses_more_than_100_ids(client: httpx.AsyncClient) -> None:
    body = await graphql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ["x"] * 101})
    assert body["data"] is None
    assert body["errors"][0]["message"] == "`ids` holds 101 IDs; at most 100 are allowed"
