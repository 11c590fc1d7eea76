"""SearchResult: an object that matches a search, and where the match is."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.errors import ServiceUnavailable
from schema.node import Node

MATCHES = {0: "title", 1: "title", 2: "title", 3: "text"}


@strawberry.type(description="A match of `search`: the object, its title, and whether the title or the text matched.")
class SearchResult:
    kind: str = strawberry.field(description="The type name of the object found (a `SearchKind`, e.g. Initiative).")
    title: str = strawberry.field(description="The object's title or name, as published.")
    matched_in: str = strawberry.field(
        description="`title` when the title, its reading (kana or romaji), its English title or an alias holds the "
        "query; `text` when only the body does."
    )
    key: strawberry.Private[str]

    @strawberry.field(description="The object found.")
    async def node(self, info: Info) -> Node:
        from schema.queries.nodes import find_node

        node = await find_node(info, self.kind, self.key)
        if node is None:
            raise ServiceUnavailable("a search document points to a missing object")
        return node

    @classmethod
    def from_row(cls, row: Record) -> SearchResult:
        return cls(kind=row["kind"], title=row["title"], matched_in=MATCHES[row["tier"]], key=row["key"])
