"""The variables of each variant: none or the first key for `fixed`, real cursors or codes for `changing`."""

from __future__ import annotations

from typing import Any

import httpx

from bench.workloads import BenchError, Query, body, spread

JSON = {"content-type": "application/json"}


def fixed_variables(query: Query, codes: list[str]) -> dict[str, Any]:
    """The first page (no cursor), or the first municipality."""
    return {} if query.variable == "after" else {query.variable: codes[0]}


async def changing_variables(
    query: Query, dialect: str, client: httpx.AsyncClient, codes: list[str]
) -> list[dict[str, Any]]:
    """Different variable sets of equal work: spread codes, or cursors of the server itself that a full page follows
    (cursors are opaque and only valid on the server and dataset version that made them)."""
    if query.variable == "code":
        return [{"code": code} for code in spread(codes)]
    cursors = await list_cursors(query, dialect, client)
    return [{"after": cursor} for cursor in spread(cursors[: len(cursors) - query.page_size])]


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
