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

import enum
import re
from typing import Any

import attrs

from sharegov._validate import identifier, instances, is_flag, optional_text, sequence
from sharegov.errors import InvalidValue, expected

__all__ = ["GSS_PATTERN", "Authority", "Member", "Officer", "Post", "StatutoryRole"]

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
    """A paid officer, employed by one authority (and perhaps seconded to others).

    Examples:
        >>> Officer("dicks", "Kevin Dicks", "BDC").employer
        'BDC'
    """

    id: str = attrs.field(validator=_identifier)
    name: str = attrs.field(validator=_text)
    employer: str = attrs.field(validator=_identifier)


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

    @property
    def shared(self) -> bool:
        """Whether the post serves more than one authority."""
        return len(self.authorities) > 1
