"""Documents kept by their text with the result of their validation, so that a repeated query is parsed and
validated once, whether it passed or was refused.

Validation is a pure function of the document, the schema and our fixed rules (depth, aliases, tokens,
fragment expansion, introspection), so a document validates the same way again. Refusals are kept too: a
hostile client repeating a refused document would otherwise cost a full validation each time, many times what
an answer from the response cache costs. The node-count estimate depends on the variables and still runs for
every request (NodeCost). Documents that do not parse are not kept (parsing stops at MAX_TOKENS).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cachetools import LRUCache
from graphql import DocumentNode, GraphQLError
from strawberry.extensions import SchemaExtension

from schema.limits import DOCUMENT_CACHE_CHARS


@dataclass(frozen=True)
class Validated:
    """A document and its validation errors (none: valid); `weight` is its text's length and its errors'."""

    weight: int
    document: DocumentNode
    errors: tuple[GraphQLError, ...]


class ValidatedDocuments:
    """The shared store: query text → its parsed document and validation errors, bounded by the total length of
    the texts and of the error messages."""

    def __init__(self, max_chars: int = DOCUMENT_CACHE_CHARS) -> None:
        self.documents: LRUCache[str, Validated] = LRUCache(maxsize=max_chars, getsizeof=_weight)
        self.max_chars = max_chars

    def get(self, query: str) -> Validated | None:
        return self.documents.get(query)

    def keep(self, query: str, document: DocumentNode, errors: Sequence[GraphQLError]) -> None:
        weight = len(query) + sum(len(error.message) for error in errors)
        if weight <= self.max_chars // 10:
            self.documents[query] = Validated(weight, document, tuple(errors))


class DocumentCache(SchemaExtension):
    """Per request: take the document and its validation result from the store when they are there."""

    def __init__(self, store: ValidatedDocuments) -> None:
        self.store = store
        self.kept: Validated | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        self.kept = self.store.get(context.query) if context.query else None
        if self.kept is not None:
            context.graphql_document = self.kept.document
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if self.kept is not None:
            # Strawberry validates only while no result of validation is set. A new list: the request's own.
            context.pre_execution_errors = list(self.kept.errors)
        yield
        errors = context.pre_execution_errors
        if self.kept is None and errors is not None and context.query and context.graphql_document:
            self.store.keep(context.query, context.graphql_document, errors)


def _weight(kept: Validated) -> int:
    return kept.weight
