"""The bench database: its own embedded cluster (pg_stat_statements preloaded) and synthetic data, rebuilt only
when the scripts in bench/sql/data or hiraku's migrations change."""

from __future__ import annotations

import hashlib
from pathlib import Path

import asyncpg

from cli.steps import migrate_with_api_role
from db.admin import drop_database, ensure_database
from db.dataset import dataset_version
from db.embedded import EmbeddedCluster
from db.migrate import MIGRATIONS_DIR
from db.sql import sql
from db.writes import refresh_breakdowns

# As `make bench` sees it from the repository: .data/bench, beside the real data's .data/postgres.
BENCH_DIR = Path(__file__).resolve().parent.parent / ".data" / "bench"
DATABASE = "hiraku_bench"
SQL_DIR = Path(__file__).parent / "sql"
DATA_SCRIPTS = SQL_DIR / "data"
PRELOAD = "pg_stat_statements"


def bench_sql(name: str) -> str:
    """The text of bench/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def bench_cluster() -> EmbeddedCluster:
    return EmbeddedCluster(BENCH_DIR / "postgres", settings={"shared_preload_libraries": PRELOAD})


async def start_cluster(cluster: EmbeddedCluster) -> None:
    """Start the cluster (one left running without pg_stat_statements by an older run is restarted with it) and
    create the extension that counts statements."""
    cluster.start()
    if PRELOAD not in str(await _fetchval(cluster.dsn(), bench_sql("preloaded_libraries"))):
        cluster.stop()
        cluster.start()
    await _fetchval(cluster.dsn(), bench_sql("stat_statements_extension"))


def expected_version() -> str:
    """'bench-' and a hash over the data scripts and the migrations: a change to either rebuilds the data."""
    digest = hashlib.sha256()
    for path in [*sorted(DATA_SCRIPTS.glob("*.sql")), *sorted(MIGRATIONS_DIR.glob("*.sql"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"bench-{digest.hexdigest()[:16]}"


async def ensure_dataset(cluster: EmbeddedCluster) -> tuple[str, bool]:
    """The bench data's version, and whether it was (re)built now."""
    version = expected_version()
    if await loaded_version(cluster, DATABASE) == version:
        return version, False
    await drop_database(cluster.dsn(), DATABASE)
    await ensure_database(cluster.dsn(), DATABASE)
    conn = await asyncpg.connect(cluster.dsn(DATABASE))
    try:
        # The benchmark's own cluster: no limit on the API role's sessions.
        await migrate_with_api_role(conn, password=None, connection_limit=-1)
        async with conn.transaction():
            for script in sorted(DATA_SCRIPTS.glob("*.sql")):
                await conn.execute(script.read_text(encoding="utf-8"))
            # As a load does: `Metric.dimensions` reads the breakdowns counted from the observations.
            await refresh_breakdowns(conn)
            await conn.execute(bench_sql("dataset_version_set"), version)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return version, True


async def loaded_version(cluster: EmbeddedCluster, database: str) -> str | None:
    """The version recorded by the last load of `database`, None when there is none (or no database)."""
    if not await _fetchval(cluster.dsn(), sql("database_exists"), database):
        return None
    conn = await asyncpg.connect(cluster.dsn(database))
    try:
        if not await conn.fetchval(bench_sql("dataset_table_exists")):
            return None
        return await dataset_version(conn)
    finally:
        await conn.close()


async def _fetchval(dsn: str, query: str, *args: object) -> object:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(query, *args)
    finally:
        await conn.close()
