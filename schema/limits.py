"""Every limit the public API enforces, as named constants (SECURITY.md)."""

MAX_PAGE_SIZE = 100
"""`first`/`last` must lie in 1..MAX_PAGE_SIZE (GitHub's rule); outside is an error naming the range."""

DEFAULT_PAGE_SIZE = 20

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
