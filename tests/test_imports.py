"""`hiraku data import observations`: the documented CSV, all or nothing, line-numbered errors, idempotent."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import asyncpg
import pytest

from api.settings import Settings
from seeds.imports import ImportFileError, read_import
from seeds.sources import FetchResult
from tests.cli_support import environment, hiraku
from tests.support import throwaway_database

FIXTURE = Path(__file__).parent / "fixtures" / "observations-illustrative.csv"


def _mirror_without_series(fetched: list[FetchResult], root: Path) -> Path:
    """A mirror of the verified sources less the large series: the same import, loaded in a second."""
    for result in fetched:
        if result.source.slug == "mynumbercard-statistics":
            continue
        for file in result.source.files:
            target = root / file.relative_cache_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(result.paths[file.path])
    return root


async def _imported(dsn: str) -> list[tuple[str, str | None, str]]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT m.slug, o.area_code, o.value::text AS value FROM observation AS o"
            " JOIN metric AS m ON m.id = o.metric_id WHERE o.date >= '2099-01-01' ORDER BY o.id"
        )
        return [(r["slug"], r["area_code"], r["value"]) for r in rows]
    finally:
        await conn.close()


async def test_import_then_again_then_a_bad_file(
    settings: Settings, server_dsn: str, fetched: list[FetchResult], tmp_path: Path
) -> None:
    mirror = _mirror_without_series(fetched, tmp_path / "mirror")
    async with throwaway_database(server_dsn) as dsn:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env |= {"DATABASE_URL": dsn, "HIRAKU_DATA_DIR": str(tmp_path / "data"), "HIRAKU_SOURCES_MIRROR": str(mirror)}
        first = await asyncio.to_thread(hiraku, ["data", "import", "observations", str(FIXTURE)], env)
        assert first.returncode == 0, first.stderr
        assert "4 rows valid" in first.stderr
        # Nothing was loaded into this database: the import loads everything, and says so.
        assert "not added alone (nothing is loaded yet): loading everything" in first.stderr
        assert "1 imported files" in first.stderr
        rows = await _imported(dsn)
        assert rows == [
            ("mynumber-card-issued-soumu", "011002", "1000001"),
            ("mynumber-card-issued-soumu", "131016", "20002"),
            ("mynumber-card-issued-rate-soumu", None, "99.9"),
            ("mynumber-card-issued-rate-soumu", None, "88.8"),
        ]

        again = await asyncio.to_thread(hiraku, ["data", "import", "observations", str(FIXTURE)], env)
        assert again.returncode == 0, again.stderr
        assert "was imported before" in again.stderr
        assert await _imported(dsn) == rows

        # A reload keeps the imported values: the file is an input of the dataset.
        reload = await asyncio.to_thread(hiraku, ["data", "load", "--force"], env)
        assert reload.returncode == 0, reload.stderr
        assert await _imported(dsn) == rows

        bad = tmp_path / "bad.csv"
        lines = FIXTURE.read_text(encoding="utf-8").splitlines()
        bad.write_text(
            "\n".join(
                [
                    lines[0],
                    lines[1].replace("2099-01-31,1000001", "2099-02-28,1000001"),
                    lines[1].replace("01100,", "011003,"),  # wrong check digit
                    lines[1].replace("1000001", "lots"),  # not a number
                    lines[3].replace("mynumber-card-issued-rate-soumu", "no-such-metric"),
                ]
            )
            + "\n",
            encoding="utf-8",
        )
        failed = await asyncio.to_thread(hiraku, ["data", "import", "observations", str(bad)], env)
        assert failed.returncode == 1
        assert "3 problem(s), nothing imported" in failed.stderr
        assert "line 3: field 'area_code': '011003' has a wrong check digit" in failed.stderr
        assert "line 4: field 'value': 'lots' is not a number" in failed.stderr
        assert "line 5: field 'metric': no metric has the slug 'no-such-metric'" in failed.stderr
        assert await _imported(dsn) == rows
        assert len(list((tmp_path / "data" / "imports").glob("*.csv"))) == 1


def test_every_bad_row_is_listed_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    header = FIXTURE.read_text(encoding="utf-8").splitlines()[0]
    good = "mynumber-card-issued-soumu,011002,2099-01-31,1,,doc,https://example.org,総務省,primary,,"
    path.write_text(
        "\n".join(
            [
                header,
                good,
                good,  # the same key twice
                "mynumber-card-issued-soumu,011002,31/01/2099,1,,doc,https://example.org,総務省,primary,,",
                "mynumber-card-issued-soumu,011002,2099-03-31,1,sex,doc,ftp://example.org,総務省,secondary,,",
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError) as raised:
        read_import(path, {"mynumber-card-issued-soumu"}, {"011002"})
    assert raised.value.problems == [
        "line 3: the same metric, area, date and dimensions as line 2",
        "line 4: field 'date': '31/01/2099' is not a date (YYYY-MM-DD)",
        "line 5: field 'dimensions': 'sex' is not name=value",
        "line 5: field 'citation_kind': is neither primary nor quoted",
        "line 5: field 'source_url': is not an http(s) URL",
    ]


REQUIRED_ONLY = (
    "metric,date,value,source_document,source_url,figure_owner,citation_kind\n"
    "mynumber-card-issued-rate-soumu,2099-02-28,77.7,ILLUSTRATIVE test fixture (not a real figure),"
    "https://example.org/illustrative,総務省,primary\n"
)


def test_the_optional_columns_may_be_left_out(tmp_path: Path) -> None:
    path = tmp_path / "required.csv"
    path.write_text(REQUIRED_ONLY, encoding="utf-8")
    [value] = read_import(path, {"mynumber-card-issued-rate-soumu"}, set())
    # The documented empty meaning: the nation, a total, no publication date, no note.
    assert (value.area_code, value.dimensions, value.citation[4], value.citation[5]) == (None, "{}", None, None)
    assert (value.metric, str(value.date), value.stated) == ("mynumber-card-issued-rate-soumu", "2099-02-28", "77.7")


def test_a_missing_required_column_or_an_unknown_one_is_named_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "columns.csv"
    header, row = REQUIRED_ONLY.splitlines()
    path.write_text(
        header.replace("value,", "").replace(",figure_owner", ",area") + "\n" + row + "\n", encoding="utf-8"
    )
    with pytest.raises(ImportFileError) as raised:
        read_import(path, {"mynumber-card-issued-rate-soumu"}, set())
    assert str(raised.value).startswith(f"{path}: 2 problem(s), nothing imported:")
    assert raised.value.problems[0] == "line 1: missing required column(s) value, figure_owner"
    assert raised.value.problems[1].startswith("line 1: unknown column(s) area (the columns are metric, area_code,")


@pytest.mark.parametrize("kind", ["observations", "catalogue"])
@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("absent.csv", None, "no such file"),
        ("folder", "directory", "it is a directory"),
        ("empty.csv", b"", "the file is empty"),
        ("latin1.csv", "metric,date\nmynumber,2099-01-31,caf\xe9\n".encode("latin-1"), "not UTF-8 text (line 2)"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_line_before_anything_starts(
    settings: Settings, tmp_path: Path, kind: str, name: str, content: bytes | str | None, problem: str
) -> None:
    path = tmp_path / name
    if content == "directory":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    data = tmp_path / "data"
    result = hiraku(["data", "import", kind, str(path)], environment(settings, HIRAKU_DATA_DIR=str(data)))
    assert result.returncode == 1
    assert result.stderr == f"hiraku import    cannot read {path}: {problem}\n"
    # Neither the sources were fetched nor a database started.
    assert not data.exists()


TABLES = {
    "observation": "SELECT * FROM observation ORDER BY id",
    "citation": "SELECT * FROM citation ORDER BY id",
    "dataset": "SELECT version, inputs FROM dataset",
    "search_document": "SELECT * FROM search_document ORDER BY id",
    "area": "SELECT * FROM area ORDER BY code",
    # What Metric.dimensions lists, recounted after an import as after a load.
    "metric_breakdown": "SELECT * FROM metric_breakdown ORDER BY metric_id, position",
}


async def _snapshot(dsn: str) -> dict[str, list[tuple[object, ...]]]:
    conn = await asyncpg.connect(dsn)
    try:
        return {table: [tuple(row) for row in await conn.fetch(query)] for table, query in TABLES.items()}
    finally:
        await conn.close()


async def test_a_small_import_adds_rows_as_a_full_load_would(
    server_dsn: str, fetched: list[FetchResult], tmp_path: Path
) -> None:
    mirror = _mirror_without_series(fetched, tmp_path / "mirror")
    common = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    common |= {"HIRAKU_DATA_DIR": str(tmp_path / "data"), "HIRAKU_SOURCES_MIRROR": str(mirror)}
    # Only the required columns; the second row is one the first file gave already, with the same value.
    later = tmp_path / "later.csv"
    later.write_text(
        REQUIRED_ONLY
        + "mynumber-card-issued-rate-soumu,2099-01-31,99.90,ILLUSTRATIVE,https://example.org/illustrative,総務省,quoted\n",
        encoding="utf-8",
    )
    async with throwaway_database(server_dsn) as dsn, throwaway_database(server_dsn) as full_dsn:
        env = common | {"DATABASE_URL": dsn}
        assert (await asyncio.to_thread(hiraku, ["data", "load"], env)).returncode == 0
        first = await asyncio.to_thread(hiraku, ["data", "import", "observations", str(FIXTURE)], env)
        assert first.returncode == 0, first.stderr
        assert "4 observations and 3 citations added, version " in first.stderr
        assert "loading everything" not in first.stderr
        second = await asyncio.to_thread(hiraku, ["data", "import", "observations", str(later)], env)
        assert second.returncode == 0, second.stderr
        assert "1 observations and 1 citations added, 1 given already, version " in second.stderr
        assert "hiraku load" not in first.stderr + second.stderr
        added = await _snapshot(dsn)

        # The same inputs loaded in full into another database: the same rows, ids, citations and version.
        full = await asyncio.to_thread(hiraku, ["data", "load"], common | {"DATABASE_URL": full_dsn})
        assert full.returncode == 0, full.stderr
        assert "2 imported files" in full.stderr
        assert await _snapshot(full_dsn) == added
        assert ("mynumber-card-issued-rate-soumu", None, "77.7") in await _imported(dsn)
        again = await asyncio.to_thread(hiraku, ["data", "load"], env)
        assert f"data: unchanged, version {added['dataset'][0][0]}" in again.stderr

        # A value that differs from a loaded one is refused as a load refuses it, naming the file, line and
        # field; the same file again is known. Neither changes anything.
        conflict = tmp_path / "conflict.csv"
        conflict.write_text(REQUIRED_ONLY.replace("77.7", "66.6"), encoding="utf-8")
        refused = await asyncio.to_thread(hiraku, ["data", "import", "observations", str(conflict)], env)
        assert refused.returncode == 1
        assert f"{conflict}:2: field 'value': the source already gives 77.7 for this metric" in refused.stderr
        repeated = await asyncio.to_thread(hiraku, ["data", "import", "observations", str(later)], env)
        assert repeated.returncode == 0
        assert "was imported before" in repeated.stderr
        assert await _snapshot(dsn) == added
        assert len(list((tmp_path / "data" / "imports").glob("*.csv"))) == 2
