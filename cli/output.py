"""What the command line prints: one line a step, with counts and seconds."""

from __future__ import annotations

import copy
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from uvicorn.config import LOGGING_CONFIG


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
    through uvicorn's handler and format: without a handler of their own, nothing they say would be printed."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["hiraku"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config
