"""The web of partnerships: which councils depend on which arrangements, and what breaks.

Councils sit in many overlapping arrangements at once, and arrangements depend on each
other: Redditch hosts payroll for Bromsgrove, and because Redditch's payroll system is also
an HR system, the two councils' HR procurement may follow it (seed 001). A
:class:`PartnershipGraph` holds authorities, :class:`~sharegov.concordat.ServiceArrangement`
objects and external bodies (improvement partnerships, contractors, universities, funders),
and answers questions about them with results that explain themselves.

networkx (the ``graph`` extra) is imported only when a question needs it;
:meth:`PartnershipGraph.to_networkx` hands you the underlying graph.

Examples:
    >>> from sharegov.concordat import ArrangementKind, ServiceArrangement
    >>> from sharegov.parties import Authority
    >>> g = PartnershipGraph(
    ...     [Authority("BDC", "Bromsgrove District Council"),
    ...      Authority("RBC", "Redditch Borough Council")],
    ...     [ServiceArrangement("payroll", "Payroll", ["BDC", "RBC"], host="RBC"),
    ...      ServiceArrangement("hr", "HR system procurement", ["BDC", "RBC"],
    ...                         depends_on=["payroll"])])
    >>> print(g.withdrawal_impact("RBC").explain())
    If Redditch Borough Council (RBC) withdraws, 2 of its 2 arrangements are affected:
      Dissolved (fewer than two parties left): HR system procurement; Payroll.
      Left without a partner: Bromsgrove District Council (BDC).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import math
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from sharegov._frozen import FrozenMap, frozen_map
from sharegov._optional import require
from sharegov._words import day, plural
from sharegov.concordat import ArrangementKind, ServiceArrangement
from sharegov.errors import InvalidValue, UnknownId, expected
from sharegov.parties import Authority, Body, assumed_lines

__all__ = [
    "AreaPicture",
    "ArrangementList",
    "Brokers",
    "Clusters",
    "DependencyOrder",
    "ExternalBody",
    "Partners",
    "PartnershipGraph",
    "Roles",
    "WithdrawalImpact",
    "WithdrawalTable",
]

#: Colours for arrangements by kind in :meth:`PartnershipGraph.draw` (colour-blind safe).
KIND_COLOURS: Mapping[ArrangementKind, str] = {
    ArrangementKind.SHARED_SERVICE: "#0072B2",
    ArrangementKind.SHARED_POST: "#E69F00",
    ArrangementKind.JOINT_COMMITTEE: "#009E73",
    ArrangementKind.CONTRACT: "#CC79A7",
    ArrangementKind.PARTNERSHIP: "#56B4E9",
}


#: A body that is not a council but is party to, funds or provides arrangements; the same
#: class as :class:`sharegov.parties.Body`, kept here under its older name.
ExternalBody = Body


def _keyed(value: Any, field: str, cls: type[Any], key: str) -> FrozenMap[str, Any]:
    """A sequence (or mapping) of ``cls`` to a FrozenMap keyed by ``key``; repeats refused."""
    if isinstance(value, Mapping):
        value = list(value.values())
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue(expected(field, f"a sequence of {cls.__name__}", value))
    out: dict[str, Any] = {}
    for item in value:
        if not isinstance(item, cls):
            raise InvalidValue(expected(field, f"{cls.__name__} objects", item))
        ident = getattr(item, key)
        if ident in out:
            raise InvalidValue(expected(field, f"each {key} once", ident))
        out[ident] = item
    return FrozenMap(out)


def _by_code(value: Any) -> FrozenMap[str, Authority]:
    return _keyed(value, "authorities", Authority, "code")


def _by_id(value: Any) -> FrozenMap[str, ServiceArrangement]:
    return _keyed(value, "arrangements", ServiceArrangement, "id")


def _bodies_by_id(value: Any) -> FrozenMap[str, Body]:
    return _keyed(value, "external_bodies", Body, "id")


def _join(words: Sequence[str]) -> str:
    return "; ".join(words) if words else "none"


class _Explains:
    """``_repr_html_`` for results: the explanation, as preformatted text."""

    def explain(self) -> str:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(self.explain())}</pre>"


@attrs.frozen
class ArrangementList(_Explains):
    """Arrangements selected by a question, with each one's role for a council if asked.

    Attributes:
        title: What was asked, e.g. ``"Arrangements in force on 1 September 2008"``.
        arrangements: The arrangements, by id.
        roles: For a council's arrangements, its role in each: party, host or lead.
    """

    title: str
    arrangements: tuple[ServiceArrangement, ...]
    roles: Mapping[str, str] = attrs.field(factory=FrozenMap, converter=frozen_map)

    @property
    def ids(self) -> tuple[str, ...]:
        """The arrangement ids, in order."""
        return tuple(a.id for a in self.arrangements)

    def explain(self) -> str:
        """One line per arrangement: service, kind, parties, host or lead, and role."""
        lines = [f"{self.title}: {len(self.arrangements)}."]
        for a in self.arrangements:
            extra = [f"host {a.host}" if a.host else "", f"lead {a.lead}" if a.lead else ""]
            extra += [f"provided by {a.provider}" if a.provider else ""]
            role = f" [{self.roles[a.id]}]" if a.id in self.roles else ""
            detail = ", ".join(x for x in extra if x)
            detail = f"; {detail}" if detail else ""
            lines.append(f"  {a.service} ({a.kind.value}): {', '.join(a.parties)}{detail}{role}")
        return "\n".join(lines)


@attrs.frozen
class Partners(_Explains):
    """A council's partners and the arrangements it shares with each.

    Attributes:
        council: The council's code.
        names: Display names of the council and its partners.
        shared: For each partner code, the ids of the arrangements they share.
        services: Service names of those arrangements.
    """

    council: str
    names: Mapping[str, str] = attrs.field(converter=frozen_map)
    shared: Mapping[str, tuple[str, ...]] = attrs.field(converter=frozen_map)
    services: Mapping[str, str] = attrs.field(converter=frozen_map)

    @property
    def partners(self) -> tuple[str, ...]:
        """Partner codes, sorted."""
        return tuple(self.shared)

    def explain(self) -> str:
        """Each partner and what is shared with it."""
        n = len(self.shared)
        head = f"{self.names[self.council]} has {plural(n, 'partner')}"
        lines = [head + (":" if n else ".")]
        for code, ids in self.shared.items():
            what = "; ".join(self.services[i] for i in ids)
            lines.append(f"  {self.names[code]}: {what}.")
        return "\n".join(lines)


@attrs.frozen
class Roles(_Explains):
    """Who hosts and who leads what.

    Attributes:
        hosts: For each authority that hosts something, the arrangement ids it hosts.
        leads: Likewise for leading.
        names: Display names; services: service names.
    """

    hosts: Mapping[str, tuple[str, ...]] = attrs.field(converter=frozen_map)
    leads: Mapping[str, tuple[str, ...]] = attrs.field(converter=frozen_map)
    names: Mapping[str, str] = attrs.field(converter=frozen_map)
    services: Mapping[str, str] = attrs.field(converter=frozen_map)

    def explain(self) -> str:
        """One line per authority and role."""
        lines = []
        for verb, table in (("hosts", self.hosts), ("leads", self.leads)):
            for code, ids in table.items():
                lines.append(
                    f"{self.names[code]} {verb}: {_join([self.services[i] for i in ids])}."
                )
        return "\n".join(lines) if lines else "No arrangement has a host or lead."


@attrs.frozen
class DependencyOrder(_Explains):
    """Arrangements in an order where each comes after everything it depends on.

    Attributes:
        order: Arrangement ids; ties broken by id, so the order is deterministic.
        after: For each arrangement, the ids it depends on directly.
        services: Service names.
    """

    order: tuple[str, ...]
    after: Mapping[str, tuple[str, ...]] = attrs.field(converter=frozen_map)
    services: Mapping[str, str] = attrs.field(converter=frozen_map)

    def explain(self) -> str:
        """A numbered list; each item names what it must follow."""
        lines = ["Arrangements in dependency order (each after what it depends on):"]
        for n, ident in enumerate(self.order, 1):
            prior = self.after[ident]
            tail = f", after {_join([self.services[p] for p in prior])}" if prior else ""
            lines.append(f"  {n}. {self.services[ident]}{tail}")
        return "\n".join(lines)


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class WithdrawalImpact(_Explains):
    """What breaks if one council leaves every arrangement it is party to.

    Attributes:
        council: The withdrawing council's code.
        arrangements: Ids of the arrangements it is party to.
        dissolved: Those left with fewer than two parties.
        lose_host: Those that survive but lose their host (the withdrawing council).
        lose_lead: Those that survive but lose their lead.
        dependents: Other arrangements that depend, directly or through others, on an
            arrangement dissolved or losing its host or lead, each with the arrangements it
            depends on directly that are themselves broken or at risk.
        isolated: Councils (and bodies) left with no partner at all.
        names: Display names of the councils mentioned; services: service names.
        assumed: Arrangement id to its assumed facts (not in the source papers), a line
            each, for those mentioned.
        ended: Its arrangements that never had two parties (a contract between one council
            and a provider): they end with it, as their only party withdrew.
        provides: Arrangements it provides (as contractor or provider), which lose it.
        funds: Arrangements it funds, which lose its funding.

    Every arrangement mentioned is in exactly one of dissolved, ended, lose_host,
    lose_lead, provides, funds, dependents ("at risk") and :attr:`continuing`;
    :attr:`affected` counts all but the last, and :meth:`explain` gives the same count.
    """

    council: str
    arrangements: tuple[str, ...]
    dissolved: tuple[str, ...]
    lose_host: tuple[str, ...]
    lose_lead: tuple[str, ...]
    dependents: Mapping[str, tuple[str, ...]] = attrs.field(converter=frozen_map)
    isolated: tuple[str, ...]
    names: Mapping[str, str] = attrs.field(converter=frozen_map)
    services: Mapping[str, str] = attrs.field(converter=frozen_map)
    assumed: Mapping[str, tuple[str, ...]] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=frozen_map
    )
    ended: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_ids)
    provides: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_ids)
    funds: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_ids)
    #: The date of the graph it was found on (:meth:`PartnershipGraph.as_of`), if any.
    on: dt.date | None = attrs.field(default=None, kw_only=True)

    @property
    def continuing(self) -> tuple[str, ...]:
        """The council's arrangements that carry on without it, with host and lead intact
        and nothing they depend on broken (an arrangement at risk does not continue)."""
        broken = {*self.dissolved, *self.ended, *self.lose_host, *self.lose_lead}
        broken.update(self.dependents)
        return tuple(a for a in self.arrangements if a not in broken)

    @property
    def affected(self) -> int:
        """How many arrangements are dissolved, ended, headless, without the provider or
        funder that withdrew, or depend on those."""
        hit = {*self.dissolved, *self.ended, *self.lose_host, *self.lose_lead, *self.provides}
        return len(hit | {*self.funds, *self.dependents})

    def explain(self) -> str:
        """The impact, in words for a report to members."""
        name = self.names[self.council]
        n = len(self.arrangements)
        roles = [*self.arrangements, *self.provides, *self.funds]
        if not roles:
            if self.on is not None:
                return (
                    f"{name} is party to no arrangement known to be in force on "
                    f"{day(self.on)}, and provides or funds none: its withdrawal then "
                    "changes nothing that the file shows."
                )
            return (
                f"{name} is party to no arrangement, and provides or funds none: its "
                "withdrawal changes nothing."
            )
        if self.on is not None:
            name = f"{name}, on {day(self.on)},"
        total = self.affected
        own = len(set(roles) - set(self.continuing))
        others = total - own
        parts = [
            f"{word} {len(ids)}"
            for word, ids in (
                ("party to", self.arrangements),
                ("provider of", self.provides),
                ("funder of", self.funds),
            )
            if ids
        ]
        what = parts[-1] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        role = f" (it is {what})" if self.provides or self.funds else ""
        mine = len(set(roles))
        if others:
            lines = [
                f"If {name} withdraws, {plural(total, 'arrangement')} "
                f"{'is' if total == 1 else 'are'} affected: {own} of its {mine}{role}, and "
                f"{others} {'other' if others == 1 else 'others'} through dependencies:"
            ]
        elif not n:  # only a provider or funder: "its" arrangements would mislead
            lines = [
                f"If {name} withdraws, {plural(own, 'arrangement')} "
                f"{'is' if own == 1 else 'are'} affected{role}:"
            ]
        else:
            lines = [
                f"If {name} withdraws, {own} of its {plural(mine, 'arrangement')}{role} "
                f"{'is' if own == 1 else 'are'} affected:"
            ]

        def names_of(ids: Iterable[str]) -> str:
            return _join(sorted(self.services[i] for i in ids))

        if self.dissolved:
            lines.append(f"  Dissolved (fewer than two parties left): {names_of(self.dissolved)}.")
        if self.ended:
            lines.append(f"  End, as their only party withdrew: {names_of(self.ended)}.")
        if self.provides:
            lines.append(f"  Lose their provider: {names_of(self.provides)}.")
        if self.funds:
            lines.append(f"  Lose the funding it gives: {names_of(self.funds)}.")
        if self.lose_host:
            lines.append(f"  Lose their host: {names_of(self.lose_host)}.")
        if self.lose_lead:
            lines.append(f"  Lose their lead: {names_of(self.lose_lead)}.")
        for ident, via in self.dependents.items():
            lines.append(f"  At risk: {self.services[ident]}, which depends on {names_of(via)}.")
        if self.continuing:
            lines.append(f"  Continue without it: {names_of(self.continuing)}.")
        if self.isolated:
            left = _join([self.names[c] for c in self.isolated])
            lines.append(f"  Left without a partner: {left}.")
        notes = [line for i in sorted(self.assumed) for line in self.assumed[i]]
        if notes:
            lines.append("  Assumed, not minuted:")
            lines.extend(f"    {line}" for line in notes)
        return "\n".join(lines)


@attrs.frozen
class WithdrawalTable(_Explains):
    """The withdrawal impact of every council, computed at once.

    Attributes:
        impacts: One :class:`WithdrawalImpact` per authority, by code.
    """

    impacts: Mapping[str, WithdrawalImpact] = attrs.field(converter=frozen_map)

    def rows(self) -> list[dict[str, Any]]:
        """One plain dict per council: counts of each kind of impact."""
        return [
            {
                "council": code,
                "name": imp.names[code],
                "arrangements": len(imp.arrangements),
                "dissolved": len(imp.dissolved),
                "ended": len(imp.ended),
                "lose_host": len(imp.lose_host),
                "lose_lead": len(imp.lose_lead),
                "dependents": len(imp.dependents),
                "affected": imp.affected,
                "isolated": len(imp.isolated),
            }
            for code, imp in self.impacts.items()
        ]

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame indexed by council code (needs pandas)."""
        pd = require("pandas", "simulate")
        return pd.DataFrame(self.rows()).set_index("council")

    def explain(self, top: int = 5) -> str:
        """The councils whose withdrawal affects most arrangements."""
        ranked = sorted(self.rows(), key=lambda r: (-r["affected"], r["council"]))[:top]
        lines = [
            f"Withdrawal impact for {plural(len(self.impacts), 'council')}; most affected first:"
        ]
        for r in ranked:
            lose_host = "loses its" if r["lose_host"] == 1 else "lose their"
            lose_lead = "loses its" if r["lose_lead"] == 1 else "lose their"
            ended = f"{r['ended']} ended with it, " if r["ended"] else ""
            lines.append(
                f"  {r['name']}: {plural(r['affected'], 'arrangement')} affected "
                f"({r['dissolved']} dissolved, {ended}{r['lose_host']} {lose_host} host, "
                f"{r['lose_lead']} {lose_lead} lead, {r['dependents']} at risk through "
                f"dependencies); {plural(r['isolated'], 'council')} left without a partner."
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = self.rows()
        if not rows:
            return "<p>No councils.</p>"
        head = "".join(f"<th>{html.escape(k)}</th>" for k in rows[0])
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r.values()) + "</tr>"
            for r in rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@attrs.frozen
