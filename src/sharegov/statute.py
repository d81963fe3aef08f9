"""The statutory regimes on members' interests, by nation and date, each provision cited.

An event is judged under the law in force on its date in its nation (DESIGN.md, "What the
law says"). This module holds that law as data: for each modelled regime, the interest
categories it knows, which of them bar a member from taking part and which require them
to leave the room, who may grant a dispensation and on what grounds, and the quorum and
casting-vote defaults. Every provision carries its legislation.gov.uk URI.

Regimes modelled:

- **England, Model Code of Conduct 2001** (Local Authorities (Model Code of Conduct)
  (England) Order 2001, SI 2001/3575), in force 27 November 2001 (art. 1(1)), to 2 May
  2007. Personal and prejudicial interests; a member with a prejudicial interest
  withdraws from the room.
- **England, Model Code of Conduct 2007** (Local Authorities (Model Code of Conduct)
  Order 2007, SI 2007/1159), in force 3 May 2007 (art. 1(1)); it revokes SI 2001/3575
  (art. 4). To 30 June 2012. A member with a prejudicial interest withdraws from the
  room (para 12(1)), but may first make representations, answer questions or give
  evidence where the public may do so (para 12(2)).
- **England, Localism Act 2011** ss.30-34 with the Relevant Authorities (Disclosable
  Pecuniary Interests) Regulations 2012, SI 2012/1464, from 1 July 2012. A member with a
  disclosable pecuniary interest may not participate in the discussion or vote
  (s.31(4)); they withdraw only if standing orders say so (s.31(10)). The other
  categories are the authority's code's, not the Act's or SI 2012/1464's: s.28(2) requires
  a code adopted under s.28 to provide for the registration and disclosure of pecuniary
  interests and of "interests other than pecuniary interests", and leaves the rest to the
  council. sharegov names them as the LGA Model Councillor Code of Conduct 2020 does
  ("other registrable interest", "non-registrable interest"), and cites the authority's
  code for them, never the Act.
- **Wales, Welsh Model Code of Conduct 2008** (Local Authorities (Model Code of Conduct)
  (Wales) Order 2008, SI 2008/788 (W.82)), in force 18 April 2008 (art. 1(1)), as amended
  (e.g. SI 2016/84 (W.38), from 1 April 2016). Personal and prejudicial interests; a
  member with a prejudicial interest withdraws (para 14(1)(a)). The standards committee's
  grounds for a dispensation are SI 2001/2279 (W.169) reg 2(a) to (i), and from 1 April 2016
  also (j), inserted by SI 2016/85 (W.39): each :class:`DispensationRule` lists only the
  grounds available on every day it covers.

Dispensations before the Localism Act were granted by the standards committee under
LGA 2000 s.81(4): in England under the Relevant Authorities (Standards Committee)
(Dispensations) Regulations 2002, SI 2002/339 (in force 18 March 2002), then Part 4 of
the Standards Committee (Further Provisions) (England) Regulations 2009, SI 2009/1255
(in force 15 June 2009); in Wales under the Standards Committees (Grant of Dispensations)
(Wales) Regulations 2001, SI 2001/2279 (W.169). Localism Act s.33 dispensations can take
effect only from 1 July 2012 (SI 2012/1463 art. 2(e)).

Quorum and casting vote: LGA 1972 Sch 12 paras 6, 39(2), 44 and 45 apply in England and
Wales throughout these dates (:data:`MEETING_DEFAULTS`).

Agenda notice (:func:`agenda_notice`): an agenda is open to inspection at least so many
clear days before the meeting, LGA 1972 s.100B(3): three clear days as enacted (inserted by
the Local Government (Access to Information) Act 1985); five in England from 1 October 2002
(the Local Authorities (Access to Meetings and Documents) (Period of Notice) (England)
Order 2002, SI 2002/715, art. 3, which applies only in England, art. 1(2)); still three in
Wales, where the rule is now in s.100BA(3), inserted by the Local Government and Elections
(Wales) Act 2021 Sch 4 para 7 for principal councils in Wales.

Not modelled: Scotland and Northern Ireland (their own codes), Wales before 18 April 2008
(the Conduct of Members (Model Code of Conduct) (Wales) Order 2001), and England before
27 November 2001. :func:`regime` returns ``None`` there, and callers apply only the
board's own standing orders (:func:`no_regime_note` says so in words).

Verified against legislation.gov.uk (or its mirrors) for this module: the commencement
dates of SI 2001/3575, SI 2007/1159, SI 2008/788, SI 2002/339 and SI 2009/1255; SI 2007/1159
art. 4 revoking SI 2001/3575; SI 2012/1463 art. 2(e) (s.33 dispensations taking effect on
or after 1 July 2012); the grounds in SI 2002/339 reg 3(1)(a) and SI 2009/1255
reg 17(1)(a); SI 2016/85 (W.39) adding ground reg 2(j) to SI 2001/2279 from 1 April 2016,
and (reg 4(4)) a new reg 3: a reg 2(j) dispensation in effect is reviewed by the standards
committee once in every 12 month period from its first grant; SI 2016/84 (W.38) art.
2(4)(d) inserting para 14(2A) (written representations) into the Welsh code;
SI 2002/715 (made 14 March 2002, in force 1 October 2002, art. 1(1); applying to England,
art. 1(2); art. 3 substituting "five clear days" for "three clear days" in s.100B(3)); the
words of s.100BA(3) ("at least three clear days before the meeting").

Not verified here against legislation.gov.uk: the day s.100BA came into force (so Welsh
agendas cite s.100B(3) on every date, with s.100BA(3) named as its successor); the
commencement of Localism Act ss.30-34 on 1 July 2012 itself (the article of SI 2012/1463
that brings them into force was not read; the date is well established); the paragraph
numbers of the 2001 English code
(paras 8-12, taken from the parallel police authorities code SI 2001/3578) and of the
2007 code's para 12; the Welsh code's paras 10, 12 and 14 (from a secondary source); the
4-year limit under SI 2009/1255 (from a council's report of it, not the text); whether
SI 2002/339 limited a dispensation's length (modelled as no limit); the wording of
grounds (c) to (i) of SI 2001/2279 reg 2 and any limit on a Welsh dispensation's length;
the commencement date of SI 2001/2279; and the wording of Localism Act 2011 s.28(2)
beyond the phrase "interests other than pecuniary interests" (taken from a review of this
module, not read here).

Examples:
    >>> import datetime as dt
    >>> r = regime(dt.date(2009, 11, 27), nation_of_gss("E07000234"))
    >>> r.name, r.categories
    ('Model Code of Conduct 2007 (SI 2007/1159)', ('personal interest', 'prejudicial interest'))
    >>> r.withdraws("prejudicial interest"), r.bars("personal interest")
    (True, False)
    >>> print(r.provision("prejudicial interest"))
    Model Code of Conduct 2007 (SI 2007/1159) para 12
    >>> regime(dt.date(2012, 7, 1), "england").name
    'Localism Act 2011 (SI 2012/1464)'
    >>> regime(dt.date(2010, 5, 1), "scotland") is None
    True
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from sharegov._validate import is_date, optional_date
from sharegov._words import day
from sharegov.errors import InvalidValue, UnknownId, expected

__all__ = [
    "ENGLAND",
    "MEETING_DEFAULTS",
    "NATIONS",
    "NORTHERN_IRELAND",
    "REGIMES",
    "REVIEWED_TO",
    "SCOTLAND",
    "WALES",
    "AgendaNotice",
    "DispensationRule",
    "InterestRule",
    "Provision",
    "Regime",
    "StandardsGround",
    "agenda_notice",
    "nation_of_gss",
    "no_law_note",
    "no_regime_note",
    "regime",
    "regimes_on",
]

ENGLAND = "england"
WALES = "wales"
SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern ireland"
NATIONS = (ENGLAND, WALES, SCOTLAND, NORTHERN_IRELAND)

_GSS_NATION = {"E": ENGLAND, "W": WALES, "S": SCOTLAND, "N": NORTHERN_IRELAND}

PERSONAL = "personal interest"
PREJUDICIAL = "prejudicial interest"
DPI = "disclosable pecuniary interest"
OTHER_REGISTRABLE = "other registrable interest"
NON_REGISTRABLE = "non-registrable interest"

LOCALISM_FROM = dt.date(2012, 7, 1)

#: The last day the law modelled here was reviewed (this release's statute data). A date
#: after it is judged under the law as modelled, assumed unchanged, and the outputs that
#: report the law of a date say so: a fixed day, so the same input gives the same output
#: whenever it is run.
REVIEWED_TO = dt.date(2026, 11, 30)

_LEG = "https://www.legislation.gov.uk"


def _uri(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.startswith(f"{_LEG}/"):
        raise InvalidValue(expected(attribute.name, f"a URI under {_LEG}/", value))


def _text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(expected(attribute.name, "a non-empty string", value))


@attrs.frozen
class Provision:
    """A provision of law, as cited in explanations, with its legislation.gov.uk URI.

    Examples:
        >>> p = Provision("Localism Act 2011 s.31(4)",
        ...               "https://www.legislation.gov.uk/ukpga/2011/20/section/31")
        >>> str(p)
        'Localism Act 2011 s.31(4)'
        >>> p.cite()
        'Localism Act 2011 s.31(4) <https://www.legislation.gov.uk/ukpga/2011/20/section/31>'
    """

    text: str = attrs.field(validator=_text)
    uri: str = attrs.field(validator=_uri)

    def __str__(self) -> str:
        return self.text

    def cite(self) -> str:
        """The citation with its URI."""
        return f"{self.text} <{self.uri}>"


@attrs.frozen
class InterestRule:
    """What one category of interest means under a regime.

    Attributes:
        category: The category, e.g. ``"prejudicial interest"``.
        defined: The provision that defines the category.
        provision: The provision that says what the member must do.
        bars: The member may not take part in the discussion or vote.
        withdraws: The member must leave the room (the regime itself requires it).
        note: Anything else a clerk needs, e.g. a right to make representations first.
        by_code: The category is the authority's own code's, not the statute's, so the code
            (not recorded here) says what the member must do; ``bars`` and ``withdraws``
            are then only what the statute itself requires (nothing).
    """

    category: str = attrs.field(validator=_text)
    defined: Provision
    provision: Provision
    bars: bool = attrs.field(kw_only=True)
    withdraws: bool = attrs.field(kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)
    by_code: bool = attrs.field(default=False, kw_only=True)


class StandardsGround(enum.Enum):
    """Grounds on which a standards committee could grant a dispensation under LGA 2000
    s.81(4), before the Localism Act 2011 (England) or still (Wales).

    The value is the citation. Use these for a dispensation that took effect before
    1 July 2012 in England, or in Wales; use :class:`~sharegov.conflicts.DispensationGround`
    (Localism Act 2011 s.33(2)) from 1 July 2012 in England.
    """

    ENGLAND_2002_IMPEDED = "SI 2002/339 reg 3(1)(a)(i)"
    """More than 50% of the members entitled or required to participate are prohibited."""
    ENGLAND_2002_POLITICAL_BALANCE = "SI 2002/339 reg 3(1)(a)(ii)"
    """The authority could not comply with its duty under LGHA 1989 s.15(4)."""
    ENGLAND_2009_IMPEDED = "SI 2009/1255 reg 17(1)(a)(i)"
    """More than 50% of the members entitled to vote are prohibited from voting."""
    ENGLAND_2009_POLITICAL_BALANCE = "SI 2009/1255 reg 17(1)(a)(ii)"
    """The prohibitions would upset political balance so as to prejudice the outcome."""
    WALES_A = "SI 2001/2279 reg 2(a)"
    WALES_B = "SI 2001/2279 reg 2(b)"
    WALES_C = "SI 2001/2279 reg 2(c)"
    WALES_D = "SI 2001/2279 reg 2(d)"
    WALES_E = "SI 2001/2279 reg 2(e)"
    WALES_F = "SI 2001/2279 reg 2(f)"
    WALES_G = "SI 2001/2279 reg 2(g)"
    WALES_H = "SI 2001/2279 reg 2(h)"
    WALES_I = "SI 2001/2279 reg 2(i)"
    WALES_J = "SI 2001/2279 reg 2(j)"
    """It appears to the committee otherwise appropriate (inserted by SI 2016/85 (W.39))."""

    @property
    def citation(self) -> str:
        """E.g. ``"LGA 2000 s.81(4); SI 2009/1255 reg 17(1)(a)(i)"``."""
        return f"LGA 2000 s.81(4); {self.value}"

    @property
    def nation(self) -> str:
        """The nation whose standards committees could use the ground."""
        return WALES if self.name.startswith("WALES") else ENGLAND

    @property
    def start(self) -> dt.date:
        """The first day the ground could be used."""
        return _GROUND_DATES[self][0]

    @property
    def end(self) -> dt.date | None:
        """The last day the ground could be used, or ``None`` if it still can be."""
        return _GROUND_DATES[self][1]

    @property
    def words(self) -> str:
        """The ground in a short phrase for explanations."""
        return _STANDARDS_WORDS.get(self, f"the circumstances in {self.value}")

    def available(self, on: dt.date) -> bool:
        """Whether a dispensation could be granted on this ground to take effect on ``on``."""
        return self.start <= on and (self.end is None or on <= self.end)

    def met(self, *, prohibited: int, interested: int, members: int) -> bool | None:
        """Whether the facts of an item meet the ground, where its words are a count:
        ``True`` or ``False``; ``None`` where the ground is the committee's judgement
        (political balance, "otherwise appropriate") or its words are not modelled.

        Args:
            prohibited: Voting members barred from the item by an interest.
            interested: Voting members who declared an interest in it.
            members: Voting members of the body (those entitled to vote).

        Examples:
            >>> StandardsGround.ENGLAND_2009_IMPEDED.met(prohibited=2, interested=2, members=6)
            False
            >>> StandardsGround.ENGLAND_2009_IMPEDED.met(prohibited=4, interested=4, members=6)
            True
            >>> StandardsGround.WALES_A.met(prohibited=2, interested=3, members=6)
            True
            >>> StandardsGround.WALES_J.met(prohibited=2, interested=2, members=6) is None
            True
        """
        if self in _MORE_THAN_HALF_PROHIBITED:
            return 2 * prohibited > members
        if self is StandardsGround.WALES_A:
            return 2 * interested >= members
        return None

    @property
    def review(self) -> str | None:
        """What the law requires while a dispensation on this ground is in effect, if
        anything: a reg 2(j) dispensation is reviewed every 12 months (SI 2016/85).

        Examples:
            >>> print(StandardsGround.WALES_J.review)
            to be reviewed by the standards committee once in every 12 month period from the \
