"""Request metrics for /metrics: execution time by operation name, executions waiting for their turn, pool use.

/metrics is public, like the API. Operation names come from clients, so only an operation that ran (it parsed,
validated and was executed) may give a label its name: a refused request is counted as `refused`, whatever it
calls itself, so it can neither take one of the MAX_OPERATION_NAMES slots nor put text of its choosing on the
page. Names are GraphQL names of at most 64 characters; beyond the slots, or when interrupted before it ran,
an operation is counted as `other`, and one without a name as `anonymous`. What the page shows of other
clients is the names of queries over open data that the server answered, and their timing.
"""

from __future__ import annotations

import re

from prometheus_client import Gauge, Histogram

from db.pool import ApiPool
from db.replicas import ReadPools

MAX_OPERATION_NAMES = 200
REFUSED = "refused"
RESERVED = frozenset({REFUSED, "other", "anonymous"})
GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
# The name of a document's first operation, after any comments: what a request without operationName runs.
FIRST_OPERATION = re.compile(r"(?:\s|,|#[^\n]*(?:\n|$))*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)")

EXECUTION_SECONDS = Histogram(
    "hiraku_graphql_execution_seconds",
    "Time to parse, validate and execute a GraphQL request (answers from the response cache are not included: see "
    "hiraku_response_cache_total), by operation name; `refused` for requests refused before execution (they do not "
    "parse, validate, resolve or fit the limits).",
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


def operation_label(name: str | None, query: str | None, *, ran: bool = True) -> str:
    """The label value for a request: its operationName, else the name of its document's first operation. Only an
    operation that ran takes a new slot."""
    if not name and query:
        found = FIRST_OPERATION.match(query)
        name = found.group(1) if found else None
    if not name:
        return "anonymous"
    if name in _known:
        return name
    if not ran or name in RESERVED or GRAPHQL_NAME.fullmatch(name) is None or len(_known) >= MAX_OPERATION_NAMES:
        return "other"
    _known.add(name)
    return name
