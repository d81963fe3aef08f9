"""Concordat versions, variations by agreement of every party, terms, reviews and exit."""

from __future__ import annotations

import copy
import datetime as dt

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from sharegov.concordat import Agreement, Concordat, ServiceArrangement, Term, TermState
from sharegov.errors import InvalidValue, UnknownId
from sharegov.reference import bromsgrove_redditch_concordat

D = dt.date


def _both(on: dt.date, body: str = "Council") -> list[Agreement]:
    return [
        Agreement(code, f"Minute {code} {on.isoformat()}", body=body, on=on)
        for code in ("BDC", "RBC")
    ]


def test_reference_concordat_expresses_the_seed() -> None:
    c = bromsgrove_redditch_concordat()
    assert c.party_codes == ("BDC", "RBC")
    assert not c.legally_enforceable  # 3.2
    assert c.board is not None
    assert c.board.advisory
    assert c.arrangement("elections").lead == "BDC"
    assert c.arrangement("community_safety").lead == "RBC"
    assert c.arrangement("payroll").host == "RBC"
    assert "statutory responsibility rests" in c.accountability
    text = c.accountable_for("payroll", "BDC")
    assert "BDC remains accountable" in text
    assert "rests with RBC" in text


def test_a_variation_not_agreed_by_all_names_who_has_not_agreed() -> None:
    c = bromsgrove_redditch_concordat()
    with pytest.raises(InvalidValue, match="RBC has not agreed"):
        c.vary(variation="v", in_force_from=D(2009, 4, 1), agreements=_both(D(2009, 3, 1))[:1])
    with pytest.raises(InvalidValue, match="BDC and RBC have not agreed"):
        c.vary(variation="v", in_force_from=D(2009, 4, 1), agreements=[])


def test_variation_rules() -> None:
    c = bromsgrove_redditch_concordat()
    with pytest.raises(InvalidValue, match=r"agreements\[0\]\.on"):
        c.vary(variation="v", in_force_from=D(2009, 4, 1), agreements=_both(D(2009, 5, 1)))
    with pytest.raises(InvalidValue, match="in_force_from"):
        c.vary(variation="v", in_force_from=D(2008, 9, 1), agreements=_both(D(2008, 9, 1)))
    with pytest.raises(InvalidValue, match="version"):
        c.vary(
            variation="v", in_force_from=D(2009, 4, 1), agreements=_both(D(2009, 3, 1)), version=7
        )
    outsider = [*_both(D(2009, 3, 1)), Agreement("WFDC", "m", body="Council", on=D(2009, 3, 1))]
    with pytest.raises(InvalidValue, match="party"):
        c.vary(variation="v", in_force_from=D(2009, 4, 1), agreements=outsider)


def test_vary_and_at() -> None:
    c1 = bromsgrove_redditch_concordat()
    audit = ServiceArrangement("audit", "Internal Audit", ["BDC", "RBC"], host="BDC")
    c2 = c1.vary(
        variation="Add a shared Internal Audit service",
        in_force_from=D(2009, 4, 1),
        agreements=_both(D(2009, 3, 18)),
        arrangements=[*c1.arrangements, audit],
    )
    assert c2.version == 2
    assert c2.previous is c1
    assert c2.at(D(2009, 3, 31)) is c1
    assert c2.at(D(2009, 4, 1)) is c2
    assert len(c1.arrangements) + 1 == len(c2.arrangements)
    with pytest.raises(UnknownId, match="took effect"):
        c2.at(D(2008, 1, 1))
    assert "Version 2, in force from 1 April 2009: Add a shared Internal Audit service." in (
        c2.history()
    )


def _fields(c: Concordat) -> dict[str, object]:
    return {k: v for k, v in attrs.asdict(c, recurse=False).items() if k != "previous"}


BASE = bromsgrove_redditch_concordat()


@given(st.lists(st.integers(1, 400), min_size=1, max_size=6), st.data())
def test_versions_never_change_once_made(gaps: list[int], data: st.DataObject) -> None:
    c = BASE
    snapshots = [copy.deepcopy(_fields(c))]
    when = c.in_force_from
    for i, gap in enumerate(gaps):
        when = when + dt.timedelta(days=gap)
        agreed = when - dt.timedelta(days=data.draw(st.integers(0, gap)))
        c = c.vary(
            variation=f"variation {i}",
            in_force_from=when,
            agreements=_both(agreed),
            termination=f"clause {i}",
        )
        snapshots.append(copy.deepcopy(_fields(c)))
    assert len(c.versions) == len(gaps) + 1
    for version, snap in zip(c.versions, snapshots, strict=True):
        assert _fields(version) == snap
        assert c.at(version.in_force_from) is version
        if version.previous is not None:
            assert c.at(version.in_force_from - dt.timedelta(days=1)) is version.previous


