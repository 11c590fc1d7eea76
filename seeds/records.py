"""Curated seed files: YAML read with line numbers and validated record by record."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

LINE_KEY = "__line__"

Record = TypeVar("Record", bound="SeedRecord")


class SeedRecord(BaseModel):
    """Base of every curated record: unknown fields are errors, and values never change after reading."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SeedError(Exception):
    """An invalid curated record: names the file, the line, the record and the field."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line (1-based) where each mapping starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {str(key): value for key, value in loader.construct_mapping(node, deep=True).items()}
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise SeedError(path, line, f"not valid YAML: {error.problem}") from error


def read_records(path: Path, model: type[Record]) -> list[tuple[int, Record]]:
    """Read a YAML list of records; return (line, record) pairs or raise SeedError on the first bad one."""
    document = read_yaml(path)
    if not isinstance(document, list):
        raise SeedError(path, 1, "expected a list of records")
    return [(line_of(raw), validate(path, index, raw, model)) for index, raw in enumerate(document, start=1)]


def read_record(path: Path, model: type[Record]) -> Record:
    """Read a YAML file holding a single record (a mapping)."""
    document = read_yaml(path)
    if not isinstance(document, dict):
        raise SeedError(path, 1, "expected a mapping")
    return validate(path, 1, document, model)


def line_of(raw: Any) -> int:
    return int(raw.get(LINE_KEY, 0)) if isinstance(raw, dict) else 0


def validate(path: Path, index: int, raw: Any, model: type[Record]) -> Record:
    if not isinstance(raw, dict):
        raise SeedError(path, None, f"record {index}: expected a mapping, found {type(raw).__name__}")
    line = line_of(raw)
    fields = _strip_lines(raw)
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(record)"
        label = f"record {index}" + (f" ({fields['slug']!r})" if "slug" in fields else "")
        raise SeedError(path, line, f"{label}, field {field!r}: {first['msg']}") from error


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def require_unique(path: Path, records: Sequence[tuple[int, Any]], field: str) -> None:
    seen: dict[Any, int] = {}
    for line, record in records:
        value = getattr(record, field)
        if value in seen:
            raise SeedError(path, line, f"field {field!r}: {value!r} repeats the record at line {seen[value]}")
        seen[value] = line
