"""What ``sharegov check`` reports of a loaded arrangement, for the command and the HTTP API.

:func:`findings` gives the problems (anything that would make a command fail on the file),
the notes (vacant seats, the cost plans' extent, unlisted employers, observers' and
substitutes' unlisted authorities, unapplied dispensations) and every fact the file marks
assumed. :func:`guarantee` runs what the commands run on the file, so that ``check``
passing means they work. :func:`who_acts_in` answers who acts on one of the file's posts,
as ``sharegov who-acts`` does.

``sharegov check`` and ``GET /api/check`` both report :func:`findings`, so they cannot
disagree.

Examples:
    >>> from sharegov.io import load
    >>> arrangement = load("examples/bromsgrove_redditch.toml")
    >>> found = findings(arrangement)
    >>> found.problems, len(found.notes) >= len(found.assumed)
    ([], True)
    >>> who_acts_in(arrangement, "jce", "depot site")
    Traceback (most recent call last):
    ...
    sharegov.errors.UnknownId: post: expected one of the posts in the file [], got 'jce'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from sharegov._words import day, plural
from sharegov.errors import SharegovError, UnknownId, expected

if TYPE_CHECKING:
    from sharegov.conflicts import WhoActs
    from sharegov.io.files import Arrangement

__all__ = ["Findings", "findings", "guarantee", "unlisted_authorities", "who_acts_in"]


class Findings(NamedTuple):
    """What ``sharegov check`` reports of a loaded arrangement."""

    problems: list[str]
    notes: list[str]
    #: Every fact the file marks assumed, with its path (also among the notes).
    assumed: list[str]


def findings(arrangement: Arrangement) -> Findings:
    """What ``sharegov check`` reports of a loaded arrangement: problems, notes and the
    facts marked assumed. The HTTP service's check endpoint reports the same, from this
    one function."""
    from sharegov.io.files import (
        assumed_facts,
        dispensation_notes,
        early_actions,
        unapplied_dispensations,
        unlisted_employers,
    )
    from sharegov.rules import Vote

    problems: list[str] = [*guarantee(arrangement), *early_actions(arrangement)]
    assumed = assumed_facts(arrangement)
    notes: list[str] = [
        *unlisted_employers(arrangement),
        *unlisted_authorities(arrangement),
        *unapplied_dispensations(arrangement),
        *dispensation_notes(arrangement),
    ]
    # Each roster the board has over time is checked (one, where it never changes).
    rosters = [
        (key, since, board)
        for key, whole in arrangement.boards.items()
        for since, board in whole.rosters()
    ]
    for key, since, board in rosters:
        seats = sum(board.seats.values())
        filled = len(board.voting_members)
        now = "appointed now" if since is None else f"appointed from {day(since)}"
        if filled < seats:
            vacant = f"{seats - filled} of {plural(seats, 'seat')} vacant"
            notes.append(
                f"boards.{key}: {vacant}" + ("" if since is None else f" from {day(since)}")
            )
        everyone = board.tally(dict.fromkeys((m.id for m in board.voting_members), Vote.FOR))
        if board.quorum is not None and not board.quorum.check(everyone):
            problems.append(
                f"boards.{key}.quorum: {board.quorum.describe()!r} cannot be met by the members "
                f"{now} ({filled} of {plural(seats, 'seat')} filled), even if all attend"
            )
        if not board.rule.check(everyone):
            problems.append(
                f"boards.{key}.rule: {board.rule.describe()!r} cannot be met by the members "
                f"{now} ({filled} of {plural(seats, 'seat')} filled), "
                "even if all vote in support"
            )
    plans = {"costs": arrangement.costs} if arrangement.costs is not None else {}
    plans.update({f"cost_plans.{k}": v for k, v in arrangement.cost_plans.items()})
    for where, plan in plans.items():
        if not (plan.items or plan.savings):
            continue
        # Building the statement checks the plan end to end (every split sums exactly).
        try:
            statement = plan.statement()
        except SharegovError as exc:
            problems.append(f"{where}: {exc}")
        else:
            councils = plural(len(statement.parties), "council")
            notes.append(f"{where}: {councils} over {plural(len(statement.years), 'year')}")
    notes.extend(assumed)
    return Findings(problems, notes, assumed)


def unlisted_authorities(arrangement: Arrangement) -> list[str]:
    """Observers and substitutes at meetings whose authority is neither an authority nor a
    body in the file, each with its path, as ``sharegov check`` notes them.

    Allowed, as no command needs them: an observer never votes, and a substitute sits
    in the seat of the member they replace. They are noted as an officer's unlisted
    employer is (seed 003: observers from Rushcliffe, the substitute from North East
    Derbyshire, neither of them on the Board).

    Examples:
        >>> from sharegov.io import load
        >>> for note in unlisted_authorities(load("examples/seeds/003_em_iep_2009_11_27.toml")):
        ...     print(note)
        meetings[0].observers[0].authority: 'RUSHCLIFFE' is not an authority listed in the file
        meetings[0].substitutions.wilcox.authority: 'NEDDC' is not an authority listed in the file
    """
    codes = {a.code for a in arrangement.authorities} | {b.id for b in arrangement.bodies}
    unlisted = "is not an authority listed in the file"
    notes: list[str] = []
    for i, meeting in enumerate(arrangement.meetings):
        for j, observer in enumerate(meeting.observers):
            if observer.authority not in codes:
                notes.append(
                    f"meetings[{i}].observers[{j}].authority: {observer.authority!r} {unlisted}"
                )
        for member, substitute in meeting.substitutions.items():
            if substitute.authority not in codes:
                path = f"meetings[{i}].substitutions.{member}.authority"
                notes.append(f"{path}: {substitute.authority!r} {unlisted}")
    return notes


def who_acts_in(
    arrangement: Arrangement,
    post_id: str,
    matter: str,
    on: dt.date | None = None,
    *,
    field: str = "post",
) -> WhoActs:
    """:func:`~sharegov.conflicts.who_acts` for the file's post ``post_id``, with the file's
    officers, delegation schemes and officer conflicts.

    Args:
        arrangement: The loaded file.
        post_id: The post's id in the file.
        matter: The matter, as officer conflicts name it.
        on: Ignore conflicts raised after this date.
        field: How messages name the post (``sharegov who-acts`` says ``--post``).

    Raises:
        UnknownId: No such post in the file.
    """
    from sharegov.conflicts import who_acts

    posts = {p.id: p for p in arrangement.posts}
    if post_id not in posts:
        raise UnknownId(expected(field, f"one of the posts in the file {list(posts)}", post_id))
    return who_acts(
        posts[post_id],
        matter,
        officers=arrangement.officers,
        schemes=arrangement.delegation_schemes,
        conflicts=arrangement.officer_conflicts,
        on=on,
    )


def guarantee(arrangement: Arrangement) -> list[str]:
    """Run what the commands run on the file, so that ``check`` passing means they work:
    the partnership graph and every withdrawal, and who acts on each post for each matter
    on which its holder has declared a conflict (on any other matter the holder acts).
    Each failure names the path in the file."""
    from sharegov.io.graphs import graph_of

    problems: list[str] = []
    try:
        graph_of(arrangement).withdrawal_table()
    except SharegovError as exc:
        problems.append(f"arrangements: the partnership graph cannot be built: {exc}")
    # Only a holder's own conflict sends a matter down a delegation chain.
    matters: dict[str, set[str]] = {}
    for conflict in arrangement.officer_conflicts:
        matters.setdefault(conflict.officer, set()).add(conflict.matter)
    for i, post in enumerate(arrangement.posts):
        if post.holder is None:
            continue
        for matter in sorted(matters.get(post.holder, ())):
            try:
                who_acts_in(arrangement, post.id, matter)
            except SharegovError as exc:
                problems.append(f"posts[{i}]: who acts on {matter!r} cannot be found: {exc}")
    return problems
