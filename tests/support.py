"""Helpers for the suite: throwaway databases, an in-process server on a real socket, GraphQL documents."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import uvicorn
from starlette.applications import Starlette

from db.admin import drop_database, ensure_database

QUERIES = Path(__file__).parent / "queries"


def with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path=f"/{name}"))


@asynccontextmanager
async def throwaway_database(server_dsn: str) -> AsyncIterator[str]:
    """A new, empty database on the test server, dropped afterwards; yields its DSN."""
    name = f"hiraku_test_{uuid.uuid4().hex[:12]}"
    await ensure_database(server_dsn, name)
    try:
        yield with_database(server_dsn, name)
    finally:
        await drop_database(server_dsn, name)


@asynccontextmanager
async def running(app: Starlette) -> AsyncIterator[str]:
    """Serve the app with uvicorn on a free loopback port; yields the base URL."""
    server = _QuietServer(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


class _QuietServer(uvicorn.Server):
    """Leaves signals to pytest: the suite stops the server through should_exit."""

    def capture_signals(self) -> contextlib.AbstractContextManager[None]:  # type: ignore[override]
        return contextlib.nullcontext()


def document(name: str) -> str:
    return (QUERIES / f"{name}.graphql").read_text(encoding="utf-8")


async def graphql(client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None) -> Any:
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    assert response.status_code == 200, response.text
    return response.json()
