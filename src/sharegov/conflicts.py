"""Conflicts of interest: who may vote on an item, and who acts when a shared officer cannot.

Members declare interests on items of business; the law and the board's standing orders
then say whether they may stay and take part. Shared officers declare conflicts between
the authorities they serve (or personal ones); each authority's delegation scheme then
says who acts for it instead.

**Members.** A member with a *disclosable pecuniary interest* (the categories of the
Relevant Authorities (Disclosable Pecuniary Interests) Regulations 2012, SI 2012/1464)
in a matter "may not participate, or participate further, in any discussion of the matter
at the meeting" nor "participate in any vote, or further vote, taken on the matter"
(Localism Act 2011 s.31(4)); standing orders may also require them to withdraw from the
room (s.31(10)). For a *sensitive interest* only the fact of the interest is disclosed,
never its details (s.32). A dispensation may relieve the member of either or both
restrictions, on one of the grounds in s.33(2), for a period that "may not exceed four
years" (s.33(3)). Other registrable and non-registrable interests are the categories of
the authority's code of conduct, adopted under s.28 (which requires it to provide for
"interests other than pecuniary interests", s.28(2)), named as in the LGA Model
Councillor Code of Conduct 2020; what they mean is the code's, which
:class:`InterestOrders` or a declaration's ``effect`` records.

In a :meth:`~sharegov.boards.Board.decide` call, every effect that keeps a member out of
the vote maps to the board's existing ``excluded`` concept: the member counts neither in
the vote nor toward the quorum. The explanation says which provision excluded them, and
whether they withdrew from the room or stayed.

**Quorum and para 45.** "Where more than one-third of the members of a local authority
become disqualified at the same time, then, until the number of members in office is
increased to not less than two-thirds of the whole number of members of the authority,
the quorum of the authority shall be determined by reference to the number of members of
the authority remaining qualified instead of by reference to the whole number of members
of the authority" (LGA 1972 Sch 12 para 45). sharegov applies it to the members
disqualified from an item (see :func:`para_45_quorum`).

**Officers.** The Bromsgrove–Redditch concordat (5.4): the Acting Joint Chief Executive
"shall immediately inform the Monitoring Officer at each Council" of any conflict between
the Councils, and each Council appoints "a designated senior officer to act as a deputy";
Bromsgrove delegated to its Monitoring Officer, in consultation with the Leader, the power
to decide the most appropriate officer to act (Council, 17 September 2008, recommendation
2.1.3). :func:`who_acts` follows each authority's :class:`DelegationScheme`.

Examples:
    >>> import datetime as dt
    >>> d = Declaration("webb", "5", InterestKind.DISCLOSABLE_PECUNIARY,
    ...                 "Director of I&DeA", category=DpiCategory.EMPLOYMENT)
    >>> d.disclosed()
    'disclosable pecuniary interest (employment, office, trade, profession or vocation): \
Director of I&DeA'
    >>> Dispensation("webb", ["I&DeA funding"], DispensationGround.OTHERWISE_APPROPRIATE,
    ...              granted_by="Standards Committee",
    ...              start=dt.date(2012, 7, 1), until=dt.date(2016, 7, 1))
    Traceback (most recent call last):
    ...
    sharegov.errors.InvalidValue: until: expected a date less than 4 years after start \
2012-07-01, i.e. no later than 2016-06-30 (Localism Act 2011 s.33(3)), got \
2016-07-01
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from sharegov import statute
from sharegov._frozen import FrozenMap
from sharegov._validate import flag, instances, is_date, of_type, optional_date
from sharegov._words import day
from sharegov.errors import InvalidValue, InvalidVote, UnknownId, expected
from sharegov.parties import Member, Officer, Post, _identifier, _text
from sharegov.rules import Quorum, Tally
from sharegov.statute import DispensationRule, Regime, StandardsGround

__all__ = [
    "PARA_45",
    "Acting",
    "ConflictKind",
    "Declaration",
    "DelegationScheme",
    "Dispensation",
    "DispensationGround",
    "DpiCategory",
    "Effect",
    "Entry",
    "Interest",
    "InterestKind",
    "InterestOrders",
    "ItemRuling",
    "OfficerConflict",
    "Register",
    "StandardsGround",
    "Step",
    "WhoActs",
    "interest_kinds",
    "para_45_quorum",
    "rule_on_item",
    "who_acts",
]

PARA_45 = "LGA 1972 Sch 12 para 45"
#: A nation's law, as an adjective: "English law".
_LAW = {
    "england": "English",
    "wales": "Welsh",
    "scotland": "Scots",
    "northern ireland": "Northern Irish",
}
S31_4 = "Localism Act 2011 s.31(4)"
S31_10 = "s.31(10)"
S32 = "Localism Act 2011 s.32"
MAX_YEARS = 4


def _optional_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _optional_identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _identifier(instance, attribute, value)


def _matters(value: Any) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue(expected("matters", "a collection of strings", value))
    items = frozenset(value)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise InvalidValue(expected("matters", "non-empty strings", item))
    return items


def _add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved on by whole years; 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _ids(field: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue(expected(field, "a sequence of ids", value))
    items = tuple(value)
    for item in items:
        if not isinstance(item, str) or not item or item.split() != [item]:
            raise InvalidValue(expected(field, "ids without spaces", item))
    if len(set(items)) != len(items):
        raise InvalidValue(expected(field, "no repeated ids", items))
    return items


# ---------------------------------------------------------------------------------------------
# Interests
# ---------------------------------------------------------------------------------------------


class InterestKind(enum.Enum):
    """The kinds of interest a member may have in a matter."""

    DISCLOSABLE_PECUNIARY = "disclosable pecuniary interest"
    """Localism Act 2011 s.30(3), in the categories of SI 2012/1464 (see :class:`DpiCategory`)."""
    OTHER_REGISTRABLE = "other registrable interest"
    """From 1 July 2012 in England: registrable under the authority's code of conduct,
    adopted under Localism Act 2011 s.28, but not a disclosable pecuniary interest. The
    category is the code's, not the Act's or SI 2012/1464's (s.28(2) requires the code to
    provide for "interests other than pecuniary interests"); the name is the LGA Model
    Councillor Code of Conduct 2020's."""
    NON_REGISTRABLE = "non-registrable interest"
    """From 1 July 2012 in England: not on any register, but declared under the authority's
    code of conduct when a matter affects it (e.g. a friend's firm); likewise the code's
    category, named as in the LGA Model Councillor Code of Conduct 2020."""
    PERSONAL = "personal interest"
    """Before 1 July 2012 in England, and in Wales: an interest under the model code of
    conduct (2001 and 2007 English codes para 8; Welsh code 2008 para 10), declared, after
    which the member may remain and vote."""
    PREJUDICIAL = "prejudicial interest"
    """A personal interest so significant that it is likely to prejudice the member's
    judgement (2001 and 2007 English codes para 10; Welsh code para 12): the member
    withdraws (2007 code para 12; Welsh code para 14(1)(a))."""


class DpiCategory(enum.Enum):
    """The categories of disclosable pecuniary interest in the Schedule to SI 2012/1464."""

    EMPLOYMENT = "employment, office, trade, profession or vocation"
    SPONSORSHIP = "sponsorship"
    CONTRACTS = "contracts"
    LAND = "land"
    LICENCES = "licences"
    CORPORATE_TENANCIES = "corporate tenancies"
    SECURITIES = "securities"


class Effect(enum.Enum):
    """What a declared interest means for the member on that item.

    ``BARRED`` and ``WITHDRAW`` both keep the member out of the vote and out of the
    quorum (the board's ``excluded``); they differ only in whether the member leaves
    the room, which the minutes record.
    """

    REMAIN = "may remain and take part"
    BARRED = "takes no part in the discussion or vote"
    WITHDRAW = "withdraws from the meeting"

    @property
    def excludes(self) -> bool:
        """Whether the member is kept out of the vote (and the quorum)."""
        return self is not Effect.REMAIN


_STRENGTH = {Effect.REMAIN: 0, Effect.BARRED: 1, Effect.WITHDRAW: 2}


def _kind(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, InterestKind):
        kinds = ", ".join(f"InterestKind.{k.name}" for k in InterestKind)
        raise InvalidValue(expected(attribute.name, f"one of {kinds}", value))


def _category_fits(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, DpiCategory):
        raise InvalidValue(expected(attribute.name, "a DpiCategory or None", value))
    if instance.kind is not InterestKind.DISCLOSABLE_PECUNIARY:
        raise InvalidValue(
            f"category: only a disclosable pecuniary interest has an SI 2012/1464 category, "
            f"got {value!r} on a {instance.kind.value}"
        )


def _describe(kind: InterestKind, category: DpiCategory | None, sensitive: bool) -> str:
    text = kind.value
    if sensitive:
        return f"{text} (sensitive interest: details withheld under {S32})"
    if category is not None:
        text += f" ({category.value})"
    return text


