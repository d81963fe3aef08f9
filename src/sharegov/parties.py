"""The parties to an arrangement: authorities, their members and officers, and posts.

Examples:
    >>> from sharegov.parties import Authority, Member
    >>> bdc = Authority("BDC", "Bromsgrove District Council", population=93_637, gss="E07000234")
    >>> Member("hollingworth", "Cllr R. Hollingworth", "BDC", roles={"leader"}).roles
    frozenset({'leader'})
    >>> Authority("BDC", "Bromsgrove", gss="E7000234")
    Traceback (most recent call last):
    ...
    sharegov.errors.InvalidValue: gss: expected a GSS code: a letter E, W, S, N or K and 8 digits \
(e.g. 'E07000234'), got 'E7000234'
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from typing import Any

import attrs

from sharegov._frozen import FrozenMap
from sharegov._validate import (
    identifier,
    instances,
    is_date,
    is_flag,
    optional_date,
    optional_text,
    sequence,
)
from sharegov.errors import InvalidValue, expected

__all__ = [
    "GSS_PATTERN",
    "Authority",
    "Body",
    "Extension",
    "Member",
    "Officer",
    "Post",
    "StatutoryRole",
    "assumed_lines",
]

#: The pattern of a GSS (ONS Government Statistical Service) code for an area.
GSS_PATTERN = re.compile(r"\A[EWSNK]\d{8}\Z")

#: Validates an identifier; see :func:`sharegov._validate.identifier`.
_identifier = identifier


def _text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Validate a human-readable name: a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(expected(attribute.name, "a non-empty string", value))


def _optional_count(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(expected(attribute.name, "a whole number >= 0 or None", value))


def _gss(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not GSS_PATTERN.match(value):
        what = "a GSS code: a letter E, W, S, N or K and 8 digits (e.g. 'E07000234')"
        raise InvalidValue(expected(attribute.name, what, value))


def _string_set(value: Any) -> frozenset[str]:
    roles = sequence(value, "roles", "a set of strings")
    for role in roles:
        if not isinstance(role, str):
            raise InvalidValue(expected("roles", "a set of strings", value))
    return frozenset(roles)


def _assumed(value: Any) -> FrozenMap[str, str]:
    """An ``assumed`` table: field name to a note saying why the value was assumed."""
    if value is None:
        return FrozenMap()
    if not isinstance(value, Mapping):
        what = "a table of field name to a note saying why it was assumed"
        raise InvalidValue(expected("assumed", what, value))
    for name, note in value.items():
        if not isinstance(name, str) or not isinstance(note, str) or not note.strip():
            what = "a field name with a non-empty note saying why it was assumed"
            raise InvalidValue(expected(f"assumed.{name}", what, note))
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


def _assumed_fields(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Every key of an ``assumed`` table names another field of the class, one that is set."""
    names = [f.name for f in attrs.fields(type(instance)) if f.name not in ("assumed", "note")]
    for name in value:
        if name not in names:
            raise InvalidValue(expected("assumed", f"names of fields among {names}", name))
        if getattr(instance, name) in (None, (), frozenset(), ""):
            what = "a field that is given (an unknown fact is left out, not assumed)"
            raise InvalidValue(expected(f"assumed.{name}", what, name))


def assumed_lines(obj: Any, label: str) -> list[str]:
    """One line per assumed fact of ``obj``: ``"<label>: <field> = <value> is assumed: <note>"``.

    Examples:
        >>> post = Post("mo", "Monitoring Officer", ["HDC"], holder="cds",
        ...             assumed={"holder": "the paper names the role, not the person"})
        >>> assumed_lines(post, "posts.mo")
        ["posts.mo: holder = 'cds' is assumed, not minuted: the paper names the role, \
not the person"]
    """
    notes: Mapping[str, str] = getattr(obj, "assumed", {})
    return [
        f"{label}: {name} = {_shown(getattr(obj, name))} is assumed, not minuted: {note}"
        for name, note in notes.items()
    ]


def _shown(value: Any) -> str:
    if attrs.has(type(value)):
        # A value with words of its own (a Term: "a 12-month trial from ...") shows them.
        describe = getattr(value, "describe", None)
        words: str = (
            describe() if callable(describe) else f"the {type(value).__name__.lower()} given"
        )
        return words
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, tuple | frozenset):
        return ", ".join(sorted(str(v) for v in value))
    return repr(value) if isinstance(value, str) else str(value)