class Clusters(_Explains):
    """Groups of councils linked by sharing anything, directly or through others.

    Attributes:
        clusters: Each cluster's council codes (sorted), largest cluster first.
        alone: Councils that share nothing.
        names: Display names.
    """

    clusters: tuple[tuple[str, ...], ...]
    alone: tuple[str, ...]
    names: Mapping[str, str] = attrs.field(converter=frozen_map)

    def explain(self) -> str:
        """One line per cluster."""
        lines = [f"{plural(len(self.clusters), 'cluster')} of councils that share something:"]
        for n, members in enumerate(self.clusters, 1):
            lines.append(f"  {n}. {_join([self.names[c] for c in members])}.")
        if self.alone:
            lines.append(f"Sharing nothing: {_join([self.names[c] for c in self.alone])}.")
        return "\n".join(lines)


@attrs.frozen
class Brokers(_Explains):
    """Councils whose withdrawal would split their cluster (articulation points).

    Attributes:
        pieces: For each broker, the parts its cluster falls into without it.
        names: Display names.
    """

    pieces: Mapping[str, tuple[tuple[str, ...], ...]] = attrs.field(converter=frozen_map)
    names: Mapping[str, str] = attrs.field(converter=frozen_map)

    @property
    def brokers(self) -> tuple[str, ...]:
        """Broker codes, sorted."""
        return tuple(self.pieces)

    def explain(self) -> str:
        """Each broker and the pieces left without it."""
        if not self.pieces:
            return "No council's withdrawal would split a cluster."
        lines = ["Councils whose withdrawal would split their cluster:"]
        for code, parts in self.pieces.items():
            shown = " | ".join(", ".join(p) for p in parts)
            lines.append(f"  {self.names[code]}: into {plural(len(parts), 'part')} ({shown}).")
        return "\n".join(lines)


