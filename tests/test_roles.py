"""The API's database role: read-only, with the statement timeout of the limits module."""

from __future__ import annotations

import dataclasses

import asyncpg
import pytest
from starlette.datastructures import Secret

from api.settings import Settings, api_dsn
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
