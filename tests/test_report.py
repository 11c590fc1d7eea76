"""The curated report files: valid as committed, and errors that name the file, line, record and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from seeds.records import SeedError
from seeds.report import read_report


def test_the_committed_report_data_is_valid() -> None:
    report = read_report()
    assert [a.name for a in report.focus_areas] == [
        "生活者・事業者・職員にやさしいサービスの提供",
        "デジタル基盤の整備による成長戦略の推進",
        "安全・安心で強靱なデジタル基盤の実現",
    ]
    assert len(report.initiatives) == 27
    assert [i.position for i in report.initiatives] == list(range(1, 28))


def test_an_unknown_focus_area_is_named_with_its_line(report_copy: Path) -> None:
    path = report_copy / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("focus_area: growth-strategy", "focus_area: growth", 1), encoding="utf-8")
    with pytest.raises(
        SeedError,
        match=r"initiatives\.yaml:\d+: record '.+', field 'focus_area': unknown focus area 'growth'",
    ):
        read_report(report_copy)


def test_an_unexpected_field_is_refused(report_copy: Path) -> None:
    path = report_copy / "focus_areas.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  page: 20\n", "  page: 20\n  colour: red\n", 1), encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        read_report(report_copy)
    assert str(raised.value).startswith(f"{path}:6: record 1 ('user-friendly-services'), field 'colour': Extra inputs")


def test_a_repeated_slug_is_refused(report_copy: Path) -> None:
    path = report_copy / "initiatives.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("slug: mynumber-card-use", "slug: mynumber-card-adoption", 1), encoding="utf-8")
    with pytest.raises(SeedError, match="field 'slug': 'mynumber-card-adoption' repeats the record at line 7"):
        read_report(report_copy)


def test_broken_yaml_names_its_line(report_copy: Path) -> None:
    path = report_copy / "edition.yaml"
    path.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"edition\.yaml:\d+: not valid YAML"):
        read_report(report_copy)