def test_term_reviews_and_state() -> None:
    term = bromsgrove_redditch_concordat().term
    assert term is not None
    assert term.review_dates(until=D(2011, 7, 1)) == [
        D(2008, 12, 30),
        D(2009, 6, 30),
        D(2010, 6, 30),
        D(2011, 6, 30),
    ]
    assert term.state(as_of=D(2008, 6, 1)) is TermState.NOT_STARTED
    assert term.state(as_of=D(2008, 9, 2)) is TermState.TRIAL
    assert term.state(as_of=D(2009, 8, 1)) is TermState.CONTINUING
    assert term.next_review(as_of=D(2009, 1, 1)) == D(2009, 6, 30)
    assert "by BDC Cabinet and RBC Cabinet, each independently" in term.explain(as_of=D(2008, 9, 2))
    with pytest.raises(InvalidValue, match="until"):
        term.review_dates()


def test_bad_terms() -> None:
    with pytest.raises(InvalidValue, match="^end:"):
        Term(D(2008, 6, 30), end=D(2008, 1, 1))
    with pytest.raises(InvalidValue, match="term ends"):
        Term(D(2008, 6, 30), end=D(2008, 10, 1))  # the 6-month review would fall after it
    with pytest.raises(InvalidValue, match="within the trial"):
        Term(D(2008, 6, 30), trial=relativedelta(months=3))
    with pytest.raises(InvalidValue, match="positive"):
        Term(D(2008, 6, 30), trial=relativedelta(months=-12))
    with pytest.raises(InvalidValue, match="relativedelta"):
        Term(D(2008, 6, 30), trial=12)  # type: ignore[arg-type]


def test_termination_by_agreement_with_an_exit_record() -> None:
    term = Term(D(2008, 6, 30), reviewers=("BDC Cabinet", "RBC Cabinet"))
    with pytest.raises(InvalidValue, match="RBC has not agreed"):
        term.terminate(
            D(2009, 3, 31), parties=["BDC", "RBC"], agreements=_both(D(2009, 3, 1), "Cabinet")[:1]
        )
    ended = term.terminate(
        D(2009, 3, 31),
        parties=["BDC", "RBC"],
        agreements=_both(D(2009, 3, 1), "Cabinet"),
        reason="the trial was not continued",
        handling="secondment ends; staff return to their employer",
    )
    assert ended.state(as_of=D(2009, 4, 1)) is TermState.ENDED
    assert term.end is None  # the original is unchanged
    assert ended.review_dates() == [D(2008, 12, 30)]
    text = ended.explain(as_of=D(2009, 4, 1))
    assert "ended on 31 March 2009" in text
    assert "Ended by agreement" in text
    assert ended.next_review(as_of=D(2009, 4, 1)) is None


def test_concordat_validation() -> None:
    c = bromsgrove_redditch_concordat()
    with pytest.raises(InvalidValue, match="parties"):
        attrs.evolve(c, parties=c.parties[:1], board=None, arrangements=())
    stray = ServiceArrangement("x", "X", ["BDC", "WFDC"])
    with pytest.raises(InvalidValue, match=r"arrangements\[4\]\.parties"):
        attrs.evolve(c, arrangements=[*c.arrangements, stray])
    with pytest.raises(UnknownId):
        c.arrangement("nothing")
    with pytest.raises(UnknownId):
        c.accountable_for("payroll", "WFDC")
    with pytest.raises(InvalidValue, match="version"):
        Concordat("c", parties=c.parties, in_force_from=D(2008, 1, 1), version=2)


def test_parties_join_and_leave() -> None:
    sias = ServiceArrangement(
        "sias",
        "Internal audit",
        ["HCC", "NHDC", "DBC"],
        host="HCC",
        joined={"DBC": dt.date(2011, 3, 1)},
        left={"NHDC": dt.date(2012, 3, 31)},
    )
    assert sias.parties_on(dt.date(2011, 2, 28)) == ("HCC", "NHDC")
    assert sias.parties_on(dt.date(2012, 3, 31)) == ("HCC", "NHDC", "DBC")
    assert sias.parties_on(dt.date(2012, 4, 1)) == ("HCC", "DBC")
    with pytest.raises(InvalidValue, match=r"^joined: expected one of the parties"):
        ServiceArrangement("x", "X", ["A", "B"], joined={"C": dt.date(2011, 1, 1)})
    with pytest.raises(InvalidValue, match=r"^left\.B: expected a date on or after it joined"):
        ServiceArrangement(
            "x", "X", ["A", "B"], joined={"B": dt.date(2011, 1, 1)}, left={"B": dt.date(2010, 1, 1)}
        )


