"""`hiraku data check`: precise errors for broken references, repeated slugs and breakdowns that do not sum."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from seeds.records import SeedError
from seeds.report import read_report

HIRAKU = str(Path(sys.executable).with_name("hiraku"))


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; return the line of the record (`- slug:`) it belongs to."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.rindex("\n- slug:", 0, at + len("- slug:")) + 1].count("\n") + 1


def test_a_metric_naming_an_unknown_initiative(report_copy: Path) -> None:
    path = report_copy / "metrics_services.yaml"
    line = _edit(path, "initiative: jgrants-gbizid", "initiative: jgrants")
    with pytest.raises(SeedError) as raised:
        read_report(report_copy)
    assert str(raised.value).startswith(f"{path}:{line}: record ")
    assert str(raised.value).endswith("field 'initiative': unknown initiative 'jgrants'")


def test_a_metric_slug_repeated_in_another_file(report_copy: Path) -> None:
    path = report_copy / "metrics_overview.yaml"
    text = path.read_text(encoding="utf-8")
    first_slug = text.split("- slug: ", 1)[1].split("\n", 1)[0]
    line = _edit(path, f"- slug: {first_slug}", "- slug: gss-users")
    with pytest.raises(SeedError) as raised:
        read_report(report_copy)
    message = str(raised.value)
    assert message.startswith(
        f"{path}:{line}: field 'slug': 'gss-users' repeats the record at metrics_infrastructure.yaml:"
    )


def test_a_breakdown_that_does_not_sum(report_copy: Path) -> None:
    path = report_copy / "metrics_infrastructure.yaml"
    _edit(path, "value: 2927", "value: 2928")
    with pytest.raises(SeedError) as raised:
        read_report(report_copy)
    message = str(raised.value)
    assert "record 'analog-regulation-clauses-reviewed', field 'components': the components sum to 9670" in message
    assert message.endswith("but the total is 9669")


def test_a_component_that_does_not_exist(report_copy: Path) -> None:
    path = report_copy / "metrics_infrastructure.yaml"
    _edit(path, "- analog-regulation-clauses-other", "- analog-regulation-clauses-others")
    with pytest.raises(
        SeedError, match="field 'components': unknown component metric 'analog-regulation-clauses-others'"
    ):
        read_report(report_copy)


def test_a_catalogue_entry_in_an_unknown_category(report_copy: Path) -> None:
    path = report_copy / "catalogs.yaml"
    text = path.read_text(encoding="utf-8")
    new = "      status: done\n      categories: [nowhere]"
    path.write_text(text.replace("      status: done", new, 1), encoding="utf-8")
    with pytest.raises(SeedError, match=r"field 'entries\.\d+\.categories': unknown category 'nowhere'"):
        read_report(report_copy)


def test_an_observation_without_a_source(report_copy: Path) -> None:
    path = report_copy / "metrics_overview.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    source:", "    origin:", 1), encoding="utf-8")
    with pytest.raises(SeedError, match=r"field 'observations\.0\.(source|origin)'"):
        read_report(report_copy)


def test_data_check_exits_non_zero_and_names_the_problem(report_copy: Path, settings: object) -> None:
    _edit(report_copy / "metrics_infrastructure.yaml", "value: 2927", "value: 2928")
    result = subprocess.run(
        [HIRAKU, "data", "check", "--report-dir", str(report_copy)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "hiraku error" in result.stderr
    assert "the components sum to 9670" in result.stderr


def test_data_check_passes_on_the_committed_data() -> None:
    result = subprocess.run([HIRAKU, "data", "check"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert " metrics, " in result.stderr


@pytest.mark.parametrize(
    ("file", "old", "new", "slug"),
    [
        ("metrics_national.yaml", "stated: 4,757万枚", "stated: 4,757万件", "mynumber-card-issued-digital-agency"),
        ("metrics_services.yaml", "stated: 1832.1万人", "stated: 1832.1万件", "mynaportal-registered-users"),
    ],
)
def test_a_figure_printed_in_another_unit_than_its_metric(
    report_copy: Path, file: str, old: str, new: str, slug: str
) -> None:
    path = report_copy / file
    line = _edit(path, old, new)
    with pytest.raises(SeedError) as raised:
        read_report(report_copy)
    assert str(raised.value).startswith(f"{path}:{line}: record {slug!r}, field 'stated': ")
    assert "is printed in 件" in str(raised.value)


def test_a_milestone_of_an_unknown_section(report_copy: Path) -> None:
    path = report_copy / "milestones.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("- section: mynumber-card-smartphone")].count("\n") + 1
    path.write_text(text.replace("- section: mynumber-card-smartphone", "- section: mynumber-card-phone"), "utf-8")
    with pytest.raises(SeedError) as raised:
        read_report(report_copy)
    assert str(raised.value).startswith(f"{path}:{line}: ")
    assert str(raised.value).endswith("field 'section': unknown report section 'mynumber-card-phone'")


def test_a_milestone_needs_its_sentence(report_copy: Path) -> None:
    path = report_copy / "milestones.yaml"
    text = path.read_text(encoding="utf-8")
    quote = "    quote: 2023年2月に引越し手続きのオンライン申請を全自治体で開始しました。\n"
    assert quote in text
    path.write_text(text.replace(quote, "", 1), encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        read_report(report_copy)
    assert "needs its sentence as `source.quote`" in str(raised.value)
