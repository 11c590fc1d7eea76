"""The report's plain text beside the checkout (../shared/seed), flattened as a reader sees it."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

REPORT_TEXT = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_8ca26e264e52f1ea.txt"


def flat(text: str) -> str:
    """NFKC, without the extraction's bold marks, spaces and line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("**", ""))


def read_report_text() -> str:
    """The flattened report text; the test is skipped when it is not beside the checkout."""
    if not REPORT_TEXT.exists():
        pytest.skip(f"the report text is not beside the checkout ({REPORT_TEXT})")
    return flat(REPORT_TEXT.read_text(encoding="utf-8"))
