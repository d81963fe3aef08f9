"""Boards and joint committees: who sits, whether a meeting was quorate, and what carried.

Where a board's own terms are silent, the statutory defaults apply: questions are
decided by a majority of those present and voting (LGA 1972 Sch 12 para 39(1), applied
to committees and joint committees by para 44), and the person presiding has a second
or casting vote on an equality; if it is not used, the motion is lost (para 39(2)).
A joint committee has no statutory quorum (s.106): give one with ``quorum=``.

Examples:
    >>> from sharegov import Authority, Board, Member, Vote, rules
    >>> board = Board(
    ...     "Joint Committee",
    ...     authorities=[Authority("A", "Council A"), Authority("B", "Council B")],
    ...     seats={"A": 2, "B": 2},
    ...     members=[Member("a1", "Cllr One", "A"), Member("a2", "Cllr Two", "A"),
    ...              Member("b1", "Cllr Three", "B"), Member("b2", "Cllr Four", "B")],
    ... )
    >>> out = board.decide({"a1": Vote.FOR, "a2": Vote.FOR, "b1": Vote.AGAINST, "b2": Vote.AGAINST},
    ...                    chair="a1", casting=Vote.FOR)
    >>> out.status
    <Status.CARRIED: 'carried'>
    >>> print(out.explain())
    Carried on the chair's casting vote after an equality of votes (LGA 1972 Sch 12 para 39(2)):
      equality of votes: 2 for, 2 against
      casting vote: Cllr One, A, for
    Votes: 2 for, 2 against, 0 abstaining.
    The board's terms as given set no voting rule, so the statutory default applies: a majority \
of those present and voting (LGA 1972 Sch 12 para 39(1), applied to joint committees by para 44).
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, NoReturn, TypeAlias

import attrs

from sharegov._frozen import FrozenMap, frozen_map
from sharegov._validate import flag, identifier, instances, of_type, safe_text
from sharegov._whatif import CHOICES, MAX_CHECKS, smallest_changes
from sharegov._words import day
from sharegov.conflicts import Declaration, Dispensation, InterestOrders, ItemRuling, rule_on_item
from sharegov.errors import InvalidBoard, InvalidValue, InvalidVote, UnknownId, expected, shown
from sharegov.parties import Authority, Member
from sharegov.rules import (
    CARRIED,
    SCALAR,
    Check,
    FirstOf,
    Layout,
    Majority,
    Minuted,
    MinutedTally,
    MissingCount,
    Pending,
    Quorum,
    Rule,
    Tally,
    Verdict,
    Vote,
    Weighted,
    code_of,
    walk,
)
from sharegov.statute import NATIONS, nation_of_gss, no_law_note

__all__ = [
    "Board",
    "ChairRule",
    "ElectedChair",
    "FixedChair",
    "HostLeaderChairs",
    "Membership",
    "Outcome",
    "Row",
    "Status",
    "Unlisted",
    "WhatIf",
]

PARA_39_2 = "LGA 1972 Sch 12 para 39(2)"
#: The rule of a board whose terms give none: a majority of those present and voting.
#: A board built without ``rule=`` holds this very object, so explanations can say that the
#: statutory default was applied rather than a rule on record (:attr:`Board.rule_is_default`).
STATUTORY_MAJORITY = Majority()
#: The most voting seats a board may have (a council's full meeting has under 200).
MAX_SEATS = 10_000
#: What to take a voting member who is not on record as: see :meth:`Board.decide`.
Unlisted: TypeAlias = Literal["present", "absent"]
_NOBODY: frozenset[str] = frozenset()


class Row(NamedTuple):
    """One line of :meth:`Outcome.rows`: an authority's counts (or the total).

    A number the minutes do not give (a vote minuted only as counts) is ``None``."""

    authority: str
    support: int
    against: int
    abstain: int
    not_voting: int | None
    absent: int | None
    excluded: int | None


class Status(enum.Enum):
    """The result of a question put to a board."""

    CARRIED = "carried"
    NOT_CARRIED = "not carried"
    INQUORATE = "inquorate"


# ---------------------------------------------------------------------------------------------
# Chair rules
# ---------------------------------------------------------------------------------------------


class ChairRule:
    """Base of the rules that say who chairs a meeting."""

    def describe(self, board: Board | None = None) -> str:  # pragma: no cover - abstract
        """The chair rule in plain English (with members' names, given the ``board``)."""
        raise NotImplementedError

    def chair(self, board: Board, *, host: str | None = None) -> str | None:  # pragma: no cover
        """The id of the member who chairs, or ``None`` when the meeting must elect one."""
        raise NotImplementedError


@attrs.frozen
class HostLeaderChairs(ChairRule):
    """The member with ``role`` (by default the leader) from the host authority chairs.

    Args:
        role: The role, as in ``Member.roles``: a non-blank string without control or
            bidirectional characters (else :class:`~sharegov.errors.InvalidValue`).

    Examples:
        >>> HostLeaderChairs().describe()
        'the leader of the host authority chairs'
        >>> HostLeaderChairs("")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: role: expected a non-blank string, got ''
    """

    role: str = attrs.field(default="leader", validator=safe_text)

    def describe(self, board: Board | None = None) -> str:
        return f"the {self.role} of the host authority chairs"

    def chair(self, board: Board, *, host: str | None = None) -> str | None:
        if host is None:
            raise InvalidVote(expected("host", "the code of the host authority", host))
        board.authority(host)
        for member in board.members:
            if member.authority == host and self.role in member.roles:
                return member.id
        raise InvalidBoard(
            f"chair: {board.name} has no member from {host} with the role {self.role!r}, "
            f"so {self.describe()} cannot be applied"
        )


@attrs.frozen
class FixedChair(ChairRule):
    """The same member chairs every meeting.

    Args:
        member: The id of the member who chairs (an identifier, else
            :class:`~sharegov.errors.InvalidValue`).

    Examples:
        >>> FixedChair("hill").describe()
        'hill chairs every meeting'
        >>> FixedChair("Cllr Hill")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: member: expected a non-empty identifier without spaces, \
got 'Cllr Hill'
    """

    member: str = attrs.field(validator=identifier)

    def describe(self, board: Board | None = None) -> str:
        member = board._by_id.get(self.member) if board is not None else None
        return f"{member.name if member else self.member} chairs every meeting"

    def chair(self, board: Board, *, host: str | None = None) -> str | None:
        return board.member(self.member).id


@attrs.frozen
class ElectedChair(ChairRule):
    """The meeting elects its chair (as the seed board did at its first meeting)."""

    def describe(self, board: Board | None = None) -> str:
        return "the meeting elects its chair"

    def chair(self, board: Board, *, host: str | None = None) -> str | None:
        return None


# ---------------------------------------------------------------------------------------------
# Outcome
# ---------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A table cell: a number the minutes do not give shows as a dash."""
    return "–" if value is None else str(value)


def _clip(text: str, limit: int = 300) -> str:
    """``text`` cut to about ``limit`` characters, marked where cut (a message stays short)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip("; ") + "…"


def _names(tally: Tally, ids: Iterable[str]) -> str:
    order = list(tally.authority_of)
    return "; ".join(tally.label(m) for m in sorted(ids, key=order.index))


# dict-based, so Board.decide builds one in a single step; equality is defined below, so
# that the item's declared interests (kept in the cache) count too.
@attrs.frozen(slots=False, eq=False)
class Outcome:
    """The result of one question put to a board, with its reasons.

    Attributes:
        status: Carried, not carried, or inquorate.
        tally: Who was present and how they voted.
        board: The board that decided.
        chair: Id of the member presiding, if given.
        casting: The chair's casting vote, if one was given on an equality.
        equality: Whether the votes of the meeting were equal under the board's rule.
        apologies: Ids of the members who sent apologies (in ``tally.absent`` too).
        assumed: Ids of the members not on record, taken as ``unlisted`` says.
        unlisted: ``"present"`` or ``"absent"`` when members were taken so, else ``None``.
        date: The date of the meeting, if given.
    """

    status: Status
    tally: Tally
    board: Board
    chair: str | None = None
    casting: Vote | None = None
    equality: bool = False
    apologies: frozenset[str] = frozenset()
    assumed: frozenset[str] = frozenset()
    unlisted: Unlisted | None = None
    date: dt.date | None = None
    # Also holds the item's ItemRuling: kept out of __init__ so the fast path pays nothing.
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    if not TYPE_CHECKING:  # so that type checkers still catch misspelt attributes

        def __getattr__(self, name: str) -> Any:
            # Called only for an attribute not set. Board.decide builds an outcome in one
            # step and leaves two attributes to first use: the tally, from the votes it has
            # already checked and counted, and the cache.
            if name == "tally" and "_pending" in self.__dict__:
                value: Any = self.board._layout.tally(self.__dict__["_pending"])
            elif name == "_cache":
                value = {}
            else:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            self.__dict__[name] = value
            return value

    def _key(self) -> tuple[Any, ...]:
        return (
            self.status,
            self.tally,
            self.board,
            self.chair,
            self.casting,
            self.equality,
            self.apologies,
            self.assumed,
            self.unlisted,
            self.date,
            self.interests,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Outcome) or type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def interests(self) -> ItemRuling | None:
        """Who was excluded by declared interests and under which provision, and the quorum
        that applied after LGA 1972 Sch 12 para 45; ``None`` when no declarations were
        given and para 45 did not apply."""
        ruling: ItemRuling | None = self._cache.get("interests")
        return ruling

    @property
    def rule(self) -> Rule:
        """The board's voting rule."""
        return self.board.rule

    @property
    def advisory(self) -> bool:
        """Whether the board only recommends."""
        return self.board.advisory

    @property
    def verdict(self) -> Verdict | None:
        """The rule's verdict with its reasons, or ``None`` if the meeting was inquorate.

        Built on first use from the same predicates that decided :attr:`status`, and checked
        against it, so an explanation can never disagree with the result.
        """
        if "verdict" not in self._cache:
            verdict = None
            if self.status is not Status.INQUORATE:
                verdict = self.board.rule.evaluate(self.tally)
                expected_answer = None if self.equality else self.carried
                if verdict.carried is not expected_answer:
                    raise RuntimeError(  # a bug in sharegov, not bad input
                        f"sharegov internal error: {self.board.rule!r} answered "
                        f"{expected_answer!r} but explained {verdict.carried!r}; please report"
                    )
            self._cache["verdict"] = verdict
        cached: Verdict | None = self._cache["verdict"]
        return cached

    @property
    def quorum(self) -> Verdict | None:
        """The quorum rule's verdict, or ``None`` if the board has no quorum rule."""
        if "quorum" not in self._cache:
            q = self.board.quorum if self.interests is None else self.interests.quorum
            self._cache["quorum"] = q.evaluate(self.tally) if q is not None else None
        quorum: Verdict | None = self._cache["quorum"]
        return quorum

    @property
    def carried(self) -> bool:
        """Whether the question carried."""
        return self.status is Status.CARRIED

    @property
    def basis(self) -> Rule | None:
        """The rule that carried it (for a fallback, the alternative that carried), or ``None``."""
        if not self.carried or self.verdict is None:
            return None
        return self.verdict.basis if self.verdict.basis is not None else self.verdict.rule

    def headline(self) -> str:
        """The first line of :meth:`explain`, without the trailing colon."""
        rule = self.rule
        if self.status is Status.INQUORATE:
            described = self.quorum.rule.describe() if self.quorum else "a quorum"
            return f"Inquorate: no decision could be taken (the board requires {described})"
        if self.equality:
            source = self.board.casting_source
            if self.casting is not None and self.chair is not None:
                word = "Carried" if self.carried else "Not carried"
                return f"{word} on the chair's casting vote after an equality of votes ({source})"
            if not self.board.casting_vote:
                return "Not carried: an equality of votes, and the chair has no casting vote"
            return (
                "Not carried: an equality of votes, and no casting vote was given, "
                f"so the motion is lost ({source})"
            )
        if not self.carried:
            return f"Not carried under the rule: {rule.describe()}"
        basis = self.basis
        if isinstance(rule, FirstOf) and basis is not None and basis is not rule.rules[0]:
            return f"Carried on the fallback rule ({basis.describe()})"
        return f"Carried on {basis.describe() if basis is not None else rule.describe()}"

    def explain(self) -> str:
        """The result and its reasons in words fit for the minutes; deterministic.

        The text is rendered from the verdicts that decided the outcome, so rendering can
        never change it.
        """
        headline = self.headline()
        lines = [headline + ":"]
        verdict = self.quorum if self.status is Status.INQUORATE else self.verdict
        if verdict is not None:
            # The headline names the rule; a reason that begins by naming it again says
            # only what follows ("5 for, 2 against ..."), so the rule is printed once.
            named = verdict.rule.describe() + ": "
            once = headline.endswith(named[:-2])
            lines.extend(
                f"  {reason.removeprefix(named) if once else reason}" for reason in verdict.reasons
            )
        if self.casting is not None and self.chair is not None:
            lines.append(f"  casting vote: {self.tally.label(self.chair)}, {self.casting.value}")
        tally = self.tally
        if self.status is not Status.INQUORATE:
            lines.append(f"Votes: {tally.summary()}.")
        if isinstance(tally, MinutedTally):
            lines.append("The counts are as minuted; the names of those voting were not recorded.")
        if self.board.rule_is_default and self.status is not Status.INQUORATE:
            lines.append(self.board.default_rule_note)
        if self.apologies:
            lines.append(f"Apologies: {_names(tally, self.apologies)}.")
        absent = tally.absent - self.apologies - self.assumed
        if absent:
            lines.append(f"Absent: {_names(tally, absent)}.")
        if self.interests is not None:
            lines.extend(self.interests.lines())
        elif tally.excluded:
            lines.append(f"Excluded from this item: {_names(tally, tally.excluded)}.")
        silent = tally.not_voting - self.assumed
        if silent:
            lines.append(f"Present, not voting: {_names(tally, silent)}.")
        if self.assumed:
            taken = "absent" if self.unlisted == "absent" else "present, not voting"
            lines.append(
                f"Members not listed were taken to be {taken}, as the record says: "
                f"{_names(tally, self.assumed)}."
            )
        lines.extend(self._unrepresented())
        if self.advisory and self.carried:
            lines.append(
                f"{self.board.name} is advisory: this is a recommendation to each council, "
                "not a decision."
            )
        if self.date is not None and (before := no_law_note(self.date)) is not None:
            lines.append(before)  # the defaults cited above are not the law of that date
        return "\n".join(lines)

    def _unrepresented(self) -> list[str]:
        """Where a question carried with no member of an authority present: a line that
        says so, so that nobody reads it as the view of every council's members."""
        if not self.carried or len(self.board.authorities) < 2:
            return []
        tally = self.tally
        if isinstance(tally, MinutedTally):
            try:
                tally.minuted.parts()
            except MissingCount:  # no breakdown by authority: nothing to say either way
                return []
            gone = [c for c in tally.authorities if tally.by_authority(c).minuted._present == 0]
        else:
            gone = [c for c in tally.authorities if tally.present_from(c) == 0]
        if not gone:
            return []
        names = [f"{self.board.authority(c).name} ({c})" for c in gone]
        which = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        here = [c for c in tally.authorities if c not in gone]
        return [
            f"No member of {which} was present: the result carried on the votes of the "
            f"members of {', '.join(here)} alone."
        ]

    def rows(self) -> list[Row]:
        """Per-authority counts, then the total: (authority, for, against, abstain,
        present not voting, absent, excluded).

        For a vote minuted only as counts, a number the minutes do not give is ``None``,
        and there are per-authority rows only if the minutes gave them."""

        def row(label: str, t: Tally) -> Row:
            if isinstance(t, MinutedTally):
                m = t.minuted
                cast = m.support + m.against + m.abstain
                silent = None if m._present is None else m._present - cast
                return Row(label, m.support, m.against, m.abstain, silent, None, None)
            return Row(
                label,
                t.count(Vote.FOR),
                t.count(Vote.AGAINST),
                t.count(Vote.ABSTAIN),
                len(t.not_voting),
                len(t.absent),
                len(t.excluded),
            )

        tally = self.tally
        split = not isinstance(tally, MinutedTally) or tally.minuted._parts is not None
        codes = tally.authorities if split else ()
        return [row(code, tally.by_authority(code)) for code in codes] + [row("Total", tally)]

    # -- what would have changed it ---------------------------------------------------------

    def states(self) -> dict[str, str]:
        """Each voting member's state on the question, in roster order: ``"for"``,
        ``"against"``, ``"abstain"``, ``"present"`` (not voting), ``"apologies"``,
        ``"absent"`` or ``"excluded"``.

        Raises:
            InvalidVote: The vote was minuted only as counts, so nobody is named.
        """
        tally = self.tally
        if isinstance(tally, MinutedTally):
            raise InvalidVote(
                "votes: the vote was minuted only as counts, so who voted how is not known"
            )
        out: dict[str, str] = {}
        for member in tally.authority_of:
            if member in tally.excluded:
                out[member] = "excluded"
            elif member in self.apologies:
                out[member] = "apologies"
            elif member in tally.absent:
                out[member] = "absent"
            else:
                vote = tally.votes.get(member)
                out[member] = vote.value if vote is not None else "present"
        return out

    def _redecide(self, states: Mapping[str, str]) -> Outcome:
        """The question decided again with members in ``states`` (no casting vote)."""
        votes = {m: s for m, s in states.items() if s in ("for", "against", "abstain")}

        def those(state: str) -> set[str]:
            return {m for m, s in states.items() if s == state}

        return self.board.decide(
            votes,
            present=those("present"),
            apologies=those("apologies"),
            absent=those("absent"),
            excluded=those("excluded"),
            chair=self.chair,
        )

    def what_would_change_it(self, *, limit: int = MAX_CHECKS) -> WhatIf:
        """The smallest sets of changes that would have flipped the result, in words.

        A change is one the minutes could have recorded instead: a vote changed (an
        abstention turned), a member present casting a vote, or a member absent or
        sending apologies attending. Members excluded by an interest cannot change. Every
        set of the smallest size is listed; the search is exact, and refuses past
        ``limit`` trial decisions. An equality is decided without a casting vote.

        Raises:
            InvalidVote: The vote was minuted only as counts.
            LimitExceeded: More than ``limit`` trial decisions would be needed.

        Examples:
            >>> from sharegov.reference import bromsgrove_redditch_board
            >>> out = bromsgrove_redditch_board().decide(
            ...     {"hollingworth": "for", "luck": "for", "gandy": "for",
            ...      "hall": "against", "mcmillan": "against"}, apologies={"webb"})
            >>> print(out.what_would_change_it().explain())
            Not carried. One change would have carried it:
              one member from RBC voting for instead of voting against (Cllr M. Hall, RBC; or
              Cllr C. McMillan, RBC): carried on the fallback rule (at least 2 in support from
              each authority).
            >>> out.pivotal()
            ('hall', 'mcmillan')
        """
        carried = self.carried
        sets = smallest_changes(
            self.states(), lambda trial: self._redecide(trial).carried is not carried, limit=limit
        )
        return WhatIf(self, sets)

    def pivotal(self) -> tuple[str, ...]:
        """Ids of the members whose vote alone, cast otherwise, would flip the result."""
        states = self.states()
        carried = self.carried
        out = []
        for member, state in states.items():
            if state in ("for", "against", "abstain") and any(
                self._redecide({**states, member: other}).carried is not carried
                for other in CHOICES[state]
            ):
                out.append(member)
        return tuple(out)

    _HEADER = ("Authority", "For", "Against", "Abstain", "Not voting", "Absent", "Excluded")

    def _repr_markdown_(self) -> str:
        head = "| " + " | ".join(self._HEADER) + " |"
        rule = "|" + "---|" * len(self._HEADER)
        body = ["| " + " | ".join(_cell(c) for c in r) + " |" for r in self.rows()]
        reasons = "\n".join(f"- {line.strip()}" for line in self.explain().splitlines()[1:])
        return "\n".join([f"**{self.headline()}**", "", head, rule, *body, "", reasons])

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f"<th>{esc(h)}</th>" for h in self._HEADER)
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(_cell(c))}</td>" for c in r) + "</tr>" for r in self.rows()
        )
        reasons = "".join(
            f"<li>{esc(line.strip())}</li>" for line in self.explain().splitlines()[1:]
        )
        return (
            f"<div><p><strong>{esc(self.headline())}</strong></p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<ul>{reasons}</ul></div>"
        )