date it was first granted (SI 2001/2279 reg 3, inserted by SI 2016/85 (W.39) reg 4(4))
            >>> StandardsGround.WALES_A.review is None
            True
        """
        if self is StandardsGround.WALES_J:
            return (
                "to be reviewed by the standards committee once in every 12 month period from "
                "the date it was first granted (SI 2001/2279 reg 3, inserted by SI 2016/85 "
                "(W.39) reg 4(4))"
            )
        return None

    @property
    def for_joint_board(self) -> bool:
        """Whether the ground can concern a joint board's business at all: not SI 2001/2279
        reg 2(b), which concerns the members of an authority's executive."""
        return self is not StandardsGround.WALES_B

    @property
    def worded(self) -> bool:
        """Whether the ground's words are modelled here (not SI 2001/2279 reg 2(b) to (i),
        whose wording is not verified here)."""
        return self in _STANDARDS_WORDS


_SI_2002_339 = (dt.date(2002, 3, 18), dt.date(2009, 6, 14))
_SI_2009_1255 = (dt.date(2009, 6, 15), dt.date(2012, 6, 30))
# Not verified here: the date SI 2001/2279 came into force; 28 July 2001 is the date of the
# companion Standards Committees (Wales) Regulations 2001 (SI 2001/2283).
_SI_2001_2279: tuple[dt.date, dt.date | None] = (dt.date(2001, 7, 28), None)
_GROUND_DATES: dict[StandardsGround, tuple[dt.date, dt.date | None]] = {
    StandardsGround.ENGLAND_2002_IMPEDED: _SI_2002_339,
    StandardsGround.ENGLAND_2002_POLITICAL_BALANCE: _SI_2002_339,
    StandardsGround.ENGLAND_2009_IMPEDED: _SI_2009_1255,
    StandardsGround.ENGLAND_2009_POLITICAL_BALANCE: _SI_2009_1255,
    **{g: _SI_2001_2279 for g in StandardsGround if g.name.startswith("WALES")},
    StandardsGround.WALES_J: (dt.date(2016, 4, 1), None),
}
_MORE_THAN_HALF_PROHIBITED = frozenset(
    {StandardsGround.ENGLAND_2002_IMPEDED, StandardsGround.ENGLAND_2009_IMPEDED}
)
_STANDARDS_WORDS = {
    StandardsGround.ENGLAND_2002_IMPEDED: "more than half of the members entitled to take "
    "part would otherwise be prohibited",
    StandardsGround.ENGLAND_2002_POLITICAL_BALANCE: "the authority could not otherwise "
    "comply with its political balance duty",
    StandardsGround.ENGLAND_2009_IMPEDED: "more than half of the members entitled to vote "
    "would otherwise be prohibited from voting",
    StandardsGround.ENGLAND_2009_POLITICAL_BALANCE: "the prohibitions would upset the "
    "political balance of the meeting so as to prejudice the outcome",
    StandardsGround.WALES_A: "no fewer than half of the members of the body considering the "
    "business have an interest which relates to it",
    StandardsGround.WALES_J: "otherwise appropriate",
}


