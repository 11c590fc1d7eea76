"""Request metrics for /metrics: execution time by operation name, executions waiting for their turn, pool use.

Operation names come from clients, so they are bounded before they become label values: only GraphQL names of
at most 64 characters, and at most MAX_OPERATION_NAMES distinct ones per process; anything else is counted as
`other` (a client cannot grow the metrics without limit), and a request without a name as `anonymous`.
"""

from __future__ import annotations

import re

from prometheus_client import Gauge, Histogram

from db.pool import ApiPool
from db.replicas import ReadPools

MAX_OPERATION_NAMES = 200
GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
# The name of a document's first operation, after any comments: what a request without operationName runs.
FIRST_OPERATION = re.compile(r"(?:\s|,|#[^\n]*(?:\n|$))*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)")

EXECUTION_SECONDS = Histogram(
    "hiraku_graphql_execution_seconds",
    "Time to parse, validate and execute a GraphQL request (answers from the response cache are not included: see "
    "hiraku_response_cache_total), by operation name.",
    ["operation"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
EXECUTIONS_WAITING = Gauge(
    "hiraku_graphql_executions_waiting",
    "GraphQL requests waiting for their turn to execute (HIRAKU_MAX_EXECUTIONS run at once).",
)

POOL_CONNECTIONS = Gauge(
    "hiraku_db_pool_connections",
    "Connections of the API's pools when /metrics was read: open (in use or idle), idle, and the most allowed; by "
    "server (primary, standby N).",
    ["server", "state"],
)

_known: set[str] = set()


def record_pool_usage(pool: ApiPool | ReadPools) -> None:
    """Read the pools' sizes now (asyncpg keeps them; reading costs nothing)."""
    servers = [("primary", pool)] if isinstance(pool, ApiPool) else [("primary", pool.primary)]
    if isinstance(pool, ReadPools):
        servers += [(f"standby {n}", standby.pool) for n, standby in enumerate(pool.standbys, 1)]
    for server, api_pool in servers:
        POOL_CONNECTIONS.labels(server, "open").set(api_pool.pool.get_size())
        POOL_CONNECTIONS.labels(server, "idle").set(api_pool.pool.get_idle_size())
        POOL_CONNECTIONS.labels(server, "max").set(api_pool.pool.get_max_size())


def operation_label(name: str | None, query: str | None) -> str:
    """The label value for a request: its operationName, else the name of its document's first operation."""
    if not name and query:
        found = FIRST_OPERATION.match(query)
        name = found.group(1) if found else None
    if not name:
        return "anonymous"
    if name in _known:
        return name
    if GRAPHQL_NAME.fullmatch(name) is None or len(_known) >= MAX_OPERATION_NAMES:
        return "other"
    _known.add(name)
    return name
