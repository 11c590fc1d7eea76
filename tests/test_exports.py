"""GET /export/{table}.csv|.json over a real server: files that Python's csv and json modules open, the API's
values, filters, headers, refusals before any SQL, 304, and the limits on exports at once (in all and per client,
issue 15 item 5) and on clients that do not read (SECURITY.md item 32's slow clients, for downloads)."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import json
import socket
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.limits import EXPORT_MIN_RATE, EXPORT_STALL_S, MAX_EXPORTS_PER_CLIENT
from api.settings import Settings
from schema.limits import MAX_CONCURRENT_EXPORTS
from tests.limits_support import app_settings, sql_statements
from tests.support import document, graphql, running

METRIC = "mynaportal-registered-users"
CHIYODA = "131016"
TOKYO = "130001"
LARGEST_METRIC = "mynumber-card-issued-soumu"
TABLES = ("initiatives", "milestones", "metrics", "observations", "prefectures", "municipalities", "services")


def rows_of(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))


async def samples(client: httpx.AsyncClient) -> Any:
    variables = {"metric": METRIC, "code": CHIYODA, "prefecture": TOKYO}
    body = await graphql(client, document("export_samples"), variables)
    assert "errors" not in body, body
    return body["data"]


async def test_observations_repeat_the_values_and_sources_of_the_api(client: httpx.AsyncClient) -> None:
    api = (await samples(client))["metric"]
    latest = api["latest"]
    rows = rows_of(await client.get("/export/observations.csv", params={"metric": METRIC}))
    assert rows and {row["metric_slug"] for row in rows} == {METRIC}
    [row] = [r for r in rows if r["date"] == latest["date"] and r["area_level"] == "nation" and r["dimensions"] == "{}"]
    assert row["metric_name"] == api["name"]
    assert (row["value"], row["stated"]) == (latest["exactValue"], latest["displayValue"])
    # The file keeps the lower-case unit code; the API gives it as a `MetricUnit` name.
    assert (row["unit"].upper(), row["unit_label"]) == (api["unit"], api["unitLabel"])
    source = latest["source"]
    assert (row["source_section"], row["source_page"]) == (source["section"], str(source["page"]))
    assert (row["source_quote"], row["attribution"]) == (source["quote"], source["attribution"])

    as_json = (await client.get("/export/observations.json", params={"metric": METRIC})).json()
    assert len(as_json) == len(rows)
    [item] = [i for i in as_json if i["date"] == latest["date"] and i["area_code"] is None and i["dimensions"] == {}]
    assert item["value"] == float(latest["exactValue"]) and item["source_page"] == source["page"]


async def test_a_municipal_observation_cites_the_series_it_comes_from(client: httpx.AsyncClient) -> None:
    query = (
        '{ municipality(areaCode: "131016") { observations(metric: "mynumber-card-issued-soumu", last: 1) { nodes { '
        "exactValue date source { attribution url } } } } }"
    )
    body = await graphql(client, query)
    [node] = body["data"]["municipality"]["observations"]["nodes"]
    rows = rows_of(await client.get("/export/observations.csv?metric=mynumber-card-issued-soumu&area=13101"))
    assert {row["area_code"] for row in rows} == {CHIYODA}
    [row] = [r for r in rows if r["date"] == node["date"] and r["dimensions"] == "{}"]
    assert (row["value"], row["attribution"], row["source_url"]) == (
        node["exactValue"],
        node["source"]["attribution"],
        node["source"]["url"],
    )


async def test_municipalities_and_initiatives_repeat_the_api(client: httpx.AsyncClient) -> None:
    api = await samples(client)
    everyone = rows_of(await client.get("/export/municipalities.csv"))
    assert len(everyone) == 1741
    tokyo = rows_of(await client.get("/export/municipalities.csv", params={"area": TOKYO}))
    assert len(tokyo) == api["prefecture"]["municipalities"]["totalCount"]
    assert {row["prefecture_code"] for row in tokyo} == {TOKYO}
    [chiyoda] = [row for row in tokyo if row["code"] == CHIYODA]
    town = api["municipality"]
    assert (chiyoda["name"], chiyoda["name_kana"], chiyoda["prefecture_name"]) == (
        town["name"],
        town["nameKana"],
        town["prefecture"]["name"],
    )
    assert (int(chiyoda["population"]), chiyoda["population_date"]) == (town["population"], town["populationDate"])
    initiatives = rows_of(await client.get("/export/initiatives.csv"))
    expected = [(n["slug"], n["title"], n["headline"]) for n in api["initiatives"]["nodes"]]
    assert [(r["slug"], r["title"], r["headline"]) for r in initiatives[:3]] == expected
    assert len(rows_of(await client.get("/export/prefectures.csv"))) == 47


@pytest.mark.parametrize("table", TABLES[:3] + TABLES[4:])
async def test_every_table_is_the_same_in_csv_json_and_the_bom_variant(client: httpx.AsyncClient, table: str) -> None:
    plain = await client.get(f"/export/{table}.csv")
    rows = rows_of(plain)
    assert rows and all(name == name.lower() and " " not in name for name in rows[0])
    bom = await client.get(f"/export/{table}.csv?bom=1")
    assert bom.content == b"\xef\xbb\xbf" + plain.content
    items = (await client.get(f"/export/{table}.json")).json()
    assert [list(item) for item in items[:1]] == [list(rows[0])]
    assert len(items) == len(rows)

    def cell(value: object) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return "" if value is None else str(value)

    for item, row in zip(items, rows, strict=True):
        assert {k: cell(v) for k, v in item.items() if not isinstance(v, float | dict)} == {
            k: v for k, v in row.items() if not isinstance(item[k], float | dict)
        }


async def test_headers_name_the_file_version_and_licence_and_304_follows(client: httpx.AsyncClient) -> None:
    version = (await samples(client))["dataset"]["version"]
    response = await client.get(f"/export/observations.csv?area={TOKYO}&metric={METRIC}")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["x-dataset-version"] == version
    assert response.headers["content-disposition"] == (
        f'attachment; filename="hiraku-observations-metric-{METRIC}-area-{TOKYO}-{version}.csv"'
    )
    assert response.headers["cache-control"] == "public, max-age=300"
    assert 'rel="license"' in response.headers["link"] and "creativecommons.org" in response.headers["link"]
    json_answer = await client.get("/export/services.json")
    assert json_answer.headers["content-type"] == "application/json"
    etag = response.headers["etag"]
    assert etag != json_answer.headers["etag"]
    before = await sql_statements(client)
    again = await client.get(f"/export/observations.csv?metric={METRIC}&area={TOKYO}", headers={"if-none-match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert await sql_statements(client) == before


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        ("/export/observations.xlsx", 404, "observations.csv"),
        ("/export/people.csv", 404, "municipalities.json"),
        ("/export/observations.csv?area=131017", 400, "131016"),
        ("/export/observations.csv?area=tokyo", 400, "`area`"),
        ("/export/observations.csv?metric=Robert');DROP", 400, "`metric`"),
        ("/export/observations.csv?metric=a&metric=b", 400, "more than once"),
        ("/export/observations.csv?page=2", 400, "`page`"),
        ("/export/initiatives.csv?area=131016", 400, "`area` is not a parameter of initiatives.csv"),
        ("/export/municipalities.csv?metric=x", 400, "`metric`"),
        ("/export/observations.json?bom=1", 400, "`bom`"),
        ("/export/observations.csv?bom=yes", 400, "1 or 0"),
    ],
)
async def test_bad_requests_are_refused_before_any_sql(
    client: httpx.AsyncClient, url: str, status: int, says: str
) -> None:
    before = await sql_statements(client)
    response = await client.get(url)
    assert response.status_code == status, response.text
    assert says in response.json()["errors"][0]["message"]
    assert await sql_statements(client) == before


def from_address(url: str, n: int) -> httpx.AsyncClient:
    """A client whose connections come from 127.0.0.n: another client address for the server."""
    return httpx.AsyncClient(base_url=url, transport=httpx.AsyncHTTPTransport(local_address=f"127.0.0.{n}"))


async def test_exports_at_once_are_limited_and_their_slots_come_back(settings: Settings, loaded_dsn: str) -> None:
    """MAX_CONCURRENT_EXPORTS + 1: clients that do not read hold their export open; one more gets 503 at once."""
    async with running(create_app(app_settings(settings, loaded_dsn))) as url, httpx.AsyncClient(base_url=url) as http:
        async with contextlib.AsyncExitStack() as held:
            for n in range(MAX_CONCURRENT_EXPORTS):
                client = await held.enter_async_context(from_address(url, 10 + n))
                stream = await held.enter_async_context(client.stream("GET", "/export/observations.csv"))
                assert stream.status_code == 200
            refused = await http.get("/export/prefectures.csv")
            assert refused.status_code == 503 and refused.headers["retry-after"]
        for _ in range(50):  # the closed downloads give their slots back as the server notices
            if (await http.get("/export/prefectures.csv")).status_code == 200:
                break
            await asyncio.sleep(0.1)
        else:
            pytest.fail("the slots of closed downloads did not come back")


async def test_one_client_address_runs_at_most_max_exports_per_client(settings: Settings, loaded_dsn: str) -> None:
    async with (
        running(create_app(app_settings(settings, loaded_dsn))) as url,
        httpx.AsyncClient(base_url=url) as http,
        contextlib.AsyncExitStack() as held,
    ):
        for _ in range(MAX_EXPORTS_PER_CLIENT):
            stream = await held.enter_async_context(http.stream("GET", "/export/observations.csv"))
            assert stream.status_code == 200
        refused = await http.get("/export/prefectures.csv")
        assert refused.status_code == 429
        assert refused.headers["retry-after"]
        assert refused.json() == {
            "errors": [
                {
                    "message": f"{MAX_EXPORTS_PER_CLIENT} exports from your address are running already: "
                    "start the next when one has finished.",
                    "extensions": {"code": "RATE_LIMITED"},
                }
            ]
        }
        async with from_address(url, 2) as other:  # another address has slots of its own
            assert (await other.get("/export/prefectures.csv")).status_code == 200


async def never_reading(port: int, n: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A download from 127.0.0.n that reads its head and nothing more (but what its stream buffers, 128 KiB), with
    a small receive buffer so that the server's side fills up soon."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65_536)
    sock.bind((f"127.0.0.{n}", 0))
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
    reader, writer = await asyncio.open_connection(sock=sock)
    # One metric's 87,000 observations (48 MB): far more than the buffers between the server and the client.
    writer.write(f"GET /export/observations.csv?metric={LARGEST_METRIC} HTTP/1.1\r\nHost: hiraku\r\n\r\n".encode())
    await writer.drain()
    # The head comes once the export holds its slot: waiting for it, rather than returning once the request is sent,
    # means the slots are taken when the caller looks (on a busy machine a later request could otherwise get in).
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 60)
    assert head.startswith(b"HTTP/1.1 200 "), head
    return reader, writer


async def test_clients_that_do_not_read_are_cut_off_and_give_their_slots_back(
    settings: Settings, loaded_dsn: str
) -> None:
    """Before, clients that never read held every export slot, and a database transaction each, for 300 s. Now
    they are cut off after EXPORT_STALL_S, while a client reading at up to 16 times EXPORT_MIN_RATE (sleeps
    stretch on a busy machine: a generous margin) carries on."""
    async with running(create_app(app_settings(settings, loaded_dsn))) as url:
        port = int(url.rsplit(":", 1)[1])
        stalled = [await never_reading(port, 20 + n) for n in range(MAX_CONCURRENT_EXPORTS - 1)]
        reading_reader, reading = await never_reading(port, 30)
        received = 0

        async def read_well_above_the_minimum(seconds: float) -> None:
            nonlocal received
            for _ in range(int(seconds * 16)):
                chunk = await reading_reader.read(EXPORT_MIN_RATE)
                assert chunk, "a client reading fast enough was cut off"
                received += len(chunk)
                await asyncio.sleep(1 / 16)

        reader_task = asyncio.create_task(read_well_above_the_minimum(EXPORT_STALL_S * 2 + 5))
        try:
            async with from_address(url, 40) as other:
                assert (await other.get("/export/prefectures.csv")).status_code == 503  # every slot is taken
                # The slots of the stalled downloads come back after EXPORT_STALL_S, while the reader carries on.
                for _ in range(int(EXPORT_STALL_S + 60) * 10):
                    if (await other.get("/export/prefectures.csv")).status_code == 200:
                        break
                    await asyncio.sleep(0.1)
                else:
                    pytest.fail("the slots of stalled downloads did not come back")
            await reader_task  # still reading after twice EXPORT_STALL_S
            assert received > EXPORT_MIN_RATE * EXPORT_STALL_S * 2
            for reader, _ in stalled:
                # What the server sent before it gave up, then the end of the connection, without the last chunk
                # of the chunked transfer: the client sees an unfinished download, never a complete-looking file.
                data = b""
                while more := await asyncio.wait_for(reader.read(2**20), 60):
                    data += more
                assert data and not data.endswith(b"0\r\n\r\n")
        finally:
            reader_task.cancel()
            for _, writer in [*stalled, (reading_reader, reading)]:
                writer.close()


async def test_exports_and_maps_are_compressed_for_clients_that_accept_it(client: httpx.AsyncClient) -> None:
    plain = await client.get("/export/municipalities.csv", headers={"accept-encoding": "identity"})
    packed = await client.get("/export/municipalities.csv", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.content == plain.content  # httpx has unpacked it
    assert (
        int(packed.headers.get("content-length", 0)) < len(plain.content) / 3 or "content-length" not in packed.headers
    )
    svg = await client.get("/maps/mynumber-card-issued-rate-soumu.svg", headers={"accept-encoding": "gzip"})
    assert svg.status_code == 200
    assert svg.headers["content-encoding"] == "gzip"
    assert svg.text.startswith("<svg")
