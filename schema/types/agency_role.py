"""AgencyRole: one of the Digital Agency's 10 roles (デジタル庁は司令塔として取組を牽引)."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.node import Node
from schema.types.source import Source, cited


@strawberry.type(description="One of the 10 roles the Digital Agency takes on, in the report's words.")
class AgencyRole(Node):
    position: int = strawberry.field(description="Its number, 1 to 10.")
    text: str = strawberry.field(description="Verbatim.")
    citation_id: strawberry.Private[int]

    def global_key(self) -> str:
        return str(self.position)

    @strawberry.field(description="Where the report states it.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> AgencyRole:
        return cls(position=row["position"], text=row["text"], citation_id=row["citation_id"])