@attrs.frozen
class Interest:
    """An entry in a member's register of interests.

    Args:
        kind: The kind of interest.
        matter: What the interest is in, e.g. ``"Director of I&DeA"``. Required: an
            interest in nothing cannot be registered. Never shown when ``sensitive``.
        category: For a disclosable pecuniary interest, its SI 2012/1464 category.
        sensitive: Disclosure could lead to violence or intimidation (s.32(1)); only the
            fact of the interest is then published.
        registered: The day it was entered in the register.
        ended: The last day it was held, or ``None`` while it continues.

    Examples:
        >>> import datetime as dt
        >>> i = Interest(InterestKind.DISCLOSABLE_PECUNIARY, "12 High Street, Bromsgrove",
        ...              category=DpiCategory.LAND, sensitive=True,
        ...              registered=dt.date(2012, 7, 1))
        >>> i.disclosed()
        'disclosable pecuniary interest (sensitive interest: details withheld under \
Localism Act 2011 s.32)'
        >>> "High Street" in repr(i)
        False
    """

    kind: InterestKind = attrs.field(validator=_kind)
    matter: str = attrs.field(validator=_text, repr=False)
    category: DpiCategory | None = attrs.field(default=None, kw_only=True, validator=_category_fits)
    sensitive: bool = attrs.field(default=False, kw_only=True, validator=flag())
    registered: dt.date = attrs.field(kw_only=True, validator=is_date)
    ended: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)

    def __attrs_post_init__(self) -> None:
        if self.ended is not None and self.ended < self.registered:
            raise InvalidValue(
                expected("ended", f"a date on or after registered {self.registered}", self.ended)
            )

    def held_on(self, on: dt.date) -> bool:
        """Whether the interest was held on ``on``."""
        return self.registered <= on and (self.ended is None or on <= self.ended)

    def disclosed(self) -> str:
        """The interest as it may be published: the matter is withheld if sensitive."""
        text = _describe(self.kind, self.category, self.sensitive)
        return text if self.sensitive else f"{text}: {self.matter}"


def _interests(value: Any) -> tuple[Interest, ...]:
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, Interest):
            raise InvalidValue(expected(f"interests[{i}]", "an Interest", item))
    return items


@attrs.frozen
class Register:
    """A member's register of interests, with dates.

    Examples:
        >>> import datetime as dt
        >>> reg = Register("webb", [
        ...     Interest(InterestKind.OTHER_REGISTRABLE, "Director of I&DeA",
        ...              registered=dt.date(2013, 5, 1), ended=dt.date(2014, 4, 30)),
        ...     Interest(InterestKind.DISCLOSABLE_PECUNIARY, "Home address",
        ...              category=DpiCategory.LAND, sensitive=True,
        ...              registered=dt.date(2013, 5, 1)),
        ... ])
        >>> print(reg.published(dt.date(2013, 11, 25)))
        Register of interests of webb on 25 November 2013:
          other registrable interest: Director of I&DeA (registered 1 May 2013)
          The member has an interest the details of which are withheld under section 32(2) \
of the Localism Act 2011 (registered 1 May 2013).
        >>> len(reg.on(dt.date(2015, 1, 1)))
        1
    """

    member: str = attrs.field(validator=_identifier)
    interests: tuple[Interest, ...] = attrs.field(default=(), converter=_interests)

    def on(self, on: dt.date) -> tuple[Interest, ...]:
        """The interests held on ``on``."""
        return tuple(i for i in self.interests if i.held_on(on))

    def published(self, on: dt.date) -> str:
        """The register as it may be published on ``on`` (s.29); sensitive details withheld."""
        lines = [f"Register of interests of {self.member} on {day(on)}:"]
        for i in self.on(on):
            since = f"(registered {day(i.registered)})"
            if i.sensitive:
                lines.append(
                    "  The member has an interest the details of which are withheld under "
                    f"section 32(2) of the Localism Act 2011 {since}."
                )
            else:
                lines.append(f"  {i.disclosed()} {since}")
        if len(lines) == 1:
            lines.append("  no interests registered")
        return "\n".join(lines)

    def declare(
        self,
        interest: Interest,
        item: str,
        *,
        matter: str | None = None,
        effect: Effect | None = None,
    ) -> Declaration:
        """A declaration of one of this member's registered interests on an item.

        Raises:
            UnknownId: ``interest`` is not in this register.
        """
        if interest not in self.interests:
            raise UnknownId(
                expected("interest", f"an interest registered by {self.member}", interest)
            )
        return Declaration(
            self.member,
            item,
            interest.kind,
            interest.matter,
            category=interest.category,
            sensitive=interest.sensitive,
            matter=matter,
            effect=effect,
        )


def _effect_allowed(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Effect):
        raise InvalidValue(expected(attribute.name, "an Effect or None", value))
    if value is Effect.REMAIN and instance.kind is InterestKind.DISCLOSABLE_PECUNIARY:
        raise InvalidValue(
            f"effect: a member with a disclosable pecuniary interest may not take part "
            f"({S31_4}); only a dispensation under s.33 can relieve that, got {value!r}"
        )
    if value is Effect.REMAIN and instance.kind is InterestKind.PREJUDICIAL:
        raise InvalidValue(
            "effect: a member with a prejudicial interest must withdraw (the model codes of "
            f"conduct); only a standards committee's dispensation can relieve that, got {value!r}"
        )


@attrs.frozen
class Declaration:
    """An interest declared by a member on an item of business at a meeting.

    Args:
        member: The member's id.
        item: The agenda item it is declared on, e.g. ``"5"``.
        kind: The kind of interest.
        detail: What the interest is, as declared (required; withheld if ``sensitive``).
        category: For a disclosable pecuniary interest, its SI 2012/1464 category.
        sensitive: Only the fact of the interest is disclosed (s.32(3)).
        matter: The matter the item concerns, which a dispensation's scope names;
            by default the item itself.
        effect: What the interest means on this item, overriding the board's
            :class:`InterestOrders` (for instance when the code of conduct requires a
            member with an other registrable interest to withdraw because the matter
            directly relates to it).

    Raises:
        InvalidValue: A missing detail or item, a category on a non-pecuniary interest,
            or ``effect=Effect.REMAIN`` on a disclosable pecuniary interest.
    """

    member: str = attrs.field(validator=_identifier)
    item: str = attrs.field(validator=_text)
    kind: InterestKind = attrs.field(validator=_kind)
    detail: str = attrs.field(validator=_text, repr=False)
    category: DpiCategory | None = attrs.field(default=None, kw_only=True, validator=_category_fits)
    sensitive: bool = attrs.field(default=False, kw_only=True, validator=flag())
    matter: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    effect: Effect | None = attrs.field(default=None, kw_only=True, validator=_effect_allowed)

    @property
    def subject(self) -> str:
        """The matter a dispensation must name to cover this declaration."""
        return self.matter if self.matter is not None else self.item

    def disclosed(self) -> str:
        """The declaration as the minutes may record it; the detail is withheld if sensitive."""
        text = _describe(self.kind, self.category, self.sensitive)
        return text if self.sensitive else f"{text}: {self.detail}"

    def particulars(self) -> str:
        """What was declared, for an explanation; only the fact if sensitive (s.32).

        Examples:
            >>> Declaration("luck", "7", InterestKind.DISCLOSABLE_PECUNIARY, "12 High St",
            ...             category=DpiCategory.LAND, sensitive=True).particulars()
            'details withheld: a sensitive interest (Localism Act 2011 s.32)'
        """
        if self.sensitive:
            return f"details withheld: a sensitive interest ({S32})"
        category = f" ({self.category.value})" if self.category is not None else ""
        return f"declared: {self.detail}{category}"


