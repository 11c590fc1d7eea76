"""Run-time options of a deployment: several worker processes, and optional OpenTelemetry tracing."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from schema.tracing import INSTALL
from tests.limits_support import app_settings, post
from tests.support import running

HIRAKU = Path(sys.executable).with_name("hiraku")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _workers(pid: int) -> list[int]:
    """The uvicorn workers among a process's children (multiprocessing's spawned interpreters)."""
    return [child for child in _children(pid) if "spawn" in Path(f"/proc/{child}/cmdline").read_text()]


async def test_two_worker_processes_serve_one_port(loaded_dsn: str, tmp_path: Path) -> None:
    port = _free_port()
    environ = {**os.environ, "DATABASE_URL": loaded_dsn, "PORT": str(port), "HIRAKU_WORKERS": "2"}
    environ |= {"HIRAKU_LOG_LEVEL": "warning", "HIRAKU_DATA_DIR": str(tmp_path)}
    process = await asyncio.create_subprocess_exec(
        str(HIRAKU), "serve", env=environ, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            for _ in range(300):
                try:
                    if (await client.get("/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
            answers = [
                await post(client, {"query": "{ prefectures { code } }", "variables": {"n": n}}) for n in range(6)
            ]
        assert all(len(answer.json()["data"]["prefectures"]) == 47 for answer in answers)
        assert len(_workers(process.pid)) == 2
    finally:
        process.terminate()
        output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    assert b"2 worker processes" in output


async def test_workers_need_a_named_database(tmp_path: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "HIRAKU_API_DATABASE_URL")}
    environ |= {"HIRAKU_WORKERS": "2", "HIRAKU_DATA_DIR": str(tmp_path)}
    process = await asyncio.create_subprocess_exec(
        str(HIRAKU), "serve", env=environ, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert b"HIRAKU_WORKERS > 1 needs DATABASE_URL" in output
    assert not (tmp_path / "postgres").exists()  # refused before starting anything


async def test_tracing_makes_spans_of_operations_and_resolvers(settings: Settings, loaded_dsn: str) -> None:
    from opentelemetry import trace
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    app = create_app(app_settings(settings, loaded_dsn, tracing=True, response_cache_mb=0))
    async with running(app) as url, httpx.AsyncClient(base_url=url) as client:
        body: dict[str, Any] = {"query": "query Traced { focusAreas { slug } }"}
        assert "errors" not in (await post(client, body)).json()
    names = [span.name for span in exporter.get_finished_spans()]
    assert "GraphQL Query: Traced" in names
    assert "GraphQL Parsing" in names and "GraphQL Validation" in names
    assert any("focusAreas" in name for name in names)


def test_tracing_without_its_packages_says_what_to_install(
    settings: Settings, loaded_dsn: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "opentelemetry", None)  # as if not installed
    for module in [name for name in sys.modules if name.startswith("strawberry.extensions.tracing")]:
        monkeypatch.delitem(sys.modules, module)
    with pytest.raises(RuntimeError, match="pip install opentelemetry-sdk") as refused:
        create_app(app_settings(settings, loaded_dsn, tracing=True))
    assert str(refused.value) == INSTALL
