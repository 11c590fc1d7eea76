"""The database goes away and comes back: /readyz says so, and the app recovers without a restart."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path

import httpx
from starlette.datastructures import Secret

from api.app import create_app
from api.settings import Settings
from db.admin import ensure_database
from db.embedded import EmbeddedCluster
from seeds.sources import FetchResult
from tests.conftest import prepare
from tests.support import running


async def test_readyz_follows_the_database_down_and_back(
    settings: Settings, tmp_path: Path, fetched_without_series: list[FetchResult]
) -> None:
    # A cluster of its own, whatever DATABASE_URL says: this test stops and starts it.
    cluster = EmbeddedCluster(tmp_path / "pg", durable=False)
    cluster.start()
    try:
        await ensure_database(cluster.dsn(), "hiraku")
        dsn = cluster.dsn("hiraku")
        await prepare(dsn, fetched_without_series)
        app = create_app(dataclasses.replace(settings, database_url=Secret(dsn), api_database_url=None))
        async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
            assert (await client.get("/readyz")).status_code == 200

            await asyncio.to_thread(cluster.stop)
            started = time.perf_counter()
            down = await client.get("/readyz")
            assert down.status_code == 503
            assert down.json()["status"] == "unavailable"
            assert time.perf_counter() - started < 1.5
            assert (await client.get("/healthz")).status_code == 200

            await asyncio.to_thread(cluster.start)
            back = await client.get("/readyz")
            assert back.status_code == 200
            body = (await client.post("/graphql", json={"query": "{ initiatives { totalCount } }"})).json()
            assert body == {"data": {"initiatives": {"totalCount": 27}}}
    finally:
        await asyncio.to_thread(cluster.destroy)


async def test_the_app_starts_while_the_database_is_down(settings: Settings, tmp_path: Path) -> None:
    cluster = EmbeddedCluster(tmp_path / "never-started", durable=False)
    app = create_app(dataclasses.replace(settings, database_url=Secret(cluster.dsn("hiraku")), api_database_url=None))
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/readyz")).status_code == 503
