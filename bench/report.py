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


def ratio(cell: Cell, cells: Sequence[Cell], reference: str = REFERENCE) -> float | None:
    """req/s over the reference server's for the same query and clients (its same variant, else its fixed one)."""
    other = counterpart(cells, reference, cell.query, cell.variant, cell.clients)
    return cell.rps / other.rps if other and other.rps else None


def counterpart(cells: Sequence[Cell], server: str, query: str, variant: str, clients: int) -> Cell | None:
    """The server's cell for the query, variant and clients; else its fixed one (the ceiling serves fixed answers
    only, and a changing variant does the same work per request as the fixed one)."""
    for wanted in (variant, "fixed"):
        for other in cells:
            if (other.server, other.query, other.clients, other.variant) == (server, query, clients, wanted):
                return other
    return None


def markdown(meta: Mapping[str, Any], cells: Sequence[Cell]) -> str:
    machine, versions = meta["machine"], meta["versions"]
    lines = [
        f"# hiraku benchmark, {meta['date']}",
        "",
        f"- command: `{meta['command']}` ({meta['duration_s']:.0f} s in all)",
        f"- machine: {machine['nproc']} CPUs (nproc), {machine['cpu']}, {machine['ram_gib']:.1f} GiB RAM; "
        f"load average at the start {machine['loadavg_start']}",
        "- versions: " + ", ".join(f"{name} {version}" for name, version in versions.items()),
        *(
            f"- {name} data ({data['database']}), version {data['version']}: "
            + ", ".join(f"{n:,} {what}" for what, n in data["counts"].items())
            for name, data in meta["datasets"].items()
        ),
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
        "Per query and clients: hiraku with its response cache off (uncached) and on (cached), PostGraphile (PG) and "
        "the ceiling (a fixed answer: its fixed cell stands for the changing variant too).",
        "",
        *summary(cells),
        "",
        "Every cell:",
        "",
    ]
    lines += [
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


def summary(cells: Sequence[Cell]) -> list[str]:
    """One row per query, variant and clients: the four servers side by side, and hiraku's ratios."""
    heads = [
        "query", "variant", "clients", "uncached req/s", "cached req/s", "PG req/s", "ceiling req/s",
        "uncached ÷ PG", "cached ÷ PG", "uncached ÷ ceiling", "p50/p99 ms uncached", "p50/p99 ms cached",
        "p50/p99 ms PG", "peak RSS MiB uncached", "peak RSS MiB cached", "peak RSS MiB PG",
    ]  # fmt: skip
    lines = ["| " + " | ".join(heads) + " |", "| --- | --- |" + " ---: |" * (len(heads) - 2)]
    shapes = dict.fromkeys((c.query, c.variant, c.clients) for c in cells if c.server != "ceiling")
    for query, variant, clients in shapes:
        measured = [_cell(cells, server, query, variant, clients) for server in ("hiraku-nocache", "hiraku-cache")]
        uncached, cached = measured
        postgraphile = counterpart(cells, REFERENCE, query, variant, clients)
        ceiling = counterpart(cells, "ceiling", query, variant, clients)
        measured.append(postgraphile)
        lines.append(
            f"| {query} | {variant} | {clients} | "
            + " | ".join(_rps(c) for c in (*measured, ceiling))
            + f" | {_times(uncached, postgraphile)} | {_times(cached, postgraphile)} | {_times(uncached, ceiling)} | "
            + " | ".join(_latency(c) for c in measured)
            + " | "
            + " | ".join("" if c is None else f"{c.peak_rss_mib:.0f}" for c in measured)
            + " |"
        )
    return lines


def _cell(cells: Sequence[Cell], server: str, query: str, variant: str, clients: int) -> Cell | None:
    return next(
        (c for c in cells if (c.server, c.query, c.variant, c.clients) == (server, query, variant, clients)), None
    )


def as_json(meta: Mapping[str, Any], cells: Sequence[Cell]) -> str:
    rows = [{**dataclasses.asdict(cell), "vs_postgraphile": ratio(cell, cells)} for cell in cells]
    return json.dumps({**meta, "cells": rows}, ensure_ascii=False, indent=2) + "\n"


def _rps(cell: Cell | None) -> str:
    return "" if cell is None else f"{cell.rps:,.0f}"


def _times(cell: Cell | None, reference: Cell | None) -> str:
    if cell is None or reference is None or not reference.rps:
        return ""
    times = cell.rps / reference.rps
    # Two significant digits for the small ratios to the ceiling.
    return f"{times:.2f}×" if times >= 0.1 else f"{times:.3f}×"


def _latency(cell: Cell | None) -> str:
    return "" if cell is None else f"{_ms(cell.p50_ms)} / {_ms(cell.p99_ms)}"


def _ms(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"
