"""GraphQL over HTTP: graphql-http's server audits against the live server."""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

AUDIT_DIR = Path(__file__).parent / "audit"


async def _run(*command: str) -> tuple[int, bytes, bytes]:
    # Asynchronous: the server under test runs on this event loop and must keep answering.
    process = await asyncio.create_subprocess_exec(
        *command, cwd=AUDIT_DIR, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out, err


async def _install_audit() -> None:
    """`npm ci` in tests/audit when its node_modules is missing or older than package-lock.json."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("The GraphQL-over-HTTP audit needs Node.js 20+ and npm on PATH (apt-get install nodejs npm)")
    lock = (AUDIT_DIR / "package-lock.json").read_bytes()
    stamp = AUDIT_DIR / "node_modules" / f".installed-{hashlib.sha256(lock).hexdigest()[:16]}"
    if stamp.exists():
        return
    code, out, err = await _run("npm", "ci", "--no-audit", "--no-fund")
    assert code == 0, f"npm ci in {AUDIT_DIR} failed:\n{out.decode()}\n{err.decode()}"
    stamp.touch()


async def test_graphql_http_server_audits_pass_without_a_warning(base_url: str) -> None:
    await _install_audit()
    code, out, err = await _run("node", "audit.mjs", f"{base_url}/graphql")
    assert code == 0, err.decode()
    results: list[dict[str, Any]] = json.loads(out)
    assert len(results) >= 40, results
    failed = [
        f"{r['id']} {r['status']}: {r['name']} ({r['reason']}, HTTP {r['responseStatus']})"
        for r in results
        if r["status"] in ("warn", "error")
    ]
    assert not failed, "\n".join(failed)
