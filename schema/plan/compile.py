"""Compiling a document's operation into a plan: for every selection, how each field's value is produced and how
the answer is shaped.

Everything is read from the schema Strawberry built: a field without a resolver is an attribute read, a field with
one calls the resolver's function (the one written in schema/types and schema/queries) with its arguments
converted by Strawberry, and the shape of the answer (lists, non-null, scalars, enums, objects, interfaces) comes
from the field's GraphQL type. Fragments, inline fragments and @skip/@include are resolved by graphql-core's own
field collection, so a plan selects exactly what the ordinary executor would. There is no list of fields here
to keep in step with the schema.

A selection the plan cannot answer exactly as the ordinary executor would (introspection, a field with Strawberry
field extensions or a non-default attribute reader, @defer) makes the whole operation unplannable (`None`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from math import isfinite
from operator import attrgetter
from typing import Any, cast

from graphql import (
    GraphQLAbstractType,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    OperationDefinitionNode,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet, collect_subfields
from graphql.language import FieldNode
from graphql.type import scalars
from strawberry.types.field import StrawberryField

DEFINITION = "strawberry-definition"  # where Strawberry links a GraphQL field or type to its own definition


class Unplannable(Exception):
    """The plan cannot answer this operation; the ordinary executor does."""


@dataclass(eq=False, slots=True)
class Output:
    """How a field's value becomes its part of the answer."""

    non_null: bool
    item: Output | None = None  # a list: how each item is completed
    serialize: Callable[[Any], Any] | None = None  # a scalar or an enum
    selection: Selection | None = None  # an object type: what is asked of it
    # An interface: the selection for each object type met so far (worked out on first sight of the type).
    abstract: GraphQLAbstractType | None = None
    field_details: FieldDetailsList | None = None
    by_class: dict[type, Selection] = field(default_factory=dict)
    compiler: Compiler | None = None


@dataclass(eq=False, slots=True)
class Field:
    """One response key of a selection."""

    name: str
    output: Output
    # Exactly one of these three: the type's name (__typename), an attribute reader, or a resolver's function.
    typename: str | None = None
    read: Callable[[Any], Any] | None = None
    resolver: Callable[..., Any] | None = None
    # How the resolver is called: the object as `self` (positional) or under a parameter name, and `info`.
    passes_self: bool = False
    object_parameter: str | None = None
    info_parameter: str | None = None
    # Arguments: converted once per request (schema/plan/run.py).
    definition: GraphQLField | None = None
    node: FieldNode | None = None
    strawberry_field: StrawberryField | None = None


@dataclass(eq=False, slots=True)
class Selection:
    """What is asked of an object of one type: the response keys in order, those read at once and those resolved."""

    names: tuple[str, ...]
    reads: tuple[Field, ...]
    resolved: tuple[Field, ...]
    # The type's own check of a value (Strawberry defines one for types that implement interfaces).
    is_type_of: Callable[[Any, Any], Any] | None
    checked: dict[type, bool] = field(default_factory=dict)


