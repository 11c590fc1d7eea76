"""The pinned public data sources: the manifest, and a fetcher with a local cache and checksum checks."""

from __future__ import annotations

import hashlib
import os
import shutil
import tomllib
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

MANIFEST = Path(__file__).parent / "sources.toml"
DOWNLOAD_TIMEOUT_S = 30


@dataclass(frozen=True)
class SourceFile:
    path: str
    sha256: str
    url: str

    @property
    def relative_cache_path(self) -> Path:
        """Where the file lives in a cache or a mirror: <host>/<path>, GitHub raw files under their repository."""
        parts = urlsplit(self.url)
        segments = parts.path.lstrip("/").split("/")
        if parts.netloc == "raw.githubusercontent.com":
            return Path("github.com", *segments)
        return Path(parts.netloc, *segments)


@dataclass(frozen=True)
class Source:
    slug: str
    position: int
    title: str
    description: str
    licence: str
    attribution: str
    attribution_en: str
    repository: str
    commit: str
    files: tuple[SourceFile, ...]

    def file(self, path: str) -> SourceFile:
        return next(f for f in self.files if f.path == path)


@dataclass(frozen=True)
class FetchResult:
    """A source as fetched: its files in the cache when available, otherwise the reason it is missing."""

    source: Source
    paths: dict[str, Path]
    problem: str | None

    @property
    def available(self) -> bool:
        return self.problem is None


def read_manifest(path: Path = MANIFEST) -> list[Source]:
    with path.open("rb") as handle:
        document = tomllib.load(handle)
    sources = []
    for position, entry in enumerate(document["source"], start=1):
        raw_base = entry["repository"].replace("https://github.com/", "https://raw.githubusercontent.com/")
        files = tuple(
            SourceFile(f["path"], f["sha256"], f"{raw_base}/{entry['commit']}/{f['path']}") for f in entry["files"]
        )
        sources.append(
            Source(
                slug=entry["slug"],
                position=position,
                title=entry["title"],
                description=entry["description"],
                licence=entry["licence"],
                attribution=entry["attribution"],
                attribution_en=entry["attribution_en"],
                repository=entry["repository"],
                commit=entry["commit"],
                files=files,
            )
        )
    return sources


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Fetcher:
    """Brings each file into `cache_dir` from the mirror folder, or else from its URL, and checks its sha256."""

    def __init__(self, cache_dir: Path, mirror: Path | None) -> None:
        self.cache_dir = cache_dir
        self.mirror = mirror

    def fetch(self, source: Source) -> FetchResult:
        paths: dict[str, Path] = {}
        for file in source.files:
            try:
                paths[file.path] = self._fetch_file(file)
            except FetchError as error:
                return FetchResult(source, {}, str(error))
        return FetchResult(source, paths, None)

    def _fetch_file(self, file: SourceFile) -> Path:
        target = self.cache_dir / file.relative_cache_path
        if target.exists() and sha256_of(target) == file.sha256:
            return target
        partial = target.with_name(target.name + ".partial")
        partial.parent.mkdir(parents=True, exist_ok=True)
        if self.mirror is not None:
            mirrored = self.mirror / file.relative_cache_path
            if not mirrored.exists():
                raise FetchError(f"{file.path} is not in the mirror {self.mirror} (looked for {mirrored})")
            shutil.copyfile(mirrored, partial)
        else:
            self._download(file.url, partial)
        actual = sha256_of(partial)
        if actual != file.sha256:
            partial.unlink()
            origin = self.mirror / file.relative_cache_path if self.mirror else file.url
            raise FetchError(f"{file.path} from {origin} fails its checksum (sha256 {actual}, pinned {file.sha256})")
        os.replace(partial, target)
        return target

    @staticmethod
    def _download(url: str, destination: Path) -> None:
        if not url.startswith("https://"):
            raise FetchError(f"{url} is not an https URL")
        try:
            with (
                urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response,  # noqa: S310 - https only
                destination.open("wb") as out,
            ):
                shutil.copyfileobj(response, out)
        except OSError as error:
            raise FetchError(f"could not download {url}: {error}") from error


class FetchError(Exception):
    """A source file could not be had or failed its checksum."""


class SourceRowError(Exception):
    """A row of a source file that cannot be imported: names the file, line and field."""

    def __init__(self, path: Path, line: int | None, field: str, problem: str) -> None:
        self.path, self.line, self.field, self.problem = path, line, field, problem
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: field {field!r}: {problem}")
