"""Reads from streaming-replication standbys (DATABASE_REPLICA_URLS), on a real primary and a real standby: reads go
to the standby, a standby that stops costs no request, it comes back by itself, and loads go to the primary."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio
from starlette.datastructures import Secret

from api.app import create_app
from api.settings import Settings
from db.admin import ensure_database
from db.dataset import dataset_version
from db.embedded import EmbeddedCluster
from db.replicas import RETRY_AFTER_S
from seeds.sources import FetchResult
from tests.conftest import prepare
from tests.support import running

QUERY = "{ initiatives { totalCount } dataset { version } }"
Clusters = tuple[EmbeddedCluster, EmbeddedCluster]


@pytest_asyncio.fixture
async def clusters(tmp_path: Path, fetched_without_series: list[FetchResult]) -> AsyncIterator[Clusters]:
    """A loaded primary and a standby made from it with pg_basebackup, both removed afterwards whatever happens."""
    primary = EmbeddedCluster(tmp_path / "primary", durable=False)
    standby = EmbeddedCluster(tmp_path / "standby", durable=False)
    try:
        await asyncio.to_thread(primary.start)
        await ensure_database(primary.dsn(), "hiraku")
        await prepare(primary.dsn("hiraku"), fetched_without_series)
        await asyncio.to_thread(standby.replicate, primary)
        await asyncio.to_thread(standby.start)
        yield primary, standby
    finally:
        await asyncio.to_thread(standby.destroy)
        await asyncio.to_thread(primary.destroy)


@pytest_asyncio.fixture
async def api(settings: Settings, clusters: Clusters) -> AsyncIterator[httpx.AsyncClient]:
    primary, standby = clusters
    app_settings = dataclasses.replace(
        settings,
        database_url=Secret(primary.dsn("hiraku")),
        api_database_url=None,
        database_replica_urls=(Secret(standby.dsn("hiraku")),),
        response_cache_mb=0,  # every request reaches the database
    )
    async with running(create_app(app_settings)) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        yield client


async def _ask(client: httpx.AsyncClient) -> Any:
    response = await client.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    return response.json()


async def _statements(client: httpx.AsyncClient) -> dict[str, float]:
    text = (await client.get("/metrics")).text
    counts = {}
    for target in ("primary", "replica"):
        found = re.search(rf'^hiraku_db_statements_total{{target="{target}"}} (\S+)$', text, re.MULTILINE)
        assert found, text
        counts[target] = float(found.group(1))
    return counts


async def _api_sessions(cluster: EmbeddedCluster) -> int:
    conn = await asyncpg.connect(cluster.dsn("hiraku"))
    try:
        assert await conn.fetchval("SELECT pg_is_in_recovery()")  # a standby indeed
        sessions: int = await conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hiraku-api' AND usename = 'hiraku_api'"
        )
        return sessions
    finally:
        await conn.close()


async def _asking_until(client: httpx.AsyncClient, stop: asyncio.Event) -> list[Any]:
    bodies = []
    while not stop.is_set():
        bodies.append(await _ask(client))
    return bodies


async def test_reads_go_to_the_standby_and_fall_back_to_the_primary_while_it_is_down(
    api: httpx.AsyncClient, clusters: Clusters, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="hiraku.db")
    _, standby = clusters
    expected = await _ask(api)
    assert expected["data"]["initiatives"]["totalCount"] == 27
    before = await _statements(api)
    assert [await _ask(api) for _ in range(20)] == [expected] * 20
    after = await _statements(api)
    assert after["replica"] - before["replica"] >= 20
    assert after["primary"] - before["primary"] <= 2  # at most the background check of the dataset version
    assert await _api_sessions(standby) >= 1

    # The standby stops while four clients keep asking: every answer is still right, from the primary.
    stop = asyncio.Event()
    clients = [asyncio.create_task(_asking_until(api, stop)) for _ in range(4)]
    await asyncio.sleep(0.3)
    await asyncio.to_thread(standby.stop)
    await asyncio.sleep(0.3)
    down = await _statements(api)
    await asyncio.sleep(0.5)
    stop.set()
    answers = [body for client in clients for body in await client]
    assert len(answers) > 20
    assert all(body == expected for body in answers), [body for body in answers if body != expected][:3]
    later = await _statements(api)
    assert later["replica"] == down["replica"]
    assert later["primary"] - down["primary"] >= 10
    assert "standby 1 of 1 left out of reads" in caplog.text

    # Started again, it answers reads once its back-off is over, without a restart of the API.
    await asyncio.to_thread(standby.start)
    started = time.monotonic()
    while (await _statements(api))["replica"] == later["replica"]:
        assert time.monotonic() - started < RETRY_AFTER_S + 5, "the standby was not asked again"
        assert await _ask(api) == expected
        await asyncio.sleep(0.2)
    back = await _statements(api)
    assert [await _ask(api) for _ in range(10)] == [expected] * 10
    assert (await _statements(api))["replica"] - back["replica"] >= 10
    assert "standby 1 of 1 answers reads again" in caplog.text
    assert (await api.get("/readyz")).status_code == 200


async def test_a_load_goes_to_the_primary_and_reaches_the_api_through_the_standby(
    settings: Settings, api: httpx.AsyncClient, clusters: Clusters
) -> None:
    primary, standby = clusters
    old = (await _ask(api))["data"]["dataset"]["version"]
    # The command line with both variables set, as a deployment would have them. A write sent to the standby would
    # fail (it is read-only); the full sources make a new dataset version.
    environ = {
        **os.environ,
        "DATABASE_URL": primary.dsn("hiraku"),
        "DATABASE_REPLICA_URLS": standby.dsn("hiraku"),
        "HIRAKU_DATA_DIR": str(settings.data_dir),
    }
    hiraku = Path(sys.executable).with_name("hiraku")
    loaded = await asyncio.to_thread(
        subprocess.run, [str(hiraku), "data", "load"], env=environ, capture_output=True, text=True, timeout=120
    )
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert "using the server at DATABASE_URL" in loaded.stderr
    conn = await asyncpg.connect(primary.dsn("hiraku"))
    try:
        new = await dataset_version(conn)
    finally:
        await conn.close()
    assert new is not None and new != old

    # The standby replays the load, and the API answers with the new data once its check has seen the version.
    started = time.monotonic()
    while (await _ask(api))["data"]["dataset"]["version"] != new:
        assert time.monotonic() - started < 15, "the new dataset did not reach the API"
        await asyncio.sleep(0.2)
    conn = await asyncpg.connect(standby.dsn("hiraku"))
    try:
        assert await dataset_version(conn) == new
    finally:
        await conn.close()
