"""The Node.js tools the tests run as users run them (tests/audit/package.json): graphql-http's server audits and
graphql-schema-linter, installed by `npm ci` from the lock file when missing."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
from pathlib import Path

import pytest

NODE_TOOLS_DIR = Path(__file__).parent / "audit"


async def run_node_tool(*command: str) -> tuple[int, bytes, bytes]:
    """Exit code, output and errors of `command` run in tests/audit."""
    # Asynchronous: a server under test may run on this event loop and must keep answering.
    process = await asyncio.create_subprocess_exec(
        *command, cwd=NODE_TOOLS_DIR, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out, err


async def install_node_tools() -> None:
    """`npm ci` in tests/audit when its node_modules is missing or older than package-lock.json."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("The Node.js tools of the tests need Node.js 20+ and npm on PATH (apt-get install nodejs npm)")
    lock = (NODE_TOOLS_DIR / "package-lock.json").read_bytes()
    stamp = NODE_TOOLS_DIR / "node_modules" / f".installed-{hashlib.sha256(lock).hexdigest()[:16]}"
    if stamp.exists():
        return
    code, out, err = await run_node_tool("npm", "ci", "--no-audit", "--no-fund")
    assert code == 0, f"npm ci in {NODE_TOOLS_DIR} failed:\n{out.decode()}\n{err.decode()}"
    stamp.touch()
