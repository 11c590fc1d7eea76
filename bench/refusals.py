"""What a refused request costs the server, next to an answer: CPU time per request of `POST /graphql`.

Usage: .venv/bin/python -m bench.refusals [--requests 300] [--rounds 7]

The app is built by api.app.create_app, as served, and called in-process straight through its ASGI callable (no
socket), one request after another. No database is needed: none of these requests reads data, and the response
cache is told a dataset version by hand. Each request is sent the same way many times, as a hostile client repeats
itself; cost = CPU time of this process per request, the least over rounds in which the requests take turns in a
random order (a busy machine only ever adds).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

import uvloop
from starlette.applications import Starlette

from api.app import create_app
from api.settings import Settings
from bench.middleware_costs import call, request_scope
from schema.limits import MAX_ALIASES, MAX_DEPTH

# Nothing listens there; the pool opens no connection before a request needs one.
ENVIRON = {"DATABASE_URL": "postgresql://hiraku@127.0.0.1:9/hiraku", "HIRAKU_LOG_LEVEL": "critical"}


def chain(fragments: int) -> str:
    """Each fragment spreads the next twice: twice the selections per fragment once spread."""
    definitions = [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(fragments - 1)]
    definitions.append(f"fragment F{fragments - 1} on Query {{ __typename }}")
    return "query Chain { ...F0 } " + " ".join(definitions)


def deep(depth: int) -> str:
    query = "slug"
    for level in range(depth):
        query = f"initiative {{ {query} }}" if level % 2 else f"metrics(first: 1) {{ nodes {{ {query} }} }}"
    return f"{{ {query} }}"


REQUESTS = {
    "answer `{ __typename }`, from the response cache": ("{ __typename }", True),
    "answer `{ __typename }`, executed (response cache off)": ("{ __typename }", False),
    "refused: unknown field `{ datasetz }`": ("{ datasetz }", False),
    "refused: syntax error": ("{ focusAreas { name }", False),
    f"refused: depth {MAX_DEPTH + 1}": (deep(MAX_DEPTH + 1), False),
    f"refused: {MAX_ALIASES + 1} aliases": ("{ " + " ".join(f"a{i}: __typename" for i in range(21)) + " }", False),
    "refused: 200 unknown directives (101 errors)": ("{ __typename " + "@aa " * 200 + "}", False),
    "refused: chain of 12 fragments spread twice each": (chain(12), False),
    "refused: chain of 20 fragments spread twice each": (chain(20), False),
}


@dataclass
class Measured:
    name: str
    request: bytes
    app: Starlette
    cpu_us: list[float] = field(default_factory=list)
    answer: bytes = b""


async def run(n: int, rounds: int, only: str, skip: str) -> str:
    async with AsyncExitStack() as stack:
        apps = {}
        for cached in (True, False):
            app = create_app(Settings.from_environ({**ENVIRON, "HIRAKU_RESPONSE_CACHE_MB": "64" if cached else "0"}))
            await stack.enter_async_context(app.router.lifespan_context(app))
            app.state.dataset_version.current = "bench"
            apps[cached] = app
        chosen = [
            Measured(name, json.dumps({"query": query}).encode(), apps[cached])
            for name, (query, cached) in REQUESTS.items()
            if only in name and not (skip and skip in name)
        ]
        for measured in chosen:
            measured.answer = await call(measured.app, request_scope(measured.request, measured.app), measured.request)
        gc.freeze()
        for round_ in range(rounds + 1):
            for measured in random.sample(chosen, len(chosen)):
                scope = request_scope(measured.request, measured.app)
                gc.collect()
                cpu = time.process_time()
                for _ in range(n):
                    await call(measured.app, scope, measured.request)
                if round_:
                    measured.cpu_us.append((time.process_time() - cpu) / n * 1e6)
    lines = ["| request | CPU µs/request | answer |", "| --- | ---: | --- |"]
    for measured in chosen:
        lines.append(
            f"| {measured.name} | {min(measured.cpu_us):.0f} | {measured.answer[:90].decode(errors='replace')} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests of each kind per round")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="", help="only the requests whose name holds this text")
    parser.add_argument("--skip", default="", help="not the requests whose name holds this text")
    args = parser.parse_args()
    sys.stdout.write(uvloop.run(run(args.requests, args.rounds, args.only, args.skip)))
