"""Concordats and the service arrangements agreed under them.

Concordat 3.3 (seed 001): "Accountability for services delivered through joint working
will remain with the Council with whom the relevant statutory responsibility rests. Day to
day managerial responsibility ... should rest with the Council providing the service."
A :class:`ServiceArrangement` records who takes part, who hosts or leads, and when.

Examples:
    >>> import datetime as dt
    >>> payroll = ServiceArrangement(
    ...     "payroll", "Payroll", ["BDC", "RBC"], kind=ArrangementKind.SHARED_SERVICE,
    ...     host="RBC", start=dt.date(2008, 9, 1))
    >>> payroll.host, payroll.active_on(dt.date(2009, 1, 1))
    ('RBC', True)
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from sharegov.errors import InvalidValue, expected
from sharegov.parties import _identifier, _text

__all__ = ["ArrangementKind", "ServiceArrangement"]


class ArrangementKind(enum.Enum):
    """What sort of arrangement binds the parties."""

    SHARED_SERVICE = "shared service"
    """One team delivers a service for several authorities (e.g. payroll hosted by Redditch)."""
    SHARED_POST = "shared post"
    """One officer serves several authorities (e.g. a joint chief executive)."""
    JOINT_COMMITTEE = "joint committee"
    """A board or joint committee of members (LGA 1972 s.102 and s.101(5))."""
    CONTRACT = "contract"
    """A service bought from another body or a contractor."""
    PARTNERSHIP = "partnership"
    """A looser alliance: a concordat, a county-wide hub, a community safety partnership."""


def _codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidValue(expected("parties", "a sequence of authority codes", value))
    return tuple(value)


def _optional_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise InvalidValue(expected(attribute.name, "a datetime.date or None", value))


@attrs.frozen
class ServiceArrangement:
    """A service, post or committee shared by authorities, with its host or lead.

    Args:
        id: Identifier, unique within a concordat or graph.
        service: What is shared, in words: ``"Payroll"``, ``"Internal Audit"``.
        parties: Codes of the authorities taking part.
        kind: See :class:`ArrangementKind`.
        host: The party that employs the staff and delivers the service, if any.
        lead: The party that leads on it (e.g. "Bromsgrove should lead" on elections).
        start: When it began (or begins).
        end: When it ended (or ends), if known.
        depends_on: Ids of arrangements this one depends on (payroll → HR system).
        funded_by: External bodies funding it (e.g. a regional improvement partnership).
        provider: An external body or contractor that delivers it, if not a party.

    Raises:
        InvalidValue: No parties, a repeated party, a host or lead that is not a party,
            or an end before the start.
    """

    id: str = attrs.field(validator=_identifier)
    service: str = attrs.field(validator=_text)
    parties: tuple[str, ...] = attrs.field(converter=_codes)
    kind: ArrangementKind = attrs.field(
        default=ArrangementKind.SHARED_SERVICE,
        kw_only=True,
        validator=attrs.validators.instance_of(ArrangementKind),
    )
    host: str | None = attrs.field(default=None, kw_only=True)
    lead: str | None = attrs.field(default=None, kw_only=True)
    start: dt.date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)
    end: dt.date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)
    depends_on: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=tuple)
    funded_by: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=tuple)
    provider: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.parties or len(set(self.parties)) != len(self.parties):
            raise InvalidValue(
                expected("parties", "at least one authority code, no repeats", self.parties)
            )
        for role in ("host", "lead"):
            value = getattr(self, role)
            if value is not None and value not in self.parties:
                raise InvalidValue(
                    expected(role, f"one of the parties {list(self.parties)}", value)
                )
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidValue(
                expected("end", f"a date on or after the start {self.start}", self.end)
            )
        if self.id in self.depends_on:
            raise InvalidValue(expected("depends_on", "ids of other arrangements", self.id))

    def active_on(self, date: dt.date) -> bool:
        """Whether the arrangement is in force on ``date`` (open-ended where dates are unknown)."""
        started = self.start is None or self.start <= date
        ended = self.end is not None and self.end < date
        return started and not ended
