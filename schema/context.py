"""What every resolver of one request can reach: the read-only pool and that request's loaders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import asyncpg
from strawberry.types import Info as StrawberryInfo

from loaders import Loaders


@dataclass
class Context:
    pool: asyncpg.Pool
    loaders: Loaders

    @classmethod
    def for_request(cls, pool: asyncpg.Pool) -> Context:
        return cls(pool=pool, loaders=Loaders.create(pool))


Info = StrawberryInfo[Context, Any]
