"""PlainExecutor: Strawberry's graphql-core executor, with a short path for selections that only read attributes.

Most of a large answer is values read from attributes: an observation's `date` and `value`, a page's `nodes`. The
ordinary path resolves each field on its own (a Path, a ResolveInfo, argument handling, then completion), some ten
microseconds a field, which made the nested 40 × 10 × 12 query spend most of its time there. A selection is
*plain* when every field in it is a Strawberry field without a resolver and without arguments, whose type is a
scalar, an enum, or an object or list of them with a plain selection in turn. Such a selection is answered by
reading the attributes and serialising the scalars exactly as graphql-core would. Anything unusual (a null in a
non-null field, a value its scalar refuses) gives the object back to the ordinary path, which produces the
ordinary error at the ordinary place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    Undefined,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.name_converter import NameConverter
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


@dataclass(frozen=True, slots=True)
class PlainField:
    """How to answer one selected field by reading an attribute."""

    name: str
    # Strawberry's reader of the attribute; None for __typename, whose answer is `typename`.
    resolve: Callable[..., Any] | None
    non_null: bool
    is_list: bool
    items_non_null: bool
    serialize: Callable[[Any], Any] | None = None
    # For objects: the plan of the sub-selection, and the type's own check of a value.
    fields: tuple[PlainField, ...] | None = None
    is_type_of: Callable[..., Any] | None = None
    typename: str | None = None


Plan = tuple[PlainField, ...] | None  # None: not plain


class _Ordinary(Exception):
    """A value the short path does not answer; the ordinary path answers it (with its error, if any)."""


class PlainExecutor(StrawberryGraphQLCoreExecutionContext):
    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        plan = self._plan(parent_type, grouped_field_set)
        if plan is not None:
            try:
                return _object(source_value, plan)
            except _Ordinary:
                pass
        return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[list[Any]]:
        """A list of objects with a plain selection (a page's `nodes`) is read at once, not item by item."""
        item_type = return_type.of_type
        object_type = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        if isinstance(object_type, GraphQLObjectType) and isinstance(result, list):
            field = self._object_field("", object_type, field_details_list, nullable=False)
            if field is not None:
                try:
                    return [_item(item, field, isinstance(item_type, GraphQLNonNull)) for item in result]
                except _Ordinary:
                    pass
        return super().complete_list_value(return_type, field_details_list, info, path, result, position_context)

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet) -> Plan:
        """The plan of a selection, worked out once per request for each type and selection (graphql-core keeps
        the selection objects for the request, so that every object of a list shares one)."""
        plans: dict[tuple[GraphQLObjectType, int], tuple[GroupedFieldSet, Plan]]
        plans = self.__dict__.setdefault("_plain_plans", {})
        key = (parent_type, id(grouped_field_set))
        planned = plans.get(key)
        if planned is None:
            # The selection is kept alive with its plan, so that its id cannot be reused during the request.
            planned = plans[key] = (grouped_field_set, self._work_out(parent_type, grouped_field_set))
        return planned[1]

    def _work_out(self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet) -> Plan:
        if self.middleware_manager is not None and self.middleware_manager.middlewares:
            return None
        fields = []
        for response_name, field_details_list in grouped_field_set.items():
            field = self._field(parent_type, response_name, field_details_list)
            if field is None:
                return None
            fields.append(field)
        return tuple(fields)

    def _field(
        self, parent_type: GraphQLObjectType, response_name: str, field_details_list: FieldDetailsList
    ) -> PlainField | None:
        node = field_details_list[0].node
        if node.name.value == "__typename":
            return PlainField(response_name, None, True, False, False, typename=parent_type.name)
        definition = parent_type.fields.get(node.name.value)
        if definition is None or definition.args or node.arguments:
            return None
        if not getattr(definition.resolve, "_is_default", False):
            return None
        type_ = definition.type
        non_null = isinstance(type_, GraphQLNonNull)
        type_ = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        is_list = isinstance(type_, GraphQLList)
        items_non_null = False
        if isinstance(type_, GraphQLList):
            items_non_null = isinstance(type_.of_type, GraphQLNonNull)
            type_ = type_.of_type.of_type if isinstance(type_.of_type, GraphQLNonNull) else type_.of_type
        if isinstance(type_, GraphQLScalarType | GraphQLEnumType):
            return PlainField(response_name, definition.resolve, non_null, is_list, items_non_null, type_.serialize)
        if isinstance(type_, GraphQLObjectType):
            inner = self._object_field(response_name, type_, field_details_list, nullable=not non_null)
            if inner is None:
                return None
            return PlainField(
                response_name,
                definition.resolve,
                non_null,
                is_list,
                items_non_null,
                fields=inner.fields,
                is_type_of=inner.is_type_of,
            )
        return None  # lists of lists, interfaces and unions take the ordinary path

    def _object_field(
        self, response_name: str, object_type: GraphQLObjectType, field_details_list: FieldDetailsList, nullable: bool
    ) -> PlainField | None:
        """A value of `object_type` with the sub-selection of `field_details_list`, if that selection is plain."""
        grouped_field_set, new_defer_usages, *_ = self.collect_subfields(object_type, field_details_list)
        plan = None if new_defer_usages else self._plan(object_type, grouped_field_set)
        if plan is None:
            return None
        return PlainField(
            response_name, None, not nullable, False, False, fields=plan, is_type_of=object_type.is_type_of
        )


def _object(source: Any, fields: tuple[PlainField, ...]) -> dict[str, Any]:
    answer: dict[str, Any] = {}
    for field in fields:
        if field.resolve is None:
            answer[field.name] = field.typename
            continue
        value = field.resolve(source, None)
        if value is None:
            if field.non_null:
                raise _Ordinary
            answer[field.name] = None
        elif field.is_list:
            if not isinstance(value, list | tuple):
                raise _Ordinary
            answer[field.name] = [_item(item, field, field.items_non_null) for item in value]
        else:
            answer[field.name] = _single(value, field)
    return answer


def _item(value: Any, field: PlainField, non_null: bool) -> Any:
    if value is None:
        if non_null:
            raise _Ordinary
        return None
    return _single(value, field)


def _single(value: Any, field: PlainField) -> Any:
    if field.fields is not None:
        # Strawberry's checks look at the value alone; the ResolveInfo argument is unused.
        if field.is_type_of is not None and field.is_type_of(value, None) is not True:
            raise _Ordinary
        return _object(value, field.fields)
    try:
        serialized = field.serialize(value)  # type: ignore[misc]  # a leaf: serialize is set
    except Exception as error:  # the ordinary path raises it again, as a field error
        raise _Ordinary from error
    if serialized is None or serialized is Undefined:
        raise _Ordinary
    return serialized


class RememberingNameConverter(NameConverter):
    """Strawberry converts each argument's Python name to camel case on every call of a resolver (eight times for
    each of the 400 `observations` fields of the nested query); the names never change, so convert each once."""

    def __init__(self) -> None:
        super().__init__()
        self.converted: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        converted = self.converted.get(name)
        if converted is None:
            converted = self.converted[name] = super().apply_naming_config(name)
        return converted
