"""What a cell costs besides time: SQL statements (pg_stat_statements), peak memory, hiraku's own counters."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import asyncpg
import httpx

from bench.dataset import bench_sql
from bench.workloads import BenchError

SETTLE_TIMEOUT_S = 30.0
# A process using less than this share of a core (timers, garbage collection) counts as idle.
IDLE_SHARE = 0.05


class StatementCounter:
    """Statements executed in one database, read from a superuser connection to another database (`postgres`)
    so that the reset and the reading are not counted themselves."""

    def __init__(self, conn: asyncpg.Connection, database: str) -> None:
        self.conn = conn
        self.database = database

    @classmethod
    async def connect(cls, admin_dsn: str, database: str) -> StatementCounter:
        return cls(await asyncpg.connect(admin_dsn), database)

    async def reset(self) -> None:
        await self.conn.execute(bench_sql("stat_statements_reset"), self.database)

    async def calls(self) -> int:
        calls: int = await self.conn.fetchval(bench_sql("stat_statements_calls"), self.database)
        return calls

    async def close(self) -> None:
        await self.conn.close()


async def settle(pid: int, timeout_s: float = SETTLE_TIMEOUT_S) -> None:
    """Wait until the process is idle: requests still in flight when wrk stopped are done (their work would
    otherwise land in the next cell)."""
    interval = 0.2
    deadline = time.monotonic() + timeout_s
    quiet = 0
    used = _cpu_seconds(pid)
    while quiet < 2 and time.monotonic() < deadline:
        await asyncio.sleep(interval)
        previous, used = used, _cpu_seconds(pid)
        quiet = quiet + 1 if used - previous < IDLE_SHARE * interval else 0


def _cpu_seconds(pid: int) -> float:
    # Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    fields = _proc(pid, "stat").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reset_peak_rss(pid: int) -> None:
    """Set the process's high-water mark (VmHWM) back to its current RSS."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except FileNotFoundError as error:
        raise BenchError(f"the server (process {pid}) has exited") from error


def peak_rss_mib(pid: int) -> float:
    for line in _proc(pid, "status").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no VmHWM in /proc/{pid}/status")


async def hiraku_counters(client: httpx.AsyncClient) -> dict[str, float]:
    """hiraku's Prometheus counters that tell what a cell did: statements sent (all purposes summed, under
    `db_queries_total`) and the response cache's results (`hiraku_response_cache_total{result="hit"}`, …)."""
    response = await client.get("/metrics")
    counters: dict[str, float] = {}
    for line in response.text.splitlines():
        name, _, value = line.rpartition(" ")
        if line.startswith("db_queries_total"):
            counters["db_queries_total"] = counters.get("db_queries_total", 0.0) + float(value)
        elif line.startswith("hiraku_response_cache_total{"):
            counters[name] = float(value)
    return counters


def _proc(pid: int, name: str) -> str:
    try:
        return Path(f"/proc/{pid}/{name}").read_text()
    except FileNotFoundError as error:
        raise BenchError(f"the server (process {pid}) has exited") from error
