"""The `hiraku` command as an operator runs it: one line a step, a URL when ready, a clean stop on Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path

from api.settings import Settings
from tests.cli_support import HIRAKU, QUERY, Served, environment, free_port, hiraku
from tests.support import throwaway_database


def test_run_serves_and_stops_cleanly_on_ctrl_c(settings: Settings, tmp_path: Path) -> None:
    port = free_port()
    env = environment(settings, HIRAKU_DATA_DIR=str(tmp_path / "data"), PORT=str(port), HIRAKU_LOG_LEVEL="warning")
    served = Served("run", env)
    try:
        served.ready()
        assert served.lines[-1].startswith(f"hiraku serve     ready: http://127.0.0.1:{port}/graphql")
        assert served.graphql(QUERY) == {"data": {"initiatives": {"totalCount": 27}}}
        ready = len(served.lines)
    finally:
        status = served.stop()
    lines, rest = served.lines[:ready], "\n".join(served.lines[ready:])
    steps = list(dict.fromkeys(line.split()[1] for line in lines))
    assert steps == ["sources", "database", "migrate", "load", "serve"]
    assert any("27 initiatives" in line and "1788 areas" in line for line in lines)
    assert status == 0
    assert "embedded PostgreSQL stopped" in rest
    assert not (tmp_path / "data" / "postgres" / "pgdata" / "postmaster.pid").exists()


async def test_load_against_database_url_then_again_is_unchanged(settings: Settings, server_dsn: str) -> None:
    async with throwaway_database(server_dsn) as dsn:
        env = environment(settings, DATABASE_URL=dsn)
        first = await asyncio.to_thread(hiraku, ["data", "load"], env)
        assert first.returncode == 0, first.stderr
        assert "3 focus areas, 27 initiatives, " in first.stderr
        assert ", 1788 areas" in first.stderr
        assert "using the server at DATABASE_URL" in first.stderr
        second = await asyncio.to_thread(hiraku, ["data", "load"], env)
        assert second.returncode == 0, second.stderr
        assert "data: unchanged" in second.stderr
        assert "schema: up to date" in second.stderr


def test_schema_prints_the_sdl() -> None:
    result = subprocess.run([HIRAKU, "schema"], capture_output=True, text=True, timeout=60, check=True)
    assert "type Query {" in result.stdout
    assert "  initiatives(\n" in result.stdout
    assert "type Metric implements Node {" in result.stdout


def test_schema_into_a_pipe_closed_early_ends_quietly() -> None:
    # As `hiraku schema | head -1` when head has gone before the schema is written: the pipe has no reader at all.
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run([HIRAKU, "schema"], stdout=writer, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(writer)
    assert result.stderr == ""
    assert result.returncode == 0


def test_a_database_that_cannot_start_is_one_line_without_a_traceback(settings: Settings, tmp_path: Path) -> None:
    data = tmp_path / "data"
    pgdata = data / "postgres" / "pgdata"
    pgdata.mkdir(parents=True)
    # A data directory of a PostgreSQL version the embedded server cannot run.
    (pgdata / "PG_VERSION").write_text("9\n")
    result = hiraku(["db", "migrate"], environment(settings, HIRAKU_DATA_DIR=str(data)))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("hiraku error")]
    assert "PostgreSQL did not start" in line
    assert f"see its log: {data / 'postgres' / 'postgres.log'}" in line


def test_paths_inside_the_current_folder_are_printed_relative_to_it(settings: Settings, tmp_path: Path) -> None:
    """What `make run` prints reads the same on every machine: `.data/...`, not the checkout's absolute path."""
    env = environment(settings, HIRAKU_DATA_DIR=".data")
    result = subprocess.run(
        [HIRAKU, "data", "fetch"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "hiraku sources   cache .data/sources, filled from " in result.stderr
    assert str(tmp_path) not in result.stderr
