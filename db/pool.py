"""Connection pools: the API's read-only pool, counted statement by statement, and the loader's connection."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import asyncpg
from asyncpg import introspection
from asyncpg.connection import LoggedQuery
from asyncpg.pool import PoolConnectionProxy
from prometheus_client import Counter, disable_created_metrics

# The *_created series only adds noise to a counter that starts with the process.
disable_created_metrics()  # type: ignore[no-untyped-call]
DB_QUERIES = Counter(
    "db_queries",
    "SQL statements sent to PostgreSQL by the API, by purpose: answering requests, checking in the background "
    "which dataset version is loaded, or (type_introspection) asyncpg looking up a type on a connection's first "
    "use of it.",
    ["purpose"],
)
for _purpose in ("request", "dataset_version", "type_introspection"):
    DB_QUERIES.labels(_purpose)  # both series from the start, at 0
DB_STATEMENTS = Counter(
    "hiraku_db_statements",
    "SQL statements sent by the API, by the server that received them: the primary (DATABASE_URL) or a standby "
    "(DATABASE_REPLICA_URLS).",
    ["target"],
)
for _target in ("primary", "replica"):
    DB_STATEMENTS.labels(_target)
STATEMENT_PURPOSE: ContextVar[str] = ContextVar("statement_purpose", default="request")
"""Set by background work so that its statements are counted apart from those of requests."""

T = TypeVar("T")

# A connection that died under us (backend killed, server restarted): asking again on a fresh one is safe
# for the API's read-only statements. A server shutting down can end a session between asyncpg's protocol steps,
# which asyncpg reports as InternalClientError ("cannot switch to state …"; seen in tests/test_replicas.py).
CONNECTION_LOST = (
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    ConnectionResetError,
)
# The server cannot be reached or refuses new sessions.
UNREACHABLE = (
    OSError,
    TimeoutError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
)


class DatabaseUnavailable(Exception):
    """The database cannot answer now (down, restarting, out of connections, or the pool is exhausted). The message
    says why in words an operator reads in /readyz and the log: never a DSN, so never a password."""


def address(dsn: str) -> str:
    """Where a DSN points, for messages: a socket directory or host:port, without the user or the password."""
    parts = urlsplit(dsn)
    query = parse_qs(parts.query)
    port = query.get("port", [""])[0]
    if "host" in query:
        host = query["host"][0]
        if host.startswith("/"):
            return f"the socket directory {host}"
        return f"{host}:{port or 5432}"
    hosts = parts.netloc.rpartition("@")[2]
    if not hosts:
        return "PostgreSQL's default address (PGHOST, or a local socket)"
    return hosts if ":" in hosts.rpartition("]")[2] else f"{hosts}:{port or 5432}"


def unavailable(error: BaseException, where: str, timeout_s: float) -> DatabaseUnavailable:
    """Why the database could not answer, from what asyncpg or the socket said."""
    if isinstance(error, TimeoutError):
        reason = (
            f"no database connection within {timeout_s:g} s: the database at {where} did not answer, "
            "or all of the API's connections stayed busy"
        )
    elif isinstance(error, FileNotFoundError | ConnectionRefusedError):
        reason = f"the database cannot be reached: no server is listening at {where}"
    elif isinstance(error, asyncpg.PostgresError):
        reason = f"the database at {where} refused the connection: {error}"
    elif isinstance(error, OSError):
        reason = f"the database cannot be reached at {where}: {error.strerror or error}"
    else:
        reason = f"the connection to the database at {where} was lost: {error}"
    return DatabaseUnavailable(reason)


class QueryTimeout(Exception):
    """A statement ran past the API role's statement_timeout and was cancelled."""


# What asyncpg sends on its own the first time a connection meets a type it has no codec for yet (an array such
# as integer[], an enum): turning JIT off, looking the types up, turning JIT back on (asyncpg's
# Connection._introspect_types). Which request meets it depends on which pooled connection the pool hands out,
# that is on timing, so these are counted apart from the statements a request asks for: otherwise a request's
# count would be 5 or 8 depending on the connection it drew.
_TYPE_LOOKUPS = frozenset({introspection.INTRO_LOOKUP_TYPES, introspection.INTRO_LOOKUP_TYPES_13})
# asyncpg turns JIT off around its type lookups and back on after; hiraku's own SQL never sets `jit`.
_JIT_SWITCH = "set_config('jit'"
TYPE_INTROSPECTION = "type_introspection"


def statement_purpose(record: LoggedQuery) -> str:
    """Why a logged statement was sent: asyncpg learning a type, else the purpose of the task that sent it."""
    if record.query in _TYPE_LOOKUPS or _JIT_SWITCH in record.query:
        return TYPE_INTROSPECTION
    return STATEMENT_PURPOSE.get()


