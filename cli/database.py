"""Which PostgreSQL the command line uses: DATABASE_URL when set, otherwise the embedded server under .data/."""

from __future__ import annotations

import asyncio
import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from api.settings import Settings
from cli.output import say, shown, timed
from db.admin import ensure_database
from db.embedded import EmbeddedCluster

DATABASE_NAME = "hiraku"
# Holds the process id of the server a hiraku command started. A server started any other way (pg_ctl by hand) has
# none, and no hiraku command stops it.
STARTED_BY_HIRAKU = "started-by-hiraku"


class ClusterUsers:
    """The hiraku processes using one embedded server, as locks on two files beside it. Each holds `users.lock`
    shared for as long as it uses the server: the kernel releases it when the process ends, however it ends, and
    an idle API holds it although its pool has no session open (pg_stat_activity would not show it). `turn.lock` is
    held while one process starts the server or decides to stop it, so that two never do either at once."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._turn = (directory / "turn.lock").open("a")
        self._users = (directory / "users.lock").open("a")

    @contextmanager
    def turn(self) -> Iterator[None]:
        fcntl.flock(self._turn, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._turn, fcntl.LOCK_UN)

    def join(self) -> None:
        fcntl.flock(self._users, fcntl.LOCK_SH)

    def alone(self) -> bool:
        """True when no other hiraku process uses the server (asked during one's turn, when leaving: a refused
        upgrade may drop this process's own shared lock)."""
        try:
            fcntl.flock(self._users, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def close(self) -> None:
        self._users.close()
        self._turn.close()


@contextmanager
def database(settings: Settings) -> Iterator[str]:
    """Yield the admin DSN. The embedded server is stopped on the way out, whatever happens, by the last hiraku
    process using it, and only if a hiraku command started it: never under a server that still serves."""
    if settings.database_url is not None:
        say("database", "using the server at DATABASE_URL")
        yield str(settings.database_url)
        return
    cluster = EmbeddedCluster(settings.data_dir / "postgres")
    users = ClusterUsers(cluster.directory)
    try:
        with timed("database", f"embedded PostgreSQL in {shown(cluster.directory)}, Unix socket only") as details:
            with users.turn():
                users.join()
                if cluster.server_pid() is not None:
                    details.append("already running")
                else:
                    if not cluster.initialised:
                        details.append("new cluster")
                    cluster.start()
                    (cluster.directory / STARTED_BY_HIRAKU).write_text(f"{cluster.server_pid()}\n")
            if asyncio.run(ensure_database(cluster.dsn(), DATABASE_NAME)):
                details.append(f"created database {DATABASE_NAME}")
        yield cluster.dsn(DATABASE_NAME)
    finally:
        with users.turn():
            _leave(cluster, users)
        users.close()


def _leave(cluster: EmbeddedCluster, users: ClusterUsers) -> None:
    """Stop the server if this process is the last hiraku process using it and a hiraku command started it."""
    pid = cluster.server_pid()
    if pid is None:
        return
    if not users.alone():
        say("database", "embedded PostgreSQL left running: another hiraku command uses it (the last one stops it)")
        return
    marker = cluster.directory / STARTED_BY_HIRAKU
    if not marker.exists() or marker.read_text().strip() != str(pid):
        say("database", "embedded PostgreSQL left running: it was already running, started outside hiraku")
        return
    with timed("database", "embedded PostgreSQL stopped"):
        cluster.stop()
        marker.unlink()
