"""What the command line prints: one line a step, with counts and seconds."""

from __future__ import annotations

import copy
import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from uvicorn.config import LOGGING_CONFIG

from api.limits import MAX_LOGGED_TARGET_CHARS


def say(step: str, message: str) -> None:
    print(f"hiraku {step:<9} {message}", file=sys.stderr, flush=True)


def shown(path: Path) -> str:
    """A path as the person at the terminal wrote it: relative to the current folder when inside it (`.data/...`
    in a checkout), absolute otherwise."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@contextmanager
def timed(step: str, message: str) -> Iterator[list[str]]:
    """Print the step once it is done, with its duration; the body may append details to the yielded list."""
    details: list[str] = []
    started = time.perf_counter()
    yield details
    elapsed = time.perf_counter() - started
    extra = f": {', '.join(details)}" if details else ""
    say(step, f"{message}{extra} ({elapsed:.2f} s)")


def log_config(level: str) -> dict[str, Any]:
    """Uvicorn's logging, plus hiraku's own loggers (`hiraku.graphql`: one line a request with errors) at `level`
    through uvicorn's handler and format: without a handler of their own, nothing they say would be printed. The
    access log's request targets are cut to MAX_LOGGED_TARGET_CHARS."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["hiraku"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    config.setdefault("filters", {})["capped_target"] = {"()": CappedTarget}
    config["loggers"]["uvicorn.access"]["filters"] = ["capped_target"]
    return config


class CappedTarget(logging.Filter):
    """Cuts the path and query string of an access-log line (uvicorn's arguments: client, method, target, HTTP
    version, status): a GET query may be 60 KB long, and each request would write it whole."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            target = args[2]
            if len(target) > MAX_LOGGED_TARGET_CHARS:
                cut = f"{target[:MAX_LOGGED_TARGET_CHARS]}…(+{len(target) - MAX_LOGGED_TARGET_CHARS} characters)"
                record.args = (*args[:2], cut, *args[3:])
        return True
