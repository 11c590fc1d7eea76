"""MissionStatement: the Digital Agency's Mission, Visions and Values."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.enums import MissionStatementKind
from schema.node import Node
from schema.types.rows import from_record
from schema.types.source import Source, cited


@strawberry.type(description="The Mission, a Vision or a Value of the Digital Agency (ミッション・ビジョン・バリュー).")
class MissionStatement(Node):
    slug: str = strawberry.field(description="Stable identifier.")
    position: int = strawberry.field(description="Order in the report, from 1.")
    kind: MissionStatementKind = strawberry.field(description="MISSION, VISION or VALUE.")
    title: str = strawberry.field(description="The heading, verbatim.")
    subtitle: str | None = strawberry.field(
        description="The line under the title, as printed, e.g. 「Government as a Service」."
    )
    text: str = strawberry.field(description="The body, verbatim.")
    citation_id: strawberry.Private[int]

    def global_key(self) -> str:
        return self.slug

    @strawberry.field(description="Where the report states it.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> MissionStatement:
        return from_record(cls, row, kind=MissionStatementKind(row["kind"]))
