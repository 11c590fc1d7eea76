"""What each layer of hiraku's `POST /graphql` costs per request: every ASGI middleware of api/app.py, the route's
HttpCache and ResponseCache, Starlette's own layers and the Strawberry view.

Usage: .venv/bin/python -m bench.middleware_costs [--requests 2000] [--uncached 200] [--rounds 11]

The app is built by api.app.create_app over the synthetic bench database (the one bench/run.py builds), once per
variant: as served, with one layer taken out, or cut down to the view. Requests go in-process, one after another,
straight to the ASGI callable (no socket, no uvicorn), so that the difference between two variants is the layer's
own cost rather than the noise of a busy machine. Cost = CPU time of this process per request (PostgreSQL's work is
another process's), the least over rounds in which the variants take turns in a random order (what a busy machine
adds is never negative). The request is `lookup` (one municipality and its prefecture), answered from the response
cache (cached) and executed (uncached: cache off); `{ __typename }` through the view alone shows what the view
costs around an execution that reads nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import cast

import asyncpg
import uvloop
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Scope

from api.app import create_app
from api.caching import HttpCache
from api.http_errors import PlainRefusals
from api.ratelimit import RateLimit
from api.response_cache import ResponseCache
from api.settings import Settings
from api.timeout import RequestTimeout
from bench import ceiling
from bench.dataset import DATABASE, bench_cluster, bench_sql, ensure_dataset, start_cluster
from bench.run import CODE_STEP
from bench.variables import fixed_variables
from bench.workloads import QUERIES, BenchError, Keys, body, check_answer

QUERY = next(q for q in QUERIES if q.name == "lookup")
TYPENAME = body("{ __typename }", {})
HEADERS = [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"), (b"accept", b"application/json")]
# No answer fits in a cache this small: every request is a miss that computes its key and copies the answer.
NEVER_KEPT_BYTES = 16
MIDDLEWARE = (CORSMiddleware, RequestTimeout, PlainRefusals, RequestBodyLimitMiddleware)

Shape = Callable[[Starlette], ASGIApp]


@dataclass
class Variant:
    name: str
    cached: bool
    shape: Shape
    # Another request than the lookup.
    request: bytes | None = None
    app: ASGIApp | None = None
    scope: Scope = field(default_factory=dict)
    cpu_us: list[float] = field(default_factory=list)
    wall_us: list[float] = field(default_factory=list)


def as_served(app: Starlette) -> ASGIApp:
    return app


def without(layer: type) -> Shape:
    def shape(app: Starlette) -> ASGIApp:
        app.user_middleware = [m for m in app.user_middleware if cast(object, m.cls) is not layer]
        return app

    return shape


def with_rate_limit(app: Starlette) -> ASGIApp:
    """As api/app.py adds it when HIRAKU_RATE_LIMIT is set (second, after CORS), with a limit never reached."""
    app.user_middleware.insert(1, Middleware(RateLimit, rate=1e9, burst=1_000_000_000, trust_forwarded=False))
    return app


def without_http_cache(app: Starlette) -> ASGIApp:
    route = _graphql_route(app)
    route.app = _http_cache(app).app
    return app


def with_response_cache_missing(app: Starlette) -> ASGIApp:
    http_cache = _http_cache(app)
    http_cache.app = ResponseCache(http_cache.app, max_bytes=NEVER_KEPT_BYTES)
    return app


def starlette_and_view(app: Starlette) -> ASGIApp:
    """Starlette's own layers (server errors, exceptions, routing) and the view; none of hiraku's middleware."""
    app.user_middleware = []
    return without_http_cache(app)


def view_only(app: Starlette) -> ASGIApp:
    """The Strawberry view (behind the response cache when the app has one), called as Starlette's route would."""
    return _http_cache(app).app


def _graphql_route(app: Starlette) -> Route:
    return next(r for r in app.routes if isinstance(r, Route) and r.path == "/graphql")


def _http_cache(app: Starlette) -> HttpCache:
    inner = _graphql_route(app).app
    if not isinstance(inner, HttpCache):
        raise TypeError(f"/graphql is served by {inner!r}, not by an HttpCache")
    return inner


def variants() -> list[Variant]:
    chosen = []
    for cached in (True, False):
        chosen.append(Variant("as served", cached, as_served))
        chosen += [Variant(f"without {layer.__name__}", cached, without(layer)) for layer in MIDDLEWARE]
        chosen.append(Variant("without HttpCache", cached, without_http_cache))
        chosen.append(Variant("Starlette and the view only", cached, starlette_and_view))
        chosen.append(Variant("the view only", cached, view_only))
    chosen.append(Variant("the view only, `{ __typename }`", False, view_only, TYPENAME))
    chosen.append(Variant("with RateLimit (off by default)", False, with_rate_limit))
    chosen.append(Variant("with a ResponseCache that keeps nothing", False, with_response_cache_missing))
    return chosen


