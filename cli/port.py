"""Whether the server could listen where it is asked to, found out before anything is started."""

from __future__ import annotations

import contextlib
import errno
import socket


def cannot_listen(host: str, port: int) -> str | None:
    """Why the server could not listen on `port` of `host` (taken by another server, not an address of this machine,
    not allowed), in one line that says what to change; None when it could. Binds as uvicorn does (asyncio's
    create_server): every address the host resolves to, with SO_REUSEADDR, so that a port left in TIME_WAIT by a
    server that just stopped counts as free, and one that a server listens on does not."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        return f"cannot listen on {host}: {error.strerror}; set HOST to serve elsewhere"
    for family, kind, protocol, _, address in addresses:
        with contextlib.closing(socket.socket(family, kind, protocol)) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    return f"port {port} on {host} is in use (another hiraku?); set PORT=... to serve elsewhere"
                return f"cannot listen on port {port} of {host}: {error.strerror}; set HOST or PORT to serve elsewhere"
    return None
