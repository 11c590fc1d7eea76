"""The embedded PostgreSQL: Unix socket only, the extensions hiraku relies on, restartable."""

from __future__ import annotations

import asyncpg


async def test_the_server_listens_on_no_tcp_port(server_dsn: str, settings: object) -> None:
    conn = await asyncpg.connect(server_dsn)
    try:
        if "host=/" not in server_dsn:
            return  # DATABASE_URL's server is configured by its operator.
        assert await conn.fetchval("SHOW listen_addresses") == ""
    finally:
        await conn.close()


async def test_the_extensions_are_available(server_dsn: str) -> None:
    conn = await asyncpg.connect(server_dsn)
    try:
        names = {r["name"] for r in await conn.fetch("SELECT name FROM pg_available_extensions")}
        assert {"pg_trgm", "unaccent"} <= names
    finally:
        await conn.close()
