"""Types shared by the query modules."""

from __future__ import annotations

import asyncpg
from asyncpg import Record
from asyncpg.pool import PoolConnectionProxy

# Queries run on a pool (the API), a connection taken from it, or one connection (loads, tests).
Executor = asyncpg.Pool | asyncpg.Connection | PoolConnectionProxy

__all__ = ["Executor", "Record"]
