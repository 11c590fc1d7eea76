"""The `hiraku` command as an operator runs it: one line a step, a URL when ready, a clean stop on Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from api.settings import Settings
from tests.support import throwaway_database

HIRAKU = str(Path(sys.executable).with_name("hiraku"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _environment(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # Reuse the suite's verified source cache so that nothing is downloaded.
    env["HIRAKU_SOURCES_MIRROR"] = str(settings.sources_mirror or settings.data_dir / "sources")
    env.update(extra)
    return env


def _hiraku(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HIRAKU, *args], env=env, capture_output=True, text=True, timeout=60, check=False)


def test_run_serves_and_stops_cleanly_on_ctrl_c(settings: Settings, tmp_path: Path) -> None:
    port = _free_port()
    env = _environment(settings, HIRAKU_DATA_DIR=str(tmp_path / "data"), PORT=str(port), HIRAKU_LOG_LEVEL="warning")
    process = subprocess.Popen([HIRAKU, "run"], env=env, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line.rstrip())
            if "ready: " in line:
                break
        assert lines and "ready: " in lines[-1], lines
        assert lines[-1].startswith(f"hiraku serve     ready: http://127.0.0.1:{port}/graphql")
        response = httpx.post(
            f"http://127.0.0.1:{port}/graphql", json={"query": "{ initiatives(first: 3) { totalCount } }"}
        )
        assert response.json() == {"data": {"initiatives": {"totalCount": 27}}}
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    steps = list(dict.fromkeys(line.split()[1] for line in lines))
    assert steps == ["sources", "database", "migrate", "load", "serve"]
    assert any("27 initiatives" in line and "1788 areas" in line for line in lines)
    assert process.returncode == 0
    assert "embedded PostgreSQL stopped" in rest
    assert not (tmp_path / "data" / "postgres" / "pgdata" / "postmaster.pid").exists()


async def test_load_against_database_url_then_again_is_unchanged(settings: Settings, server_dsn: str) -> None:
    async with throwaway_database(server_dsn) as dsn:
        env = _environment(settings, DATABASE_URL=dsn)
        first = await asyncio.to_thread(_hiraku, ["data", "load"], env)
        assert first.returncode == 0, first.stderr
        assert "3 focus areas, 27 initiatives, " in first.stderr
        assert ", 1788 areas" in first.stderr
        assert "using the server at DATABASE_URL" in first.stderr
        second = await asyncio.to_thread(_hiraku, ["data", "load"], env)
        assert second.returncode == 0, second.stderr
        assert "data: unchanged" in second.stderr
        assert "schema: up to date" in second.stderr


def test_schema_prints_the_sdl() -> None:
    result = subprocess.run([HIRAKU, "schema"], capture_output=True, text=True, timeout=60, check=True)
    assert "type Query {" in result.stdout
    assert "  initiatives(\n" in result.stdout
    assert "type Metric implements Node {" in result.stdout
