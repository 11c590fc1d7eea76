"""The period parser on every date expression of the report's 今後の展開 and its other planned items."""

from __future__ import annotations

import datetime as dt

import pytest

from seeds.periods import Period, find_period, find_periods

D = dt.date
PROMULGATED = D(2023, 6, 16)  # デジタル規制改革推進の一括法, 「2023年6月16日公布」

CASES = [
    # (text as printed in the report, the expression, start, end, approximate)
    ("新しいマイナポータル実証β版の段階的リリース 2023年度末まで", "2023年度末まで", None, D(2024, 3, 31), False),
    ("給与所得の源泉徴収票の自動入力機能 2023年1月", "2023年1月", D(2023, 1, 1), D(2023, 1, 31), False),
    ("公的給付受給者へのお知らせ・オンライン申請機能 2023年末まで", "2023年末まで", None, D(2023, 12, 31), False),
    ("国家資格のオンライン申請等機能 2024年度", "2024年度", D(2024, 4, 1), D(2025, 3, 31), False),
    ("デジタル認証・署名アプリのリリース 2024年度中予定", "2024年度中", D(2024, 4, 1), D(2025, 3, 31), False),
    (
        "2026年3月末までに地方自治体の基幹業務システムをガバメントクラウドを活用した標準準拠システムへ移行することを目指す",
        "2026年3月末までに",
        None,
        D(2026, 3, 31),
        False,
    ),
    (
        "2026年1月を目途として公共サービスメッシュをリリースすべく検討を進め、",
        "2026年1月を目途",
        D(2026, 1, 1),
        D(2026, 1, 31),
        True,
    ),
    (
        "アドレス・ベース・レジストリをパイロットから本格運用に展開 2025年度",
        "2025年度",
        D(2025, 4, 1),
        D(2026, 3, 31),
        False,
    ),
    (
        "Jグランツ補助金利用数 1,100件（2023年度）、1,560件（2024年度）",
        "2023年度",
        D(2023, 4, 1),
        D(2024, 3, 31),
        False,
    ),
    (
        "安定的な運用と柔軟なリソース活用を可能とするガバメントクラウドへの移行 2023年度中",
        "2023年度中",
        D(2023, 4, 1),
        D(2024, 3, 31),
        False,
    ),
    (
        "アナログ規制を定める通知・通達等2500条項について、2023年中を目途とした見直しを実施",
        "2023年中を目途",
        D(2023, 1, 1),
        D(2023, 12, 31),
        True,
    ),
    ("「テクノロジーマップ」の公表・活用 2023年9月以降公表予定", "2023年9月以降", D(2023, 9, 1), None, False),
    ("標識、利用料金等の掲示のデジタル化 公布後1年以内", "公布後1年以内", PROMULGATED, D(2024, 6, 15), False),
    ("公示送達等のデジタル化 公布後3年以内", "公布後3年以内", PROMULGATED, D(2026, 6, 15), False),
    ("…全国展開に先駆けて、2023年度中に希望する自治体で実施", "2023年度中", D(2023, 4, 1), D(2024, 3, 31), False),
    (
        "2024年度以降にシステム改善や自治体システムの標準化の取組の状況等を踏まえながら",
        "2024年度以降",
        D(2024, 4, 1),
        None,
        False,
    ),
    (
        "教育データの相互運用性確保のためのアーキテクチャの検討 2025年度まで",
        "2025年度まで",
        None,
        D(2026, 3, 31),
        False,
    ),
    (
        "データ連携基盤の構築検討 2023年から2025年 着手は2026年頃予定",
        "2023年から2025年",
        D(2023, 1, 1),
        D(2025, 12, 31),
        False,
    ),
    ("モビリティWG開始 2023年秋頃", "2023年秋頃", D(2023, 9, 1), D(2023, 11, 30), True),
    ("産業用データ連携基盤の開発・実証 2023年から2025年頃", "2023年から2025年頃", D(2023, 1, 1), D(2025, 12, 31), True),
    ("金融GIFの改善及び拡大検討 2024年から2025年頃 実証", "2024年から2025年頃", D(2024, 1, 1), D(2025, 12, 31), True),
    ("宮内庁 2023年9月", "2023年9月", D(2023, 9, 1), D(2023, 9, 30), False),
    ("カジノ管理委員会 2024年4月", "2024年4月", D(2024, 4, 1), D(2024, 4, 30), False),
    (
        "各府省庁の57システムがガバメントクラウドの利用を開始 2023年度末まで",
        "2023年度末まで",
        None,
        D(2024, 3, 31),
        False,
    ),
    ("…窓口DXSaaSが、ガバメントクラウド上で運用開始 2023年秋から", "2023年秋から", D(2023, 9, 1), None, False),
    ("…すべての地方公共団体向けの説明会を実施 2023年7月以降継続的に実施", "2023年7月以降", D(2023, 7, 1), None, False),
    # Expressions elsewhere in the report.
    ("2024年6月までを目途にアナログ規制を一掃", "2024年6月までを目途", None, D(2024, 6, 30), True),
    ("2023年内に工程表策定", "2023年内", D(2023, 1, 1), D(2023, 12, 31), False),
    ("2023年8月22日時点", "2023年8月22日", D(2023, 8, 22), D(2023, 8, 22), False),
    ("2023年度〜2025年度", "2023年度〜2025年度", D(2023, 4, 1), D(2026, 3, 31), False),
    ("全角の２０２４年度も読む", "2024年度", D(2024, 4, 1), D(2025, 3, 31), False),
]


