"""Rendering: an English title of a report item, and whether it is the Agency's own name or hiraku's rendering."""

from __future__ import annotations

import strawberry

from schema.context import Info

ENGLISH_TITLE = (
    "The title in English: the Agency's own English name where it prints one (`official: true`), else hiraku's "
    "rendering of the Japanese title (`official: false`), which is not an official translation. Null when none is "
    "curated yet."
)


@strawberry.type(
    description="English text for a Japanese title. `official` says who wrote it: the Digital Agency (true) or "
    "hiraku's curators (false, a rendering, not an official translation)."
)
class Rendering:
    text: str = strawberry.field(description="The English title.")
    official: bool = strawberry.field(
        description="True for the English name the Agency itself prints (e-Gov, Myna Portal); false for "
        "hiraku's rendering."
    )


async def english_title(info: Info, kind: str, slug: str) -> Rendering | None:
    """The English title of the object of `kind` and `slug`, from the one table of them a request loads once."""
    rows = await info.context.loaders.english_titles.load(None)
    found = next((row for row in rows if row["kind"] == kind and row["slug"] == slug), None)
    return Rendering(text=found["text"], official=found["official"]) if found else None
