"""Automatic persisted queries (Apollo's protocol): a client may send only the sha256 of a query it sent before."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass

from cachetools import LRUCache
from graphql import GraphQLError

from schema.limits import PERSISTED_QUERY_ENTRY_BYTES

NOT_FOUND = "PersistedQueryNotFound"


class PersistedQueryError(Exception):
    """The request's persisted-query extension cannot be honoured; `error` is what the client is told."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.error = GraphQLError(message, extensions={"code": code})


@dataclass(frozen=True, slots=True)
class Resolved:
    """The query to run, and the hash to remember it by once it has run (None: nothing new to remember)."""

    query: str | None
    sha: str | None = None


class PersistedQueries:
    """Known queries by their sha256, bounded by the memory their texts take (a text with one character beyond
    Latin-1 takes 2 or 4 bytes a character), the least recently used forgotten first. A query is remembered only
    after it ran: text that does not parse or validate is never kept, nor served by its hash."""

    def __init__(self, max_bytes: int) -> None:
        self.queries: LRUCache[str, str] = LRUCache(maxsize=max_bytes, getsizeof=weight)

    def resolve(self, query: str | None, extensions: dict[str, object] | None) -> Resolved:
        """The query to run: the one given (to be remembered under its hash) or the one the hash names."""
        persisted = (extensions or {}).get("persistedQuery")
        if not isinstance(persisted, dict):
            return Resolved(query)
        sha = persisted.get("sha256Hash")
        if persisted.get("version") != 1 or not isinstance(sha, str):
            raise PersistedQueryError("Unsupported persisted query version or hash", "PERSISTED_QUERY_NOT_SUPPORTED")
        if query is None:
            known = self.queries.get(sha)
            if known is None:
                raise PersistedQueryError(NOT_FOUND, "PERSISTED_QUERY_NOT_FOUND")
            return Resolved(known)
        try:
            text = query.encode()
        except UnicodeEncodeError:
            raise PersistedQueryError(
                "The query contains a lone UTF-16 surrogate, which is not text: it has no sha256 to persist it by.",
                "BAD_REQUEST",
            ) from None
        if hashlib.sha256(text).hexdigest() != sha:
            raise PersistedQueryError("provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH")
        return Resolved(query, sha)

    def remember(self, resolved: Resolved) -> None:
        """Keep a query that ran (one larger than the whole store is not kept)."""
        if resolved.sha is not None and resolved.query is not None and weight(resolved.query) <= self.queries.maxsize:
            self.queries[resolved.sha] = resolved.query


def weight(query: str) -> int:
    """The memory a persisted query takes: its text as Python holds it, its hash and the store's bookkeeping."""
    return sys.getsizeof(query) + PERSISTED_QUERY_ENTRY_BYTES
