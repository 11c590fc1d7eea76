"""The real dataset in the bench cluster: database hiraku_bench_real, filled by hiraku's own loader from the curated
seeds and the pinned sources, rebuilt only when the loader's inputs (seeds, migrations, source files) change."""

from __future__ import annotations

import asyncpg

from api.settings import Settings
from bench.dataset import loaded_version
from bench.workloads import BenchError
from cli.steps import migrate_with_api_role
from db.admin import drop_database, ensure_database
from db.embedded import EmbeddedCluster
from seeds.load import dataset_inputs, load, version_of
from seeds.sources import Fetcher, FetchResult, read_manifest

REAL_DATABASE = "hiraku_bench_real"


def fetch_sources(settings: Settings) -> list[FetchResult]:
    """Every pinned source, from hiraku's cache (.data/sources) or the mirror (HIRAKU_SOURCES_MIRROR), checksums
    verified; a missing one is an error here, since the real shapes need the directory and the series."""
    fetcher = Fetcher(settings.data_dir / "sources", settings.sources_mirror)
    fetched = [fetcher.fetch(source) for source in read_manifest()]
    missing = [f"{r.source.slug} ({r.problem})" for r in fetched if not r.available]
    if missing:
        raise BenchError(
            f"the real dataset needs every source; missing: {'; '.join(missing)}. Set HIRAKU_SOURCES_MIRROR to a "
            "folder holding them, or run `hiraku data fetch` with network access"
        )
    return fetched


async def ensure_real_dataset(cluster: EmbeddedCluster, settings: Settings) -> tuple[str, bool]:
    """The real data's version, and whether it was (re)built now. Without user imports: the bench measures the
    public dataset, the same on every machine."""
    fetched = fetch_sources(settings)
    version = version_of(dataset_inputs(fetched))
    if await loaded_version(cluster, REAL_DATABASE) == version:
        return version, False
    # A changed migration is not applied again to a database that has it: start from an empty database.
    await drop_database(cluster.dsn(), REAL_DATABASE)
    await ensure_database(cluster.dsn(), REAL_DATABASE)
    conn = await asyncpg.connect(cluster.dsn(REAL_DATABASE))
    try:
        # The benchmark's own cluster: no limit on the API role's sessions.
        await migrate_with_api_role(conn, password=None, connection_limit=-1)
        result = await load(conn, fetched, force=True)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return result.version, True
