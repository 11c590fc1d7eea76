"""wrk runs: a generated Lua script that POSTs one body or cycles through many, and the summary it reports."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

from bench.workloads import BenchError

WRK = "/usr/bin/wrk"
THREADS = 2
# As long as hiraku's own request timeout: a slower answer counts as an error, not as a latency.
TIMEOUT = "10s"
MARKER = "BENCH_JSON "

# Each of wrk's threads has its own Lua state: `setup` numbers them so that they start at different bodies.
LUA = """\
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local bodies = {
%(bodies)s
}
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end
local i = 0
function init(args)
  i = (offset or 0) * math.floor(#bodies / %(threads)d)
end
function request()
  i = i %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '%(marker)s{"requests":%%d,"duration_us":%%d,"bytes":%%d,"connect":%%d,"read":%%d,"write":%%d,'
    .. '"status":%%d,"timeout":%%d,"p50_us":%%d,"p90_us":%%d,"p99_us":%%d,"max_us":%%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    bytes: int
    non_2xx: int
    socket_errors: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def lua_script(bodies: list[bytes]) -> str:
    """A script sending the bodies in turn (one body: the same request every time)."""
    texts = [b.decode() for b in bodies]
    level = 0
    while any(f"]{'=' * level}]" in text for text in texts):
        level += 1
    quote_open, quote_close = f"[{'=' * level}[", f"]{'=' * level}]"
    lines = ",\n".join(f"  {quote_open}{text}{quote_close}" for text in texts)
    return LUA % {"bodies": lines, "threads": THREADS, "marker": MARKER}


async def run_wrk(url: str, script: Path, connections: int, seconds: int) -> WrkResult:
    argv = [WRK, f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", TIMEOUT]
    process = await asyncio.create_subprocess_exec(
        *argv, "-s", str(script), url, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        out, err = await process.communicate()
    except asyncio.CancelledError:
        process.kill()
        await process.wait()
        raise
    text = out.decode(errors="replace")
    lines = [line for line in text.splitlines() if line.startswith(MARKER)]
    if process.returncode != 0 or not lines:
        raise BenchError(f"wrk failed ({process.returncode}): {err.decode(errors='replace')}{text}")
    raw = json.loads(lines[-1][len(MARKER) :])
    return WrkResult(
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        bytes=raw["bytes"],
        non_2xx=raw["status"],
        socket_errors=raw["connect"] + raw["read"] + raw["write"] + raw["timeout"],
        p50_ms=raw["p50_us"] / 1000,
        p90_ms=raw["p90_us"] / 1000,
        p99_ms=raw["p99_us"] / 1000,
        max_ms=raw["max_us"] / 1000,
    )