@attrs.frozen
class AreaPicture(_Explains):
    """The county-level (or combined-authority) picture: sharing within and across areas.

    Attributes:
        by: ``"county"`` or ``"combined_authority"``.
        members: For each area code, the graph's councils in it (the county itself too).
        within: For each area, arrangements whose parties all lie in it.
        crossing: For each area, arrangements with parties both in it and outside it.
        names: Display names (an area not in the graph is shown by its code).
    """

    by: str
    members: Mapping[str, tuple[str, ...]] = attrs.field(converter=frozen_map)
    within: Mapping[str, tuple[str, ...]] = attrs.field(converter=frozen_map)
    crossing: Mapping[str, tuple[str, ...]] = attrs.field(converter=frozen_map)
    names: Mapping[str, str] = attrs.field(converter=frozen_map)

    def explain(self) -> str:
        """One line per area."""
        word = "county" if self.by == "county" else "combined authority"
        if not self.members:
            return f"No council in the graph records a {word}."
        lines = [f"Sharing by {word}:"]
        for area, members in self.members.items():
            lines.append(
                f"  {self.names.get(area, area)}: {plural(len(members), 'council')} "
                f"({', '.join(members)}); {plural(len(self.within[area]), 'arrangement')} within, "
                f"{len(self.crossing[area])} crossing its boundary."
            )
        return "\n".join(lines)