@attrs.frozen
class InterestOrders:
    """A board's standing orders on interests: what each kind of interest means on an item.

    The defaults are the statute's: a disclosable pecuniary interest bars the member from
    the discussion and vote (s.31(4)) but the Act does not itself remove them from the
    room; other interests do not bar them. Standing orders may require withdrawal
    (s.31(10)) and may restrict other interests under the code of conduct.

    ``InterestOrders()`` (the defaults, no ``source``) means that no standing orders are
    recorded: explanations then never say that a member acted "under the board's standing
    orders"; they cite the law, or say the effect was recorded at the meeting or assumed.

    Args:
        disclosable_pecuniary: ``Effect.BARRED`` or ``Effect.WITHDRAW``.
        other_registrable: The effect of an other registrable interest.
        non_registrable: The effect of a non-registrable interest.
        source: How the orders are cited in explanations, e.g. ``"Standing Order 12"``;
            ``None`` cites them as "the board's standing orders" when they differ from
            the defaults, and as not recorded otherwise.

    Examples:
        >>> InterestOrders(disclosable_pecuniary=Effect.WITHDRAW).describe()
        'disclosable pecuniary interest: withdraws from the meeting; other registrable \
interest: may remain and take part; non-registrable interest: may remain and take part'
        >>> InterestOrders().cited is None, InterestOrders(source="SO 12").cited
        (True, 'SO 12')
    """

    disclosable_pecuniary: Effect = attrs.field(default=Effect.BARRED, kw_only=True)
    other_registrable: Effect = attrs.field(
        default=Effect.REMAIN,
        kw_only=True,
        validator=of_type(Effect, "an Effect, e.g. Effect.WITHDRAW"),
    )
    non_registrable: Effect = attrs.field(
        default=Effect.REMAIN,
        kw_only=True,
        validator=of_type(Effect, "an Effect, e.g. Effect.WITHDRAW"),
    )
    source: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)

    @disclosable_pecuniary.validator
    def _dpi(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value not in (Effect.BARRED, Effect.WITHDRAW):
            raise InvalidValue(
                expected(
                    "disclosable_pecuniary",
                    f"Effect.BARRED or Effect.WITHDRAW ({S31_4} bars the member)",
                    value,
                )
            )

    @property
    def recorded(self) -> bool:
        """Whether standing orders on interests are recorded (a source, or an effect other
        than the statutory default)."""
        return self.source is not None or (
            self.disclosable_pecuniary,
            self.other_registrable,
            self.non_registrable,
        ) != (Effect.BARRED, Effect.REMAIN, Effect.REMAIN)

    @property
    def cited(self) -> str | None:
        """How explanations cite the orders, or ``None`` when none are recorded."""
        if not self.recorded:
            return None
        return self.source if self.source is not None else "the board's standing orders"

    def speaks_to(self, kind: InterestKind) -> bool:
        """Whether the recorded orders set the effect of ``kind`` (they have no field for
        the model codes' personal and prejudicial interests)."""
        return self.recorded and kind in _ORDERED

    def effect(self, kind: InterestKind) -> Effect:
        """What an interest of ``kind`` means on an item under these orders."""
        if kind is InterestKind.DISCLOSABLE_PECUNIARY:
            return self.disclosable_pecuniary
        if kind is InterestKind.OTHER_REGISTRABLE:
            return self.other_registrable
        if kind is InterestKind.PREJUDICIAL:
            return Effect.WITHDRAW
        if kind is InterestKind.PERSONAL:
            return Effect.REMAIN
        return self.non_registrable

    def provision(self, kind: InterestKind, effect: Effect) -> str:
        """The provision that gives ``effect`` to an interest of ``kind``, for explanations.

        Examples:
            >>> InterestOrders().provision(InterestKind.DISCLOSABLE_PECUNIARY, Effect.WITHDRAW)
            'Localism Act 2011 s.31(4); withdrew from the room, as recorded (s.31(10))'
        """
        if kind is InterestKind.DISCLOSABLE_PECUNIARY:
            if effect is Effect.WITHDRAW:
                if self.cited is not None and self.disclosable_pecuniary is Effect.WITHDRAW:
                    return f"{S31_4}; withdrew under {self.cited}, {S31_10}"
                return f"{S31_4}; withdrew from the room, as recorded ({S31_10})"
            return S31_4
        return self.standing(kind, effect)

    def describe(self) -> str:
        """The orders in plain English."""
        return "; ".join(f"{kind.value}: {self.effect(kind).value}" for kind in _ORDERED)

    def standing(self, kind: InterestKind, effect: Effect) -> str:
        """Where no statutory regime applies: ``effect`` as the board's own orders give it,
        or, where they are not recorded or do not give it, as assumed.

        Examples:
            >>> InterestOrders().standing(InterestKind.DISCLOSABLE_PECUNIARY, Effect.BARRED)
            'barred from the discussion and vote (assumed: no standing orders on interests \
are recorded)'
            >>> orders = InterestOrders(disclosable_pecuniary=Effect.WITHDRAW, source="SO 12")
            >>> orders.standing(InterestKind.DISCLOSABLE_PECUNIARY, Effect.WITHDRAW)
            'withdrew under SO 12'
        """
        cited = self.cited
        if cited is None:
            return f"{_VERB[effect]} (assumed: no standing orders on interests are recorded)"
        if not self.speaks_to(kind) or self.effect(kind) is not effect:
            return f"{_VERB[effect]} (assumed: not provided for by {cited})"
        if effect is Effect.WITHDRAW:
            return f"withdrew under {cited}"
        if effect is Effect.BARRED:
            return f"barred from the discussion and vote by {cited}"
        return f"may remain and vote under {cited}"


_ORDERED = (
    InterestKind.DISCLOSABLE_PECUNIARY,
    InterestKind.OTHER_REGISTRABLE,
    InterestKind.NON_REGISTRABLE,
)
#: An effect as an explanation states it.
_VERB = {
    Effect.WITHDRAW: "withdrew",
    Effect.BARRED: "barred from the discussion and vote",
    Effect.REMAIN: "may remain and vote",
}


# ---------------------------------------------------------------------------------------------
# Dispensations
# ---------------------------------------------------------------------------------------------


class DispensationGround(enum.Enum):
    """The grounds on which a dispensation may be granted (Localism Act 2011 s.33(2))."""

    IMPEDE_BUSINESS = "a"
    """So many members of the decision-making body have disclosable pecuniary interests in a
    matter that it would impede the transaction of the business."""
    POLITICAL_BALANCE = "b"
    """Without the dispensation, the representation of different political groups on the
    body transacting the business would be so upset as to alter the likelihood of any
    outcome."""
    AREA_INTEREST = "c"
    """The authority considers that the dispensation is in the interests of persons living
    in the authority's area."""
    WHOLE_EXECUTIVE = "d"
    """Every member of the authority's executive would be prohibited by s.31(4) from
    participating in business of the executive."""
    OTHERWISE_APPROPRIATE = "e"
    """The authority considers that it is otherwise appropriate to grant a dispensation."""

    @property
    def citation(self) -> str:
        """E.g. ``"Localism Act 2011 s.33(2)(a)"``."""
        return f"Localism Act 2011 s.33(2)({self.value})"

    @property
    def words(self) -> str:
        """The ground in a short phrase for explanations."""
        return _GROUND_WORDS[self]


_GROUND_WORDS = {
    DispensationGround.IMPEDE_BUSINESS: "so many members have disclosable pecuniary interests "
    "that it would impede the transaction of the business",
    DispensationGround.POLITICAL_BALANCE: "without it the representation of political groups "
    "would be so upset as to alter the likelihood of any outcome",
    DispensationGround.AREA_INTEREST: "in the interests of persons living in the area",
    DispensationGround.WHOLE_EXECUTIVE: "every member of the executive would be prohibited",
    DispensationGround.OTHERWISE_APPROPRIATE: "otherwise appropriate",
}


def _optional_ground(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, DispensationGround):
        raise InvalidValue(
            expected(attribute.name, "a DispensationGround (Localism Act 2011 s.33(2))", value)
        )


def _optional_standards_ground(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, StandardsGround):
        raise InvalidValue(expected(attribute.name, "a StandardsGround or None", value))


@attrs.frozen
class Dispensation:
    """A dispensation for one member, for named matters, under the law of its start date.

    From 1 July 2012 in England a dispensation is granted under Localism Act 2011 s.33 on a
    ``ground`` of s.33(2), for less than 4 years (s.33(3)). Before then in England, and in
    Wales, the standards committee granted it under LGA 2000 s.81(4) on a
    ``standards_ground`` (SI 2002/339, then SI 2009/1255 from 15 June 2009; in Wales
    SI 2001/2279 (W.169)): give exactly one of the two.

    Args:
        member: The member's id.
        matters: The matters it covers (a declaration's :attr:`Declaration.subject`).
        ground: The s.33(2) ground on which it was granted (from 1 July 2012, England).
        standards_ground: The standards committee's ground (before 1 July 2012 in
            England, or in Wales).
        granted_by: Who granted it, e.g. ``"BDC Standards Committee"``.
        start: The first day it has effect.
        until: The last day it has effect; less than 4 years after ``start`` where the law
            of its ground limits it so (s.33(3); SI 2009/1255).
        discussion: Whether it relieves the bar on discussion.
        vote: Whether it relieves the bar on voting; only then does the member count.

    The statute's dispensations are for disclosable pecuniary (or prejudicial) interests;
    sharegov applies one to any declaration it covers, as codes of conduct commonly extend
    the same procedure to other interests. Only one under s.33 (``ground``) lifts the bar on
    a disclosable pecuniary interest (s.31(4)): a ``standards_ground`` one is not applied to
    such a declaration, as one outside its dates is not, and the explanation says so.

    Raises:
        InvalidValue: No matters, no ground or two, a ground not available on ``start``
            (an s.33 ground before 1 July 2012), ``until`` before ``start`` or past the
            ground's limit, or a dispensation that relieves nothing.

    Examples:
        >>> import datetime as dt
        >>> d = Dispensation("webb", ["I&DeA funding"],
        ...                  standards_ground=StandardsGround.ENGLAND_2009_IMPEDED,
        ...                  granted_by="BDC Standards Committee",
        ...                  start=dt.date(2009, 9, 1), until=dt.date(2010, 8, 31))
        >>> d.describe()
        'dispensation for the discussion and vote granted by BDC Standards Committee under \
LGA 2000 s.81(4); SI 2009/1255 reg 17(1)(a)(i), in effect 1 September 2009 to 31 August 2010'
        >>> Dispensation("webb", ["I&DeA funding"], DispensationGround.IMPEDE_BUSINESS,
        ...              granted_by="BDC Standards Committee",
        ...              start=dt.date(2009, 9, 1), until=dt.date(2010, 8, 31))
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: ground: a dispensation under Localism Act 2011 s.33 \
can take effect only from 1 July 2012 (SI 2012/1463 art. 2(e)), got one starting \
1 September 2009: before then the standards committee granted it under LGA 2000 s.81(4); \
give the standards committee's ground instead: in a file, standards_ground = \
"SI 2009/1255 reg 17(1)(a)(i)"; in Python, standards_ground=StandardsGround.ENGLAND_2009_IMPEDED \
(the grounds that day: "SI 2009/1255 reg 17(1)(a)(i)", "SI 2009/1255 reg 17(1)(a)(ii)")
    """

    member: str = attrs.field(validator=_identifier)
    matters: frozenset[str] = attrs.field(converter=_matters)
    ground: DispensationGround | None = attrs.field(default=None, validator=_optional_ground)
    standards_ground: StandardsGround | None = attrs.field(
        default=None, kw_only=True, validator=_optional_standards_ground
    )
    granted_by: str = attrs.field(kw_only=True, validator=_text)
    start: dt.date = attrs.field(kw_only=True, validator=is_date)
    until: dt.date = attrs.field(kw_only=True, validator=is_date)
    discussion: bool = attrs.field(default=True, kw_only=True, validator=flag())
    vote: bool = attrs.field(default=True, kw_only=True, validator=flag())

    def __attrs_post_init__(self) -> None:
        if not self.matters:
            raise InvalidValue(expected("matters", "at least one matter", set()))
        self._check_ground()
        if self.until < self.start:
            raise InvalidValue(
                expected("until", f"a date on or after start {self.start}", self.until)
            )
        years, source = self.max_years
        limit = _add_years(self.start, years) if years is not None else None
        if limit is not None and self.until >= limit:
            last = limit - dt.timedelta(days=1)
            raise InvalidValue(
                expected(
                    "until",
                    f"a date less than {years} years after start {self.start}, i.e. no later "
                    f"than {last} ({source})",
                    self.until,
                )
            )
        if not (self.discussion or self.vote):
            raise InvalidValue("discussion, vote: a dispensation must relieve at least one of them")

    def _check_ground(self) -> None:
        if (self.ground is None) == (self.standards_ground is None):
            raise InvalidValue(
                expected(
                    "ground, standards_ground",
                    "exactly one: an s.33(2) ground from 1 July 2012 in England, else the "
                    "standards committee's ground",
                    (self.ground, self.standards_ground),
                )
            )
        if self.ground is not None and self.start < statute.LOCALISM_FROM:
            usable = [
                g
                for g in StandardsGround
                if g.nation == statute.ENGLAND and g.available(self.start)
            ]
            if usable:
                first = usable[0]
                instead = (
                    f"give the standards committee's ground instead: in a file, "
                    f'standards_ground = "{first.value}"; in Python, '
                    f"standards_ground=StandardsGround.{first.name} (the grounds that day: "
                    + ", ".join(f'"{u.value}"' for u in usable)
                    + ")"
                )
            else:
                instead = "no standards committee's ground is modelled for that date"
            raise InvalidValue(
                "ground: a dispensation under Localism Act 2011 s.33 can take effect only from "
                f"1 July 2012 (SI 2012/1463 art. 2(e)), got one starting {day(self.start)}: "
                "before then the standards committee granted it under LGA 2000 s.81(4); " + instead
            )
        g = self.standards_ground
        if g is not None and not g.available(self.start):
            until = f" to {day(g.end)}" if g.end is not None else ""
            raise InvalidValue(
                f"standards_ground: {g.value} could be used only from {day(g.start)}{until}, "
                f"got a dispensation starting {day(self.start)}"
            )

    @property
    def citation(self) -> str:
        """The provision it was granted under, e.g. ``"Localism Act 2011 s.33(2)(a)"``."""
        ground = self.ground if self.ground is not None else self.standards_ground
        return ground.citation if ground is not None else ""

    @property
    def nation(self) -> str:
        """The nation whose law it was granted under."""
        if self.standards_ground is not None:
            return self.standards_ground.nation
        return statute.ENGLAND

    @property
    def max_years(self) -> tuple[int | None, str]:
        """The longest it may last under its ground's law (``None``: no limit modelled), and
        the provision that says so."""
        if self.ground is not None:
            return MAX_YEARS, "Localism Act 2011 s.33(3)"
        g = self.standards_ground
        if g is StandardsGround.ENGLAND_2009_IMPEDED or (
            g is StandardsGround.ENGLAND_2009_POLITICAL_BALANCE
        ):
            return MAX_YEARS, "SI 2009/1255 reg 17"
        return None, ""

    def in_force(self, on: dt.date) -> bool:
        """Whether the dispensation has effect on ``on``."""
        return self.start <= on <= self.until

    def covers(self, declaration: Declaration, on: dt.date) -> bool:
        """Whether it applies to ``declaration`` at a meeting on ``on``: same member, a
        matter in scope, and a date inside its period."""
        return (
            declaration.member == self.member
            and declaration.subject in self.matters
            and self.in_force(on)
        )

    def describe(self) -> str:
        """The dispensation in words for the minutes."""
        relieves = (
            "the discussion and vote"
            if self.discussion and self.vote
            else ("the vote" if self.vote else "the discussion only")
        )
        text = (
            f"dispensation for {relieves} granted by {self.granted_by} under "
            f"{self.citation}, in effect {day(self.start)} to {day(self.until)}"
        )
        g = self.standards_ground
        if g is not None and g.review is not None:
            text += f", {g.review}"
        if g is not None and g.nation == statute.WALES:
            # No limit on a Welsh dispensation's length is modelled (not verified here).
            text += " (no limit on its length is modelled here: not verified)"
        return text


# ---------------------------------------------------------------------------------------------
# Ruling on an item
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Entry:
    """What one member's declarations mean on one item.

    Attributes:
        member: The member's id.
        label: The member as named in minutes, e.g. ``"Cllr J. Luck, BDC"``.
        declarations: What they declared (none for a member excluded directly).
        effect: The strongest effect of their declarations, before any dispensation.
        dispensation: The dispensation that applied, if any.
        excluded: Whether they are kept out of the vote and the quorum.
        reason: The interest and provision, for the explanation.
    """

    member: str
    label: str
    declarations: tuple[Declaration, ...]
    effect: Effect
    dispensation: Dispensation | None
    excluded: bool
    reason: str


@attrs.frozen
class ItemRuling:
    """Who is excluded from an item by interests, and what that does to the quorum.

    Built by :func:`rule_on_item` (``Board.decide`` does so when given declarations).

    Attributes:
        item: The item, if named.
        entries: One per member who declared (or was excluded), in roster order.
        excluded: Every voting member kept out of the vote and the quorum.
        quorum: The quorum that applies to the item (after para 45), or ``None``.
        members_in_office: Voting members appointed to the board.
        voting_seats: The whole number of voting seats.
        unreachable: The quorum cannot be met even if every member not excluded attends.
        recounted: Para 45 changed the quorum (it was set as a fraction).
        regime: The statutory regime applied (see :func:`sharegov.statute.regime`), or
            ``None`` where only the board's standing orders were.
        on: The date of the meeting, if given.
        note: The line saying which law was applied, or that none was.
        orders: How the board's recorded standing orders on interests are cited, or
            ``None`` where none are recorded.
        interested: Voting members who declared an interest in the item.
    """

    item: str | None
    entries: tuple[Entry, ...]
    excluded: frozenset[str]
    quorum: Quorum | None
    members_in_office: int
    voting_seats: int
    unreachable: bool = False
    recounted: bool = False
    regime: Regime | None = attrs.field(default=None, kw_only=True)
    on: dt.date | None = attrs.field(default=None, kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)
    orders: str | None = attrs.field(default=None, kw_only=True)
    interested: int = attrs.field(default=0, kw_only=True)

    @property
    def para_45(self) -> bool:
        """Whether more than a third of the members are disqualified (para 45 applies)."""
        return 3 * len(self.excluded) > self.voting_seats

    def lines(self) -> list[str]:
        """Lines for an outcome's explanation, deterministic."""
        out: list[str] = []
        if self.note is not None and any(e.declarations for e in self.entries):
            out.append(self.note)
        excluded = [e for e in self.entries if e.excluded]
        if excluded:
            out.append(
                "Excluded from this item: "
                + "; ".join(f"{e.label} ({e.reason})" if e.reason else e.label for e in excluded)
                + "."
            )
        for e in self.entries:
            if e.dispensation is not None:
                part = "may take part and vote" if e.dispensation.vote else "may speak, not vote"
                out.append(f"Dispensation: {e.label} {part} ({e.reason}).")
        remain = [e for e in self.entries if not e.excluded and e.dispensation is None]
        if remain:
            out.append(
                "Declared, may remain and vote: "
                + "; ".join(f"{e.label} ({e.reason})" for e in remain)
                + "."
            )
        if self.para_45 and self.quorum is not None:
            n, seats = len(self.excluded), self.voting_seats
            remaining = self.members_in_office - n
            if self.recounted:
                out.append(
                    f"More than a third of the members are disqualified ({n} of {seats}), so the "
                    f"quorum is counted on the {remaining} remaining qualified ({PARA_45}): "
                    f"{self.quorum.describe()}."
                )
            else:
                out.append(
                    f"More than a third of the members are disqualified ({n} of {seats}), but "
                    f"the quorum is a fixed number, which {PARA_45} leaves unchanged."
                )
        if self.unreachable:
            out.append(
                "Business cannot be transacted on this item: with these exclusions the quorum "
                "cannot be reached even if every other member attends."
            )
        if self.unreachable or (self.para_45 and self.quorum is not None):
            out.append(self._dispensation_line())
        return out

    def _dispensation_line(self) -> str:
        rule = (
            self.regime.dispensation(self.on)
            if self.regime is not None and self.on is not None
            else None
        )
        if rule is None:
            if self.orders is not None:
                return (
                    f"A dispensation could be sought under {self.orders}; no statutory "
                    "grounds are cited, as no statutory regime was applied."
                )
            return (
                "No statutory grounds for a dispensation are cited, as no statutory regime was "
                "applied, and no standing orders on dispensations are recorded."
            )
        if not rule.grounds:
            first, second = DispensationGround.IMPEDE_BUSINESS, DispensationGround.POLITICAL_BALANCE
            return (
                f"A dispensation could be sought from {rule.grants_by}, on the grounds in "
                f"{first.citation} ({first.words}) or {second.citation} ({second.words})."
            )
        return self._standards_line(rule)

    def _standards_line(self, rule: DispensationRule) -> str:
        """The standards committee's grounds that the facts of the item meet, those that are
        the committee's judgement, and why each other ground of the day is not offered."""
        on = self.on
        usable = [g for g in rule.grounds if on is not None and g.available(on)]
        n, members = len(self.excluded), self.members_in_office
        met: list[StandardsGround] = []
        judged: list[StandardsGround] = []
        why_not: list[str] = []
        unworded: list[StandardsGround] = []
        for g in usable:
            if not g.for_joint_board:
                why_not.append(f"{g.value} concerns an authority's executive, not a joint board")
                continue
            if not g.worded:
                unworded.append(g)
                continue
            answer = g.met(prohibited=n, interested=self.interested, members=members)
            if answer is None:
                judged.append(g)
            elif answer:
                met.append(g)
            elif g is StandardsGround.WALES_A:
                why_not.append(
                    f"{g.value} needs no fewer than half of the members to have an interest, "
                    f"and {self.interested} of {members} have"
                )
            else:
                why_not.append(
                    f"{g.value} needs more than half of the members entitled to vote to be "
                    f"prohibited, and {n} of {members} are"
                )
        offers: list[str] = []
        if met:
            offers.append(
                "on the grounds in "
                + " or ".join(f"{g.value} ({g.words}), which the facts meet" for g in met)
                + ("," if judged or unworded else "")
            )
        if judged:
            offers.append(
                ("or, " if met else "")
                + "if the committee so finds, on the grounds in "
                + " or ".join(f"{g.value} ({g.words})" for g in judged)
                + ("," if unworded else "")
            )
        if unworded:
            first, *rest = [g.value for g in unworded]
            cites = ", ".join([first, *(r.rsplit(" ", 1)[1] for r in rest)])
            offers.append(
                ("or, " if offers else "")
                + f"if the committee finds one met, on a ground in {cites} (their words are "
                "not modelled here: not verified)"
            )
        head = f"A dispensation could be sought from {rule.grants_by} ({rule.under})"
        gap = ", " if offers and offers[0].startswith("if") else " "
        line = (
            f"{head}{gap}{' '.join(offers)}."
            if offers
            else (
                f"No ground for a dispensation from {rule.grants_by} ({rule.under}) is met on "
                "these facts."
            )
        )
        if why_not:
            line += " Not offered: " + "; ".join(why_not) + "."
        return line


def para_45_quorum(
    quorum: Quorum, *, members_in_office: int, voting_seats: int, disqualified: int
) -> Quorum:
    """The quorum after LGA 1972 Sch 12 para 45, when ``disqualified`` members are out.

    Para 45 applies when more than one-third of the whole number of members (the voting
    seats) are disqualified at the same time; the quorum is then "determined by reference
    to the number of members ... remaining qualified instead of by reference to the whole
    number of members". So:

    - ``fraction`` (a quorum set by reference to the whole number) is recounted on the
      members remaining qualified: the members in office less those disqualified;
    - ``at_least`` and ``each_authority`` are fixed numbers, not set by reference to the
      whole number, so para 45 leaves them as they are.

    The result replaces ``fraction`` by the equivalent ``at_least``. Otherwise ``quorum``
    is returned unchanged.

    Examples:
        >>> from fractions import Fraction
        >>> q = Quorum(fraction=Fraction(1, 2))
        >>> para_45_quorum(q, members_in_office=6, voting_seats=6, disqualified=3)
        Quorum(at_least=2, fraction=None, each_authority=None)
        >>> para_45_quorum(q, members_in_office=6, voting_seats=6, disqualified=2) is q
        True
    """
    if quorum.fraction is None or 3 * disqualified <= voting_seats:
        return quorum
    remaining = max(members_in_office - disqualified, 0)
    need = max(quorum.at_least or 0, quorum.required(remaining), 1)
    return Quorum(at_least=need, each_authority=quorum.each_authority)


def _reachable(
    quorum: Quorum, members: Iterable[Member], seats: Mapping[str, int], excluded: frozenset[str]
) -> bool:
    """Whether ``quorum`` can be met with every voting member present except ``excluded``."""
    voting = {m.id: m.authority for m in members if m.voting}
    everyone = Tally({}, authority_of=voting, seats=seats, excluded=excluded & voting.keys())
    return bool(quorum.check(everyone))


def rule_on_item(
    declarations: Iterable[Declaration],
    *,
    members: Iterable[Member],
    seats: Mapping[str, int],
    quorum: Quorum | None = None,
    orders: InterestOrders | None = None,
    dispensations: Iterable[Dispensation] = (),
    on: dt.date | None = None,
    item: str | None = None,
    absent: Iterable[str] = (),
    excluded: Iterable[str] = (),
    body: str = "the board",
    nation: str | None = None,
) -> ItemRuling:
    """Apply declarations (and dispensations) to one item of a board's business.

    With ``on`` and ``nation`` given, the statutory regime in force that day in that
    nation (:func:`sharegov.statute.regime`) decides what each declared interest means,
    and the explanation cites it: before 1 July 2012 in England, and in Wales, a
    prejudicial interest means the member withdraws and a personal interest that they
    may remain and vote (the model codes of conduct); from 1 July 2012 in England, a
    disclosable pecuniary interest bars them from the discussion and vote (Localism Act
    2011 s.31(4)). A kind of interest the regime does not know is refused.

    Every declaration given is checked against the law of ``on``, whatever its item, so a
    meeting's record is judged whole. Where no regime applies, the explanation says why
    (no date; no regime modelled, as in Scotland; or the nation not known) and no statute
    is cited for the effect, which comes from the declaration's recorded ``effect``, else
    the board's recorded :class:`InterestOrders`, else is assumed and said to be. Even
    then, a kind the law created only after ``on`` is refused (a disclosable pecuniary
    interest before 1 July 2012); and where the nation is not known, so is a kind that no
    modelled nation's law knew on ``on``, and an effect on which every such law agrees
    is assumed, citing them. Standing orders are cited only where recorded.

    Args:
        declarations: Interests declared at the meeting. With ``item`` given, only those
            on that item apply; without it, all must be on the same item.
        members: The board's members (see :attr:`~sharegov.boards.Board.members`).
        seats: The board's voting seats per authority.
        quorum: The board's quorum, if any.
        orders: The board's standing orders on interests; the statutory defaults if omitted.
        dispensations: Dispensations held by members; each applies only inside its dates
            and to the matters it names.
        on: The date of the meeting; required when dispensations are given.
        item: The item being decided.
        absent: Members not present (they cannot declare at the meeting).
        excluded: Members excluded from the item directly (an interest recorded elsewhere).
        body: The board's name, for messages.
        nation: The board's nation (``"england"``, ``"wales"``, ``"scotland"`` or
            ``"northern ireland"``; see :func:`sharegov.statute.nation_of_gss`), or
            ``None`` if not known or mixed.

    Returns:
        The :class:`ItemRuling`.

    Raises:
        UnknownId: A declaration or dispensation for someone who is not a member.
        InvalidVote: An absent member who declared, declarations on several items with no
            ``item=``, dispensations without ``on=``, a kind of interest the law of the
            date does not know (``declarations[i].kind``, with what that law offers), or a
            dispensation granted under another nation's law.

    Examples:
        >>> import datetime as dt
        >>> from sharegov.reference import bromsgrove_redditch_board
        >>> board = bromsgrove_redditch_board()
        >>> webb = Declaration("webb", "5", InterestKind.PREJUDICIAL, "Director of I&DeA")
        >>> ruling = rule_on_item([webb], members=board.members, seats=board.seats,
        ...                       on=dt.date(2009, 11, 27), nation="england")
        >>> for line in ruling.lines():
        ...     print(line)
        Members' interests are ruled under the Model Code of Conduct 2007 (SI 2007/1159), \
in force in England on 27 November 2009.
        Excluded from this item: Cllr M. Webb, BDC (prejudicial interest: withdrew under \
Model Code of Conduct 2007 (SI 2007/1159) para 12; where the public may attend to make \
representations, answer questions or give evidence on the business, the member may do so \
first, then withdraws (para 12(2)); declared: Director of I&DeA).
        >>> dpi = attrs.evolve(webb, kind=InterestKind.DISCLOSABLE_PECUNIARY)
        >>> rule_on_item([dpi], members=board.members, seats=board.seats,
        ...              on=dt.date(2009, 11, 27), nation="england")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidVote: declarations[0].kind: a disclosable pecuniary interest \
exists only from 1 July 2012 (Localism Act 2011 s.30); on 27 November 2009 the Model Code \
of Conduct 2007 (SI 2007/1159) applies: declare a personal or prejudicial interest (Model Code \
of Conduct 2007 (SI 2007/1159) paras 8 and 10)
    """
    orders = orders if orders is not None else InterestOrders()
    roster = {m.id: m for m in members}
    absent_ids = frozenset(absent)
    declared = instances(declarations, Declaration, "declarations", InvalidVote)
    granted = instances(dispensations, Dispensation, "dispensations", InvalidVote)
    for field, group in (("declarations", declared), ("dispensations", granted)):
        for i, d in enumerate(group):
            if d.member not in roster:
                raise UnknownId(expected(f"{field}[{i}].member", f"a member of {body}", d.member))
    if granted and on is None:
        raise InvalidVote(expected("on", "the date of the meeting, to test dispensations", on))
    if on is not None and (not isinstance(on, dt.date) or isinstance(on, dt.datetime)):
        raise InvalidVote(expected("on", "a datetime.date", on))
    if nation is not None and nation not in statute.NATIONS:
        raise InvalidVote(expected("nation", f"one of {list(statute.NATIONS)} or None", nation))
    regime = statute.regime(on, nation) if on is not None and nation is not None else None
    note = (
        _regime_line(regime, on)
        if regime is not None and on is not None
        else statute.no_regime_note(on, nation, body, orders=orders.cited)
    )
    if on is not None:
        # Every declaration made at the meeting, on whatever item, under the law of the day.
        for i, d in enumerate(declared):
            _check_kind(d, i, regime, on, nation)
    if item is None:
        items = sorted({d.item for d in declared})
        if len(items) > 1:
            raise InvalidVote(
                expected("item", f"which item is being decided (declarations cover {items})", None)
            )
        item = items[0] if items else None
    else:
        declared = tuple(d for d in declared if d.item == item)
    if nation in (statute.ENGLAND, statute.WALES):
        for i, g in enumerate(granted):
            if g.nation != nation:
                raise InvalidVote(
                    f"dispensations[{i}]: granted under {g.citation}, which is "
                    f"{_LAW[g.nation]} law, but the board is in {nation.title()}"
                )
    for d in declared:
        if d.member in absent_ids:
            raise InvalidVote(
                f"declarations: {roster[d.member].name} is absent, so cannot declare an "
                f"interest at the meeting on item {d.item!r}"
            )

    def label(member_id: str) -> str:
        m = roster[member_id]
        return f"{m.name}, {m.authority}"

    by_member: dict[str, list[Declaration]] = {}
    for d in declared:
        by_member.setdefault(d.member, []).append(d)
    direct = frozenset(excluded)
    entries: list[Entry] = []
    out: set[str] = set()
    for member_id in roster:
        mine = by_member.get(member_id)
        if mine is None:
            if member_id in direct:
                entries.append(
                    Entry(member_id, label(member_id), (), Effect.BARRED, None, True, "")
                )
                if roster[member_id].voting:
                    out.add(member_id)
            continue
        reasons: list[str] = []
        strongest = Effect.REMAIN
        relief: Dispensation | None = None
        barred = member_id in direct
        for d in mine:
            effect, why = _effect(d, orders, regime, on, nation)
            if _STRENGTH[effect] > _STRENGTH[strongest]:
                strongest = effect
            head = f"{d.kind.value}: {why}"
            if effect.excludes:
                covering = [g for g in granted if on is not None and g.covers(d, on)]
                # Only a Localism Act 2011 s.33 dispensation lifts the s.31(4) bar on a
                # disclosable pecuniary interest: a standards committee's (LGA 2000 s.81(4))
                # is not applied to one, as a dispensation outside its dates is not; the
                # explanation says so.
                ignored = [g for g in covering if not _lifts(g, d)]
                covering = [g for g in covering if _lifts(g, d)]
                cover = next((g for g in covering if g.vote), covering[0] if covering else None)
                if cover is not None and cover.vote:
                    head = f"{d.kind.value}: {cover.describe()}"
                    relief = cover
                else:
                    barred = True
                    if cover is not None:
                        head += f"; {cover.describe()}"
                        relief = cover
                    head += "".join(f"; {_not_lifted(g)}" for g in ignored)
            reasons.append(f"{head}; {d.particulars()}")
        entries.append(
            Entry(
                member_id,
                label(member_id),
                tuple(mine),
                strongest,
                relief,
                barred,
                "; ".join(reasons),
            )
        )
        if barred and roster[member_id].voting:
            out.add(member_id)
    shut = frozenset(out)
    in_office = sum(1 for m in roster.values() if m.voting)
    total = sum(seats.values())
    effective = quorum
    unreachable = False
    if quorum is not None:
        effective = para_45_quorum(
            quorum, members_in_office=in_office, voting_seats=total, disqualified=len(shut)
        )
        unreachable = bool(shut) and not _reachable(effective, roster.values(), seats, shut)
    return ItemRuling(
        item,
        tuple(entries),
        shut,
        effective,
        in_office,
        total,
        unreachable,
        recounted=effective is not quorum,
        regime=regime,
        on=on,
        note=note,
        orders=orders.cited,
        interested=sum(1 for m in by_member if roster[m].voting),
    )


def _lifts(dispensation: Dispensation, declaration: Declaration) -> bool:
    """Whether ``dispensation`` can lift the bar that ``declaration`` puts on its member:
    for a disclosable pecuniary interest, only one under Localism Act 2011 s.33 can."""
    return (
        declaration.kind is not InterestKind.DISCLOSABLE_PECUNIARY
        or dispensation.ground is not None
    )


def _not_lifted(dispensation: Dispensation) -> str:
    return (
        f"{dispensation.describe()}, not applied: only a dispensation under Localism Act 2011 "
        "s.33 (from 1 July 2012) lifts the bar on a disclosable pecuniary interest in s.31(4)"
    )


def _regime_line(regime: Regime, on: dt.date) -> str:
    return (
        f"Members' interests are ruled under the {regime.name}, in force in "
        f"{regime.nation.title()} on {day(on)}."
    )


def _offers(on: dt.date, nation: str | None) -> str:
    """What the law of ``on`` offers: in ``nation``, or in each modelled nation."""
    if nation is not None:
        law = statute.regime(on, nation)
        if law is None:
            return (
                f"on {day(on)} no statutory regime on members' interests is modelled for "
                f"{nation.title()}"
            )
        return f"on {day(on)} the {law.name} applies: declare {law.describe_categories()}"
    laws = statute.regimes_on(on)
    if not laws:
        return f"on {day(on)} no statutory regime on members' interests is modelled"
    each = "; ".join(
        f"in {r.nation.title()} the {r.name} applies: declare {r.describe_categories()}"
        for r in laws
    )
    return (
        f"on {day(on)} {each}. The meeting's nation is not known: give its nation, or its "
        "authorities' GSS codes"
    )


def _kind_refused(
    kind: InterestKind, regime: Regime | None, on: dt.date, nation: str | None
) -> str | None:
    """Why a member may not declare ``kind`` at a meeting on ``on`` in ``nation`` (the
    words after the field's name), or ``None`` where the law of the date allows it.

    With the regime of the date and nation, a kind it does not know is refused. Without
    one: a kind that the modelled law created only after the date is refused in any
    nation (a disclosable pecuniary interest before 1 July 2012); and where the nation is
    not known, a kind that no modelled nation's law of the date knows.
    """
    text = kind.value
    article = "an" if text[0] in "aeiou" else "a"
    if regime is not None:
        if regime.knows(text):
            return None
        known = [r for r in statute.REGIMES if r.nation == regime.nation and r.knows(text)]
        if known:
            first, last = known[0], known[-1]
            span = (
                f"from {day(first.start)}"
                if last.end is None
                else f"from {day(first.start)} to {day(last.end)}"
            )
            exists = f"exists only {span} ({first.rule(text).defined})"
        else:
            exists = f"is not a category of interest in {_LAW[regime.nation]} law"
        return f"{article} {text} {exists}; {_offers(on, regime.nation)}"
    knowing = [r for r in statute.REGIMES if r.knows(text)]
    first = min(knowing, key=lambda r: r.start)
    earliest = min(r.start for r in statute.REGIMES)
    # Where no regime is modelled for the nation (Scotland, Northern Ireland), only a
    # category made by statute is refused by date: a council code's category (other
    # registrable, non-registrable) may have a namesake in that nation's own code.
    unmodelled = nation is not None and not any(r.nation == nation for r in statute.REGIMES)
    made_by_statute = not first.rule(text).by_code
    if on < first.start and first.start > earliest and (made_by_statute or not unmodelled):
        return (
            f"{article} {text} exists only from {day(first.start)} "
            f"({first.rule(text).defined}); {_offers(on, nation)}"
        )
    if nation is None:
        laws = statute.regimes_on(on)
        if laws and not any(r.knows(text) for r in laws):
            return (
                f"{article} {text} is a category of no modelled law in force on "
                f"{day(on)}; {_offers(on, None)}"
            )
    return None


def _check_kind(
    d: Declaration, i: int, regime: Regime | None, on: dt.date, nation: str | None
) -> None:
    """Refuse a declaration of a kind of interest that the law of the date does not know
    (see :func:`_kind_refused`)."""
    why = _kind_refused(d.kind, regime, on, nation)
    if why is not None:
        raise InvalidVote(f"declarations[{i}].kind: {why}")


def interest_kinds(on: dt.date, nation: str | None) -> tuple[InterestKind, ...]:
    """The kinds of interest a member may declare at a meeting on ``on`` in ``nation``.

    Exactly the kinds :func:`rule_on_item` (and so a
    :class:`~sharegov.meetings.Meeting` or :meth:`Board.decide
    <sharegov.boards.Board.decide>`) accepts in a declaration that day: those of the
    statutory regime in force (:func:`sharegov.statute.regime`); where none is modelled
    for the nation, every kind but one the law created only later; where the nation is
    not known (``None``), the kinds some modelled nation's law of the date knows.

    Args:
        on: The date of the meeting.
        nation: ``"england"``, ``"wales"``, ``"scotland"``, ``"northern ireland"``, or
            ``None`` where not known.

    Raises:
        InvalidValue: ``on`` that is not a date, or a nation that is not one of these.

    Examples:
        >>> import datetime as dt
        >>> [k.value for k in interest_kinds(dt.date(2009, 11, 27), "england")]
        ['personal interest', 'prejudicial interest']
        >>> [k.name for k in interest_kinds(dt.date(2012, 7, 1), "england")]
        ['DISCLOSABLE_PECUNIARY', 'OTHER_REGISTRABLE', 'NON_REGISTRABLE']
        >>> [k.name for k in interest_kinds(dt.date(2009, 11, 27), "scotland")]
        ['OTHER_REGISTRABLE', 'NON_REGISTRABLE', 'PERSONAL', 'PREJUDICIAL']
    """
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise InvalidValue(expected("on", "a datetime.date", on))
    if nation is not None and nation not in statute.NATIONS:
        raise InvalidValue(expected("nation", f"one of {list(statute.NATIONS)} or None", nation))
    regime = statute.regime(on, nation) if nation is not None else None
    return tuple(k for k in InterestKind if _kind_refused(k, regime, on, nation) is None)


def _effect(
    d: Declaration,
    orders: InterestOrders,
    regime: Regime | None,
    on: dt.date | None,
    nation: str | None,
) -> tuple[Effect, str]:
    """What declaration ``d`` means on the item, and where that comes from: the law of the
    date, the board's recorded standing orders, the minutes (``d.effect``), or an
    assumption, which the text then states."""
    kind = d.kind
    if regime is not None:
        rule = regime.rule(kind.value)
        if rule.withdraws:
            # Any right first to make representations (2007 code para 12(2); Welsh code
            # para 14(2), and from 1 April 2016 para 14(2A)) is said with it.
            return Effect.WITHDRAW, f"withdrew under {rule.provision}" + (
                f"; {rule.note}" if rule.note else ""
            )
        if rule.bars:
            effect = d.effect if d.effect is not None else orders.effect(kind)
            if kind is InterestKind.DISCLOSABLE_PECUNIARY:
                return effect, orders.provision(kind, effect)
            if effect is Effect.WITHDRAW:
                return effect, f"barred by {rule.provision}; withdrew from the room, as recorded"
            return Effect.BARRED, f"barred from the discussion and vote by {rule.provision}"
        if d.effect is not None:
            if rule.by_code:
                return d.effect, f"{_VERB[d.effect]}, as recorded ({rule.provision})"
            if d.effect is Effect.REMAIN:
                return d.effect, f"declared under {rule.provision}; may remain and vote"
            return d.effect, f"{_VERB[d.effect]}, as recorded (declared under {rule.provision})"
        if rule.by_code:
            if orders.speaks_to(kind):
                return orders.effect(kind), orders.standing(kind, orders.effect(kind))
            return Effect.REMAIN, (
                "may remain and vote (assumed: what the member must do is set by "
                f"{rule.provision}, which is not recorded)"
            )
        return Effect.REMAIN, f"declared under {rule.provision}; may remain and vote"
    # No statutory regime applied: the minutes, the recorded orders, or an assumption.
    if d.effect is not None:
        return d.effect, f"{_VERB[d.effect]}, as recorded"
    if orders.speaks_to(kind):
        return orders.effect(kind), orders.standing(kind, orders.effect(kind))
    if on is not None and nation is None:
        # The nation is not known: where every modelled nation's law of the date that knows
        # the kind gives the same effect, that effect is assumed, and the law cited.
        laws = [r for r in statute.regimes_on(on) if r.knows(kind.value)]
        rules = [r.rule(kind.value) for r in laws]
        effects = {
            Effect.WITHDRAW if r.withdraws else Effect.BARRED if r.bars else Effect.REMAIN
            for r in rules
        }
        if rules and len(effects) == 1 and not any(r.by_code for r in rules):
            effect = effects.pop()
            cites = " and ".join(
                f"{r.provision} in {law.nation.title()}" for r, law in zip(rules, laws, strict=True)
            )
            verb = "give" if len(laws) > 1 else "gives"
            return effect, (
                f"{_VERB[effect]} (assumed, the nation not being known: {cites} {verb} that "
                f"on {day(on)})"
            )
    effect = orders.effect(kind)
    return effect, orders.standing(kind, effect)


# ---------------------------------------------------------------------------------------------
# Officers: conflicts and delegation
# ---------------------------------------------------------------------------------------------


class ConflictKind(enum.Enum):
    """Whether a shared officer's conflict is between the authorities or personal."""

    BETWEEN_AUTHORITIES = "a conflict between the authorities"
    PERSONAL = "a personal conflict"


def _authority_ids(value: Any) -> tuple[str, ...]:
    return _ids("authorities", value)


def _fallback_ids(value: Any) -> tuple[str, ...]:
    return _ids("fallbacks", value)


def _informed(value: Any) -> FrozenMap[str, dt.date]:
    if not isinstance(value, Mapping):
        raise InvalidValue(expected("informed", "a mapping of authority code to date", value))
    for code, when in value.items():
        if not isinstance(when, dt.date) or isinstance(when, dt.datetime):
            raise InvalidValue(expected(f"informed.{code}", "a datetime.date", when))
    return FrozenMap(value)


@attrs.frozen
class OfficerConflict:
    """A conflict that stops an officer acting on a matter for some authorities.

    Args:
        officer: The conflicted officer's id.
        matter: The matter the conflict is on (required).
        kind: Between the authorities the officer serves, or personal.
        authorities: For a conflict between authorities, the two or more in conflict;
            for a personal one, those it stops the officer acting for (empty: all).
        raised: When it arose; a conflict is ignored by :func:`who_acts` before then.
        informed: Authority code to the day its Monitoring Officer was informed (the
            concordat's duty to inform "immediately").

    Examples:
        >>> import datetime as dt
        >>> c = OfficerConflict("dicks", "depot site", authorities=["BDC", "RBC"],
        ...                     informed={"BDC": dt.date(2008, 10, 2)})
        >>> c.affects("RBC"), c.kind.value
        (True, 'a conflict between the authorities')
    """

    officer: str = attrs.field(validator=_identifier)
    matter: str = attrs.field(validator=_text)
    kind: ConflictKind = attrs.field(
        default=ConflictKind.BETWEEN_AUTHORITIES,
        kw_only=True,
        validator=of_type(ConflictKind, "a ConflictKind"),
    )
    authorities: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_authority_ids)
    raised: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    informed: Mapping[str, dt.date] = attrs.field(
        factory=FrozenMap, kw_only=True, converter=_informed
    )

    def __attrs_post_init__(self) -> None:
        if self.kind is ConflictKind.BETWEEN_AUTHORITIES and len(self.authorities) < 2:
            raise InvalidValue(
                expected("authorities", "the two or more authorities in conflict", self.authorities)
            )

    def affects(self, authority: str) -> bool:
        """Whether it stops the officer acting for ``authority``."""
        return not self.authorities or authority in self.authorities


