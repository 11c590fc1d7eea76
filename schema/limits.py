"""Every limit the public API enforces, as named constants (SECURITY.md). Each has a test that sends limit + 1."""

MAX_PAGE_SIZE = 100
"""`first`/`last` must lie in 1..MAX_PAGE_SIZE (GitHub's rule); outside is an error naming the range."""

DEFAULT_PAGE_SIZE = 20

RANKING_PAGE_SIZE = 10
"""The page `Metric.ranking` answers without `first` or `last`: 10 since before it was a connection."""

MAX_DEPTH = 10
"""Deepest selection as Strawberry's QueryDepthLimiter counts it (root fields are depth 0; introspection is
left to graphql-core's own bound). The deepest useful query, prefectures → municipalities → nodes → services →
nodes → municipalities → nodes → prefecture → name, is depth 8."""

MAX_TOKENS = 1_500
"""Tokens in a document, counted while parsing: a huge document is refused before it is read whole."""

MAX_ALIASES = 20
"""Aliases in an operation (fragments counted where they are spread)."""

MAX_EXPANDED_SELECTIONS = 3_000
"""Selections of a document once every fragment is spread where it is used, as often as it is. Twice what
MAX_TOKENS allows written out; GraphiQL's introspection query has 239. Refused before validation: the walks that
follow spreads (depth, aliases, node count) cost time in proportion to it, and fragments spreading each other twice
double it per fragment."""

MAX_NODES = 25_000
"""Estimated nodes a query may return: the product of `first`/`last` (default 20) along each path of
connections, other lists counted as LIST_SIZES says, with variables as GraphQL coerces them (`100.0` is 100,
defaults included). The nested example of the docs, 50 initiatives × 20 metrics
× 12 observations, is 13,050; 100 × 100 × 100 is 1,010,100."""

LIST_SIZES = {
    "prefectures": 47,
    "reportSections": 40,
    "serviceCatalogs": 20,
    "Metric.dimensions": 100,
    "Breakdown.dimensions": 3,
    "Observation.dimensions": 3,
}
"""Lists that are not connections hold at most this many items (by field name, or `Type.field` where a name means
two lists); any other at most LIST_SIZE_ESTIMATE (`nodes(ids)` counts its IDs). A metric's breakdowns are 77 at
most, and a breakdown (so an observation) combines 2 dimensions at most in the data loaded (tests/test_breakdowns.py
checks both)."""

LIST_SIZE_ESTIMATE = 10

RANKING_COSTS = {"PREFECTURE": 25, "MUNICIPALITY": 100}
"""Nodes a `ranking` counts for each metric it ranks, besides its page of ranks (`first`/`last`, counted like a
connection's): it ranks every area of its level (47 prefectures, 1,741 municipalities) in the database. Measured:
ten municipal rankings of one metric take as long as ten pages of 100 observations, ten of prefectures a quarter of
that. Aliases asking the same of the same metric are one load and count this once (each still counts its page).
Introspection's lists count what the schema holds (schema/extensions/introspection.py)."""

MAX_BODY_BYTES = 64 * 1024
"""Largest request body; larger ones get 413 before they are parsed."""

PERSISTED_QUERIES_BYTES = 4 * 1024 * 1024
"""Memory for automatic persisted queries per process, their texts as Python holds them (one character beyond
Latin-1 makes a text take 2 or 4 bytes a character): some 3,000 queries of 1 KiB, or 16 of the largest
(MAX_BODY_BYTES of characters beyond the Basic Multilingual Plane); the least recently used are dropped first."""

PERSISTED_QUERY_ENTRY_BYTES = 320
"""Memory a persisted query takes besides its text: its hash and the store's bookkeeping (measured with
tracemalloc: 270-300 bytes)."""

REQUEST_TIMEOUT_S = 10.0
"""Wall-clock limit of one request; past it the client gets a timeout error and the work is cancelled."""

STATEMENT_TIMEOUT_MS = 2_000
"""`statement_timeout` of the API's read-only database role."""

POOL_ACQUIRE_TIMEOUT_S = 2.0
"""How long a request waits for a database connection before it is told the service is unavailable."""

POOL_CONNECT_TIMEOUT_S = 1.0
"""How long opening a new database connection may take: an outage must be reported within a second."""

MAX_SEARCH_LENGTH = 100
"""Longest search term, in characters: longer input is refused before any SQL."""

MAX_ARGUMENT_LENGTH = 200
"""Longest slug, code or other string argument."""

CACHE_MAX_AGE_S = 300
"""How long browsers and CDNs may reuse a GET answer (the data only changes when a dataset is loaded)."""

DOCUMENT_CACHE_CHARS = 256 * 1024
"""Query text kept as parsed and validated documents with their validation errors (refusals are kept too), in
characters of the text and the error messages (about 100 bytes of memory each, so some 25 MiB at most); the least
recently used go first. Longer documents than a tenth of it are never kept."""

EXPORT_BATCH_ROWS = 1_000
"""Rows a bulk export reads from its cursor at a time: the most of an export ever held in memory."""

MAX_CONCURRENT_EXPORTS = 4
"""Bulk exports streaming at once per process; more get 503 with Retry-After. Each holds a database connection for
as long as its client takes to download, so a few slow downloads must not take the pool from GraphQL."""

EXPORT_TIMEOUT_S = 300.0
"""Wall-clock limit of one bulk export (instead of REQUEST_TIMEOUT_S): the full observations export is some
100 MB, a few seconds on a fast link but minutes on a slow one. Past it the download is cut off, unfinished."""

RESPONSE_CACHE_SHARES = 8
"""One client address may hold at most 1/RESPONSE_CACHE_SHARES of the response cache (HIRAKU_RESPONSE_CACHE_MB);
beyond it, that client's own least recently kept answers make room."""

RESPONSE_CACHE_ENTRY_BYTES = 1_024
"""Memory a kept answer takes besides its body and headers: its key, its record, its client's address and the
cache's bookkeeping. Measured with tracemalloc at 770-840 bytes with one client per answer, the worst case
(tests/test_limits_answers.py checks the budget in real memory)."""

MAX_CHART_AREAS = 8
"""Areas one line chart draws (/charts/{metric}.svg?area=…): beyond eight, lines cannot be told apart by colour,
dash and marker, nor labelled."""
