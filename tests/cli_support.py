"""The `hiraku` command as a subprocess: one-off commands, and servers whose log is read as it is written."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from api.settings import Settings

HIRAKU = str(Path(sys.executable).with_name("hiraku"))
READY = "ready: "
QUERY = {"query": "{ initiatives(first: 3) { totalCount } }"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def environment(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    # Reuse the suite's verified source cache so that nothing is downloaded.
    env["HIRAKU_SOURCES_MIRROR"] = str(settings.sources_mirror or settings.data_dir / "sources")
    env.update(extra)
    return env


def hiraku(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HIRAKU, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False)


class Served:
    """`hiraku run` or `hiraku serve` in the background; a thread keeps every line it writes to stderr (reading it
    also keeps the pipe from filling up and blocking the server). Standard output (the access log) goes to
    `stdout`, by default nowhere."""

    def __init__(self, command: str, env: dict[str, str], stdout: Any = subprocess.DEVNULL) -> None:
        self.url = f"http://127.0.0.1:{env['PORT']}"
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self.process = subprocess.Popen([HIRAKU, command], env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, text: str, after: int = 0, timeout: float = 180) -> str:
        """The first line from index `after` on that holds `text`; fails if the process ends or writes none."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [line for line in self.lines[after:] if text in line]
                if found:
                    return found[0]
                ended = self.process.poll() is not None and not self._reader.is_alive()
                assert not ended and time.monotonic() < deadline, (text, self.lines)
                self._changed.wait(timeout=1)

    def ready(self) -> Served:
        self.wait_for(READY)
        return self

    def stop(self) -> int:
        """Ctrl-C, then the exit status once the process and its last lines are done."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            status = self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()
        return status

    def graphql(self, body: dict[str, Any]) -> Any:
        return httpx.post(f"{self.url}/graphql", json=body, timeout=10).json()

    def readyz(self) -> httpx.Response:
        return httpx.get(f"{self.url}/readyz", timeout=10)
