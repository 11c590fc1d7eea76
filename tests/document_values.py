"""Argument values for generated documents, taken from the loaded data: slugs, codes, IDs, cursors and dates.

The values are harvested by one query (HARVEST) over the real database. Every object of its answer names its type
(`__typename`), so each scalar lands under (type, field): `Metric.slug`, `Prefecture.code`, `MetricEdge.cursor`,
`AreaRanking.date`. An argument then finds its values by name and place in the schema, not from a hand list:
`metric(slug:)` takes `Metric.slug` (the field's own type), `observations(metric:)` and `filter: {initiative:}`
take the slugs of the type the argument is named after, `ranking(date:)` the dates rankings have.
"""

from __future__ import annotations

import random
import string
from collections import defaultdict
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    Undefined,
    get_named_type,
    is_abstract_type,
)

HARVEST = """{
  metrics(first: 100) { __typename edges { __typename cursor } nodes { __typename id slug unit kind
    observations(last: 2) { __typename edges { __typename cursor } nodes { __typename date
      dimensions { __typename name value } } }
    ranking(level: PREFECTURE, first: 1) { __typename date } } }
  initiatives(first: 100) { __typename edges { __typename cursor } nodes { __typename id slug title
    focusArea { __typename id slug name } } }
  milestones(first: 100) { __typename edges { __typename cursor } nodes { __typename id } }
  prefectures { __typename id code name municipalities(first: 3) { __typename edges { __typename cursor }
    nodes { __typename id code name } } }
  municipalities(first: 100, filter: {kind: TOWN}) { __typename edges { __typename cursor } nodes { __typename id } }
  serviceCatalogs { __typename id slug name categories { __typename slug name children { __typename slug } }
    facets { __typename name values } entries(first: 3) { __typename edges { __typename cursor }
    nodes { __typename id name } } }
  services(first: 5) { __typename edges { __typename cursor } }
  search(query: "マイナ", first: 5) { __typename edges { __typename cursor } }
  policyGoals { __typename id } missionStatements { __typename id } priorityPlan { __typename id }
  reportSections { __typename id title }
}"""
"""Rankings ask for the prefecture level only: some metrics have no area values, and those answer with an error
that the harvest passes over (their `ranking` is null, its date unknown)."""

STRING_SCALARS = ("String", "ID", "LocalGovCode", "Date")
INVALID = 0.1  # share of arguments given a value the server refuses (unknown slug, bad cursor, page of 0 …)


