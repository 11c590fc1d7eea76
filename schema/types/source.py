"""Source: where a value comes from, with ready-made attribution lines in Japanese and English."""

from __future__ import annotations

import datetime as dt

import strawberry

from db.types import Record, Row
from schema.context import Info
from schema.enums import CitationKind
from schema.errors import ServiceUnavailable

CITATION_KINDS = "PRIMARY when the document is the figure owner's own; QUOTED when it quotes the owner."


@strawberry.type(description="Where a value is stated: document, section, page, as-of date, owner and licence.")
class Source:
    document: str = strawberry.field(description="The document that states the value.")
    section: str | None = strawberry.field(description="Section path within the report, as printed.")
    page: int | None = strawberry.field(description="Page of that section in the report's table of contents.")
    quote: str | None = strawberry.field(description="The report's own sentence or caption holding the value.")
    url: str = strawberry.field(description="Where the document is published.")
    as_of: dt.date | None = strawberry.field(description="The date the document gives for the value.")
    figure_owner: str = strawberry.field(description="Who the figure belongs to (e.g. デジタル庁, 総務省).")
    citation_kind: CitationKind = strawberry.field(description=CITATION_KINDS)
    licence: str | None = strawberry.field(description="Terms of use of the document; null when not stated.")
    note: str | None = strawberry.field(description="Curators' remark: how the value was read, caveats.")
    attribution: str = strawberry.field(description="出典 line to show beside the value.")
    attribution_en: str = strawberry.field(description="The same in English (names stay as published).")

    @classmethod
    def from_citation(cls, row: Row, edition: Row) -> Source:
        in_report = row["document"] == edition["title"]
        where = " ".join(part for part in (row["section"], f"p.{row['page']}" if row["page"] else None) if part)
        suffix_ja = "（hiraku が構造化データに加工）" if in_report else ""
        suffix_en = " (structured by hiraku)" if in_report else ""
        quoted_ja = f"（{row['document']}による引用）" if row["citation_kind"] == "quoted" else ""
        quoted_en = f", as quoted by {row['document']}" if row["citation_kind"] == "quoted" else ""
        document = "" if row["citation_kind"] == "quoted" else f"「{row['document']}」"
        return cls(
            document=row["document"],
            section=row["section"],
            page=row["page"],
            quote=row["quote"],
            url=row["url"],
            as_of=row["as_of"],
            figure_owner=row["figure_owner"],
            citation_kind=CitationKind(row["citation_kind"]),
            licence=row["licence"],
            note=row["note"],
            attribution=f"出典：{row['figure_owner']}{document}{quoted_ja}{' ' + where if where else ''}{suffix_ja}",
            attribution_en=(
                f"Source: {row['figure_owner']}"
                + (f", {row['document']}" if row["citation_kind"] != "quoted" else quoted_en)
                + (f", {where}" if where else "")
                + suffix_en
            ),
        )

    @classmethod
    def from_report(cls, edition: Record, *, section: str | None, page: int | None) -> Source:
        """A passage of the annual report itself."""
        where = " ".join(part for part in (section, f"p.{page}" if page else None) if part)
        return cls(
            document=edition["title"],
            section=section,
            page=page,
            quote=None,
            url=edition["url"],
            as_of=None,
            figure_owner=edition["publisher"],
            citation_kind=CitationKind.PRIMARY,
            licence=edition["licence"],
            note=None,
            attribution=f"{edition['attribution']}{' ' + where if where else ''}",
            attribution_en=f"{edition['attribution_en']}{', ' + where if where else ''}",
        )


async def edition(info: Info) -> Record:
    rows = await info.context.loaders.dataset.load(None)
    if not rows:
        raise ServiceUnavailable("no dataset is loaded yet: run `hiraku data load`")
    return rows[0]


async def report_passage(info: Info, *, section: str | None, page: int | None) -> Source:
    """The source of a passage of the report, in the edition that is loaded."""
    return Source.from_report(await edition(info), section=section, page=page)


async def cited(info: Info, citation_id: int) -> Source:
    """The source recorded for a value."""
    row = await info.context.loaders.citation_by_id.load(citation_id)
    if row is None:
        raise ServiceUnavailable("a citation is missing from the loaded dataset")
    return Source.from_citation(row, await edition(info))
