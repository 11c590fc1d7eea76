"""CatalogCategory: a node of a catalogue's taxonomy (a field, a sub-category)."""

from __future__ import annotations

import strawberry

from db.types import Record


@strawberry.type(description="A category of a catalogue's taxonomy, with its sub-categories.")
class CatalogCategory:
    slug: str = strawberry.field(description="Identifier within its catalogue.")
    name: str = strawberry.field(description="As the publisher names it.")
    position: int = strawberry.field(description="Order among its siblings, from 1.")
    children: list[CatalogCategory] = strawberry.field(description="Sub-categories, in published order.")
    category_id: strawberry.Private[int]

    @classmethod
    def tree(cls, rows: list[Record]) -> list[CatalogCategory]:
        """The top-level categories, each with its descendants, from all rows of one catalogue."""
        nodes = {
            row["id"]: cls(
                slug=row["slug"], name=row["name"], position=row["position"], children=[], category_id=row["id"]
            )
            for row in rows
        }
        roots: list[CatalogCategory] = []
        for row in rows:
            parent = nodes.get(row["parent_id"]) if row["parent_id"] else None
            (parent.children if parent else roots).append(nodes[row["id"]])
        return roots

    @classmethod
    def from_row(cls, row: Record) -> CatalogCategory:
        return cls(slug=row["slug"], name=row["name"], position=row["position"], children=[], category_id=row["id"])


@strawberry.type(description="A facet of a catalogue (a further classification the publisher uses) and its values.")
class FacetValues:
    name: str = strawberry.field(description="The facet, as the publisher names it (e.g. フェーズ).")
    values: list[str] = strawberry.field(description="Its values, as published, in published order.")

    @classmethod
    def group(cls, rows: list[Record]) -> list[FacetValues]:
        """Facets in the publisher's order, each with its values in order."""
        ordered = sorted(rows, key=lambda r: (r["facet_position"], r["facet_slug"], r["position"]))
        facets: dict[str, FacetValues] = {}
        for row in ordered:
            facets.setdefault(row["facet_slug"], cls(name=row["facet_name"], values=[])).values.append(row["value"])
        return list(facets.values())
