"""Soak test: mixed valid and hostile traffic at 64 concurrent clients for 5 minutes against a running hiraku.

Usage: .venv/bin/python bench/soak.py --pid PID [--url http://127.0.0.1:8000] [--seconds 300] [--clients 64]
Start the server first (e.g. `HIRAKU_LOG_LEVEL=warning make run`) and give its process id for memory readings.
Reports requests served, answers by kind (HTTP status and error code), latency p50/p99, and the server's RSS at
the start, after a 20 s warm-up, and at the end. A third of the requests are hostile: half of them documents that
break the API's limits, half the probes of the second attack round (PROBES: fragment chains, cost bypasses,
introspection walks, odd operation names, deep variables, repeated parameters, distinct extensions and persisted
queries to fill memory, bad map and chart parameters). Traffic goes to the given loopback URL only.
"""

# ruff: noqa: S311 (random picks a traffic mix, not a secret)

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

VALID = [
    "{ initiatives(first: 20) { nodes { title focusArea { name } } } }",
    '{ metric(slug: "mynaportal-registered-users") { latest { value source { attribution } } } }',
    '{ municipality(areaCode: "011002") { name observations(metric: "mynumber-card-issued-soumu", last: 12) '
    "{ nodes { date value } } } }",
    '{ search(query: "ぼうさい", first: 10) { nodes { title } } }',
    "{ municipalities(first: 100, filter: {kind: VILLAGE}) { nodes { name population } } }",
    "{ initiatives(first: 40) { nodes { metrics(first: 10) { nodes { latest { value } "
    "observations(last: 12) { nodes { value } } } } } } }",
]
HOSTILE = [
    "{ " + " ".join(f"a{i}: __typename" for i in range(30)) + " }",
    "{ initiatives(first: 100) { nodes { metrics(first: 100) { nodes { observations(first: 100) "
    "{ nodes { value } } } } } } }",
    "query { " + "__typename " * 2000 + "}",
    "{ datasetz }",
    "{ initiatives(first: 1000000) { totalCount } }",
    "fragment A on Query { ...B } fragment B on Query { ...A } { ...A }",
    '{ search(query: "' + "%" * 99 + '") { totalCount } }',
    '{ metric(slug: "\' OR 1=1 --") { name } }',
    '{ municipality(areaCode: "011003") { name } }',
]


# Requests beyond a GraphQL document, each a probe of issue 15 (the second attack round): they must be refused (or
# answered) with a 4xx and a code, cost little, and leave the memory flat however many distinct ones arrive.
def _fragment_chain(length: int) -> str:
    spreads = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(length))
    return f"query B {{ ...F0 }} {spreads} fragment F{length} on Query {{ __typename }}"


def _deep(depth: int) -> str:
    return '{"query": "query($v: JSON) { __typename }", "variables": {"v": ' + "[" * depth + "]" * depth + "}}"


PROBES: list[Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]] = [
    lambda http: http.post("/graphql", json={"query": _fragment_chain(30)}),
    lambda http: http.post(
        "/graphql",
        json={
            "query": "query($n: Int!) { initiatives(first: $n) { nodes { metrics(first: $n) { nodes { "
            "observations(first: $n) { nodes { value } } } } } } }",
            "variables": {"n": 100.0},
        },
    ),
    lambda http: http.post(
        "/graphql",
        json={
            "query": "{ " + " ".join(f"s{i}: __schema {{ types {{ fields {{ name }} }} }}" for i in range(20)) + " }"
        },
    ),
    lambda http: http.post(
        "/graphql", json={"query": "{ __typename }", "operationName": random.choice([5, True, ["a"]])}
    ),
    lambda http: http.post("/graphql", content=_deep(30_000), headers={"content-type": "application/json"}),
    lambda http: http.get("/graphql?query={__typename}&query={initiatives(first:1){totalCount}}"),
    # A distinct unread extension each time: the response cache must not grow past its budget by them.
    lambda http: http.post("/graphql", json={"query": "{ __typename }", "extensions": {"n": random.random()}}),
    # A new persisted query each time, 16 KiB of text: persisted queries are bounded by bytes.
    lambda http: http.post(
        "/graphql",
        json={
            "query": "{ __typename }" + " " * 16_000 + f"# {random.random()} 🙂",
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}},
        },
    ),
    lambda http: http.get("/maps/%00.svg"),
    lambda http: http.get("/maps/mynumber-card-issued-rate-soumu.svg?date=2022-W52-6"),
    lambda http: http.get("/charts/mynumber-card-issued-rate-soumu.svg?area=" + ",".join(["13"] * 9)),
    lambda http: http.get("/export/observations.csv?metric=%27%20OR%201=1"),
]


async def client(url: str, until: float, stats: Counter[str], latencies: list[float]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        while time.monotonic() < until:
            hostile = random.random() < 0.3
            probe = hostile and random.random() < 0.5  # half of the hostile requests are probes
            query = random.choice(HOSTILE if hostile else VALID)
            started = time.monotonic()
            try:
                if probe:
                    response = await random.choice(PROBES)(http)
                elif random.random() < 0.5:
                    response = await http.get("/graphql", params={"query": query})
                else:
                    response = await http.post("/graphql", json={"query": query})
            except httpx.HTTPError as error:
                stats[f"transport {type(error).__name__}"] += 1
                continue
            latencies.append(time.monotonic() - started)
            stats[_kind(response)] += 1


def _kind(response: httpx.Response) -> str:
    """HTTP status and the first error's code (`ok` without errors; `svg` for a map or chart)."""
    kind = f"HTTP {response.status_code}"
    if response.headers.get("content-type", "").startswith("image/svg"):
        return kind + " svg"
    try:
        errors = response.json().get("errors")
    except ValueError:
        return kind + " not JSON"
    return kind + (f" {errors[0].get('extensions', {}).get('code', 'GRAPHQL_ERROR')}" if errors else " ok")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--clients", type=int, default=64)
    args = parser.parse_args()
    start_rss = rss_mib(args.pid)
    warm: Counter[str] = Counter()
    await asyncio.gather(*(client(args.url, time.monotonic() + 20, warm, []) for _ in range(args.clients)))
    warm_rss = rss_mib(args.pid)
    stats: Counter[str] = Counter()
    latencies: list[float] = []
    until = time.monotonic() + args.seconds
    await asyncio.gather(*(client(args.url, until, stats, latencies) for _ in range(args.clients)))
    end_rss = rss_mib(args.pid)
    q = statistics.quantiles(latencies, n=100)
    served = sum(stats.values())
    report = {
        "seconds": args.seconds,
        "clients": args.clients,
        "requests": served,
        "requests_per_second": round(served / args.seconds, 1),
        "answers": dict(stats.most_common()),
        "p50_ms": round(q[49] * 1000, 1),
        "p99_ms": round(q[98] * 1000, 1),
        "rss_mib": {"start": round(start_rss, 1), "after_warmup": round(warm_rss, 1), "end": round(end_rss, 1)},
        "growth_after_warmup_pct": round((end_rss - warm_rss) / warm_rss * 100, 1),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
