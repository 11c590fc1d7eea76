"""Limits of the HTTP transport, the bulk exports and the logs, as named constants (those of GraphQL are in
schema/limits.py). Each has a test that sends limit + 1."""

MAX_HEAD_BYTES = 64 * 1024
"""Largest request head (request line and headers, up to the blank line): larger ones get 431 and the connection is
closed before the rest is read. As large as MAX_BODY_BYTES, so that a GET can carry the query a POST can."""

HEAD_TIMEOUT_S = 10.0
"""Time a client has to send a whole request head, counted from its connection's opening or, on a kept-alive
connection, from the first byte of the next request. Past it: 408 (or a plain close when nothing came at all)."""

KEEP_ALIVE_S = 5
"""How long a connection may stay idle between a response and the next request (uvicorn's timeout_keep_alive)."""

MAX_CONNECTIONS_PER_CLIENT = 64
"""Open connections from one client address (one /64 for IPv6); the next one gets 429 and is closed at once.
Connections from the proxies named in FORWARDED_ALLOW_IPS are not counted while HIRAKU_TRUST_PROXY is on."""

MAX_EXPORTS_PER_CLIENT = 2
"""Bulk exports one client address may have running at once (of MAX_CONCURRENT_EXPORTS); more get 429."""

EXPORT_STALL_S = 10.0
"""Longest wait for a client to take the next part of an export (longer for a part larger than
EXPORT_MIN_RATE × EXPORT_STALL_S); a client that reads more slowly is cut off and its slot and database
transaction come back."""

EXPORT_MIN_RATE = 64 * 1024
"""Bytes a second below which an export's client is cut off (see EXPORT_STALL_S). The whole observations export
(106 MB) needs 350 KB/s anyway to finish within EXPORT_TIMEOUT_S."""

API_IDLE_IN_TRANSACTION_MS = 60_000
"""`idle_in_transaction_session_timeout` of the API's database role and pool: longer than an export may wait for
its client between two reads of its cursor (EXPORT_STALL_S, or a part of some 900 KB at EXPORT_MIN_RATE)."""

MAX_LOGGED_TARGET_CHARS = 512
"""Characters of a request's path and query string written to the access log; the rest is counted, not written."""
