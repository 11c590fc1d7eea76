"""RequestTimeout: a request that runs past REQUEST_TIMEOUT_S (bulk exports: EXPORT_TIMEOUT_S) is cancelled and
answered with a GraphQL error, or cut off if its answer has started."""

from __future__ import annotations

import asyncio
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schema.limits import EXPORT_TIMEOUT_S

# Paths whose answers are streamed for as long as the client takes to download them.
LONGER = (("/export/", EXPORT_TIMEOUT_S),)


class RequestTimeout:
    def __init__(self, app: ASGIApp, seconds: float, longer: tuple[tuple[str, float], ...] = LONGER) -> None:
        self.app = app
        self.seconds = seconds
        self.longer = longer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        seconds = next((limit for prefix, limit in self.longer if scope["path"].startswith(prefix)), self.seconds)

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            async with asyncio.timeout(seconds):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if started:
                raise
            body = json.dumps(
                {
                    "data": None,
                    "errors": [
                        {
                            "message": f"The request took longer than {seconds:g} s and was stopped.",
                            "extensions": {"code": "REQUEST_TIMEOUT"},
                        }
                    ],
                }
            ).encode()
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 503, "headers": headers})
            await send({"type": "http.response.body", "body": body})
