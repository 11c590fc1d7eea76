"""Search documents built at load time: one for every object a person may look for, in search form."""

from __future__ import annotations

from seeds.catalog_imports import ImportedEntry
from seeds.english import SearchAids
from seeds.milestones import report_milestones
from seeds.report import Report
from seeds.rows import Row
from seeds.search_forms import Document, Reader, add_synonyms, column, document_forms
from seeds.source_rows import SourceData

ENGLISH_COLUMNS = ("kind", "slug", "text", "official")
SEARCH_COLUMNS = ("id", "kind", "key", "title", "names_norm", "latin_norm", "words_norm", "body_norm", "kind_order")
# Among equally good matches, the order of kinds; also every kind `search(kinds:)` may name.
KIND_ORDER = {
    "Initiative": 1,
    "FocusArea": 2,
    "Prefecture": 3,
    "Municipality": 4,
    "Metric": 5,
    "Milestone": 6,
    "ServiceCatalog": 7,
    "Service": 8,
    "PolicyGoal": 9,
    "MissionStatement": 10,
    "PriorityPlanItem": 11,
    "ReportSection": 12,
    "AgencyRole": 13,
}


def search_rows(report: Report, sources: SourceData, aids: SearchAids) -> list[Row]:
    """Rows of search_document, ids from 1. Local governments keep the kana their source gives as the reading."""
    documents = [*_report_documents(report, aids), *_area_documents(sources), *_service_documents(report, sources)]
    reader = Reader()
    forms = [document_forms(reader, d) for d in documents]
    add_synonyms(aids.synonyms_path, aids.synonyms, forms)
    return [
        (
            row_id,
            d.kind,
            d.key,
            d.title,
            column(f.names),
            column(f.latin),
            column(f.words),
            column(f.body),
            KIND_ORDER[d.kind],
        )
        for row_id, (d, f) in enumerate(zip(documents, forms, strict=True), start=1)
    ]


def english_rows(aids: SearchAids) -> list[Row]:
    return [(kind, slug, r.text, r.official) for (kind, slug), r in sorted(aids.english.items())]


def _report_documents(report: Report, aids: SearchAids) -> list[Document]:
    def english(kind: str, slug: str) -> str | None:
        rendering = aids.english.get((kind, slug))
        return rendering.text if rendering else None

    documents: list[Document] = []
    for i in report.initiatives:
        body = [i.headline, i.lead or "", i.achievements_title, i.achievements, i.background, *i.outlook]
        documents.append(Document("Initiative", i.slug, i.title, body=body, english=english("Initiative", i.slug)))
    for a in report.focus_areas:
        body = [a.section, *a.initiative_titles]
        documents.append(Document("FocusArea", a.slug, a.name, body=body, english=english("FocusArea", a.slug)))
    for m in report.metrics:
        body = [m.description or "", *(o.stated for o in m.observations), *(c.stated for c in m.comparisons)]
        documents.append(Document("Metric", m.slug, m.name, body=body, english=english("Metric", m.slug)))
    for item in report_milestones(report):  # 今後の展開 and the steps the report dates elsewhere (chapter 1)
        documents.append(Document("Milestone", f"{item.initiative or item.section}:{item.position}", item.text))
    for c in report.catalogs:
        body = [c.description or "", c.publisher]
        documents.append(
            Document("ServiceCatalog", c.slug, c.name, body=body, english=english("ServiceCatalog", c.slug))
        )
    for g in report.policy_goals:
        documents.append(Document("PolicyGoal", g.slug, g.title, body=[g.tagline, g.challenge, g.vision, g.text]))
    for s in report.mission:
        documents.append(Document("MissionStatement", s.slug, s.title, body=[s.kind, s.subtitle or "", s.text]))
    for p in report.priority_plan:
        body = [p.group or "", *(part for sub in p.sub_items for part in (sub.title, *sub.details))]
        documents.append(Document("PriorityPlanItem", p.slug, p.title, body=body))
    for r in report.sections:
        documents.append(Document("ReportSection", r.slug, r.title, body=[r.headline or "", r.text, *r.items]))
    for role in report.roles:
        documents.append(Document("AgencyRole", str(role.position), role.text))
    return documents


def _area_documents(sources: SourceData) -> list[Document]:
    prefecture_names = {g.code: g.name for g in sources.directory if g.level == "prefecture"}
    return [
        Document(
            "Prefecture" if g.level == "prefecture" else "Municipality",
            g.code,
            g.name,
            reading=g.name_kana,
            body=[prefecture_names.get(g.prefecture_code or "", ""), g.county or "", g.kind],
            english=g.name_en,
            area=True,
        )
        for g in sources.directory
    ]


def _service_documents(report: Report, sources: SourceData) -> list[Document]:
    imported: dict[str, list[ImportedEntry]] = {}
    for _, entries in sources.imported_entries:
        for entry in entries:
            imported.setdefault(entry.catalog, []).append(entry)
    documents: list[Document] = []
    for c in report.catalogs:
        named = [(e.name, [e.description or "", e.provider or ""]) for e in c.entries]
        named += [(e.name, [e.description or "", e.provider or ""]) for e in imported.get(c.slug, [])]
        for position, (name, body) in enumerate(named, start=1):
            documents.append(Document("Service", f"{c.slug}:{position}", name, body=body))
    return documents
