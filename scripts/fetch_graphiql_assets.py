"""Fetch GraphiQL's pinned browser files (api/graphiql_assets.toml) into a folder hiraku serves them from.

Usage: python scripts/fetch_graphiql_assets.py --into .data/graphiql [--mirror DIR]   (`make setup` runs it)
Each npm tarball is read from the cache (<into>/.tarballs), the mirror or the registry, in that order, and its
sha512 integrity is checked before anything is extracted; only the listed files and the licence are taken, each
checked again. When every file is already there with its checksum, nothing is read from anywhere.
Standard library only.
"""

from __future__ import annotations

import argparse
import io
import sys
import tarfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.graphiql_assets import Package, problems, read_manifest, sri

DOWNLOAD_TIMEOUT_S = 60


class FetchError(Exception):
    """A tarball that cannot be had or is not the pinned one; the message names the package."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--into", type=Path, required=True, help="the folder hiraku serves GraphiQL's files from")
    parser.add_argument("--mirror", type=Path, help="a folder of tarballs laid out as <host>/<path>")
    args = parser.parse_args(argv)
    started = time.monotonic()
    packages = read_manifest()
    files = sum(len(p.taken()) for p in packages)
    if not problems(args.into, packages):
        print(f"graphiql assets  {args.into}: {files} files of {len(packages)} packages, checksums verified", end="")
        print(f" ({time.monotonic() - started:.2f} s)")
        return 0
    try:
        for package in packages:
            extract(package, tarball(package, args.into / ".tarballs", args.mirror), args.into)
    except FetchError as error:
        print(f"graphiql assets  {error}", file=sys.stderr)
        return 1
    print(
        f"graphiql assets  {args.into}: fetched {files} files of {len(packages)} packages, integrity verified", end=""
    )
    print(f" ({time.monotonic() - started:.2f} s)")
    return 0


def tarball(package: Package, cache: Path, mirror: Path | None) -> bytes:
    """The package's tarball, verified against its pinned integrity; kept in the cache once verified."""
    parts = urlsplit(package.tarball)
    relative = Path(parts.netloc, *parts.path.lstrip("/").split("/"))
    cached = cache / relative
    if cached.is_file() and _verified(package, cached.read_bytes()):
        return cached.read_bytes()
    if mirror is not None and (mirror / relative).is_file():
        data = (mirror / relative).read_bytes()
        where = f"the mirror ({mirror / relative})"
    else:
        data = _download(package)
        where = package.tarball
    if not _verified(package, data):
        raise FetchError(
            f"{package.folder}: the tarball from {where} is not the pinned one "
            f"(integrity {sri(data, 'sha512')}, expected {package.integrity}); nothing was extracted"
        )
    cached.parent.mkdir(parents=True, exist_ok=True)
    _write(cached, data)
    return data


def extract(package: Package, data: bytes, into: Path) -> None:
    """Only the listed files and the licence, each written whole (a temporary name, then renamed)."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for name in package.taken():
            try:
                member = archive.getmember(f"package/{name}")
            except KeyError:
                raise FetchError(f"{package.folder}: the tarball has no file {name!r}") from None
            reader = archive.extractfile(member) if member.isfile() else None
            if reader is None:
                raise FetchError(f"{package.folder}: {name!r} in the tarball is not a regular file")
            content = reader.read()
            expected = package.files.get(name)
            if expected is not None and sri(content, expected.partition("-")[0]) != expected:
                raise FetchError(f"{package.folder}: {name} does not match its pinned checksum {expected}")
            target = into / package.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(target, content)


def _verified(package: Package, data: bytes) -> bool:
    return sri(data, package.integrity.partition("-")[0]) == package.integrity


def _download(package: Package) -> bytes:
    try:
        with urllib.request.urlopen(package.tarball, timeout=DOWNLOAD_TIMEOUT_S) as response:  # noqa: S310 (https)
            body: bytes = response.read()
            return body
    except OSError as error:
        raise FetchError(
            f"{package.folder}: cannot download {package.tarball} ({error}); "
            "with no network, put the tarball in a mirror folder as <host>/<path> and pass --mirror"
        ) from error


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


if __name__ == "__main__":
    sys.exit(main())
