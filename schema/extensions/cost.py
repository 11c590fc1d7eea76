"""NodeCost: refuse before execution a query that could return more than MAX_NODES nodes (GitHub's model)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    get_named_type,
    is_composite_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from strawberry.extensions import SchemaExtension

from schema.errors import PublicError
from schema.extensions.introspection import introspection_list_sizes
from schema.limits import (
    DEFAULT_PAGE_SIZE,
    LIST_SIZE_ESTIMATE,
    LIST_SIZES,
    MAX_NODES,
    MAX_PAGE_SIZE,
    RANKING_COSTS,
    RANKING_PAGE_SIZE,
)

RANKING = ("Metric", "ranking")
"""The field that ranks every area of a level (priced by RANKING_COSTS) and pages its ranks (RANKING_PAGE_SIZE)."""


class QueryTooCostly(PublicError):
    code = "QUERY_TOO_COSTLY"


class NodeCost(SchemaExtension):
    """Computes the estimate with the request's variables as GraphQL coerces them (defaults included); returns it
    in `extensions.cost` when asked."""

    nodes: int | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operation = _operation(document.definitions, context.operation_name) if document else None
        schema = context.schema._schema
        if document is not None and operation is not None:
            self.nodes = estimate_nodes(schema, document.definitions, operation, context.variables or {})
            if self.nodes is not None and self.nodes > MAX_NODES:
                raise QueryTooCostly(
                    f"This query could return up to {self.nodes} nodes (the product of first/last along each "
                    f"path of lists, and what rankings read); the limit is {MAX_NODES}. Ask for smaller pages."
                )
        yield

    def get_results(self) -> dict[str, Any]:
        wanted = (self.execution_context.operation_extensions or {}).get("cost")
        if not wanted or self.nodes is None:
            return {}
        return {"cost": {"nodes": self.nodes, "limit": MAX_NODES}}


def estimate_nodes(
    schema: GraphQLSchema, definitions: Any, operation: OperationDefinitionNode, variables: dict[str, Any]
) -> int | None:
    """The estimate of an operation with the request's variables; None when they cannot be coerced (the execution
    refuses them itself, before any resolver runs)."""
    coerced = get_variable_values(schema, operation.variable_definitions or (), variables)
    if isinstance(coerced, list):
        return None
    return Estimate(schema, definitions, coerced).operation(operation)


def _operation(definitions: Any, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if operations else None
    return next((o for o in operations if o.name and o.name.value == name), None)


class Estimate:
    """Nodes per object of a type, for a selection: computed once per fragment (its cost does not depend on where it
    is spread, only on how many objects it is spread on), so the estimate is linear in the document."""

    def __init__(self, schema: GraphQLSchema, definitions: Any, variables: VariableValues) -> None:
        self.schema = schema
        self.fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
        self.variables = variables
        self.introspection = introspection_list_sizes(schema)
        self.spread: dict[str, int] = {}
        self.spreading: set[str] = set()

    def operation(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        return self.selection(operation.selection_set, root) if root else 0

    def selection(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType) -> int:
        if selection_set is None:
            return 0
        total = 0
        # Aliases asking a ranking with the same arguments of the same object are one load (loaders batch by key).
        priced: set[str] = set()
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent, priced)
            elif isinstance(node, InlineFragmentNode):
                condition = self.schema.get_type(node.type_condition.name.value) if node.type_condition else parent
                total += self.selection(node.selection_set, condition or parent)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value, parent)
        return total

    def fragment(self, name: str, parent: GraphQLNamedType) -> int:
        if name not in self.spread and name in self.fragments and name not in self.spreading:
            fragment = self.fragments[name]
            self.spreading.add(name)  # validation refuses cycles; this only keeps the walk finite
            condition = self.schema.get_type(fragment.type_condition.name.value)
            self.spread[name] = self.selection(fragment.selection_set, condition or parent)
            self.spreading.discard(name)
        return self.spread.get(name, 0)

    def field(self, node: FieldNode, parent: GraphQLNamedType, priced: set[str]) -> int:
        definition = self.definition(parent, node.name.value)
        if definition is None:  # __typename, or a name validation refused
            return 0
        arguments = self.arguments(definition, node)
        work = self.work(parent, node.name.value, arguments, priced)
        named = get_named_type(definition.type)
        if is_connection(named):
            size = page_size(arguments, RANKING_PAGE_SIZE if (parent.name, node.name.value) == RANKING else None)
        elif _is_list(definition.type) and is_composite_type(named) and not is_connection(parent):
            # The `edges` and `nodes` of a connection (and a ranking's `entries`) are its page, counted by the
            # connection itself.
            size = self.list_size(parent, node.name.value, arguments)
        elif named.name.startswith("__") and is_composite_type(named) and node.name.value != "ofType":
            # Introspection answers objects in objects (the schema, a field's type): each counts, as what it
            # returns is as large as data (aliased walks of the schema answered megabytes). A type's `ofType`
            # chain is null after a wrapper or two, however deep it is asked: it counts nothing.
            size = 1
        else:
            return work + self.selection(node.selection_set, named)
        return work + size * (1 + self.selection(node.selection_set, named))

    def definition(self, parent: GraphQLNamedType, name: str) -> GraphQLField | None:
        if parent is self.schema.query_type and name in ("__schema", "__type"):
            return SchemaMetaFieldDef if name == "__schema" else TypeMetaFieldDef
        fields = parent.fields if isinstance(parent, GraphQLObjectType) else getattr(parent, "fields", {})
        field: GraphQLField | None = fields.get(name)
        return field

    def arguments(self, definition: GraphQLField, node: FieldNode) -> dict[str, Any]:
        """The field's arguments as its resolver gets them: literals and variables coerced, defaults filled in."""
        try:
            return get_argument_values(definition, node, self.variables)
        except GraphQLError:  # refused when the field is resolved; it returns nothing
            return {}

    def list_size(self, parent: GraphQLNamedType, name: str, arguments: dict[str, Any]) -> int:
        ids = arguments.get("ids")
        if isinstance(ids, list):
            return len(ids)
        if parent.name.startswith("__"):
            return self.introspection.get(f"{parent.name}.{name}", LIST_SIZE_ESTIMATE)
        return LIST_SIZES.get(f"{parent.name}.{name}", LIST_SIZES.get(name, LIST_SIZE_ESTIMATE))

    def work(self, parent: GraphQLNamedType, name: str, arguments: dict[str, Any], priced: set[str]) -> int:
        """What a resolver reads for each object beyond the nodes it returns: a ranking ranks every area."""
        if (parent.name, name) != RANKING:
            return 0
        key = f"{name}{sorted(_code_named_once(arguments).items(), key=repr)!r}"
        if key in priced:
            return 0
        priced.add(key)
        level = arguments.get("level")
        return RANKING_COSTS.get(str(getattr(level, "name", level)), max(RANKING_COSTS.values()))