@attrs.frozen
class Extension:
    """One recorded extension (or shortening) of an arrangement, a post or a secondment:
    who decided it, when, from what end, to what end, and why; recorded like a deadline
    amendment (:class:`~sharegov.timeline.Amendment`), but a paper may not give every part,
    and what it does not give is left ``None`` and shown as not recorded.

    Args:
        new: The end after the extension (its last day).
        old: The end before it, where recorded.
        decided_on: When it was decided, where recorded.
        by: Who decided it, where recorded.
        reason: Why.

    Examples:
        >>> Extension(dt.date(2011, 12, 31), by="NHDC and LBC").describe()
        'Extended to 31 December 2011 by NHDC and LBC (earlier end not recorded; date of \
decision not recorded).'
    """

    new: dt.date = attrs.field(validator=is_date)
    old: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    decided_on: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    by: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    reason: str = attrs.field(default="", kw_only=True)

    def describe(self) -> str:
        """The extension in a sentence fit for minutes."""
        verb = "Shortened" if self.old is not None and self.new < self.old else "Extended"
        who = f" by {self.by}" if self.by else ""
        when = f"on {_format_date(self.decided_on)} " if self.decided_on else ""
        gaps = []
        if self.old is None:
            gaps.append("earlier end not recorded")
        if self.decided_on is None:
            gaps.append("date of decision not recorded")
        start = f"{when}{verb.lower()}" if when else verb
        text = f"{start[0].upper()}{start[1:]} to {_format_date(self.new)}{who}"
        if self.old is not None:
            text += f" (from {_format_date(self.old)})"
        if self.reason:
            text += f": {self.reason}"
        return text + (f" ({'; '.join(gaps)})." if gaps else ".")


def _format_date(day: dt.date) -> str:
    """``1 July 2010`` (as :func:`sharegov.timeline.format_date`, which sits above)."""
    return f"{day.day} {day:%B %Y}"


def _check_history(history: tuple[Extension, ...], end: dt.date | None) -> None:
    """Extensions in order: each starts from the end the one before set, the last sets
    ``end``, and decisions are dated in order."""
    if not history:
        return
    if end is None or history[-1].new != end:
        what = f"the end set by the last extension ({history[-1].new.isoformat()})"
        raise InvalidValue(expected("end", what, end))
    for i in range(1, len(history)):
        before, after = history[i - 1], history[i]
        if after.old is not None and after.old != before.new:
            what = f"the end the extension before set ({before.new.isoformat()})"
            raise InvalidValue(expected(f"history[{i}].old", what, after.old))
        if (
            before.decided_on is not None
            and after.decided_on is not None
            and after.decided_on < before.decided_on
        ):
            what = f"a date on or after {before.decided_on.isoformat()} (oldest first)"
            raise InvalidValue(expected(f"history[{i}].decided_on", what, after.decided_on))


def _end_as_of(
    history: tuple[Extension, ...], end: dt.date | None, as_of: dt.date
) -> dt.date | None:
    """The end as it was known on ``as_of``: extensions decided after it are undone (an
    undated extension is taken as known)."""
    known = end
    for ext in reversed(history):
        if ext.decided_on is not None and ext.decided_on > as_of:
            known = ext.old
        else:
            break
    return known


def _extensions(value: Any) -> tuple[Extension, ...]:
    """The ``history`` converter of every class with an end that can be extended (posts,
    arrangements, secondments): a tuple of :class:`Extension`, naming the first that is not.
    """
    return instances(value, Extension, "history")


@attrs.frozen
class Body:
    """A party that is not a council: a university, a contractor, a regional body, a
    professional branch, an improvement partnership or a government department.

    Args:
        id: Identifier, unique among the file's authorities and bodies.
        name: e.g. ``"De Montfort University"``.
        kind: Free text: ``"university"``, ``"contractor"``, ``"improvement partnership"``.
        note: Anything else the paper says about it.

    Examples:
        >>> Body("dmu", "De Montfort University", kind="university").kind
        'university'
    """

    id: str = attrs.field(validator=identifier)
    name: str = attrs.field(validator=_text)
    kind: str = attrs.field(default="external body", kw_only=True, validator=_text)
    note: str = attrs.field(default="", kw_only=True)


@attrs.frozen
class Authority:
    """A public body that is party to an arrangement, usually a council.

    Args:
        code: A short identifier used everywhere else, e.g. ``"BDC"``.
        name: The official name.
        population: Resident population, where a rule or cost split needs it.
        gss: The ONS GSS code, e.g. ``"E07000234"``.
        kind: The type of authority, e.g. ``"NMD"`` (non-metropolitan district).
        county: For a district in a two-tier area, the code of its county council.
        combined_authority: The code of the combined authority it belongs to, if any.

    Examples:
        >>> Authority("RBC", "Redditch Borough Council", population=84_214).population
        84214
    """

    code: str = attrs.field(validator=_identifier)
    name: str = attrs.field(validator=_text)
    population: int | None = attrs.field(default=None, kw_only=True, validator=_optional_count)
    gss: str | None = attrs.field(default=None, kw_only=True, validator=_gss)
    kind: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    county: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    combined_authority: str | None = attrs.field(
        default=None, kw_only=True, validator=optional_text
    )