@attrs.frozen
class PartnershipGraph:
    """Authorities, the arrangements between them, and the external bodies involved.

    Immutable: derive a changed graph with :meth:`without`, :meth:`as_of` or
    ``attrs.evolve``. networkx structures are built on demand and cached.

    Args:
        authorities: :class:`~sharegov.parties.Authority` objects (codes unique).
        arrangements: :class:`~sharegov.concordat.ServiceArrangement` objects (ids unique).
        external_bodies: :class:`~sharegov.parties.Body` objects (``ExternalBody`` is
            the same class) named as parties, funders or providers: a university or a
            regional branch may be a party to an arrangement as a council is.

    Raises:
        InvalidValue: A repeated code or id, or an id used for two kinds of node.
        UnknownId: An arrangement names a party, dependency, funder or provider that is
            not in the graph.

    Examples:
        >>> from sharegov.parties import Authority
        >>> from sharegov.concordat import ServiceArrangement
        >>> PartnershipGraph([Authority("BDC", "Bromsgrove")],
        ...                  [ServiceArrangement("pay", "Payroll", ["BDC", "RBC"])])
        Traceback (most recent call last):
        ...
        sharegov.errors.UnknownId: arrangements.pay.parties: expected codes of authorities \
or ids of bodies in the graph, got 'RBC'
    """

    authorities: Mapping[str, Authority] = attrs.field(converter=_by_code)
    arrangements: Mapping[str, ServiceArrangement] = attrs.field(converter=_by_id)
    external_bodies: Mapping[str, Body] = attrs.field(
        default=(), kw_only=True, converter=_bodies_by_id
    )
    #: The date the graph was cut to by :meth:`as_of`, if it was.
    on: dt.date | None = attrs.field(default=None, kw_only=True)
    #: Arrangement id to why :meth:`as_of` did not count it as in force on :attr:`on`
    #: though it may have been (a start not given, a trial with no recorded sequel).
    not_counted: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=frozen_map
    )
    #: Arrangement id to the assumed (not minuted) dates on which :meth:`as_of` counted
    #: it as in force on :attr:`on`, or left it out.
    on_assumed_dates: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=frozen_map
    )
    #: The services of the arrangements :attr:`not_counted` and :attr:`on_assumed_dates`
    #: mention, by id (those left out are no longer in :attr:`arrangements`).
    dated_services: Mapping[str, str] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=frozen_map
    )
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        clash = (
            (self.authorities.keys() & self.arrangements.keys())
            | (self.authorities.keys() & self.external_bodies.keys())
            | (self.arrangements.keys() & self.external_bodies.keys())
        )
        if clash:
            what = "ids not shared by an authority, arrangement or external body"
            raise InvalidValue(expected("ids", what, sorted(clash)))
        for a in self.arrangements.values():
            where = f"arrangements.{a.id}"
            for code in a.parties:
                if code not in self.authorities and code not in self.external_bodies:
                    what = "codes of authorities or ids of bodies in the graph"
                    raise UnknownId(expected(f"{where}.parties", what, code))
            for dep in a.depends_on:
                if dep not in self.arrangements:
                    what = "ids of arrangements in the graph"
                    raise UnknownId(expected(f"{where}.depends_on", what, dep))
            for body in (*a.funded_by, *((a.provider,) if a.provider else ())):
                if body not in self.external_bodies:
                    what = "ids of external bodies in the graph"
                    raise UnknownId(expected(f"{where}.funded_by/provider", what, body))

    # -- building ---------------------------------------------------------------------

    @classmethod
    def from_objects(cls, objects: Iterable[Any]) -> PartnershipGraph:
        """Build from a mixture of sharegov objects.

        Accepts :class:`~sharegov.parties.Authority`, :class:`ServiceArrangement`,
        :class:`ExternalBody`, and anything with an ``arrangements`` attribute holding
        service arrangements (a concordat), whose ``authorities`` are taken too if present.
        An authority given twice must be the same object value.

        Examples:
            >>> from sharegov.parties import Authority
            >>> from sharegov.concordat import ServiceArrangement
            >>> g = PartnershipGraph.from_objects([
            ...     Authority("A", "Aville"), Authority("B", "Beeton"),
            ...     ServiceArrangement("cctv", "CCTV", ["A", "B"], host="A")])
            >>> g.partners("B").partners
            ('A',)
        """
        authorities: dict[str, Authority] = {}
        arrangements: list[ServiceArrangement] = []
        bodies: list[ExternalBody] = []

        def add_authority(item: Authority) -> None:
            if authorities.setdefault(item.code, item) != item:
                raise InvalidValue(expected("authorities", "one value per code", item))

        for item in objects:
            if isinstance(item, Authority):
                add_authority(item)
            elif isinstance(item, ServiceArrangement):
                arrangements.append(item)
            elif isinstance(item, Body):
                bodies.append(item)
            elif hasattr(item, "arrangements"):
                arrangements.extend(item.arrangements)
                for auth in getattr(item, "authorities", ()):
                    if isinstance(auth, Authority):
                        add_authority(auth)
            else:
                what = "Authority, ServiceArrangement, ExternalBody or a concordat"
                raise InvalidValue(expected("objects", what, item))
        return cls(authorities.values(), arrangements, external_bodies=bodies)

    @classmethod
    def from_table(
        cls,
        table: str | os.PathLike[str] | Any,
        *,
        authorities: Iterable[Authority] | None = None,
        external_bodies: Iterable[Body] | None = None,
    ) -> PartnershipGraph:
        """Build from a table of arrangements: a CSV file or a pandas DataFrame.

        Columns: ``id``, ``service``, ``parties`` (codes separated by ``;``) are required;
        ``kind`` (e.g. ``shared service``), ``host``, ``lead``, ``start`` and ``end``
        (ISO dates), ``depends_on`` and ``funded_by`` (``;``-separated) and ``provider``
        are optional. Empty cells mean "none".

        Args:
            table: A path to a CSV file, a DataFrame, or an iterable of row mappings.
            authorities: The authorities; any party code not among them (or all, if
                omitted) becomes a bare authority named by its code.
            external_bodies: Funders and providers; any other id named becomes a bare
                external body named by its id.

        Raises:
            InvalidValue: A malformed row; the message names the row and column.

        Examples:
            >>> rows = [{"id": "ict", "service": "ICT", "parties": "HUN;SCA;CAB",
            ...          "lead": "HUN", "kind": "shared service"},
            ...         {"id": "legal", "service": "Legal", "parties": "HUN;SCA;CAB",
            ...          "depends_on": "ict"}]
            >>> g = PartnershipGraph.from_table(rows)
            >>> g.dependency_order().order
            ('ict', 'legal')
        """
        rows, where = _rows(table)
        arrangements = [_arrangement(row, f"{where} {n}") for n, row in rows]
        known = {a.code: a for a in (authorities or ())}
        for a in arrangements:
            for code in a.parties:
                known.setdefault(code, Authority(code, code))
        bodies = {b.id: b for b in (external_bodies or ())}
        for a in arrangements:
            for body in (*a.funded_by, *((a.provider,) if a.provider else ())):
                bodies.setdefault(body, Body(body, body))
        return cls(known.values(), arrangements, external_bodies=bodies.values())

    def without(self, code: str) -> PartnershipGraph:
        """The graph after ``code`` leaves: removed from every party list, and as host or lead.

        Arrangements left with no party are dropped (and dropped from others' dependencies).
        No arrangement is ever added.

        Examples:
            >>> from sharegov.parties import Authority
            >>> from sharegov.concordat import ServiceArrangement
            >>> g = PartnershipGraph([Authority("A", "A"), Authority("B", "B")],
            ...                      [ServiceArrangement("x", "X", ["A", "B"], host="A")])
            >>> g.without("A").arrangements["x"].parties, g.without("A").arrangements["x"].host
            (('B',), None)
        """
        self._authority(code)
        kept: dict[str, ServiceArrangement] = {}
        for a in self.arrangements.values():
            if code not in a.parties:
                kept[a.id] = a
            elif len(a.parties) > 1:
                kept[a.id] = _with_parties(a, tuple(p for p in a.parties if p != code))
        pruned = [
            a
            if all(d in kept for d in a.depends_on)
            else _with_dependencies(a, [d for d in a.depends_on if d in kept])
            for a in kept.values()
        ]
        others = [a for c, a in self.authorities.items() if c != code]
        return PartnershipGraph(others, pruned, external_bodies=self.external_bodies)

    def as_of(self, date: dt.date) -> PartnershipGraph:
        """The graph of arrangements in force on ``date``: an arrangement that has ended
        (its last day, after any extension, is before ``date``) or not yet started is left
        out, and so are parties that had not yet joined or had already left (a host or lead
        among them too); dependencies on arrangements left out are dropped.

        Nothing is presumed: an arrangement whose start is not given (nor its term's), or
        whose trial has run its course with no end or continuation recorded, is not known
        to be in force, so it is left out too, and :attr:`not_counted` says why. Where an
        arrangement was counted or left out on a date the file marks assumed,
        :attr:`on_assumed_dates` says so. :meth:`explain` gives both.

        Examples:
            >>> import datetime as dt
            >>> from sharegov.concordat import ServiceArrangement
            >>> g = PartnershipGraph([Authority("A", "A"), Authority("B", "B")],
            ...     [ServiceArrangement("x", "X", ["A", "B"], start=dt.date(2009, 4, 1),
            ...                         end=dt.date(2010, 3, 31)),
            ...      ServiceArrangement("y", "Y", ["A", "B"])])
            >>> [len(g.as_of(dt.date(2010, 3, d)).arrangements) for d in (31, 1)]
            [1, 1]
            >>> len(g.as_of(dt.date(2010, 4, 1)).arrangements)
            0
            >>> dict(g.as_of(dt.date(2010, 3, 1)).not_counted)
            {'y': 'its start date is not given'}
        """
        live: dict[str, ServiceArrangement] = {}
        unknown: dict[str, str] = {}
        assumed: dict[str, str] = {}
        for a in self.arrangements.values():
            known, why, dates = _in_force(a, date)
            if dates:
                assumed[a.id] = dates
            if why is not None:
                unknown[a.id] = why
            if not known:
                continue
            parties = a.parties_on(date)
            if not parties:
                continue
            if parties != a.parties:
                a = _with_parties(a, parties)
            live[a.id] = a
        kept = [
            _with_dependencies(a, [d for d in a.depends_on if d in live]) for a in live.values()
        ]
        services = {i: self.arrangements[i].service for i in (*unknown, *assumed)}
        return attrs.evolve(
            self,
            arrangements=kept,
            on=date,
            not_counted=unknown,
            on_assumed_dates=assumed,
            dated_services=services,
        )

    # -- questions --------------------------------------------------------------------

    def name(self, code: str) -> str:
        """Display name of an authority or body, ``"Redditch Borough Council (RBC)"``."""
        return f"{self._authority(code).name} ({code})"

    def arrangements_of(self, code: str) -> ArrangementList:
        """The arrangements ``code`` is party to, with its role (party, host or lead) in each.

        Examples:
            >>> from sharegov.parties import Authority
            >>> from sharegov.concordat import ServiceArrangement
            >>> g = PartnershipGraph([Authority("A", "Aville"), Authority("B", "Beeton")],
            ...                      [ServiceArrangement("x", "CCTV", ["A", "B"], host="A")])
            >>> print(g.arrangements_of("A").explain())
            Arrangements of Aville (A): 1.
              CCTV (shared service): A, B; host A [host]
        """
        self._authority(code)
        mine = [a for a in self.arrangements.values() if code in a.parties]
        roles = {
            a.id: "host" if a.host == code else "lead" if a.lead == code else "party" for a in mine
        }
        return ArrangementList(f"Arrangements of {self.name(code)}", tuple(mine), roles)

    def in_force(self, date: dt.date) -> ArrangementList:
        """The arrangements known to be in force on ``date``, as :meth:`as_of` counts them
        (one whose start is not given is not presumed in force; the title says how many)."""
        live, unknown = [], 0
        for a in self.arrangements.values():
            known, why, _ = _in_force(a, date)
            if known:
                live.append(a)
            elif why is not None:
                unknown += 1
        title = f"Arrangements in force on {day(date)}"
        if unknown:
            title += (
                f" ({plural(unknown, 'other')} not counted: "
                f"{'its' if unknown == 1 else 'their'} dates are not known)"
            )
        return ArrangementList(title, tuple(live))

    def partners(self, code: str) -> Partners:
        """The councils ``code`` shares any arrangement with, and what it shares with each."""
        self._authority(code)
        shared: dict[str, list[str]] = {}
        for a in self.arrangements.values():
            if code in a.parties:
                for other in a.parties:
                    if other != code:
                        shared.setdefault(other, []).append(a.id)
        ordered = {p: tuple(sorted(shared[p])) for p in sorted(shared)}
        return Partners(
            code,
            {c: self.name(c) for c in (code, *ordered)},
            ordered,
            {i: self.arrangements[i].service for ids in ordered.values() for i in ids},
        )

    def roles(self) -> Roles:
        """Who hosts and who leads each arrangement that has a host or lead."""
        hosts: dict[str, list[str]] = {}
        leads: dict[str, list[str]] = {}
        for a in self.arrangements.values():
            if a.host:
                hosts.setdefault(a.host, []).append(a.id)
            if a.lead:
                leads.setdefault(a.lead, []).append(a.id)
        return Roles(
            {c: tuple(sorted(v)) for c, v in sorted(hosts.items())},
            {c: tuple(sorted(v)) for c, v in sorted(leads.items())},
            {c: self.name(c) for c in (*hosts, *leads)},
            self._services(),
        )

    def dependency_order(self) -> DependencyOrder:
        """Arrangements ordered so that each comes after everything it depends on.

        Raises:
            InvalidValue: The dependencies contain a cycle; the message names it.

        Examples:
            >>> from sharegov.parties import Authority
            >>> from sharegov.concordat import ServiceArrangement as S
            >>> g = PartnershipGraph([Authority("A", "A"), Authority("B", "B")],
            ...     [S("x", "X", ["A", "B"], depends_on=["y"]),
            ...      S("y", "Y", ["A", "B"], depends_on=["x"])])
            >>> g.dependency_order()
            Traceback (most recent call last):
            ...
            sharegov.errors.InvalidValue: depends_on: expected no dependency cycle, got \
'X (x) depends on Y (y), which depends on X (x)'
        """
        nx = _nx()
        deps = self._dependency_digraph()
        try:
            cycle = nx.find_cycle(deps)
        except nx.NetworkXNoCycle:
            cycle = None
        if cycle:
            # Edges run prerequisite -> dependent, so read backwards each depends on the next.
            ring = [u for u, _ in cycle][::-1]
            start = ring.index(min(ring))  # start from the smallest id: deterministic text
            ring = ring[start:] + ring[:start]
            parts = [f"{self.arrangements[i].service} ({i})" for i in (*ring, ring[0])]
            text = f"{parts[0]} depends on " + ", which depends on ".join(parts[1:])
            raise InvalidValue(expected("depends_on", "no dependency cycle", text))
        order = tuple(nx.lexicographical_topological_sort(deps))
        after = {i: tuple(sorted(self.arrangements[i].depends_on)) for i in order}
        return DependencyOrder(order, after, self._services())

    def withdrawal_impact(self, code: str) -> WithdrawalImpact:
        """What breaks if ``code`` leaves: see :class:`WithdrawalImpact`.

        Uses an index built once per graph, so asking for every council costs little more
        than asking for one; :meth:`withdrawal_table` does exactly that.
        """
        self._authority(code)
        return self._withdrawal_index().impact(code)

    def withdrawal_table(self) -> WithdrawalTable:
        """:meth:`withdrawal_impact` for every authority, in code order."""
        index = self._withdrawal_index()
        return WithdrawalTable({c: index.impact(c) for c in sorted(self.authorities)})

    def clusters(self) -> Clusters:
        """Connected groups of councils that share an arrangement, directly or in a chain."""
        nx = _nx()
        councils = self._council_graph()
        groups = [tuple(sorted(c)) for c in nx.connected_components(councils)]
        shared = sorted((g for g in groups if len(g) > 1), key=lambda g: (-len(g), g))
        alone = tuple(sorted(g[0] for g in groups if len(g) == 1))
        names = {c: self.name(c) for c in self.authorities}
        return Clusters(tuple(shared), alone, names)

    def brokers(self) -> Brokers:
        """Councils whose withdrawal splits the cluster they are in (articulation points)."""
        nx = _nx()
        councils = self._council_graph()
        pieces: dict[str, tuple[tuple[str, ...], ...]] = {}
        for code in sorted(nx.articulation_points(councils)):
            cluster = nx.node_connected_component(councils, code) - {code}
            rest = councils.subgraph(cluster)
            parts = sorted(
                (tuple(sorted(p)) for p in nx.connected_components(rest)),
                key=lambda p: (-len(p), p),
            )
            pieces[code] = tuple(parts)
        return Brokers(pieces, {c: self.name(c) for c in pieces})

    def area_picture(self, by: str = "county") -> AreaPicture:
        """Sharing within and across counties (or combined authorities).

        A council belongs to the area named in its ``county`` (or ``combined_authority``)
        field; a county council belongs to its own county. Councils in no area are left out.

        Examples:
            >>> from sharegov.parties import Authority
            >>> from sharegov.concordat import ServiceArrangement as S
            >>> g = PartnershipGraph(
            ...     [Authority("WOR", "Worcestershire County Council", kind="CTY"),
            ...      Authority("RBC", "Redditch", county="WOR"),
            ...      Authority("BDC", "Bromsgrove", county="WOR"),
            ...      Authority("STV", "Stevenage", county="HRT")],
            ...     [S("hub", "Worcestershire Hub", ["WOR", "RBC", "BDC"]),
            ...      S("odd", "Odd one", ["RBC", "STV"])])
            >>> print(g.area_picture().explain())
            Sharing by county:
              HRT: 1 council (STV); 0 arrangements within, 1 crossing its boundary.
              Worcestershire County Council (WOR): 3 councils (BDC, RBC, WOR); 1 arrangement \
within, 1 crossing its boundary.
        """
        if by not in ("county", "combined_authority"):
            raise InvalidValue(expected("by", "'county' or 'combined_authority'", by))
        area_of: dict[str, str] = {}
        for code, auth in self.authorities.items():
            area = getattr(auth, by)
            if area:
                area_of[code] = area
        for area in set(area_of.values()):
            if area in self.authorities:
                area_of.setdefault(area, area)
        members: dict[str, list[str]] = {}
        for code, area in area_of.items():
            members.setdefault(area, []).append(code)
        within: dict[str, list[str]] = {a: [] for a in members}
        crossing: dict[str, list[str]] = {a: [] for a in members}
        for arr in self.arrangements.values():
            areas = {area_of.get(p) for p in arr.parties}
            for area in areas - {None}:
                target = within if areas == {area} else crossing
                target[str(area)].append(arr.id)
        order = sorted(members)
        return AreaPicture(
            by,
            {a: tuple(sorted(members[a])) for a in order},
            {a: tuple(sorted(within[a])) for a in order},
            {a: tuple(sorted(crossing[a])) for a in order},
            {a: self.name(a) for a in order if a in self.authorities},
        )

    def explain(self) -> str:
        """A one-paragraph summary of the graph; cut to a date, what was in force then
        and what was not counted, and why (:meth:`dates_note`)."""
        kinds: dict[str, int] = {}
        for a in self.arrangements.values():
            kinds[a.kind.value] = kinds.get(a.kind.value, 0) + 1
        by_kind = ", ".join(plural(n, k) for k, n in sorted(kinds.items()))
        when = "" if self.on is None else f" in force on {day(self.on)}"
        text = (
            f"{plural(len(self.authorities), 'authority', 'authorities')}, "
            f"{plural(len(self.arrangements), 'arrangement')}{when}"
            f"{' (' + by_kind + ')' if by_kind else ''}, "
            f"{plural(len(self.external_bodies), 'external body', 'external bodies')}."
        )
        note = self.dates_note()
        return text + ("\n" + note if note else "")

    def dates_note(self) -> str:
        """For a graph cut to a date: the arrangements not counted as in force, and why,
        and those counted or left out on assumed dates; ``""`` when there are none."""
        if self.on is None:
            return ""
        lines = []
        if self.not_counted:
            lines.append(
                f"Not counted as in force on {day(self.on)}, as the file does not show "
                "that they were:"
            )
            lines.extend(
                f"  {self._service(i)}: {why}." for i, why in sorted(self.not_counted.items())
            )
        if self.on_assumed_dates:
            lines.append("Counted in force, or left out, on dates assumed, not minuted:")
            lines.extend(
                f"  {self._service(i)}: {why}." for i, why in sorted(self.on_assumed_dates.items())
            )
        return "\n".join(lines)

    def _service(self, ident: str) -> str:
        return self.dated_services.get(ident, ident)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(a.id)}</td><td>{html.escape(a.service)}</td>"
            f"<td>{html.escape(a.kind.value)}</td><td>{html.escape(', '.join(a.parties))}</td>"
            f"<td>{html.escape(a.host or a.lead or '')}</td></tr>"
            for a in self.arrangements.values()
        )
        return (
            f"<p>{html.escape(self.explain())}</p><table><thead><tr><th>id</th><th>service</th>"
            f"<th>kind</th><th>parties</th><th>host or lead</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )

    # -- export -----------------------------------------------------------------------

    def to_networkx(self) -> Any:
        """A fresh ``networkx.MultiDiGraph`` of everything in the graph.

        Nodes have ``type`` ``"authority"``, ``"arrangement"`` or ``"external"`` and the
        object's fields as attributes. Edges are keyed by relation: ``party`` and ``hosts``
        or ``leads`` (authority to arrangement), ``funds`` and ``provides`` (external body
        to arrangement), ``depends on`` (arrangement to what it depends on), and ``in
        county`` / ``in combined authority`` (council to county or combined authority,
        where that body is in the graph).

        Examples:
            >>> from sharegov.parties import Authority
            >>> from sharegov.concordat import ServiceArrangement
            >>> g = PartnershipGraph([Authority("A", "A"), Authority("B", "B")],
            ...                      [ServiceArrangement("x", "X", ["A", "B"], host="A")])
            >>> sorted(g.to_networkx().edges(keys=True))
            [('A', 'x', 'hosts'), ('A', 'x', 'party'), ('B', 'x', 'party')]
        """
        nx = _nx()
        graph = nx.MultiDiGraph()
        for code, auth in self.authorities.items():
            graph.add_node(code, type="authority", **attrs.asdict(auth))
        for ident, body in self.external_bodies.items():
            graph.add_node(ident, type="external", name=body.name, kind=body.kind)
        for ident, a in self.arrangements.items():
            fields = attrs.asdict(a, recurse=False)
            graph.add_node(ident, type="arrangement", **fields)
        for ident, a in self.arrangements.items():
            for code in a.parties:
                graph.add_edge(code, ident, key="party", relation="party")
            if a.host:
                graph.add_edge(a.host, ident, key="hosts", relation="hosts")
            if a.lead:
                graph.add_edge(a.lead, ident, key="leads", relation="leads")
            for funder in a.funded_by:
                graph.add_edge(funder, ident, key="funds", relation="funds")
            if a.provider:
                graph.add_edge(a.provider, ident, key="provides", relation="provides")
            for dep in a.depends_on:
                graph.add_edge(ident, dep, key="depends on", relation="depends on")
        for code, auth in self.authorities.items():
            if auth.county in self.authorities and auth.county != code:
                graph.add_edge(code, auth.county, key="in county", relation="in county")
            ca = auth.combined_authority
            if ca in self.authorities and ca != code:
                graph.add_edge(
                    code, ca, key="in combined authority", relation="in combined authority"
                )
        return graph

    def write_graphml(self, path: str | os.PathLike[str]) -> Path:
        """Write the graph as GraphML; dates become ISO text, lists ``;``-joined text.

        Returns:
            The path written.
        """
        nx = _nx()
        graph = self.to_networkx()
        for _, data in graph.nodes(data=True):
            for key in list(data):
                value = _graphml_value(data[key])
                if value is None:
                    del data[key]
                else:
                    data[key] = value
        out = Path(path)
        nx.write_graphml(graph, out)
        return out

    def draw(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        title: str | None = None,
        credit: str | None = None,
        seed: int = 7,
    ) -> Any:
        """Draw the graph with matplotlib; save it to ``path`` (PNG) if given.

        Authorities are grey squares, labelled by code; arrangements are circles coloured
        by kind; external bodies are white diamonds. A thick black line marks a host, a
        thick dashed line a lead, a red arrow a dependency. The layout is seeded.

        Returns:
            The ``matplotlib.figure.Figure`` (no pyplot state is touched).
        """
        nx = _nx()
        figure_mod = require("matplotlib.figure", "simulate")
        lines_mod = require("matplotlib.lines", "simulate")
        graph = self.to_networkx()
        pos, (width, height) = _layout(nx, graph, seed)
        scale = min(1.2, 40 / width, 30 / height)
        fig = figure_mod.Figure(figsize=(max(width * scale, 6), max(height * scale, 4)))
        ax = fig.add_subplot()
        ax.set_axis_off()
        relations = ("party", "hosts", "leads", "depends on", "funding")
        edges: dict[str, list[tuple[str, str]]] = {rel: [] for rel in relations}
        for u, v, key in graph.edges(keys=True):
            if key in ("funds", "provides"):
                edges["funding"].append((u, v))
            elif key in edges:
                edges[key].append((u, v))
        hosting = {u for u, _ in edges["hosts"]} | {u for u, _ in edges["leads"]}
        draw_edges = nx.draw_networkx_edges
        draw_edges(
            graph,
            pos,
            ax=ax,
            edgelist=edges["party"],
            edge_color="#999999",
            width=0.8,
            arrows=False,
        )
        draw_edges(
            graph,
            pos,
            ax=ax,
            edgelist=edges["funding"],
            edge_color="#777777",
            width=0.8,
            style="dotted",
            arrows=False,
        )
        draw_edges(
            graph, pos, ax=ax, edgelist=edges["hosts"], edge_color="black", width=3, arrows=False
        )
        draw_edges(
            graph,
            pos,
            ax=ax,
            edgelist=edges["leads"],
            edge_color="black",
            width=2.5,
            style="dashed",
            arrows=False,
        )
        draw_edges(
            graph,
            pos,
            ax=ax,
            edgelist=edges["depends on"],
            edge_color="#D55E00",
            width=1.8,
            arrows=True,
            arrowsize=14,
            connectionstyle="arc3,rad=0.15",
        )
        auths = list(self.authorities)
        nx.draw_networkx_nodes(
            graph,
            pos,
            ax=ax,
            nodelist=auths,
            node_shape="s",
            node_color="#DDDDDD",
            node_size=520,
            edgecolors=["black" if a in hosting else "#888888" for a in auths],
            linewidths=[3 if a in hosting else 1 for a in auths],
        )
        arrs = list(self.arrangements.values())
        nx.draw_networkx_nodes(
            graph,
            pos,
            ax=ax,
            nodelist=[a.id for a in arrs],
            node_shape="o",
            node_size=260,
            node_color=[KIND_COLOURS[a.kind] for a in arrs],
        )
        nx.draw_networkx_nodes(
            graph,
            pos,
            ax=ax,
            nodelist=list(self.external_bodies),
            node_shape="D",
            node_color="white",
            edgecolors="#555555",
            node_size=260,
        )
        nx.draw_networkx_labels(
            graph, pos, labels={c: c for c in auths}, ax=ax, font_size=8, font_weight="bold"
        )
        others = {a.id: _short(a.service) for a in arrs}
        others.update({b.id: _short(b.name) for b in self.external_bodies.values()})
        label_pos = {k: (x, y - 0.035) for k, (x, y) in pos.items()}
        nx.draw_networkx_labels(
            graph, label_pos, labels=others, ax=ax, font_size=6, verticalalignment="top"
        )
        line = lines_mod.Line2D
        handles = [
            line([], [], marker="o", linestyle="", color=colour, label=kind.value)
            for kind, colour in KIND_COLOURS.items()
        ] + [
            line(
                [],
                [],
                marker="s",
                linestyle="",
                color="#DDDDDD",
                markeredgecolor="black",
                label="authority (bold edge: hosts or leads)",
            ),
            line(
                [],
                [],
                marker="D",
                linestyle="",
                color="white",
                markeredgecolor="#555555",
                label="external body",
            ),
            line([], [], color="black", linewidth=3, label="hosts"),
            line([], [], color="black", linewidth=2.5, linestyle="dashed", label="leads"),
            line([], [], color="#D55E00", linewidth=1.8, label="depends on"),
        ]
        ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=False)
        if title:
            ax.set_title(title)
        if credit:
            fig.text(0.01, 0.005, credit, fontsize=6, color="#555555")
        if path is not None:
            fig.savefig(path, dpi=110, bbox_inches="tight")
        return fig

    # -- internals --------------------------------------------------------------------

    def _authority(self, code: str) -> Authority | Body:
        """The authority with ``code``, or the body with that id (a party that is not a
        council may withdraw too)."""
        if code in self.authorities:
            return self.authorities[code]
        if isinstance(code, str) and code in self.external_bodies:
            return self.external_bodies[code]
        what = "the code of an authority (or the id of a body) in the graph"
        raise UnknownId(expected("council", what, code))

    def _services(self) -> dict[str, str]:
        return {i: a.service for i, a in self.arrangements.items()}

    def _dependency_digraph(self) -> Any:
        """Arrangement ids, with an edge from each prerequisite to what depends on it."""
        if "deps" not in self._cache:
            nx = _nx()
            deps = nx.DiGraph()
            deps.add_nodes_from(self.arrangements)
            for a in self.arrangements.values():
                deps.add_edges_from((d, a.id) for d in a.depends_on)
            self._cache["deps"] = deps
        return self._cache["deps"]

    def _council_graph(self) -> Any:
        """Councils, joined when they share an arrangement."""
        if "councils" not in self._cache:
            nx = _nx()
            councils = nx.Graph()
            councils.add_nodes_from(self.authorities)
            for a in self.arrangements.values():
                ps = [p for p in a.parties if p in self.authorities]
                councils.add_edges_from(
                    (ps[i], ps[j]) for i in range(len(ps)) for j in range(i + 1, len(ps))
                )
            self._cache["councils"] = councils
        return self._cache["councils"]

    def _withdrawal_index(self) -> _WithdrawalIndex:
        if "withdrawal" not in self._cache:
            self._cache["withdrawal"] = _WithdrawalIndex(self)
        index: _WithdrawalIndex = self._cache["withdrawal"]
        return index