def _deputies(value: Any) -> FrozenMap[str, str]:
    if not isinstance(value, Mapping):
        raise InvalidValue(expected("deputies", "a mapping of officer id to deputy id", value))
    for officer, deputy in value.items():
        _ids("deputies", (officer,))
        _ids(f"deputies.{officer}", (deputy,))
    return FrozenMap(value)


@attrs.frozen
class DelegationScheme:
    """One authority's arrangements for who acts when an officer is conflicted.

    Args:
        authority: The authority's code.
        monitoring_officer: Id of its Monitoring Officer, who decides.
        deputies: Officer id to the id of their designated deputy at this authority.
        fallbacks: Officers to try in order when someone has no (unconflicted) deputy.
        consult: Whom the Monitoring Officer consults, e.g. ``"the Leader"``.
        source: The resolution that made the scheme, for explanations.
        alternate: Id of whoever decides when the Monitoring Officer is conflicted
            (a Monitoring Officer cannot decide their own case).

    Examples:
        >>> s = DelegationScheme("BDC", monitoring_officer="bdc_mo",
        ...                      deputies={"dicks": "bdc_deputy"})
        >>> s.deputies["dicks"]
        'bdc_deputy'
    """

    authority: str = attrs.field(validator=_identifier)
    monitoring_officer: str = attrs.field(kw_only=True, validator=_identifier)
    deputies: Mapping[str, str] = attrs.field(factory=FrozenMap, kw_only=True, converter=_deputies)
    fallbacks: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_fallback_ids)
    consult: str | None = attrs.field(default="the Leader", kw_only=True, validator=_optional_text)
    source: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    alternate: str | None = attrs.field(default=None, kw_only=True, validator=_optional_identifier)

    def __attrs_post_init__(self) -> None:
        for officer, deputy in self.deputies.items():
            if officer == deputy:
                raise InvalidValue(
                    expected(f"deputies.{officer}", "a deputy other than the officer", deputy)
                )

    def officers(self) -> frozenset[str]:
        """Every officer id the scheme names."""
        named = {self.monitoring_officer, *self.deputies, *self.deputies.values(), *self.fallbacks}
        if self.alternate is not None:
            named.add(self.alternate)
        return frozenset(named)