def _statement_counter(target: str) -> Callable[[asyncpg.Connection], Coroutine[Any, Any, None]]:
    """A connection's `init`: counts each of its statements by purpose and by target."""
    per_target = DB_STATEMENTS.labels(target)

    def count_statement(record: LoggedQuery) -> None:
        # asyncpg calls loggers with call_soon from the querying task, so its context (and purpose) comes along.
        DB_QUERIES.labels(statement_purpose(record)).inc()
        per_target.inc()

    async def init(conn: asyncpg.Connection) -> None:
        conn.add_query_logger(count_statement)

    return init


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Release without asyncpg's reset (`RESET ALL`, `CLOSE ALL`, …): the API only runs single read-only
    statements and never changes session state, so the reset would be one more round trip per request. A
    connection whose statement failed is terminated instead of released (ApiPool._run)."""


class ApiPool:
    """The API's read-only pool: waits at most `acquire_timeout` for a connection, retries once on a connection
    that died, and turns the database's absence into DatabaseUnavailable and cancelled statements into
    QueryTimeout."""

    def __init__(
        self, pool: asyncpg.Pool, acquire_timeout: float, target: str = "primary", where: str = "DATABASE_URL"
    ) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout
        self.target = target
        self.where = where

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        return await self._run(lambda conn: conn.fetch(query, *args))

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        return await self._run(lambda conn: conn.fetchrow(query, *args))

    async def fetchval(self, query: str, *args: Any) -> Any:
        return await self._run(lambda conn: conn.fetchval(query, *args))

    async def execute(self, query: str, *args: Any) -> str:
        return await self._run(lambda conn: conn.execute(query, *args))

    async def columns(self, query: str) -> list[tuple[str, str]]:
        """(name, PostgreSQL type name) of each column `query` returns, from the server's description of the
        prepared statement; nothing is executed."""

        async def described(conn: PoolConnectionProxy) -> list[tuple[str, str]]:
            statement = await conn.prepare(query)
            return [(attribute.name, attribute.type.name) for attribute in statement.get_attributes()]

        return await self._run(described)

    async def _run(self, statement: Callable[[PoolConnectionProxy], Awaitable[T]]) -> T:
        for attempt in (1, 2):
            try:
                async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
                    try:
                        return await statement(conn)
                    except BaseException as error:
                        # A statement that failed on our side (asyncpg raises DataError for an argument it could
                        # not encode, leaving the session mid-statement) or was interrupted leaves the session in
                        # an unknown state: a fresh connection replaces this one. An error the server answered
                        # (a cancelled statement among them) leaves it usable.
                        if isinstance(error, asyncpg.DataError) or not isinstance(error, asyncpg.PostgresError):
                            conn.terminate()
                        raise
            except asyncpg.QueryCanceledError as error:
                raise QueryTimeout(str(error)) from error
            except CONNECTION_LOST as error:
                if attempt == 2:
                    raise unavailable(error, self.where, self.acquire_timeout) from error
            except UNREACHABLE as error:
                raise unavailable(error, self.where, self.acquire_timeout) from error
        raise AssertionError("unreachable")

    async def close(self) -> None:
        await self.pool.close()


async def create_api_pool(
    dsn: str,
    *,
    max_size: int,
    connect_timeout_s: float,
    statement_timeout_ms: int,
    acquire_timeout_s: float,
    idle_in_transaction_ms: int | None = None,
    target: str = "primary",
) -> ApiPool:
    """A pool that opens no connection up front, so the API starts while the database is down. `target` labels
    its statements in `hiraku_db_statements_total`: "primary" or "replica"."""
    pool = await asyncpg.create_pool(
        dsn,
        min_size=0,
        max_size=max_size,
        timeout=connect_timeout_s,
        init=_statement_counter(target),
        reset=_keep_session,
        server_settings={
            "application_name": "hiraku-api",
            "statement_timeout": str(statement_timeout_ms),
            "default_transaction_read_only": "on",
            # Also the role's setting: said here too, so that it holds on a server migrated by an older version.
            **({"idle_in_transaction_session_timeout": str(idle_in_transaction_ms)} if idle_in_transaction_ms else {}),
        },
    )
    if pool is None:  # only when created with a closed loop
        raise RuntimeError("could not create the connection pool")
    return ApiPool(pool, acquire_timeout_s, target, address(dsn))


async def connect(dsn: str) -> asyncpg.Connection:
    """A single connection for the command line: migrations and loads."""
    conn: asyncpg.Connection = await asyncpg.connect(dsn, server_settings={"application_name": "hiraku-loader"})
    return conn
