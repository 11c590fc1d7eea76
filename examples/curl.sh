#!/usr/bin/env bash
# hiraku from the shell: a query with variables (POST), the same kind of query by GET, and paging with cursors.
# Usage: HIRAKU_URL=http://127.0.0.1:8000 examples/curl.sh
set -euo pipefail

ENDPOINT="${HIRAKU_URL:-http://127.0.0.1:8000}/graphql"
MAX_PAGES=10 # a bound on the loop, whatever the server says about hasNextPage

# Answers come as compact JSON (no spaces), so grep and sed can pick out simple fields; real scripts would use jq.
field() { grep -o "\"$1\":\"[^\"]*\"" | sed "s/^\"$1\":\"//; s/\"$//"; }

# GraphQL errors come with status 200: stop on them as well as on HTTP errors (-f).
checked() {
    local answer
    answer="$(cat)"
    if grep -q '"errors":' <<<"$answer"; then
        echo "GraphQL error: $answer" >&2
        exit 1
    fi
    printf '%s' "$answer"
}

post() { curl -sSf "$ENDPOINT" -H 'content-type: application/json' --data-binary "$1" | checked; }

# 1. POST with variables: the document stays constant, the values travel apart (no string building inside it).
SEARCH='query Search($q: String!, $first: Int) { search(query: $q, first: $first) { totalCount nodes { kind title } } }'
answer="$(post "{\"query\": \"$SEARCH\", \"variables\": {\"q\": \"ぼうさい\", \"first\": 3}}")"
echo "search 「ぼうさい」: $(grep -o '"totalCount":[0-9]*' <<<"$answer" | cut -d: -f2) matches, the first 3:"
field title <<<"$answer" | sed 's/^/  /'

# 2. The same by GET, with query and variables URL-encoded: GET answers are cacheable (ETag, max-age=300).
METRIC='query Metric($slug: String!) { metric(slug: $slug) {
  name latest { displayValue date source { page attribution } } } }'
answer="$(curl -sSfG "$ENDPOINT" --data-urlencode "query=$METRIC" \
    --data-urlencode 'variables={"slug": "mynaportal-registered-users"}' | checked)"
echo "$(field name <<<"$answer"): $(field displayValue <<<"$answer") on $(field date <<<"$answer")" \
    "(p.$(grep -o '"page":[0-9]*' <<<"$answer" | cut -d: -f2))"
# Shown beside the value wherever it is reused: the licence requires the credit line.
echo "  $(field attribution <<<"$answer")"

# 3. Paging: ask for a page, then the next one after its endCursor, until hasNextPage is false.
PAGE='query Page($code: LocalGovCode!, $after: String) { prefecture(areaCode: $code) {
  name municipalities(first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } } }'
PAGE="${PAGE//$'\n'/ }" # a JSON string cannot hold a raw newline
after=null
names=()
pages=0
while ((pages < MAX_PAGES)); do
    pages=$((pages + 1))
    answer="$(post "{\"query\": \"$PAGE\", \"variables\": {\"code\": \"13000\", \"after\": $after}}")"
    mapfile -t -O "${#names[@]}" names < <(grep -o '"nodes":\[.*\]' <<<"$answer" | field name)
    grep -q '"hasNextPage":true' <<<"$answer" || break
    # Cursors are opaque: pass them back as they came.
    after="\"$(field endCursor <<<"$answer")\""
done
prefecture="$(grep -o '"prefecture":{"name":"[^"]*"' <<<"$answer" | sed 's/.*"name":"//; s/"$//')"
echo "$prefecture: ${#names[@]} municipalities in $pages pages, from ${names[0]} to ${names[-1]}"
