"""`hiraku`: run, serve, migrate, fetch and load, check, print the schema."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import Secret

from api.app import create_app
from api.limits import KEEP_ALIVE_S
from api.settings import Settings
from cli.database import database
from cli.output import log_config, say, timed
from cli.port import cannot_listen
from cli.steps import (
    check_catalog,
    check_observations,
    fetch_sources,
    import_catalog,
    import_file_readable,
    import_observations,
    load_data,
    migrate_database,
)
from db.embedded import EmbeddedClusterError
from schema import build_schema
from seeds.catalog_imports import CatalogImportError
from seeds.english import read_search_aids
from seeds.imports import ImportFileError
from seeds.records import SeedError
from seeds.report import REPORT_DIR, read_report
from seeds.sources import SourceRowError
from seeds.summary import check_report


def main(argv: Sequence[str] | None = None) -> int:
    # SIGTERM unwinds like Ctrl-C, so that an embedded server is always stopped by its owner.
    signal.signal(signal.SIGTERM, _interrupt)
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_environ()
    except ValueError as error:  # a setting that cannot be read, named by the message
        say("error", str(error))
        return 2
    try:
        result: int = args.command(settings, args)
        return result
    except (SeedError, SourceRowError, ImportFileError, CatalogImportError, EmbeddedClusterError) as error:
        say("error", str(error))
        return 1
    except KeyboardInterrupt:
        return 130


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Everything `make run` needs: sources, database, migrations, load, then serve."""
    if _workers_refused(settings):
        return 2
    if _port_refused(settings):
        return 1
    fetched = fetch_sources(settings)
    with database(settings) as dsn:
        migrate_database(settings, dsn)
        load_data(settings, dsn, fetched)
        _serve(dataclasses.replace(settings, database_url=Secret(dsn)))
    return 0


def serve(settings: Settings, args: argparse.Namespace) -> int:
    if _workers_refused(settings):
        return 2
    if _port_refused(settings):
        return 1
    if settings.api_database_url is not None:
        # A deployment that hands the API only its read-only DSN: nothing to start or set up.
        _serve(settings)
        return 0
    with database(settings) as dsn:
        _serve(dataclasses.replace(settings, database_url=Secret(dsn)))
    return 0


def _workers_refused(settings: Settings) -> bool:
    """Worker processes build their apps from the environment, so it must name the database: the embedded
    server, started by this process, is for one process."""
    if settings.workers > 1 and settings.database_url is None and settings.api_database_url is None:
        say(
            "serve", "HIRAKU_WORKERS > 1 needs DATABASE_URL or HIRAKU_API_DATABASE_URL (the embedded server serves one)"
        )
        return True
    return False


def _port_refused(settings: Settings) -> bool:
    """Found out before any other step, so that a second `make run` leaves the first server and its database be."""
    problem = cannot_listen(settings.host, settings.port)
    if problem is not None:
        say("serve", problem)
    return problem is not None


