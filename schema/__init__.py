"""GraphQL layer: types and thin resolvers over the loaders and named queries, with the public limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.extensions.query_depth_limiter import IgnoreContext
from strawberry.schema.config import StrawberryConfig

from schema.execution import PlainExecutor, RememberingNameConverter
from schema.extensions.cost import NodeCost
from schema.extensions.documents import DocumentCache, ValidDocuments
from schema.extensions.errors import PublicErrors, log_errors
from schema.limits import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from schema.queries import Query
from schema.scalars import SCALARS
from schema.types.municipality import Municipality
from schema.types.prefecture import Prefecture


def _is_introspection(field: IgnoreContext) -> bool:
    # graphql-core bounds introspection itself (MaxIntrospectionDepthRule); GraphiQL's query is deep.
    return field.field_name.startswith("__")


class HirakuSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        operation = getattr(execution_context, "operation_name", None)
        log_errors(errors, operation)


def build_schema(*, introspection: bool = True, short_path: bool = True) -> strawberry.Schema:
    """The schema; extensions are passed as factories so that no state is shared between requests (but the store
    of valid documents, which belongs to this schema and its rules)."""
    documents = ValidDocuments()
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        lambda: DocumentCache(documents),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH, should_ignore=_is_introspection),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        NodeCost,
        PublicErrors,
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    return HirakuSchema(
        query=Query,
        extensions=extensions,
        types=[Prefecture, Municipality],
        config=StrawberryConfig(scalar_map=SCALARS, name_converter=RememberingNameConverter()),
        # The ordinary executor stays available to show that both give the same answers (tests/test_execution.py).
        execution_context_class=PlainExecutor if short_path else None,
    )
