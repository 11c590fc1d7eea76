"""NodeCost: refuse before execution a query that could return more than MAX_NODES nodes (GitHub's model)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_composite_type,
)
from strawberry.extensions import SchemaExtension

from schema.errors import PublicError
from schema.limits import DEFAULT_PAGE_SIZE, LIST_SIZE_ESTIMATE, LIST_SIZES, MAX_NODES, MAX_PAGE_SIZE


class QueryTooCostly(PublicError):
    code = "QUERY_TOO_COSTLY"


class NodeCost(SchemaExtension):
    """Computes the estimate with the request's variables; returns it in `extensions.cost` when asked."""

    nodes: int | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            operation = _operation(document.definitions, context.operation_name)
            if operation is not None:
                fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
                variables = {**_defaults(operation), **(context.variables or {})}
                estimate = Estimate(context.schema._schema, fragments, variables)
                root = context.schema._schema.get_root_type(operation.operation)
                self.nodes = estimate.selection(operation.selection_set, root, 1) if root else 0
                if self.nodes > MAX_NODES:
                    raise QueryTooCostly(
                        f"This query could return up to {self.nodes} nodes (the product of first/last along each "
                        f"path of lists); the limit is {MAX_NODES}. Ask for smaller pages."
                    )
        yield

    def get_results(self) -> dict[str, Any]:
        wanted = (self.execution_context.operation_extensions or {}).get("cost")
        if not wanted or self.nodes is None:
            return {}
        return {"cost": {"nodes": self.nodes, "limit": MAX_NODES}}


def _defaults(operation: OperationDefinitionNode) -> dict[str, Any]:
    """Default values of the operation's variables (only integers matter to the estimate)."""
    return {
        definition.variable.name.value: int(definition.default_value.value)
        for definition in operation.variable_definitions or ()
        if isinstance(definition.default_value, IntValueNode)
    }


def _operation(definitions: Any, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if operations else None
    return next((o for o in operations if o.name and o.name.value == name), None)


class Estimate:
    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], variables: Any) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def selection(self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType, multiplier: int) -> int:
        if selection_set is None:
            return 0
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent, multiplier)
            elif isinstance(node, InlineFragmentNode):
                condition = self.schema.get_type(node.type_condition.name.value) if node.type_condition else parent
                total += self.selection(node.selection_set, condition or parent, multiplier)
            elif isinstance(node, FragmentSpreadNode) and node.name.value in self.fragments:
                fragment = self.fragments[node.name.value]
                condition = self.schema.get_type(fragment.type_condition.name.value)
                total += self.selection(fragment.selection_set, condition or parent, multiplier)
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType, multiplier: int) -> int:
        if not isinstance(parent, GraphQLObjectType) and not hasattr(parent, "fields"):
            return 0
        definition = getattr(parent, "fields", {}).get(node.name.value)
        if definition is None:  # __typename and introspection
            return 0
        named = get_named_type(definition.type)
        if named.name.endswith("Connection"):
            size = self.page_size(node)
        elif _is_list(definition.type) and is_composite_type(named) and not parent.name.endswith("Connection"):
            # The `edges` and `nodes` of a connection are its page, counted by the connection itself.
            size = self.list_size(node)
        else:
            return self.selection(node.selection_set, named, multiplier)
        count = multiplier * size
        return count + self.selection(node.selection_set, named, count)

    def page_size(self, node: FieldNode) -> int:
        """The page the resolver would return: sizes outside 1..MAX_PAGE_SIZE are refused there, with the range
        in the message, so here they count as the largest page (too large) or as nothing (too small)."""
        sizes = [self.argument(node, name) for name in ("first", "last")]
        given = [s for s in sizes if isinstance(s, int) and not isinstance(s, bool)]
        if not given:
            return DEFAULT_PAGE_SIZE
        return max(0, min(max(given), MAX_PAGE_SIZE))

    def list_size(self, node: FieldNode) -> int:
        ids = self.argument(node, "ids")
        if isinstance(ids, list):
            return len(ids)
        return LIST_SIZES.get(node.name.value, LIST_SIZE_ESTIMATE)

    def argument(self, node: FieldNode, name: str) -> Any:
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, VariableNode):
                return self.variables.get(value.name.value)
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, ListValueNode):
                return list(value.values)
        return None


def _is_list(type_: GraphQLOutputType) -> bool:
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    return isinstance(inner, GraphQLList)
