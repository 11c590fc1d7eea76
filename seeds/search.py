"""Search documents built at load time: what can be found, its title, kana reading and text, in search form."""

from __future__ import annotations

import pykakasi

from db.search import search_form
from seeds.catalog_imports import ImportedEntry
from seeds.report import Report
from seeds.rows import Row
from seeds.source_rows import SourceData

SEARCH_COLUMNS = ("id", "kind", "key", "title", "title_norm", "reading_norm", "body_norm", "kind_order")
KIND_ORDER = {
    "Initiative": 1,
    "Prefecture": 2,
    "Municipality": 3,
    "Metric": 4,
    "Milestone": 5,
    "ServiceCatalog": 6,
    "Service": 7,
}


class Reader:
    """Kana readings of Japanese text by pykakasi's dictionary (「防災」 -> 「ぼうさい」)."""

    def __init__(self) -> None:
        self._kakasi = pykakasi.kakasi()  # type: ignore[no-untyped-call]

    def reading(self, text: str) -> str:
        return "".join(part["hira"] for part in self._kakasi.convert(text))


def search_rows(report: Report, sources: SourceData) -> list[Row]:
    """Rows of search_document, ids from 1. Local governments keep the kana their source gives as the reading."""
    reader = Reader()
    directory = sources.directory
    prefecture_names = {g.code: g.name for g in directory if g.level == "prefecture"}
    # (kind, key, title, reading or None to read it with pykakasi, body)
    documents: list[tuple[str, str, str, str | None, list[str]]] = []
    for i in report.initiatives:
        body = [i.headline, i.lead or "", i.achievements_title, i.achievements, i.background, *i.outlook]
        documents.append(("Initiative", i.slug, i.title, None, body))
    for g in directory:
        kind = "Prefecture" if g.level == "prefecture" else "Municipality"
        body = [prefecture_names.get(g.prefecture_code or "", ""), g.county or "", g.name_en or "", g.kind]
        documents.append((kind, g.code, g.name, g.name_kana, body))
    for m in report.metrics:
        body = [m.description or "", *(o.stated for o in m.observations), *(c.stated for c in m.comparisons)]
        documents.append(("Metric", m.slug, m.name, None, body))
    for i in report.initiatives:
        for position, text in enumerate(i.outlook, start=1):
            documents.append(("Milestone", f"{i.slug}:{position}", text, None, []))
    for c in report.catalogs:
        documents.append(("ServiceCatalog", c.slug, c.name, None, [c.description or "", c.publisher]))
    imported: dict[str, list[ImportedEntry]] = {}
    for _, entries in sources.imported_entries:
        for entry in entries:
            imported.setdefault(entry.catalog, []).append(entry)
    for c in report.catalogs:
        named = [(e.name, [e.description or "", e.provider or ""]) for e in c.entries]
        named += [(e.name, [e.description or "", e.provider or ""]) for e in imported.get(c.slug, [])]
        for position, (name, body) in enumerate(named, start=1):
            documents.append(("Service", f"{c.slug}:{position}", name, None, body))
    return [
        (
            row_id,
            kind,
            key,
            title,
            search_form(title),
            search_form(reading if reading is not None else reader.reading(title)),
            search_form("\n".join(part for part in body if part)),
            KIND_ORDER[kind],
        )
        for row_id, (kind, key, title, reading, body) in enumerate(documents, start=1)
    ]
