// hiraku from JavaScript with Node 20's built-in fetch (no packages): a search in Japanese, a ranking, and a
// municipality's time series read page by page with cursors.
// Usage: HIRAKU_URL=http://127.0.0.1:8000 node examples/js_client.mjs

const ENDPOINT = `${(process.env.HIRAKU_URL ?? "http://127.0.0.1:8000").replace(/\/$/, "")}/graphql`;
const MAX_PAGES = 10; // a bound on the loop, whatever the server says about hasNextPage

/** POSTs a document with its variables; returns `data`, or throws on HTTP or GraphQL errors. */
async function graphql(query, variables = {}) {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  const body = await response.json();
  // GraphQL errors come with status 200; each has a stable extensions.code to branch on.
  if (body.errors?.length) {
    throw new Error(body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join("; "));
  }
  return body.data;
}

const SEARCH = `query Search($q: String!, $first: Int) {
  search(query: $q, first: $first) { totalCount nodes { kind title matchedIn } }
}`;

const RANKING = `query Ranking($metric: String!, $date: Date, $first: Int!) {
  metric(slug: $metric) {
    name unitLabel
    ranking(level: MUNICIPALITY, date: $date, first: $first) {
      date areasWithValue
      nodes { rank tied area { name ... on Municipality { prefecture { name } } } observation { displayValue } }
    }
  }
}`;

const SERIES = `query Series($metric: String!, $area: LocalGovCode!, $after: String) {
  municipality(areaCode: $area) { name }
  metric(slug: $metric) {
    observations(areaCode: $area, first: 20, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { date value source { attribution } }
    }
  }
}`;

// Typed as 「ぼうさい」, in kana: titles carry their reading, so this finds 防災.
const found = await graphql(SEARCH, { q: "ぼうさい", first: 3 });
console.log(`search 「ぼうさい」: ${found.search.totalCount} matches`);
for (const hit of found.search.nodes) console.log(`  ${hit.kind}: ${hit.title} (in ${hit.matchedIn})`);

const metric = "mynumber-card-issued-rate-soumu"; // 人口に対する交付枚数率
const { metric: ranked } = await graphql(RANKING, { metric, date: "2022-12-31", first: 3 });
console.log(`${ranked.name} on ${ranked.ranking.date}, highest of ${ranked.ranking.areasWithValue} municipalities:`);
for (const { rank, area, observation } of ranked.ranking.nodes) {
  console.log(`  ${rank}. ${area.name} (${area.prefecture.name}) ${observation.displayValue}${ranked.unitLabel}`);
}

// Paging: ask for the page after the previous endCursor until hasNextPage is false (or the bound is reached).
const series = [];
let name;
let after = null;
for (let page = 0; page < MAX_PAGES; page++) {
  const data = await graphql(SERIES, { metric, area: "011002", after });
  name = data.municipality.name;
  const { nodes, pageInfo } = data.metric.observations;
  series.push(...nodes);
  if (!pageInfo.hasNextPage) break;
  after = pageInfo.endCursor; // opaque: passed back as it came
}
const [first, last] = [series[0], series.at(-1)];
console.log(`${name}: ${series.length} values, ${first.value}% on ${first.date} to ${last.value}% on ${last.date}`);
// The figures are 総務省's: show their credit line wherever they are shown.
console.log(`  ${last.source.attribution}`);