@dataclass(eq=False)
class Compiler:
    """Plans the selections of one operation, given the values of the variables its @skip/@include depend on."""

    schema: GraphQLSchema
    fragments: dict[str, Any]
    variable_values: Any
    # Weakly: the plans are kept for as long as the operation is (schema/plan/executor.py).
    operation: Callable[[], OperationDefinitionNode | None]
    hide_suggestions: bool

    def selection(self, object_type: GraphQLObjectType, grouped: GroupedFieldSet) -> Selection:
        reads: list[Field] = []
        resolved: list[Field] = []
        for name, field_details in grouped.items():
            planned = self._field(object_type, name, field_details)
            (resolved if planned.resolver is not None else reads).append(planned)
        return Selection(tuple(grouped), tuple(reads), tuple(resolved), object_type.is_type_of)

    def sub_selection(self, object_type: GraphQLObjectType, field_details: FieldDetailsList) -> Selection:
        operation = self.operation()
        if operation is None:
            raise Unplannable("the operation is gone")
        grouped, new_defer_usages, *_ = collect_subfields(
            self.schema,
            self.fragments,
            self.variable_values,
            operation,
            object_type,
            field_details,
            self.hide_suggestions,
        )
        if new_defer_usages:
            raise Unplannable("@defer")
        return self.selection(object_type, grouped)

    def _field(self, parent: GraphQLObjectType, name: str, field_details: FieldDetailsList) -> Field:
        if any(details.fragment_variable_values is not None for details in field_details):
            raise Unplannable("fragment arguments")
        node = field_details[0].node
        field_name = node.name.value
        if field_name == "__typename":
            return Field(name, Output(non_null=True), typename=parent.name)
        definition = parent.fields.get(field_name)
        if definition is None or field_name.startswith("__"):
            raise Unplannable(f"field {field_name}")
        strawberry_field = definition.extensions.get(DEFINITION)
        if not isinstance(strawberry_field, StrawberryField) or strawberry_field.extensions:
            raise Unplannable(f"field {parent.name}.{field_name}")
        output = self._output(definition.type, field_details)
        resolver = strawberry_field.base_resolver
        if resolver is None:
            if not getattr(definition.resolve, "_is_default", False) or definition.args or node.arguments:
                raise Unplannable(f"field {parent.name}.{field_name}")
            # Strawberry's default reader is getattr of the Python name (StrawberryConfig.default_resolver).
            return Field(name, output, read=attrgetter(strawberry_field.python_name))
        object_parameter = resolver.root_parameter or resolver.parent_parameter
        return Field(
            name,
            output,
            resolver=cast(Callable[..., Any], resolver.wrapped_func),
            passes_self=resolver.self_parameter is not None,
            object_parameter=object_parameter.name if object_parameter else None,
            info_parameter=resolver.info_parameter.name if resolver.info_parameter else None,
            definition=definition,
            node=node,
            strawberry_field=strawberry_field,
        )

    def _output(self, type_: GraphQLOutputType, field_details: FieldDetailsList) -> Output:
        non_null = isinstance(type_, GraphQLNonNull)
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if isinstance(type_, GraphQLList):
            return Output(non_null, item=self._output(type_.of_type, field_details))
        if isinstance(type_, GraphQLScalarType | GraphQLEnumType):
            return Output(non_null, serialize=_serializer(type_))
        if isinstance(type_, GraphQLObjectType):
            return Output(non_null, selection=self.sub_selection(type_, field_details))
        if isinstance(type_, GraphQLInterfaceType | GraphQLUnionType):
            # Worked out per object type as values arrive: an interface like Node has many implementations.
            return Output(non_null, abstract=type_, field_details=field_details, compiler=self)
        raise Unplannable(f"type {type_}")


def _serializer(type_: GraphQLScalarType | GraphQLEnumType) -> Callable[[Any], Any]:
    """The type's serialize, with the answer it gives at once for the Python type it is usually handed (a str for a
    String, a finite float for a Float, ...): most of an answer's values, without the checks for other types."""
    serialize = type_.serialize
    if serialize is scalars.serialize_string or serialize is scalars.serialize_id:
        return lambda value: value if type(value) is str else serialize(value)
    if serialize is scalars.serialize_boolean:
        return lambda value: value if type(value) is bool else serialize(value)
    if serialize is scalars.serialize_float:
        return lambda value: value if type(value) is float and isfinite(value) else serialize(value)
    if serialize is scalars.serialize_int:
        low, high = scalars.GRAPHQL_MIN_INT, scalars.GRAPHQL_MAX_INT
        return lambda value: value if type(value) is int and low <= value <= high else serialize(value)
    return serialize


def runtime_selection(output: Output, value: Any) -> Selection | None:
    """The selection for a value of an interface or union field, by the value's Strawberry type; None when the
    value is not one of the abstract type's objects (the ordinary executor then gives its error)."""
    cls = type(value)
    selection = output.by_class.get(cls)
    if selection is not None:
        return selection
    definition = getattr(cls, "__strawberry_definition__", None)
    compiler, abstract = output.compiler, output.abstract
    if definition is None or definition.is_graphql_generic or compiler is None or abstract is None:
        return None
    runtime = compiler.schema.get_type(definition.name)
    if not isinstance(runtime, GraphQLObjectType) or not compiler.schema.is_sub_type(abstract, runtime):
        return None
    selection = output.by_class[cls] = compiler.sub_selection(runtime, output.field_details or [])
    return selection