@attrs.frozen
class Step:
    """One officer considered while following a delegation chain.

    Attributes:
        officer: The officer's id.
        how: How they were reached (``"post holder"``, ``"designated deputy of X"``, ...).
        conflicted: Whether they are conflicted on the matter for this authority.
    """

    officer: str
    how: str
    conflicted: bool


@attrs.frozen
class Acting:
    """Who acts for one authority, and how that was found.

    Attributes:
        authority: The authority's code.
        officer: Id of the officer who acts.
        chain: The officers considered, in order; the last one acts.
        decided_by: Id of the officer who decides (``None`` when the post holder acts).
        consult: Whom the decider consults.
        source: The resolution that gives the decider the power.
    """

    authority: str
    officer: str
    chain: tuple[Step, ...]
    decided_by: str | None = None
    consult: str | None = None
    source: str | None = None


@attrs.frozen
class WhoActs:
    """The acting officer for each authority a post serves, on one matter, with reasons.

    Built by :func:`who_acts`.
    """

    post: Post
    matter: str
    acting: tuple[Acting, ...]
    conflicts: tuple[OfficerConflict, ...]
    names: Mapping[str, str] = attrs.field(eq=False, repr=False)
    monitoring_officers: Mapping[str, str] = attrs.field(eq=False, repr=False)
    duty: str | None = None

    def officer(self, authority: str) -> str:
        """Id of the officer who acts for ``authority``.

        Raises:
            UnknownId: The post does not serve ``authority``.
        """
        return self.for_authority(authority).officer

    def for_authority(self, authority: str) -> Acting:
        """The :class:`Acting` record for ``authority``."""
        for a in self.acting:
            if a.authority == authority:
                return a
        raise UnknownId(
            expected(
                "authority",
                f"one of the post's authorities {list(self.post.authorities)}",
                authority,
            )
        )

    def _name(self, officer: str) -> str:
        return str(self.names.get(officer, officer))

    def _conflict_line(self, c: OfficerConflict) -> str:
        who = self._name(c.officer)
        if c.kind is ConflictKind.BETWEEN_AUTHORITIES:
            return f"{who} has a conflict between {' and '.join(c.authorities)} on this matter"
        scope = f" for {', '.join(c.authorities)}" if c.authorities else ""
        return f"{who} has a personal conflict on this matter{scope}"

    def _duty_line(self, c: OfficerConflict) -> str:
        codes = c.authorities or self.post.authorities
        parts = []
        for code in codes:
            when = c.informed.get(code)
            mo = self.monitoring_officers.get(code)
            whom = f"{code} ({self._name(mo)})" if mo else code
            parts.append(f"{whom} informed {day(when)}" if when else f"{whom} not recorded")
        cite = f" ({self.duty})" if self.duty else ""
        return f"duty to inform each Monitoring Officer{cite}: " + "; ".join(parts)

    def headline(self) -> str:
        """The first line of :meth:`explain`, without the trailing colon."""
        holder = self._name(self.post.holder or "")
        roles = sorted(role.value for role in self.post.roles)
        held = f"; {', '.join(roles)} of {' and '.join(self.post.authorities)}" if roles else ""
        return f"Who acts as {self.post.title} ({holder}{held}) on {self.matter!r}"

    @property
    def not_informed(self) -> tuple[tuple[str, str], ...]:
        """(officer id, authority code) for each Monitoring Officer not yet recorded as
        informed of a conflict on this matter: the duty to inform is outstanding."""
        return tuple(
            (c.officer, code)
            for c in self.conflicts
            for code in (c.authorities or self.post.authorities)
            if code not in c.informed
        )

    def explain(self) -> str:
        """Who acts for each authority and why, in words fit for the minutes; deterministic."""
        lines = [self.headline() + ":"]
        if not self.conflicts:
            lines.append("  no conflict recorded on this matter")
        for c in self.conflicts:
            lines.append(f"  {self._conflict_line(c)}")
            lines.append(f"  {self._duty_line(c)}")
        for a in self.acting:
            who = self._name(a.officer)
            if a.decided_by is None:
                lines.append(f"{a.authority}: {who} acts as post holder.")
                continue
            consult = f" in consultation with {a.consult}" if a.consult else ""
            source = f" ({a.source})" if a.source else ""
            lines.append(
                f"{a.authority}: {who} acts, as decided by {self._name(a.decided_by)}{consult}"
                f"{source}:"
            )
            for step in a.chain:
                state = "conflicted, passes on" if step.conflicted else "acts"
                lines.append(f"  {self._name(step.officer)} ({step.how}): {state}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            "<tr>"
            f"<td>{esc(a.authority)}</td><td>{esc(self._name(a.officer))}</td>"
            f"<td>{esc(self._name(a.decided_by)) if a.decided_by else 'post holder'}</td>"
            f"<td>{esc(' → '.join(self._name(s.officer) for s in a.chain))}</td>"
            "</tr>"
            for a in self.acting
        )
        reasons = "".join(
            f"<li>{esc(line.strip())}</li>" for line in self.explain().splitlines()[1:]
        )
        return (
            f"<div><p><strong>{esc(self.headline())}</strong></p><table><thead><tr>"
            "<th>Authority</th><th>Acts</th><th>Decided by</th><th>Chain</th>"
            f"</tr></thead><tbody>{rows}</tbody></table><ul>{reasons}</ul></div>"
        )