class _WithdrawalIndex:
    """Everything a withdrawal question needs, computed once per graph.

    Per-council arrangement lists, party counts, hosts and leads, partner sets, and for
    each arrangement the set of arrangements that depend on it transitively (as a bit
    mask over arrangement positions, so closures union cheaply).
    """

    def __init__(self, graph: PartnershipGraph) -> None:
        nx = _nx()
        self.graph = graph
        self.ids = sorted(graph.arrangements)
        self.pos = {ident: n for n, ident in enumerate(self.ids)}
        everyone = [*graph.authorities, *graph.external_bodies]
        self.of: dict[str, list[str]] = {c: [] for c in everyone}
        self.provides: dict[str, list[str]] = {c: [] for c in everyone}
        self.funds: dict[str, list[str]] = {c: [] for c in everyone}
        partners: dict[str, set[str]] = {c: set() for c in everyone}
        for ident in self.ids:
            a = graph.arrangements[ident]
            parties = a.parties
            for p in parties:
                self.of[p].append(ident)
                partners[p].update(parties)
            if a.provider is not None and a.provider not in parties:
                self.provides[a.provider].append(ident)
            for body in dict.fromkeys(a.funded_by):
                if body not in parties and body != a.provider:
                    self.funds[body].append(ident)
        self.partners = {c: frozenset(s - {c}) for c, s in partners.items()}
        # Transitive dependents, by strongly connected component so cycles cost nothing extra.
        deps = graph._dependency_digraph()
        condensed = nx.condensation(deps)
        reach: dict[int, int] = {}
        for node in reversed(list(nx.topological_sort(condensed))):
            mask = 0
            for member in condensed.nodes[node]["members"]:
                mask |= 1 << self.pos[member]
            for succ in condensed.successors(node):
                mask |= reach[succ]
            reach[node] = mask
        mapping = condensed.graph["mapping"]
        self.closure = [reach[mapping[ident]] for ident in self.ids]
        self.names = {c: graph.name(c) for c in everyone}
        self.services = graph._services()
        self.assumed = _assumed_notes(graph)

    def impact(self, code: str) -> WithdrawalImpact:
        arrangements = self.graph.arrangements
        mine = self.of[code]
        ended = [i for i in mine if len(arrangements[i].parties) < 2]
        dissolved = [i for i in mine if len(arrangements[i].parties) == 2]
        gone = {*dissolved, *ended}
        lose_host = [i for i in mine if i not in gone and arrangements[i].host == code]
        lose_lead = [i for i in mine if i not in gone and arrangements[i].lead == code]
        provides, funds = self.provides[code], self.funds[code]
        broken = 0
        reach = 0
        for ident in (*dissolved, *ended, *lose_host, *lose_lead, *provides, *funds):
            broken |= 1 << self.pos[ident]
            reach |= self.closure[self.pos[ident]]
        at_risk = _bits(reach & ~broken, self.ids)
        hit = reach  # broken and at-risk alike
        dependents = {
            i: tuple(sorted(d for d in arrangements[i].depends_on if hit >> self.pos[d] & 1))
            for i in at_risk
        }
        isolated = tuple(p for p in sorted(self.partners[code]) if self.partners[p] == {code})
        return WithdrawalImpact(
            code,
            tuple(mine),
            tuple(dissolved),
            tuple(lose_host),
            tuple(lose_lead),
            dependents,
            isolated,
            {c: self.names[c] for c in (code, *isolated)},
            {i: self.services[i] for i in (*mine, *provides, *funds, *at_risk)},
            assumed={
                i: self.assumed[i]
                for i in (*mine, *provides, *funds, *at_risk)
                if i in self.assumed
            },
            ended=tuple(ended),
            provides=tuple(provides),
            funds=tuple(funds),
            on=self.graph.on,
        )


