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
from collections.abc import AsyncIterator, Iterator
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
    small: int  # rows of the small page
    large: int  # rows of the large page: ten times as many, where the data allows
    statements: int
    # Sent 32 at once too. Not the shapes that take some 0.3 s each today (their ranking statements): 32 of them
    # would outlast the request time limit on a busy machine, and the test would fail on time, not on counts.
    concurrent: bool = True

    def variables(self, first: int) -> dict[str, Any]:
        return {"first": first}


NARROWED_RANKINGS = " ".join(
    f'r{i}: ranking(level: MUNICIPALITY, areaCode: "{i + 1:02d}", first: $first) '
    "{ entries { rank area { name } } }"
    for i in range(19)
)
DATES = ["2022-12-31", "2022-04-01", "2022-03-01", "2021-04-01"]
DATED_RANKINGS = " ".join(
    f'r{i}: ranking(level: PREFECTURE, date: "{DATES[i % 4]}", ascending: {str(i % 2 == 1).lower()}, first: $first) '
    "{ entries { rank area { name } } }"
    for i in range(19)
)
# Pages of one rank: a ranking counts its page like a connection, and 19 pages of 100 for each of 100 metrics would
# be refused as too costly (tests/test_limits_cost.py).
ALIASED_RANKINGS = " ".join(f"r{i}: ranking(level: MUNICIPALITY, first: 1) {{ areasWithValue }}" for i in range(19))
SHAPES = {
    # initiatives page, focus areas, metric pages, latest observations, observation pages. (27 initiatives.)
    "nested initiatives": Shape(document("nested_initiatives"), small=2, large=20, statements=5),
    # the prefecture; the metric by its slug; the page of municipalities; their observations.
    "prefecture, municipalities, observations": Shape(
        """query Hokkaido($first: Int) { prefecture(areaCode: "010006") { municipalities(first: $first) { nodes { name
        observations(metric: "mynumber-card-issued-rate-soumu", last: 12) { nodes { date value } } } } } }""",
        small=10,
        large=100,
        statements=4,
    ),
    # the metric; the latest municipal date; the ranks of the 19 rankings (one per prefecture); their counts of
    # areas; the areas ranked.
    "one metric ranked in 19 prefectures": Shape(
        f"""query Narrowed($first: Int!) {{ metric(slug: "mynumber-card-issued-rate-soumu") {{ {NARROWED_RANKINGS}
        }} }}""",
        small=3,
        large=30,
        statements=5,
        concurrent=False,
    ),
    # the metric; the ranks of the 19 rankings (four dates, both orders); their counts; the prefectures ranked.
    "one metric ranked on four dates": Shape(
        f"""query Dated($first: Int!) {{ metric(slug: "mynumber-card-issued-rate-soumu") {{ {DATED_RANKINGS}
        }} }}""",
        small=3,
        large=30,
        statements=4,
    ),
    # the same five for every metric of the page. Only three metrics have municipal values, at positions 39 to 45:
    # a page of fewer than 45 would rank fewer of them, so the pages are of 50 and 100 (all 82) metrics.
    "every metric with 19 aliased rankings": Shape(
        f"query Aliased($first: Int) {{ metrics(first: $first) {{ nodes {{ {ALIASED_RANKINGS} }} }} }}",
        small=50,
        large=100,
        statements=5,
        concurrent=False,
    ),
    # the page of towns; their prefectures.
    "towns with their prefectures": Shape(
        """query Towns($first: Int) { municipalities(first: $first, filter: {kind: TOWN}) {
        nodes { code name kind population prefecture { name } } } }""",
        small=10,
        large=100,
        statements=2,
    ),
}


async def _one(client: httpx.AsyncClient, shape: Shape, first: int) -> int:
    """One request; the rows of its answer."""
    body = await graphql(client, shape.query, shape.variables(first))
    assert "errors" not in body, body
    return _rows(body["data"])


def _rows(data: Any) -> int:
    """Objects in lists of the answer, at every level."""
    if isinstance(data, dict):
        return sum(_rows(value) for value in data.values())
    if isinstance(data, list):
        return len(data) + sum(_rows(item) for item in data)
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
async def patient_client(uncached_base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    # Requests on a CPU shared with the busy processes take a while; the server's own time limit still applies.
    async with httpx.AsyncClient(base_url=uncached_base_url, timeout=60) as client:
        yield client


CONCURRENT_SHAPES = {name: shape for name, shape in SHAPES.items() if shape.concurrent}


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
async def test_ten_times_the_rows_take_the_same_statements(uncached_client: httpx.AsyncClient, shape: Shape) -> None:
    # The pages really differ: the large answer holds at least half as many times the rows as it asks for.
    small, large = await _one(uncached_client, shape, shape.small), await _one(uncached_client, shape, shape.large)
    assert large >= small * shape.large / shape.small / 2
    assert await _statements(uncached_client, shape, shape.small) == shape.statements
    assert await _statements(uncached_client, shape, shape.large) == shape.statements


@pytest.mark.parametrize("shape", CONCURRENT_SHAPES.values(), ids=CONCURRENT_SHAPES.keys())
async def test_concurrent_requests_take_the_statements_of_one_each(
    patient_client: httpx.AsyncClient, shape: Shape
) -> None:
    assert await _statements(patient_client, shape, shape.small, CONCURRENT) == CONCURRENT * shape.statements


@pytest.mark.usefixtures("busy_cpu")
@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
async def test_a_busy_cpu_changes_no_count(patient_client: httpx.AsyncClient, shape: Shape) -> None:
    counts = {"N rows": await _statements(patient_client, shape, shape.small)}
    counts["10 N rows"] = await _statements(patient_client, shape, shape.large)
    expected = {"N rows": shape.statements, "10 N rows": shape.statements}
    if shape.concurrent:
        counts["32 requests"] = await _statements(patient_client, shape, shape.small, CONCURRENT)
        expected["32 requests"] = CONCURRENT * shape.statements
    assert counts == expected
