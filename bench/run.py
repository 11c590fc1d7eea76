"""`make bench`: hiraku (response cache off and on), PostGraphile v5 and a do-nothing Starlette app (the stack's
ceiling), side by side over the same data (synthetic, and hiraku's real dataset), measured with wrk.

Usage: make bench [BENCH_SECONDS=10] [BENCH_ONLY=nested,postgraphile]   (or .venv/bin/python -m bench.run)

  BENCH_SECONDS   measured seconds per cell (default 10)
  BENCH_WARMUP    seconds of the same load before each cell, not measured (default 2)
  BENCH_CLIENTS   wrk connections, comma-separated (default 16,64)
  BENCH_SERVERS   hiraku-nocache, hiraku-cache, postgraphile, ceiling (default: all)
  BENCH_QUERIES   first_page, lookup, filtered_page, nested (synthetic data), real_first_page, real_lookup,
                  real_filtered_page, real_nested (the real data) (default: all)
  BENCH_VARIANTS  fixed (the same request repeated), changing (variables from a list) (default: both)
  BENCH_ONLY      names of servers, queries or variants mixed: a shorthand for the three above

The data lives in its own embedded cluster (.data/bench/postgres, pg_stat_statements preloaded), in two databases:
  hiraku_bench       synthetic: migrated like hiraku's and filled by bench/sql/data/*.sql; rebuilt only when those
                     scripts or the migrations change.
  hiraku_bench_real  real: migrated, then loaded by hiraku's own loader (what `hiraku data load` does) from the
                     curated seeds and the pinned sources, read from hiraku's cache .data/sources or the mirror
                     HIRAKU_SOURCES_MIRROR (every source must be there), without user imports; rebuilt (about 40 s)
                     only when the loader's inputs change (seeds, migrations, source files).
A database is prepared only when a chosen query reads it (the real_* queries read the real one). For each database
in turn, each server runs alone over it, one process, on a loopback port (hiraku and PostGraphile both connect as
the read-only role hiraku_api); every query and every variable set is checked on it (no errors, expected row
counts) before wrk measures it. Queries with no variable to vary (all real_* ones but real_lookup) are measured
fixed only. The tables go to stdout and .data/bench/results.md, everything to .data/bench/results.json; server logs
are in .data/bench/logs/<dataset>. Servers and the cluster are stopped at the end, on failure and on Ctrl-C too.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import math
import os
import signal
import statistics
import sys
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx

from api.settings import Settings
from bench import servers
from bench.config import Config
from bench.dataset import BENCH_DIR, DATABASE, bench_cluster, bench_sql, ensure_dataset, start_cluster
from bench.machine import command, machine, versions
from bench.real_dataset import REAL_DATABASE, ensure_real_dataset
from bench.report import Cell, as_json, markdown
from bench.stats import StatementCounter, hiraku_counters, peak_rss_mib, reset_peak_rss, settle
from bench.variables import JSON, changing_variables, fixed_variables
from bench.workloads import DATASETS, BenchError, Keys, Query, body, check_answer, select
from bench.wrk import lua_script, run_wrk
from db.embedded import EmbeddedCluster, EmbeddedClusterError

# Every 8th municipality: about 200 lookup keys.
CODE_STEP = 8
# Requests in flight while checking the answers of every variable set.
VERIFY_CONCURRENCY = 4
# A cell lasts at least ROUNDS times the time every connection needs to get one answer (see Bench.durations).
ROUNDS = 3
MAX_CELL_S = 60
MAX_WARMUP_S = 30
CACHE_OFF = (
    "hiraku-nocache answered {hits:.0%} of the requests of a cell from its response cache: the setting that turns "
    "the cache off is not one that bench/servers.py passes"
)


@dataclass(frozen=True)
class Data:
    """One database the servers are pointed at in turn, the queries that read it, and the keys they name."""

    name: str
    database: str
    queries: list[Query]
    keys: Keys


@dataclass(frozen=True)
class Plan:
    """A query in one variant on one server: the bodies wrk sends in turn."""

    query: Query
    variant: str
    bodies: list[bytes]


class Bench:
    def __init__(self, config: Config, cluster: EmbeddedCluster, datasets: list[Data]):
        self.config = config
        self.cluster = cluster
        self.datasets = datasets
        self.cells: list[Cell] = []
        self.notes: list[str] = []
        # hiraku's answers to the fixed requests, which the ceiling serves.
        self.answers: dict[bytes, bytes] = {}

    async def run(self) -> None:
        chosen = self.config.servers
        for data in self.datasets:
            counter = await StatementCounter.connect(self.cluster.dsn(), data.database)
            try:
                if "ceiling" in chosen and not {"hiraku-nocache", "hiraku-cache"} & set(chosen):
                    await self.on(self.server("hiraku-nocache", data), data, counter, measure=False)
                for name in chosen:
                    await self.on(self.server(name, data), data, counter, measure=True)
            finally:
                await counter.close()

    def server(self, name: str, data: Data) -> servers.Server:
        logs = BENCH_DIR / "logs" / data.name
        database = data.database
        if name.startswith("hiraku"):
            return servers.hiraku(name, self.cluster.dsn(database), logs, response_cache=name == "hiraku-cache")
        if name == "postgraphile":
            return servers.postgraphile(self.cluster.dsn(database, user="hiraku_api"), logs)
        answers = BENCH_DIR / "ceiling-answers.json"
        answers.write_text(json.dumps({k.decode(): v.decode() for k, v in self.answers.items()}, ensure_ascii=False))
        return servers.ceiling(answers, logs)

    async def on(self, server: servers.Server, data: Data, counter: StatementCounter, *, measure: bool) -> None:
        say(f"{server.name}: starting on the {data.name} data ({data.database})")
        try:
            await server.start()
            async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
                plans = await self.plans(server, client, data)
                await self.verify(server, client, plans)
                if measure:
                    for plan in plans:
                        for clients in self.config.clients:
                            await self.measure(server, client, plan, clients, counter)
        finally:
            await server.stop()
            say(f"{server.name}: stopped")

    async def plans(self, server: servers.Server, client: httpx.AsyncClient, data: Data) -> list[Plan]:
        plans = []
        keys = data.keys
        for query in data.queries:
            document = query.document(server.dialect)
            for variant in self.config.variants:
                if variant == "fixed":
                    plans.append(Plan(query, variant, [body(document, fixed_variables(query, server.dialect, keys))]))
                elif server.name != "ceiling" and query.variable is not None:
                    sets = await changing_variables(query, server.dialect, client, keys)
                    plans.append(Plan(query, variant, [body(document, v) for v in sets]))
        return plans

    async def verify(self, server: servers.Server, client: httpx.AsyncClient, plans: list[Plan]) -> None:
        """Every body of every plan answers 200 with the expected rows; keep hiraku's fixed answers."""
        limit = asyncio.Semaphore(VERIFY_CONCURRENCY)

        async def check(plan: Plan, request: bytes) -> None:
            async with limit:
                response = await client.post("/graphql", content=request, headers=JSON)
            if response.status_code != 200:
                raise BenchError(f"{server.name} answered {plan.query.name} with HTTP {response.status_code}")
            check_answer(plan.query, server.name, response.content)
            if server.name == "ceiling" and response.content != self.answers[request]:
                raise BenchError(f"the ceiling's answer to {plan.query.name} is not hiraku's")
            if server.name.startswith("hiraku") and plan.variant == "fixed":
                self.answers.setdefault(request, response.content)

        await asyncio.gather(*(check(plan, request) for plan in plans for request in plan.bodies))
        say(f"{server.name}: {sum(len(p.bodies) for p in plans)} requests checked")

    async def measure(
        self, server: servers.Server, client: httpx.AsyncClient, plan: Plan, clients: int, counter: StatementCounter
    ) -> None:
        script = BENCH_DIR / "lua" / f"{server.name}-{plan.query.name}-{plan.variant}.lua"
        script.parent.mkdir(parents=True, exist_ok=True)
        script.write_text(lua_script(plan.bodies), encoding="utf-8")
        url = f"{server.url}/graphql"
        warmup, seconds = await self.durations(client, plan, clients)
        if warmup:
            await run_wrk(url, script, clients, warmup)
        await settle(server.pid)
        hiraku = server.name.startswith("hiraku")
        before = await hiraku_counters(client) if hiraku else {}
        await counter.reset()
        reset_peak_rss(server.pid)
        result = await run_wrk(url, script, clients, seconds)
        await settle(server.pid)
        calls = await counter.calls()
        rss = peak_rss_mib(server.pid)
        after = await hiraku_counters(client) if hiraku else {}
        # wrk keeps one request outstanding per connection: when it stops, `clients` requests have been sent but
        # not counted. Their statements are (the server finished them above), so they count as requests here.
        started = result.requests + clients

        def per_request(name: str) -> float | None:
            return (after[name] - before.get(name, 0)) / started if name in after else None

        cell = Cell(
            query=plan.query.name,
            variant=plan.variant,
            server=server.name,
            clients=clients,
            requests=result.requests,
            seconds=result.seconds,
            warmup_s=warmup,
            rps=result.rps,
            p50_ms=result.p50_ms,
            p90_ms=result.p90_ms,
            p99_ms=result.p99_ms,
            max_ms=result.max_ms,
            non_2xx=result.non_2xx,
            socket_errors=result.socket_errors,
            statements_per_request=calls / started,
            peak_rss_mib=rss,
            bytes_per_request=result.bytes / max(result.requests, 1),
            distinct_bodies=len(plan.bodies),
            hiraku_statements_per_request=per_request("db_queries_total"),
            cache_hits_per_request=per_request('hiraku_response_cache_total{result="hit"}'),
        )
        self.cells.append(cell)
        hits = cell.cache_hits_per_request
        if server.name == "hiraku-nocache" and hits and hits > 0.01:
            self.notes.append(CACHE_OFF.format(hits=hits))
        say(
            f"{server.name:14} {plan.query.name:13} {plan.variant:8} c={clients:<3} {cell.rps:9,.0f} req/s  "
            f"p50 {cell.p50_ms:7.2f} ms  p99 {cell.p99_ms:7.2f} ms  SQL/req {cell.statements_per_request:5.2f}  "
            f"RSS {cell.peak_rss_mib:6.1f} MiB  errors {cell.non_2xx + cell.socket_errors}  ({seconds} s)"
        )

    async def durations(self, client: httpx.AsyncClient, plan: Plan, clients: int) -> tuple[int, int]:
        """Warm-up and measured seconds. One process serves `clients` requests at once, so an answer takes about
        clients × its time alone: a cell lasts at least ROUNDS such rounds (and a warm-up one), else it would
        count the few answers that happen to end inside the window."""
        alone = await single_request_seconds(client, plan.bodies[0])
        warmup = min(MAX_WARMUP_S, max(self.config.warmup, math.ceil(clients * alone))) if self.config.warmup else 0
        seconds = min(MAX_CELL_S, max(self.config.seconds, math.ceil(ROUNDS * clients * alone)))
        return warmup, seconds


