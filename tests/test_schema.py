"""The schema is its own documentation: every type, field and argument says what it is."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

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
