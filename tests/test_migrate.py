"""Migrations: applied once each, in order, and a second run is a no-op."""

from __future__ import annotations

import asyncpg

from db.migrate import available_migrations, migrate


async def test_migrating_twice_applies_everything_once(empty_dsn: str) -> None:
    conn = await asyncpg.connect(empty_dsn)
    try:
        names = [m.name for m in available_migrations()]
        assert await migrate(conn) == names
        assert await migrate(conn) == []
        recorded = await conn.fetch("SELECT name FROM schema_migration ORDER BY name")
        assert [r["name"] for r in recorded] == names
    finally:
        await conn.close()


async def test_a_failing_migration_leaves_nothing_behind(empty_dsn: str, tmp_path: object) -> None:
    from pathlib import Path

    directory = Path(str(tmp_path))
    (directory / "001_ok.sql").write_text("CREATE TABLE kept (x integer);")
    (directory / "002_broken.sql").write_text("CREATE TABLE half (x integer); SELECT * FROM missing_table;")
    conn = await asyncpg.connect(empty_dsn)
    try:
        try:
            await migrate(conn, directory)
        except asyncpg.UndefinedTableError:
            pass
        else:
            raise AssertionError("the broken migration should fail")
        tables = {r["tablename"] for r in await conn.fetch("SELECT tablename FROM pg_tables")}
        assert "kept" in tables
        assert "half" not in tables
        assert await conn.fetchval("SELECT count(*) FROM schema_migration") == 1
    finally:
        await conn.close()
