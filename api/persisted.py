"""Automatic persisted queries (Apollo's protocol): a client may send only the sha256 of a query it sent before."""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from graphql import GraphQLError

NOT_FOUND = "PersistedQueryNotFound"


class PersistedQueryError(Exception):
    """The request's persisted-query extension cannot be honoured; `error` is what the client is told."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.error = GraphQLError(message, extensions={"code": code})


class PersistedQueries:
    """Known queries by their sha256, the least recently used forgotten first beyond `capacity`."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.queries: OrderedDict[str, str] = OrderedDict()

    def resolve(self, query: str | None, extensions: dict[str, object] | None) -> str | None:
        """The query to run: the one given (remembered under its hash) or the one the hash names."""
        persisted = (extensions or {}).get("persistedQuery")
        if not isinstance(persisted, dict):
            return query
        sha = persisted.get("sha256Hash")
        if persisted.get("version") != 1 or not isinstance(sha, str):
            raise PersistedQueryError("Unsupported persisted query version or hash", "PERSISTED_QUERY_NOT_SUPPORTED")
        if query is None:
            if sha not in self.queries:
                raise PersistedQueryError(NOT_FOUND, "PERSISTED_QUERY_NOT_FOUND")
            self.queries.move_to_end(sha)
            return self.queries[sha]
        if hashlib.sha256(query.encode()).hexdigest() != sha:
            raise PersistedQueryError("provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH")
        self.queries[sha] = query
        self.queries.move_to_end(sha)
        while len(self.queries) > self.capacity:
            self.queries.popitem(last=False)
        return query