@attrs.frozen
class DispensationRule:
    """Who could grant a dispensation, on what grounds and for how long, between two dates.

    Attributes:
        grants_by: Who grants it, in words.
        under: The provision that gives the power.
        grounds: The grounds that may be cited, each available on every day from ``start``
            to ``end`` (an empty tuple: the Localism Act's, see
            :class:`~sharegov.conflicts.DispensationGround`). Where a ground was added
            later (Wales, reg 2(j) from 1 April 2016), a second rule starts that day.
        max_years: The longest a dispensation may last, or ``None`` where no limit is
            modelled.
        start: The first day a dispensation under this rule can take effect.
        end: The last day, or ``None`` while it continues.
    """

    grants_by: str
    under: Provision
    grounds: tuple[StandardsGround, ...]
    max_years: int | None
    start: dt.date
    end: dt.date | None = None

    def __attrs_post_init__(self) -> None:
        for i, g in enumerate(self.grounds):
            ends_early = g.end is not None and (self.end is None or g.end < self.end)
            if g.start > self.start or ends_early:
                until = f" to {day(g.end)}" if g.end is not None else ""
                raise InvalidValue(
                    f"grounds[{i}]: {g.value} could be used only from {day(g.start)}{until}, "
                    f"but the rule runs from {day(self.start)}"
                    + (f" to {day(self.end)}" if self.end is not None else "")
                    + ": list only the grounds available on every day the rule covers"
                )

    def in_force(self, on: dt.date) -> bool:
        """Whether a dispensation could take effect under this rule on ``on``."""
        return self.start <= on and (self.end is None or on <= self.end)


