"""GraphQL layer: types and thin resolvers over the loaders and named queries, with the public limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from graphql import ASTValidationRule, GraphQLError
from strawberry.extensions import AddValidationRules, DisableIntrospection, MaxTokensLimiter, SchemaExtension
from strawberry.extensions.max_aliases import create_validator as create_aliases_validator
from strawberry.extensions.query_depth_limiter import IgnoreContext
from strawberry.extensions.query_depth_limiter import create_validator as create_depth_validator
from strawberry.schema.config import StrawberryConfig

from schema.extensions.cost import NodeCost
from schema.extensions.documents import DocumentCache, ValidatedDocuments
from schema.extensions.errors import PublicErrors, log_errors
from schema.extensions.expansion import FragmentExpansion
from schema.limits import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS
from schema.naming import RememberingNameConverter
from schema.plan.executor import PlanExecutor
from schema.queries import Query
from schema.scalars import SCALARS
from schema.tracing import tracing_extension
from schema.types.municipality import Municipality
from schema.types.prefecture import Prefecture


def _is_introspection(field: IgnoreContext) -> bool:
    # graphql-core bounds introspection itself (MaxIntrospectionDepthRule); GraphiQL's query is deep.
    return field.field_name.startswith("__")


class HirakuSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        operation = getattr(execution_context, "operation_name", None)
        log_errors(errors, operation)


def build_schema(*, introspection: bool = True, plans: bool = True, tracing: bool = False) -> strawberry.Schema:
    """The schema; extensions are passed as factories so that no state is shared between requests (but the store
    of validated documents, which belongs to this schema and its rules)."""
    documents = ValidatedDocuments()
    # Strawberry's depth and alias limiters build their rule classes anew for every request; the classes keep no
    # state (graphql-core makes an instance per validation), so they are built once here.
    limits: list[type[ASTValidationRule]] = [
        create_depth_validator(MAX_DEPTH, _is_introspection, None),
        create_aliases_validator(MAX_ALIASES),
    ]
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        lambda: DocumentCache(documents),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        FragmentExpansion,
        lambda: AddValidationRules(limits),
        NodeCost,
        lambda: PublicErrors(suggestions=introspection),
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    if tracing:
        extensions.append(tracing_extension())
    return HirakuSchema(
        query=Query,
        extensions=extensions,
        types=[Prefecture, Municipality],
        config=StrawberryConfig(scalar_map=SCALARS, name_converter=RememberingNameConverter()),
        # The ordinary executor stays available to show that both give the same answers (tests/test_plan_sameness.py).
        execution_context_class=PlanExecutor if plans else None,
    )