async def single_request_seconds(client: httpx.AsyncClient, request: bytes, times: int = 3) -> float:
    """The median time of one request sent alone."""
    spent = []
    for _ in range(times):
        began = time.perf_counter()
        await client.post("/graphql", content=request, headers=JSON)
        spent.append(time.perf_counter() - began)
    return statistics.median(spent)


async def bench(config: Config, cluster: EmbeddedCluster, environ: dict[str, str]) -> str:
    started = time.monotonic()
    date = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    host = machine()
    await start_cluster(cluster)
    queries = select(config.queries)
    datasets: list[Data] = []
    described: dict[str, Any] = {}
    for name in DATASETS:
        chosen = [query for query in queries if query.dataset == name]
        if chosen:
            data, described[name] = await prepare(cluster, name, chosen, environ)
            datasets.append(data)
    postgresql = str(await _fetchval(cluster.dsn(), bench_sql("server_version")))
    run = Bench(config, cluster, datasets)
    await run.run()
    meta: dict[str, Any] = {
        "date": date,
        "command": command(environ),
        "duration_s": time.monotonic() - started,
        "seconds": config.seconds,
        "warmup": config.warmup,
        "clients": list(config.clients),
        "machine": host,
        "versions": versions(postgresql),
        "datasets": described,
        "notes": sorted(set(run.notes)),
    }
    (BENCH_DIR / "results.json").write_text(as_json(meta, run.cells), encoding="utf-8")
    table = markdown(meta, run.cells)
    (BENCH_DIR / "results.md").write_text(table, encoding="utf-8")
    return table


