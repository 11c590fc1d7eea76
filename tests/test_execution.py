"""The execution plans (schema/plan) give exactly the answers, errors included, of the ordinary executor, and are what
answers the usual queries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
import strawberry

from api.settings import Settings
from db.pool import ApiPool, create_api_pool
from schema import build_schema
from schema.context import Context
from schema.limits import POOL_ACQUIRE_TIMEOUT_S, POOL_CONNECT_TIMEOUT_S, STATEMENT_TIMEOUT_MS
from schema.plan.executor import PLANS
from tests.limits_support import api_role_dsn
from tests.support import document

CASES: list[tuple[str, dict[str, Any]]] = [
    (document("nested_initiatives"), {"first": 50}),
    (document("initiative_page"), {"first": 7}),
    (document("first_initiatives"), {"first": 5}),
    (document("metric_values"), {"slug": "mynaportal-registered-users"}),
    (document("metric_with_source"), {"slug": "mynaportal-registered-users"}),
    (document("milestones_due"), {"first": 100}),
    # __typename, aliases, lists of scalars, objects inside objects, nulls, fragments.
    (
        """{ __typename focus: focusAreas { __typename slug name }
        initiatives(first: 100) { pageInfo { hasNextPage endCursor } nodes { ...Page focusArea { slug } } } }
        fragment Page on Initiative { slug lead outlook again: outlook position }""",
        {},
    ),
    (
        """{ prefectures { code name nameKana population populationDate latitude website }
        municipalities(first: 100, after: null) { nodes { code code5 name nameEn kind county population } } }""",
        {},
    ),
    # Dates, exact decimals, stated values and breakdowns of the issuance series.
    (
        """query Series($code: LocalGovCode!) { municipality(areaCode: $code) {
        observations(metric: "mynumber-card-issued-soumu", last: 12) {
        nodes { date value exactValue displayValue approximate atLeast dateBasis periodStart areaCode
        dimensions { name value } } } } }""",
        {"code": "011002"},
    ),
    # A field error in the middle of a list: the same null and the same error at the same path.
    ('{ focusAreas { slug } node(id: "SW5pdGlhdGl2ZTpuby1zdWNo") { id } }', {}),
]


@pytest_asyncio.fixture(scope="module")
async def pool(settings: Settings, loaded_dsn: str) -> AsyncIterator[ApiPool]:
    api_pool = await create_api_pool(
        api_role_dsn(settings, loaded_dsn),
        max_size=4,
        connect_timeout_s=POOL_CONNECT_TIMEOUT_S,
        statement_timeout_ms=STATEMENT_TIMEOUT_MS,
        acquire_timeout_s=POOL_ACQUIRE_TIMEOUT_S,
    )
    yield api_pool
    await api_pool.close()


async def _answer(schema: strawberry.Schema, pool: ApiPool, query: str, variables: dict[str, Any]) -> Any:
    result = await schema.execute(query, variable_values=variables, context_value=Context.for_request(pool))
    return result.data, [error.formatted for error in result.errors or []]


@pytest.mark.parametrize(("query", "variables"), CASES)
async def test_both_paths_give_the_same_answer(pool: ApiPool, query: str, variables: dict[str, Any]) -> None:
    planned, ordinary = build_schema(), build_schema(plans=False)
    assert await _answer(planned, pool, query, variables) == await _answer(ordinary, pool, query, variables)
    data, _ = await _answer(planned, pool, query, variables)
    assert data  # the case asks for something that exists


async def test_a_null_in_a_non_null_field_is_still_the_ordinary_error(pool: ApiPool) -> None:
    """A value the plan cannot answer goes to the ordinary executor, which reports it where it is."""
    from schema.types.initiative import Initiative

    original = Initiative.from_row

    def without_title(row: Any) -> Initiative:
        initiative = original(row)
        if initiative.slug == "mynaportal":
            object.__setattr__(initiative, "title", None)
        return initiative

    Initiative.from_row = without_title  # type: ignore[method-assign]
    try:
        query = "{ initiatives(first: 100) { nodes { slug title } } }"
        data, errors = await _answer(build_schema(), pool, query, {})
        ordinary = await _answer(build_schema(plans=False), pool, query, {})
    finally:
        Initiative.from_row = original  # type: ignore[method-assign]
    assert (data, errors) == ordinary
    assert data is None  # the null climbs to the root: `initiatives` is non-null too
    assert errors[0]["path"] == ["initiatives", "nodes", 2, "title"]


def _answered_by(path: str) -> float:
    return float(PLANS.labels(path)._value.get())


@pytest.mark.parametrize(("query", "variables"), [case for case in CASES if "SW5p" not in case[0]])
async def test_the_plan_answers_queries_without_errors(pool: ApiPool, query: str, variables: dict[str, Any]) -> None:
    planned, fallbacks = _answered_by("plan"), _answered_by("fallback")
    await _answer(build_schema(), pool, query, variables)
    assert (_answered_by("plan") - planned, _answered_by("fallback") - fallbacks) == (1, 0)


@pytest.mark.parametrize(
    "query",
    [
        "{ __schema { queryType { name } } }",  # introspection
        '{ focusAreas { slug } node(id: "SW5pdGlhdGl2ZTpuby1zdWNo") { id } }',  # an error midway
    ],
)
async def test_what_the_plan_does_not_answer_is_counted_as_a_fallback(pool: ApiPool, query: str) -> None:
    fallbacks = _answered_by("fallback")
    await _answer(build_schema(), pool, query, {})
    assert _answered_by("fallback") - fallbacks == 1


async def test_documents_alike_but_for_their_fragments_get_their_own_answers(pool: ApiPool) -> None:
    """Plans are kept by the operation itself, not by its text: the same operation with another fragment is
    another plan."""
    schema = build_schema()
    first = await _answer(schema, pool, "{ ...F } fragment F on Query { focusAreas { slug } }", {})
    second = await _answer(schema, pool, "{ ...F } fragment F on Query { prefectures { code } }", {})
    assert list(first[0]) == ["focusAreas"]
    assert list(second[0]) == ["prefectures"]
