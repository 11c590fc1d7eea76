"""Argument names converted once, not on every call of a resolver."""

from __future__ import annotations

from strawberry.schema.name_converter import NameConverter


class RememberingNameConverter(NameConverter):
    """Strawberry converts each argument's Python name to camel case on every call of a resolver (eight times for
    each of the 400 `observations` fields of the nested query); the names never change, so convert each once."""

    def __init__(self) -> None:
        super().__init__()
        self.converted: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        converted = self.converted.get(name)
        if converted is None:
            converted = self.converted[name] = super().apply_naming_config(name)
        return converted
