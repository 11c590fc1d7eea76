"""RateLimit: a token bucket per client address; past it, 429 with Retry-After."""

from __future__ import annotations

import math
import time
from collections import OrderedDict

from starlette.types import ASGIApp, Receive, Scope, Send

from api.clients import client_key

MAX_CLIENTS_TRACKED = 100_000


class TokenBuckets:
    """`rate` tokens a second up to `burst` per key; the least recently seen keys are forgotten first."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str, now: float | None = None) -> float:
        """0 when a token was taken; else how many seconds until one is available."""
        now = time.monotonic() if now is None else now
        tokens, last = self.buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self.buckets[key] = (tokens, now)
        if len(self.buckets) > MAX_CLIENTS_TRACKED:
            self.buckets.popitem(last=False)
        return wait


class RateLimit:
    """Buckets by the client address of the scope: the peer's, or the one ProxyHeadersMiddleware took from
    X-Forwarded-For behind trusted proxies (api/app.py)."""

    def __init__(self, app: ASGIApp, rate: float, burst: int) -> None:
        self.app = app
        self.buckets = TokenBuckets(rate, burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in ("/healthz", "/readyz", "/metrics"):
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(self._client(scope))
        if wait == 0:
            await self.app(scope, receive, send)
            return
        body = b'{"errors":[{"message":"Too many requests: slow down.","extensions":{"code":"RATE_LIMITED"}}]}'
        headers = [
            (b"content-type", b"application/json"),
            (b"retry-after", str(math.ceil(wait)).encode()),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 429, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _client(self, scope: Scope) -> str:
        client = scope.get("client")
        return client_key(str(client[0])) if client else "unknown"
