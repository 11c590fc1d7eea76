"""What every resolver of one request can reach: the read-only pool (each statement in a task of its own, see
db/own_tasks.py) and that request's loaders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry.types import Info as StrawberryInfo

from db.own_tasks import OwnTasks
from db.types import Executor
from loaders import Loaders


@dataclass
class Context:
    pool: OwnTasks
    loaders: Loaders
    # Where users reach the API (HIRAKU_PUBLIC_URL), for absolute links; empty: links relative to the server.
    public_url: str = ""

    @classmethod
    def for_request(cls, pool: Executor, public_url: str = "") -> Context:
        return cls(pool=OwnTasks(pool), loaders=Loaders.create(pool), public_url=public_url)


Info = StrawberryInfo[Context, Any]
