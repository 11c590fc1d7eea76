"""String arguments checked before they reach SQL: length, NUL bytes and characters that are not Unicode."""

from __future__ import annotations

from schema.errors import BadUserInput
from schema.limits import MAX_ARGUMENT_LENGTH


def checked(value: str, argument: str, *, max_length: int = MAX_ARGUMENT_LENGTH) -> str:
    """`value` unchanged, or an error naming the argument and what is wrong with it."""
    if len(value) > max_length:
        raise BadUserInput(f"`{argument}` is longer than {max_length} characters")
    if "\x00" in value:
        raise BadUserInput(f"`{argument}` contains an invalid character (NUL)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BadUserInput(f"`{argument}` contains an invalid character (a lone surrogate)") from error
    return value


def checked_optional(value: str | None, argument: str) -> str | None:
    return None if value is None else checked(value, argument)
