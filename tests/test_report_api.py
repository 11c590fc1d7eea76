"""The report through GraphQL: metrics with sources, milestones by due date, catalogues, texts, node(id)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support import document, graphql


async def _all_milestones(client: httpx.AsyncClient, filter: dict[str, Any]) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        body = await graphql(client, document("milestones_due"), {"filter": filter, "first": 50, "after": after})
        page = body["data"]["milestones"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def test_a_metric_answers_with_its_latest_value_and_source(client: httpx.AsyncClient) -> None:
    body = await graphql(client, document("metric_with_source"), {"slug": "mynaportal-registered-users"})
    metric = body["data"]["metric"]
    latest = metric["latest"]
    assert (latest["exactValue"], latest["displayValue"], latest["approximate"]) == ("64100000", "約6,410万人", True)
    assert latest["date"] == "2023-07-31"
    source = latest["source"]
    assert source["page"] == 20
    assert source["section"].endswith("マイナポータル")
    assert "約6,410万人（2023年7月31日時点）" in source["quote"]
    assert source["figureOwner"] == "デジタル庁"
    assert source["citationKind"] == "PRIMARY"
    assert source["licence"] == "政府標準利用規約（第2.0版）"
    assert source["attribution"].startswith("出典：デジタル庁「デジタル庁 年次報告書（2022年9月 – 2023年8月）」")
    assert "p.20" in source["attribution"]
    assert source["attributionEn"].startswith("Source: デジタル庁, デジタル庁 年次報告書")
    assert {(c["kind"], c["value"], c["stated"]) for c in metric["comparisons"]} >= {("RATIO", 3.6, "前年比で3.6倍超")}
    assert any(c["atLeast"] for c in metric["comparisons"])
    assert metric["initiative"] == {"slug": "mynaportal"}


async def test_a_quoted_national_figure_says_it_is_quoted(client: httpx.AsyncClient) -> None:
    body = await graphql(client, "{ metrics(first: 100) { nodes { slug latest { source { citationKind url } } } } }")
    quoted = [
        m for m in body["data"]["metrics"]["nodes"] if m["latest"] and m["latest"]["source"]["citationKind"] == "QUOTED"
    ]
    assert quoted, "the national figures quoted by press pages keep citationKind quoted"
    assert all(not m["latest"]["source"]["url"].startswith("https://digital.go.jp") for m in quoted)


async def test_a_breakdown_sums_to_its_total(client: httpx.AsyncClient) -> None:
    query = """{ metric(slug: "analog-regulation-clauses-reviewed") {
        latest { exactValue } components { name latest { exactValue } } } }"""
    metric = (await graphql(client, query))["data"]["metric"]
    assert metric["latest"]["exactValue"] == "9669"
    assert len(metric["components"]) == 9
    assert sum(int(c["latest"]["exactValue"]) for c in metric["components"]) == 9669


async def test_targets_carry_their_period(client: httpx.AsyncClient) -> None:
    body = await graphql(client, document("metric_values"), {"slug": "jgrants-subsidies-in-use"})
    targets = body["data"]["metric"]["targets"]
    assert [(t["exactValue"], t["period"]["fiscalYear"], t["period"]["end"]) for t in targets] == [
        ("1100", 2023, "2024-03-31"),
        ("1560", 2024, "2025-03-31"),
    ]


async def test_milestones_due_by_the_end_of_fy2023(client: httpx.AsyncClient) -> None:
    nodes = await _all_milestones(client, {"dueBefore": "2024-03-31"})
    texts = {n["text"] for n in nodes}
    assert "新しいマイナポータル実証β版の段階的リリース 2023年度末まで" in texts
    assert "各府省庁の57システムがガバメントクラウドの利用を開始 2023年度末まで" in texts
    assert "国家資格のオンライン申請等機能 2024年度" not in texts
    assert all(n["period"]["end"] <= "2024-03-31" for n in nodes)
    beta = next(n for n in nodes if n["text"].startswith("新しいマイナポータル実証β版"))
    assert beta["period"] == {
        "text": "2023年度末まで",
        "start": None,
        "end": "2024-03-31",
        "approximate": False,
        "fiscalYear": 2023,
    }
    assert beta["initiative"] == {"slug": "mynaportal"}
    assert beta["source"]["section"].endswith("マイナポータル > 今後の展開（予定）")


async def test_milestones_by_fiscal_year_and_initiative(client: httpx.AsyncClient) -> None:
    fy2024 = await _all_milestones(client, {"fiscalYear": 2024, "initiative": "mynaportal"})
    assert [n["text"] for n in fy2024] == [
        "国家資格のオンライン申請等機能 2024年度",
        "離職票の取得機能 2024年度",
        "戸籍情報連携機能／戸籍振り仮名申請機能 2024年度",
        "旅券（パスポート）の新規申請機能 2024年度",
    ]
    undated = await _all_milestones(client, {"dated": False, "initiative": "mynaportal"})
    assert "マイナポータルAPIを活用した民間サービスの拡大" in {n["text"] for n in undated}
    assert all(n["period"]["start"] is None and n["period"]["end"] is None for n in undated)


async def test_the_disaster_catalogue_states_141_without_inventing_entries(client: httpx.AsyncClient) -> None:
    query = """{ serviceCatalog(slug: "disaster-prevention-dx-service-map") {
        name statedCount asOf entries { totalCount } source { page quote } } }"""
    catalog = (await graphql(client, query))["data"]["serviceCatalog"]
    assert catalog["statedCount"] == 141
    assert catalog["asOf"] == "2023-08-22"
    assert catalog["entries"]["totalCount"] == 0
    assert catalog["source"]["page"] == 34


async def test_catalogues_give_their_lists_in_full(client: httpx.AsyncClient) -> None:
    query = """{ serviceCatalogs { slug statedCount entries(first: 100) { totalCount nodes { name status } }
                 categories { name children { name } } } }"""
    catalogs = {c["slug"]: c for c in (await graphql(client, query))["data"]["serviceCatalogs"]}
    use_cases = catalogs["business-use-cases"]
    assert use_cases["statedCount"] == use_cases["entries"]["totalCount"] == 8
    points = catalogs["mynumber-act-amendment-points"]["entries"]["nodes"]
    assert len(points) == 6
    fields = catalogs["digital-implementation-catalog"]["categories"]
    assert len(fields) == 11
    assert all(field["children"] for field in fields)
    gss = {n["name"]: n["status"] for n in catalogs["gss-adopting-agencies"]["entries"]["nodes"]}
    assert gss["人事院"] == "DONE"
    assert gss["宮内庁"] == "PLANNED"


async def test_the_report_texts(client: httpx.AsyncClient) -> None:
    query = """{ policyGoals { title challenge vision } missionStatements { kind title subtitle }
                 priorityPlan { position title subItems { title } } agencyRoles { position text }
                 reportSections { chapter title } }"""
    data = (await graphql(client, query))["data"]
    assert len(data["policyGoals"]) == 6
    assert data["policyGoals"][0]["title"] == "デジタル化による成長戦略"
    kinds = [m["kind"] for m in data["missionStatements"]]
    assert (kinds.count("MISSION"), kinds.count("VISION"), kinds.count("VALUE")) == (1, 2, 4)
    assert [p["position"] for p in data["priorityPlan"]] == list(range(1, 11))
    assert data["priorityPlan"][0]["title"].startswith("マイナンバーカードとデジタル行政サービスで")
    assert len(data["agencyRoles"]) == 10
    assert any(s["chapter"].endswith("デジタル庁の組織づくり") for s in data["reportSections"])


async def test_node_resolves_every_type(client: httpx.AsyncClient) -> None:
    query = """{ focusAreas { id } initiatives(first: 1) { nodes { id } } metrics(first: 1) { nodes { id } }
                 milestones(first: 1) { nodes { id } } serviceCatalogs { id } services(first: 1) { nodes { id } }
                 policyGoals { id } missionStatements { id } priorityPlan { id } reportSections { id } }"""
    data = (await graphql(client, query))["data"]
    ids = [
        data["focusAreas"][0]["id"],
        data["initiatives"]["nodes"][0]["id"],
        data["metrics"]["nodes"][0]["id"],
        data["milestones"]["nodes"][0]["id"],
        data["serviceCatalogs"][0]["id"],
        data["services"]["nodes"][0]["id"],
        data["policyGoals"][0]["id"],
        data["missionStatements"][0]["id"],
        data["priorityPlan"][0]["id"],
        data["reportSections"][0]["id"],
    ]
    body = await graphql(client, "query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }", {"ids": ids})
    assert "errors" not in body
    assert [n["id"] for n in body["data"]["nodes"]] == ids
    assert [n["__typename"] for n in body["data"]["nodes"]] == [
        "FocusArea",
        "Initiative",
        "Metric",
        "Milestone",
        "ServiceCatalog",
        "Service",
        "PolicyGoal",
        "MissionStatement",
        "PriorityPlanItem",
        "ReportSection",
    ]


async def test_a_target_keeps_the_approximate_period_of_its_wording(client: httpx.AsyncClient) -> None:
    query = """{ metric(slug: "analog-regulation-notice-clauses") {
        targets { stated period { text end approximate } source { quote } } } }"""
    [target] = (await graphql(client, query))["data"]["metric"]["targets"]
    assert target["period"] == {"text": "2023年中を目途", "end": "2023-12-31", "approximate": True}
    assert target["period"]["text"] in target["source"]["quote"]


async def test_timeline_entries_dated_by_a_year_alone_have_that_year(client: httpx.AsyncClient) -> None:
    query = (
        """{ serviceCatalog(slug: "dfft-history") { entries(first: 10) { nodes { period { text start end } } } } }"""
    )
    nodes = (await graphql(client, query))["data"]["serviceCatalog"]["entries"]["nodes"]
    assert [n["period"] for n in nodes] == [
        {"text": "2019", "start": "2019-01-01", "end": "2019-12-31"},
        {"text": "2021", "start": "2021-01-01", "end": "2021-12-31"},
    ]


async def test_a_milestone_keeps_every_period_of_its_wording(client: httpx.AsyncClient) -> None:
    body = await graphql(client, document("initiative_milestones"), {"slug": "disaster-prevention"})
    [item] = [m for m in body["data"]["initiative"]["milestones"] if m["text"].startswith("データ連携基盤の構築検討")]
    assert item["text"] == "データ連携基盤の構築検討 2023年から2025年 着手は2026年頃予定"
    assert [(p["text"], p["start"], p["end"], p["approximate"]) for p in item["periods"]] == [
        ("2023年から2025年", "2023-01-01", "2025-12-31", False),
        ("2026年頃", "2026-01-01", "2026-12-31", True),
    ]
    assert item["period"] == item["periods"][0]


async def test_a_milestone_with_two_fiscal_years_is_due_in_both(client: httpx.AsyncClient) -> None:
    text = "Jグランツ補助金利用数 1,100件（2023年度）、1,560件（2024年度）"
    for year in (2023, 2024):
        nodes = await _all_milestones(client, {"fiscalYear": year, "initiative": "jgrants-gbizid"})
        assert text in {n["text"] for n in nodes}, year
    body = await graphql(client, document("initiative_milestones"), {"slug": "jgrants-gbizid"})
    [item] = [m for m in body["data"]["initiative"]["milestones"] if m["text"] == text]
    assert [(p["text"], p["fiscalYear"]) for p in item["periods"]] == [("2023年度", 2023), ("2024年度", 2024)]


async def test_a_milestone_open_at_the_end_is_due_in_no_fiscal_year(client: httpx.AsyncClient) -> None:
    text = "「テクノロジーマップ」の公表・活用 2023年9月以降公表予定"
    fy2023 = await _all_milestones(client, {"fiscalYear": 2023})
    assert text not in {n["text"] for n in fy2023}
    assert all(n["period"]["end"] is not None for n in fy2023)
    body = await graphql(client, document("initiative_milestones"), {"slug": "digital-regulatory-reform-act"})
    [item] = [m for m in body["data"]["initiative"]["milestones"] if m["text"] == text]
    assert item["period"] == {
        "text": "2023年9月以降",
        "start": "2023-09-01",
        "end": None,
        "approximate": False,
        "fiscalYear": None,
    }


async def test_a_change_from_one_printed_value_to_another_keeps_both(client: httpx.AsyncClient) -> None:
    query = """{ metric(slug: "value-practice-respondent-share") {
        comparisons { kind value baselineValue stated source { quote } } } }"""
    [comparison] = (await graphql(client, query))["data"]["metric"]["comparisons"]
    assert (comparison["kind"], comparison["value"], comparison["baselineValue"]) == ("CHANGE", 91, 85)
    assert "85%から91%へ" in comparison["source"]["quote"]


async def test_an_improvement_printed_in_percent_is_not_read_as_points(client: httpx.AsyncClient) -> None:
    query = """{ metric(slug: "staff-satisfaction-level") { comparisons { kind value stated } } }"""
    [comparison] = (await graphql(client, query))["data"]["metric"]["comparisons"]
    assert comparison == {"kind": "PERCENT_CHANGE", "value": 7, "stated": "2022年5月から11月の半年間で7%改善"}


async def test_printed_values_carry_the_counter_word_of_their_metric(client: httpx.AsyncClient) -> None:
    query = """query($slug: String!) { metric(slug: $slug) { unitLabel
        observations(first: 100) { nodes { date displayValue } } } }"""
    for slug, label in (("mynaportal-registered-users", "人"), ("mynumber-card-issued-digital-agency", "枚")):
        metric = (await graphql(client, query, {"slug": slug}))["data"]["metric"]
        assert metric["unitLabel"] == label
        shown = {n["date"]: n["displayValue"] for n in metric["observations"]["nodes"]}
        assert all(value.endswith(label) for value in shown.values()), shown
    users = (await graphql(client, query, {"slug": "mynaportal-registered-users"}))["data"]["metric"]
    assert {n["date"]: n["displayValue"] for n in users["observations"]["nodes"]}["2022-08-07"] == "1832.1万人"


async def test_metrics_filter_by_the_unit_and_kind_they_answer_with(client: httpx.AsyncClient) -> None:
    """`Metric.unit` answers PERCENT; the filter takes that enum value, as a literal or a variable."""
    query = """query($unit: MetricUnit, $kind: MetricKind) {
      metrics(first: 100, filter: {unit: $unit, kind: $kind}) { totalCount nodes { unit kind } } }"""
    by_name = (await graphql(client, query, {"unit": "PERCENT"}))["data"]["metrics"]
    literal = await graphql(
        client, "{ metrics(first: 100, filter: {unit: PERCENT}) { totalCount nodes { unit kind } } }"
    )
    assert literal["data"]["metrics"] == by_name
    assert by_name["totalCount"] == 17 and {m["unit"] for m in by_name["nodes"]} == {"PERCENT"}
    counts = (await graphql(client, query, {"kind": "COUNT"}))["data"]["metrics"]
    assert counts["totalCount"] >= 60 and {m["kind"] for m in counts["nodes"]} == {"COUNT"}


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        (
            '{ metrics(filter: {unit: "percent"}) { totalCount } }',
            {},
            "Enum 'MetricUnit' cannot represent non-enum value: \"percent\". Did you mean the enum value 'PERCENT'?",
        ),
        (
            "query($unit: String) { metrics(filter: {unit: $unit}) { totalCount } }",
            {"unit": "PERCENT"},
            "Variable '$unit' of type 'String' used in position expecting type 'MetricUnit'.",
        ),
        (
            "query($kind: MetricKind) { metrics(filter: {kind: $kind}) { totalCount } }",
            {"kind": "count"},
            "Variable '$kind' has invalid value: Value 'count' does not exist in 'MetricKind' enum. "
            "Did you mean the enum value 'COUNT'?",
        ),
    ],
)
async def test_the_lower_case_codes_of_unit_and_kind_are_refused_with_the_name_to_send(
    client: httpx.AsyncClient, query: str, variables: dict[str, str], message: str
) -> None:
    body = await graphql(client, query, variables)
    assert [e["message"] for e in body["errors"]] == [message]
    assert body["errors"][0]["extensions"]["code"] in ("GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT")


async def test_an_observation_answers_its_date_basis_and_area_code(client: httpx.AsyncClient) -> None:
    query = """{ metric(slug: "mynaportal-registered-users") { latest { dateBasis areaCode } } }"""
    latest = (await graphql(client, query))["data"]["metric"]["latest"]
    assert latest == {"dateBasis": "STATED", "areaCode": None}
