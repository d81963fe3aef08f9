"""Recommendations to each council, their decisions and the joint status."""

from __future__ import annotations

import datetime as dt

import pytest

from sharegov import Vote
from sharegov.decisions import CouncilDecision, JointState, Recommendation, Resolution
from sharegov.errors import InvalidValue
from sharegov.reference import bromsgrove_redditch_board, bromsgrove_redditch_recommendations

D = dt.date
TO = {"BDC": "Council", "RBC": "Cabinet"}


def _rec() -> Recommendation:
    return Recommendation(
        "r", "Share the service", to=TO, made_on=D(2008, 9, 1), by="Shared Services Board"
    )


def _d(code: str, res: Resolution, day: int, terms: str = "") -> CouncilDecision:
    return CouncilDecision(code, res, on=D(2008, 9, day), body=TO[code], terms=terms)


def test_joint_states() -> None:
    rec = _rec()
    assert rec.status(as_of=D(2008, 9, 2)).state is JointState.PENDING
    one = rec.record(_d("BDC", Resolution.ADOPTED, 17))
    assert one.status(as_of=D(2008, 9, 18)).state is JointState.PENDING
    both = one.record(_d("RBC", Resolution.ADOPTED, 18))
    assert both.status(as_of=D(2008, 9, 17)).state is JointState.PENDING
    assert both.status(as_of=D(2008, 9, 18)).state is JointState.ADOPTED_BY_ALL
    rejected = one.record(_d("RBC", Resolution.REJECTED, 18)).status(as_of=D(2008, 9, 30))
    assert rejected.state is JointState.REJECTED
    assert rejected.rejected_by == ("RBC",)
    assert "rejected by RBC" in rejected.explain()
    diverged = one.record(_d("RBC", Resolution.AMENDED, 18, "excluding CCTV"))
    assert diverged.status(as_of=D(2008, 9, 30)).state is JointState.DIVERGED
    same = rec.record(_d("BDC", Resolution.AMENDED, 17, "excluding CCTV")).record(
        _d("RBC", Resolution.AMENDED, 18, "excluding CCTV")
    )
    assert same.status(as_of=D(2008, 9, 30)).state is JointState.ADOPTED_BY_ALL
    deferred = one.record(_d("RBC", Resolution.DEFERRED, 18))
    assert deferred.status(as_of=D(2008, 9, 30)).state is JointState.PENDING
    later = deferred.record(_d("RBC", Resolution.ADOPTED, 25))
    assert later.status(as_of=D(2008, 9, 30)).state is JointState.ADOPTED_BY_ALL
    assert rec.decisions == ()  # recording never changes the original


def test_bad_decisions_are_refused() -> None:
    rec = _rec()
    with pytest.raises(InvalidValue, match="authority"):
        rec.record(CouncilDecision("WFDC", Resolution.ADOPTED, on=D(2008, 9, 17)))
    with pytest.raises(InvalidValue, match="body"):
        rec.record(CouncilDecision("RBC", Resolution.ADOPTED, on=D(2008, 9, 17)))
    with pytest.raises(InvalidValue, match=r"decisions\[0\]\.on"):
        rec.record(
            _d("BDC", Resolution.ADOPTED, 1).__class__(
                "BDC", Resolution.ADOPTED, on=D(2008, 8, 1), body="Council"
            )
        )
    with pytest.raises(InvalidValue, match="terms"):
        CouncilDecision("BDC", Resolution.AMENDED, on=D(2008, 9, 17))
    with pytest.raises(InvalidValue, match="to"):
        Recommendation("r", "x", to={}, made_on=D(2008, 9, 1), by="B")


def test_a_recommendation_needs_a_carried_outcome() -> None:
    board = bromsgrove_redditch_board()
    lost = board.decide(
        {
            "hollingworth": Vote.FOR,
            "luck": Vote.FOR,
            "gandy": Vote.FOR,
            "hall": Vote.AGAINST,
            "mcmillan": Vote.AGAINST,
        },
        absent={"webb"},
    )
    with pytest.raises(InvalidValue, match="did not carry"):
        Recommendation.from_outcome(lost, "r", "x", to=TO, made_on=D(2008, 9, 1))


def test_seed_chain_board_to_council_17_september_2008() -> None:
    recs = bromsgrove_redditch_recommendations()
    assert len(recs) == 5
    for rec in recs:
        assert rec.by == "Shared Services Board"
        assert rec.made_on == D(2008, 9, 1)
        assert rec.outcome is not None
        assert rec.outcome.carried
        assert rec.outcome.advisory
        assert dict(rec.scheduled) == {"BDC": D(2008, 9, 17), "RBC": D(2008, 9, 17)}
        assert rec.status(as_of=D(2008, 9, 2)).state is JointState.PENDING
    quick = next(r for r in recs if r.id == "quick_wins")
    assert "consultation with affected staff and trade unions" in quick.describe()
    text = quick.status(as_of=D(2008, 9, 2)).explain()
    assert "BDC Council: no decision yet; to be considered on 17 September 2008." in text


def test_adopted_by_its_only_council_is_not_adopted_by_all() -> None:
    rec = Recommendation(
        "r", "Share the service", to={"BDC": "Council"}, made_on=D(2008, 9, 1), by="Board"
    ).record(_d("BDC", Resolution.ADOPTED, 17))
    status = rec.status(as_of=D(2008, 9, 30))
    assert status.state is JointState.ADOPTED_BY_ALL
    assert status.explain().startswith("Share the service: adopted by BDC (as of 30 September")
    assert (
        "adopted by all"
        in _rec()
        .record(_d("BDC", Resolution.ADOPTED, 17))
        .record(_d("RBC", Resolution.ADOPTED, 18))
        .status(as_of=D(2008, 9, 30))
        .explain()
    )