def _path(names: Mapping[str, str], chain: Iterable[str]) -> str:
    return " -> ".join(names.get(o, o) for o in chain)


def who_acts(
    post: Post,
    matter: str,
    *,
    officers: Iterable[Officer],
    schemes: Iterable[DelegationScheme],
    conflicts: Iterable[OfficerConflict] = (),
    on: dt.date | None = None,
    duty: str | None = None,
) -> WhoActs:
    """Who acts for each authority a post serves, on one matter.

    For each authority: if the post holder is not conflicted on ``matter`` for it, the
    holder acts. Otherwise its :class:`DelegationScheme` decides: the holder's designated
    deputy, then that deputy's deputy, and so on; where someone has no deputy, the next
    fallback not yet tried. Anyone conflicted on the matter for that authority passes it
    on. The scheme's Monitoring Officer decides (in consultation with ``consult``),
    unless they are conflicted themselves: then the scheme's ``alternate`` decides.

    Args:
        post: The shared post; its holder is the officer normally acting.
        matter: The matter in question; conflicts on other matters are ignored.
        officers: Every officer the post, schemes and conflicts name.
        schemes: A delegation scheme for each authority the post serves.
        conflicts: Conflicts declared by officers.
        on: The date; conflicts raised after it are ignored.
        duty: Where the duty to inform each Monitoring Officer comes from, e.g.
            ``"Concordat 5.4"``.

    Returns:
        The :class:`WhoActs`, with the chain followed for each authority.

    Raises:
        UnknownId: An officer id that is not among ``officers``, or no scheme for an
            authority that needs one.
        InvalidValue: A vacant post; a chain that loops or runs out (the message shows the
            path); a Monitoring Officer who is conflicted, with no alternate.

    Examples:
        >>> from sharegov.parties import Officer, Post
        >>> post = Post("jce", "Joint Chief Executive", ["A", "B"], holder="ceo")
        >>> staff = [Officer("ceo", "Ms Chief", "A"), Officer("mo_a", "A's MO", "A"),
        ...          Officer("dep_a", "Mr Deputy", "A")]
        >>> s = DelegationScheme("A", monitoring_officer="mo_a", deputies={"ceo": "dep_a"})
        >>> c = OfficerConflict("ceo", "land sale", kind=ConflictKind.PERSONAL, authorities=["A"])
        >>> result = who_acts(post, "land sale", officers=staff, schemes=[s], conflicts=[c])
        >>> result.officer("A"), result.officer("B")
        ('dep_a', 'ceo')
        >>> print(result.explain())
        Who acts as Joint Chief Executive (Ms Chief) on 'land sale':
          Ms Chief has a personal conflict on this matter for A
          duty to inform each Monitoring Officer: A (A's MO) not recorded
        A: Mr Deputy acts, as decided by A's MO in consultation with the Leader:
          Ms Chief (post holder): conflicted, passes on
          Mr Deputy (designated deputy of Ms Chief): acts
        B: Ms Chief acts as post holder.
    """
    if not isinstance(post, Post):
        raise InvalidValue(expected("post", "a Post", post))
    if not isinstance(matter, str) or not matter.strip():
        raise InvalidValue(expected("matter", "a non-empty string", matter))
    staff: dict[str, Officer] = {}
    for i, o in enumerate(instances(officers, Officer, "officers")):
        if o.id in staff:
            raise InvalidValue(expected(f"officers[{i}].id", "a unique officer id", o.id))
        staff[o.id] = o
    names = {k: o.name for k, o in staff.items()}
    by_authority: dict[str, DelegationScheme] = {}
    for i, s in enumerate(instances(schemes, DelegationScheme, "schemes")):
        if s.authority in by_authority:
            raise InvalidValue(
                expected(f"schemes[{i}].authority", "one scheme per authority", s.authority)
            )
        by_authority[s.authority] = s
        for officer in sorted(s.officers()):
            if officer not in staff:
                raise UnknownId(
                    expected(f"schemes[{i}] ({s.authority})", "ids of known officers", officer)
                )
    listed = instances(conflicts, OfficerConflict, "conflicts")
    for i, c in enumerate(listed):
        if c.officer not in staff:
            raise UnknownId(
                expected(f"conflicts[{i}].officer", "the id of a known officer", c.officer)
            )
    if post.holder is None:
        raise InvalidValue(f"post: {post.title} is vacant, so no one holds it to be conflicted")
    if post.holder not in staff:
        raise UnknownId(expected("post.holder", "the id of a known officer", post.holder))
    if on is not None and (not isinstance(on, dt.date) or isinstance(on, dt.datetime)):
        raise InvalidValue(expected("on", "a datetime.date", on))
    if on is not None and not post.active_on(on):
        raise InvalidValue(
            f"on: {post.title} did not exist on {day(on)} (it runs "
            f"{'from ' + day(post.start) if post.start else 'from an unrecorded start'}"
            f"{' to ' + day(post.end) if post.end else ''})"
        )
    relevant = tuple(
        c
        for c in listed
        if c.matter == matter and (on is None or c.raised is None or c.raised <= on)
    )

    def conflicted(officer: str, authority: str) -> bool:
        return any(c.officer == officer and c.affects(authority) for c in relevant)

    acting: list[Acting] = []
    mos: dict[str, str] = {}
    for code in post.authorities:
        scheme = by_authority.get(code)
        if scheme is not None:
            mos[code] = scheme.monitoring_officer
        holder = post.holder
        if not conflicted(holder, code):
            acting.append(Acting(code, holder, (Step(holder, "post holder", False),)))
            continue
        if scheme is None:
            raise UnknownId(
                expected(
                    "schemes",
                    f"a delegation scheme for {code}, where {names[holder]} is conflicted",
                    sorted(by_authority),
                )
            )
        acting.append(_resolve(scheme, holder, conflicted, names))
    return WhoActs(post, matter, tuple(acting), relevant, FrozenMap(names), FrozenMap(mos), duty)


