"""The curated aids to search in seeds/report: English titles (english.yaml) and synonyms (synonyms.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field

from seeds.models import Slug, Text
from seeds.records import SeedError, SeedRecord, line_of, read_records, read_yaml, validate
from seeds.report import REPORT_DIR, Report

ENGLISH_FILE = "english.yaml"
SYNONYMS_FILE = "synonyms.yaml"


class Rendering(SeedRecord):
    """An English title: hiraku's rendering, or (official) the English name the Agency itself prints."""

    text: Text
    official: bool = False


class EnglishTitles(SeedRecord):
    focus_areas: dict[Slug, Text | Rendering] = Field(default_factory=dict)
    initiatives: dict[Slug, Text | Rendering] = Field(default_factory=dict)
    catalogs: dict[Slug, Text | Rendering] = Field(default_factory=dict)
    metrics: dict[Slug, Text | Rendering] = Field(default_factory=dict)


class Synonym(SeedRecord):
    alias: Text = Field(description="What people type, e.g. マイナ保険証.")
    means: Annotated[list[Text], Field(min_length=1)] = Field(description="The wordings the report prints for it.")


# The GraphQL type of each section's objects, which is also the kind of their search documents.
KINDS = {"focus_areas": "FocusArea", "initiatives": "Initiative", "catalogs": "ServiceCatalog", "metrics": "Metric"}


@dataclass(frozen=True)
class SearchAids:
    english: dict[tuple[str, str], Rendering]
    synonyms: list[Synonym]
    synonyms_path: Path


def read_search_aids(report: Report, directory: Path = REPORT_DIR) -> SearchAids:
    """Read both files; raise SeedError naming the file, line and slug of an English title of nothing."""
    synonyms = directory / SYNONYMS_FILE
    return SearchAids(_read_english(directory / ENGLISH_FILE, report), _read_synonyms(synonyms), synonyms)


def slugs_by_kind(report: Report) -> dict[str, list[str]]:
    """The slugs that need an English title, per kind."""
    return {
        "FocusArea": [a.slug for a in report.focus_areas],
        "Initiative": [i.slug for i in report.initiatives],
        "ServiceCatalog": [c.slug for c in report.catalogs],
        "Metric": [m.slug for m in report.metrics],
    }


def _read_english(path: Path, report: Report) -> dict[tuple[str, str], Rendering]:
    if not path.exists():
        return {}
    raw = read_yaml(path)
    titles = validate(path, 1, raw, EnglishTitles)
    known = slugs_by_kind(report)
    english: dict[tuple[str, str], Rendering] = {}
    for section, kind in KINDS.items():
        line = line_of(raw.get(section))
        for slug, title in getattr(titles, section).items():
            if slug not in known[kind]:
                raise SeedError(path, line, f"{section}: {slug!r} is not the slug of any {kind} of the report")
            english[(kind, slug)] = title if isinstance(title, Rendering) else Rendering(text=title)
    return english


def _read_synonyms(path: Path) -> list[Synonym]:
    if not path.exists():
        return []
    return [synonym for _, synonym in read_records(path, Synonym)]