def test_extensions_are_a_history_like_deadline_amendments() -> None:
    from sharegov.concordat import Extension

    first = Extension(
        dt.date(2011, 3, 31),
        old=dt.date(2010, 12, 31),
        decided_on=dt.date(2010, 11, 1),
        by="Cabinet",
        reason="cover",
    )
    second = Extension(
        dt.date(2011, 12, 31),
        old=dt.date(2011, 3, 31),
        decided_on=dt.date(2011, 2, 1),
        by="Cabinet",
    )
    shared = ServiceArrangement(
        "lic",
        "Licensing officer",
        ["NHDC", "LBC"],
        end=dt.date(2011, 12, 31),
        history=[first, second],
    )
    assert shared.end_on(as_of=dt.date(2010, 10, 1)) == dt.date(2010, 12, 31)
    assert shared.end_on(as_of=dt.date(2011, 1, 1)) == dt.date(2011, 3, 31)
    assert shared.end_on(as_of=dt.date(2011, 6, 1)) == dt.date(2011, 12, 31)
    assert first.describe() == (
        "On 1 November 2010 extended to 31 March 2011 by Cabinet (from 31 December 2010): cover."
    )
    with pytest.raises(InvalidValue, match=r"^end: expected the end set by the last extension"):
        ServiceArrangement("x", "X", ["A", "B"], end=dt.date(2011, 1, 1), history=[second])
    with pytest.raises(InvalidValue, match=r"^history\[1\]\.old: expected the end the extension"):
        ServiceArrangement(
            "x", "X", ["A", "B"], end=dt.date(2011, 12, 31), history=[second, second]
        )
    with pytest.raises(InvalidValue, match=r"^history\[1\]\.decided_on: expected a date on or"):
        ServiceArrangement(
            "x",
            "X",
            ["A", "B"],
            end=dt.date(2011, 12, 31),
            history=[Extension(dt.date(2011, 3, 31), decided_on=dt.date(2011, 2, 2)), second],
        )


def test_every_extendable_class_refuses_a_history_that_is_not_extensions_alike() -> None:
    from sharegov.agreements import Secondment
    from sharegov.parties import Extension, Post

    good = Extension(dt.date(2011, 3, 31))
    makers = {
        "Post": lambda h: Post("p", "Post", ["A"], end=dt.date(2011, 3, 31), history=h),
        "ServiceArrangement": lambda h: ServiceArrangement(
            "x", "X", ["A", "B"], end=dt.date(2011, 3, 31), history=h
        ),
        "Secondment": lambda h: Secondment(
            "o", employer="A", host="B", end=dt.date(2011, 3, 31), history=h
        ),
    }
    for name, make in makers.items():
        assert make([good]).history == (good,), name
        with pytest.raises(InvalidValue) as caught:
            make([good, "2012-03-31"])
        assert str(caught.value) == "history[1]: expected an Extension, got '2012-03-31'", name
        with pytest.raises(InvalidValue) as caught:
            make("2011-03-31")
        assert str(caught.value) == (
            "history: expected a sequence of Extension, got '2011-03-31'"
        ), name


def test_agreements_validate_and_describe() -> None:
    from fractions import Fraction

    from sharegov.agreements import (
        ExitStrategy,
        Indicator,
        ScrutinyArrangement,
        Secondment,
        ServiceLevelAgreement,
    )

    s = Secondment(
        "dep",
        employer="A",
        host="B",
        share=Fraction(1, 2),
        start=dt.date(2011, 1, 1),
        end=dt.date(2011, 12, 31),
    )
    assert s.describe() == (
        "Seconded from A to B, 1/2 of their time from 1 January 2011 to 31 December 2011."
    )
    assert s.active_on(dt.date(2011, 12, 31))
    assert not s.active_on(dt.date(2012, 1, 1))
    with pytest.raises(InvalidValue, match=r"^share: expected a fraction of time above 0"):
        Secondment("dep", employer="A", host="B", share=Fraction(3, 2))
    plan = Indicator("Plan", target="90%")
    sla = ServiceLevelAgreement(
        "sla",
        arrangement="x",
        indicators=[plan],
        reviews=[dt.date(2011, 6, 1), dt.date(2012, 6, 1)],
    )
    assert sla.next_review(as_of=dt.date(2011, 7, 1)) == dt.date(2012, 6, 1)
    assert sla.next_review(as_of=dt.date(2012, 7, 1)) is None
    with pytest.raises(InvalidValue, match=r"^reviews: expected dates in order"):
        ServiceLevelAgreement(
            "sla", arrangement="x", reviews=[dt.date(2012, 6, 1), dt.date(2011, 6, 1)]
        )
    assert ExitStrategy(arrangement="x").describe() == (
        "Exit strategy for x (in place): notice not recorded; sharing of exit costs not recorded."
    )
    with pytest.raises(InvalidValue, match="^status: expected one of"):
        ScrutinyArrangement(status="maybe")
