"""Global object identification: the Node interface and opaque IDs of the form base64("Type:key")."""

from __future__ import annotations

import base64
import binascii

import strawberry

from schema.errors import BadUserInput

MAX_ID_LENGTH = 200


@strawberry.interface(description="An object with a global ID, fetchable with `node(id:)`.")
class Node:
    @strawberry.field(description="Opaque global ID; stable across dataset versions.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id(type(self).__name__, self.global_key()))

    def global_key(self) -> str:
        raise NotImplementedError


def encode_id(type_name: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def decode_id(global_id: str) -> tuple[str, str]:
    """(type name, key) of a global ID; an error that says so when the ID is not one of ours."""
    if len(global_id) > MAX_ID_LENGTH:
        raise BadUserInput(f"not a valid ID: longer than {MAX_ID_LENGTH} characters")
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, key = base64.urlsafe_b64decode(padded.encode("ascii")).decode().split(":", 1)
    except (ValueError, UnicodeError, binascii.Error) as error:
        raise BadUserInput(f"not a valid ID: {global_id!r}") from error
    if not key.isprintable():
        raise BadUserInput("not a valid ID: it holds characters no key has")
    return type_name, key
