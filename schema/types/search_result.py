"""SearchResult: an object that matches a search, and where the match is."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.enums import MatchedIn, SearchKind
from schema.errors import ServiceUnavailable
from schema.node import Node

MATCHES = {0: MatchedIn.TITLE, 1: MatchedIn.TITLE, 2: MatchedIn.TITLE, 3: MatchedIn.TEXT}


@strawberry.type(description="A match of `search`: the object, its title, and whether the title or the text matched.")
class SearchResult:
    kind: SearchKind = strawberry.field(
        description="The kind of object found, e.g. INITIATIVE (the values `search(kinds:)` takes)."
    )
    title: str = strawberry.field(description="The object's title or name, as published.")
    matched_in: MatchedIn = strawberry.field(
        description="TITLE when the title, its reading (kana or romaji), its English title or an alias holds the "
        "query; TEXT when only the body does."
    )
    key: strawberry.Private[str]

    @strawberry.field(description="The object found.")
    async def node(self, info: Info) -> Node:
        from schema.queries.nodes import find_node

        node = await find_node(info, self.kind.value, self.key)
        if node is None:
            raise ServiceUnavailable("a search document points to a missing object")
        return node

    @classmethod
    def from_row(cls, row: Record) -> SearchResult:
        return cls(kind=SearchKind(row["kind"]), title=row["title"], matched_in=MATCHES[row["tier"]], key=row["key"])
