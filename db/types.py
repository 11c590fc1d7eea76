"""Types shared by the query modules."""

from __future__ import annotations

from typing import Any, Protocol

import asyncpg
from asyncpg import Record
from asyncpg.pool import PoolConnectionProxy

from db.own_tasks import OwnTasks
from db.pool import ApiPool
from db.replicas import ReadPools

# Queries run on a pool (the API, alone or with its standbys; for resolvers, each statement in a task of its own),
# a connection taken from it, or one connection (loads, tests).
Executor = asyncpg.Pool | asyncpg.Connection | PoolConnectionProxy | ApiPool | ReadPools | OwnTasks


class Row(Protocol):
    """A row read by column name: an asyncpg Record, or a dict built from one (e.g. a row with some columns
    replaced)."""

    def __getitem__(self, column: str, /) -> Any: ...


__all__ = ["Executor", "Record", "Row"]
