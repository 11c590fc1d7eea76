"""The curated aids to search: English titles for every item, synonyms the report prints, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from seeds.english import read_search_aids, slugs_by_kind
from seeds.records import SeedError
from seeds.report import read_report
from seeds.search import search_rows
from seeds.source_rows import SourceData


def test_every_initiative_focus_area_metric_and_catalogue_has_an_english_title() -> None:
    report = read_report()
    english = read_search_aids(report).english
    missing = [(kind, slug) for kind, slugs in slugs_by_kind(report).items() for slug in slugs]
    assert [key for key in missing if key not in english] == []


def test_only_the_agencys_own_english_names_are_marked_official() -> None:
    english = read_search_aids(read_report()).english
    official = sorted(r.text for r in english.values() if r.official)
    assert official == ["AI", "History of DFFT", "Myna Portal", "Visit Japan Web", "e-Gov"]
    assert english[("Initiative", "disaster-prevention")].text == "Disaster prevention"


def test_an_english_title_of_no_item_is_refused_naming_the_file_and_the_slug(report_copy: Path) -> None:
    path = report_copy / "english.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  mobility: Mobility", "  mobilty: Mobility", 1), encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        read_search_aids(read_report(report_copy), report_copy)
    message = str(raised.value)
    assert message.startswith(f"{path}:")
    assert "initiatives: 'mobilty' is not the slug of any Initiative of the report" in message


def test_a_synonym_for_words_the_report_never_prints_is_refused(report_copy: Path) -> None:
    path = report_copy / "synonyms.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- alias: ガバクラウド\n  means: [政府の雲]\n", encoding="utf-8")
    report = read_report(report_copy)
    with pytest.raises(
        SeedError, match=r"synonyms\.yaml: synonym 'ガバクラウド': '政府の雲' occurs nowhere in the report"
    ):
        search_rows(report, SourceData(), read_search_aids(report, report_copy))


def test_every_committed_synonym_finds_something() -> None:
    report = read_report()
    rows = search_rows(report, SourceData(), read_search_aids(report))
    assert {row[1] for row in rows} >= {"Initiative", "PriorityPlanItem", "ReportSection", "AgencyRole"}