def _code_named_once(arguments: dict[str, Any]) -> dict[str, Any]:
    """A ranking's `prefecture` is the deprecated name of its `areaCode`: the same ranking under either name is one
    load. Both names at once is refused by the resolver, so it is priced as given."""
    if arguments.get("prefecture") is not None and arguments.get("areaCode") is None:
        return {**arguments, "areaCode": arguments["prefecture"], "prefecture": None}
    return arguments


def is_connection(type_: GraphQLNamedType) -> bool:
    """A page of a list (Relay): `…Connection`, or an object with a page besides, such as `AreaRanking`."""
    return type_.name.endswith("Connection") or (isinstance(type_, GraphQLObjectType) and "pageInfo" in type_.fields)


def page_size(arguments: dict[str, Any], default: int | None = None) -> int:
    """The page the resolver would return: sizes outside 1..MAX_PAGE_SIZE are refused there, with the range in the
    message, so here they count as the largest page (too large) or as nothing (too small)."""
    given = [arguments.get(name) for name in ("first", "last")]
    sizes = [size for size in given if isinstance(size, int) and not isinstance(size, bool)]
    if not sizes:
        return DEFAULT_PAGE_SIZE if default is None else default
    return max(0, min(max(sizes), MAX_PAGE_SIZE))


def _is_list(type_: GraphQLOutputType) -> bool:
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    return isinstance(inner, GraphQLList)
