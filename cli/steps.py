"""The set-up steps shared by `hiraku run` and the single commands: sources, migrations, load."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg

from api.limits import API_IDLE_IN_TRANSACTION_MS
from api.settings import Settings
from cli.output import say, shown, timed
from db.migrate import configure_api_role, migrate
from db.pool import connect
from schema.limits import STATEMENT_TIMEOUT_MS
from seeds.append import Appended, NotIncremental, append_import
from seeds.catalog_imports import read_catalog_import, store_catalog
from seeds.imports import ImportedValue, read_import, store, unreadable
from seeds.load import LoadResult, load, read_directory
from seeds.report import read_report
from seeds.sources import Fetcher, FetchResult, SourceRowError, read_manifest


def fetch_sources(settings: Settings) -> list[FetchResult]:
    fetcher = Fetcher(settings.data_dir / "sources", settings.sources_mirror)
    origin = f"the mirror {shown(settings.sources_mirror)}" if settings.sources_mirror else "their pinned URLs"
    with timed("sources", f"cache {shown(fetcher.cache_dir)}, filled from {origin}") as details:
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


def import_file_readable(path: Path) -> bool:
    """Say in one line why a file to import cannot be read; checked before anything else is done."""
    problem = unreadable(path)
    if problem is not None:
        say("import", f"cannot read {path}: {problem}")
    return problem is None


def check_observations(fetched: list[FetchResult], path: Path) -> list[ImportedValue]:
    """Every row checked against the curated metrics and the directory (no database needed)."""
    with timed("import", f"checking {path}") as details:
        metrics = {m.slug for m in read_report().metrics}
        areas = {g.code for g in read_directory(fetched)}
        values = read_import(path, metrics, areas, lambda n: say("import", f"{n} rows…"))
        details.append(f"{len(values)} rows valid")
    return values


def import_observations(
    settings: Settings, dsn: str, fetched: list[FetchResult], path: Path, values: list[ImportedValue]
) -> bool:
    """Keep the checked file and add its rows to the loaded data, or load everything when adding them would not
    give what a load gives; on any failure drop the file again, so that the import changes nothing. False if known."""
    kept, new = store(path, imports_dir(settings))
    if not new:
        say("import", f"{path} was imported before ({kept.name}): nothing changes")
        return False
    try:
        try:
            with timed("import", f"adding {path}") as details:
                appended = asyncio.run(_append(settings, dsn, fetched, kept, path, values))
                details.append(
                    f"{appended.observations} observations and {appended.citations} citations added"
                    + (f", {appended.given} given already" if appended.given else "")
                    + f", version {appended.version}"
                )
        except NotIncremental as why:
            say("import", f"not added alone ({why}): loading everything")
            load_data(settings, dsn, fetched)
    except SourceRowError as error:
        kept.unlink()
        # Name the file as the user gave it, not the kept copy.
        raise SourceRowError(path, error.line, error.field, error.problem) if error.path == kept else error from None
    except BaseException:
        kept.unlink()
        raise
    return True


async def _append(
    settings: Settings, dsn: str, fetched: list[FetchResult], kept: Path, shown: Path, values: list[ImportedValue]
) -> Appended:
    conn = await connect(dsn)
    try:
        return await append_import(conn, fetched, kept, shown, values, imports_dir=imports_dir(settings))
    finally:
        await conn.close()


def check_catalog(fetched: list[FetchResult], path: Path) -> None:
    """Every entry checked against the curated catalogues and the directory (no database needed)."""
    with timed("import", f"checking {path}") as details:
        catalogs = {c.slug for c in read_report().catalogs}
        municipalities = {g.code for g in read_directory(fetched) if g.level == "municipality"}
        entries = read_catalog_import(path, catalogs, municipalities)
        details.append(f"{len(entries)} entries valid")


def import_catalog(settings: Settings, dsn: str, fetched: list[FetchResult], path: Path) -> bool:
    """Keep the checked file and load everything: a load numbers an entry's citation and search document among the
    others', so adding them alone would not give what a load gives."""
    copy, new = store_catalog(path, imports_dir(settings))
    if not new:
        say("import", f"{path} was imported before ({copy.name}): nothing changes")
        return False
    try:
        load_data(settings, dsn, fetched)
    except BaseException:
        copy.unlink()
        raise
    return True


async def migrate_with_api_role(conn: asyncpg.Connection, *, password: str | None, connection_limit: int) -> list[str]:
    """Apply the pending migrations and give the API's role the API's limits (statement and idle-in-transaction
    timeouts, at most `connection_limit` sessions, -1 for none); the migrations applied. What `hiraku db migrate`
    does, and the test suite and the benchmark with clusters of their own."""
    applied = await migrate(conn)
    await configure_api_role(
        conn,
        statement_timeout_ms=STATEMENT_TIMEOUT_MS,
        password=password,
        connection_limit=connection_limit,
        idle_in_transaction_ms=API_IDLE_IN_TRANSACTION_MS,
    )
    return applied


def migrate_database(settings: Settings, dsn: str) -> None:
    async def run() -> list[str]:
        conn = await connect(dsn)
        try:
            password = str(settings.api_db_password) if settings.api_db_password else None
            return await migrate_with_api_role(
                conn, password=password, connection_limit=settings.api_db_connection_limit
            )
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