def _assumed_notes(graph: PartnershipGraph) -> dict[str, tuple[str, ...]]:
    """Arrangement id to its assumed facts, one line each (for explanations)."""
    notes = {}
    for ident, a in graph.arrangements.items():
        lines = assumed_lines(a, a.service)
        if lines:
            notes[ident] = tuple(lines)
    return notes


def _bits(mask: int, ids: Sequence[str]) -> list[str]:
    out = []
    while mask:
        low = mask & -mask
        out.append(ids[low.bit_length() - 1])
        mask ^= low
    return out


def _recompute_withdrawal(graph: PartnershipGraph, code: str) -> WithdrawalImpact:
    """The withdrawal impact recomputed from scratch: the naive oracle for tests and benchmarks.

    Builds :meth:`PartnershipGraph.without`, compares it with the original, and walks the
    dependencies with ``networkx.descendants``; nothing is shared with the fast index.
    """
    nx = _nx()
    after = graph.without(code)
    mine = sorted(a.id for a in graph.arrangements.values() if code in a.parties)
    ended = [i for i in mine if graph.arrangements[i].parties == (code,)]
    dissolved = [
        i
        for i in mine
        if i not in ended
        and (i not in after.arrangements or len(after.arrangements[i].parties) < 2)
    ]
    gone = {*dissolved, *ended}
    lose_host = [i for i in mine if i not in gone and graph.arrangements[i].host == code]
    lose_lead = [i for i in mine if i not in gone and graph.arrangements[i].lead == code]
    provides = sorted(
        a.id for a in graph.arrangements.values() if a.provider == code and code not in a.parties
    )
    funds = sorted(
        a.id
        for a in graph.arrangements.values()
        if code in a.funded_by and code not in a.parties and a.provider != code
    )
    broken = {*dissolved, *ended, *lose_host, *lose_lead, *provides, *funds}
    deps = nx.DiGraph()
    deps.add_nodes_from(graph.arrangements)
    for a in graph.arrangements.values():
        deps.add_edges_from((d, a.id) for d in a.depends_on)
    hit = set(broken)
    for ident in broken:
        hit |= nx.descendants(deps, ident)
    at_risk = sorted(hit - broken)
    dependents = {
        i: tuple(sorted(d for d in graph.arrangements[i].depends_on if d in hit)) for i in at_risk
    }

    def partner_sets(g: PartnershipGraph) -> dict[str, set[str]]:
        sets: dict[str, set[str]] = {c: set() for c in (*g.authorities, *g.external_bodies)}
        for a in g.arrangements.values():
            for p in a.parties:
                sets[p].update(q for q in a.parties if q != p)
        return sets

    before_sets, after_sets = partner_sets(graph), partner_sets(after)
    isolated = tuple(
        sorted(c for c in after_sets if c != code and before_sets[c] and not after_sets[c])
    )
    return WithdrawalImpact(
        code,
        tuple(mine),
        tuple(dissolved),
        tuple(lose_host),
        tuple(lose_lead),
        dependents,
        isolated,
        {c: graph.name(c) for c in (code, *isolated)},
        {i: graph.arrangements[i].service for i in (*mine, *provides, *funds, *at_risk)},
        assumed={
            i: tuple(lines)
            for i in (*mine, *provides, *funds, *at_risk)
            if (lines := assumed_lines(graph.arrangements[i], graph.arrangements[i].service))
        },
        ended=tuple(ended),
        provides=tuple(provides),
        funds=tuple(funds),
        on=graph.on,
    )


