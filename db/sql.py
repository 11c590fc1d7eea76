"""The SQL files of db/queries, read once and looked up by name."""

from __future__ import annotations

import functools
from pathlib import Path

QUERIES_DIR = Path(__file__).parent / "queries"


@functools.cache
def sql(name: str) -> str:
    """The text of db/queries/<name>.sql."""
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
