"""`hiraku data import observations`: the documented CSV, all or nothing, line-numbered errors, idempotent."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest

from api.settings import Settings
from seeds.imports import ImportFileError, read_import
from seeds.sources import FetchResult
from tests.support import throwaway_database

HIRAKU = str(Path(sys.executable).with_name("hiraku"))
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


def _hiraku(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HIRAKU, *args], env=env, capture_output=True, text=True, timeout=120, check=False)


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
        first = await asyncio.to_thread(_hiraku, ["data", "import", "observations", str(FIXTURE)], env)
        assert first.returncode == 0, first.stderr
        assert "4 rows valid" in first.stderr
        assert "1 imported files" in first.stderr
        rows = await _imported(dsn)
        assert rows == [
            ("mynumber-card-issued-soumu", "011002", "1000001"),
            ("mynumber-card-issued-soumu", "131016", "20002"),
            ("mynumber-card-issued-rate-soumu", None, "99.9"),
            ("mynumber-card-issued-rate-soumu", None, "88.8"),
        ]

        again = await asyncio.to_thread(_hiraku, ["data", "import", "observations", str(FIXTURE)], env)
        assert again.returncode == 0, again.stderr
        assert "was imported before" in again.stderr
        assert await _imported(dsn) == rows

        # A reload keeps the imported values: the file is an input of the dataset.
        reload = await asyncio.to_thread(_hiraku, ["data", "load", "--force"], env)
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
        failed = await asyncio.to_thread(_hiraku, ["data", "import", "observations", str(bad)], env)
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
