"""Spot checks: figures printed in the report text are in the API with the report's value.

Each case names a passage as printed in the report (../shared/seed); the expected number is read from that
printed text here, not from the seed files, and compared with what the API serves.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from tests.support import document, graphql

REPORT_TEXT = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_8ca26e264e52f1ea.txt"
SCALES = {"万": Decimal(10_000), "億": Decimal(100_000_000), "兆": Decimal(1_000_000_000_000)}

# (as printed in the report, metric slug, what the printed figure is in the API: observation/comparison/target)
FIGURES = [
    ("累計申請件数（有効申請）97,810,748", "mynumber-card-applications", "observation"),
    ("累計交付枚数94,853,212", "mynumber-card-issued", "observation"),
    ("約6,410万人（2023年7月31日時点）", "mynaportal-registered-users", "observation"),
    ("前年比で3.6倍超", "mynaportal-registered-users", "comparison"),
    ("9,669条項", "analog-regulation-clauses-reviewed", "observation"),
    ("+5,776条項", "analog-regulation-clauses-reviewed", "comparison"),
    ("約3.6兆円", "analog-regulation-review-economic-effect", "observation"),
    ("計357者", "disaster-dx-council-members", "observation"),
    ("約26,300人", "gss-users", "observation"),
    ("465社", "mynumber-card-private-businesses", "observation"),
    ("約5,700万件", "public-funds-account-registrations", "observation"),
    ("57,704,340", "public-funds-account-registrations-dashboard", "observation"),
    ("60.9%", "public-funds-account-registration-rate", "observation"),
    ("161種類", "public-funds-account-benefit-types", "observation"),
    ("1,533件", "specified-public-benefits-designated", "observation"),
    ("全1,788自治体", "local-govs-total", "observation"),
    ("1,100件（2023年度）", "jgrants-subsidies-in-use", "target"),
    ("1,560件（2024年度）", "jgrants-subsidies-in-use", "target"),
    ("57システム", "government-cloud-systems", "target"),
    ("約2,587万件", "e-gov-online-applications", "observation"),
    ("連携先システムも145に", "gbizid-connected-systems", "observation"),
    ("約6,550万件", "health-insurance-card-registrations", "observation"),
    ("4.3倍", "health-insurance-card-registrations", "comparison"),
    ("65.1%", "childcare-nursing-care-online-municipality-rate", "observation"),
    ("70.4%", "public-funds-account-using-municipality-rate", "observation"),
    ("約38万件", "moving-procedure-online-applications", "observation"),
    ("+86件", "government-cloud-migrations", "comparison"),
    ("71%", "mynumber-card-holding-rate", "observation"),
    ("1,013名", "agency-staff", "observation"),
    ("136名", "new-private-sector-experts-joined", "observation"),
    ("2022年度から3.1倍", "jpki-service-provider-count", "comparison"),
    ("2,095", "analog-regulation-clauses-storage-media", "observation"),
]


def _flat(text: str) -> str:
    """The text as a reader sees it: NFKC, without the extraction's bold marks, spaces and line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("**", ""))


def _printed_value(printed: str) -> Decimal:
    """The number a printed figure states: 「約6,410万人」 -> 64100000, 「3.6倍超」 -> 3.6."""
    flat = _flat(printed)
    flat = re.sub(r"[（(].*?[)）]", "", flat)  # a date or period in brackets is not the figure
    flat = re.sub(r"^.*?(から|で|も)(?=[+\d])", "", flat)  # 「前年比で3.6倍」, 「2022年度から3.1倍」
    flat = re.sub(r"^[^\d+]*(?=[+\d])", "", flat)  # a label before the figure
    match = re.match(r"\+?(?P<number>\d[\d,]*(?:\.\d+)?)(?P<scale>[万億兆])?", flat)
    assert match, printed
    value = Decimal(match.group("number").replace(",", ""))
    return value * SCALES.get(match.group("scale") or "", Decimal(1))


@pytest.fixture(scope="module")
def report_text() -> str:
    if not REPORT_TEXT.exists():
        pytest.skip(f"the report text is not beside the checkout ({REPORT_TEXT})")
    return _flat(REPORT_TEXT.read_text(encoding="utf-8"))


def test_there_are_at_least_30_spot_checks() -> None:
    assert len(FIGURES) >= 30


@pytest.mark.parametrize(("printed", "slug", "where"), FIGURES)
async def test_a_printed_figure_is_served_with_the_reports_value(
    client: httpx.AsyncClient, report_text: str, printed: str, slug: str, where: str
) -> None:
    assert _flat(printed) in report_text, f"{printed!r} is not printed in the report"
    expected = _printed_value(printed)
    body = await graphql(client, document("metric_values"), {"slug": slug})
    metric = body["data"]["metric"]
    assert metric is not None, f"no metric {slug!r}"
    served = {
        "observation": [n["exactValue"] for n in metric["observations"]["nodes"]],
        "comparison": [c["exactValue"] for c in metric["comparisons"]],
        "target": [t["exactValue"] for t in metric["targets"]],
    }[where]
    assert expected in {Decimal(value) for value in served}, f"{slug}: {printed!r} -> {expected}, served {served}"
