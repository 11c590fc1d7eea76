"""The circumstances of a run: machine, versions and the command, recorded beside the results."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from collections.abc import Mapping
from importlib.metadata import version
from typing import Any

from bench.servers import NODE, POSTGRAPHILE_DIR, ROOT
from bench.wrk import WRK


def machine() -> dict[str, Any]:
    cpuinfo = _read("/proc/cpuinfo")
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    meminfo = {line.split(":")[0]: line.split()[1] for line in _read("/proc/meminfo").splitlines() if ":" in line}
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": models[0] if models else platform.processor(),
        "ram_gib": int(meminfo.get("MemTotal", 0)) / 1024 / 1024,
        "loadavg_start": " ".join(f"{load:.2f}" for load in os.getloadavg()),
    }


def versions(postgresql: str) -> dict[str, str]:
    package = POSTGRAPHILE_DIR / "node_modules" / "postgraphile" / "package.json"
    postgraphile = json.loads(package.read_text())["version"] if package.exists() else "not installed"
    return {
        "hiraku": _git_revision(),
        "Python": platform.python_version(),
        "uvicorn": version("uvicorn"),
        "Starlette": version("starlette"),
        "Strawberry": version("strawberry-graphql"),
        "asyncpg": version("asyncpg"),
        "Node": _output([str(NODE), "--version"]) if NODE.exists() else "not installed",
        "PostGraphile": postgraphile,
        "PostgreSQL": postgresql,
        "wrk": _output([WRK, "--version"]).split(" [")[0].removeprefix("wrk "),
    }


def command(environ: Mapping[str, str]) -> str:
    """The command as typed: the BENCH_* variables set, then `make bench` or the module."""
    settings = [f"{name}={value}" for name, value in sorted(environ.items()) if name.startswith("BENCH_")]
    run = "make bench" if "MAKELEVEL" in environ else ".venv/bin/python -m bench.run"
    return " ".join([*settings, run])


def _git_revision() -> str:
    revision = _output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    changed = _output(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"])
    return f"{revision} (with uncommitted changes)" if changed else revision


def _output(argv: list[str]) -> str:
    # wrk prints its version with the usage and exits 1: the output is what matters.
    result = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    return (result.stdout or result.stderr).strip().splitlines()[0] if (result.stdout or result.stderr) else ""


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as file:
        return file.read()
