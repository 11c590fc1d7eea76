"""RowStream: the rows of one statement read batch by batch through a cursor, for answers too large to hold."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from typing import Any, TypeVar

import asyncpg

from db.pool import (
    CONNECTION_LOST,
    DB_QUERIES,
    STATEMENT_PURPOSE,
    UNREACHABLE,
    ApiPool,
    DatabaseUnavailable,
    QueryTimeout,
)

T = TypeVar("T")


class RowStream:
    """An open cursor in a read-only transaction on a connection of its own. Close it (`aclose`) however reading
    ends: the connection then goes back to the pool, or is terminated when reading stopped mid-way (its session is
    mid-transaction, and a fresh connection is cheaper than finding out in what state)."""

    def __init__(self, pool: asyncpg.Pool, conn: Any, transaction: Any, cursor: Any, columns: list[tuple[str, str]]):
        self.pool = pool
        self.conn = conn
        self.transaction = transaction
        self.cursor = cursor
        self.columns = columns
        """(name, PostgreSQL type name) of each column, in order."""
        self.finished = False

    async def batches(self, size: int) -> AsyncIterator[list[asyncpg.Record]]:
        while batch := await _translated(self.cursor.fetch(size)):
            yield batch
        self.finished = True

    async def aclose(self) -> None:
        conn, self.conn = self.conn, None
        if conn is None:
            return
        try:
            if self.finished:
                await _translated(self.transaction.commit())
            else:
                conn.terminate()
        except BaseException:
            conn.terminate()
            raise
        finally:
            await self.pool.release(conn)


async def open_stream(pool: ApiPool, query: str, *args: Any) -> RowStream:
    """The rows of `query` as an open RowStream. Opening fails as ApiPool's statements do: DatabaseUnavailable,
    QueryTimeout, and a connection that died is replaced once."""
    for attempt in (1, 2):
        conn = await _translated(pool.pool.acquire(timeout=pool.acquire_timeout))
        try:
            transaction = conn.transaction(readonly=True)
            await transaction.start()
            statement = await conn.prepare(query)
            cursor = await statement.cursor(*args)
        except BaseException as error:
            conn.terminate()
            await pool.pool.release(conn)
            if attempt == 1 and isinstance(error, CONNECTION_LOST):
                continue
            public = _public(error)
            if public is error:
                raise
            raise public from error
        # A cursor's reads bypass asyncpg's query loggers: its statement is counted here, once.
        DB_QUERIES.labels(STATEMENT_PURPOSE.get()).inc()
        columns = [(attribute.name, attribute.type.name) for attribute in statement.get_attributes()]
        return RowStream(pool.pool, conn, transaction, cursor, columns)
    raise AssertionError("unreachable")


def _public(error: BaseException) -> BaseException:
    """The database's absence as DatabaseUnavailable and a cancelled statement as QueryTimeout, as ApiPool says."""
    if isinstance(error, asyncpg.QueryCanceledError):
        return QueryTimeout(str(error))
    if isinstance(error, UNREACHABLE):
        return DatabaseUnavailable(type(error).__name__)
    return error


async def _translated(awaitable: Awaitable[T]) -> T:
    try:
        return await awaitable
    except BaseException as error:
        public = _public(error)
        if public is error:
            raise
        raise public from error
