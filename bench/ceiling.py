"""The stack's ceiling: Starlette on uvicorn (one worker) answering POST /graphql with hiraku's own captured
answer to the same request body, doing no other work.

Run by bench/run.py as `python -m bench.ceiling` with HOST, PORT and BENCH_CEILING_ANSWERS (a JSON object from
request body to answer body, both as text).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def create_app(answers: dict[bytes, bytes]) -> Starlette:
    async def graphql(request: Request) -> Response:
        # Reading the body is work every GraphQL server does; the lookup stands for "a fixed body".
        answer = answers.get(await request.body())
        if answer is None:
            return Response(b'{"errors":[{"message":"unknown request"}]}', 400, media_type="application/json")
        return Response(answer, media_type="application/json")

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


def main() -> None:
    stored = json.loads(Path(os.environ["BENCH_CEILING_ANSWERS"]).read_text(encoding="utf-8"))
    answers = {request.encode(): answer.encode() for request, answer in stored.items()}
    # As `hiraku serve` configures uvicorn, less what only a public server needs.
    uvicorn.run(
        create_app(answers),
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8001")),
        log_level="warning",
        limit_concurrency=500,
        timeout_keep_alive=5,
    )


if __name__ == "__main__":
    main()
