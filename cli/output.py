"""What the command line prints: one line a step, with counts and seconds."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


def say(step: str, message: str) -> None:
    print(f"hiraku {step:<9} {message}", file=sys.stderr, flush=True)


@contextmanager
def timed(step: str, message: str) -> Iterator[list[str]]:
    """Print the step once it is done, with its duration; the body may append details to the yielded list."""
    details: list[str] = []
    started = time.perf_counter()
    yield details
    elapsed = time.perf_counter() - started
    extra = f": {', '.join(details)}" if details else ""
    say(step, f"{message}{extra} ({elapsed:.2f} s)")