_BEFORE = {
    "for": "voting for",
    "against": "voting against",
    "abstain": "abstaining",
    "present": "not voting",
    "absent": "being absent",
    "apologies": "sending apologies",
}
_AFTER = {**_BEFORE, "present": "attending, not voting"}
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
#: How many sets :meth:`WhatIf.explain` names for each kind of change.
SHOWN = 10


def _number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else f"{n:,}"


@attrs.frozen
class WhatIf:
    """The smallest sets of changes that would have flipped a decided question.

    Attributes:
        outcome: The question as decided.
        sets: Every set of the smallest size, each a tuple of (member id, state instead).
    """

    outcome: Outcome
    sets: tuple[tuple[tuple[str, str], ...], ...]

    @property
    def size(self) -> int:
        """How many changes each set makes (0 when nothing would flip it)."""
        return len(self.sets[0]) if self.sets else 0

    def explain(self) -> str:
        """The sets in words fit for the minutes, grouped by what kind of change they are."""
        out = self.outcome
        head = out.status.value.capitalize()
        if not self.sets:
            return f"{head}. No change the minutes could record would have flipped it."
        verb = "defeated it" if out.carried else "carried it"
        many = _number(self.size)
        lines = [
            f"{head}. {many.capitalize()} change{'s' if self.size > 1 else ''} would have {verb}:"
        ]
        states = out.states()
        board = out.board
        groups: dict[tuple[tuple[str, str, str], ...], list[tuple[tuple[str, str], ...]]] = {}
        for changes in self.sets:
            kind = tuple(
                sorted((board.member(m).authority, states[m], after) for m, after in changes)
            )
            groups.setdefault(kind, []).append(changes)
        for kind, sets in groups.items():
            what = " and ".join(
                f"{_number(n)} {'member' if n == 1 else 'members'} from {code} {_AFTER[after]} "
                f"instead of {_BEFORE[before]}"
                for (code, before, after), n in Counter(kind).items()
            )
            names = "; or ".join(
                " and ".join(f"{board.member(m).name}, {board.member(m).authority}" for m, _ in s)
                for s in sets[:SHOWN]
            )
            if len(sets) > SHOWN:
                names += f"; and {len(sets) - SHOWN:,} more"
            result = out._redecide({**states, **dict(sets[0])}).headline()
            word, _, rest = result.partition(" ")
            lines.append(f"  {what} ({names}): {word.lower()} {rest}.")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        lines = self.explain().splitlines()
        return "\n".join([f"**{lines[0]}**", "", *(f"- {line.strip()}" for line in lines[1:])])


