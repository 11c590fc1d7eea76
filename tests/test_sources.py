"""The pinned sources: mirror layout, cache reuse, and a clear line for a source that cannot be had."""

from __future__ import annotations

from pathlib import Path

from seeds.sources import Fetcher, SourceFile, read_manifest


def test_github_raw_urls_map_to_the_mirror_layout() -> None:
    file = SourceFile("a/b.csv", "0" * 64, "https://raw.githubusercontent.com/owner/repo/abc123/a/b.csv")
    assert file.relative_cache_path == Path("github.com/owner/repo/abc123/a/b.csv")
    other = SourceFile("x.csv", "0" * 64, "https://example.org/data/x.csv")
    assert other.relative_cache_path == Path("example.org/data/x.csv")


def test_every_source_is_pinned_to_a_commit_with_checksums() -> None:
    for source in read_manifest():
        assert len(source.commit) == 40
        assert source.licence and source.attribution
        for file in source.files:
            assert len(file.sha256) == 64
            assert f"/{source.commit}/" in file.url


def test_a_source_missing_from_the_mirror_is_reported_not_raised(tmp_path: Path) -> None:
    source = read_manifest()[0]
    result = Fetcher(tmp_path / "cache", tmp_path / "empty-mirror").fetch(source)
    assert not result.available
    assert result.problem is not None
    assert "is not in the mirror" in result.problem
    assert source.files[0].path in result.problem


def test_a_verified_cache_is_used_without_the_mirror(tmp_path: Path, fetched: list[object]) -> None:
    source = read_manifest()[0]
    mirror_fetch = Fetcher(tmp_path / "cache", None)
    # Fill the cache from the suite's own verified copies, then fetch with no mirror and no network.
    for file in source.files:
        target = tmp_path / "cache" / file.relative_cache_path
        target.parent.mkdir(parents=True, exist_ok=True)
        original = next(r for r in fetched if r.source.slug == source.slug).paths[file.path]  # type: ignore[attr-defined]
        target.write_bytes(original.read_bytes())
    result = mirror_fetch.fetch(source)
    assert result.available