# -- tables -----------------------------------------------------------------------------

_COLUMNS = ("id", "service", "parties")


def _rows(table: Any) -> tuple[Iterator[tuple[int, Mapping[str, Any]]], str]:
    """Number the rows of a CSV path, a DataFrame or an iterable of mappings."""
    if isinstance(table, str | os.PathLike):
        path = Path(table)
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = [(reader.line_num, row) for row in reader]
            missing = [c for c in _COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise InvalidValue(expected(f"{path}, columns", f"the columns {missing}", None))
        return iter(rows), f"{path}, line"
    if hasattr(table, "to_dict") and hasattr(table, "columns"):  # a pandas DataFrame
        missing = [c for c in _COLUMNS if c not in table.columns]
        if missing:
            raise InvalidValue(expected("table, columns", f"the columns {missing}", None))
        records = table.to_dict("records")
        return iter(list(enumerate(records, 1))), "table, row"
    if isinstance(table, Iterable) and not isinstance(table, str | bytes | Mapping):
        return iter(list(enumerate(table, 1))), "table, row"
    what = "a CSV path, a pandas DataFrame or an iterable of row mappings"
    raise InvalidValue(expected("table", what, table))


def _cell(row: Mapping[str, Any], column: str) -> Any:
    value = row.get(column)
    # NaN and pandas' NaT (a datetime subclass) are the only values unequal to themselves.
    if value is None or (isinstance(value, float | dt.date) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    return text or None


def _list(row: Mapping[str, Any], column: str) -> tuple[str, ...]:
    text = _cell(row, column)
    if text is None:
        return ()
    return tuple(part.strip() for part in str(text).split(";") if part.strip())


def _date(row: Mapping[str, Any], column: str, where: str) -> dt.date | None:
    value = _cell(row, column)
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidValue(
            expected(f"{where}: {column}", "an ISO date such as 2008-09-01", value)
        ) from None


_KINDS = {k.value: k for k in ArrangementKind} | {k.name.lower(): k for k in ArrangementKind}


def _arrangement(row: Mapping[str, Any], where: str) -> ServiceArrangement:
    if not isinstance(row, Mapping):
        raise InvalidValue(expected(where, "a row mapping column names to values", row))
    kind_text = _cell(row, "kind")
    kind = ArrangementKind.SHARED_SERVICE
    if kind_text is not None:
        key = str(kind_text).lower().replace("-", " ")
        if key not in _KINDS and key.replace(" ", "_") not in _KINDS:
            raise InvalidValue(
                expected(
                    f"{where}: kind", f"one of {[k.value for k in ArrangementKind]}", kind_text
                )
            )
        kind = _KINDS.get(key) or _KINDS[key.replace(" ", "_")]
    try:
        return ServiceArrangement(
            _cell(row, "id"),
            _cell(row, "service"),
            _list(row, "parties"),
            kind=kind,
            host=_cell(row, "host"),
            lead=_cell(row, "lead"),
            start=_date(row, "start", where),
            end=_date(row, "end", where),
            depends_on=_any(_list(row, "depends_on")),
            funded_by=_any(_list(row, "funded_by")),
            provider=_cell(row, "provider"),
        )
    except InvalidValue as exc:
        raise InvalidValue(f"{where}: {exc}") from exc


def _any(value: Any) -> Any:
    # ServiceArrangement converts these fields with ``tuple``, a converter mypy cannot type.
    return value


def _with_dependencies(a: ServiceArrangement, depends_on: list[str]) -> ServiceArrangement:
    return _evolved(a, depends_on=_any(tuple(depends_on)))


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _in_force(a: ServiceArrangement, date: dt.date) -> tuple[bool, str | None, str]:
    """Whether ``a`` is known to be in force on ``date``; if it may be but is not known to
    be, why not; and the assumed dates the answer rests on, in words ("" if none)."""
    term = a.term
    start = a.start if a.start is not None else term.start if term is not None else None
    end = a.end if a.end is not None else term.end if term is not None else None
    notes = {k: v for k, v in a.assumed.items() if k in ("start", "end", "term")}
    shown = {"start": start, "end": end, "term": "the trial"}
    dates = "; ".join(f"{k} {_iso(shown[k])} is assumed: {v.rstrip('.')}" for k, v in notes.items())
    if start is None:
        return False, "its start date is not given", ""
    if date < start:
        return False, None, dates if "start" in notes or "term" in notes else ""
    if end is not None:
        if end < date:
            return False, None, dates if "end" in notes or "term" in notes else ""
        return True, None, dates
    if term is not None and date >= term.trial_end:
        why = (
            f"its trial ran from {day(term.start)} to {day(term.trial_end)}, and the file "
            "records no end and no decision to continue it"
        )
        if "term" in notes or "start" in notes:
            why += " (those dates are assumed, not minuted)"
        return False, why, dates
    return True, None, dates


def _with_parties(a: ServiceArrangement, parties: tuple[str, ...]) -> ServiceArrangement:
    """``a`` with only ``parties``: a host or lead among the others is dropped, and so are
    their joining and leaving dates."""
    return _evolved(
        a,
        parties=parties,
        host=a.host if a.host in parties else None,
        lead=a.lead if a.lead in parties else None,
        joined={p: d for p, d in a.joined.items() if p in parties},
        left={p: d for p, d in a.left.items() if p in parties},
    )


def _evolved(a: ServiceArrangement, **changes: Any) -> ServiceArrangement:
    """``attrs.evolve`` that also drops the assumed note of a fact no longer there (a host
    who left) or changed (what was assumed of the old value is not said of the new)."""
    assumed = {
        k: v for k, v in a.assumed.items() if k not in changes or changes[k] == getattr(a, k)
    }
    return attrs.evolve(a, **changes, assumed=assumed)


def _graphml_value(value: Any) -> Any:
    """A GraphML-safe attribute value: str, int, float or bool; ``None`` to drop it."""
    if value is None:
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, ArrangementKind):
        return value.value
    if isinstance(value, tuple | list | frozenset | set):
        return ";".join(str(v) for v in value) if value else None
    return str(value)


def _layout(nx: Any, graph: Any, seed: int) -> tuple[dict[Any, Any], tuple[float, float]]:
    """A seeded spring layout per connected part, the parts packed in rows, largest first.

    One spring layout of a disconnected graph squeezes each part into a corner; laying
    out each part in its own box, sized by the square root of its node count, keeps
    every part readable. Returns the positions and the width and height used.
    """
    undirected = nx.Graph(graph.to_undirected())
    parts = sorted(nx.connected_components(undirected), key=lambda c: (-len(c), sorted(c)))
    total_width = 1.4 * math.sqrt(max(len(undirected), 1)) + 1
    pos: dict[Any, Any] = {}
    x = y = row = 0.0
    for part in parts:
        box = math.sqrt(len(part)) + 0.8
        if x and x + box > total_width:
            x, y, row = 0.0, y - row, 0.0
        sub = undirected.subgraph(part)
        local = (
            nx.spring_layout(sub, seed=seed, k=1.8 / math.sqrt(len(part)))
            if len(part) > 1
            else {next(iter(part)): (0.0, 0.0)}
        )
        if len(part) > 1:
            local = nx.rescale_layout_dict(local, scale=box * 0.4)
        for node, (px, py) in local.items():
            pos[node] = (x + box / 2 + px, y - box / 2 + py)
        x += box
        row = max(row, box)
    return pos, (total_width, row - y)


def _short(text: str, width: int = 22) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _nx() -> Any:
    return require("networkx", "graph")