# ---------------------------------------------------------------------------------------------
# Memberships over time
# ---------------------------------------------------------------------------------------------


_ANSWERS: tuple[bool | None, ...] = (False, None, True)


def _once(ids: Iterable[str]) -> Iterable[str]:
    """``ids`` as a collection that can be read twice (a generator would be used up);
    anything that is not a collection of ids is left for ``Board._attendance`` to refuse."""
    if isinstance(ids, Collection) or not isinstance(ids, Iterable):
        return ids
    return tuple(ids)


def _whole(value: object, low: int, high: int) -> bool:
    """Whether ``value`` is a whole number (not a bool) from ``low`` to ``high``."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


#: The most votes one count may give (a council's full meeting has under 200 members).
MAX_COUNT = 10**6
_COUNT_KEYS = tuple(v.value for v in Vote)


def _count(number: object, field: str) -> int:
    """``number`` if it is a whole number from 0 to :data:`MAX_COUNT`, else refused by field."""
    if not _whole(number, 0, MAX_COUNT):
        big = _whole(number, 0, 10**100)
        what = f"a whole number of at most {MAX_COUNT:,}" if big else "a whole number >= 0"
        raise InvalidVote(expected(field, what, number))
    return number  # type: ignore[return-value]  # _whole checked it is an int


def _counted(
    counts: object, field: str, *, present: bool = False
) -> tuple[dict[Vote, int], int | None]:
    """Counts as minuted, ``"for"``, ``"against"``, ``"abstain"`` (or the :class:`Vote`) to
    a whole number, as ``({Vote: number}, present)``; with ``present=True`` (one authority's
    counts) a ``"present"`` key may give its members present, else ``present`` is ``None``.

    The one check of minuted counts: :meth:`Board.decide_counts` and the items of a
    :class:`~sharegov.meetings.Meeting` both use it. A vote given twice (``Vote.FOR`` and
    ``"for"``) is refused, not added up.

    Examples:
        >>> _counted({"for": 5, Vote.AGAINST: 2}, "counts")
        ({Vote.FOR: 5, Vote.AGAINST: 2}, None)
        >>> _counted({"for": 1, "present": 3}, "by_authority.A", present=True)
        ({Vote.FOR: 1}, 3)
        >>> _counted({"yes": 5}, "counts")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidVote: counts: expected only the keys 'for', 'against', \
