"""The API's database role: read-only, with the statement timeout of the limits module, no temporary tables or
large objects, a connection limit and a bound on sessions idle in a transaction (SECURITY.md items 38 and 39;
issue 15, item 15)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from starlette.datastructures import Secret

from api.limits import API_IDLE_IN_TRANSACTION_MS
from api.settings import Settings, api_dsn
from cli.steps import migrate_database
from db.admin import ensure_database
from db.embedded import EmbeddedCluster
from db.migrate import configure_api_role
from schema.limits import STATEMENT_TIMEOUT_MS


async def test_the_api_role_refuses_writes(settings: Settings, loaded_dsn: str) -> None:
    dsn = api_dsn(dataclasses.replace(settings, api_database_url=None), loaded_dsn)

    conn = await asyncpg.connect(dsn)
    try:
        assert await conn.fetchval("SELECT current_user") == "hiraku_api"
        with pytest.raises((asyncpg.ReadOnlySQLTransactionError, asyncpg.InsufficientPrivilegeError)):
            await conn.execute(
                "INSERT INTO focus_area (slug, position, name, page, section) VALUES ('x', 99, 'x', 1, 'x')"
            )
        # Even after leaving read-only mode, the role has no privilege to write.
        await conn.execute("SET default_transaction_read_only = off")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("DELETE FROM initiative")
        assert await conn.fetchval("SELECT count(*) FROM initiative") == 27
    finally:
        await conn.close()


async def test_the_api_role_has_the_statement_timeout(settings: Settings, loaded_dsn: str) -> None:
    conn = await asyncpg.connect(api_dsn(dataclasses.replace(settings, api_database_url=None), loaded_dsn))
    try:
        assert await conn.fetchval("SHOW statement_timeout") == f"{STATEMENT_TIMEOUT_MS // 1000}s"
        with pytest.raises(asyncpg.QueryCanceledError):
            await conn.execute(f"SELECT pg_sleep({STATEMENT_TIMEOUT_MS / 1000 + 1})")
    finally:
        await conn.close()


def test_the_api_dsn_swaps_the_user_and_keeps_the_server(settings: Settings) -> None:
    plain = dataclasses.replace(settings, api_database_url=None, api_db_password=None)
    assert api_dsn(plain, "postgresql://admin:secret@db.example:5432/hiraku?sslmode=require") == (
        "postgresql://hiraku_api@db.example:5432/hiraku?sslmode=require"
    )
    with_password = dataclasses.replace(plain, api_db_password=Secret("p@ss"))
    assert api_dsn(with_password, "postgresql://admin@/hiraku?host=/run/pg") == (
        "postgresql://hiraku_api:p%40ss@/hiraku?host=/run/pg"
    )


async def test_38_out_of_read_only_mode_a_client_of_the_api_role_still_cannot_write_anything(
    settings: Settings, loaded_dsn: str
) -> None:
    """PostgreSQL lets any session SET a user parameter, whatever `ALTER ROLE ... SET` says: the role's client can
    turn default_transaction_read_only (and its timeouts) off. What it may do then rests on privileges."""
    admin = await asyncpg.connect(loaded_dsn)
    conn = await asyncpg.connect(api_dsn(dataclasses.replace(settings, api_database_url=None), loaded_dsn))
    try:
        await conn.execute("SET default_transaction_read_only = off")
        assert await conn.fetchval("SHOW default_transaction_read_only") == "off"  # PostgreSQL allows this
        refused = [
            "INSERT INTO focus_area (slug, position, name, page, section) VALUES ('x', 99, 'x', 1, 'x')",
            "UPDATE initiative SET slug = 'x'",
            "DELETE FROM initiative",
            "TRUNCATE initiative",
            "SELECT nextval(pg_get_serial_sequence('initiative', 'id'))",
            "CREATE TABLE public.x (x integer)",
            "CREATE SCHEMA x",
            "CREATE TEMPORARY TABLE x (x integer)",
            "CREATE TEMPORARY SEQUENCE x",
        ]
        if await admin.fetchval("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"):
            refused += ["SELECT lo_create(0)", "SELECT lo_from_bytea(0, 'x')"]  # revoked when migrated as superuser
        for statement in refused:
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                async with conn.transaction(readonly=False):
                    await conn.execute(statement)
        assert await conn.fetchval("SELECT count(*) FROM initiative") == 27  # reading is what it is for
        assert await admin.fetchval("SELECT count(*) FROM pg_largeobject_metadata") == 0
    finally:
        await conn.close()
        await admin.close()


async def test_39_api_sessions_idle_in_a_transaction_end_after_a_minute(settings: Settings, loaded_dsn: str) -> None:
    conn = await asyncpg.connect(api_dsn(dataclasses.replace(settings, api_database_url=None), loaded_dsn))
    try:
        assert await conn.fetchval("SHOW idle_in_transaction_session_timeout") == "1min"
        assert API_IDLE_IN_TRANSACTION_MS == 60_000
    finally:
        await conn.close()


@pytest_asyncio.fixture
async def own_cluster(tmp_path: Path) -> AsyncIterator[EmbeddedCluster]:
    """A cluster of the test's own: the API role's settings hold for the whole cluster."""
    cluster = EmbeddedCluster(tmp_path / "pg", durable=False)
    await asyncio.to_thread(cluster.start)
    try:
        await ensure_database(cluster.dsn(), "hiraku")
        yield cluster
    finally:
        await asyncio.to_thread(cluster.destroy)


async def test_39_the_api_role_opens_at_most_its_connection_limit(
    settings: Settings, own_cluster: EmbeddedCluster
) -> None:
    # As `hiraku db migrate` sets it up, with HIRAKU_API_DB_CONNECTION_LIMIT=2.
    limited = dataclasses.replace(settings, api_db_connection_limit=2, api_db_password=None)
    await asyncio.to_thread(migrate_database, limited, own_cluster.dsn("hiraku"))
    api = own_cluster.dsn("hiraku", user="hiraku_api")
    sessions = [await asyncpg.connect(api) for _ in range(2)]
    try:
        with pytest.raises(asyncpg.TooManyConnectionsError, match="too many connections for role"):
            await asyncpg.connect(api)
    finally:
        for session in sessions:
            await session.close()
    assert Settings.from_environ({}).api_db_connection_limit == 80


async def test_39_a_session_idle_in_a_transaction_past_the_limit_is_ended(own_cluster: EmbeddedCluster) -> None:
    admin = await asyncpg.connect(own_cluster.dsn("hiraku"))
    try:
        await admin.execute("CREATE ROLE hiraku_api LOGIN")
        await configure_api_role(
            admin,
            statement_timeout_ms=STATEMENT_TIMEOUT_MS,
            password=None,
            connection_limit=-1,
            idle_in_transaction_ms=1_000,
        )
    finally:
        await admin.close()
    conn = await asyncpg.connect(own_cluster.dsn("hiraku", user="hiraku_api"))
    try:
        await conn.execute("BEGIN")
        await asyncio.sleep(0.2)  # well within the limit
        await conn.execute("COMMIT")
        await conn.execute("BEGIN")
        await asyncio.sleep(4)  # well past it: the server ends the session
        # asyncpg has read the server's goodbye by now, or reads it at the next statement.
        ended = (
            asyncpg.InterfaceError,
            asyncpg.IdleInTransactionSessionTimeoutError,
            asyncpg.ConnectionDoesNotExistError,
        )
        with pytest.raises(ended):
            await conn.execute("SELECT 1")
    finally:
        await conn.close()
