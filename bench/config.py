"""What a `make bench` run measures, read from BENCH_* environment variables (see bench/run.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bench.servers import SERVERS
from bench.workloads import QUERIES, VARIANTS, BenchError

QUERY_NAMES = tuple(q.name for q in QUERIES)


@dataclass(frozen=True)
class Config:
    seconds: int
    warmup: int
    clients: tuple[int, ...]
    servers: tuple[str, ...]
    queries: tuple[str, ...]
    variants: tuple[str, ...]

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Config:
        only = _names(environ.get("BENCH_ONLY", ""))
        unknown = [name for name in only if name not in (*SERVERS, *QUERY_NAMES, *VARIANTS)]
        if unknown:
            raise BenchError(
                f"BENCH_ONLY: unknown {', '.join(unknown)}; name servers ({', '.join(SERVERS)}), queries "
                f"({', '.join(QUERY_NAMES)}) or variants ({', '.join(VARIANTS)})"
            )
        return cls(
            seconds=_number(environ, "BENCH_SECONDS", 10),
            warmup=_number(environ, "BENCH_WARMUP", 2),
            clients=tuple(int(c) for c in _names(environ.get("BENCH_CLIENTS", "16,64"))),
            servers=_chosen(environ, "BENCH_SERVERS", SERVERS, only),
            queries=_chosen(environ, "BENCH_QUERIES", QUERY_NAMES, only),
            variants=_chosen(environ, "BENCH_VARIANTS", VARIANTS, only),
        )


def _names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def _number(environ: Mapping[str, str], name: str, default: int) -> int:
    """Whole seconds: wrk takes no fractions."""
    text = environ.get(name, str(default))
    if not text.isdigit():
        raise BenchError(f"{name} must be a whole number of seconds, got {text!r}")
    return int(text)


def _chosen(environ: Mapping[str, str], variable: str, known: Sequence[str], only: Sequence[str]) -> tuple[str, ...]:
    """The names given by `variable`, else those of BENCH_ONLY of this kind, else all; in the canonical order."""
    asked = _names(environ.get(variable, "")) or [name for name in only if name in known] or list(known)
    unknown = [name for name in asked if name not in known]
    if unknown:
        raise BenchError(f"{variable}: unknown {', '.join(unknown)}; known: {', '.join(known)}")
    return tuple(name for name in known if name in asked)
