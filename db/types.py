"""Types shared by the query modules."""

from __future__ import annotations

import asyncpg
from asyncpg import Record
from asyncpg.pool import PoolConnectionProxy

from db.own_tasks import OwnTasks
from db.pool import ApiPool
from db.replicas import ReadPools

# Queries run on a pool (the API, alone or with its standbys; for resolvers, each statement in a task of its own),
# a connection taken from it, or one connection (loads, tests).
Executor = asyncpg.Pool | asyncpg.Connection | PoolConnectionProxy | ApiPool | ReadPools | OwnTasks

__all__ = ["Executor", "Record"]
