"""Errors meant for the client: their message is kept and they carry a stable `extensions.code`."""

from __future__ import annotations

from graphql import GraphQLError


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