'abstain', got 'yes'
    """
    keys = (*_COUNT_KEYS, "present") if present else _COUNT_KEYS
    if not isinstance(counts, Mapping):
        what = "for/against/abstain (and present)" if present else "for/against/abstain"
        what = f"a mapping of {what} to a number"
        raise InvalidVote(expected(field, what, counts))
    out: dict[Vote, int] = {}
    here: int | None = None
    for key, number in counts.items():
        word = key.value if isinstance(key, Vote) else key if isinstance(key, str) else None
        if word not in keys:
            what = "only the keys " + ", ".join(repr(k) for k in keys)
            raise InvalidVote(expected(field, what, key))
        if word == "present":
            here = _count(number, f"{field}.present")
            continue
        vote = Vote(word)
        if vote in out:
            raise InvalidVote(f"{field}: {vote.value!r} is given twice")
        out[vote] = _count(number, f"{field}.{word}")
    return out, here


def _same_nation(
    nation: str | None, board: Board, what: str, error: type[InvalidValue] = InvalidValue
) -> None:
    """Refuse a recorded nation that the board's authorities' GSS codes contradict."""
    coded = board.nation
    if nation is not None and coded is not None and nation != coded:
        raise error(
            f"nation: {what} is recorded as in {nation.title()}, but its board's "
            f"authorities' GSS codes place it in {coded.title()}"
        )


def _law_nation(nation: object, board: Board) -> str:
    """A nation given for a vote, as :mod:`sharegov.statute` names it (one of
    :data:`~sharegov.statute.NATIONS`, in any case), checked against the board's GSS
    codes."""
    name = nation.lower().replace("_", " ") if isinstance(nation, str) else None
    if name not in NATIONS:
        raise InvalidVote(expected("nation", f"one of {list(NATIONS)} or None", nation))
    _same_nation(name, board, "the meeting", InvalidVote)
    return name


def _is_plain_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _date_or_none(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not _is_plain_date(value):
        raise InvalidBoard(expected(attribute.name, "a datetime.date or None", value))


@attrs.frozen
class Membership:
    """A member's seat on a board over time (Popolo-style: member, on behalf of, role, dates).

    A conditional offer (``condition`` set) takes effect only from ``condition_met_on``;
    until then the member is not on the board.

    Args:
        member: The member.
        start: First day of membership, if known (open-ended before).
        end: Last day of membership, if any.
        role: E.g. ``"member"``, ``"chair"``, ``"observer"``.
        on_behalf_of: The authority the member sits for; the member's own by default.
        condition: What must happen before the offer takes effect, in words.
        condition_met_on: When the condition was met, if it has been.
        extra_seat: Whether taking up the offer adds a seat for ``on_behalf_of`` (an offer
            beyond the board's fixed seats, like the seed's offer to the Labour group leaders).

    Raises:
        InvalidBoard: An end before the start, or a condition met before the offer began.

    Examples:
        >>> import datetime as dt
        >>> offer = Membership(Member("lab_bdc", "Labour Group Leader (BDC)", "BDC"),
        ...                    start=dt.date(2008, 9, 17),
        ...                    condition="written agreement to the Joint Chief Executive principle")
        >>> offer.active_on(dt.date(2008, 10, 1))
        False
        >>> import attrs
        >>> met = attrs.evolve(offer, condition_met_on=dt.date(2008, 9, 30))
        >>> met.active_on(dt.date(2008, 10, 1))
        True
    """

    member: Member = attrs.field(validator=of_type(Member, "a Member", InvalidBoard))
    start: dt.date | None = attrs.field(default=None, kw_only=True, validator=_date_or_none)
    end: dt.date | None = attrs.field(default=None, kw_only=True, validator=_date_or_none)
    role: str = attrs.field(default="member", kw_only=True)
    on_behalf_of: str | None = attrs.field(default=None, kw_only=True)
    condition: str | None = attrs.field(default=None, kw_only=True)
    condition_met_on: dt.date | None = attrs.field(
        default=None, kw_only=True, validator=_date_or_none
    )
    extra_seat: bool = attrs.field(default=False, kw_only=True, validator=flag(InvalidBoard))

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidBoard(
                expected("end", f"a date on or after the start {self.start}", self.end)
            )
        if self.on_behalf_of is not None and self.on_behalf_of != self.member.authority:
            raise InvalidBoard(
                expected(
                    "on_behalf_of",
                    f"{self.member.name}'s authority {self.member.authority!r}",
                    self.on_behalf_of,
                )
            )
        met = self.condition_met_on
        if met is not None and self.start is not None and met < self.start:
            raise InvalidBoard(
                expected("condition_met_on", f"a date on or after the offer {self.start}", met)
            )

    @property
    def authority(self) -> str:
        """The authority the member sits for."""
        return self.on_behalf_of or self.member.authority

    def span(self) -> str:
        """When the member sits, in words: ``"sits from 30 September 2008"``."""
        if self.condition is not None and self.condition_met_on is None:
            return f"was offered a seat on condition of {self.condition}, not yet met"
        begin, end = self.effective_from(), self.end
        text = "sits"
        if begin is not None:
            text += f" from {day(begin)}"
        if end is not None:
            text += f" until {day(end)}"
        return text if begin or end else "sits throughout"

    def effective_from(self) -> dt.date | None:
        """The first day the member sits: the start, or when the condition was met."""
        if self.condition is None:
            return self.start
        return self.condition_met_on

    def active_on(self, date: dt.date) -> bool:
        """Whether the member sits on the board on ``date``."""
        if self.condition is not None and self.condition_met_on is None:
            return False
        begin = self.effective_from()
        return (begin is None or begin <= date) and (self.end is None or date <= self.end)


def _memberships(value: Iterable[Membership]) -> tuple[Membership, ...]:
    return instances(value, Membership, "memberships", InvalidBoard)


def _check_memberships(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    codes = {a.code for a in instance.authorities}
    for i, membership in enumerate(value):
        if membership.authority not in codes:
            raise InvalidBoard(
                expected(
                    f"memberships[{i}].authority",
                    f"one of the authorities {sorted(codes)}",
                    membership.authority,
                )
            )


# ---------------------------------------------------------------------------------------------
# Board
# ---------------------------------------------------------------------------------------------


def _name(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidBoard(expected(attribute.name, "a name that is not blank", value))


def _authorities(value: Iterable[Authority]) -> tuple[Authority, ...]:
    return instances(value, Authority, "authorities", InvalidBoard)


def _members(value: Iterable[Member]) -> tuple[Member, ...]:
    return instances(value, Member, "members", InvalidBoard)


def _is_rule(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Rule):
        raise InvalidBoard(expected(attribute.name, "a sharegov rule", value))


def _rebuild_board(cls: type[Board], given: dict[str, Any]) -> Board:
    """Unpickle a :class:`Board` (see ``Board.__reduce__``)."""
    return cls(**given)


@attrs.frozen
class Board:
    """A board or joint committee of members from several authorities.

    Args:
        name: The board's name, used in explanations.
        authorities: The authorities with seats (and those of any non-voting members).
        seats: Voting seats per authority code; each a positive whole number.
        members: The members currently appointed.
        rule: How questions are decided. Default: the statutory majority of those present
            and voting, and explanations then say that the terms gave no rule.
        quorum: A :class:`~sharegov.rules.Quorum`, or ``None`` when the terms set none.
        casting_vote: Whether the chair has a second or casting vote on an equality
            (the statutory default).
        advisory: Whether the board only makes recommendations.
        substitutes_allowed: Whether a member may send a substitute.
        chair_rule: Who chairs; see :class:`HostLeaderChairs`.
        interest_orders: The standing orders on interests (see
            :class:`~sharegov.conflicts.InterestOrders`); by default the statute's.

    Raises:
        InvalidBoard: On inconsistent seats and members, duplicate ids, an empty board,
            or a rule or quorum that the board's seats can never satisfy.
    """

    name: str = attrs.field(validator=_name)
    authorities: tuple[Authority, ...] = attrs.field(kw_only=True, converter=_authorities)
    seats: Mapping[str, int] = attrs.field(kw_only=True, converter=frozen_map)
    members: tuple[Member, ...] = attrs.field(kw_only=True, converter=_members)
    rule: Rule = attrs.field(default=STATUTORY_MAJORITY, kw_only=True, validator=_is_rule)
    quorum: Quorum | None = attrs.field(
        default=None,
        kw_only=True,
        validator=attrs.validators.optional(
            of_type(Quorum, "a rules.Quorum or None", InvalidBoard)
        ),
    )
    casting_vote: bool = attrs.field(default=True, kw_only=True, validator=flag(InvalidBoard))
    advisory: bool = attrs.field(default=False, kw_only=True, validator=flag(InvalidBoard))
    substitutes_allowed: bool = attrs.field(
        default=False, kw_only=True, validator=flag(InvalidBoard)
    )
    chair_rule: ChairRule = attrs.field(
        factory=ElectedChair,
        kw_only=True,
        validator=of_type(ChairRule, "a ChairRule, e.g. HostLeaderChairs()", InvalidBoard),
    )
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), kw_only=True, converter=_memberships, validator=_check_memberships
    )
    interest_orders: InterestOrders = attrs.field(
        factory=InterestOrders,
        kw_only=True,
        validator=of_type(InterestOrders, "conflicts.InterestOrders", InvalidBoard),
    )
    _by_id: dict[str, Member] = attrs.field(init=False, eq=False, repr=False)
    _authority_of: FrozenMap[str, str] = attrs.field(init=False, eq=False, repr=False)
    _names: FrozenMap[str, str] = attrs.field(init=False, eq=False, repr=False)
    _population: FrozenMap[str, int] = attrs.field(init=False, eq=False, repr=False)
    _layout: Layout = attrs.field(init=False, eq=False, repr=False)
    #: rule.check and quorum.check, compiled for the layout (see Layout.compile).
    _rule_check: Check = attrs.field(init=False, eq=False, repr=False)
    _quorum_check: Check | None = attrs.field(init=False, eq=False, repr=False)
    #: The board in force on each date asked (see at), a bounded cache.
    _dated: dict[dt.date, Board] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        codes = [a.code for a in self.authorities]
        if not codes:
            raise InvalidBoard(expected("authorities", "at least one Authority", []))
        for code in codes:
            if codes.count(code) > 1:
                raise InvalidBoard(expected("authorities", "unique authority codes", code))
        for code, n in self.seats.items():
            if code not in codes:
                raise InvalidBoard(
                    expected(f"seats.{code}", f"one of the authorities {codes}", code)
                )
            if isinstance(n, bool) or not isinstance(n, int) or n < 1:
                raise InvalidBoard(expected(f"seats.{code}", "a positive integer", n))
        if not self.seats:
            raise InvalidBoard(expected("seats", "at least one authority with seats", {}))
        total = sum(self.seats.values())
        if total > MAX_SEATS:
            raise InvalidBoard(
                f"seats: at most {MAX_SEATS:,} voting seats on one board, got {total:,}"
            )
        by_id: dict[str, Member] = {}
        filled = dict.fromkeys(self.seats, 0)
        for i, member in enumerate(self.members):
            if member.id in by_id:
                raise InvalidBoard(expected(f"members[{i}].id", "a unique member id", member.id))
            by_id[member.id] = member
            if member.authority not in codes:
                raise InvalidBoard(
                    expected(
                        f"members[{i}].authority",
                        f"one of the authorities {codes}",
                        member.authority,
                    )
                )
            if not member.voting:
                continue
            if member.authority not in self.seats:
                raise InvalidBoard(
                    f"members[{i}]: {member.name} is a voting member for {member.authority}, "
                    f"which has no seats on {self.name}"
                )
            filled[member.authority] += 1
        for code, n in filled.items():
            if n > self.seats[code]:
                seats = self.seats[code]
                raise InvalidBoard(
                    f"members: {code} has {n} voting members on {self.name} but only "
                    f"{seats} {'seat' if seats == 1 else 'seats'}"
                )
        if not any(filled.values()):
            raise InvalidBoard(expected("members", "at least one voting member", []))
        voting = {m.id: m.authority for m in self.members if m.voting}
        object.__setattr__(self, "_by_id", by_id)
        object.__setattr__(self, "_authority_of", FrozenMap(voting))
        object.__setattr__(self, "_names", FrozenMap({m.id: m.name for m in self.members}))
        object.__setattr__(
            self,
            "_population",
            FrozenMap({a.code: a.population for a in self.authorities if a.population is not None}),
        )
        layout = Layout(self._authority_of, self.seats, self._names, self._population)
        object.__setattr__(self, "_layout", layout)
        object.__setattr__(self, "_rule_check", layout.compile(self.rule))
        quorum = self.quorum
        object.__setattr__(self, "_quorum_check", layout.compile(quorum) if quorum else None)
        object.__setattr__(self, "_dated", {})
        self._check_rules()

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle by the fields given to __init__ and rebuild: the compiled checks are
        # closures, which pickle cannot store, and rebuilding validates the board again.
        given = {a.alias: getattr(self, a.name) for a in attrs.fields(Board) if a.init}
        if self.rule_is_default:
            del given["rule"]
        return (_rebuild_board, (type(self), given))

    def _check_rules(self) -> None:
        """Refuse a rule or quorum that no attendance and no votes could ever satisfy."""
        known = set(self._by_id) | set(self.seats)
        for sub in walk(self.rule):
            if isinstance(sub, Weighted):
                for key in sub.weights:
                    if key not in known:
                        raise InvalidBoard(
                            expected(f"rule.weights.{key}", "a member id or authority code", key)
                        )
        best = self._full_house()
        verdict = self.rule.evaluate(best)
        if not verdict.carried:
            seats = ", ".join(f"{c}: {n}" for c, n in self.seats.items())
            raise InvalidBoard(
                f"rule: {self.rule.describe()!r} can never be met on {self.name} "
                f"(seats {seats}), even with every seat filled, present and in support"
            )
        if self.quorum is not None and not self.quorum.evaluate(best).carried:
            seats = ", ".join(f"{c}: {n}" for c, n in self.seats.items())
            raise InvalidBoard(
                f"quorum: {self.quorum.describe()!r} can never be met on {self.name} "
                f"(seats {seats}), even with every seat filled and present"
            )

    def _full_house(self) -> Tally:
        """Every seat filled (vacancies by placeholders), present and voting in support."""
        authority_of = dict(self._authority_of)
        for code, n in self.seats.items():
            have = sum(1 for a in self._authority_of.values() if a == code)
            for k in range(have, n):
                authority_of[f"vacant:{code}:{k + 1}"] = code
        return Tally(
            dict.fromkeys(authority_of, Vote.FOR),
            authority_of=authority_of,
            seats=self.seats,
            population=self._population,
        )

    # -- lookups ----------------------------------------------------------------------------

    def member(self, member_id: str) -> Member:
        """The member with ``member_id``.

        Raises:
            UnknownId: No such member on this board.
        """
        found = self._by_id.get(member_id) if isinstance(member_id, str) else None
        if found is None:
            raise UnknownId(expected("member", f"a member of {self.name}", member_id))
        return found

    def authority(self, code: str) -> Authority:
        """The authority with ``code``.

        Raises:
            UnknownId: No such authority on this board.
        """
        for authority in self.authorities:
            if authority.code == code:
                return authority
        raise UnknownId(expected("authority", f"an authority of {self.name}", code))

    @property
    def nation(self) -> str | None:
        """The nation whose law governs the board, from its authorities' GSS codes.

        ``None`` when no authority has a GSS code, or when they lie in different nations:
        then no statutory regime on interests is applied, and explanations say so.

        Examples:
            >>> from sharegov.reference import bromsgrove_redditch_board
            >>> bromsgrove_redditch_board().nation
            'england'
        """
        nations = {nation_of_gss(a.gss) for a in self.authorities if a.gss}
        return nations.pop() if len(nations) == 1 else None

    @property
    def rule_is_default(self) -> bool:
        """Whether the board's terms gave no rule, so the statutory majority decides.

        Examples:
            >>> from sharegov import Authority, Board, Member, rules
            >>> kw = dict(authorities=[Authority("A", "Council A")], seats={"A": 1},
            ...           members=[Member("a1", "Cllr One", "A")])
            >>> Board("JC", **kw).rule_is_default
            True
            >>> Board("JC", rule=rules.Majority(), **kw).rule_is_default
            False
        """
        return self.rule is STATUTORY_MAJORITY

    @property
    def default_rule_note(self) -> str:
        """The line explanations add when :attr:`rule_is_default`: where the rule comes from."""
        if self.nation in ("scotland", "northern ireland"):
            return (
                "The board's terms as given set no voting rule, so a majority of those present "
                "and voting is assumed."
            )
        return (
            "The board's terms as given set no voting rule, so the statutory default applies: "
            "a majority of those present and voting (LGA 1972 Sch 12 para 39(1), applied to "
            "joint committees by para 44)."
        )

    @property
    def casting_source(self) -> str:
        """Where the chair's casting vote comes from, for explanations: LGA 1972 Sch 12
        para 39(2), except on a board in Scotland or Northern Ireland, where that English
        and Welsh statute does not run and only the board's terms are cited."""
        if self.nation in ("scotland", "northern ireland"):
            return "the board's terms"
        return PARA_39_2

    @property
    def voting_members(self) -> tuple[Member, ...]:
        """The members who vote, in the order given."""
        return tuple(m for m in self.members if m.voting)

    def chair_for(self, *, host: str | None = None) -> str | None:
        """Who chairs a meeting under the board's chair rule, given the host authority."""
        return self.chair_rule.chair(self, host=host)

    # -- over time ----------------------------------------------------------------------------

    def at(self, date: dt.date) -> Board:
        """The board as constituted on ``date``, from its :attr:`memberships`.

        Members with no membership record sit throughout; those with one sit while it is
        active (a conditional offer only once its condition is met). A taken-up offer with
        ``extra_seat`` adds a seat for its authority. Decide with ``board.at(date).decide(...)``.

        Raises:
            InvalidBoard: The roster on that date does not fit the seats, or has no voting member.

        Examples:
            >>> import datetime as dt
            >>> from sharegov.reference import bromsgrove_redditch_board_over_time
            >>> board = bromsgrove_redditch_board_over_time()
            >>> [m.id for m in board.at(dt.date(2008, 9, 1)).members]
            ['hollingworth', 'luck', 'webb', 'gandy', 'hall', 'mcmillan']
        """
        if not _is_plain_date(date):
            raise InvalidBoard(expected("date", "a datetime.date", date))
        if not self.memberships:
            return self
        cached = self._dated.get(date)
        if cached is not None:
            return cached
        built = self._build_at(date)
        if len(self._dated) > 64:  # bounded: a long replay must not grow without end
            self._dated.clear()
        # setdefault: two threads asking at once both get the board stored first.
        return self._dated.setdefault(date, built)

    def roster_changes(self) -> tuple[dt.date, ...]:
        """The dates on which the board's roster of voting members changes, in order.

        Read from :attr:`memberships`. Neither the day the board first has a voting member
        nor a day from which it has none is counted (nobody could vote outside that time),
        so ``()`` means the roster is the same on every date the board has members, and a
        vote whose date is not given can be decided on it. A conditional offer not yet
        taken up never sits, so changes nothing.

        Examples:
            >>> import datetime as dt
            >>> from sharegov.reference import bromsgrove_redditch_board_over_time
            >>> board = bromsgrove_redditch_board_over_time()
            >>> board.roster_changes()  # all six sit from 30 June 2008; the offers are not met
            ()
            >>> left = attrs.evolve(board.memberships[5], end=dt.date(2009, 3, 31))
            >>> later = attrs.evolve(board, memberships=[*board.memberships[:5], left])
            >>> later.roster_changes()
            (datetime.date(2009, 4, 1),)
        """
        return self._sweep()[0]

    def rosters(self) -> tuple[tuple[dt.date | None, Board], ...]:
        """Each roster the board has over time, in order, with the day it starts: the board
        as :meth:`at` builds it. One entry, from ``None``, when the roster never changes
        (see :meth:`roster_changes`), or when the board has no memberships.

        Examples:
            >>> import datetime as dt
            >>> from sharegov.reference import bromsgrove_redditch_board_over_time
            >>> board = bromsgrove_redditch_board_over_time()
            >>> [(since, len(b.members)) for since, b in board.rosters()]
            [(None, 6)]
            >>> left = attrs.evolve(board.memberships[5], end=dt.date(2009, 3, 31))
            >>> later = attrs.evolve(board, memberships=[*board.memberships[:5], left])
            >>> [(since, len(b.members)) for since, b in later.rosters()]
            [(None, 6), (datetime.date(2009, 4, 1), 5)]
        """
        if not self.memberships:
            return ((None, self),)
        changes, first = self._sweep()
        return ((None, self.at(first)), *((d, self.at(d)) for d in changes))

    def _sweep(self) -> tuple[tuple[dt.date, ...], dt.date]:
        """(:meth:`roster_changes`, a day on which the board's first roster sits)."""
        governed = {ms.member.id for ms in self.memberships}
        sitting = sum(1 for m in self.members if m.voting and m.id not in governed)
        # A sweep over the memberships' start and end dates: linear after the sort.
        events: dict[dt.date, Counter[str]] = {}
        active: Counter[str] = Counter()
        for ms in self.memberships:
            if not ms.member.voting or (ms.condition is not None and ms.condition_met_on is None):
                continue
            begin, end = ms.effective_from(), ms.end
            if begin is None:
                active[ms.member.id] += 1
            else:
                events.setdefault(begin, Counter())[ms.member.id] += 1
            if end is not None and end < dt.date.max:
                events.setdefault(end + dt.timedelta(days=1), Counter())[ms.member.id] -= 1
        sitting += sum(1 for n in active.values() if n > 0)
        first = dt.date.min if sitting else None
        changes = []
        for date in sorted(events):
            toggled = False
            for member_id, delta in events[date].items():
                before = active[member_id] > 0
                active[member_id] += delta
                if before != (active[member_id] > 0):
                    toggled = True
                    sitting += -1 if before else 1
            if toggled and sitting and first is not None:
                changes.append(date)
            if first is None and sitting:
                first = date
        return tuple(changes), first or dt.date.min

    def undated(
        self, *, what: str = "deciding a vote", field: str = "on", fix: str = "give the date"
    ) -> Board:
        """The board for a question whose date is not given: its one roster, never presumed.

        Where the roster is the same on every date the board has members (see
        :meth:`roster_changes`), that roster; otherwise a refusal naming the dates on which
        it changes and whose seat changes then.

        Args:
            what: What needs the date, for the message.
            field: The field to name as missing.
            fix: What the caller should give, for the message.

        Raises:
            InvalidVote: The roster changes over time.

        Examples:
            >>> import datetime as dt
            >>> from sharegov.reference import bromsgrove_redditch_board_over_time
            >>> board = bromsgrove_redditch_board_over_time()
            >>> [m.id for m in board.undated().members]
            ['hollingworth', 'luck', 'webb', 'gandy', 'hall', 'mcmillan']
            >>> left = attrs.evolve(board.memberships[5], end=dt.date(2009, 3, 31))
            >>> attrs.evolve(board, memberships=[*board.memberships[:5], left]).undated()
            Traceback (most recent call last):
            ...
            sharegov.errors.InvalidVote: on: deciding a vote needs the date of the meeting, \
and none was given: the roster of Shared Services Board changes on 1 April 2009 (Cllr C. \
McMillan sits from 30 June 2008 until 31 March 2009), so who sits depends on the date; give \
the date
        """
        if not self.memberships:
            return self
        changes, first = self._sweep()
        if changes:
            listed = ", ".join(day(d) for d in changes[:5])
            more = f" and {len(changes) - 5} more dates" if len(changes) > 5 else ""
            when = frozenset(changes)
            spans = "; ".join(
                f"{ms.member.name} {ms.span()}"
                for ms in self.memberships
                if (ms.effective_from() in when)
                or (ms.end is not None and ms.end + dt.timedelta(days=1) in when)
            )
            raise InvalidVote(
                f"{field}: {what} needs the date of the meeting, and none was given: the "
                f"roster of {self.name} changes on {listed}{more} ({_clip(spans)}), so who "
                f"sits depends on the date; {fix}"
            )
        return self.at(first)

    def _build_at(self, date: dt.date) -> Board:
        """The board on ``date``, built afresh (:meth:`at` keeps it)."""
        governed = {ms.member.id for ms in self.memberships}
        members = [m for m in self.members if m.id not in governed]
        seats = dict(self.seats)
        for ms in self.memberships:
            if ms.active_on(date):
                members.append(ms.member)
                if ms.extra_seat:
                    seats[ms.authority] = seats.get(ms.authority, 0) + 1
        try:
            return attrs.evolve(self, members=members, seats=seats, memberships=())
        except InvalidBoard as exc:
            raise InvalidBoard(f"{self.name} on {date.isoformat()}: {exc}") from None

    def substitute(self, member_id: str, substitute: Member) -> Board:
        """The board for one meeting with ``substitute`` sitting in place of ``member_id``.

        Raises:
            InvalidBoard: The board's terms do not permit substitutes, the substitute is
                already on the board, or is recorded for another of the board's authorities
                than the absent member's (``substitutions.<member>.authority``). The
                substitute sits on behalf of the absent member's authority.
            UnknownId: No such member.

        Examples:
            >>> from sharegov.reference import bromsgrove_redditch_board
            >>> board = bromsgrove_redditch_board()
            >>> board.substitute("webb", Member("sub", "Cllr A. Substitute", "BDC"))
            Traceback (most recent call last):
            ...
            sharegov.errors.InvalidBoard: substitute: Shared Services Board does not permit
            substitutes, so Cllr A. Substitute cannot sit in place of Cllr M. Webb
        """
        absent = self.member(member_id)
        if not isinstance(substitute, Member):
            raise InvalidBoard(expected("substitute", "a Member", substitute))
        if not self.substitutes_allowed:
            raise InvalidBoard(
                f"substitute: {self.name} does not permit substitutes, so {substitute.name} "
                f"cannot sit in place of {absent.name}"
            )
        if substitute.id in self._by_id:
            raise InvalidBoard(
                expected("substitute.id", f"someone not already on {self.name}", substitute.id)
            )
        # A substitute sits for the same appointing authority as the member substituted: one
        # recorded for another of the board's authorities would sit in the wrong seat. One
        # whose own council is not on the board may still sit in the seat (seed 003: a North
        # East Derbyshire DC councillor for a Derbyshire CC member on a regional board).
        if substitute.authority in self.seats and substitute.authority != absent.authority:
            raise InvalidBoard(
                f"substitutions.{member_id}.authority: a substitute sits for the same "
                f"authority as the member substituted: {absent.name} sits for "
                f"{absent.authority}, so {substitute.name} must too, got "
                f"{substitute.authority!r}"
            )
        # The substitute sits on behalf of the absent member's authority, in that seat.
        sitting = attrs.evolve(substitute, authority=absent.authority, voting=absent.voting)
        members = [sitting if m.id == member_id else m for m in self.members]
        return attrs.evolve(self, members=members)

    def describe(self) -> str:
        """The board's terms in a few lines of plain English."""
        seats = ", ".join(f"{n} from {c}" for c, n in self.seats.items())
        lines = [
            f"{self.name}: {sum(self.seats.values())} voting seats ({seats}).",
            f"Questions are decided by {self.rule.describe()}.",
            f"Quorum: {self.quorum.describe() if self.quorum else 'none set in the terms'}.",
            "The chair has a casting vote on an equality."
            if self.casting_vote
            else "The chair has no casting vote.",
            f"Chair: {self.chair_rule.describe(self)}.",
            "Substitutes are permitted."
            if self.substitutes_allowed
            else "Substitutes are not permitted.",
        ]
        if self.advisory:
            lines.append("The board is advisory: it makes recommendations, not decisions.")
        return "\n".join(lines)

    # -- deciding ---------------------------------------------------------------------------

    def tally(
        self,
        votes: Mapping[str, Vote | str],
        *,
        present: Iterable[str] = (),
        apologies: Iterable[str] = (),
        absent: Iterable[str] = (),
        excluded: Iterable[str] = (),
        unlisted: Unlisted | None = None,
        declarations: Iterable[Declaration] = (),
        dispensations: Iterable[Dispensation] = (),
        on: dt.date | None = None,
        item: str | None = None,
    ) -> Tally:
        """Check a record of votes and attendance against the board and count it.

        The arguments are those of :meth:`decide`.

        Raises:
            InvalidVote: As :meth:`decide`.
        """
        outcome = self.decide(
            votes,
            present=present,
            apologies=apologies,
            absent=absent,
            excluded=excluded,
            unlisted=unlisted,
            declarations=declarations,
            dispensations=dispensations,
            on=on,
            item=item,
        )
        return outcome.tally

    def _refuse_votes(self, votes: Mapping[str, object], away: Mapping[str, str]) -> NoReturn:
        """Raise for the first vote from someone who may not vote on this question.

        ``away`` maps each member not able to vote to why (``"absent"``, ...).
        """
        for member_id in votes:
            member = self._by_id.get(member_id)
            if member is None:
                raise InvalidVote(
                    expected("votes", f"votes from members of {self.name}", member_id)
                )
            if not member.voting:
                raise InvalidVote(
                    f"votes.{member_id}: {member.name} ({member.authority}) is a non-voting "
                    f"member of {self.name}, so cannot vote"
                )
            if member_id in away:
                raise InvalidVote(
                    f"votes.{member_id}: {member.name}, {member.authority} is recorded as "
                    f"{away[member_id]}, so cannot vote"
                )
        raise RuntimeError("sharegov internal error: no vote to refuse; please report")

    def _attendance(self, ids: Iterable[str], field: str) -> frozenset[str]:
        if isinstance(ids, str):
            raise InvalidVote(expected(field, "a set of member ids", ids))
        try:
            found = frozenset(ids)
        except TypeError:  # not iterable, or an id that is not hashable
            raise InvalidVote(expected(field, "a set of member ids", ids)) from None
        if found <= self._layout.members:  # all voting members: nothing to refuse or drop
            return found
        out = set()
        for member_id in ids:
            member = self._by_id.get(member_id)
            if member is None:
                raise InvalidVote(expected(field, f"ids of members of {self.name}", member_id))
            if member.voting:
                out.add(member_id)
        return frozenset(out)

    def _on(self, on: dt.date, given: Mapping[str, Iterable[str]]) -> Board:
        """The board in force on ``on``; refuse anyone named who was not on it that day.

        ``given`` maps each argument name (``"votes"``, ``"present"``, ...) to the ids in it.
        """
        if not _is_plain_date(on):
            raise InvalidVote(expected("on", "a datetime.date", on))
        if not self.memberships:
            return self
        board = self.at(on)  # kept per date, so a replay of many meetings builds each once
        spans = {ms.member.id: ms for ms in self.memberships}
        for field, ids in given.items():
            if isinstance(ids, str) or not isinstance(ids, Collection):
                continue  # not a collection of ids: the dated board's checks refuse it
            for member_id in ids:
                ms = spans.get(member_id) if isinstance(member_id, str) else None
                if ms is not None and member_id not in board._by_id:
                    raise InvalidVote(
                        f"{field}.{member_id}: {ms.member.name} {ms.span()}, so was not on "
                        f"{self.name} on {day(on)}"
                    )
        return board

    def decide(
        self,
        votes: Mapping[str, Vote | str],
        *,
        present: Iterable[str] = (),
        apologies: Iterable[str] = (),
        absent: Iterable[str] = (),
        excluded: Iterable[str] = (),
        unlisted: Unlisted | None = None,
        chair: str | None = None,
        casting: Vote | str | None = None,
        declarations: Iterable[Declaration] = (),
        dispensations: Iterable[Dispensation] = (),
        on: dt.date | None = None,
        item: str | None = None,
        nation: str | None = None,
    ) -> Outcome:
        """Decide one question from the votes and the attendance on record.

        Attendance is never presumed: every voting member must be accounted for, as having
        voted, or in ``present``, ``apologies``, ``absent`` or ``excluded``, unless
        ``unlisted`` says what to take the others as (the explanation then names them).

        Args:
            votes: Member id to :class:`~sharegov.rules.Vote` (or its text, ``"for"``) for
                each member present who voted.
            present: Ids of members present who did not vote (voters may be listed too).
            apologies: Ids of members who sent apologies (not present).
            absent: Ids of members absent without apologies (not present).
            excluded: Ids of members present but barred from the item by an interest.
                They count neither for quorum nor in any base.
            unlisted: ``"present"`` or ``"absent"``: what to take a voting member who is
                in none of the above as. ``None`` (the default) refuses such a record.
            chair: Id of the member presiding.
            casting: The chair's casting vote (``Vote.FOR``, ``"against"``, ...), given
                only on an equality of the votes of the meeting (LGA 1972 Sch 12
                para 39(2)).
            declarations: Interests declared at the meeting
                (:class:`~sharegov.conflicts.Declaration`). Under the board's
                :attr:`interest_orders`, a member barred from the discussion and vote, or
                withdrawn from the room, is *excluded*: they count neither in the vote
                nor for the quorum, and the explanation names the provision. A member
                allowed to remain is recorded and votes as usual. A member who declared
                was present.
            dispensations: Dispensations (:class:`~sharegov.conflicts.Dispensation`); one
                that covers a declaration's matter on ``on`` and relieves the vote
                restores the member to it.
            on: The date of the meeting. The roster in force that day decides (see
                :meth:`at`): memberships, conditional offers. Required with
                ``dispensations``.
            item: The item being decided; declarations on other items are ignored.
            nation: The nation whose law rules the declarations (``"england"``,
                ``"wales"``, ``"scotland"`` or ``"northern ireland"``), where the meeting
                records one; by default the board's :attr:`nation`, from its authorities'
                GSS codes. A nation those codes contradict is refused.

        Where more than a third of the voting seats are excluded, a quorum set as a
        fraction is counted on the members remaining qualified (LGA 1972 Sch 12 para 45;
        see :func:`~sharegov.conflicts.para_45_quorum`).

        Returns:
            The :class:`Outcome`, with its reasons.

        Raises:
            InvalidVote: Bad votes or attendance; a voting member not accounted for; a
                vote or attendance entry for someone not on the board on ``on`` (the
                dates are named); a casting vote on a board without one, without a chair,
                or when the votes were not equal; a ``nation`` that is not one, or that
                the board's GSS codes contradict.

        Examples:
            >>> from sharegov.reference import bromsgrove_redditch_board
            >>> board = bromsgrove_redditch_board()
            >>> out = board.decide({"hollingworth": "for", "luck": "for", "gandy": "for",
            ...                     "hall": "against", "mcmillan": "for"}, absent={"webb"})
            >>> out.carried, out.basis.describe()
            (True, 'at least 2 in support from each authority')
            >>> board.decide({"hollingworth": "for"})
            Traceback (most recent call last):
            ...
            sharegov.errors.InvalidVote: attendance: not recorded for Cllr J. Luck, BDC; ...
        """
        if type(votes) is not dict and not isinstance(votes, Mapping):
            raise InvalidVote(expected("votes", "a mapping of member id to Vote", votes))
        if chair is not None and not isinstance(chair, str):
            raise InvalidVote(expected("chair", "a member id", chair))
        if unlisted is not None and unlisted not in ("present", "absent"):
            raise InvalidVote(expected("unlisted", "None, 'present' or 'absent'", unlisted))
        if nation is not None:
            nation = _law_nation(nation, self)
        if self.memberships:
            if on is None:
                board = self.undated(fix="give on=")
            else:
                # Read each list once: a generator given here must reach the dated board whole.
                present, apologies, absent, excluded = (
                    _once(ids) for ids in (present, apologies, absent, excluded)
                )
                given = {
                    "votes": votes,
                    "present": present,
                    "apologies": apologies,
                    "absent": absent,
                    "excluded": excluded,
                    "chair": () if chair is None else (chair,),
                }
                board = self._on(on, given)
            return board.decide(
                votes,
                present=present,
                apologies=apologies,
                absent=absent,
                excluded=excluded,
                unlisted=unlisted,
                chair=chair,
                casting=casting,
                declarations=declarations,
                dispensations=dispensations,
                on=on,
                item=item,
                nation=nation,
            )
        if on is not None and not _is_plain_date(on):
            raise InvalidVote(expected("on", "a datetime.date", on))
        apology_ids = self._attendance(apologies, "apologies") if apologies else _NOBODY
        absent_ids = self._attendance(absent, "absent") if absent else _NOBODY
        if apology_ids:
            if not apology_ids.isdisjoint(absent_ids):
                who = sorted(apology_ids & absent_ids)[0]
                raise InvalidVote(f"attendance: {who!r} is recorded as both apologies and absent")
            absent_ids = absent_ids | apology_ids
        ruling = None
        if declarations or dispensations:
            absent_ids, excluded, ruling = self._interests(
                declarations, dispensations, on, item, absent_ids, excluded, nation
            )
        excluded_ids = self._attendance(excluded, "excluded") if excluded else _NOBODY
        # Set operations run in C: check every voter at once, and look closer only on failure.
        if (absent_ids and not absent_ids.isdisjoint(votes)) or (
            excluded_ids and not excluded_ids.isdisjoint(votes)
        ):
            self._refuse_votes(votes, self._away(apology_ids, absent_ids, excluded_ids))
        if absent_ids and excluded_ids and absent_ids & excluded_ids:
            who = sorted(absent_ids & excluded_ids)[0]
            raise InvalidVote(f"attendance: {who!r} is recorded as both absent and excluded")
        copied: dict[str, Any] = dict(votes)  # votes given as text are parsed in the copy
        try:
            fields = self._layout.pack(copied, absent_ids, excluded_ids)
        except KeyError:  # pack knows only the voting members
            self._refuse_votes(copied, self._away(apology_ids, absent_ids, excluded_ids))
        if chair is not None:
            chair_member = self.member(chair)
            if chair in absent_ids or chair in excluded_ids:
                state = self._away(apology_ids, absent_ids, excluded_ids)[chair]
                raise InvalidVote(
                    f"chair: {chair_member.name} is recorded as {state}, so cannot preside"
                )
        assumed = _NOBODY
        present_ids = self._attendance(present, "present") if present else _NOBODY
        if not self._layout.members <= votes.keys():
            # Excluded members are in the room, so may be listed present too.
            if present_ids and not present_ids.isdisjoint(absent_ids):
                who = sorted(present_ids & absent_ids)[0]
                state = self._away(apology_ids, absent_ids, excluded_ids)[who]
                raise InvalidVote(f"attendance: {who!r} is recorded as both present and {state}")
            # A member who presided or declared an interest was there.
            there = {chair} if chair is not None else set()
            if ruling is not None:
                there.update(e.member for e in ruling.entries)
            unrecorded = (
                self._layout.members - votes.keys() - present_ids - absent_ids - excluded_ids
            ) - there
            if unrecorded:
                assumed = self._unlisted(unrecorded, unlisted)
                if unlisted == "absent":
                    absent_ids = absent_ids | assumed
                    fields = self._layout.pack(copied, absent_ids, excluded_ids)
        if casting is not None:
            casting = self._casting(casting, chair)
        pending: Pending = (copied, absent_ids, excluded_ids, fields)
        if ruling is None and self.quorum and 3 * len(excluded_ids) > self._layout.total_seats:
            _, _, ruling = self._interests((), (), on, item, absent_ids, excluded_ids, nation)
        quorate: bool | None
        if ruling is not None:
            quorum = ruling.quorum
            quorate = quorum is None or quorum.check(self._layout.tally(pending))
        else:
            quorate = self._quorum_check is None or self._quorum_check(fields, pending)
        if not quorate:
            if casting is not None:
                raise InvalidVote("casting: a casting vote was given but the meeting was inquorate")
            tally = self._layout.tally(pending)
            outcome = Outcome(Status.INQUORATE, tally, self, chair)
            taken = unlisted if assumed else None
            outcome.__dict__.update(apologies=apology_ids, assumed=assumed, unlisted=taken, date=on)
            return self._with(outcome, ruling)
        answer = self._rule_check(fields, pending)
        if answer is None or casting is not None:
            carried = self._settle(answer, casting, self._layout.tally(pending))
        else:
            carried = answer
        # Outcome(...) without checking again, with the tally left to first use. This is
        # _frozen.assemble inlined: here a function call costs a twentieth of the time.
        outcome = object.__new__(Outcome)
        object.__setattr__(
            outcome,
            "__dict__",
            {
                "status": Status.CARRIED if carried else Status.NOT_CARRIED,
                "board": self,
                "chair": chair,
                "casting": casting,
                "equality": answer is None,
                "_pending": pending,
                "apologies": apology_ids,
                "assumed": assumed,
                "unlisted": unlisted if assumed else None,
                "date": on,
            },
        )
        return outcome if ruling is None else self._with(outcome, ruling)

    def decide_counts(
        self,
        counts: Mapping[Vote | str, int],
        *,
        by_authority: Mapping[str, Mapping[Vote | str, int]] | None = None,
        present: int | None = None,
        on: dt.date | None = None,
        chair: str | None = None,
        casting: Vote | str | None = None,
        declarations: Iterable[Declaration] = (),
        dispensations: Iterable[Dispensation] = (),
        excluded: Iterable[str] = (),
        item: str | None = None,
        nation: str | None = None,
    ) -> Outcome:
        """Decide a question minuted only as counts: "carried by 5 votes to 2".

        Nobody is named, and nothing is invented: a rule or quorum that needs more than
        the counts given is refused, naming what is missing (``present=`` for a quorum or
        a base of members present; ``by_authority=`` for a test within each authority;
        the names, through :meth:`decide`, for weights given per member).

        Args:
            counts: :class:`~sharegov.rules.Vote` (or ``"for"``, ``"against"``,
                ``"abstain"``) to the number who voted so; a vote not given counts 0.
            by_authority: Authority code to such a mapping, for every authority with
                seats; it may also give ``"present"``, that authority's members present.
            present: The number of eligible members present (voting or not).
            on: The date of the meeting: the roster in force that day sets the seats.
            chair: Id of the member presiding, if minuted.
            casting: The chair's casting vote, on an equality of the votes.
            declarations: Interests declared at the meeting, ruled as :meth:`decide`
                rules them; the outcome names who was excluded and why. ``present``
                then counts only the members not excluded.
            dispensations: Dispensations, as for :meth:`decide`.
            excluded: Ids of members barred from the item directly (an interest recorded
                elsewhere).
            item: The item being decided; declarations on other items are ignored.
            nation: The nation whose law rules the declarations, as for :meth:`decide`.

        Where more than a third of the voting seats are excluded, a quorum set as a
        fraction is counted on the members remaining qualified (LGA 1972 Sch 12 para 45).

        Returns:
            An :class:`Outcome` whose tally is a :class:`~sharegov.rules.MinutedTally`.

        Raises:
            InvalidVote: Counts that are not whole numbers >= 0, more votes than members,
                by-authority counts that do not add up, or a rule needing more; a
                declaration the law of ``on`` in the nation does not allow; a ``nation``
                the board's GSS codes contradict.

        Examples:
            >>> from sharegov import Authority, Member
            >>> board = Board("Joint Board", authorities=[Authority("A", "Council A")],
            ...               seats={"A": 7},
            ...               members=[Member(f"m{i}", f"Cllr {i}", "A") for i in range(7)])
            >>> out = board.decide_counts({"for": 5, "against": 2})
            >>> print(out.explain())
            Carried on a majority of those present and voting:
              5 for, 2 against (5 > 1/2 of 7)  yes
            Votes: 5 for, 2 against, 0 abstaining.
            The counts are as minuted; the names of those voting were not recorded.
            The board's terms as given set no voting rule, so the statutory default applies: \
a majority of those present and voting (LGA 1972 Sch 12 para 39(1), applied to joint committees \
by para 44).
        """
        if nation is not None:
            nation = _law_nation(nation, self)
        if on is None:
            board = self.undated(what="deciding a vote from its counts", fix="give on=")
        else:
            excluded = _once(excluded)
            given = {"chair": () if chair is None else (chair,), "excluded": excluded}
            board = self._on(on, given)
        ruling: ItemRuling | None = None
        shut = board._attendance(excluded, "excluded") if excluded else _NOBODY
        if (
            declarations
            or dispensations
            or (board.quorum and 3 * len(shut) > board._layout.total_seats)
        ):
            _, _, ruling = board._interests(declarations, dispensations, on, item, (), shut, nation)
            if ruling.recounted:
                # LGA 1972 Sch 12 para 45: the quorum the item is decided under.
                board = attrs.evolve(board, quorum=ruling.quorum)
        layout = board._layout
        whole, _ = _counted(counts, "counts")
        cast = sum(whole.values())
        if cast > layout.size:
            raise InvalidVote(
                f"counts: {cast} votes, but {board.name} has {layout.size} voting members"
            )
        parts: list[Minuted] | None = None
        if by_authority is not None:
            if not isinstance(by_authority, Mapping):
                raise InvalidVote(
                    expected("by_authority", "a mapping of authority code to counts", by_authority)
                )
            missing = [c for c in layout.authorities if c not in by_authority]
            unknown = [c for c in by_authority if c not in layout.authorities]
            if missing or unknown:
                raise InvalidVote(
                    expected(
                        "by_authority",
                        f"counts for each of {list(layout.authorities)}",
                        list(by_authority),
                    )
                )
            parts = []
            for code in layout.authorities:
                mine, here = _counted(by_authority[code], f"by_authority.{code}", present=True)
                members = len(layout.members_of[code])
                if sum(mine.values()) > members or (
                    here is not None and not _whole(here, sum(mine.values()), members)
                ):
                    raise InvalidVote(
                        expected(
                            f"by_authority.{code}",
                            f"at most {members} votes and members present",
                            by_authority[code],
                        )
                    )
                parts.append(
                    Minuted(
                        mine,
                        present=here,
                        seats=layout.seats[code],
                        code=code,
                        population=layout.population.get(code),
                    )
                )
            for vote in Vote:
                total = sum(
                    p.support
                    if vote is Vote.FOR
                    else p.against
                    if vote is Vote.AGAINST
                    else p.abstain
                    for p in parts
                )
                if total != whole.get(vote, 0):
                    raise InvalidVote(
                        f"by_authority: the authorities' {vote.value} votes add up to {total}, "
                        f"but counts gives {whole.get(vote, 0)}"
                    )
            if present is None and all(p._present is not None for p in parts):
                present = sum(p.present for p in parts)
        if present is not None and not _whole(present, cast, layout.size):
            raise InvalidVote(
                expected(
                    "present",
                    f"a whole number from {cast} (the votes cast) to {layout.size}",
                    present,
                )
            )
        named = layout.needs_names(board.rule)
        if named is not None:
            raise InvalidVote(
                f"counts: the rule {named.describe()!r} needs the names of those voting (it "
                "weighs members by name, or asks its own check); decide it with Board.decide"
            )
        scope = Minuted(whole, present=present, seats=layout.total_seats, parts=parts)
        if casting is not None:
            casting = board._casting(casting, chair)
        if chair is not None:
            board.member(chair)
        tally = MinutedTally.of(scope, seats=board.seats, population=layout.population)
        try:
            quorate = board.quorum is None or code_of(board.quorum, scope, SCALAR) == CARRIED
            answer = _ANSWERS[code_of(board.rule, scope, SCALAR)] if quorate else False
        except MissingCount as missing:
            what = board.quorum if missing.field == "present" and board.quorum else board.rule
            root = missing.field.split(".")[0]
            fix = "decide it from the votes by name" if root == "votes" else f"add {root}"
            raise InvalidVote(
                f"{missing.field}: deciding under {what.describe()!r} needs {missing.what}, "
                f"which the minuted counts do not give: {fix}"
            ) from None
        if not quorate:
            if casting is not None:
                raise InvalidVote("casting: a casting vote was given but the meeting was inquorate")
            return self._with(Outcome(Status.INQUORATE, tally, board, chair, date=on), ruling)
        carried = board._settle(answer, casting, tally)
        status = Status.CARRIED if carried else Status.NOT_CARRIED
        outcome = Outcome(status, tally, board, chair, casting, answer is None, date=on)
        return self._with(outcome, ruling)

    @staticmethod
    def _away(
        apologies: frozenset[str], absent: frozenset[str], excluded: frozenset[str]
    ) -> dict[str, str]:
        away = dict.fromkeys(absent, "absent")
        away.update(dict.fromkeys(apologies, "sending apologies"))
        away.update(dict.fromkeys(excluded, "excluded from this item"))
        return away

    def _unlisted(self, unrecorded: frozenset[str], unlisted: object) -> frozenset[str]:
        """The members taken as ``unlisted``; refuse them when the caller said nothing."""
        if unlisted is None:
            order = list(self._layout.authority_of)
            who = "; ".join(
                f"{self._by_id[m].name}, {self._by_id[m].authority}"
                for m in sorted(unrecorded, key=order.index)
            )
            raise InvalidVote(
                f"attendance: not recorded for {who}: give each as voted, present, apologies, "
                "absent or excluded, or set unlisted to 'present' or 'absent'"
            )
        return unrecorded

    def _casting(self, casting: object, chair: str | None) -> Vote:
        if isinstance(casting, str) and casting in ("for", "against"):
            casting = Vote(casting)
        if not self.casting_vote:
            raise InvalidVote(
                f"casting: {self.name}'s terms give the chair no casting vote, got {shown(casting)}"
            )
        if not isinstance(casting, Vote) or casting is Vote.ABSTAIN:
            raise InvalidVote(
                expected("casting", "'for' or 'against' (or Vote.FOR, Vote.AGAINST)", casting)
            )
        if chair is None:
            raise InvalidVote("casting: a casting vote needs the chair= who gave it, got none")
        return casting

    def _settle(self, answer: bool | None, casting: Vote | None, tally: Tally) -> bool:
        """Whether the question carried, given the rule's answer and any casting vote.

        A casting vote given where the rule decided the question is refused with the true
        reason: the votes were not equal, or they were but the rule decided it on something
        else (e.g. an authority short of the support it needs), whose reasons are given."""
        if answer is None:
            return casting is Vote.FOR
        if casting is not None:
            head = (
                "casting: a casting vote is given only on an equality of the votes of the "
                f"meeting ({self.casting_source}) that the rule leaves undecided"
            )
            result = "carried" if answer else "not carried"
            if tally.count(Vote.FOR) == tally.count(Vote.AGAINST):
                why = (
                    f"the votes were equal ({tally.summary()}), but the rule decided the question "
                    f"without one: {result}"
                )
            else:
                why = f"the votes were not equal ({tally.summary()}); the rule decided: {result}"
            if not isinstance(tally, MinutedTally):
                verdict = self.rule.evaluate(tally)
                if verdict.reasons:
                    why += " (" + "; ".join(verdict.reasons) + ")"
            raise InvalidVote(f"{head}; {why}")
        return answer

    @staticmethod
    def _with(outcome: Outcome, ruling: ItemRuling | None) -> Outcome:
        if ruling is not None:
            outcome._cache["interests"] = ruling
        return outcome

    def _interests(
        self,
        declarations: Iterable[Declaration],
        dispensations: Iterable[Dispensation],
        on: dt.date | None,
        item: str | None,
        absent: Iterable[str],
        excluded: Iterable[str],
        nation: str | None,
    ) -> tuple[frozenset[str], frozenset[str], ItemRuling]:
        """Apply declarations and dispensations: (absent, excluded, ruling) for the item,
        under the law of ``on`` in ``nation`` (the board's own where ``None``)."""
        absent_ids = self._attendance(absent, "absent")
        ruling = rule_on_item(
            declarations,
            members=self.members,
            seats=self.seats,
            quorum=self.quorum,
            orders=self.interest_orders,
            dispensations=dispensations,
            on=on,
            item=item,
            absent=absent_ids,
            excluded=self._attendance(excluded, "excluded"),
            body=self.name,
            nation=self.nation if nation is None else nation,
        )
        return absent_ids, ruling.excluded, ruling