@pytest.mark.parametrize(("text", "expression", "start", "end", "approximate"), CASES)
def test_report_expressions(
    text: str, expression: str, start: dt.date | None, end: dt.date | None, approximate: bool
) -> None:
    assert find_period(text, promulgated=PROMULGATED) == Period(expression, start, end, approximate)


def test_a_date_that_only_qualifies_a_noun_is_not_a_due_date() -> None:
    assert find_period("2023年4月に設立されたこども家庭庁へ事業を移管") is None


@pytest.mark.parametrize("text", ["マイナポータルAPIを活用した民間サービスの拡大", "新規機能の順次リリース"])
def test_items_without_a_readable_period_keep_a_null_range(text: str) -> None:
    assert find_period(text) is None


def test_after_promulgation_without_its_date_keeps_the_text_and_no_range() -> None:
    assert find_period("公布後1年以内") == Period("公布後1年以内", None, None)


@pytest.mark.parametrize(
    ("period", "fiscal_year"),
    [
        (Period("2023年度末まで", None, D(2024, 3, 31)), 2023),
        (Period("2024年1月", D(2024, 1, 1), D(2024, 1, 31)), 2023),
        (Period("2024年4月", D(2024, 4, 1), D(2024, 4, 30)), 2024),
    ],
)
def test_the_fiscal_year_is_the_one_the_period_ends_in(period: Period, fiscal_year: int) -> None:
    assert period.fiscal_year == fiscal_year


@pytest.mark.parametrize("text", ["「テクノロジーマップ」の公表・活用 2023年9月以降公表予定", "運用開始 2023年秋から"])
def test_a_period_open_at_the_end_is_due_in_no_fiscal_year(text: str) -> None:
    period = find_period(text)
    assert period is not None and period.start is not None and period.end is None
    assert period.fiscal_year is None


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        (
            "データ連携基盤の構築検討 2023年から2025年 着手は2026年頃予定",
            [
                Period("2023年から2025年", D(2023, 1, 1), D(2025, 12, 31)),
                Period("2026年頃", D(2026, 1, 1), D(2026, 12, 31), approximate=True),
            ],
        ),
        (
            "Jグランツ補助金利用数 1,100件（2023年度）、1,560件（2024年度）",
            [Period("2023年度", D(2023, 4, 1), D(2024, 3, 31)), Period("2024年度", D(2024, 4, 1), D(2025, 3, 31))],
        ),
    ],
)
def test_every_period_of_the_wording_is_kept(text: str, periods: list[Period]) -> None:
    assert find_periods(text) == periods
    assert find_period(text) == periods[0]


@pytest.mark.parametrize(("text", "year"), [("2019", 2019), ("2021", 2021), (" 2021 ", 2021)])
def test_a_timeline_year_printed_alone_is_that_year(text: str, year: int) -> None:
    assert find_period(text) == Period(text.strip(), D(year, 1, 1), D(year, 12, 31))


def test_a_year_inside_other_text_is_not_a_period() -> None:
    assert find_period("2500条項について") is None
