"""Both executors side by side: a document's answer as the HTTP layer would send it, and the documents to compare.

`answer()` executes a case on a schema with a fresh Context over a real pool and encodes what /graphql would send:
Strawberry's `process_result` (errors as `error.formatted`: message, locations, path, extensions), without `data`
for a request error (api/http_errors.py), encoded with orjson like api/graphql.py, its errors in one order (by
path). Two executors agree on a case when these bytes are equal.
"""

from __future__ import annotations

import ast
import asyncio
import dataclasses
import difflib
import itertools
import json
import multiprocessing
import random
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import strawberry
from graphql import (
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    parse,
    visit,
)
from strawberry.http import process_result

from api.http_errors import as_request_error, is_request_error
from db.pool import ApiPool, create_api_pool
from schema import build_schema
from schema.context import Context
from tests.document_values import Values
from tests.support import QUERIES

ROOT = Path(__file__).resolve().parent.parent
CONCURRENCY = 4  # cases executed at once: the pool's size, so that waiting on PostgreSQL overlaps
# What both executors must agree on is the answer, not how long PostgreSQL takes: with the API's 2 s statement and
# acquire limits, a busy machine made one side's statement time out (QUERY_TIMEOUT) and the other's not, and with
# its 1 s limit on opening a connection, one side's new connection (a generated document answered "the database
# cannot be reached" beside three busy processes). The limits themselves are tested in
# tests/test_limits_runtime.py (items 29 and 31) and tests/test_db_outage.py.
PATIENT_S = 120


@dataclass(frozen=True)
class Case:
    """A document to execute, where it comes from, and what it is sent with."""

    origin: str
    query: str
    variables: dict[str, Any] = dataclasses.field(default_factory=dict)
    operation_name: str | None = None


@asynccontextmanager
async def api_pool(dsn: str) -> AsyncIterator[ApiPool]:
    """A pool of the API's read-only role (`dsn`), as the server opens it."""
    pool = await create_api_pool(
        dsn,
        max_size=CONCURRENCY,
        connect_timeout_s=PATIENT_S,
        statement_timeout_ms=PATIENT_S * 1000,
        acquire_timeout_s=PATIENT_S,
    )
    try:
        yield pool
    finally:
        await pool.close()


async def answer(schema: strawberry.Schema, pool: ApiPool, case: Case) -> bytes:
    """The body /graphql would send for the case (with a fresh context, as for every request)."""
    try:
        result = await schema.execute(
            case.query,
            variable_values=case.variables,
            operation_name=case.operation_name,
            context_value=Context.for_request(pool),
        )
    except Exception as error:  # the view turns some of these into errors of its own; here both must agree
        return f"raised {type(error).__name__}: {error}".encode()
    body: Any = process_result(result)
    if is_request_error(result):
        body = as_request_error(result, body)
    if body.get("errors"):
        body["errors"] = sorted(body["errors"], key=_error_order)
    try:
        return orjson.dumps(body)
    except orjson.JSONEncodeError:  # as api/graphql.py: a lone surrogate echoed from the request
        return json.dumps(body, separators=(",", ":")).encode()


def _error_order(error: dict[str, Any]) -> str:
    """Errors in the order of their paths, then locations and messages. GraphQL leaves their order open, and
    graphql-core lists them as their fields fail: two root fields that both miss (NOT_FOUND) are listed in the
    order PostgreSQL happens to answer their statements."""
    return json.dumps([error.get("path"), error.get("locations"), error.get("message")], ensure_ascii=False)


@dataclass(frozen=True)
class Outcome:
    case: Case
    expected: bytes  # the ordinary executor's answer
    actual: bytes  # the answer of the executor under test

    @property
    def same(self) -> bool:
        return self.expected == self.actual

    def report(self) -> str:
        """The document and where the two answers part, for a failing test's message."""
        expected, actual = _pretty(self.expected), _pretty(self.actual)
        diff = difflib.unified_diff(expected, actual, "ordinary", "under test", n=2, lineterm="")
        lines = list(diff)[:40]
        hint = ""
        if sorted(expected) == sorted(actual):
            hint = "\n(the same lines in another order: errors or fields reported in a different order)"
        variables = json.dumps(self.case.variables, ensure_ascii=False)
        return f"--- {self.case.origin}\n{self.case.query}\nvariables: {variables}\n" + "\n".join(lines) + hint


def _pretty(body: bytes) -> list[str]:
    try:
        return json.dumps(json.loads(body), ensure_ascii=False, indent=1).splitlines()
    except ValueError:
        return [body.decode(errors="replace")]


async def compare(
    under_test: strawberry.Schema, ordinary: strawberry.Schema, pool: ApiPool, cases: Iterable[Case]
) -> list[Outcome]:
    """Every case through both schemas, CONCURRENCY cases at a time."""
    gate = asyncio.Semaphore(CONCURRENCY)
    running_before = asyncio.all_tasks()

    async def one(case: Case) -> Outcome:
        async with gate:
            expected = await answer(ordinary, pool, case)
            return Outcome(case, expected, await answer(under_test, pool, case))

    outcomes = list(await asyncio.gather(*(one(case) for case in cases)))
    # graphql-core's ordinary executor settles the siblings of a field that failed in tasks of its own
    # (`settle_in_background`). Waiting for the tasks the comparison started means none is still pending when the
    # test's event loop closes, where it would be reported as a coroutine never awaited (in whichever test the
    # garbage happens to be collected).
    started = asyncio.all_tasks() - running_before - {asyncio.current_task()}
    if started:
        await asyncio.wait(started, timeout=PATIENT_S)
    return outcomes


