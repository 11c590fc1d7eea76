"""PublicErrors: what a client is told when something fails, and what the log keeps (one line a request)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from db.pool import DatabaseUnavailable, QueryTimeout
from schema.errors import PublicError

LOG = logging.getLogger("hiraku.graphql")
UNEXPECTED = "Unexpected error."
SUGGESTION = re.compile(r" Did you mean [^?]*\?")


class PublicErrors(SchemaExtension):
    """Errors of ours and request errors (parsing, validation, arguments) stay as they are. The database's
    absence and cancelled statements become stable public errors; anything else is masked.

    "Did you mean …?" suggestions are kept only with `suggestions` (introspection on): they reveal nothing
    introspection does not, and with it off they would give the schema's names away (SECURITY.md, item 15)."""

    def __init__(self, *, suggestions: bool = False) -> None:
        self.suggestions = suggestions

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [public(error, suggestions=self.suggestions) for error in result.errors]


def public(error: GraphQLError, *, suggestions: bool = False) -> GraphQLError:
    original = error.original_error
    if original is None or isinstance(original, PublicError | GraphQLError):
        return _with_code(error, suggestions)
    if isinstance(original, DatabaseUnavailable):
        return _replace(error, "The service is unavailable: the database cannot be reached. Try again shortly.",
                        "SERVICE_UNAVAILABLE")  # fmt: skip
    if isinstance(original, QueryTimeout):
        return _replace(error, "The query took too long in the database and was cancelled.", "QUERY_TIMEOUT")
    if error.path is None:
        return _with_code(error, suggestions)
    return _replace(error, UNEXPECTED, "INTERNAL_SERVER_ERROR")


def _with_code(error: GraphQLError, suggestions: bool) -> GraphQLError:
    """Request errors of graphql-core get the codes clients know (Apollo's): parse or validation failed."""
    if error.extensions and "code" in error.extensions:
        return error
    if not suggestions:
        error.message = SUGGESTION.sub("", error.message)
    code = "GRAPHQL_PARSE_FAILED" if error.message.startswith("Syntax Error") else "GRAPHQL_VALIDATION_FAILED"
    error.extensions = {**(error.extensions or {}), "code": code}
    return error


def _replace(error: GraphQLError, message: str, code: str) -> GraphQLError:
    return GraphQLError(message, nodes=error.nodes, path=error.path, original_error=None, extensions={"code": code})


def log_errors(errors: list[GraphQLError], operation: str | None) -> None:
    """One line for the request; the traceback of an unexpected error once. Never the query nor its variables,
    so no error message either: graphql-core's repeat the values of variables and the names the query asked for."""
    internal = [
        e for e in errors if e.original_error is not None and e.path is not None
        and not isinstance(e.original_error, PublicError | GraphQLError | DatabaseUnavailable | QueryTimeout)
    ]  # fmt: skip
    kinds = sorted({_kind(e) for e in errors})
    line = f"operation={operation or '-'} errors={len(errors)} kinds={','.join(kinds)}"
    if internal:
        first = internal[0].original_error
        LOG.error("%s first=%s", line, type(first).__name__, exc_info=first)
    else:
        LOG.info("%s", line)


def _kind(error: GraphQLError) -> str:
    original = error.original_error
    if isinstance(original, PublicError):
        return original.code
    if isinstance(original, DatabaseUnavailable):
        return "SERVICE_UNAVAILABLE"
    if isinstance(original, QueryTimeout):
        return "QUERY_TIMEOUT"
    if original is None or error.path is None:
        return "INVALID_REQUEST"
    return type(original).__name__