async def prepare(
    cluster: EmbeddedCluster, name: str, queries: list[Query], environ: dict[str, str]
) -> tuple[Data, dict[str, Any]]:
    """Build or reuse the database of one dataset; read the keys its requests name and what it holds."""
    began = time.monotonic()
    if name == "real":
        database = REAL_DATABASE
        version, rebuilt = await ensure_real_dataset(cluster, Settings.from_environ(environ))
    else:
        database = DATABASE
        version, rebuilt = await ensure_dataset(cluster)
    say(f"{name} data: {version} ({'built' if rebuilt else 'unchanged'}, {time.monotonic() - began:.1f} s)")
    conn = await asyncpg.connect(cluster.dsn(database))
    try:
        codes = [row["code"] for row in await conn.fetch(bench_sql("municipality_codes"), CODE_STEP)]
        slugs = sorted({query.metric for query in queries if query.metric})
        metric_ids = {row["slug"]: row["id"] for row in await conn.fetch(bench_sql("metric_ids"), slugs)}
        counts = dict(await conn.fetchrow(bench_sql("dataset_counts")) or {})
    finally:
        await conn.close()
    data = Data(name, database, queries, Keys(codes, metric_ids))
    return data, {"database": database, "version": version, "rebuilt": rebuilt, "counts": counts}


async def _fetchval(dsn: str, query: str) -> object:
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(query)
    finally:
        await conn.close()


def say(message: str) -> None:
    print(f"bench  {message}", file=sys.stderr, flush=True)


def main() -> int:
    environ = dict(os.environ)
    cluster = bench_cluster()
    try:
        config = Config.from_environ(environ)
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        table = asyncio.run(_with_sigterm(bench(config, cluster, environ)))
    except (BenchError, EmbeddedClusterError) as error:
        say(f"FAILED: {error}")
        return 1
    except (KeyboardInterrupt, asyncio.CancelledError):
        say("interrupted")
        return 130
    finally:
        cluster.stop()
        say("servers and the bench cluster stopped")
    print(table, end="")
    return 0


async def _with_sigterm(work: Coroutine[Any, Any, str]) -> str:
    """SIGTERM cancels the run like Ctrl-C does, so that every server is stopped by its owner."""
    task = asyncio.ensure_future(work)
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    result: str = await task
    return result


if __name__ == "__main__":
    sys.exit(main())
