"""RequestTimeout's own timer: answers in time leave nothing behind, and a cancellation it did not make stays one
(the 503 past the limit is tested over HTTP in test_limits_runtime.py, item 30)."""

from __future__ import annotations

import asyncio

import pytest
from starlette.types import Message, Receive, Scope, Send

from api.timeout import RequestTimeout

LIMIT_S = 0.05
SCOPE: Scope = {"type": "http", "path": "/graphql", "method": "POST"}


async def fast(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"{}"})


async def slow(scope: Scope, receive: Receive, send: Send) -> None:
    await asyncio.sleep(60)


async def nothing() -> Message:
    return {"type": "http.disconnect"}


async def test_an_answer_in_time_leaves_no_timer_that_cancels_the_connection_later() -> None:
    sent: list[Message] = []

    async def keep(message: Message) -> None:
        sent.append(message)

    async def serve_then_wait() -> str:
        await RequestTimeout(fast, seconds=LIMIT_S)(SCOPE, nothing, keep)
        # uvicorn's task for the connection goes on to the next request: the limit must not reach it.
        await asyncio.sleep(LIMIT_S * 4)
        return "still running"

    task = asyncio.create_task(serve_then_wait())
    assert await task == "still running"
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert task.cancelling() == 0


async def test_a_cancellation_from_elsewhere_stays_a_cancellation_and_sends_no_timeout_answer() -> None:
    sent: list[Message] = []

    async def keep(message: Message) -> None:
        sent.append(message)

    task = asyncio.create_task(RequestTimeout(slow, seconds=60)(SCOPE, nothing, keep))
    await asyncio.sleep(0)
    task.cancel()  # as when the server shuts down
    with pytest.raises(asyncio.CancelledError):
        await task
    assert sent == []


async def test_past_the_limit_the_request_is_answered_and_its_task_is_no_longer_cancelling() -> None:
    sent: list[Message] = []

    async def keep(message: Message) -> None:
        sent.append(message)

    async def serve() -> int:
        await RequestTimeout(slow, seconds=LIMIT_S)(SCOPE, nothing, keep)
        current = asyncio.current_task()
        assert current is not None
        return current.cancelling()

    assert await asyncio.create_task(serve()) == 0
    assert sent[0]["status"] == 503
    assert b"REQUEST_TIMEOUT" in sent[1]["body"]


async def test_work_that_swallows_the_cancellation_leaves_its_task_no_longer_cancelling() -> None:
    async def stubborn(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"{}"})

    sent: list[Message] = []

    async def keep(message: Message) -> None:
        sent.append(message)

    async def serve() -> int:
        await RequestTimeout(stubborn, seconds=LIMIT_S)(SCOPE, nothing, keep)
        current = asyncio.current_task()
        assert current is not None
        # A task still marked as cancelling would have its next `asyncio.timeout` misread a cancellation.
        return current.cancelling()

    assert await asyncio.create_task(serve()) == 0
    assert sent[0]["status"] == 200
