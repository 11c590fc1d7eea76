"""What people type, and what each must find among the first three results of search."""

from __future__ import annotations

import httpx
import pytest

from tests.support import graphql

SEARCH = """query($query: String!, $kinds: [SearchKind!]) {
  search(query: $query, kinds: $kinds, first: 3) { totalCount nodes { kind title } }
}"""

# (typed, kind, title): `title` must be among the first three results, of that kind.
QUERIES = [
    # Kanji, hiragana, katakana, half-width, as they are printed
    ("防災", "Initiative", "防災"),
    ("ぼうさい", "Initiative", "防災"),
    ("ボウサイ", "Initiative", "防災"),
    ("ﾎﾞｳｻｲ", "Initiative", "防災"),
    ("ぼうさ", "Initiative", "防災"),
    ("まいなぽーたる", "Initiative", "マイナポータル"),
    ("ﾏｲﾅﾎﾟｰﾀﾙ", "Initiative", "マイナポータル"),
    ("Jｸﾞﾗﾝﾂ", "Initiative", "Jグランツ・GビズID"),
    ("ｅ－ｇｏｖ", "Initiative", "e-Gov"),
    ("教育", "Initiative", "教育"),
    ("こども", "Initiative", "こども"),
    ("公金受取口座", "Initiative", "公金受取口座"),
    ("こうきんうけとりこうざ", "Initiative", "公金受取口座"),
    ("ガバメントクラウ", "Initiative", "ガバメントクラウド"),
    ("アクセシビリティ", "Initiative", "デザインシステム・アクセシビリティ"),
    ("ガバメントソリューション", "Initiative", "ガバメントソリューションサービス (GSS)"),
    ("住民票", "Metric", "住民票写しコンビニ交付率"),
    ("ISMAP", "Metric", "ISMAP登録クラウドサービス数"),
    ("アナログ規制", "Metric", "アナログ規制を定める法令の条項"),
    ("組織サーベイ", "ReportSection", "組織サーベイの実施"),
    ("パスポート", "Service", "パスポートオンライン申請機能"),
    ("生成AI", "ServiceCatalog", "生成AIの活用について検討している業務の例"),
    ("DFFT", "ServiceCatalog", "History of DFFT"),
    # Every kind of content: priority plan, report sections, policy goals, mission, roles, focus areas, areas
    ("偽情報", "PriorityPlanItem", "インターネット上の偽情報対策等を推進する"),
    ("オールハンズ", "ReportSection", "組織文化"),
    ("経営企画室", "ReportSection", "経営企画室の設置"),
    ("司令塔", "ReportSection", "デジタル庁は司令塔として取組を牽引"),
    ("重点計画", "ReportSection", "デジタル社会の実現に向けた「重点計画」を策定"),
    ("国際戦略", "PolicyGoal", "DFFTの推進を始めとする国際戦略"),
    ("誰一人取り残されない", "MissionStatement", "誰一人取り残されない、人に優しいデジタル化を"),
    ("全体設計", "AgencyRole", "目指すデジタル社会の全体設計を行い、国民が体感できるサービスを早期に実現します。"),
    ("強靱", "FocusArea", "安全・安心で強靱なデジタル基盤の実現"),
    ("札幌", "Municipality", "札幌市"),
    ("さいたま", "Municipality", "さいたま市"),
    ("東京都", "Prefecture", "東京都"),
    # Romaji: keyboard Hepburn, with long vowels, without them
    ("bousai", "Initiative", "防災"),
    ("bōsai", "Initiative", "防災"),
    ("bosai", "Initiative", "防災"),
    ("mainapotaru", "Initiative", "マイナポータル"),
    ("kyouiku", "Initiative", "教育"),
    ("kodomo", "Initiative", "こども"),
    ("koukinuketorikouza", "Initiative", "公金受取口座"),
    # English: the Agency's names and hiraku's renderings
    ("mynaportal", "Initiative", "マイナポータル"),
    ("Myna Portal", "Initiative", "マイナポータル"),
    ("jgrants", "Initiative", "Jグランツ・GビズID"),
    ("gbizid", "Initiative", "Jグランツ・GビズID"),
    ("my number card", "Initiative", "マイナンバーカード普及"),
    ("egov", "Initiative", "e-Gov"),
    ("e-gov", "Initiative", "e-Gov"),
    ("AI", "Initiative", "AI"),
    ("disaster", "Initiative", "防災"),
    ("government cloud", "Initiative", "ガバメントクラウド"),
    ("public funds", "Initiative", "公金受取口座"),
    ("education", "Initiative", "教育"),
    ("invoice", "Initiative", "デジタルインボイス"),
    ("visit japan", "Initiative", "Visit Japan Web"),
    ("analog regulation", "Metric", "アナログ規制見直し条項数"),
    ("generative ai", "ServiceCatalog", "生成AIの活用について検討している業務の例"),
    ("sapporo", "Municipality", "札幌市"),
    ("saitama", "Prefecture", "埼玉県"),
    ("chuo", "Municipality", "中央区"),
    # Kanji and okurigana variants, 「・」, and the names people use (seeds/report/synonyms.yaml)
    ("引っ越し", "Metric", "引越し手続きオンライン申請数"),
    ("引越し", "Service", "引越し手続きオンラインサービス"),
    ("取り組みを牽引", "ReportSection", "デジタル庁は司令塔として取組を牽引"),
    ("掲示", "Metric", "見直しの決定した条項数（書面揭示）"),
    ("書面掲示", "Service", "書面揭示"),
    ("德島", "Prefecture", "徳島県"),
    ("髙知", "Prefecture", "高知県"),
    ("大山﨑", "Municipality", "大山崎町"),
    ("ベースレジストリ", "Milestone", "法人ベース・レジストリを、ワンスオンリーサービス視点で促進"),
    ("マイナ保険証", "Metric", "健康保険証利用登録 累計登録件数"),
    ("マイナカード", "Initiative", "マイナンバーカード普及"),
    ("ガバクラ", "Initiative", "ガバメントクラウド"),
    ("イーガブ", "Initiative", "e-Gov"),
    ("デジ田", "Initiative", "デジタル田園都市国家構想"),
    ("臨調", "Initiative", "デジタル臨時行政調査会"),
    # One character wrong, extra or missing
    ("マイナポータk", "Initiative", "マイナポータル"),
    ("ガバメンントクラウド", "Initiative", "ガバメントクラウド"),
    ("アクセシビティ", "Initiative", "デザインシステム・アクセシビリティ"),
    ("mynaportl", "Initiative", "マイナポータル"),
]


