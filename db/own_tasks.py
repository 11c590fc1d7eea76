"""OwnTasks: an executor whose every statement runs in an asyncio task of its own.

The plan executor drives a level's resolvers by hand inside the request's task (schema/plan/run.py). A statement
awaited there directly would put its time limits on the whole request: asyncpg bounds the wait for a connection
with asyncio.timeout, which cancels the *current task*, and that would be the request's rather than the
statement's. In a task of its own, a statement's waits, time limits and errors stay its own, and reach the
resolver that awaits it as they would anywhere else.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, Protocol

from asyncpg import Record


class Statements(Protocol):
    def fetch(self, query: str, *args: Any) -> Awaitable[list[Record]]: ...
    def fetchrow(self, query: str, *args: Any) -> Awaitable[Record | None]: ...
    def fetchval(self, query: str, *args: Any) -> Awaitable[Any]: ...


class OwnTasks:
    def __init__(self, executor: Statements) -> None:
        self.executor = executor

    def fetch(self, query: str, *args: Any) -> asyncio.Task[list[Record]]:
        return _task(self.executor.fetch(query, *args))

    def fetchrow(self, query: str, *args: Any) -> asyncio.Task[Record | None]:
        return _task(self.executor.fetchrow(query, *args))

    def fetchval(self, query: str, *args: Any) -> asyncio.Task[Any]:
        return _task(self.executor.fetchval(query, *args))


def _task(statement: Awaitable[Any]) -> asyncio.Task[Any]:
    return asyncio.ensure_future(statement)
