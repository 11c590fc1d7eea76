"""The variables of each variant: none or the first key for `fixed`, real cursors or codes for `changing`; and the
metric's id where PostGraphile's document needs it."""

from __future__ import annotations

from typing import Any

import httpx

from bench.workloads import BenchError, Keys, Query, body, spread

JSON = {"content-type": "application/json"}


def fixed_variables(query: Query, dialect: str, keys: Keys) -> dict[str, Any]:
    """The first page (no cursor), or the first municipality."""
    fixed = {"code": keys.codes[0]} if query.variable == "code" else {}
    return fixed | metric_variable(query, dialect, keys)


async def changing_variables(query: Query, dialect: str, client: httpx.AsyncClient, keys: Keys) -> list[dict[str, Any]]:
    """Different variable sets of equal work: spread codes, or cursors of the server itself that a full page follows
    (cursors are opaque and only valid on the server and dataset version that made them)."""
    common = metric_variable(query, dialect, keys)
    if query.variable == "code":
        return [{"code": code} | common for code in spread(keys.codes)]
    cursors = await list_cursors(query, dialect, client)
    return [{"after": cursor} | common for cursor in spread(cursors[: len(cursors) - query.page_size])]


def metric_variable(query: Query, dialect: str, keys: Keys) -> dict[str, Any]:
    """hiraku names a metric by its slug in the document; PostGraphile's condition takes the row's id."""
    if query.metric is None or dialect != "postgraphile":
        return {}
    if query.metric not in keys.metric_ids:
        raise BenchError(f"{query.name} names the metric {query.metric}, which the loaded data does not hold")
    return {"metric": keys.metric_ids[query.metric]}


async def list_cursors(query: Query, dialect: str, client: httpx.AsyncClient) -> list[str]:
    """Every cursor of the list the query pages through, read page by page from the server."""
    document = query.document(dialect, cursors=True)
    cursors: list[str] = []
    after: str | None = None
    while True:
        response = await client.post("/graphql", content=body(document, {"after": after}), headers=JSON)
        answer = response.json()
        if response.status_code != 200 or answer.get("errors"):
            raise BenchError(f"listing the cursors of {query.name} failed: {response.text[:500]}")
        connection = _connection(answer["data"])
        cursors += [edge["cursor"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            return cursors
        after = connection["pageInfo"]["endCursor"]


def _connection(value: Any) -> dict[str, Any]:
    """The first object holding a `pageInfo`."""
    if isinstance(value, dict):
        if "pageInfo" in value:
            return value
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            try:
                return _connection(item)
            except LookupError:
                continue
    raise LookupError("no connection in the answer")
