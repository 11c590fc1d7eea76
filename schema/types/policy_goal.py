"""PolicyGoal: one of the 6 目指す姿 of chapter 1, with its 課題 and 目指す姿."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.node import Node
from schema.types.rows import from_record
from schema.types.source import Source, cited


@strawberry.type(description="One of the 6 目指す姿 (the society digitalisation aims at), in the report's words.")
class PolicyGoal(Node):
    slug: str = strawberry.field(description="Stable identifier.")
    position: int = strawberry.field(description="Order in the report, from 1.")
    title: str = strawberry.field(description="The goal, as printed, e.g. 「デジタル化による成長戦略」.")
    tagline: str = strawberry.field(description="The short line under the title, e.g. 「持続可能な社会へ」.")
    challenge: str = strawberry.field(description="課題.")
    vision: str = strawberry.field(description="目指す姿.")
    text: str = strawberry.field(description="The paragraph, verbatim.")
    citation_id: strawberry.Private[int]

    def global_key(self) -> str:
        return self.slug

    @strawberry.field(description="Where the report states it.")
    async def source(self, info: Info) -> Source:
        return await cited(info, self.citation_id)

    @classmethod
    def from_row(cls, row: Record) -> PolicyGoal:
        return from_record(cls, row)
