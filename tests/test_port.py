"""Whether `hiraku run` could listen is found out before it starts anything, as uvicorn would bind."""

from __future__ import annotations

import socket

from cli.port import cannot_listen


def test_a_port_another_server_listens_on_is_in_use() -> None:
    with socket.socket() as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        assert cannot_listen("127.0.0.1", port) == (
            f"port {port} on 127.0.0.1 is in use (another hiraku?); set PORT=... to serve elsewhere"
        )
        # 0.0.0.0 covers 127.0.0.1: uvicorn could not listen there either.
        assert cannot_listen("0.0.0.0", port) is not None  # noqa: S104 - a bind test, nothing is served
    assert cannot_listen("127.0.0.1", port) is None


def test_a_port_left_by_a_stopped_server_is_free() -> None:
    # A connection closed by the server side leaves the port in TIME_WAIT; SO_REUSEADDR binds, as uvicorn's does.
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = listener.accept()
        accepted.close()
        client.close()
    assert cannot_listen("127.0.0.1", port) is None


def test_an_address_not_of_this_machine_says_so() -> None:
    problem = cannot_listen("192.0.2.1", 8000)
    assert problem == (
        "cannot listen on port 8000 of 192.0.2.1: Cannot assign requested address; set HOST or PORT to serve elsewhere"
    )
