"""The ``sharegov`` command.

Every subcommand prints words fit for the minutes, or with ``--json`` a machine-readable
document. Exit status: 0 when all is well (the motion carried, the file is sound), 1 when
the answer was no (not carried, inquorate, problems found), 2 on bad input, with a
one-line message (or one line per problem in a file) on standard error.

Examples:
    >>> main(["check", "no-such-file.toml"])
    no-such-file.toml: cannot be read: No such file or directory
    1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sharegov._words import day, plural
from sharegov.errors import InvalidValue, SharegovError, UnknownId, expected, located
from sharegov.io.check import Findings, findings

__all__ = ["Findings", "findings", "main"]

OK, NO, BAD_INPUT = 0, 1, 2


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _load(path: str) -> Any:
    from sharegov.io.files import load

    return load(path)


# ---------------------------------------------------------------------------------------------
# demo
# ---------------------------------------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    from sharegov.reference import (
        ILLUSTRATIVE,
        MEETING_2008_09_01,
        bromsgrove_redditch_board,
        bromsgrove_redditch_costs,
        bromsgrove_redditch_phases,
    )

    board = bromsgrove_redditch_board()
    meeting: Any = MEETING_2008_09_01
    outcomes = [
        # Cllr Webb sent apologies; everyone else present voted.
        (p, board.decide(p.votes, apologies=meeting["absent"], chair=meeting["chair"]))
        for p in meeting["proposals"]
    ]
    statement = bromsgrove_redditch_costs().statement(years=3)
    as_of = dt.date(2008, 9, 2)
    deadlines = [d for phase in bromsgrove_redditch_phases() for d in phase.deadlines]
    if args.json:
        _print_json(
            {
                "board": board.name,
                "date": meeting["date"].isoformat(),
                "decisions": [
                    {
                        "proposal": p.title,
                        "recorded": p.recorded,
                        "status": out.status.value,
                        "basis": out.basis.describe() if out.basis else None,
                        "explanation": out.explain(),
                    }
                    for p, out in outcomes
                ],
                "deadlines": [d.explain(as_of=as_of) for d in deadlines],
                "costs": statement.explain(),
                "note": ILLUSTRATIVE,
            }
        )
        return OK
    print(board.describe())
    print()
    print(f"Meeting of {meeting['date']:%A} {day(meeting['date'])}")
    print(f"Note: {ILLUSTRATIVE}")
    for p, out in outcomes:
        print()
        print(f"== {p.title}")
        print(out.explain())
    print()
    print(f"== The phase deadlines, as known on {day(as_of)}")
    for deadline in deadlines:
        print(deadline.explain(as_of=as_of))
    print()
    print("== The cost split (Concordat 6.1 and 6.2)")
    print(statement.explain())
    return OK


# ---------------------------------------------------------------------------------------------
# check
# ---------------------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    from sharegov.io.files import FileError

    try:
        arrangement = _load(args.file)
    except FileError as exc:
        if args.json:
            _print_json({"file": args.file, "ok": False, "problems": exc.problems, "notes": []})
        else:
            for problem in exc.problems:
                print(f"{args.file}: {problem}")
        return NO
    problems, notes, assumed = findings(arrangement)
    if args.json:
        _print_json(
            {
                "file": args.file,
                "ok": not problems,
                "problems": problems,
                "notes": notes,
                "assumed": assumed,
            }
        )
    else:
        for line in problems:
            print(f"{args.file}: {line}")
        for line in notes:
            print(f"{args.file}: note: {line}")
        if not problems:
            counts = [
                (len(arrangement.authorities), "authority", "authorities"),
                (len(arrangement.boards), "board", "boards"),
                (len(arrangement.arrangements), "arrangement", "arrangements"),
            ]
            if arrangement.bodies:
                counts.append((len(arrangement.bodies), "other body", "other bodies"))
            summary = ", ".join(plural(n, one, many) for n, one, many in counts)
            print(f"{args.file}: OK: {summary}")
    return NO if problems else OK


# ---------------------------------------------------------------------------------------------
# decide
# ---------------------------------------------------------------------------------------------


#: Said above the facts a board's terms rest on that the paper does not give.
_BOARD_ASSUMED = "The board's terms, as the file gives them, include facts the paper does not:"


def _decide(args: argparse.Namespace) -> int:
    from sharegov.io.files import load_data, read_vote_record
    from sharegov.rules import MinutedTally

    arrangement = _load(args.file)
    board = _board(arrangement, args.file, args.board)
    assumed = [
        a.describe()
        for a in arrangement.assumptions
        if a.path == f"boards.{args.board}" or a.path.startswith(f"boards.{args.board}.")
    ]
    record = read_vote_record(load_data(args.votes), args.votes)
    if args.as_of is not None and record.date is not None and args.as_of != record.date:
        raise InvalidValue(
            f"{args.votes}: date: the votes file is of a meeting on {record.date.isoformat()}, "
            f"but --as-of gives {args.as_of.isoformat()}; give one date"
        )
    notes = []
    if record.date is None and args.as_of is None:
        # The roster is never presumed: a board whose membership changes needs the date.
        try:
            board.undated(
                what="deciding this vote",
                field="date",
                fix="give the date in the votes file (date = YYYY-MM-DD) or with --as-of",
            )
        except InvalidValue as exc:
            raise located(exc, args.votes) from None
        notes.append(
            "The date of the meeting was not given (the votes file has none, and no --as-of): "
            f"{board.name}'s roster is the same on every date it has members, so the vote "
            "was decided on that roster."
        )
    try:
        outcome = record.decide(board, on=args.as_of)
    except (InvalidValue, UnknownId) as exc:
        raise located(exc, args.votes) from None
    why_not = answered = None
    if args.why_not:  # worked out before anything is printed: a refusal prints nothing else
        answered = not isinstance(outcome.tally, MinutedTally)
        why_not = _why_not(outcome, args.votes) if answered else _NO_WHY_NOT
    if args.json:
        from sharegov.io.results import to_json

        document = {**to_json(outcome), "motion": record.motion}
        if record.substitutions:
            document["substitutions"] = {k: m.id for k, m in record.substitutions.items()}
            # A substituted member is not on the board that sat (see the text below): their
            # apologies or absence are added to the attendance the record gives.
            for key, recorded in (("apologies", record.apologies), ("absent", record.absent)):
                document["attendance"][key] += [m for m in record.substitutions if m in recorded]
        if assumed:
            document["assumed"] = assumed
        if notes:
            document["notes"] = notes
        if args.why_not:
            document["why_not"] = why_not
            document["why_not_answered"] = answered
        _print_json(document)
    else:
        if record.motion:
            print(f"== {record.motion}")
        for absent_id, sub in record.substitutions.items():
            print(f"Substitute: {sub.name} for {board.member(absent_id).name}.")
        # A substituted member is not on the board that sat, so the outcome's minutes cannot
        # name them: their apologies (or absence) are recorded here.
        for field, label in ((record.apologies, "Apologies"), (record.absent, "Absent")):
            gone = [m for m in record.substitutions if m in field]
            if gone:
                named = (board.member(m) for m in gone)
                who = "; ".join(f"{m.name}, {m.authority}" for m in named)
                print(f"{label} (substituted): {who}.")
        print(outcome.explain())
        if notes:
            print("\n".join(notes))
        if assumed:
            print("The board's terms, as the file gives them, include facts the paper does not:")
            print("\n".join(f"  {line}" for line in assumed))
        if why_not is not None:
            print(why_not)
    return OK if outcome.carried else NO


# What --why-not says of a vote minuted only as counts, in words for the minutes.
_NO_WHY_NOT = (
    "What would have changed the result cannot be said from this record: the vote is "
    "minuted only as counts, so nobody is named, and the smallest changes are changes in "
    "named members' votes or attendance. Record the votes by name to ask."
)


def _why_not(outcome: Any, source: str) -> str:
    """What smallest changes would have flipped ``outcome``, for --why-not."""
    try:
        explained: str = outcome.what_would_change_it().explain()
    except SharegovError as exc:
        raise located(exc, f"{source}: --why-not") from None
    return explained


# ---------------------------------------------------------------------------------------------
# split and simulate
# ---------------------------------------------------------------------------------------------


def _assumed(arrangement: Any, where: str) -> list[str]:
    """The facts the file marks assumed (as ``check`` lists them) at ``where`` or under it,
    e.g. ``boards.emiep`` or ``cost_plans.decats``: what an answer about it rests on."""
    from sharegov.io.files import assumed_facts

    lines = []
    for line in assumed_facts(arrangement):
        path = line.partition(": ")[0]
        if path == where or path.startswith((f"{where}.", f"{where}[")):
            lines.append(line)
    return lines


def _print_assumed(lines: list[str], heading: str) -> None:
    if lines:
        print(heading)
        print("\n".join(f"  {line}" for line in lines))


def _plan_in(arrangement: Any, path: str, plan: str | None, doing: str) -> tuple[Any, str]:
    """The cost plan ``--plan`` names (or the file's only one) and where it is in the file."""
    if arrangement.costs is None and not arrangement.cost_plans:
        raise InvalidValue(f"{path} has no [costs] section (nor cost_plans): nothing to {doing}")
    try:
        chosen = arrangement.cost_plan(plan, field="--plan")
    except (InvalidValue, UnknownId) as exc:
        raise located(exc, path) from None
    if chosen is arrangement.costs:
        return chosen, "costs"
    key = next(k for k, v in arrangement.cost_plans.items() if v is chosen)
    return chosen, f"cost_plans.{key}"


def _plan(path: str, plan: str | None = None, doing: str = "split") -> Any:
    # A file's own problems are reported as such, by the loader.
    return _plan_in(_load(path), path, plan, doing)[0]


def _board(arrangement: Any, path: str, board: str) -> Any:
    """The file's board ``--board`` names; a file without boards is told as such."""
    if not arrangement.boards:
        raise UnknownId(f"{path} has no boards")
    if board not in arrangement.boards:
        boards = list(arrangement.boards)
        raise located(
            UnknownId(expected("--board", f"one of the file's boards {boards}", board)), path
        )
    return arrangement.boards[board]


def _pots(args: argparse.Namespace) -> int:
    pots = _load(args.file).pots
    if not pots:
        raise InvalidValue(f"{args.file} has no [[pots]] section: no pots to show")
    if args.json:
        _print_json(
            [
                {
                    "id": pot.id,
                    "description": pot.description,
                    "amount": None if pot.amount is None else str(pot.amount),
                    "allocated": str(pot.allocated),
                    "remainder": None if pot.remainder is None else str(pot.remainder),
                    "assumed": pot.assumed,
                    "allocations": [
                        {"to": a.to, "amount": str(a.amount), "purpose": a.purpose,
                         "assumed": a.assumed, "note": a.note}
                        for a in pot.allocations
                    ],
                }
                for pot in pots
            ]
        )  # fmt: skip
    else:
        print("\n".join(pot.explain() for pot in pots))
    return OK


def _split(args: argparse.Namespace) -> int:
    if args.pots:
        return _pots(args)
    statement = _plan(args.file, args.plan).statement(years=args.years, assume=args.assume)
    rows = [
        {"year": str(year), "council": council, "pays": str(pays), "receives": str(gets),
         "net": str(net), "cumulative": str(cumulative)}
        for year, council, pays, gets, net, cumulative in statement.rows()
    ]  # fmt: skip
    if args.npv:
        # Green Book discounting (sharegov.discount): the rows, then the present values.
        from sharegov.discount import npv, payback

        value, back = npv(statement), payback(statement, discounted=True)
        if args.json:
            present = {p: str(m) for p, m in value.by_council.items()}
            years = {p or "All": str(y) if y else None for p, y in back.years.items()}
            _print_json(
                {"rows": rows, "npv": {**present, "All": str(value.total)},
                 "discounted_payback": years,
                 "explanation": value.explain() + "\n" + back.explain()}
            )  # fmt: skip
        else:
            print(statement.explain(), value.explain(), back.explain(), sep="\n")
        return OK
    if args.json:
        _print_json(rows)
    else:
        print(statement.explain())
    return OK


def _writable(path: str | None, option: str) -> None:
    """Refuse an output file whose folder does not exist, before any work is done."""
    if path is None:
        return
    folder = Path(path).parent
    if not folder.is_dir():
        raise InvalidValue(f"{option} {path}: the folder {str(folder)!r} does not exist")
    if Path(path).is_dir():
        raise InvalidValue(f"{option} {path}: is a folder; give a file name")


def _simulate(args: argparse.Namespace) -> int:
    from sharegov.simulate import Model, tqdm_progress

    _writable(args.csv, "--csv")
    _writable(args.plot, "--plot")

    arrangement = _load(args.file)
    plan, where = _plan_in(arrangement, args.file, args.plan, "simulate")
    assumed = _assumed(arrangement, where)
    model = Model.from_plan(plan, years=args.years)
    bar = tqdm_progress(file=sys.stderr, unit_scale=False) if args.progress else None
    result = model.run(args.scenarios, seed=args.seed, progress=bar)
    if args.csv:
        result.to_dataframe().to_csv(args.csv)
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")
        axes = result.plot_distribution()
        axes[0].figure.savefig(args.plot, dpi=120, bbox_inches="tight")
    if args.json:
        quantiles = result.quantiles()
        _print_json(
            {
                "scenarios": args.scenarios,
                "seed": args.seed,
                "quantiles": {
                    c: {str(q): str(m) for q, m in qs.items()} for c, qs in quantiles.items()
                },
                # None (null) where there is nothing to compare with: a plan of one council.
                "p_better_off": {
                    c: None if math.isnan(p) else p for c, p in result.p_better_off().items()
                },
                "p_payback": result.p_payback(args.years),
                "assumed": assumed,
            }
        )
    else:
        print(result.explain(within=args.years))
        _print_assumed(
            assumed, "The plan, as the file gives it, includes facts the paper does not:"
        )
    return OK


# ---------------------------------------------------------------------------------------------
# graph
# ---------------------------------------------------------------------------------------------


def _graph(args: argparse.Namespace) -> int:
    from sharegov.io.graphs import graph_json, graph_of

    _writable(args.plot, "--plot")

    graph = graph_of(_load(args.file), as_of=args.as_of)
    if args.plot:
        graph.draw(args.plot)
    if args.json:
        _print_json(graph_json(graph, withdraw=args.withdraw, as_of=args.as_of))
    elif args.withdraw:
        print(graph.withdrawal_impact(args.withdraw).explain())
        note = graph.dates_note()  # cut to a date: what was not counted, and why
        if note:
            print(note)
    else:
        print(graph.explain())
    return OK


# ---------------------------------------------------------------------------------------------
# who-acts
# ---------------------------------------------------------------------------------------------


def _who_acts(args: argparse.Namespace) -> int:
    from sharegov.parties import assumed_lines

    arrangement = _load(args.file)
    from sharegov.io.check import who_acts_in

    result = who_acts_in(arrangement, args.post, args.matter, args.as_of, field="--post")
    assumed = [
        line
        for name in ("posts", "officers")
        for i, item in enumerate(getattr(arrangement, name))
        if item.id in {args.post, *(a.officer for a in result.acting)}
        for line in assumed_lines(item, f"{name}[{i}]")
    ]
    if args.json:
        from sharegov.io.results import to_json

        # The who_acts document (its schema ships), with the date asked about and the
        # file's assumed facts the answer rests on.
        as_of = None if args.as_of is None else args.as_of.isoformat()
        _print_json({**to_json(result), "as_of": as_of, "assumed": assumed})
    else:
        print(result.explain())
        if assumed:
            print("Assumed, not minuted:")
            for line in assumed:
                print(f"  {line}")
    return OK


# ---------------------------------------------------------------------------------------------
# deadlines
# ---------------------------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _deadlines(args: argparse.Namespace) -> int:
    from sharegov.meetings import actions_of

    _writable(args.ics, "--ics")
    arrangement = _load(args.file)
    as_of = args.as_of or dt.date.today()
    actions, undated = actions_of(arrangement.meetings)
    deadlines = [d for p in arrangement.phases for d in p.deadlines]
    deadlines += [*arrangement.deadlines, *actions]
    if args.ics:
        from sharegov.io import ical

        ical.write(args.ics, deadlines=deadlines, name=arrangement.name)
    if args.json:  # the same document as GET /api/deadlines: only what was set by as_of
        from sharegov.io.results import deadlines_as_of

        _print_json(
            deadlines_as_of(
                as_of=as_of,
                phases=arrangement.phases,
                deadlines=arrangement.deadlines,
                meetings=arrangement.meetings,
            )
        )
        return OK
    print("\n".join(_deadline_lines(args.file, deadlines, undated, as_of)))
    return OK


def _deadline_lines(
    path: str,
    deadlines: list[Any],
    undated: list[tuple[Any, dt.date]],
    as_of: dt.date,
) -> list[str]:
    """The ``deadlines`` listing: what was set by ``as_of``, and a sentence for the rest."""
    if not deadlines and not undated:
        return [f"{path}: no deadlines, phases or actions recorded"]
    known = [d for d in deadlines if d.due_on(as_of=as_of) is not None]
    actions = [a for a, on in undated if on <= as_of]
    later = [d.set_on for d in deadlines if d.due_on(as_of=as_of) is None]
    later += [on for _, on in undated if on > as_of]
    lines = [f"Deadlines as of {day(as_of)}:"] if known or actions else []
    lines += [d.explain(as_of=as_of) for d in known]
    if actions:
        lines.append("Actions with no due date in the minutes:")
        lines += [f"  {a.describe()}" for a in actions]
    if later:
        first = f"the first on {day(min(later))}" if len(later) > 1 else f"on {day(later[0])}"
        if lines:
            lines.append(f"Not listed: {len(later):,} set after {day(as_of)} ({first}).")
        else:
            lines.append(
                f"{path}: no deadlines or actions set by {day(as_of)}; "
                f"{len(later):,} set later ({first})."
            )
    return lines


# ---------------------------------------------------------------------------------------------
# decisions
# ---------------------------------------------------------------------------------------------


def _decisions(args: argparse.Namespace) -> int:
    arrangement = _load(args.file)
    as_of = args.as_of or dt.date.today()
    statuses = [r.status(as_of=as_of) for r in arrangement.recommendations]
    # A recommendation to a board of the file names it by its id: say the board's name.
    names = {key: board.name for key, board in arrangement.boards.items()}
    if args.json:
        _print_json(
            {
                "as_of": as_of.isoformat(),
                "recommendations": [
                    {
                        "id": st.recommendation.id,
                        "text": st.recommendation.text,
                        "by": st.recommendation.by,
                        "made_on": st.recommendation.made_on.isoformat(),
                        "state": st.state.value,
                        "assumed": st.recommendation.assumed,
                        "decisions": {
                            code: None if d is None else {
                                "resolution": d.resolution.value, "on": d.on.isoformat(),
                                "body": d.body, "assumed": d.assumed,
                            }
                            for code, d in st.latest.items()
                        },
                        "explanation": st.explain(names),
                    }
                    for st in statuses
                ],
            }
        )  # fmt: skip
    elif not statuses:
        print(f"{args.file}: no recommendations recorded")
    else:
        print("\n".join(st.explain(names) for st in statuses))
    return OK


# ---------------------------------------------------------------------------------------------
# power
# ---------------------------------------------------------------------------------------------


def _power(args: argparse.Namespace) -> int:
    from sharegov import power

    arrangement = _load(args.file)
    board = _board(arrangement, args.file, args.board)
    assumed = _assumed(arrangement, f"boards.{args.board}")
    if args.blocs:
        if args.by != "member":
            raise InvalidValue(
                expected("--by", "'member' with --blocs (blocs are of members)", args.by)
            )
        indices = {"owen": power.owen(board), "banzhaf_owen": power.banzhaf_owen(board)}
        results: tuple[Any, ...] = tuple(indices.values())
    else:
        indices = {
            "banzhaf": power.banzhaf(board, by=args.by),
            "shapley_shubik": power.shapley_shubik(board, by=args.by),
        }
        results = (
            *indices.values(),
            power.veto_players(board, by=args.by),
            power.minimal_blocking(board, by=args.by),
        )
    if args.json:
        _print_json(
            {
                "board": board.name,
                "by": args.by,
                **{name: {k: str(v) for k, v in index.items()} for name, index in indices.items()},
                "explanation": "\n".join(r.explain() for r in results),
                "assumed": assumed,
            }
        )
    else:
        for result in results:
            print(result.explain())
            print()
        _print_assumed(assumed, _BOARD_ASSUMED)
    return OK


# ---------------------------------------------------------------------------------------------
# serve
# ---------------------------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    from sharegov._optional import require

    require("starlette", "http")
    uvicorn = require("uvicorn", "http")
    from sharegov.serve import create_app

    arrangement = _load(args.file)  # a file with problems is refused here, line by line
    problems = findings(arrangement).problems
    if problems:
        raise InvalidValue("\n".join(f"{args.file}: {p}" for p in problems))
    app = create_app(arrangement, source=args.file)
    print(
        f"Serving {args.file}: the officer's page at http://{args.host}:{args.port}/ and "
        f"the API at /api (OpenAPI at /openapi.json); press Ctrl+C to stop",
        file=sys.stderr,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return OK


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 5 or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, got {text!r}")
    return int(text)


# ---------------------------------------------------------------------------------------------
# the parser
# ---------------------------------------------------------------------------------------------


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sharegov",
        description="Executable governance rules for shared-service arrangements between councils.",
        epilog="Exit status: 0 yes/sound, 1 no/problems found, 2 bad input.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, run: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(run=run)
        return p

    command(
        "demo", _demo, "decide the reference board's proposals of 1 September 2008 and explain them"
    )
    check = command("check", _check, "validate an arrangement file and report rule problems")
    check.add_argument("file", help="arrangement file (.toml, .yaml, .json)")
    decide = command("decide", _decide, "decide a recorded vote under a board's rule")
    decide.add_argument("file", help="arrangement file")
    decide.add_argument("--board", required=True, help="the board's id in the file")
    decide.add_argument(
        "--votes",
        required=True,
        help="votes file: votes (or counts, by_authority), present, apologies, absent, "
        "excluded, unlisted, date, chair, casting, motion, substitutions",
    )
    decide.add_argument(
        "--as-of",
        type=_date,
        help="the date of the meeting, when the votes file gives none: the board's roster "
        "that day decides",
    )
    decide.add_argument(
        "--why-not",
        action="store_true",
        help="also say what smallest changes would have flipped the result",
    )
    split = command("split", _split, "each council's pays, receives and net position by year")
    split.add_argument("file", help="arrangement file with a [costs] section")
    split.add_argument("--years", type=_positive, default=5, help="financial years (default 5)")
    split.add_argument("--plan", metavar="ID", help="which of the file's cost_plans (by id)")
    split.add_argument(
        "--pots", action="store_true", help="show the pots and their allocations instead"
    )
    split.add_argument(
        "--assume", choices=["prudent", "low", "mid", "high"], default="prudent",
        help="which end of each range to take (default prudent)",
    )  # fmt: skip
    split.add_argument(
        "--npv", action="store_true",
        help="also each council's net present value at the Green Book rate, and payback on"
        " discounted values (--json then gives rows, npv and discounted_payback)",
    )  # fmt: skip
    simulate = command("simulate", _simulate, "Monte Carlo over the uncertain costs and savings")
    simulate.add_argument("file", help="arrangement file with a [costs] section")
    simulate.add_argument("--scenarios", type=_positive, default=10_000, help="default 10,000")
    simulate.add_argument("--seed", type=int, required=True, help="the seed (results reproduce)")
    simulate.add_argument("--years", type=_positive, default=5, help="horizon (default 5)")
    simulate.add_argument("--plan", metavar="ID", help="which of the file's cost_plans (by id)")
    simulate.add_argument("--csv", help="write per-council quantiles to this CSV file")
    simulate.add_argument("--plot", help="write the distribution plot to this PNG file")
    simulate.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    deadlines = command("deadlines", _deadlines, "deadlines and phases, as known on a date")
    deadlines.add_argument("file", help="arrangement file")
    deadlines.add_argument("--as-of", type=_date, help="the date to look from (default today)")
    deadlines.add_argument("--ics", help="also write the deadlines to this iCalendar file")
    decisions = command(
        "decisions", _decisions, "recommendations and each council's decision on them, by date"
    )
    decisions.add_argument("file", help="arrangement file with [[recommendations]]")
    decisions.add_argument("--as-of", type=_date, help="the date to look from (default today)")
    power = command("power", _power, "who really decides under a board's rule (exact indices)")
    power.add_argument("file", help="arrangement file")
    power.add_argument("--board", required=True, help="the board's id in the file")
    power.add_argument(
        "--by", choices=["member", "authority"], default="member", help="players (default member)"
    )
    power.add_argument(
        "--blocs",
        action="store_true",
        help="members voting in their authorities' blocs: Owen and Banzhaf–Owen indices",
    )
    graph = command("graph", _graph, "partnerships between councils, and what breaks if one leaves")
    graph.add_argument("file", help="arrangement file")
    graph.add_argument("--withdraw", metavar="CODE", help="what breaks if this council leaves")
    graph.add_argument("--plot", help="draw the graph to this PNG file")
    graph.add_argument(
        "--as-of", type=_date, help="only the arrangements in force on this date (default all)"
    )
    who = command("who-acts", _who_acts, "who acts for each authority a post serves, on a matter")
    who.add_argument("file", help="arrangement file with officers and posts")
    who.add_argument("--post", required=True, help="the post's id in the file")
    who.add_argument("--matter", required=True, help="the matter, as officer conflicts name it")
    who.add_argument("--as-of", type=_date, help="ignore conflicts raised after this date")
    about = "serve the file as a JSON API and the officer's page in a browser (the http extra)"
    serve = sub.add_parser("serve", help=about, description=about)
    serve.set_defaults(run=_serve)
    serve.add_argument("file", help="arrangement file")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (default 8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except BrokenPipeError:
        # The reader went away (``sharegov demo | head``): stop quietly, as Unix tools do.
        sys.stderr.close()
        return OK
    except OSError as exc:  # an output file that cannot be written
        print(f"sharegov: error: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return BAD_INPUT
    except SharegovError as exc:
        lines = str(exc).splitlines() or [type(exc).__name__]
        for line in lines:
            print(f"sharegov: error: {line}", file=sys.stderr)
        return BAD_INPUT
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
