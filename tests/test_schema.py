"""The schema is its own documentation: every type, field and argument says what it is."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
)

from schema import build_schema


def test_every_type_field_and_argument_has_a_description() -> None:
    schema = build_schema()._schema
    missing = []
    for name, named_type in schema.type_map.items():
        if name.startswith("__") or not isinstance(
            named_type, GraphQLObjectType | GraphQLInputObjectType | GraphQLInterfaceType
        ):
            continue
        if not named_type.description:
            missing.append(name)
        for field_name, field in named_type.fields.items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
            missing += [
                f"{name}.{field_name}({a})" for a, arg in getattr(field, "args", {}).items() if not arg.description
            ]
    assert missing == []


def test_the_contract_names_of_the_design_are_in_the_schema() -> None:
    schema = build_schema()._schema
    query = schema.query_type
    assert query is not None
    expected = {
        "node": ("Node", ["id"]),
        "nodes": ("[Node]!", ["ids"]),
        "dataset": ("Dataset!", []),
        "focusAreas": ("[FocusArea!]!", []),
        "initiatives": ("InitiativeConnection!", ["first", "after", "last", "before", "filter", "orderBy"]),
        "initiative": ("Initiative", ["slug"]),
        "metrics": ("MetricConnection!", ["first", "after", "last", "before", "filter", "orderBy"]),
        "metric": ("Metric", ["slug"]),
        "serviceCatalogs": ("[ServiceCatalog!]!", []),
        "services": ("ServiceConnection!", ["first", "after", "last", "before", "filter"]),
        "milestones": ("MilestoneConnection!", ["first", "after", "last", "before", "filter", "orderBy"]),
    }
    for name, (type_name, args) in expected.items():
        field = query.fields[name]
        assert (str(field.type), list(field.args)) == (type_name, args), name
    metric = schema.type_map["Metric"]
    assert isinstance(metric, GraphQLObjectType)
    for name, type_name in {
        "latest": "Observation",
        "observations": "ObservationConnection!",
        "comparisons": "[Comparison!]!",
        "targets": "[Target!]!",
        "components": "[Metric!]!",
        "initiative": "Initiative",
        "source": "Source!",
    }.items():
        assert str(metric.fields[name].type) == type_name, name
    assert list(metric.fields["observations"].args) == [
        "first", "after", "last", "before", "from", "to", "areaCode", "dimensions",
    ]  # fmt: skip


def test_the_committed_schema_file_matches_the_code() -> None:
    committed = (Path(__file__).resolve().parent.parent / "schema.graphql").read_text(encoding="utf-8")
    assert committed == build_schema().as_str() + "\n", "run `make schema` and commit schema.graphql"


# The answers that are a closed set of values: codegen and linters see them as enums (issue 17).
ENUM_FIELDS = {
    ("Area", "kind"): "AreaKind",
    ("Prefecture", "kind"): "AreaKind",
    ("Municipality", "kind"): "AreaKind",
    ("Metric", "unit"): "MetricUnit",
    ("Metric", "kind"): "MetricKind",
    ("Observation", "dateBasis"): "DateBasis",
    ("Comparison", "kind"): "ComparisonKind",
    ("Service", "status"): "ServiceStatus",
    ("SearchResult", "kind"): "SearchKind",
    ("SearchResult", "matchedIn"): "MatchedIn",
    ("Source", "citationKind"): "CitationKind",
    ("Milestone", "status"): "MilestoneStatus",
    ("MissionStatement", "kind"): "MissionStatementKind",
}


def _field_type(type_name: str, field_name: str) -> GraphQLNamedType:
    named = build_schema()._schema.type_map[type_name]
    assert isinstance(named, GraphQLObjectType | GraphQLInterfaceType)
    return get_named_type(named.fields[field_name].type)


def test_enumerable_answers_are_enums_with_a_description_on_every_value() -> None:
    for (type_name, field_name), enum_name in ENUM_FIELDS.items():
        enum = _field_type(type_name, field_name)
        assert isinstance(enum, GraphQLEnumType) and enum.name == enum_name, (type_name, field_name, enum)
        assert [name for name, value in enum.values.items() if not value.description] == [], enum_name


def test_every_enum_value_has_a_description() -> None:
    schema = build_schema()._schema
    enums = [t for n, t in schema.type_map.items() if isinstance(t, GraphQLEnumType) and not n.startswith("__")]
    assert [f"{e.name}.{name}" for e in enums for name, value in e.values.items() if not value.description] == []


def test_the_kinds_of_municipality_filter_by_the_names_area_kind_answers_with() -> None:
    schema = build_schema()._schema
    area_kind, municipality_kind = schema.type_map["AreaKind"], schema.type_map["MunicipalityKind"]
    assert isinstance(area_kind, GraphQLEnumType) and isinstance(municipality_kind, GraphQLEnumType)
    assert set(area_kind.values) == set(municipality_kind.values) | {"PREFECTURE"}
    assert _field_type("Area", "kindLabel").name == "String"


def test_codes_are_answered_as_local_gov_codes() -> None:
    for type_name, field_name in [("Area", "code"), ("Prefecture", "code"), ("Municipality", "code"),
                                  ("Observation", "areaCode")]:  # fmt: skip
        assert _field_type(type_name, field_name).name == "LocalGovCode", (type_name, field_name)


def test_dates_name_the_standard_they_follow() -> None:
    schema = build_schema()._schema
    for name in ("Date", "DateTime"):
        scalar = schema.type_map[name]
        assert isinstance(scalar, GraphQLScalarType)
        assert scalar.specified_by_url == "https://www.rfc-editor.org/rfc/rfc3339#section-5.6", name
