"""The JSON API: results as the documents of :mod:`sharegov.io.results`.

Every answer is a document whose schema ships in the package (``/openapi.json`` refers to
them); every error is ``application/problem+json`` naming the field (see
:mod:`sharegov.serve._problem`). The arrangement is immutable, so requests share it;
what depends on it alone (the check, the graph, the OpenAPI document) is built once, on
first use (:meth:`Service.once <sharegov.serve.app.Service.once>`).

======  ==========================================  =============================
method  path                                        answer
======  ==========================================  =============================
GET     ``/api``                                    the arrangement, and the links
GET     ``/api/authorities``                        the authorities
GET     ``/api/arrangements``                       the service arrangements
GET     ``/api/boards``, ``/api/boards/{board}``    the boards, one board
POST    ``/api/boards/{board}/decide``              outcome of a vote record
POST    ``/api/boards/{board}/decide-counts``       outcome of minuted counts
POST    ``/api/boards/{board}/decide-popolo``       outcome of a Popolo vote_event
GET     ``/api/boards/{board}/power``               power index
GET     ``/api/check``                              what ``sharegov check`` reports
GET     ``/api/split``                              cost statement
GET     ``/api/deadlines?as_of=YYYY-MM-DD``         what was due, as known on a date
GET     ``/api/graph``, ``/api/graph/withdraw/{c}`` partnerships, withdrawal impact
POST    ``/api/who-acts``                           who acts for a conflicted officer
GET     ``/openapi.json``                           the OpenAPI 3.1 document
======  ==========================================  =============================

Examples:
    >>> from sharegov.io import load
    >>> service = Service(load("examples/bromsgrove_redditch.toml"))
    >>> [r.path for r in routes(service)][:4]
    ['/api', '/api/authorities', '/api/arrangements', '/api/boards']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, cast

from sharegov.errors import SharegovError, UnknownId
from sharegov.serve._problem import BODY, Problem, from_error, not_found, read_json
from sharegov.serve.app import Service

__all__ = ["routes"]

Endpoint = Callable[[Any], Awaitable[Any]]


# ---------------------------------------------------------------------------------------------
# Reading the request
# ---------------------------------------------------------------------------------------------


def _query(request: Any, name: str, choices: tuple[str, ...], default: str) -> str:
    value: str = request.query_params.get(name, default)
    if value not in choices:
        detail = f"{name}: expected one of {', '.join(map(repr, choices))}, got {value!r}"
        raise Problem(400, "invalid-query", detail)
    return value


def _date(request: Any, name: str, *, required: bool) -> dt.date | None:
    text = request.query_params.get(name)
    if text is None:
        if required:
            detail = f"{name}: expected a date as YYYY-MM-DD (required: nothing is presumed)"
            raise Problem(400, "invalid-query", detail)
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Problem(
            400, "invalid-query", f"{name}: expected a date as YYYY-MM-DD, got {text!r}"
        ) from None


def _whole(request: Any, name: str, default: int, most: int) -> int:
    text = request.query_params.get(name)
    if text is None:
        return default
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or not 1 <= int(text) <= most:
        detail = f"{name}: expected a whole number from 1 to {most}, got {text!r}"
        raise Problem(400, "invalid-query", detail)
    return int(text)


def _within_count_limit(data: Mapping[str, Any]) -> None:
    """Refuse a vote record's count past :data:`~sharegov.boards.MAX_COUNT` by its field,
    saying the limit, however many digits it has (``present`` and ``by_authority`` too)."""
    from sharegov.boards import MAX_COUNT
    from sharegov.errors import InvalidVote, expected

    fields: list[tuple[str, Any]] = [("present", data.get("present"))]
    counts = data.get("counts")
    if isinstance(counts, Mapping):
        fields += [(f"counts.{key}", value) for key, value in counts.items()]
    by_authority = data.get("by_authority")
    if isinstance(by_authority, Mapping):
        for code, parts in by_authority.items():
            if isinstance(parts, Mapping):
                fields += [(f"by_authority.{code}.{k}", v) for k, v in parts.items()]
    for field, value in fields:
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_COUNT:
            what = f"a whole number of at most {MAX_COUNT:,}"
            raise InvalidVote(expected(f"{BODY}: {field}", what, value))


def _mapping(data: Any) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise Problem(
            422, "invalid-value", f"body: expected a JSON object, got {type(data).__name__}"
        )
    return data


# ---------------------------------------------------------------------------------------------
# The routes
# ---------------------------------------------------------------------------------------------


def routes(service: Service) -> list[Any]:
    """The API's routes for ``service``, and ``/openapi.json``."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from sharegov.io.results import to_json

    arrangement = service.arrangement

    def answer(data: Any, status: int = 200) -> Any:
        return JSONResponse(data, status_code=status)

    def board_of(request: Any) -> Any:
        board_id = request.path_params["board"]
        try:
            return arrangement.board(board_id)
        except UnknownId as exc:
            raise not_found(exc, "board") from None

    def guarded(endpoint: Endpoint) -> Endpoint:
        """Bad content becomes a 422 problem naming the field; never a 500."""

        async def run(request: Any) -> Any:
            try:
                return await endpoint(request)
            except SharegovError as exc:
                raise from_error(exc) from None

        run.__name__ = endpoint.__name__
        run.__doc__ = endpoint.__doc__
        return run

    # -- what is in the file ----------------------------------------------------------------

    async def index(request: Any) -> Any:
        return answer(
            {
                "name": arrangement.name,
                "description": arrangement.description,
                "source": service.source,
                "boards": list(arrangement.boards),
                "authorities": [a.code for a in arrangement.authorities],
                "arrangements": [a.id for a in arrangement.arrangements],
                "phases": len(arrangement.phases),
                "deadlines": len(arrangement.deadlines),
                "costs": arrangement.costs is not None,
                "openapi": "/openapi.json",
            }
        )

    async def authorities(request: Any) -> Any:
        return answer(
            [
                {
                    "code": a.code,
                    "name": a.name,
                    "population": a.population,
                    "gss": a.gss,
                    "kind": a.kind,
                    "county": a.county,
                }
                for a in arrangement.authorities
            ]
        )

    async def arrangements(request: Any) -> Any:
        from sharegov.io.files import _converter

        conv = _converter()  # the file's own shapes: dates as ISO 8601, kinds in words
        return answer([conv.unstructure(a) for a in arrangement.arrangements])

    def board_summary(board_id: str, board: Any) -> dict[str, Any]:
        return {
            "id": board_id,
            "name": board.name,
            "authorities": [a.code for a in board.authorities],
            "seats": dict(board.seats),
            "advisory": board.advisory,
            "rule": board.rule.describe(),
            "quorum": board.quorum.describe() if board.quorum is not None else None,
            "casting_vote": board.casting_vote,
        }

    async def boards(request: Any) -> Any:
        return answer([board_summary(k, b) for k, b in arrangement.boards.items()])

    async def board(request: Any) -> Any:
        found = board_of(request)
        members = [
            {
                "id": m.id,
                "name": m.name,
                "authority": m.authority,
                "voting": m.voting,
                "roles": sorted(m.roles),
            }
            for m in found.members
        ]
        summary = board_summary(request.path_params["board"], found)
        return answer({**summary, "members": members, "description": found.describe()})

    # -- decisions ---------------------------------------------------------------------------

    def decided(record: Any, found: Any) -> Any:
        """The record decided; its errors name their fields in the body, as the reader's do."""
        try:
            return record.decide(found)
        except SharegovError as exc:
            raise from_error(exc, within=BODY) from None

    async def decide(request: Any) -> Any:
        """A vote record (votes by name, or counts as minuted) decided under the board."""
        from sharegov.io.files import read_vote_record

        found = board_of(request)
        data = _mapping(await read_json(request))
        _within_count_limit(data)
        record = read_vote_record(data, BODY)
        return answer(to_json(decided(record, found)))

    async def decide_counts(request: Any) -> Any:
        """Counts as minuted ("carried by 5 votes to 2") decided under the board."""
        from sharegov.io.files import read_vote_record

        found = board_of(request)
        data = _mapping(await read_json(request))
        if "counts" not in data:
            detail = 'body: counts: expected the counts as minuted, e.g. {"for": 5, "against": 2}'
            raise Problem(422, "invalid-vote", detail)
        _within_count_limit(data)
        record = read_vote_record(data, BODY)
        return answer(to_json(decided(record, found)))

    async def decide_popolo(request: Any) -> Any:
        """A Popolo vote_event decided under the board's own rule."""
        from sharegov.io.popolo import decide_vote_event

        found = board_of(request)
        source = _query(request, "source", ("auto", "votes", "counts"), "auto")
        unlisted = request.query_params.get("unlisted")
        if unlisted is not None and unlisted not in ("present", "absent"):
            detail = f"unlisted: expected 'present' or 'absent', got {unlisted!r}"
            raise Problem(400, "invalid-query", detail)
        event = _mapping(await read_json(request))
        outcome = decide_vote_event(found, event, source=source, unlisted=unlisted)  # type: ignore[arg-type]
        return answer(to_json(outcome))

    async def power(request: Any) -> Any:
        from sharegov import power as power_module

        found = board_of(request)
        which = _query(request, "index", ("banzhaf", "shapley_shubik"), "banzhaf")
        by = _query(request, "by", ("member", "authority"), "member")
        index = getattr(power_module, which)
        return answer(to_json(await run_in_threadpool(index, found, by=by)))

    # -- the file as a whole ----------------------------------------------------------------

    async def check(request: Any) -> Any:
        from sharegov.io.check import findings

        problems, notes, assumed = service.once("findings", lambda: findings(arrangement))
        return answer(
            {
                "source": service.source,
                "ok": not problems,
                "problems": problems,
                "notes": notes,
                "assumed": assumed,
            }
        )

    async def split(request: Any) -> Any:
        try:  # ?plan=ID picks one of the file's cost_plans, as `sharegov split --plan`
            plan = arrangement.cost_plan(request.query_params.get("plan"))
        except SharegovError as exc:
            raise Problem(404, "no-costs", str(exc)) from None
        years = _whole(request, "years", 5, 50)
        assume = _query(request, "assume", ("prudent", "low", "mid", "high"), "prudent")
        statement = await run_in_threadpool(plan.statement, years, assume=assume)  # type: ignore[arg-type]
        return answer(to_json(statement))

    async def deadlines(request: Any) -> Any:
        # The same listing as `sharegov deadlines --json`: only what was set by as_of.
        from sharegov.io.results import deadlines_as_of

        as_of = cast(dt.date, _date(request, "as_of", required=True))  # never None: required
        return answer(
            deadlines_as_of(
                as_of=as_of,
                phases=arrangement.phases,
                deadlines=arrangement.deadlines,
                meetings=arrangement.meetings,
            )
        )

    def graph_of(request: Any) -> Any:
        # The same graph as ``sharegov graph``: authorities, bodies and arrangements, built
        # once; ``?as_of=`` cuts it to that day, as ``graph_of(..., as_of=)`` does.
        from sharegov.io.graphs import graph_of as of_file

        whole = service.once("graph", lambda: of_file(arrangement))
        as_of = _date(request, "as_of", required=False)
        return whole if as_of is None else whole.as_of(as_of)

    async def graph(request: Any) -> Any:
        def build() -> dict[str, Any]:
            found = graph_of(request)
            text = found.explain()
            return {
                "kind": "graph",
                "explanation": text,
                "lines": text.splitlines(),
                "withdrawal": to_json(found.withdrawal_table()),
            }

        if "as_of" in request.query_params:
            return answer(await run_in_threadpool(build))
        return answer(await run_in_threadpool(service.once, "graph.json", build))

    async def withdraw(request: Any) -> Any:
        code = request.path_params["council"]
        found = await run_in_threadpool(graph_of, request)
        try:
            found.name(code)
        except UnknownId as exc:
            raise not_found(exc, "council") from None
        return answer(to_json(await run_in_threadpool(found.withdrawal_impact, code)))

    async def who_acts(request: Any) -> Any:
        from sharegov.serve._who_acts import who_acts_from

        data = _mapping(await read_json(request))
        return answer(to_json(who_acts_from(data, arrangement)))

    async def openapi(request: Any) -> Any:
        from sharegov.serve._openapi import document

        return answer(service.once("openapi", lambda: document(arrangement.name)))

    plain = [
        Route("/api", index, methods=["GET"]),
        Route("/api/authorities", authorities, methods=["GET"]),
        Route("/api/arrangements", arrangements, methods=["GET"]),
        Route("/api/boards", boards, methods=["GET"]),
        Route("/api/boards/{board}", board, methods=["GET"]),
        Route("/api/check", check, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
    computed = [
        Route("/api/boards/{board}/decide", decide, methods=["POST"]),
        Route("/api/boards/{board}/decide-counts", decide_counts, methods=["POST"]),
        Route("/api/boards/{board}/decide-popolo", decide_popolo, methods=["POST"]),
        Route("/api/boards/{board}/power", power, methods=["GET"]),
        Route("/api/split", split, methods=["GET"]),
        Route("/api/deadlines", deadlines, methods=["GET"]),
        Route("/api/graph", graph, methods=["GET"]),
        Route("/api/graph/withdraw/{council}", withdraw, methods=["GET"]),
        Route("/api/who-acts", who_acts, methods=["POST"]),
    ]
    return [
        *plain,
        *(
            Route(r.path, guarded(r.endpoint), methods=sorted((r.methods or set()) - {"HEAD"}))
            for r in computed
        ),
    ]


def exception_handlers() -> dict[Any, Callable[..., Any]]:
    """Problems as ``application/problem+json``; Starlette's own HTTP errors on the API's
    paths likewise; anything unforeseen as a bare 500 problem, never a traceback."""
    from starlette.exceptions import HTTPException
    from starlette.responses import JSONResponse, PlainTextResponse

    from sharegov.serve._problem import PROBLEM_JSON

    def respond(problem: Problem, request: Any) -> Any:
        document = problem.document(request.url.path)
        return JSONResponse(document, status_code=problem.status, media_type=PROBLEM_JSON)

    # Starlette calls each handler only with the exception class it is registered for.
    async def on_problem(request: Any, exc: Exception) -> Any:
        return respond(cast(Problem, exc), request)

    async def on_http(request: Any, raised: Exception) -> Any:
        exc = cast(HTTPException, raised)
        path = request.url.path
        if not (path == "/api" or path.startswith("/api/") or path == "/openapi.json"):
            return PlainTextResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)
        kind = "not-found" if exc.status_code == 404 else "http-error"
        detail = f"{request.method} {path}: {exc.detail}"
        problem = Problem(exc.status_code, kind, detail, [{"field": "", "detail": str(exc.detail)}])
        response = respond(problem, request)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def on_error(request: Any, exc: Exception) -> Any:
        problem = Problem(500, "internal-error", "the server met an error it did not foresee", [])
        return respond(problem, request)

    return {Problem: on_problem, HTTPException: on_http, Exception: on_error}
