"""Metric.dimensions: every breakdown of a metric with its counts, in a documented order, each selecting exactly its
values when passed back to `observations(dimensions:)`."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import asyncpg
import httpx
import orjson

from schema.limits import LIST_SIZES
from tests.limits_support import answered, sql_statements

ISSUED = "mynumber-card-issued-soumu"  # 76 combinations of sex × age group or municipality group, and its totals
ONLY_TOTALS = "agency-staff"
BREAKDOWN = "dimensions { name value } observationCount nationObservationCount areaCount dateCount firstDate lastDate"
PAGE = f"""query($after: String) {{ metrics(first: 50, after: $after) {{
    pageInfo {{ hasNextPage endCursor }} nodes {{ slug dimensions {{ {BREAKDOWN} }} }} }} }}"""
SELECTED = """query($slug: String!, $dimensions: [DimensionInput!]) { metric(slug: $slug) {
    observations(dimensions: $dimensions, first: 100) { totalCount pageInfo { hasNextPage }
        nodes { date areaCode dimensions { name value } } } } }"""


async def _every_metrics_breakdowns(client: httpx.AsyncClient) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    after = None
    while True:
        page = (await answered(client, PAGE, {"after": after}))["metrics"]
        found.update({node["slug"]: node["dimensions"] for node in page["nodes"]})
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def _counted_from_observations(dsn: str) -> dict[str, list[dict[str, Any]]]:
    """The same lists worked out here from every observation row, in the documented order."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT m.slug, o.dimensions, o.area_code, o.date FROM metric AS m LEFT JOIN observation AS o ON "
            "o.metric_id = m.id"
        )
    finally:
        await conn.close()
    groups: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        of_metric = groups[row["slug"]]  # a metric without values too
        if row["date"] is not None:
            of_metric[row["dimensions"]].append(row)

    def item(dimensions: dict[str, str], values: list[Any]) -> dict[str, Any]:
        dates = sorted({value["date"] for value in values})
        return {
            "dimensions": [{"name": n, "value": v} for n, v in sorted(dimensions.items())],
            "observationCount": len(values),
            "nationObservationCount": sum(value["area_code"] is None for value in values),
            "areaCount": len({value["area_code"] for value in values} - {None}),
            "dateCount": len(dates),
            "firstDate": dates[0].isoformat(),
            "lastDate": dates[-1].isoformat(),
        }

    def order(dimensions: dict[str, str]) -> list[str]:
        return [part for pair in sorted(dimensions.items()) for part in pair]

    counted = {}
    for slug, by_dimensions in groups.items():
        parsed = [(orjson.loads(text), values) for text, values in by_dimensions.items()]
        counted[slug] = [item(d, values) for d, values in sorted(parsed, key=lambda pair: order(pair[0]))]
    return counted


async def test_every_metric_lists_its_breakdowns_with_their_counts_in_the_documented_order(
    client: httpx.AsyncClient, loaded_dsn: str
) -> None:
    listed = await _every_metrics_breakdowns(client)
    assert listed == await _counted_from_observations(loaded_dsn)
    assert len(listed[ISSUED]) == 77 and listed[ISSUED][0]["dimensions"] == []
    assert [b["dimensions"] for b in listed[ONLY_TOTALS]] == [[]]
    assert any(breakdowns == [] for breakdowns in listed.values())  # metrics with targets only
    # The cost estimate's bounds hold for the data loaded.
    assert max(map(len, listed.values())) <= LIST_SIZES["Metric.dimensions"]
    most = max(len(b["dimensions"]) for breakdowns in listed.values() for b in breakdowns)
    assert most <= LIST_SIZES["Breakdown.dimensions"]
    # Every observation's dimensions are those of one of its metric's breakdowns.
    assert most <= LIST_SIZES["Observation.dimensions"]


async def _selected(client: httpx.AsyncClient, slug: str, breakdown: dict[str, Any]) -> Any:
    variables = {"slug": slug, "dimensions": breakdown["dimensions"]}
    return (await answered(client, SELECTED, variables))["metric"]["observations"]


async def test_each_breakdown_passed_back_selects_exactly_its_values(client: httpx.AsyncClient) -> None:
    query = f"query($slug: String!) {{ metric(slug: $slug) {{ dimensions {{ {BREAKDOWN} }} }} }}"
    for slug in (ISSUED, ONLY_TOTALS):
        breakdowns = (await answered(client, query, {"slug": slug}))["metric"]["dimensions"]
        for breakdown in breakdowns:
            selected = await _selected(client, slug, breakdown)
            nodes = selected["nodes"]
            assert selected["totalCount"] == len(nodes) == breakdown["nationObservationCount"], breakdown
            assert not selected["pageInfo"]["hasNextPage"]
            assert all(n["dimensions"] == breakdown["dimensions"] and n["areaCode"] is None for n in nodes)
            if breakdown["dimensions"]:  # breakdowns are of the nation only: every value is selected
                assert breakdown["observationCount"] == len(nodes) and breakdown["areaCount"] == 0
                assert breakdown["dateCount"] == len({n["date"] for n in nodes})
                assert (nodes[0]["date"], nodes[-1]["date"]) == (breakdown["firstDate"], breakdown["lastDate"])
    assert len(breakdowns) == 1


async def test_the_breakdowns_of_every_metric_take_one_statement(uncached_client: httpx.AsyncClient) -> None:
    query = "query($first: Int) { metrics(first: $first) { nodes { dimensions { dateCount } } } }"

    async def statements(first: int) -> float:
        before = await sql_statements(uncached_client)
        await answered(uncached_client, query, {"first": first})
        return await sql_statements(uncached_client) - before

    # The page of metrics, then their breakdowns: for 5 metrics as for all 82.
    assert await statements(5) == await statements(100) == 2
