"""The pinned GraphiQL assets (api/graphiql_assets.toml) and where they lie once fetched. Standard library only:
scripts/fetch_graphiql_assets.py uses it before anything else is installed."""

from __future__ import annotations

import base64
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

MANIFEST = Path(__file__).with_name("graphiql_assets.toml")


@dataclass(frozen=True)
class Package:
    """An npm package at an exact version: its tarball, the files taken from it and its licence."""

    name: str
    version: str
    tarball: str
    integrity: str
    licence: str
    licence_file: str | None
    licence_note: str | None
    files: dict[str, str]

    @property
    def folder(self) -> str:
        """`name@version`: the package's folder among the assets and in their URLs."""
        return f"{self.name}@{self.version}"

    def taken(self) -> list[str]:
        """Every file extracted from the tarball: the listed ones and the licence file."""
        return [*self.files, *([self.licence_file] if self.licence_file else [])]


def read_manifest(path: Path = MANIFEST) -> list[Package]:
    """The packages, with an error naming the package and the field when the manifest is malformed."""
    with path.open("rb") as file:
        entries = tomllib.load(file)["package"]
    packages = []
    for entry in entries:
        try:
            packages.append(
                Package(
                    name=entry["name"],
                    version=entry["version"],
                    tarball=entry["tarball"],
                    integrity=entry["integrity"],
                    licence=entry["licence"],
                    licence_file=entry.get("licence_file"),
                    licence_note=entry.get("licence_note"),
                    files=dict(entry["files"]),
                )
            )
        except KeyError as missing:
            raise ValueError(f"{path}: package {entry.get('name', '?')!r} has no {missing.args[0]!r}") from None
    return packages


def sri(data: bytes, algorithm: str) -> str:
    """A Subresource Integrity string (`sha384-<base64>`), the form npm's `integrity` takes too."""
    return f"{algorithm}-{base64.b64encode(hashlib.new(algorithm, data).digest()).decode()}"


def problems(folder: Path, packages: list[Package]) -> list[str]:
    """What is missing or altered in `folder` (empty when every listed file is there with its checksum)."""
    found = []
    for package in packages:
        for name, expected in package.files.items():
            path = folder / package.folder / name
            if not path.is_file():
                found.append(f"{package.folder}/{name} is missing")
            elif sri(path.read_bytes(), expected.partition("-")[0]) != expected:
                found.append(f"{package.folder}/{name} does not match its checksum")
        if package.licence_file and not (folder / package.folder / package.licence_file).is_file():
            found.append(f"{package.folder}/{package.licence_file} is missing")
    return found