def request_scope(request: bytes, app: Starlette) -> Scope:
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.4"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "root_path": "",
        "query_string": b"",
        "headers": [*HEADERS, (b"content-length", str(len(request)).encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        # What Starlette's own __call__ sets before the route; the view alone needs it for the pool.
        "app": app,
    }


async def call(app: ASGIApp, scope: Scope, request: bytes) -> bytes:
    """One request, as uvicorn would pass it; the answer's body."""
    received = False
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal received
        if received:
            await asyncio.Event().wait()  # the client stays connected until the answer is sent
        received = True
        return {"type": "http.request", "body": request, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(dict(scope, state={}), receive, send)
    return b"".join(chunks)


async def run_rounds(chosen: list[Variant], request: bytes, n: int, n_uncached: int, rounds: int) -> None:
    """`rounds` measured rounds after one that warms every variant up; the variants take turns within each."""
    for round_ in range(rounds + 1):
        # A different order each round, so that no variant always follows the same one (caches, collections).
        for variant in random.sample(chosen, len(chosen)):
            assert variant.app is not None  # noqa: S101
            scope, sent = variant.scope, variant.request or request
            times = n if variant.cached else n_uncached
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(times):
                await call(variant.app, scope, sent)
            if round_:
                variant.cpu_us.append((time.process_time() - cpu) / times * 1e6)
                variant.wall_us.append((time.perf_counter() - wall) / times * 1e6)


async def main(n: int, n_uncached: int, rounds: int) -> str:
    cluster = bench_cluster()
    try:
        await start_cluster(cluster)
        await ensure_dataset(cluster)
        conn = await asyncpg.connect(cluster.dsn(DATABASE))
        codes = [row["code"] for row in await conn.fetch(bench_sql("municipality_codes"), CODE_STEP)]
        await conn.close()
        request = body(QUERY.document("hiraku"), fixed_variables(QUERY, "hiraku", Keys(codes, {})))
        environ = {"DATABASE_URL": cluster.dsn(DATABASE), "HIRAKU_LOG_LEVEL": "warning"}
        chosen = variants()
        async with AsyncExitStack() as stack:
            for variant in chosen:
                mb = "64" if variant.cached else "0"
                app = create_app(Settings.from_environ({**environ, "HIRAKU_RESPONSE_CACHE_MB": mb}))
                await stack.enter_async_context(app.router.lifespan_context(app))
                # Read now rather than by the lifespan's task: the response cache keeps nothing without it.
                await app.state.dataset_version.check()
                variant.app = variant.shape(app)
                variant.scope = request_scope(variant.request or request, app)
                answer = await call(variant.app, variant.scope, variant.request or request)
                if variant.request is None:
                    check_answer(QUERY, variant.name, answer)
                elif answer != b'{"data":{"__typename":"Query"}}':
                    raise BenchError(f"{variant.name} answered {answer!r}")
            answer = await call(app, chosen[0].scope, request)
            fixed = Variant(
                "fixed answer (bench/ceiling.py)", True, as_served, app=ceiling.create_app({request: answer})
            )
            fixed.scope = request_scope(request, app)
            chosen.append(fixed)
            gc.freeze()
            await run_rounds(chosen, request, n, n_uncached, rounds)
    finally:
        cluster.stop()
    return table(chosen)


def table(chosen: list[Variant]) -> str:
    lines = [
        "| request | variant | CPU µs/request | wall µs/request | layer's cost, µs (as served − variant) |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for cached in (True, False):
        served = next(v for v in chosen if v.cached == cached and v.name == "as served")
        base = min(served.cpu_us)
        for variant in (v for v in chosen if v.cached == cached):
            cpu = min(variant.cpu_us)
            cost = "" if variant is served else f"{base - cpu:+.0f}"
            lines.append(
                f"| {'cached' if cached else 'uncached'} | {variant.name} | {cpu:.0f} | "
                f"{statistics.median(variant.wall_us):.0f} | {cost} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="cached requests per variant and round")
    parser.add_argument("--uncached", type=int, default=200, help="uncached requests per variant and round")
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    # uvloop, as `hiraku serve` runs.
    sys.stdout.write(uvloop.run(main(args.requests, args.uncached, args.rounds)))
