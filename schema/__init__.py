"""GraphQL layer: types and thin resolvers over the loaders and named queries."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import DisableIntrospection, MaskErrors, SchemaExtension
from strawberry.schema.config import StrawberryConfig

from schema.errors import PublicError
from schema.queries import Query
from schema.scalars import SCALARS
from schema.types.municipality import Municipality
from schema.types.prefecture import Prefecture


def _is_internal(error: GraphQLError) -> bool:
    """Mask errors raised by bugs or the database while resolving; keep ours and all request errors (parsing,
    validation, coercion of arguments, e.g. a LocalGovCode's check digit), which have no path."""
    original = error.original_error
    return error.path is not None and original is not None and not isinstance(original, PublicError | GraphQLError)


def build_schema(*, introspection: bool = True) -> strawberry.Schema:
    """The schema; extensions are passed as factories so that no state is shared between requests."""
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        lambda: MaskErrors(should_mask_error=_is_internal)
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=Query,
        extensions=extensions,
        types=[Prefecture, Municipality],
        config=StrawberryConfig(scalar_map=SCALARS),
    )
