"""What every resolver of one request can reach: the read-only pool and that request's loaders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry.types import Info as StrawberryInfo

from db.types import Executor
from loaders import Loaders


@dataclass
class Context:
    pool: Executor
    loaders: Loaders

    @classmethod
    def for_request(cls, pool: Executor) -> Context:
        return cls(pool=pool, loaders=Loaders.create(pool))


Info = StrawberryInfo[Context, Any]
