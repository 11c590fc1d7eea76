"""The database fails under the API (SECURITY.md items 34-37 and 39): clear errors, then recovery by itself."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest_asyncio
from starlette.datastructures import Secret

from api.app import create_app
from api.settings import Settings
from db.admin import ensure_database
from db.embedded import EmbeddedCluster
from seeds.sources import FetchResult
from tests.conftest import prepare
from tests.support import running

QUERY = "{ initiatives { totalCount } }"
OK = {"data": {"initiatives": {"totalCount": 27}}}


@pytest_asyncio.fixture
async def own_cluster(tmp_path: Path, fetched_without_series: list[FetchResult]) -> AsyncIterator[EmbeddedCluster]:
    """A cluster of this test's own, whatever DATABASE_URL says: the test stops, restarts and abuses it."""
    cluster = EmbeddedCluster(tmp_path / "pg", durable=False)
    cluster.start()
    try:
        await ensure_database(cluster.dsn(), "hiraku")
        await prepare(cluster.dsn("hiraku"), fetched_without_series)
        yield cluster
    finally:
        await asyncio.to_thread(cluster.destroy)


@pytest_asyncio.fixture
async def api(settings: Settings, own_cluster: EmbeddedCluster) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        dataclasses.replace(settings, database_url=Secret(own_cluster.dsn("hiraku")), api_database_url=None)
    )
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        yield client


async def _ask(client: httpx.AsyncClient) -> Any:
    response = await client.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    return response.json()


def _unavailable(body: Any) -> bool:
    return body["data"] is None and body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"


async def test_34_killed_backends_cost_no_request(api: httpx.AsyncClient, own_cluster: EmbeddedCluster) -> None:
    assert await _ask(api) == OK
    admin = await asyncpg.connect(own_cluster.dsn("hiraku"))
    try:
        killed = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'hiraku-api'"
        )
    finally:
        await admin.close()
    assert killed >= 1
    # The dead connection is noticed and the statement asked again on a new one: the client sees nothing.
    assert await _ask(api) == OK


async def test_35_a_restart_needs_no_restart_of_the_api(api: httpx.AsyncClient, own_cluster: EmbeddedCluster) -> None:
    assert await _ask(api) == OK
    await asyncio.to_thread(own_cluster.stop)
    await asyncio.to_thread(own_cluster.start)
    assert await _ask(api) == OK

    # During load: requests in flight while the server restarts fail clearly, or succeed; then all succeed.
    async def restart() -> None:
        await asyncio.to_thread(own_cluster.stop)
        await asyncio.to_thread(own_cluster.start)

    answers = await asyncio.gather(*(_ask(api) for _ in range(20)), restart(), *(_ask(api) for _ in range(20)))
    for body in answers[:-1]:
        if body is not None:
            assert body == OK or _unavailable(body), body
    assert [await _ask(api) for _ in range(5)] == [OK] * 5


async def test_36_database_down_is_a_clear_fast_error_then_recovery(
    api: httpx.AsyncClient, own_cluster: EmbeddedCluster
) -> None:
    assert (await api.get("/readyz")).status_code == 200
    await asyncio.to_thread(own_cluster.stop)
    body = await _ask(api)
    assert _unavailable(body), body
    assert "database cannot be reached" in body["errors"][0]["message"]
    assert (await api.get("/readyz")).status_code == 503
    assert (await api.get("/healthz")).status_code == 200
    await asyncio.to_thread(own_cluster.start)
    assert (await api.get("/readyz")).status_code == 200
    assert await _ask(api) == OK


async def test_37_the_api_starts_while_the_database_is_down(settings: Settings, tmp_path: Path) -> None:
    cluster = EmbeddedCluster(tmp_path / "never-started", durable=False)
    app = create_app(dataclasses.replace(settings, database_url=Secret(cluster.dsn("hiraku")), api_database_url=None))
    async with running(app) as url, httpx.AsyncClient(base_url=url, timeout=10) as client:
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/readyz")).status_code == 503
        assert _unavailable((await client.post("/graphql", json={"query": QUERY})).json())


async def test_39_too_many_connections_is_unavailable_not_a_crash(
    api: httpx.AsyncClient, own_cluster: EmbeddedCluster
) -> None:
    admin = await asyncpg.connect(own_cluster.dsn("hiraku"))
    await admin.execute("ALTER ROLE hiraku_api CONNECTION LIMIT 1")
    await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hiraku-api'")
    hog = await asyncpg.connect(own_cluster.dsn("hiraku", user="hiraku_api"))
    try:
        body = await _ask(api)
        assert _unavailable(body), body
    finally:
        await hog.close()
        await admin.execute("ALTER ROLE hiraku_api CONNECTION LIMIT -1")
        await admin.close()
    assert await _ask(api) == OK