def _nation(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in NATIONS:
        raise InvalidValue(expected(attribute.name, f"one of {list(NATIONS)}", value))


@attrs.frozen
class Regime:
    """A statutory regime on members' interests in one nation, between two dates.

    Build none yourself: :func:`regime` finds the one in force; :data:`REGIMES` lists them.

    Attributes:
        name: How explanations name it, e.g. ``"Model Code of Conduct 2007 (SI 2007/1159)"``.
        nation: ``"england"`` or ``"wales"``.
        start: The first day it applies.
        end: The last day, or ``None`` while it is in force.
        source: The instrument, with its URI.
        rules: What each interest category means.
        dispensations: Who grants dispensations, by date.
        amendments: Amending instruments taken into account.

    Examples:
        >>> import datetime as dt
        >>> r = regime(dt.date(2013, 3, 1), "england")
        >>> r.categories
        ('disclosable pecuniary interest', 'other registrable interest', \
'non-registrable interest')
        >>> r.bars("disclosable pecuniary interest"), r.withdraws("disclosable pecuniary interest")
        (True, False)
        >>> d = r.dispensation(dt.date(2013, 3, 1))
        >>> d.grants_by, d.max_years, str(d.under)
        ('the authority, or a committee, sub-committee or officer it delegates to', 4, \
'Localism Act 2011 s.33')
        >>> regime(dt.date(2009, 11, 27), "england").dispensation(dt.date(2009, 11, 27)).grounds
        (<StandardsGround.ENGLAND_2009_IMPEDED: 'SI 2009/1255 reg 17(1)(a)(i)'>, \
<StandardsGround.ENGLAND_2009_POLITICAL_BALANCE: 'SI 2009/1255 reg 17(1)(a)(ii)'>)
    """

    name: str = attrs.field(validator=_text)
    nation: str = attrs.field(validator=_nation)
    start: dt.date = attrs.field(validator=is_date)
    end: dt.date | None = attrs.field(validator=optional_date)
    source: Provision
    rules: tuple[InterestRule, ...]
    dispensations: tuple[DispensationRule, ...] = ()
    amendments: tuple[Provision, ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        """The interest categories the regime knows, in its order."""
        return tuple(r.category for r in self.rules)

    def in_force(self, on: dt.date) -> bool:
        """Whether the regime applies on ``on``."""
        return self.start <= on and (self.end is None or on <= self.end)

    def knows(self, category: str) -> bool:
        """Whether ``category`` is an interest category of this regime."""
        return category in self.categories

    def rule(self, category: str) -> InterestRule:
        """The :class:`InterestRule` for ``category``.

        Raises:
            UnknownId: The regime does not know the category.
        """
        for r in self.rules:
            if r.category == category:
                return r
        raise UnknownId(
            expected("category", f"one of {list(self.categories)} ({self.name})", category)
        )

    def bars(self, category: str) -> bool:
        """Whether an interest of ``category`` bars the member from the discussion and vote."""
        return self.rule(category).bars

    def withdraws(self, category: str) -> bool:
        """Whether an interest of ``category`` requires the member to leave the room."""
        return self.rule(category).withdraws

    def provision(self, category: str) -> Provision:
        """The provision that says what an interest of ``category`` means."""
        return self.rule(category).provision

    def dispensation(self, on: dt.date) -> DispensationRule | None:
        """The dispensation rule for a dispensation taking effect on ``on``, if any."""
        for d in self.dispensations:
            if d.in_force(on):
                return d
        return None

    def describe_categories(self) -> str:
        """The categories in words, citing where each comes from.

        A category of the authority's own code (:attr:`InterestRule.by_code`) is named as
        the code's, never the statute's.

        Examples:
            >>> import datetime as dt
            >>> regime(dt.date(2009, 11, 27), "england").describe_categories()
            'a personal or prejudicial interest (Model Code of Conduct 2007 (SI 2007/1159) \
paras 8 and 10)'
            >>> print(regime(dt.date(2013, 3, 1), "england").describe_categories())
            a disclosable pecuniary interest (Localism Act 2011 s.30), or an other registrable \
or non-registrable interest (the authority's code of conduct, adopted under Localism Act 2011 \
s.28; the names are the LGA Model Councillor Code of Conduct 2020's)
        """
        law = [r for r in self.rules if not r.by_code]
        code = [r for r in self.rules if r.by_code]
        text = _either(law)
        defined = _paras([str(r.defined) for r in law])
        text = f"{text} ({defined})" if defined else text
        if code:
            source = code[0].defined
            text += (
                f", or {_either(code)} ({source}; the names are the LGA Model Councillor "
                "Code of Conduct 2020's)"
            )
        return text


def _either(rules: list[InterestRule]) -> str:
    names = [r.category.removesuffix(" interest") for r in rules]
    head = ", ".join(names[:-1])
    text = f"{head} or {names[-1]}" if head else names[-1]
    return f"{_article(text)} {text} interest"


def _paras(cites: list[str]) -> str:
    """``["X para 8", "X para 10"]`` as ``"X paras 8 and 10"``; distinct sources joined."""
    unique = list(dict.fromkeys(cites))
    stems = {c.rsplit(" para ", 1)[0] for c in unique}
    if len(unique) > 1 and len(stems) == 1 and all(" para " in c for c in unique):
        paras = [c.rsplit(" para ", 1)[1] for c in unique]
        return f"{stems.pop()} paras {', '.join(paras[:-1])} and {paras[-1]}"
    return "; ".join(unique)


def _article(text: str) -> str:
    return "an" if text[:1].lower() in "aeiou" else "a"


def _p(text: str, path: str) -> Provision:
    return Provision(text, f"{_LEG}/{path}")


LGA_1972_SCH_12 = "ukpga/1972/70/schedule/12"
MEETING_DEFAULTS: tuple[Provision, ...] = (
    _p(
        "LGA 1972 Sch 12 para 6 (quorum of a council: one quarter)",
        f"{LGA_1972_SCH_12}/paragraph/6",
    ),
    _p(
        "LGA 1972 Sch 12 para 39(2) (second or casting vote of the person presiding)",
        f"{LGA_1972_SCH_12}/paragraph/39",
    ),
    _p(
        "LGA 1972 Sch 12 para 44 (paras 39-43 applied to committees and joint committees)",
        f"{LGA_1972_SCH_12}/paragraph/44",
    ),
    _p(
        "LGA 1972 Sch 12 para 45 (quorum when more than a third are disqualified)",
        f"{LGA_1972_SCH_12}/paragraph/45",
    ),
)
"""The quorum and casting-vote defaults, in England and Wales on every modelled date."""

_CODE_2001 = "Model Code of Conduct 2001 (SI 2001/3575)"
_CODE_2007 = "Model Code of Conduct 2007 (SI 2007/1159)"
_CODE_WALES = "Welsh Model Code of Conduct 2008 (SI 2008/788 (W.82))"
_U2001 = "uksi/2001/3575/contents/made"
_U2007 = "uksi/2007/1159/contents/made"
_UWALES = "wsi/2008/788/contents/made"
_LOCALISM_31 = "ukpga/2011/20/section/31"
#: The categories beyond disclosable pecuniary interests are the council's own code's, not the
#: Act's or SI 2012/1464's: s.28(2) requires a code adopted under s.28 to provide for the
#: registration and disclosure of pecuniary interests and of "interests other than pecuniary
#: interests", and leaves the categories to the council. The names "other registrable
#: interest" and "non-registrable interest" are those of the LGA Model Councillor Code of
#: Conduct 2020, which many councils adopted; a council's own code may name them otherwise.
_COUNCIL_CODE = _p(
    "the authority's code of conduct, adopted under Localism Act 2011 s.28",
    "ukpga/2011/20/section/28",
)
_COUNCIL_CODE_NOTE = (
    "the category is the authority's code's (the name is the LGA Model Councillor Code of "
    "Conduct 2020's), not the Act's: what the member must do is set by that code"
)

_STANDARDS_2002 = DispensationRule(
    "the standards committee",
    _p("LGA 2000 s.81(4); SI 2002/339 reg 3", "uksi/2002/339/contents/made"),
    (StandardsGround.ENGLAND_2002_IMPEDED, StandardsGround.ENGLAND_2002_POLITICAL_BALANCE),
    None,
    *_SI_2002_339,
)
_STANDARDS_2009 = DispensationRule(
    "the standards committee",
    _p("LGA 2000 s.81(4); SI 2009/1255 reg 17", "uksi/2009/1255/part/4/made"),
    (StandardsGround.ENGLAND_2009_IMPEDED, StandardsGround.ENGLAND_2009_POLITICAL_BALANCE),
    4,
    *_SI_2009_1255,
)


def _code_rules(code: str, uri: str, personal: str, prejudicial: str, participation: str,
                note: str | None) -> tuple[InterestRule, ...]:  # fmt: skip
    return (
        InterestRule(
            PERSONAL,
            _p(f"{code} para {personal}", uri),
            _p(f"{code} para {personal}", uri),
            bars=False,
            withdraws=False,
        ),
        InterestRule(
            PREJUDICIAL,
            _p(f"{code} para {prejudicial}", uri),
            _p(f"{code} para {participation}", uri),
            bars=True,
            withdraws=True,
            note=note,
        ),
    )


CODE_2001 = Regime(
    _CODE_2001,
    ENGLAND,
    dt.date(2001, 11, 27),
    dt.date(2007, 5, 2),
    _p("Local Authorities (Model Code of Conduct) (England) Order 2001, SI 2001/3575", _U2001),
    _code_rules(_CODE_2001, _U2001, "8", "10", "12", None),
    (_STANDARDS_2002,),
)
CODE_2007 = Regime(
    _CODE_2007,
    ENGLAND,
    dt.date(2007, 5, 3),
    dt.date(2012, 6, 30),
    _p("Local Authorities (Model Code of Conduct) Order 2007, SI 2007/1159", _U2007),
    _code_rules(
        _CODE_2007,
        _U2007,
        "8",
        "10",
        "12",
        "where the public may attend to make representations, answer questions or give "
        "evidence on the business, the member may do so first, then withdraws (para 12(2))",
    ),
    (attrs.evolve(_STANDARDS_2002, start=dt.date(2007, 5, 3)), _STANDARDS_2009),
)
LOCALISM = Regime(
    "Localism Act 2011 (SI 2012/1464)",
    ENGLAND,
    LOCALISM_FROM,
    None,
    _p("Localism Act 2011 ss.30-34", "ukpga/2011/20/part/1/chapter/7"),
    (
        InterestRule(
            DPI,
            _p("Localism Act 2011 s.30", "ukpga/2011/20/section/30"),
            _p("Localism Act 2011 s.31(4)", _LOCALISM_31),
            bars=True,
            withdraws=False,
            note="standing orders may also require the member to withdraw from the room (s.31(10))",
        ),
        InterestRule(
            OTHER_REGISTRABLE,
            _COUNCIL_CODE,
            _COUNCIL_CODE,
            bars=False,
            withdraws=False,
            note=_COUNCIL_CODE_NOTE,
            by_code=True,
        ),
        InterestRule(
            NON_REGISTRABLE,
            _COUNCIL_CODE,
            _COUNCIL_CODE,
            bars=False,
            withdraws=False,
            note=_COUNCIL_CODE_NOTE,
            by_code=True,
        ),
    ),
    (
        DispensationRule(
            "the authority, or a committee, sub-committee or officer it delegates to",
            _p("Localism Act 2011 s.33", "ukpga/2011/20/section/33"),
            (),
            4,
            LOCALISM_FROM,
        ),
    ),
    (_p("SI 2012/1464", "uksi/2012/1464/contents/made"),),
)
_WALES_DISPENSATIONS = DispensationRule(
    "the standards committee",
    _p("LGA 2000 s.81(4); SI 2001/2279 (W.169) reg 2", "wsi/2001/2279/contents/made"),
    tuple(g for g in StandardsGround if g.nation == WALES and g is not StandardsGround.WALES_J),
    None,
    dt.date(2008, 4, 18),
    _GROUND_DATES[StandardsGround.WALES_J][0] - dt.timedelta(days=1),
)
#: Para 14(2) of the Welsh code (wording from a secondary source, not verified here: the right
#: to attend only to make representations, answer questions or give evidence where the public
#: may), and from 1 April 2016 para 14(2A), inserted by SI 2016/84 (W.38) art. 2(4)(d)
#: (verified): written representations to such a meeting.
_WALES_14_2 = (
    "where the public may attend to make representations, answer questions or give evidence "
    "on the business, the member may attend for that purpose only (para 14(2))"
)
_WALES_14_2A = (
    f"{_WALES_14_2}, or submit written representations to such a meeting (para 14(2A), "
    "inserted by SI 2016/84 (W.38) from 1 April 2016)"
)
_WALES_SOURCE = _p(
    "Local Authorities (Model Code of Conduct) (Wales) Order 2008, SI 2008/788 (W.82)", _UWALES
)
WALES_2008 = Regime(
    _CODE_WALES,
    WALES,
    dt.date(2008, 4, 18),
    _GROUND_DATES[StandardsGround.WALES_J][0] - dt.timedelta(days=1),
    _WALES_SOURCE,
    _code_rules(_CODE_WALES, _UWALES, "10", "12", "14(1)(a)", _WALES_14_2),
    (_WALES_DISPENSATIONS,),
)
"""The Welsh code as made, to 31 March 2016."""
WALES_2016 = Regime(
    _CODE_WALES,
    WALES,
    _GROUND_DATES[StandardsGround.WALES_J][0],
    None,
    _WALES_SOURCE,
    _code_rules(_CODE_WALES, _UWALES, "10", "12", "14(1)(a)", _WALES_14_2A),
    (
        # Grounds (a) to (i), and from 1 April 2016 also (j), inserted by SI 2016/85 (W.39),
        # with the standards committee's review of a reg 2(j) dispensation once in every 12
        # months (SI 2016/85 reg 4(4), inserting reg 3).
        attrs.evolve(
            _WALES_DISPENSATIONS,
            under=_p(
                "LGA 2000 s.81(4); SI 2001/2279 (W.169) reg 2, as amended by SI 2016/85 (W.39)",
                "wsi/2001/2279/contents",
            ),
            grounds=tuple(g for g in StandardsGround if g.nation == WALES),
            start=_GROUND_DATES[StandardsGround.WALES_J][0],
            end=None,
        ),
    ),
    (
        _p("SI 2016/84 (W.38)", "wsi/2016/84/contents/made"),
        _p("SI 2016/85 (W.39)", "wsi/2016/85/contents/made"),
    ),
)
"""The Welsh code as amended by SI 2016/84 (W.38), and the grounds as amended by SI 2016/85
(W.39), from 1 April 2016."""

REGIMES: tuple[Regime, ...] = (CODE_2001, CODE_2007, LOCALISM, WALES_2008, WALES_2016)
"""Every modelled regime, by nation and then date."""


_S100B = "ukpga/1972/70/section/100B"
#: SI 2002/715 in force (art. 1(1)): five clear days in England from this day.
FIVE_CLEAR_DAYS_FROM = dt.date(2002, 10, 1)


@attrs.frozen
class AgendaNotice:
    """How many clear days before a meeting its agenda must be open to inspection, and why.

    Attributes:
        clear_days: The number of clear days.
        provision: The provision that sets it, with its URI.
        nation: The nation it applies in.
    """

    clear_days: int
    provision: Provision
    nation: str


_ENGLAND_THREE = AgendaNotice(
    3,
    _p("LGA 1972 s.100B(3) (three clear days, before SI 2002/715 took effect)", _S100B),
    ENGLAND,
)
_ENGLAND_FIVE = AgendaNotice(
    5,
    _p(
        "LGA 1972 s.100B(3), as amended for England by SI 2002/715 art. 3 (five clear days)",
        "uksi/2002/715/article/3/made",
    ),
    ENGLAND,
)
_WALES_THREE = AgendaNotice(
    3,
    _p(
        "LGA 1972 s.100B(3) (three clear days; SI 2002/715 applies only in England; in Wales "
        "now s.100BA(3), Local Government and Elections (Wales) Act 2021 Sch 4 para 7, "
        "still three clear days)",
        _S100B,
    ),
    WALES,
)


def agenda_notice(on: dt.date, nation: str) -> AgendaNotice | None:
    """The statutory clear days' notice of a principal council's meeting's agenda on ``on``
    in ``nation``, or ``None`` where none is modelled (Scotland, Northern Ireland).

    Examples:
        >>> import datetime as dt
        >>> agenda_notice(dt.date(2010, 3, 8), "wales").clear_days
        3
        >>> n = agenda_notice(dt.date(2010, 3, 8), "england")
        >>> n.clear_days, str(n.provision)
        (5, 'LGA 1972 s.100B(3), as amended for England by SI 2002/715 art. 3 (five clear days)')
        >>> agenda_notice(dt.date(2002, 9, 30), "england").clear_days
        3
        >>> agenda_notice(dt.date(2010, 3, 8), "scotland") is None
        True
    """
    _check(on, nation)
    if nation == WALES:
        return _WALES_THREE
    if nation == ENGLAND:
        return _ENGLAND_FIVE if on >= FIVE_CLEAR_DAYS_FROM else _ENGLAND_THREE
    return None


def nation_of_gss(code: str | None) -> str | None:
    """The nation of a GSS code (ONS Government Statistical Service), from its first letter.

    Examples:
        >>> nation_of_gss("E07000234"), nation_of_gss("W06000015"), nation_of_gss("S12000036")
        ('england', 'wales', 'scotland')
        >>> nation_of_gss("N09000003"), nation_of_gss(None), nation_of_gss("X1")
        ('northern ireland', None, None)
    """
    if not isinstance(code, str) or not code:
        return None
    return _GSS_NATION.get(code[0].upper())


def _check(on: Any, nation: Any) -> None:
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise InvalidValue(expected("on", "a datetime.date", on))
    if nation not in NATIONS:
        raise InvalidValue(expected("nation", f"one of {list(NATIONS)}", nation))


def regime(on: dt.date, nation: str) -> Regime | None:
    """The regime on members' interests in force on ``on`` in ``nation``.

    Args:
        on: The date of the event (a meeting).
        nation: ``"england"``, ``"wales"``, ``"scotland"`` or ``"northern ireland"``
            (see :func:`nation_of_gss`).

    Returns:
        The :class:`Regime`, or ``None`` where none is modelled (Scotland, Northern
        Ireland, or a date before the nation's first modelled regime).

    Raises:
        InvalidValue: ``on`` is not a date, or ``nation`` is not one of the four.

    Examples:
        >>> import datetime as dt
        >>> regime(dt.date(2007, 5, 2), "england").name
        'Model Code of Conduct 2001 (SI 2001/3575)'
        >>> regime(dt.date(2007, 5, 3), "england").name
        'Model Code of Conduct 2007 (SI 2007/1159)'
        >>> regime(dt.date(2012, 6, 30), "england").name
        'Model Code of Conduct 2007 (SI 2007/1159)'
        >>> regime(dt.date(2010, 1, 1), "wales").name
        'Welsh Model Code of Conduct 2008 (SI 2008/788 (W.82))'
        >>> regime(dt.date(2010, 1, 1), "France")
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: nation: expected one of ['england', 'wales', \
'scotland', 'northern ireland'], got 'France'
    """
    _check(on, nation)
    for r in REGIMES:
        if r.nation == nation and r.in_force(on):
            return r
    return None


def regimes_on(on: dt.date) -> tuple[Regime, ...]:
    """Every modelled regime in force on ``on``, one per nation at most, in :data:`NATIONS`
    order: what the law of that day offers where the nation is not known.

    Examples:
        >>> import datetime as dt
        >>> [r.name for r in regimes_on(dt.date(2009, 11, 27))]
        ['Model Code of Conduct 2007 (SI 2007/1159)', \
'Welsh Model Code of Conduct 2008 (SI 2008/788 (W.82))']
        >>> regimes_on(dt.date(2000, 1, 1))
        ()
    """
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise InvalidValue(expected("on", "a datetime.date", on))
    return tuple(r for n in NATIONS for r in REGIMES if r.nation == n and r.in_force(on))


def no_regime_note(
    on: dt.date | None,
    nation: str | None,
    body: str = "the board",
    *,
    orders: str | None = None,
) -> str:
    """The sentence an explanation gives when no statutory regime was applied.

    Args:
        on: The date of the meeting, if given.
        nation: The meeting's nation, if known.
        body: The board's name.
        orders: How the board's standing orders on interests are cited, where the file or
            caller records them; ``None`` when none are recorded, and then the note says
            that each effect is as recorded at the meeting or assumed (never that standing
            orders were applied).

    Examples:
        >>> import datetime as dt
        >>> no_regime_note(dt.date(2010, 5, 1), "scotland", "Lothian Joint Board",
        ...                orders="Standing Order 12")
        "No statutory regime on members' interests is modelled for Scotland on 1 May 2010: \
only Lothian Joint Board's standing orders (Standing Order 12) were applied."
        >>> no_regime_note(None, "england")
        "The date of the meeting was not given, so no statutory regime on members' interests \
was applied, and the board's standing orders on interests are not recorded: each effect \
below is as recorded at the meeting, or assumed where it says so."
    """
    if orders is None:
        tail = (
            f"{body}'s standing orders on interests are not recorded: each effect below is as "
            "recorded at the meeting, or assumed where it says so."
        )
        join = ", and "
    else:
        tail = f"only {body}'s standing orders ({orders}) were applied."
        join = ": "
    if on is None:
        return (
            "The date of the meeting was not given, so no statutory regime on members' "
            f"interests was applied{join}{tail}"
        )
    if nation is None:
        return (
            "The nation of the meeting is not known (no nation is recorded, and its "
            "authorities have no GSS codes or are in more than one nation), so no statutory "
            f"regime on members' interests was applied{join}{tail}"
        )
    where = f"for {nation.title()} on {day(on)}"
    return f"No statutory regime on members' interests is modelled {where}{join}{tail}"


def no_law_note(on: dt.date) -> str | None:
    """What to say of a date before any law modelled here: before the year of the earliest
    Act modelled (the Local Government Act 1972, whose Sch 12 gives the voting defaults),
    no law modelled applies, so nothing may be cited as the law of that date. ``None`` from
    that year on.

    Examples:
        >>> no_law_note(dt.date(1066, 10, 14))[:62]
        'No law modelled applies on 14 October 1066: the earliest Act m'
        >>> no_law_note(dt.date(2008, 9, 1)) is None
        True
    """
    if on.year >= _FIRST_ACT_YEAR:
        return None
    first = min(r.start for r in REGIMES)
    return (
        f"No law modelled applies on {day(on)}: the earliest Act modelled is the Local "
        f"Government Act {_FIRST_ACT_YEAR}, and no regime on members' interests is modelled "
        f"before {day(first)}. Nothing here may be read as the law of that date."
    )


#: The year of the earliest Act modelled (LGA 1972): an Act is not law before the year it
#: was passed, so no law modelled applies before then.
_FIRST_ACT_YEAR = 1972