@attrs.frozen
class Member:
    """A councillor (or co-opted member) who may sit on a board for an authority.

    Args:
        id: A stable identifier, unique on any board the member sits on.
        name: The name as it should appear in minutes, e.g. ``"Cllr R. Hollingworth"``.
        authority: The code of the authority the member sits for.
        roles: Free-form roles such as ``"leader"`` or ``"group leader"``.
        party: The member's political group, if recorded.
        voting: ``False`` for a co-opted or observer member, who never counts.

    Examples:
        >>> Member("obs", "Ms A. Observer", "WMLGA", voting=False).voting
        False
    """

    id: str = attrs.field(validator=_identifier)
    name: str = attrs.field(validator=_text)
    authority: str = attrs.field(validator=_identifier)
    roles: frozenset[str] = attrs.field(default=frozenset(), kw_only=True, converter=_string_set)
    party: str | None = attrs.field(default=None, kw_only=True, validator=optional_text)
    voting: bool = attrs.field(default=True, kw_only=True, validator=is_flag)


class StatutoryRole(enum.Enum):
    """Offices every English council must designate, with their statutory source."""

    HEAD_OF_PAID_SERVICE = "head of paid service"
    """Local Government and Housing Act 1989 s.4."""
    MONITORING_OFFICER = "Monitoring Officer"
    """Local Government and Housing Act 1989 s.5."""
    CHIEF_FINANCE_OFFICER = "chief finance (s151) officer"
    """Local Government Act 1972 s.151."""


@attrs.frozen
class Officer:
    """A paid officer, employed by one authority or body (and perhaps seconded to others).

    Args:
        id: Identifier of the officer.
        name: The name as minutes give it.
        employer: The code of the employing authority, or the id of the employing body.
        assumed: Facts not in the source paper, each with a note (see :func:`assumed_lines`).

    Examples:
        >>> Officer("dicks", "Kevin Dicks", "BDC").employer
        'BDC'
    """

    id: str = attrs.field(validator=_identifier)
    name: str = attrs.field(validator=_text)
    employer: str = attrs.field(validator=_identifier)
    assumed: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_assumed, validator=_assumed_fields
    )


def _authority_codes(value: Any) -> tuple[str, ...]:
    return sequence(value, "authorities", "a sequence of authority codes")


def _non_empty_unique(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not value or len(set(value)) != len(value):
        raise InvalidValue(expected(attribute.name, "at least one code, no repeats", value))


def _statutory_roles(value: Any) -> frozenset[StatutoryRole]:
    return frozenset(instances(value, StatutoryRole, "roles"))


def _optional_identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        identifier(instance, attribute, value)


@attrs.frozen
class Post:
    """A post, possibly shared between authorities, with the statutory roles it carries.

    Args:
        id: Identifier of the post.
        title: e.g. ``"Acting Joint Chief Executive"``.
        authorities: Codes of the authorities the post serves.
        roles: Statutory roles the post holds at each authority it serves.
        holder: The id of the officer in post, or ``None`` while vacant.
        employer: The authority (or body) that employs the holder, where the paper says.
        start: When the post (or the sharing of it) began.
        end: Its last day, where one is fixed (the last extension's end, if extended).
        history: Extensions of the post's end, oldest first (:class:`Extension`).
        assumed: Facts not in the source paper, each with a note.

    Raises:
        InvalidValue: An end before the start, or extensions that do not lead to the end.

    Examples:
        >>> p = Post("jce", "Acting Joint Chief Executive", ["BDC", "RBC"],
        ...          roles={StatutoryRole.HEAD_OF_PAID_SERVICE}, holder="dicks")
        >>> p.shared
        True
    """

    id: str = attrs.field(validator=_identifier)
    title: str = attrs.field(validator=_text)
    authorities: tuple[str, ...] = attrs.field(
        converter=_authority_codes, validator=_non_empty_unique
    )
    roles: frozenset[StatutoryRole] = attrs.field(
        default=frozenset(), kw_only=True, converter=_statutory_roles
    )
    holder: str | None = attrs.field(default=None, kw_only=True, validator=_optional_identifier)
    employer: str | None = attrs.field(default=None, kw_only=True, validator=_optional_identifier)
    start: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    end: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    history: tuple[Extension, ...] = attrs.field(default=(), kw_only=True, converter=_extensions)
    assumed: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_assumed, validator=_assumed_fields
    )

    def end_on(self, *, as_of: dt.date) -> dt.date | None:
        """The post's end as known on ``as_of`` (before later extensions were decided)."""
        return _end_as_of(self.history, self.end, as_of)

    def __attrs_post_init__(self) -> None:
        _check_history(self.history, self.end)
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidValue(
                expected("end", f"a date on or after the start {self.start}", self.end)
            )

    def active_on(self, date: dt.date) -> bool:
        """Whether the post exists on ``date`` (open-ended where dates are unknown)."""
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)

    @property
    def shared(self) -> bool:
        """Whether the post serves more than one authority."""
        return len(self.authorities) > 1
