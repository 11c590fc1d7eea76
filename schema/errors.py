"""Errors meant for the client: their message is kept and they carry a stable `extensions.code`."""

from __future__ import annotations

import json

from graphql import GraphQLError

MAX_ECHOED = 100  # characters of a client's value repeated in a message


class PublicError(GraphQLError):
    """An expected error: bad arguments, unknown IDs, limits. Never masked."""

    code = "BAD_REQUEST"

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": self.code})


class BadUserInput(PublicError):
    code = "BAD_USER_INPUT"


class NotFound(PublicError):
    code = "NOT_FOUND"


class ServiceUnavailable(PublicError):
    code = "SERVICE_UNAVAILABLE"


def literal(value: str) -> str:
    """A client's value as a GraphQL string literal, cut short, so that it can be pasted back into a query."""
    return json.dumps(value[:MAX_ECHOED], ensure_ascii=False)


def no_such(kind: str, argument: str, value: str, hint: str) -> NotFound:
    """`No metric with slug "nope". <hint>`: what was looked for, by which argument, and where to look instead."""
    return NotFound(f"No {kind} with {argument} {literal(value)}. {hint}")