class Values:
    """Harvested scalars by (type name, field name), and how to pick an argument's value from them."""

    def __init__(self, schema: GraphQLSchema, found: dict[str, dict[str, list[Any]]], invalid: float = INVALID) -> None:
        self.schema = schema
        self.found = found
        self.invalid = invalid

    def valid(self) -> Values:
        """The same values, never one the server refuses."""
        return Values(self.schema, self.found, invalid=0.0)

    @classmethod
    def from_answer(cls, schema: GraphQLSchema, data: Any) -> Values:
        found: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))

        def walk(value: Any) -> None:
            if isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                typename = value.get("__typename")
                for key, item in value.items():
                    if isinstance(item, dict | list):
                        walk(item)
                    elif typename and key != "__typename" and item is not None and item not in found[typename][key]:
                        found[typename][key].append(item)

        walk(data)
        return cls(schema, {name: dict(fields) for name, fields in found.items()})

    def of(self, type_name: str, field: str) -> list[Any]:
        """Values of `field` of the type, or of the object types that implement it (an interface)."""
        named = self.schema.get_type(type_name)
        names = [type_name]
        if named is not None and is_abstract_type(named):
            names += [t.name for t in self.schema.get_possible_types(named)]
        return [value for name in names for value in self.found.get(name, {}).get(field, [])]

    def named_after(self, name: str) -> str | None:
        """The object type an argument is named after: `metric` → Metric, `catalog` → ServiceCatalog,
        `category` → CatalogCategory, `municipalityCode` → Municipality, `facets` → FacetValues."""
        stem = name.removesuffix("Code").rstrip("s").lower()
        if not stem:
            return None
        for type_name in sorted(self.found):
            lowered = type_name.lower()
            if lowered == stem or lowered.endswith(stem) or lowered.startswith(stem):
                return type_name
        return None

    def pick(self, rng: random.Random, type_: GraphQLInputType, owner: GraphQLNamedType, name: str) -> Any:
        """A JSON value for an argument or input field `name` of type `type_`, asked of `owner` (the type the
        field returns, or the input object holding it); now and then one the server refuses."""
        if isinstance(type_, GraphQLNonNull):
            return self._value(rng, type_.of_type, owner, name)
        if rng.random() < 0.04:
            return None
        return self._value(rng, type_, owner, name)

    def _value(self, rng: random.Random, type_: GraphQLInputType, owner: GraphQLNamedType, name: str) -> Any:
        if isinstance(type_, GraphQLList):
            return [self.pick(rng, type_.of_type, owner, name) for _ in range(rng.randint(1, 3))]
        if isinstance(type_, GraphQLInputObjectType):
            return self.input_object(rng, type_)
        if isinstance(type_, GraphQLEnumType):
            return rng.choice(list(type_.values))
        assert isinstance(type_, GraphQLScalarType)
        invalid = rng.random() < self.invalid
        if type_.name == "Boolean":
            return rng.random() < 0.5
        if type_.name == "Int":
            return self._int(rng, name, invalid)
        if type_.name == "Float":
            return rng.choice([0.5, 1.0, 99.9])
        return self._string(rng, type_.name, owner, name, invalid)

    def input_object(self, rng: random.Random, type_: GraphQLInputObjectType) -> dict[str, Any]:
        chosen: dict[str, Any] = {}
        for field_name, field in type_.fields.items():
            required = isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined
            if required or rng.random() < 0.4:
                chosen[field_name] = self.pick(rng, field.type, type_, field_name)
        return chosen

    def _int(self, rng: random.Random, name: str, invalid: bool) -> int:
        if name in ("first", "last"):
            return rng.choice([0, 101, -1]) if invalid else rng.choice([1, 2, 3, 5, 10])
        if name == "fiscalYear":
            return rng.choice([2022, 2023, 2024, 1999])
        return rng.randint(-1, 20) if invalid else rng.randint(1, 5)

    def _string(self, rng: random.Random, scalar: str, owner: GraphQLNamedType, name: str, invalid: bool) -> str:
        candidates = [] if invalid else self._candidates(scalar, owner, name)
        if candidates:
            value = rng.choice(candidates)
            return _code_form(rng, value) if scalar == "LocalGovCode" else str(value)
        return _refused(rng, scalar, name)

    def _candidates(self, scalar: str, owner: GraphQLNamedType, name: str) -> list[Any]:
        node_type = _node_type(self.schema, owner)
        if name in ("after", "before"):
            return self.of(f"{node_type}Edge", "cursor") or self.of("MetricEdge", "cursor")
        if scalar == "ID":
            return [value for fields in self.found.values() for value in fields.get("id", [])]
        if scalar == "Date":
            return self.of(node_type, name) or self.of("Observation", "date") + self.of("AreaRanking", "date")
        if scalar == "LocalGovCode" and name == "areaCode":
            # The one name of a code argument: the codes of what the field returns, else any area's.
            return self.of(node_type, "code") or self.of("Area", "code")
        named = self.named_after(name)
        field = "code" if scalar == "LocalGovCode" else "slug"
        if named is not None and self.of(named, field):
            return self.of(named, field)
        if named is not None and self.of(named, "name"):  # a facet's or dimension's name
            return self.of(named, "name")
        if self.of(node_type, name):
            return self.of(node_type, name)
        if scalar == "LocalGovCode":
            return self.of("Area", "code")
        if name in ("slug", "code"):
            return self.of(node_type, name)
        titles = self.of("Initiative", "title") + self.of("Prefecture", "name") + self.of("ReportSection", "title")
        return sorted({str(title)[:length] for title in titles for length in (2, 3)})


def _node_type(schema: GraphQLSchema, owner: GraphQLNamedType) -> str:
    """`Metric` for MetricConnection (the type of its nodes), `Metric` for MetricFilter and MetricOrder, else the
    owner's own name."""
    name = owner.name
    if name.endswith("Connection"):
        connection = schema.get_type(name)
        fields = getattr(connection, "fields", {})
        if "nodes" in fields:
            return str(get_named_type(fields["nodes"].type).name)
    for suffix in ("Filter", "Order", "Input"):
        if name.endswith(suffix):
            return name.removesuffix(suffix)
    return name


def _code_form(rng: random.Random, code: Any) -> str:
    """A local government code as users write it: 6 digits, the first 5, or a prefecture's 2."""
    text = str(code)
    forms = [text, text[:5]] + ([text[:2]] if text.endswith("0001") or text[2:5] == "000" else [])
    return rng.choice(forms)


def _refused(rng: random.Random, scalar: str, name: str) -> str:
    """A value of the right type that names nothing, or is not a value of the scalar at all."""
    if scalar == "LocalGovCode":
        return rng.choice(["011001", "99999", "48", "1"])
    if scalar == "Date":
        return rng.choice(["2001-01-01", "2023-02-30", "soon"])
    if scalar == "ID" or name in ("after", "before"):
        return rng.choice(["TWV0cmljOm5vLXN1Y2g", "djE6bWV0cmljOjk5OTk", "!!", ""])
    if name in ("query", "search"):
        return rng.choice(["", "x" * 101, "%_"])
    return "no-such-" + "".join(rng.choice(string.ascii_lowercase) for _ in range(5))