def _resolve(
    scheme: DelegationScheme,
    holder: str,
    conflicted: Callable[[str, str], bool],
    names: Mapping[str, str],
) -> Acting:
    code = scheme.authority
    decider = scheme.monitoring_officer
    if conflicted(decider, code):
        if scheme.alternate is None or conflicted(scheme.alternate, code):
            why = (
                "names no one else to decide"
                if scheme.alternate is None
                else f"names {names[scheme.alternate]}, who is conflicted too"
            )
            raise InvalidValue(
                f"schemes.{code}: the Monitoring Officer, {names[decider]}, is conflicted on this "
                f"matter and cannot decide their own case; the scheme {why}"
            )
        decider = scheme.alternate
    chain = [Step(holder, "post holder", True)]
    seen = {holder}
    fallbacks = iter(scheme.fallbacks)
    current = holder
    while True:
        deputy = scheme.deputies.get(current)
        if deputy is not None:
            how = f"designated deputy of {names[current]}"
            if deputy in seen:
                path = _path(names, [s.officer for s in chain] + [deputy])
                raise InvalidValue(
                    f"schemes.{code}: the chain of deputies loops back to {names[deputy]}: {path}"
                )
        else:
            deputy = next((o for o in fallbacks if o not in seen), None)
            how = "next in the fallback chain"
            if deputy is None:
                path = _path(names, [s.officer for s in chain])
                raise InvalidValue(
                    f"schemes.{code}: the chain ran out: everyone in it is conflicted on this "
                    f"matter: {path}"
                )
        bad = conflicted(deputy, code)
        chain.append(Step(deputy, how, bad))
        seen.add(deputy)
        if not bad:
            return Acting(code, deputy, tuple(chain), decider, scheme.consult, scheme.source)
        current = deputy
