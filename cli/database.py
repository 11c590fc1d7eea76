"""Which PostgreSQL the command line uses: DATABASE_URL when set, otherwise the embedded server under .data/."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

from api.settings import Settings
from cli.output import say, timed
from db.admin import ensure_database
from db.embedded import EmbeddedCluster

DATABASE_NAME = "hiraku"


@contextmanager
def database(settings: Settings) -> Iterator[str]:
    """Yield the admin DSN; an embedded server started here is stopped on the way out, whatever happens."""
    if settings.database_url is not None:
        say("database", "using the server at DATABASE_URL")
        yield str(settings.database_url)
        return
    cluster = EmbeddedCluster(settings.data_dir / "postgres")
    try:
        with timed("database", f"embedded PostgreSQL in {cluster.directory}, Unix socket only") as details:
            if cluster.is_running():
                details.append("already running")
            elif not cluster.initialised:
                details.append("new cluster")
            cluster.start()
            if asyncio.run(ensure_database(cluster.dsn(), DATABASE_NAME)):
                details.append(f"created database {DATABASE_NAME}")
        yield cluster.dsn(DATABASE_NAME)
    finally:
        with timed("database", "embedded PostgreSQL stopped"):
            cluster.stop()