def type_name(kind: str) -> str:
    """The type name a `SearchKind` stands for (FOCUS_AREA is FocusArea), as the table above is written."""
    return "".join(word.capitalize() for word in kind.split("_"))


@pytest.mark.parametrize(("typed", "kind", "title"), QUERIES)
async def test_what_people_type_finds_the_object_in_the_top_three(
    client: httpx.AsyncClient, typed: str, kind: str, title: str
) -> None:
    body = await graphql(client, SEARCH, {"query": typed})
    assert "errors" not in body, body
    top = [(type_name(n["kind"]), n["title"]) for n in body["data"]["search"]["nodes"]]
    assert (kind, title) in top, top


def test_there_are_at_least_sixty_queries() -> None:
    assert len(QUERIES) >= 60


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("引っ越し", "2023年2月に引越し手続きのオンライン申請を全自治体で開始しました。"),
        ("android", "スマートフォンに電子証明書を搭載するサービスを、2023年5月にAndroid端末で開始しました。"),
        ("個別データの点検", "個別データの点検が必要とされた機関は、原則として11月末までに点検を実施する予定です。"),
    ],
)
async def test_the_steps_of_chapter_1_are_found_among_milestones(
    client: httpx.AsyncClient, typed: str, title: str
) -> None:
    """Milestones of report sections (chapter 1) are indexed like those of initiatives."""
    body = await graphql(client, SEARCH, {"query": typed, "kinds": ["MILESTONE"]})
    assert "errors" not in body, body
    assert ("MILESTONE", title) in [(n["kind"], n["title"]) for n in body["data"]["search"]["nodes"]]
