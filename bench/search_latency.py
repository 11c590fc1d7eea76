"""Latency of `search` against a running hiraku, one client, sequential requests; prints p50, p90, p99.

Usage: .venv/bin/python bench/search_latency.py [URL] [REQUESTS]   (default http://127.0.0.1:8000/graphql, 500)
Run `make run` first. The numbers are wall-clock times seen by the client, including HTTP and JSON.
"""

from __future__ import annotations

import statistics
import sys
import time

import httpx

TERMS = [
    "防災",
    "ぼうさい",
    "ボウサイ",
    "ﾎﾞｳｻｲ",
    "マイナ",
    "まいなぽーたる",
    "e-Gov",
    "gss",
    "教育",
    "口座",
    "%",
    "2023年度",
    "bousai",
    "mynaportal",
    "my number card",
    "AI",
    "sapporo",
    "引っ越し",
    "書面揭示",
    "マイナ保険証",
    "オールハンズ",
    "マイナポータk",
]
QUERY = "query($q: String!) { search(query: $q, first: 20) { totalCount nodes { kind title node { id } } } }"


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/graphql"
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    timings: list[float] = []
    with httpx.Client(timeout=10) as client:
        for i in range(requests + 50):
            started = time.perf_counter()
            response = client.post(url, json={"query": QUERY, "variables": {"q": TERMS[i % len(TERMS)]}})
            elapsed = time.perf_counter() - started
            response.raise_for_status()
            if "errors" in response.json():
                raise SystemExit(response.text)
            if i >= 50:  # the first requests open connections and warm caches
                timings.append(elapsed * 1000)
    q = statistics.quantiles(timings, n=100)
    summary = f"p50 {q[49]:.1f} ms, p90 {q[89]:.1f} ms, p99 {q[98]:.1f} ms"
    print(f"search: {len(timings)} requests over {len(TERMS)} terms: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
