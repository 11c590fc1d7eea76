"""Types shared by the query modules."""

from __future__ import annotations

import asyncpg
from asyncpg import Record

# Queries run on a pool (the API) or on one connection (loads, tests inside a transaction).
Executor = asyncpg.Pool | asyncpg.Connection

__all__ = ["Executor", "Record"]
