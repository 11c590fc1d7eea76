"""Probe."""
import json
import httpx

PROBES = {
 "depth11": "{ initiatives(first:1) { nodes { metrics(first:1) { nodes { initiative { metrics(first:1) { nodes { initiative { metrics(first:1) { nodes { slug } } } } } } } } } } }",
 "datasetz": "{ datasetz }",
 "twoops": "query A { focusAreas { name } } query B { __typename }",
 "mutation": "mutation { x }",
 "subscription": "subscription { x }",
 "cyclic": "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }",
 "selfcyc": "query { ...A } fragment A on Query { ...A }",
 "directives": "{ __typename " + "@aa " * 200 + "}",
 "include": "{ __typename " + "@include(if: true) " * 200 + "}",
 "nestedlist": "{ metric(slug: " + "[" * 300 + "1" + "]" * 300 + ") { name } }",
 "nestedobj": "{ metric(slug: " + "{a:" * 300 + "1" + "}" * 300 + ") { name } }",
 "intoverflow": "{ initiatives(first: 99999999999) { totalCount } }",
 "first0": "{ initiatives(first: 0) { totalCount } }",
 "firstneg": "{ initiatives(first: -1) { totalCount } }",
 "first101": "{ initiatives(first: 101) { totalCount } }",
 "explosion": "{ initiatives(first:100) { nodes { metrics(first:100) { nodes { observations(first:100) { nodes { value } } } } } } }",
 "introcircular": "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }",
 "conflict": "{ " + " ".join(f'metric(slug: "s{i}") {{ name }}' for i in range(150)) + " }",
 "dup5000": "{ " + "__typename " * 5000 + "}",
 "typename500": "{ " + "__typename " * 500 + "}",
}

async def test_probe(client: httpx.AsyncClient) -> None:
    for name, q in PROBES.items():
        r = await client.post("/graphql", json={"query": q})
        t = r.text
        print(name, r.status_code, len(t), t[:600])
    for name, kw in {
        "batch": dict(json=[{"query": "{__typename}"}, {"query": "{__typename}"}]),
        "invalidjson": dict(content=b"{not json", headers={"content-type": "application/json"}),
        "query123": dict(json={"query": 123}),
        "missing": dict(json={"variables": {}}),
        "textplain": dict(content=b"{ __typename }", headers={"content-type": "text/plain"}),
        "form": dict(data={"query": "{ __typename }"}),
        "big": dict(json={"query": "{ __typename }", "variables": {"x": "a" * 1_000_000}}),
    }.items():
        r = await client.post("/graphql", **kw)
        print(name, r.status_code, dict(r.headers), r.text[:300])
    for m in ("PUT", "DELETE", "PATCH"):
        r = await client.request(m, "/graphql")
        print(m, r.status_code, r.text[:200])
    r = await client.get("/graphql", params={"query": "mutation { x }"})
    print("getmut", r.status_code, r.text[:200])
    r = await client.get("/graphql", params={"query": "{ focusAreas { name } }"})
    print("get", r.status_code, dict(r.headers))
    r = await client.get("/graphql", headers={"apollo-federation-include-trace": "ftv1"}, params={"query": "{ __typename }"})
    print("trace", r.status_code, dict(r.headers), r.text)
    r = await client.options("/graphql", headers={"origin": "https://example.org", "access-control-request-method": "POST", "access-control-request-headers": "content-type"})
    print("preflight", r.status_code, dict(r.headers), r.text)
