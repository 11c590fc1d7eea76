"""The schema is its own documentation: every type, field and argument says what it is."""

from __future__ import annotations

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
    sdl = build_schema().as_str()
    for name in (
        "node(id: ID!): Node",
        "nodes(ids: [ID!]!): [Node]!",
        "dataset: Dataset!",
        "focusAreas: [FocusArea!]!",
        "initiative(slug: String!): Initiative",
        "metric(slug: String!): Metric",
        "serviceCatalogs: [ServiceCatalog!]!",
        "latest: Observation",
        "comparisons: [Comparison!]!",
        "targets: [Target!]!",
        "components: [Metric!]!",
    ):
        assert name in sdl, name
