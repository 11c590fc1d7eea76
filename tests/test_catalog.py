"""GET /catalog.jsonld over a real server: JSON-LD that an RDF parser reads (rdflib, as harvesters of DCAT do),
describing the dataset with its publisher, licence, period, place and sources, the GraphQL endpoint as a data
service, and a distribution for every export and map whose URL answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from api.settings import Settings
from db.exports import EXPORT_TABLES

# rdflib's JSON-LD parser builds a ConjunctiveGraph, which rdflib itself deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")


async def catalogue(client: httpx.AsyncClient) -> tuple[Graph, dict[str, Any]]:
    response = await client.get("/catalog.jsonld")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/ld+json"
    graph = Graph().parse(data=response.text, format="json-ld")
    return graph, response.json()


async def test_the_dataset_is_described_as_dcat(client: httpx.AsyncClient, settings: Settings) -> None:
    graph, _ = await catalogue(client)
    [dataset] = list(graph.subjects(RDF.type, DCAT.Dataset))
    assert dataset == URIRef(f"{settings.public_url}/catalog.jsonld#dataset")
    assert (URIRef(f"{settings.public_url}/catalog.jsonld"), DCAT.dataset, dataset) in graph
    assert graph.value(dataset, DCTERMS.license) == CC_BY
    temporal = graph.value(dataset, DCTERMS.temporal)
    assert graph.value(temporal, DCAT.startDate) == Literal("2022-09-01", datatype=XSD.date)
    assert graph.value(temporal, DCAT.endDate) == Literal("2023-08-31", datatype=XSD.date)
    assert graph.value(dataset, DCTERMS.spatial) == URIRef(
        "http://publications.europa.eu/resource/authority/country/JPN"
    )
    sources = set(graph.objects(dataset, DCTERMS.source))
    assert URIRef("https://digital.go.jp/policies/report-202209-202308") in sources and len(sources) == 5
    titles = {str(t) for t in graph.objects(dataset, DCTERMS.title)}
    assert "The Digital Agency's annual report as data" in titles


async def test_every_export_and_map_is_a_distribution_that_answers(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    graph, _ = await catalogue(client)
    [dataset] = list(graph.subjects(RDF.type, DCAT.Dataset))
    distributions = list(graph.objects(dataset, DCAT.distribution))
    downloads = {str(graph.value(d, DCAT.downloadURL)) for d in distributions if graph.value(d, DCAT.downloadURL)}
    public = settings.public_url
    for table in EXPORT_TABLES:
        assert {f"{public}/export/{table}.csv", f"{public}/export/{table}.json"} <= downloads
    maps = [url for url in downloads if "/maps/" in url]
    assert maps and f"{public}/export/datapackage.json" in downloads
    for url in [*maps[:2], f"{public}/export/prefectures.csv", f"{public}/export/datapackage.json"]:
        assert (await client.get(url.removeprefix(public))).status_code == 200, url
    media = {str(graph.value(d, DCAT.mediaType)) for d in distributions}
    assert "https://www.iana.org/assignments/media-types/text/csv" in media
    assert all(graph.value(d, DCTERMS.license) == CC_BY for d in distributions)


async def test_the_graphql_endpoint_is_a_data_service(client: httpx.AsyncClient, settings: Settings) -> None:
    graph, _ = await catalogue(client)
    [service] = list(graph.subjects(RDF.type, DCAT.DataService))
    assert graph.value(service, DCAT.endpointURL) == URIRef(f"{settings.public_url}/graphql")
    assert graph.value(service, DCAT.servesDataset) == URIRef(f"{settings.public_url}/catalog.jsonld#dataset")


async def test_the_home_page_links_the_catalogue(client: httpx.AsyncClient) -> None:
    assert (await client.get("/", headers={"accept": "application/json"})).json()["links"][
        "catalog"
    ] == "/catalog.jsonld"
    page = (await client.get("/", headers={"accept": "text/html"})).text
    assert '<link rel="alternate" type="application/ld+json" href="/catalog.jsonld"' in page
    first = await client.get("/catalog.jsonld")
    assert (await client.get("/catalog.jsonld", headers={"if-none-match": first.headers["etag"]})).status_code == 304