async def compare_on_two_cores(
    under_test: strawberry.Schema, ordinary: strawberry.Schema, pool: ApiPool, dsn: str, cases: list[Case]
) -> list[Outcome]:
    """`compare()`, with every other case compared in a second process on schemas of its own: execution is
    CPU-bound, and the machine has two cores. The outcomes come back in the order of the cases."""
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as helper:
        apart = loop.run_in_executor(helper, _compare_apart, dsn, cases[1::2])
        here = await compare(under_test, ordinary, pool, cases[0::2])
        there = await apart
    return [outcome for pair in itertools.zip_longest(here, there) for outcome in pair if outcome is not None]


def _compare_apart(dsn: str, cases: list[Case]) -> list[Outcome]:
    async def run() -> list[Outcome]:
        async with api_pool(dsn) as pool:
            return await compare(build_schema(), build_schema(plans=False), pool, cases)

    return asyncio.run(run())


def failures(outcomes: list[Outcome], shown: int = 3) -> str:
    different = [o for o in outcomes if not o.same]
    head = f"{len(different)} of {len(outcomes)} documents answered differently; the first {shown}:\n"
    return head + "\n\n".join(o.report() for o in different[:shown])


# --- the documents of the suite, the docs and the examples ---------------------------------------------------------


Sourced = tuple[str, str, dict[str, Any]]  # origin, document, the variables it comes with


def suite_documents() -> dict[str, list[Sourced]]:
    """Documents by source: tests/queries, the cookbook and README (with the cookbook's variables), examples/ and
    api/, and every string of the test modules that is a GraphQL document."""
    from tests.test_examples import COOKBOOK, README, cookbook_queries, fenced_blocks, readme_example_section

    cookbook = [(f"{COOKBOOK.name}: {block.heading}", block.text, given) for block, given in cookbook_queries()]
    cookbook += [
        (f"{README.name}: An example query", block.text, {})
        for block in fenced_blocks(readme_example_section())
        if block.language == "graphql"
    ]
    examples = [(path.name, text) for path in sorted((ROOT / "examples").iterdir()) for text in _strings(path)]
    examples += [(f"api/{path.name}", path.read_text(encoding="utf-8")) for path in sorted(ROOT.glob("api/*.graphql"))]
    inline = [
        (f"tests/{path.name}", text) for path in sorted((ROOT / "tests").glob("test_*.py")) for text in _strings(path)
    ]
    queries: list[Sourced] = [
        (f"tests/queries/{p.name}", p.read_text(encoding="utf-8"), {}) for p in sorted(QUERIES.iterdir())
    ]
    return {
        "tests/queries": queries,
        "cookbook and README": cookbook,
        "examples": _documents(examples),
        "test modules": _documents(inline),
    }


def _strings(path: Path) -> Iterator[str]:
    """String literals of a Python, JavaScript or shell file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value
    elif path.suffix in (".mjs", ".js"):
        yield from re.findall(r"`([^`]*)`", text)
    else:
        yield from re.findall(r"'([^']*)'", text)


def _documents(candidates: list[tuple[str, str]]) -> list[Sourced]:
    """The candidates that parse as GraphQL documents with an operation, each once."""
    seen: set[str] = set()
    kept: list[Sourced] = []
    for origin, text in candidates:
        if text in seen or "{" not in text:
            continue
        try:
            document = parse(text)
        except GraphQLError:
            continue
        if any(isinstance(d, OperationDefinitionNode) for d in document.definitions):
            seen.add(text)
            kept.append((origin, text, {}))
    return kept


def cases_of(schema: GraphQLSchema, values: Values, origin: str, query: str, given: dict[str, Any]) -> list[Case]:
    """A case per operation of the document (by name when it has several), its variables filled from the data
    where not given."""
    try:
        document = parse(query)
    except GraphQLError:
        return [Case(origin, query, given)]
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    named = len(operations) > 1 and all(o.name for o in operations)
    rng = random.Random(query)
    cases = []
    for operation in operations if named else operations[:1]:
        variables = {**_filled(schema, values, document, rng), **given}
        declared = {d.variable.name.value for d in operation.variable_definitions or ()}
        variables = {k: v for k, v in variables.items() if k in declared or k in given}
        name = operation.name.value if named and operation.name else None
        cases.append(Case(origin, query, variables, name))
    return cases


def _filled(schema: GraphQLSchema, values: Values, document: Any, rng: random.Random) -> dict[str, Any]:
    """A value from the data for every variable, chosen by where it is used (argument or input field)."""
    type_info = TypeInfo(schema)
    filled: dict[str, Any] = {}

    class Usages(Visitor):
        def __init__(self) -> None:
            super().__init__()
            self.places: list[tuple[Any, str]] = []  # (owner, name) of the arguments and input fields entered

        def enter_argument(self, node: Any, *_: Any) -> None:
            field = type_info.get_field_def()
            self.places.append((get_named_type(field.type) if field else None, node.name.value))

        def enter_object_field(self, node: Any, *_: Any) -> None:
            parent = type_info.get_parent_input_type()
            self.places.append((get_named_type(parent) if parent else None, node.name.value))

        def leave_argument(self, *_: Any) -> None:
            self.places.pop()

        def leave_object_field(self, *_: Any) -> None:
            self.places.pop()

        def enter_variable(self, node: Any, *_: Any) -> None:
            type_ = type_info.get_input_type()
            name = node.name.value
            if type_ is None or name in filled:
                return
            owner, place = self.places[-1] if self.places else (None, name)
            filled[name] = values.pick(rng, type_, owner or get_named_type(type_), place)

    visit(document, TypeInfoVisitor(type_info, Usages()))
    return filled
