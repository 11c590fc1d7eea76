"""Commands beside a running server: none stops the embedded PostgreSQL under it, each says what it left running."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.settings import Settings
from db.embedded import EmbeddedCluster
from tests.cli_support import QUERY, Served, environment, free_port, hiraku

FIXTURES = Path(__file__).parent / "fixtures"
LEFT_TO_OTHERS = "embedded PostgreSQL left running: another hiraku command uses it (the last one stops it)"
STOPPED = "embedded PostgreSQL stopped"
SERIES = "mynumbercard_statistics"


@pytest.fixture(scope="module")
def mirror(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The suite's sources less the issuance series (left out with one line saying so): every load and import
    beside the server takes seconds instead of tens of seconds, and exercises the same paths."""
    full = settings.sources_mirror or settings.data_dir / "sources"
    mirror = tmp_path_factory.mktemp("mirror")
    for repository in full.glob("*/*/*"):
        if repository.name != SERIES:
            target = mirror / repository.relative_to(full)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(repository, target_is_directory=True)
    return mirror


@pytest.fixture(scope="module")
def env(settings: Settings, mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("served") / "data"
    return environment(
        settings, HIRAKU_DATA_DIR=str(data), HIRAKU_SOURCES_MIRROR=str(mirror), PORT=str(free_port()),
        HIRAKU_LOG_LEVEL="info",
    )  # fmt: skip


@pytest.fixture(scope="module")
def server(env: dict[str, str]) -> Iterator[Served]:
    """One `hiraku run` that started the embedded server, shared by the commands run beside it."""
    served = Served("run", env).ready()
    try:
        assert "new cluster" in served.wait_for("embedded PostgreSQL in")
        yield served
    finally:
        assert served.stop() == 0
        served.wait_for(STOPPED)


def _still_serving(server: Served) -> None:
    ready = server.readyz()
    assert (ready.status_code, ready.json()) == (200, {"status": "ready"})
    assert server.graphql(QUERY) == {"data": {"initiatives": {"totalCount": 27}}}


def test_db_migrate_leaves_the_server_its_database(server: Served, env: dict[str, str]) -> None:
    result = hiraku(["db", "migrate"], env)
    assert result.returncode == 0, result.stderr
    assert "Unix socket only: already running" in result.stderr
    assert "schema: up to date" in result.stderr
    assert result.stderr.splitlines()[-1] == f"hiraku database  {LEFT_TO_OTHERS}"
    assert STOPPED not in result.stderr
    _still_serving(server)


def test_data_load_leaves_the_server_its_database(server: Served, env: dict[str, str]) -> None:
    result = hiraku(["data", "load", "--force"], env)
    assert result.returncode == 0, result.stderr
    assert "27 initiatives" in result.stderr
    assert result.stderr.splitlines()[-1] == f"hiraku database  {LEFT_TO_OTHERS}"
    _still_serving(server)


def test_data_import_leaves_the_server_its_database(server: Served, env: dict[str, str]) -> None:
    result = hiraku(["data", "import", "observations", str(FIXTURES / "observations-illustrative.csv")], env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == f"hiraku database  {LEFT_TO_OTHERS}"
    _still_serving(server)


def test_a_second_run_on_the_busy_port_says_so_in_one_line(server: Served, env: dict[str, str]) -> None:
    result = hiraku(["run"], env)
    assert result.returncode == 1
    assert result.stderr == (
        f"hiraku serve     port {env['PORT']} on 127.0.0.1 is in use (another hiraku?); "
        "set PORT=... to serve elsewhere\n"
    )
    _still_serving(server)


def test_one_log_line_per_request_with_errors_without_query_or_variables(server: Served) -> None:
    before = len(server.lines)
    body = server.graphql({"query": "{ initiatives { secretFieldOne secretFieldTwo } }"})
    assert len(body["errors"]) == 2
    leaky = {"query": "query Leaky($n: Int) { initiatives(first: $n) { totalCount } }", "variables": {"n": "s3cret"}}
    assert "data" not in server.graphql(leaky)
    # The line of a request is written before its answer: once the last request's line is read, all are.
    assert "data" not in server.graphql({"query": "query Last { nope }"})
    server.wait_for("operation=Last", after=before)
    assert [line for line in server.lines[before:] if "hiraku serve" not in line] == [
        "INFO:     operation=- errors=2 kinds=INVALID_REQUEST",
        "INFO:     operation=Leaky errors=1 kinds=INVALID_REQUEST",
        "INFO:     operation=Last errors=1 kinds=INVALID_REQUEST",
    ]


def test_a_server_keeps_the_database_its_starter_leaves_and_stops_it_last(env: dict[str, str], tmp_path: Path) -> None:
    """The reverse order: the command that started the embedded server ends while another still serves."""
    own = {**env, "HIRAKU_DATA_DIR": str(tmp_path / "data")}
    migrated = hiraku(["db", "migrate"], own)
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stderr.splitlines()[-1].startswith(f"hiraku database  {STOPPED} (")
    first = Served("serve", {**own, "PORT": str(free_port())}).ready()
    try:
        second = Served("serve", {**own, "PORT": str(free_port())}).ready()
    except BaseException:
        first.stop()
        raise
    try:
        assert "already running" not in first.wait_for("embedded PostgreSQL in")
        assert "already running" in second.wait_for("embedded PostgreSQL in")
        assert first.stop() == 0
        assert first.wait_for("left running") == f"hiraku database  {LEFT_TO_OTHERS}"
        assert second.readyz().json() == {"status": "ready"}
        assert second.graphql(QUERY) == {"data": {"initiatives": {"totalCount": 0}}}
    finally:
        assert second.stop() == 0
    assert second.wait_for(STOPPED).startswith(f"hiraku database  {STOPPED} (")
    assert not (tmp_path / "data" / "postgres" / "pgdata" / "postmaster.pid").exists()


def test_a_server_started_outside_hiraku_is_left_running(env: dict[str, str], tmp_path: Path) -> None:
    cluster = EmbeddedCluster(tmp_path / "data" / "postgres", durable=False)
    cluster.start()
    try:
        result = hiraku(["db", "migrate"], {**env, "HIRAKU_DATA_DIR": str(tmp_path / "data")})
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines()[-1] == (
            "hiraku database  embedded PostgreSQL left running: it was already running, started outside hiraku"
        )
        assert cluster.is_running()
    finally:
        cluster.destroy()
