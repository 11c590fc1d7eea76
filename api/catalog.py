"""`GET /catalog.jsonld`: the dataset as a DCAT catalogue entry (JSON-LD) that open-data portals harvest: who
publishes it, its licence, period and place, its sources, a distribution for every export and map, and the GraphQL
endpoint as a data service."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.caching import requested_etags, weak_etag
from api.exports import ExportError, version_of
from api.home import Home
from db.exports import EXPORT_FORMATS, EXPORT_TABLES
from schema.limits import CACHE_MAX_AGE_S

MEDIA_TYPE = "application/ld+json"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
IANA = "https://www.iana.org/assignments/media-types/"
JAPAN = "http://publications.europa.eu/resource/authority/country/JPN"
JAPANESE = "http://publications.europa.eu/resource/authority/language/JPN"


class Catalog:
    """The entry, built from what the home page reads (one GraphQL query per dataset version)."""

    def __init__(self, home: Home) -> None:
        self.home = home

    async def entry(self, request: Request) -> Response:
        try:
            version = await version_of(request)
        except ExportError as error:
            return error.response()
        headers = {
            "etag": weak_etag(version, request.url.path, b""),
            "cache-control": f"public, max-age={CACHE_MAX_AGE_S}",
            "x-dataset-version": version,
        }
        if headers["etag"] in requested_etags(request.headers):
            return Response(status_code=304, headers=headers)
        facts = await self.home.facts(request)
        if facts["dataset"] is None:
            problem = facts["datasetProblem"] or "No dataset is loaded yet."
            return ExportError(503, problem, "SERVICE_UNAVAILABLE").response()
        entry = catalog(facts, request.app.state.public_url)
        return JSONResponse(entry, headers=headers, media_type=MEDIA_TYPE)


def catalog(facts: dict[str, Any], public_url: str) -> dict[str, Any]:
    dataset = facts["dataset"]
    dataset_id = f"{public_url}/catalog.jsonld#dataset"
    service_id = f"{public_url}/catalog.jsonld#graphql"
    licence = _ref(dataset["compatibleLicenceUrl"] or dataset["url"])
    report = {
        "@id": dataset["url"],
        "@type": "dct:BibliographicResource",
        "dct:title": dataset["title"],
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": dataset["publisher"]},
    }
    sources = [report] + [
        {"@id": source["url"], "dct:title": source["title"], "dct:rights": source["licence"]}
        for source in dataset["sources"]
        if source["available"]
    ]
    service = {
        "@id": service_id,
        "@type": "dcat:DataService",
        "dct:title": "hiraku GraphQL API",
        "dct:description": facts["about"]["en"],
        "dcat:endpointURL": _ref(f"{public_url}/graphql"),
        "dcat:endpointDescription": _ref(f"{public_url}/schema.graphql"),
        "dct:conformsTo": _ref("https://spec.graphql.org/"),
        "dcat:servesDataset": _ref(dataset_id),
        "dct:license": licence,
    }
    return {
        "@context": CONTEXT,
        "@id": f"{public_url}/catalog.jsonld",
        "@type": "dcat:Catalog",
        "dct:title": "hiraku",
        "dct:description": facts["about"]["en"],
        "foaf:homepage": _ref(f"{public_url}/"),
        "dcat:service": service,
        "dcat:dataset": {
            "@id": dataset_id,
            "@type": "dcat:Dataset",
            "dct:title": [
                {"@value": f"{dataset['title']}のデータ", "@language": "ja"},
                {"@value": "The Digital Agency's annual report as data", "@language": "en"},
            ],
            "dct:description": [
                {"@value": facts["about"]["ja"], "@language": "ja"},
                {"@value": facts["about"]["en"], "@language": "en"},
            ],
            # hiraku structures the report; the report itself is the Agency's (dct:source, prov:wasDerivedFrom).
            "dct:publisher": {"@type": "foaf:Organization", "foaf:name": "hiraku"},
            "dct:source": sources,
            "prov:wasDerivedFrom": _ref(dataset["url"]),
            "dct:license": licence,
            "dct:rights": f"{dataset['licence']}. {dataset['attribution']} / {dataset['attributionEn']}",
            "dct:temporal": {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": {"@value": dataset["periodStart"], "@type": "xsd:date"},
                "dcat:endDate": {"@value": dataset["periodEnd"], "@type": "xsd:date"},
            },
            "dct:spatial": _ref(JAPAN),
            "dct:language": _ref(JAPANESE),
            "dct:modified": {"@value": dataset["loadedAt"], "@type": "xsd:dateTime"},
            "owl:versionInfo": dataset["version"],
            "dcat:landingPage": _ref(f"{public_url}/"),
            "dcat:distribution": _distributions(facts, public_url, licence, service_id),
        },
    }


def _distributions(
    facts: dict[str, Any], public_url: str, licence: dict[str, str], service_id: str
) -> list[dict[str, Any]]:
    package = f"{public_url}/export/datapackage.json"
    files = [
        {
            "@type": "dcat:Distribution",
            "dct:title": f"{table}.{format_}",
            "dcat:downloadURL": _ref(f"{public_url}/export/{table}.{format_}"),
            "dcat:accessURL": _ref(f"{public_url}/export/"),
            "dcat:mediaType": _ref(IANA + media_type.split(";")[0]),
            "dct:conformsTo": _ref(package),
            "dct:license": licence,
        }
        for table in EXPORT_TABLES
        for format_, media_type in EXPORT_FORMATS.items()
    ]
    maps = [
        {
            "@type": "dcat:Distribution",
            "dct:title": f"{found['name']} (map)",
            "dcat:downloadURL": _ref(public_url + found["url"]),
            "dcat:accessURL": _ref(public_url + found["url"]),
            "dcat:mediaType": _ref(IANA + "image/svg+xml"),
            "dct:license": licence,
        }
        for found in facts["links"]["maps"]
    ]
    described = {
        "@type": "dcat:Distribution",
        "dct:title": "datapackage.json (Frictionless Data Package)",
        "dcat:downloadURL": _ref(package),
        "dcat:accessURL": _ref(package),
        "dcat:mediaType": _ref(IANA + "application/json"),
        "dct:conformsTo": _ref("https://specs.frictionlessdata.io/data-package/"),
        "dct:license": licence,
    }
    api = {
        "@type": "dcat:Distribution",
        "dct:title": "GraphQL API",
        "dcat:accessURL": _ref(f"{public_url}/graphql"),
        "dcat:accessService": _ref(service_id),
        "dcat:mediaType": _ref(IANA + "application/json"),
        "dct:license": licence,
    }
    return [api, described, *files, *maps]


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}
