"""SECURITY.md items 38 and 42: writes through the API's pool, generated valid queries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import asyncpg
import httpx
import pytest
from graphql import GraphQLEnumType, GraphQLList, GraphQLNonNull, get_named_type, is_leaf_type
from graphql.pyutils import Undefined

from api.settings import Settings
from db.pool import create_api_pool
from schema import build_schema
from schema.limits import (
    MAX_PAGE_SIZE,
    MAX_TOKENS,
    POOL_ACQUIRE_TIMEOUT_S,
    POOL_CONNECT_TIMEOUT_S,
    STATEMENT_TIMEOUT_MS,
)
from schema.node import encode_id
from tests.limits_support import (
    INITIATIVE,
    api_role_dsn,
    codes,
    nullable,
    post,
    token_count,
)

# --- 38: writes through the API's pool -------------------------------------------------------------------------


async def test_38_writes_through_the_api_pool_are_refused(settings: Settings, loaded_dsn: str) -> None:
    pool = await create_api_pool(
        api_role_dsn(settings, loaded_dsn),
        max_size=1,
        connect_timeout_s=POOL_CONNECT_TIMEOUT_S,
        statement_timeout_ms=STATEMENT_TIMEOUT_MS,
        acquire_timeout_s=POOL_ACQUIRE_TIMEOUT_S,
    )
    try:
        for statement in (
            "INSERT INTO focus_area (slug, position, name, page, section) VALUES ('x', 99, 'x', 1, 'x')",
            "DELETE FROM initiative",
            "DROP TABLE metric",
        ):
            with pytest.raises((asyncpg.ReadOnlySQLTransactionError, asyncpg.InsufficientPrivilegeError)):
                await pool.execute(statement)
        assert await pool.fetchval("SELECT count(*) FROM initiative") == 27
    finally:
        await pool.close()


# --- 42: generated valid queries -------------------------------------------------------------------------------

SAMPLE_ARGUMENTS = {"String": '"x"', "ID": '"x"', "LocalGovCode": '"131016"', "Date": '"2023-03-31"'}
METRIC = "mynaportal-registered-users"
# Values that exist, so that the generated selection below the field is resolved too.
SAMPLE_BY_ARGUMENT = {
    ("metric", "slug"): f'"{METRIC}"',
    ("observations", "metric"): f'"{METRIC}"',
    ("initiative", "slug"): f'"{INITIATIVE}"',
    ("serviceCatalog", "slug"): '"disaster-prevention-dx-service-map"',
    ("prefecture", "code"): '"130001"',
    ("search", "query"): '"防災"',
    ("node", "id"): f'"{encode_id("Initiative", INITIATIVE)}"',
    ("nodes", "ids"): f'["{encode_id("Metric", METRIC)}", "x"]',
}


def _sample_arguments(field_name: str, field: Any, first: int) -> str:
    parts = []
    for name, argument in field.args.items():
        inner = nullable(argument.type)
        if name == "first":
            parts.append(f"first: {first}")
        elif (field_name, name) in SAMPLE_BY_ARGUMENT:
            parts.append(f"{name}: {SAMPLE_BY_ARGUMENT[field_name, name]}")
        elif isinstance(argument.type, GraphQLNonNull) and argument.default_value is Undefined:
            if isinstance(inner, GraphQLList):
                parts.append(f"{name}: [{SAMPLE_ARGUMENTS[get_named_type(inner).name]}]")
            elif isinstance(inner, GraphQLEnumType):
                parts.append(f"{name}: {next(iter(inner.values))}")
            else:
                parts.append(f"{name}: {SAMPLE_ARGUMENTS[inner.name]}")
    return f"({', '.join(parts)})" if parts else ""


def _sample_selection(type_: Any, depth: int, first: int) -> str:
    fields = ["__typename"]
    for name, field in getattr(type_, "fields", {}).items():
        named = get_named_type(field.type)
        if is_leaf_type(named):
            fields.append(name + _sample_arguments(name, field, first))
        elif depth > 0:
            arguments = _sample_arguments(name, field, first)
            fields.append(f"{name}{arguments} {{ {_sample_selection(named, depth - 1, first)} }}")
    return " ".join(fields)


def generated_queries() -> Iterator[tuple[str, str]]:
    """For each root field and page size, a query of all its fields as deep as the token cap allows."""
    query_type = build_schema()._schema.query_type
    assert query_type is not None
    for name, field in query_type.fields.items():
        for first in (1, 10, MAX_PAGE_SIZE):
            for depth in (3, 2, 1, 0):
                named = get_named_type(field.type)
                selection = "" if is_leaf_type(named) else f" {{ {_sample_selection(named, depth, first)} }}"
                query = f"{{ {name}{_sample_arguments(name, field, first)}{selection} }}"
                if token_count(query) <= MAX_TOKENS:
                    yield f"{name}-{first}", query
                    break


GENERATED = list(generated_queries())


@pytest.mark.parametrize(("name", "query"), GENERATED, ids=[name for name, _ in GENERATED])
async def test_42_generated_valid_queries_give_no_5xx_and_only_documented_errors(
    client: httpx.AsyncClient, name: str, query: str
) -> None:
    response = await post(client, {"query": query})
    assert response.status_code == 200, response.text
    errors = response.json().get("errors", [])
    assert codes(errors) <= {"BAD_USER_INPUT", "NOT_FOUND", "QUERY_TOO_COSTLY"}, errors
