"""Fixtures: a real PostgreSQL (DATABASE_URL's, or a throwaway embedded cluster), loaded data, a live server."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
import pytest_asyncio
from starlette.datastructures import Secret

from api.app import create_app
from api.settings import Settings
from cli.steps import migrate_with_api_role
from db.embedded import EmbeddedCluster
from seeds.load import load
from seeds.sources import Fetcher, FetchResult, read_manifest
from tests.support import running, throwaway_database


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.from_environ()


@pytest.fixture(scope="session")
def server_dsn(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Admin DSN of the server the suite runs on; each test gets its own database there."""
    if settings.database_url is not None:
        yield str(settings.database_url)
        return
    cluster = EmbeddedCluster(tmp_path_factory.mktemp("postgres"), durable=False)
    cluster.start()
    try:
        yield cluster.dsn()
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def fetched(settings: Settings) -> list[FetchResult]:
    """The pinned sources, from the cache `make test` filled (or the mirror)."""
    fetcher = Fetcher(settings.data_dir / "sources", settings.sources_mirror)
    return [fetcher.fetch(source) for source in read_manifest()]


@pytest.fixture(scope="session")
def fetched_without_series(fetched: list[FetchResult]) -> list[FetchResult]:
    """The sources less the issuance series: the same load, in a second instead of several."""
    return [r for r in fetched if r.source.slug != "mynumbercard-statistics"]


async def prepare(dsn: str, fetched: list[FetchResult], api_password: str | None = None) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        # The suite runs many servers on one cluster at once: no limit on the API role's sessions here
        # (tests/test_roles.py checks the limit on a cluster of its own).
        await migrate_with_api_role(conn, password=api_password, connection_limit=-1)
        await load(conn, fetched)
    finally:
        await conn.close()


@pytest_asyncio.fixture
async def empty_dsn(server_dsn: str) -> AsyncIterator[str]:
    """A fresh database with nothing in it."""
    async with throwaway_database(server_dsn) as dsn:
        yield dsn


@pytest_asyncio.fixture(scope="session")
async def loaded_dsn(settings: Settings, server_dsn: str, fetched: list[FetchResult]) -> AsyncIterator[str]:
    """One migrated and loaded database shared by the read-only tests."""
    async with throwaway_database(server_dsn) as dsn:
        password = str(settings.api_db_password) if settings.api_db_password else None
        await prepare(dsn, fetched, password)
        yield dsn


@pytest_asyncio.fixture(scope="session")
async def base_url(settings: Settings, loaded_dsn: str) -> AsyncIterator[str]:
    app = create_app(dataclasses.replace(settings, database_url=Secret(loaded_dsn), api_database_url=None))
    async with running(app) as url:
        yield url


@pytest_asyncio.fixture
async def client(base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
        yield http


@pytest_asyncio.fixture(scope="session")
async def uncached_base_url(settings: Settings, loaded_dsn: str) -> AsyncIterator[str]:
    """A server without its response cache: every request is executed (for counting what execution costs)."""
    uncached = dataclasses.replace(settings, database_url=Secret(loaded_dsn), api_database_url=None)
    async with running(create_app(dataclasses.replace(uncached, response_cache_mb=0))) as url:
        yield url


@pytest_asyncio.fixture
async def uncached_client(uncached_base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=uncached_base_url, timeout=10) as http:
        yield http


@pytest.fixture
def report_copy(tmp_path: Path) -> Path:
    """A copy of seeds/report to corrupt."""
    from seeds.report import REPORT_DIR

    target = tmp_path / "report"
    target.mkdir()
    for path in REPORT_DIR.glob("*.yaml"):
        (target / path.name).write_bytes(path.read_bytes())
    return target
