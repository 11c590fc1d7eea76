"""Source: where a value comes from, with a ready-made attribution line."""

from __future__ import annotations

import strawberry

from db.types import Record
from schema.context import Info
from schema.errors import ServiceUnavailable


@strawberry.type(description="Where a value comes from: document, section and page, with its licence.")
class Source:
    document: str = strawberry.field(description="The document the value is taken from.")
    publisher: str
    section: str | None = strawberry.field(description="Section path within the document, as printed.")
    page: int | None = strawberry.field(description="Page in the report's table of contents.")
    url: str
    licence: str
    citation_kind: str = strawberry.field(
        description="`primary` when the document is the figure owner's own; `quoted` when it cites another."
    )
    attribution: str = strawberry.field(description="出典 line to show beside the value (Japanese).")
    attribution_en: str

    @classmethod
    def from_report(cls, edition: Record, *, section: str | None, page: int | None) -> Source:
        """A passage of the annual report itself."""
        return cls(
            document=edition["title"],
            publisher=edition["publisher"],
            section=section,
            page=page,
            url=edition["url"],
            licence=edition["licence"],
            citation_kind="primary",
            attribution=edition["attribution"],
            attribution_en=edition["attribution_en"],
        )


async def report_passage(info: Info, *, section: str | None, page: int | None) -> Source:
    """The source of a value the report states, in the edition that is loaded."""
    edition = await info.context.loaders.dataset.load(None)
    if edition is None:
        raise ServiceUnavailable("no dataset is loaded yet: run `hiraku data load`")
    return Source.from_report(edition, section=section, page=page)
