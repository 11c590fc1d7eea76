"""/readyz says why the database is not ready in words an operator acts on: where nothing listens, what refused."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from starlette.datastructures import Secret

from api.app import create_app
from api.settings import Settings
from cli.steps import migrate_with_api_role
from db.admin import ensure_database
from db.embedded import EmbeddedCluster
from tests.cli_support import free_port
from tests.support import running, with_database


@asynccontextmanager
async def _readyz(settings: Settings, **dsns: Secret | None) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(dataclasses.replace(settings, **{"database_url": None, "api_database_url": None, **dsns}))
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        yield client


async def _unready(client: httpx.AsyncClient) -> Any:
    response = await client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    return body["reason"]


async def test_a_stopped_embedded_database_names_its_socket_directory(settings: Settings, tmp_path: Path) -> None:
    cluster = EmbeddedCluster(tmp_path / "pg", durable=False)
    cluster.start()
    try:
        await ensure_database(cluster.dsn(), "hiraku")
        conn = await asyncpg.connect(cluster.dsn("hiraku"))
        try:
            await migrate_with_api_role(conn, password=None, connection_limit=-1)
        finally:
            await conn.close()
        async with _readyz(settings, database_url=Secret(cluster.dsn("hiraku"))) as client:
            assert (await client.get("/readyz")).json() == {"status": "ready"}
            await asyncio.to_thread(cluster.stop)
            assert await _unready(client) == (
                f"the database cannot be reached: no server is listening at the socket directory {cluster.socket_dir}"
            )
    finally:
        await asyncio.to_thread(cluster.destroy)


async def test_nothing_listening_names_host_and_port_but_never_the_password(settings: Settings) -> None:
    port = free_port()
    dsn = Secret(f"postgresql://hiraku_api:s3cret-pw@127.0.0.1:{port}/hiraku")
    async with _readyz(settings, api_database_url=dsn) as client:
        reason = await _unready(client)
    assert reason == f"the database cannot be reached: no server is listening at 127.0.0.1:{port}"
    assert "s3cret" not in reason


async def test_a_server_that_never_answers_is_a_timeout_in_seconds(settings: Settings) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        async with _readyz(settings, api_database_url=Secret(f"postgresql://hiraku_api@127.0.0.1:{port}/h")) as client:
            reason = await _unready(client)
    assert "did not answer" in reason and "within 2 s" in reason
    assert "Error" not in reason


async def test_a_refusal_quotes_postgresql(settings: Settings, server_dsn: str) -> None:
    dsn = Secret(with_database(server_dsn, "no_such_database"))
    async with _readyz(settings, api_database_url=dsn) as client:
        reason = await _unready(client)
    assert reason == 'the database refused the connection: database "no_such_database" does not exist'
