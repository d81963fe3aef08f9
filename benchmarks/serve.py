"""Requests per second for ``POST /api/boards/ssb/decide``, against a bare Starlette endpoint.

The anchor is a Starlette application with one POST route that returns fixed JSON: the
least any HTTP service built on Starlette can do per request. sharegov's decide reads and
checks the JSON body (size, depth, media type), reads the vote record, decides it under the
board's rule and writes the outcome's JSON document with its explanation. Both are called
the same way, in one run: in-process ASGI calls through ``httpx.ASGITransport``, one request
at a time, the same body each time (seed 001's meeting of 1 September 2008).
Target (issue 17): decide at least 0.3x the anchor's requests per second.

Run: ``python benchmarks/serve.py``
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from sharegov.serve import create_app

PATH = Path(__file__).resolve().parent.parent / "examples" / "bromsgrove_redditch.toml"
BODY = {
    "votes": dict.fromkeys(["hollingworth", "luck", "gandy", "hall", "mcmillan"], "for"),
    "apologies": ["webb"],
    "chair": "hollingworth",
    "date": "2008-09-01",
}
FIXED = {"kind": "outcome", "status": "carried"}


def bare_app() -> Starlette:
    async def fixed(request: Any) -> JSONResponse:
        return JSONResponse(FIXED)

    return Starlette(routes=[Route("/api/boards/ssb/decide", fixed, methods=["POST"])])


async def per_second(app: Any, *, number: int, repeat: int = 5) -> float:
    """The best of ``repeat`` runs of ``number`` sequential requests, in requests per second."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        response = await client.post("/api/boards/ssb/decide", json=BODY)
        assert response.status_code == 200, response.text
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            for _ in range(number):
                await client.post("/api/boards/ssb/decide", json=BODY)
            best = min(best, time.perf_counter() - start)
    return number / best


async def run() -> None:
    bare = await per_second(bare_app(), number=300)
    decide = await per_second(create_app(PATH), number=300)
    print("POST /api/boards/ssb/decide, in-process ASGI via httpx (best of 5 x 300 requests)")
    print(f"  bare Starlette, fixed JSON (anchor) {bare:10,.0f} requests/s")
    print(f"  sharegov decide                     {decide:10,.0f} requests/s")
    print(f"  ratio decide/anchor                 {decide / bare:10.2f}x   (target >= 0.3x)")


def main() -> None:
    asyncio.run(run())


if __name__ == "__main__":
    main()
