"""GuardedHttpProtocol: uvicorn's httptools protocol with bounds on request heads and on connections per client.

httptools (llhttp) sets no limit on a head: it joins the pieces of a header as they arrive (a 64 MiB header cost
seconds of CPU) and waits for the rest for ever, and uvicorn times out only kept-alive connections, not one that is
still sending its first head. These bounds hold without any proxy in front.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
from collections import Counter
from typing import Any
from weakref import WeakKeyDictionary

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.server import ServerState

from api.clients import TrustedProxies, client_key
from api.limits import HEAD_TIMEOUT_S, MAX_CONNECTIONS_PER_CLIENT, MAX_HEAD_BYTES

# The blank line that ends a head; llhttp takes bare LF line ends too.
_HEAD_END = re.compile(rb"\r?\n\r?\n")
# Open connections by client, for each running server (tests run several in one process).
_OPEN: WeakKeyDictionary[ServerState, Counter[str]] = WeakKeyDictionary()


@functools.lru_cache(maxsize=8)
def _proxies(listed: str) -> TrustedProxies:
    return TrustedProxies(listed)


class GuardedHttpProtocol(HttpToolsProtocol):
    """One connection. Its head must arrive whole within HEAD_TIMEOUT_S and MAX_HEAD_BYTES (else 408 or 431, and
    the connection is closed), and one client address may hold MAX_CONNECTIONS_PER_CLIENT connections (the next
    gets 429 at once). Trusted proxies (`forwarded_allow_ips` of the server's configuration, which `hiraku serve`
    fills only when HIRAKU_TRUST_PROXY is on) are not counted: their connections carry many clients."""

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        allowed = config.forwarded_allow_ips
        self.proxies = _proxies(allowed if isinstance(allowed, str) else ",".join(allowed))
        self.open_by_client = _OPEN.setdefault(server_state, Counter())
        self.counted_as: str | None = None
        self.reading_head = True
        self.head_bytes = 0
        self.head_tail = b""
        self.head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        host = self.client[0] if self.client else None
        if host is not None and host not in self.proxies:
            key = client_key(host)
            if self.open_by_client[key] >= MAX_CONNECTIONS_PER_CLIENT:
                self.refuse(
                    429,
                    f"More than {MAX_CONNECTIONS_PER_CLIENT} connections from your address are open: "
                    "reuse them, or close some.",
                    "TOO_MANY_CONNECTIONS",
                )
                return
            self.open_by_client[key] += 1
            self.counted_as = key
        self.start_head_clock()

    def connection_lost(self, exc: Exception | None) -> None:
        self.stop_head_clock()
        if self.counted_as is not None:
            self.open_by_client[self.counted_as] -= 1
            if self.open_by_client[self.counted_as] <= 0:
                del self.open_by_client[self.counted_as]
            self.counted_as = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.reading_head:
            if self.head_timer is None:
                self.start_head_clock()  # the first byte of a request on a kept-alive connection
            window = self.head_tail + data
            end = _HEAD_END.search(window)
            size = self.head_bytes + (len(data) if end is None else end.end() - len(self.head_tail))
            if size > MAX_HEAD_BYTES:
                # Refused before the parser sees these bytes: what it joins stays under the limit plus one read.
                self.refuse(
                    431,
                    f"The request's head (request line and headers) is larger than {MAX_HEAD_BYTES // 1024} KiB.",
                    "REQUEST_HEADER_FIELDS_TOO_LARGE",
                )
                return
            self.head_bytes += len(data)
            self.head_tail = window[-3:]
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self.reading_head = False
        self.stop_head_clock()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.reading_head, self.head_bytes, self.head_tail = True, 0, b""

    def start_head_clock(self) -> None:
        self.stop_head_clock()
        self.head_timer = self.loop.call_later(HEAD_TIMEOUT_S, self.head_timed_out)

    def stop_head_clock(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None

    def head_timed_out(self) -> None:
        self.head_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            # A pipelined head dawdles behind an answer still being sent: finish that, then close.
            self.cycle.keep_alive = False
        elif self.head_bytes == 0:
            self.transport.close()  # an idle connection that never asked anything: nothing to answer
        else:
            self.refuse(408, f"The request's head did not arrive whole within {HEAD_TIMEOUT_S:g} s.", "REQUEST_TIMEOUT")

    def refuse(self, status: int, message: str, code: str) -> None:
        """Answer with a GraphQL-style error, close the connection, and say why in one log line."""
        body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()
        content = [STATUS_LINE[status]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: application/json\r\n",
                b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
                b"connection: close\r\n\r\n",
                body,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()
        client = f"{self.client[0]}:{self.client[1]}" if self.client else "a client"
        self.logger.warning("%s - refused with %d: %s", client, status, message)
