"""Connection pools: the API's read-only pool, counted statement by statement, and the loader's connection."""

from __future__ import annotations

import asyncpg
from asyncpg.connection import LoggedQuery
from prometheus_client import Counter, disable_created_metrics

# The *_created series only adds noise to a counter that starts with the process.
disable_created_metrics()  # type: ignore[no-untyped-call]
DB_QUERIES = Counter("db_queries", "SQL statements sent to PostgreSQL by the API.")


def _count_statement(_record: LoggedQuery) -> None:
    DB_QUERIES.inc()


async def _init_api_connection(conn: asyncpg.Connection) -> None:
    conn.add_query_logger(_count_statement)


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Release without asyncpg's reset (`RESET ALL`, `CLOSE ALL`, …): the API only runs single read-only
    statements and never changes session state, so the reset would be one more round trip per request."""


async def create_api_pool(
    dsn: str, *, max_size: int, connect_timeout_s: float, statement_timeout_ms: int
) -> asyncpg.Pool:
    """A pool that opens no connection up front, so the API starts while the database is down."""
    pool = await asyncpg.create_pool(
        dsn,
        min_size=0,
        max_size=max_size,
        timeout=connect_timeout_s,
        init=_init_api_connection,
        reset=_keep_session,
        server_settings={
            "application_name": "hiraku-api",
            "statement_timeout": str(statement_timeout_ms),
            "default_transaction_read_only": "on",
        },
    )
    if pool is None:  # only when created with a closed loop
        raise RuntimeError("could not create the connection pool")
    return pool


async def connect(dsn: str) -> asyncpg.Connection:
    """A single connection for the command line: migrations and loads."""
    conn: asyncpg.Connection = await asyncpg.connect(dsn, server_settings={"application_name": "hiraku-loader"})
    return conn
