"""Cluster administration: creating and dropping databases."""

from __future__ import annotations

import asyncpg

from db.sql import sql


async def ensure_database(admin_dsn: str, name: str) -> bool:
    """Create the database unless it exists; True when it was created."""
    conn = await asyncpg.connect(admin_dsn)
    try:
        if await conn.fetchval(sql("database_exists"), name):
            return False
        await conn.execute(await conn.fetchval(sql("database_create"), name))
        return True
    finally:
        await conn.close()


async def drop_database(admin_dsn: str, name: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(await conn.fetchval(sql("database_drop"), name))
    finally:
        await conn.close()
