"""The results: one Cell per server × query × variant × clients, as a markdown table and as JSON."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

REFERENCE = "postgraphile"


@dataclass(frozen=True)
class Cell:
    query: str
    variant: str
    server: str
    clients: int
    requests: int
    seconds: float
    warmup_s: int
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    non_2xx: int
    socket_errors: int
    # pg_stat_statements' calls in the bench database over the cell, per request sent.
    statements_per_request: float
    peak_rss_mib: float
    bytes_per_request: float
    distinct_bodies: int
    # hiraku only, from its /metrics: statements it counted itself, and the response cache's hits among requests.
    hiraku_statements_per_request: float | None = None
    cache_hits_per_request: float | None = None


def ratio(cell: Cell, cells: Sequence[Cell]) -> float | None:
    """req/s over PostGraphile's for the same query and clients (its same variant, else its fixed one)."""
    for variant in (cell.variant, "fixed"):
        for other in cells:
            if (other.server, other.query, other.clients, other.variant) == (
                REFERENCE,
                cell.query,
                cell.clients,
                variant,
            ):
                return cell.rps / other.rps if other.rps else None
    return None


def markdown(meta: Mapping[str, Any], cells: Sequence[Cell]) -> str:
    machine, versions, dataset = meta["machine"], meta["versions"], meta["dataset"]
    lines = [
        f"# hiraku benchmark, {meta['date']}",
        "",
        f"- command: `{meta['command']}` ({meta['duration_s']:.0f} s in all)",
        f"- machine: {machine['nproc']} CPUs (nproc), {machine['cpu']}, {machine['ram_gib']:.1f} GiB RAM; "
        f"load average at the start {machine['loadavg_start']}",
        "- versions: " + ", ".join(f"{name} {version}" for name, version in versions.items()),
        f"- data: {dataset['version']}: " + ", ".join(f"{n:,} {what}" for what, n in dataset["counts"].items()),
        f"- each cell: wrk -t2 -cN -d{meta['seconds']}s --latency after a {meta['warmup']} s warm-up, both longer "
        "for slow answers (at least 3 rounds of N answers; `seconds` in results.json); one server at a time, one "
        "process each, wrk on the same cores",
        "- SQL/req: pg_stat_statements calls in the bench database over the cell ÷ requests sent (answered + one "
        "outstanding per connection); RSS: VmHWM of the server process over the cell; errors: non-2xx and socket "
        "errors; vs PG: req/s ÷ PostGraphile's (same query, variant and clients)",
    ]
    hits = [c.cache_hits_per_request for c in cells if c.server == "hiraku-cache" and c.cache_hits_per_request]
    if hits:
        share = f"{min(hits):.0%}" if f"{min(hits):.0%}" == f"{max(hits):.0%}" else f"{min(hits):.0%}–{max(hits):.0%}"
        lines.append(
            f"- hiraku-cache answered {share} of a cell's requests from its response cache (a changing variant "
            "cycles through at most 200 variable sets)"
        )
    lines += [f"- note: {note}" for note in meta.get("notes", [])]
    lines += [
        "",
        "| query | variant | server | clients | req/s | p50 ms | p99 ms | errors | SQL/req | peak RSS MiB | vs PG |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for cell in cells:
        versus = ratio(cell, cells)
        lines.append(
            f"| {cell.query} | {cell.variant} | {cell.server} | {cell.clients} | {cell.rps:,.0f} | "
            f"{_ms(cell.p50_ms)} | {_ms(cell.p99_ms)} | {cell.non_2xx + cell.socket_errors} | "
            f"{cell.statements_per_request:.2f} | {cell.peak_rss_mib:.1f} | "
            f"{'' if versus is None else f'{versus:.2f}×'} |"
        )
    return "\n".join(lines) + "\n"


def as_json(meta: Mapping[str, Any], cells: Sequence[Cell]) -> str:
    rows = [{**dataclasses.asdict(cell), "vs_postgraphile": ratio(cell, cells)} for cell in cells]
    return json.dumps({**meta, "cells": rows}, ensure_ascii=False, indent=2) + "\n"


def _ms(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"
