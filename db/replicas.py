"""Reads spread over streaming-replication standbys, falling back to the primary when a standby cannot answer."""

from __future__ import annotations

import contextlib
import itertools
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import asyncpg

from db.pool import ApiPool, DatabaseUnavailable

LOG = logging.getLogger("hiraku.db")
RETRY_AFTER_S = 5.0
"""How long a standby that failed gets no reads; the first read after that tries it again."""

T = TypeVar("T")

# A standby that cannot serve: down, starting up or shutting down, out of connections, its pool exhausted (ApiPool
# says DatabaseUnavailable for all of these), or set up wrongly (the role or the database missing there).
REFUSED = (DatabaseUnavailable, asyncpg.InvalidAuthorizationSpecificationError, asyncpg.InvalidCatalogNameError)
# A statement cancelled because it stood in the way of WAL replay. The API's read-only role meets no other
# serialization failure; the standby is fine, so only this statement is asked again elsewhere.
RECOVERY_CONFLICT = (asyncpg.SerializationError,)
FALL_BACK = (*REFUSED, *RECOVERY_CONFLICT)


@dataclass
class Standby:
    name: str  # "standby 1 of 2": a DSN may hold a password, so it stays out of the logs
    pool: ApiPool
    retry_at: float = 0.0  # time.monotonic() before which it gets no reads
    held_back: bool = False


class ReadPools:
    """The Executor of an API with standbys: each read goes to the next standby in turn (round-robin over those in
    rotation). A standby that refuses is left out for RETRY_AFTER_S and the statement is asked again of the next
    one, then of the primary, so the client sees no error; when the primary is down too, standbys left out are
    tried before giving up. Statement timeouts are not retried: the statement would be as slow elsewhere."""

    def __init__(self, primary: ApiPool, standbys: Sequence[ApiPool]) -> None:
        self.primary = primary
        self.standbys = [Standby(f"standby {n} of {len(standbys)}", pool) for n, pool in enumerate(standbys, 1)]
        self._turn = itertools.count()

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        return await self._run(lambda pool: pool.fetch(query, *args))

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        return await self._run(lambda pool: pool.fetchrow(query, *args))

    async def fetchval(self, query: str, *args: Any) -> Any:
        return await self._run(lambda pool: pool.fetchval(query, *args))

    async def execute(self, query: str, *args: Any) -> str:
        return await self._run(lambda pool: pool.execute(query, *args))

    def in_rotation(self) -> list[Standby]:
        now = time.monotonic()
        return [standby for standby in self.standbys if standby.retry_at <= now]

    def hold_back(self, standby: Standby, reason: str) -> None:
        """Give `standby` no reads for RETRY_AFTER_S."""
        if not standby.held_back:
            LOG.warning("%s left out of reads for %.0f s: %s", standby.name, RETRY_AFTER_S, reason)
        standby.held_back = True
        standby.retry_at = time.monotonic() + RETRY_AFTER_S

    async def close(self) -> None:
        for pool in (self.primary, *(standby.pool for standby in self.standbys)):
            await pool.close()

    async def _run(self, statement: Callable[[ApiPool], Awaitable[T]]) -> T:
        ready = self.in_rotation()
        waiting = [standby for standby in self.standbys if standby not in ready]
        if ready:
            first = next(self._turn) % len(ready)
            ready = ready[first:] + ready[:first]
        for standby in ready:
            with contextlib.suppress(*FALL_BACK):
                return await self._on(standby, statement)
        try:
            return await statement(self.primary)
        except DatabaseUnavailable as primary_error:
            for standby in waiting:
                with contextlib.suppress(*FALL_BACK):
                    return await self._on(standby, statement)
            raise primary_error

    async def _on(self, standby: Standby, statement: Callable[[ApiPool], Awaitable[T]]) -> T:
        try:
            result = await statement(standby.pool)
        except REFUSED as error:
            self.hold_back(standby, f"{type(error).__name__}: {error}")
            raise
        if standby.held_back:
            standby.held_back = False
            LOG.warning("%s answers reads again", standby.name)
        return result
