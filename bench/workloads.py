"""The measured queries (bench/queries/*.graphql): documents per dialect, request bodies, and answer checks."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

QUERIES_DIR = Path(__file__).parent / "queries"
# hiraku's own documents, or PostGraphile's equivalents (`<name>.postgraphile.graphql`).
DIALECTS = ("hiraku", "postgraphile")
VARIANTS = ("fixed", "changing")
# Different variable sets a changing variant cycles through.
VARIED = 200


class BenchError(RuntimeError):
    """A server, query or answer is not what the benchmark needs; the message says which."""


@dataclass(frozen=True)
class Query:
    """A measured query: its name (the file stem), the nodes per level of a correct answer, which variable the
    changing variant varies (`after`: cursors listed by `<name>.cursors.graphql`; `code`: municipality codes; none:
    the query is measured fixed only), and the dataset it reads (`synthetic` or `real`, see bench/run.py)."""

    name: str
    counts: tuple[int, ...]
    variable: str | None = None
    # Only cursors followed by a full page are used, so that every request does the same work.
    page_size: int = 0
    dataset: str = "synthetic"
    # The metric (slug) the query names: PostGraphile filters observations by the metric's id, given as $metric.
    metric: str | None = None

    def document(self, dialect: str, *, cursors: bool = False) -> str:
        stem = f"{self.name}.cursors" if cursors else self.name
        suffix = "" if dialect == "hiraku" else f".{dialect}"
        return (QUERIES_DIR / f"{stem}{suffix}.graphql").read_text(encoding="utf-8")


QUERIES = (
    Query("first_page", counts=(20,), variable="after", page_size=20),
    Query("lookup", counts=(), variable="code"),
    Query("filtered_page", counts=(100,), variable="after", page_size=100),
    Query("nested", counts=(40, 400, 4800), variable="after", page_size=12),
    # The shapes of issue 14 over the real data (hiraku data load): 27 initiatives, 743 towns, Hokkaido's 179
    # municipalities with 47 dates each of the My Number card rate.
    Query("real_first_page", counts=(20,), dataset="real"),
    Query("real_lookup", counts=(), variable="code", dataset="real"),
    Query("real_filtered_page", counts=(100,), dataset="real"),
    Query("real_nested", counts=(100, 1200), dataset="real", metric="mynumber-card-issued-rate-soumu"),
)
DATASETS = ("synthetic", "real")


@dataclass(frozen=True)
class Keys:
    """What requests name in one loaded dataset: the lookups' municipality codes, and metric ids by slug."""

    codes: list[str]
    metric_ids: dict[str, int]


def body(document: str, variables: Mapping[str, Any]) -> bytes:
    """A POST body as a client library sends it."""
    return json.dumps({"query": document, "variables": dict(variables)}, ensure_ascii=False).encode()


def spread(values: Sequence[str], count: int = VARIED) -> list[str]:
    """At most `count` values, evenly spaced over the list."""
    if len(values) <= count:
        return list(values)
    return [values[i * len(values) // count] for i in range(count)]


def check_answer(query: Query, server: str, raw: bytes) -> None:
    """Raise BenchError unless the answer has data, no errors, no nulls and the expected nodes per level."""
    try:
        answer = json.loads(raw)
    except ValueError as error:
        raise BenchError(f"{server} answered {query.name} with something that is not JSON: {raw[:200]!r}") from error
    if answer.get("errors") or not answer.get("data"):
        raise BenchError(f"{server} answered {query.name} with errors: {json.dumps(answer)[:500]}")
    counts = node_counts(answer["data"])
    if tuple(counts) != query.counts:
        raise BenchError(f"{server} answered {query.name} with {counts} nodes per level, expected {query.counts}")
    if _has_null(answer["data"]):
        raise BenchError(f"{server} answered {query.name} with a null (every field is set in the bench data)")


def node_counts(value: Any, level: int = 0, counts: list[int] | None = None) -> list[int]:
    """How many items the `nodes` lists hold at each nesting level."""
    counts = [] if counts is None else counts
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "nodes" and isinstance(item, list):
                if len(counts) <= level:
                    counts.append(0)
                counts[level] += len(item)
                for node in item:
                    node_counts(node, level + 1, counts)
            else:
                node_counts(item, level, counts)
    elif isinstance(value, list):
        for item in value:
            node_counts(item, level, counts)
    return counts


def _has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_null(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_null(item) for item in value)
    return False


def select(names: Sequence[str]) -> list[Query]:
    return [q for q in QUERIES if q.name in names]
