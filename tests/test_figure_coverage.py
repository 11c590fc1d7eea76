"""scripts/figure_coverage.py over the report text: no number with a unit is unaccounted, and chapter 1's pages
on the マイナンバー制度 (p.11) are held by the milestones and sections that state them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.report_text import REPORT_TEXT

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "figure_coverage.py"


@pytest.fixture(scope="module")
def verdicts() -> str:
    if not REPORT_TEXT.exists():
        pytest.skip(f"the report text is not beside the checkout ({REPORT_TEXT})")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(REPORT_TEXT), "--all"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_no_number_with_a_unit_is_unaccounted(verdicts: str) -> None:
    assert "unaccounted" not in verdicts
    assert "held:" in verdicts.split("numbers in the report text:")[1]


@pytest.mark.parametrize(
    ("line", "printed", "holder"),
    [
        (359, "12桁", "report section mynumber-system"),
        (404, "11月", "milestone mynumber-linkage-review:1"),
        (454, "365日", "report section mynumber-card-merits-and-safety"),
        (465, "2月", "milestone mynumber-card-online-procedures:1"),
        (494, "5月", "milestone mynumber-card-smartphone:1"),
        (890, "2023年", "milestone data-infrastructure:5"),
        (891, "2023年", "milestone data-infrastructure:6"),
        (1681, "26日", "milestone ai:4"),
        (1805, "85%", "metric value-practice-respondent-share (baseline value)"),
    ],
)
def test_a_number_is_held_by_the_record_that_states_it(verdicts: str, line: int, printed: str, holder: str) -> None:
    lines = [v.split(None, 2) for v in verdicts.splitlines() if v.strip().startswith(f"{line} ")]
    assert [printed, f"held: {holder}"] in [[parts[1], parts[2].strip()] for parts in lines if len(parts) == 3]