class _Server(uvicorn.Server):
    """Says where to point a browser once the socket is bound, not before."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            url = f"http://{self.config.host}:{self.config.port}/graphql"
            home = f"http://{self.config.host}:{self.config.port}/"
            say("serve", f"ready: {url} (GraphiQL in a browser; home page {home}; Ctrl-C stops)")


def _serve(settings: Settings) -> None:
    if settings.workers > 1:
        _serve_workers(settings)
        return
    app = create_app(settings)
    _tune_garbage_collector()
    config = uvicorn.Config(
        app,
        **_server_options(settings),
    )
    try:
        _Server(config).run()
    except KeyboardInterrupt:
        # Uvicorn has shut down gracefully and re-raised the signal: stopping is how serving ends.
        say("serve", "stopped")


def _serve_workers(settings: Settings) -> None:
    """HIRAKU_WORKERS processes on one socket (uvicorn's supervisor restarts one that dies). Each builds its app
    from the environment (see _workers_refused)."""
    say("serve", f"{settings.workers} worker processes on http://{settings.host}:{settings.port}/graphql")
    uvicorn.run("cli.main:worker_app", factory=True, workers=settings.workers, **_server_options(settings))


def worker_app() -> Starlette:
    """The app of one worker process."""
    app = create_app(Settings.from_environ())
    _tune_garbage_collector()
    return app


def _server_options(settings: Settings) -> dict[str, Any]:
    return dict(
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        log_config=log_config(settings.log_level),
        # Beyond this many open connections and requests, uvicorn answers 503 at once (SECURITY.md, item 32).
        limit_concurrency=settings.limit_concurrency,
        timeout_keep_alive=KEEP_ALIVE_S,
        # The C event loop and HTTP parser (chosen by the benchmark, bench/RESULTS.md), the parser with bounds on
        # request heads and connections per client.
        loop="uvloop",
        http="api.http_protocol:GuardedHttpProtocol",
        # The app reads X-Forwarded-For itself (api/app.py); the protocol leaves the proxies' connections uncounted.
        proxy_headers=False,
        forwarded_allow_ips=settings.forwarded_allow_ips if settings.trust_proxy else "",
    )


def _tune_garbage_collector() -> None:
    """Objects made at start-up (the schema, the app, the imported modules) stay for good: freeze them, so that
    the collector does not go through them again at every full collection. The thresholds stay the default:
    raising them (e.g. to 50,000) gave the nested query 13.7 instead of 12.8 req/s but let memory grow from 110 to
    330 MiB at 64 clients; the execution limit (HIRAKU_MAX_EXECUTIONS) did more for speed (bench/RESULTS.md)."""
    gc.freeze()


def db_migrate(settings: Settings, args: argparse.Namespace) -> int:
    with database(settings) as dsn:
        migrate_database(settings, dsn)
    return 0


def data_fetch(settings: Settings, args: argparse.Namespace) -> int:
    fetched = fetch_sources(settings)
    return 0 if all(r.available for r in fetched) else 1


def data_load(settings: Settings, args: argparse.Namespace) -> int:
    fetched = fetch_sources(settings)
    with database(settings) as dsn:
        migrate_database(settings, dsn)
        load_data(settings, dsn, fetched, force=args.force)
    return 0


def data_import(settings: Settings, args: argparse.Namespace) -> int:
    """The file is read and checked before the database is touched: a bad file changes nothing and starts nothing."""
    if not import_file_readable(args.file):
        return 1
    fetched = fetch_sources(settings)
    values = check_observations(fetched, args.file)
    with database(settings) as dsn:
        migrate_database(settings, dsn)
        import_observations(settings, dsn, fetched, args.file, values)
    return 0


def data_import_catalog(settings: Settings, args: argparse.Namespace) -> int:
    if not import_file_readable(args.file):
        return 1
    fetched = fetch_sources(settings)
    check_catalog(fetched, args.file)
    with database(settings) as dsn:
        migrate_database(settings, dsn)
        import_catalog(settings, dsn, fetched, args.file)
    return 0


def data_check(settings: Settings, args: argparse.Namespace) -> int:
    """Validate the curated files and the sources without touching a database."""
    fetched = fetch_sources(settings)
    with timed("check", "curated report data") as details:
        report = read_report(args.report_dir)
        summary = check_report(report)
        read_search_aids(report, args.report_dir)
        details.append(", ".join(f"{n} {what}" for what, n in summary.items()))
    return 0 if all(r.available for r in fetched) else 1


def print_schema(settings: Settings, args: argparse.Namespace) -> int:
    try:
        print(build_schema().as_str(), flush=True)
    except BrokenPipeError:
        # The reader stopped early (`hiraku schema | head`). Python's documented recipe: standard output goes to
        # devnull, so that flushing it at exit raises no second error. The status is 0: the schema (38 KB) fits in
        # a pipe's buffer, so whether a reader's early stop is noticed at all depends on timing: a script under
        # `set -o pipefail` gets the same status every time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hiraku", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="command")
    commands.add_parser("run", help="fetch, migrate, load if changed, and serve").set_defaults(command=run)
    commands.add_parser("serve", help="serve the API (no set-up)").set_defaults(command=serve)
    commands.add_parser("schema", help="print the GraphQL schema (SDL)").set_defaults(command=print_schema)

    db = commands.add_parser("db", help="database commands").add_subparsers(required=True, metavar="command")
    db.add_parser("migrate", help="apply pending migrations (idempotent)").set_defaults(command=db_migrate)

    data = commands.add_parser("data", help="data commands").add_subparsers(required=True, metavar="command")
    data.add_parser("fetch", help="fetch and verify the pinned sources").set_defaults(command=data_fetch)
    load = data.add_parser("load", help="load everything available in one transaction, if it changed")
    load.add_argument("--force", action="store_true", help="load even when the version is unchanged")
    load.set_defaults(command=data_load)
    imports = data.add_parser("import", help="import a file of new values").add_subparsers(
        required=True, metavar="kind"
    )
    observations = imports.add_parser("observations", help="a long-format CSV (see docs/import-observations.md)")
    observations.add_argument("file", type=Path, help="the CSV file")
    observations.set_defaults(command=data_import)
    catalogue = imports.add_parser("catalogue", help="entries of a catalogue, as CSV (see docs/import-catalogue.md)")
    catalogue.add_argument("file", type=Path, help="the CSV file")
    catalogue.set_defaults(command=data_import_catalog)
    check = data.add_parser("check", help="validate the curated report data and the sources")
    check.add_argument("--report-dir", type=Path, default=REPORT_DIR, help="curated files to check (default: seeds)")
    check.set_defaults(command=data_check)
    return parser


if __name__ == "__main__":
    sys.exit(main())
