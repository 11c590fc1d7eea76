"""Ordered SQL migrations from db/migrations, each applied once, in a transaction, and recorded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import asyncpg

from db.sql import sql

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant will do: it only has to be the same for every process migrating this cluster.
MIGRATION_LOCK_KEY = 0x68697261  # "hira"


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


def available_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    return [Migration(path.name, path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.sql"))]


async def migrate(conn: asyncpg.Connection, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied (empty when up to date)."""
    await conn.execute(sql("schema_migration_create"))
    applied: list[str] = []
    for migration in available_migrations(directory):
        async with conn.transaction():
            await conn.execute(sql("schema_migration_lock"), MIGRATION_LOCK_KEY)
            done = await conn.fetchval(sql("schema_migration_applied"), migration.name)
            if done:
                continue
            await conn.execute(migration.sql)
            await conn.execute(sql("schema_migration_insert"), migration.name)
            applied.append(migration.name)
    return applied


async def configure_api_role(
    conn: asyncpg.Connection,
    *,
    statement_timeout_ms: int,
    password: str | None,
    connection_limit: int,
    idle_in_transaction_ms: int,
) -> None:
    """Set what belongs to the API role but comes from settings and limits: its statement timeout, the sessions it
    may open (-1: no limit), how long one of them may stay idle in a transaction, and its password."""
    await conn.execute(await conn.fetchval(sql("api_role_statement_timeout"), statement_timeout_ms))
    await conn.execute(await conn.fetchval(sql("api_role_connection_limit"), connection_limit))
    await conn.execute(await conn.fetchval(sql("api_role_idle_in_transaction_timeout"), idle_in_transaction_ms))
    if password is not None:
        await conn.execute(await conn.fetchval(sql("api_role_password"), password))
