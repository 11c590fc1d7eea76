"""Valid documents kept by their text, so that a repeated query is parsed and validated once.

Validation is a pure function of the document, the schema and our fixed rules (depth, aliases, tokens,
introspection), so a document that passed once passes again. The node-count estimate depends on the variables
and still runs for every request (NodeCost). Documents with errors are never kept: they take the normal path and
get the normal error codes.
"""

from __future__ import annotations

from collections.abc import Iterator

from cachetools import LRUCache
from graphql import DocumentNode
from strawberry.extensions import SchemaExtension

from schema.limits import DOCUMENT_CACHE_CHARS


class ValidDocuments:
    """The shared store: query text → its parsed, valid document, bounded by the total length of the texts."""

    def __init__(self, max_chars: int = DOCUMENT_CACHE_CHARS) -> None:
        # Values are (length of the text, document): the store weighs an entry by its value.
        self.documents: LRUCache[str, tuple[int, DocumentNode]] = LRUCache(maxsize=max_chars, getsizeof=_length)
        self.max_chars = max_chars

    def get(self, query: str) -> DocumentNode | None:
        kept = self.documents.get(query)
        return kept[1] if kept else None

    def keep(self, query: str, document: DocumentNode) -> None:
        if len(query) <= self.max_chars // 10:
            self.documents[query] = (len(query), document)


class DocumentCache(SchemaExtension):
    """Per request: take the document from the store when it is there, and skip validating it again."""

    def __init__(self, store: ValidDocuments) -> None:
        self.store = store
        self.kept = False

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        document = self.store.get(context.query) if context.query else None
        if document is not None:
            context.graphql_document = document
            self.kept = True
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if self.kept:
            # Strawberry validates only while no result of validation is set.
            context.pre_execution_errors = []
        yield
        if not self.kept and context.pre_execution_errors == [] and context.query and context.graphql_document:
            self.store.keep(context.query, context.graphql_document)


def _length(kept: tuple[int, DocumentNode]) -> int:
    return kept[0]
