"""The SQL statements of a request are fixed by its document: the same for N and 10 N rows, for one request and for
32 at once, on an idle CPU and on one that two busy processes keep pinned.

Counted over real HTTP from db_queries_total{purpose="request"} in /metrics, on servers without their response
cache (which would answer a repeated request without any statement). No assertion depends on time: a busy machine
makes the requests slow, never different.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.limits_support import sql_statements
from tests.support import document, graphql

CONCURRENT = 32
BUSY_PROCESSES = 2  # the machine's cores


@dataclass(frozen=True)
class Shape:
    """A document whose page size is the variable `first`, and the statements it takes whatever the page."""

    query: str
    small: int  # rows of the small page; the large one has ten times as many
    statements: int

    def variables(self, first: int) -> dict[str, Any]:
        return {"first": first}


RANKINGS = " ".join(f"r{i}: ranking(level: MUNICIPALITY, first: 100) {{ areasWithValue }}" for i in range(19))
SHAPES = {
    # initiatives page, focus areas, metric pages, latest observations, observation pages.
    "nested initiatives": Shape(document("nested_initiatives"), small=5, statements=5),
    # the prefecture; its page of municipalities; the observations of every municipality of the page.
    "prefecture, municipalities, observations": Shape(
        """query Hokkaido($first: Int) { prefecture(code: "010006") { municipalities(first: $first) { nodes { name
        observations(metric: "mynumber-card-issued-rate-soumu", last: 12) { nodes { date value } } } } } }""",
        small=10,
        statements=3,
    ),
    # the page of metrics; the latest municipal date of every metric; the ranks of every (metric, ranking) pair;
    # their counts of areas; the areas ranked. The metrics are the percentages, so that both pages hold some
    # with municipal values.
    "metrics with 19 aliased rankings": Shape(
        f"""query Rankings($first: Int) {{ metrics(first: $first, filter: {{unit: "percent"}}) {{ nodes {{
        {RANKINGS} }} }} }}""",
        small=2,
        statements=5,
    ),
    # the page of towns, with their prefectures.
    "towns with their prefectures": Shape(
        """query Towns($first: Int) { municipalities(first: $first, filter: {kind: TOWN}) {
        nodes { code name kind population prefecture { name } } } }""",
        small=10,
        statements=1,
    ),
}


async def _one(client: httpx.AsyncClient, shape: Shape, first: int) -> None:
    body = await graphql(client, shape.query, shape.variables(first))
    assert "errors" not in body, body
    assert _rows(body["data"]) >= first, body  # the page is full: N rows really are N


def _rows(data: Any) -> int:
    """Objects in the largest list of the answer (the page the shape varies)."""
    if isinstance(data, dict):
        return max((_rows(value) for value in data.values()), default=0)
    if isinstance(data, list):
        return max([len(data), *(_rows(item) for item in data)])
    return 0


async def _statements(client: httpx.AsyncClient, shape: Shape, first: int, requests: int = 1) -> int:
    """Statements `requests` identical requests send, all at once."""
    await _one(client, shape, first)  # warm: connections and type codecs are in place
    before = await sql_statements(client)
    await asyncio.gather(*(_one(client, shape, first) for _ in range(requests)))
    return int(await sql_statements(client) - before)


@pytest.fixture
def busy_cpu() -> Iterator[None]:
    """Processes that keep every core busy while the test runs; ended by their own ids."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(BUSY_PROCESSES)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


@pytest.fixture
async def patient_client(uncached_base_url: str) -> Iterator[httpx.AsyncClient]:
    # Requests on a CPU shared with the busy processes take a while; the server's own time limit still applies.
    async with httpx.AsyncClient(base_url=uncached_base_url, timeout=60) as client:
        yield client


async def _assert_fixed_by_the_document(client: httpx.AsyncClient, shape: Shape) -> None:
    one = await _statements(client, shape, shape.small)
    ten_times_the_rows = await _statements(client, shape, 10 * shape.small)
    concurrent = await _statements(client, shape, shape.small, CONCURRENT)
    assert (one, ten_times_the_rows, concurrent) == (shape.statements, shape.statements, CONCURRENT * shape.statements)


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
async def test_ten_times_the_rows_take_the_same_statements(uncached_client: httpx.AsyncClient, shape: Shape) -> None:
    assert await _statements(uncached_client, shape, shape.small) == shape.statements
    assert await _statements(uncached_client, shape, 10 * shape.small) == shape.statements


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
async def test_concurrent_requests_take_the_statements_of_one_each(
    uncached_client: httpx.AsyncClient, shape: Shape
) -> None:
    assert await _statements(uncached_client, shape, shape.small, CONCURRENT) == CONCURRENT * shape.statements


@pytest.mark.usefixtures("busy_cpu")
@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
async def test_a_busy_cpu_changes_no_count(patient_client: httpx.AsyncClient, shape: Shape) -> None:
    await _assert_fixed_by_the_document(patient_client, shape)
