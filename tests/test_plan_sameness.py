"""The schema's executor (`build_schema()`) answers every document byte for byte as graphql-core's ordinary
executor (`build_schema(plans=False)`) does: data, errors (message, locations, path, code) and partial data,
as /graphql would send them (tests/differential.py).

The documents: every one of the suite, the cookbook, the README, the examples and GraphiQL's example, then
GENERATED documents from a seeded walk over the schema (tests/documents_generator.py) with arguments from the
loaded data, some refused midway.

That the comparison can fail: `test_a_changed_serializer_is_caught` changes how the executor under test writes one
kind of value (Date, through the schema's own scalar type) and requires the comparison to report the documents that
hold one. To see it by hand, change any value the plan writes (e.g. `return serialized` in schema/plan/run.py's
`_leaf` to `return -serialized if isinstance(serialized, float) else serialized`) and run this module: the
generated documents report their mismatches with the document and a diff of the answers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import orjson
import pytest
import pytest_asyncio
import strawberry
from graphql import GraphQLObjectType, GraphQLScalarType, get_named_type

from api.settings import Settings
from db.pool import ApiPool
from schema import build_schema
from schema.context import Context
from tests.differential import (
    Case,
    Outcome,
    api_pool,
    cases_of,
    compare,
    compare_on_two_cores,
    failures,
    suite_documents,
)
from tests.document_values import HARVEST, Values
from tests.documents_generator import DocumentGenerator, Generated
from tests.limits_support import api_role_dsn

SEED = 14
GENERATED = 2_000
SOURCES = suite_documents()
CONSTRUCTS = [
    "alias",
    "variable",
    "variable default",
    "named fragment",
    "inline fragment",
    "inline fragment on an interface",
    "@include/@skip",
    "directive variable",
    "__typename",
    "merged field",
    "introspection",
    "operation chosen by name",
]
REFUSED_LITERAL = ("Expected value of type", "Value cannot represent")
REFUSED_BEFORE_EXECUTION = {"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "QUERY_TOO_COSTLY"}


@pytest.fixture(scope="module")
def dsn(settings: Settings, loaded_dsn: str) -> str:
    return api_role_dsn(settings, loaded_dsn)


@pytest_asyncio.fixture(scope="module")
async def pool(dsn: str) -> AsyncIterator[ApiPool]:
    async with api_pool(dsn) as opened:
        yield opened


@pytest.fixture(scope="module")
def ordinary() -> strawberry.Schema:
    return build_schema(plans=False)


@pytest.fixture(scope="module")
def under_test() -> strawberry.Schema:
    return build_schema()


@pytest_asyncio.fixture(scope="module")
async def values(ordinary: strawberry.Schema, pool: ApiPool) -> Values:
    result = await ordinary.execute(HARVEST, context_value=Context.for_request(pool))
    assert result.data, result.errors
    return Values.from_answer(ordinary._schema, result.data)


@pytest.fixture(scope="module")
def generated(ordinary: strawberry.Schema, values: Values) -> list[Generated]:
    return list(DocumentGenerator(ordinary._schema, values, SEED).documents(GENERATED))


def _cases(generated: list[Generated]) -> list[Case]:
    return [Case(f"generated #{i}", g.query, g.variables, g.operation_name) for i, g in enumerate(generated)]


@pytest.mark.parametrize("source", sorted(SOURCES))
async def test_every_document_of_the_suite_gets_the_same_answer(
    source: str, under_test: strawberry.Schema, ordinary: strawberry.Schema, pool: ApiPool, values: Values
) -> None:
    documents = SOURCES[source]
    assert len(documents) >= 3, "the documents of this source are no longer found"
    cases = [
        c for origin, text, given in documents for c in cases_of(ordinary._schema, values.valid(), origin, text, given)
    ]
    # Twice: a document seen before is answered from what the executor kept of it (a plan), which must agree too.
    outcomes = await compare(under_test, ordinary, pool, cases + cases)
    assert all(outcome.same for outcome in outcomes), failures(outcomes)


async def test_generated_documents_get_the_same_answer(
    under_test: strawberry.Schema, ordinary: strawberry.Schema, pool: ApiPool, dsn: str, generated: list[Generated]
) -> None:
    outcomes = await compare_on_two_cores(under_test, ordinary, pool, dsn, _cases(generated))
    assert all(outcome.same for outcome in outcomes), failures(outcomes)
    _assert_they_try_what_they_should(generated, outcomes)


def _assert_they_try_what_they_should(generated: list[Generated], outcomes: list[Outcome]) -> None:
    """The generated documents are executed (within the limits), some fail midway, and each construct is used."""
    bodies = [orjson.loads(outcome.expected) for outcome in outcomes]
    errors = [error for body in bodies for error in body.get("errors", [])]
    codes = Counter(error.get("extensions", {}).get("code") for error in errors)
    # Refused before execution only for a literal the server refuses on purpose (a code with a wrong check digit),
    # never for a document the generator got wrong or too large.
    refused = [e for e in errors if e["extensions"].get("code") in REFUSED_BEFORE_EXECUTION]
    assert all(e["message"].startswith(REFUSED_LITERAL) for e in refused), refused[:3]
    executed = [body for body in bodies if "data" in body]
    assert len(executed) >= 0.9 * len(bodies)
    assert sum(1 for body in executed if body.get("errors") and body["data"]) >= 0.05 * len(bodies)  # partial data
    assert codes["NOT_FOUND"] >= 20 and codes["BAD_USER_INPUT"] >= 20, codes
    constructs = Counter(feature for g in generated for feature in g.features)
    assert all(constructs[construct] >= 20 for construct in CONSTRUCTS), constructs


def test_the_generator_is_deterministic(
    ordinary: strawberry.Schema, values: Values, generated: list[Generated]
) -> None:
    again = DocumentGenerator(ordinary._schema, values, SEED).documents(50)
    assert list(again) == generated[:50]
    assert len({g.query for g in generated}) == len(generated)  # no document twice


@pytest.fixture
def changed_dates(under_test: strawberry.Schema) -> Iterator[None]:
    """Dates written with a trailing `!` by the executor under test only: each schema has its own Date type, and
    both of its writers (graphql-core's `coerce_output_value` and `serialize`) are changed, whichever the executor
    calls."""
    scalar = under_test._schema.type_map["Date"]
    assert isinstance(scalar, GraphQLScalarType)
    originals: dict[str, Callable[[Any], Any]] = {}
    for writer in ("serialize", "coerce_output_value"):
        original = originals[writer] = getattr(scalar, writer)
        setattr(scalar, writer, lambda value, original=original: f"{original(value)}!")
    try:
        yield
    finally:
        for writer, original in originals.items():
            setattr(scalar, writer, original)


@pytest.mark.usefixtures("changed_dates")
async def test_a_changed_serializer_is_caught(
    under_test: strawberry.Schema, ordinary: strawberry.Schema, pool: ApiPool, generated: list[Generated]
) -> None:
    assert under_test._schema.type_map["Date"] is not ordinary._schema.type_map["Date"]
    # Documents that name a field of type Date (most of them do not get one: null, skipped, an argument of that
    # name, refused).
    dated = {
        name
        for type_ in ordinary._schema.type_map.values()
        if isinstance(type_, GraphQLObjectType)
        for name, field in type_.fields.items()
        if get_named_type(field.type).name == "Date"
    }
    asking = [g for g in generated if dated & set(re.findall(r"\w+", g.query))][:200]
    outcomes = await compare(under_test, ordinary, pool, _cases(asking))
    different = [outcome for outcome in outcomes if not outcome.same]
    assert len(different) >= 20, failures(outcomes)
    # Each mismatch is the change and nothing else: without the `!`, the answers are the same again.
    assert all(re.sub(rb'(\d{4}-\d{2}-\d{2})!"', rb'\1"', o.actual) == o.expected for o in different)
    assert "--- generated #" in failures(outcomes)  # the report names the document and shows the diff
