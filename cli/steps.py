"""The set-up steps shared by `hiraku run` and the single commands: sources, migrations, load."""

from __future__ import annotations

import asyncio
from pathlib import Path

from api.settings import Settings
from cli.output import say, timed
from db.migrate import configure_api_role, migrate
from db.pool import connect
from schema.limits import STATEMENT_TIMEOUT_MS
from seeds.catalog_imports import read_catalog_import, store_catalog
from seeds.imports import read_import, store
from seeds.load import LoadResult, load, read_sources
from seeds.report import read_report
from seeds.sources import Fetcher, FetchResult, read_manifest


def fetch_sources(settings: Settings) -> list[FetchResult]:
    fetcher = Fetcher(settings.data_dir / "sources", settings.sources_mirror)
    origin = f"the mirror {settings.sources_mirror}" if settings.sources_mirror else "their pinned URLs"
    with timed("sources", f"cache {fetcher.cache_dir}, filled from {origin}") as details:
        results = [fetcher.fetch(source) for source in read_manifest()]
        available = [r for r in results if r.available]
        files = sum(len(r.paths) for r in available)
        details.append(f"{len(available)} of {len(results)} available ({files} files, checksums verified)")
    for result in results:
        if result.problem:
            say(
                "sources",
                f"MISSING {result.source.slug}: {result.problem}. It is left out of the dataset; "
                "fix: restore network access, or set HIRAKU_SOURCES_MIRROR to a folder holding the file",
            )
    return results


def imports_dir(settings: Settings) -> Path:
    """Where imported files are kept: inputs of every later load."""
    return settings.data_dir / "imports"


def import_observations(settings: Settings, dsn: str, fetched: list[FetchResult], path: Path) -> bool:
    """Validate the file against the curated metrics and the directory, keep it, and load; False if known."""
    with timed("import", f"checking {path}") as details:
        report = read_report()
        result = LoadResult("", skipped=False)
        areas = {g.code for g in read_sources(fetched, result).directory}
        values = read_import(path, {m.slug for m in report.metrics}, areas, lambda n: say("import", f"{n} rows…"))
        details.append(f"{len(values)} rows valid")
    return _keep_and_load(settings, dsn, fetched, path, store(path, imports_dir(settings)))


def _keep_and_load(
    settings: Settings, dsn: str, fetched: list[FetchResult], path: Path, stored: tuple[Path, bool]
) -> bool:
    """Load with the newly kept file; on any failure drop it again, so that the import changes nothing."""
    copy, new = stored
    if not new:
        say("import", f"{path} was imported before ({copy.name}): nothing changes")
        return False
    try:
        load_data(settings, dsn, fetched)
    except BaseException:
        copy.unlink()
        raise
    return True


def import_catalog(settings: Settings, dsn: str, fetched: list[FetchResult], path: Path) -> bool:
    """Validate the entries against the curated catalogues and the directory, keep the file, and load."""
    with timed("import", f"checking {path}") as details:
        report = read_report()
        directory = read_sources(fetched, LoadResult("", skipped=False)).directory
        municipalities = {g.code for g in directory if g.level == "municipality"}
        entries = read_catalog_import(path, {c.slug for c in report.catalogs}, municipalities)
        details.append(f"{len(entries)} entries valid")
    return _keep_and_load(settings, dsn, fetched, path, store_catalog(path, imports_dir(settings)))


def migrate_database(settings: Settings, dsn: str) -> None:
    async def run() -> list[str]:
        conn = await connect(dsn)
        try:
            applied = await migrate(conn)
            password = str(settings.api_db_password) if settings.api_db_password else None
            await configure_api_role(conn, statement_timeout_ms=STATEMENT_TIMEOUT_MS, password=password)
            return applied
        finally:
            await conn.close()

    with timed("migrate", "schema") as details:
        applied = asyncio.run(run())
        details.append(f"applied {', '.join(applied)}" if applied else "up to date")


def load_data(settings: Settings, dsn: str, fetched: list[FetchResult], *, force: bool = False) -> LoadResult:
    async def run() -> LoadResult:
        conn = await connect(dsn)
        try:
            return await load(conn, fetched, force=force, imports_dir=imports_dir(settings))
        finally:
            await conn.close()

    with timed("load", "data") as details:
        result = asyncio.run(run())
        if result.skipped:
            details.append(f"unchanged, version {result.version}")
        else:
            counts = ", ".join(f"{n} {what}" for what, n in result.counts.items())
            details.append(f"version {result.version}: {counts}")
            if result.missing:
                details.append(f"without {', '.join(result.missing)}")
    for slug, why in result.unused.items():
        say("load", f"NOT LOADED {slug}: {why}")
    for note in result.notes:
        say("load", note)
    return result
