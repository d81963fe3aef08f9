"""The statutory regimes on members' interests, by nation and date.

Oracles: the commencement articles of SI 2001/3575 (27 November 2001), SI 2007/1159
(3 May 2007), SI 2008/788 (18 April 2008) and SI 2012/1463 (s.33 dispensations from
1 July 2012), and the rules the codes and the Act give each category of interest.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from sharegov import statute
from sharegov.errors import InvalidValue, SharegovError, UnknownId
from sharegov.statute import StandardsGround, nation_of_gss, no_regime_note, regime


@pytest.mark.parametrize(
    ("code", "nation"),
    [
        ("E07000234", "england"),
        ("W06000015", "wales"),
        ("S12000036", "scotland"),
        ("N09000003", "northern ireland"),
        ("X1", None),
        ("", None),
        (None, None),
    ],
)
def test_nation_of_gss(code: str | None, nation: str | None) -> None:
    assert nation_of_gss(code) == nation


@pytest.mark.parametrize(
    ("on", "nation", "name"),
    [
        (dt.date(2001, 11, 26), "england", None),
        (dt.date(2001, 11, 27), "england", "Model Code of Conduct 2001 (SI 2001/3575)"),
        (dt.date(2007, 5, 2), "england", "Model Code of Conduct 2001 (SI 2001/3575)"),
        (dt.date(2007, 5, 3), "england", "Model Code of Conduct 2007 (SI 2007/1159)"),
        (dt.date(2009, 11, 27), "england", "Model Code of Conduct 2007 (SI 2007/1159)"),
        (dt.date(2012, 6, 30), "england", "Model Code of Conduct 2007 (SI 2007/1159)"),
        (dt.date(2012, 7, 1), "england", "Localism Act 2011 (SI 2012/1464)"),
        (dt.date(2013, 3, 1), "england", "Localism Act 2011 (SI 2012/1464)"),
        (dt.date(2008, 4, 17), "wales", None),
        (dt.date(2008, 4, 18), "wales", "Welsh Model Code of Conduct 2008 (SI 2008/788 (W.82))"),
        (dt.date(2013, 3, 1), "wales", "Welsh Model Code of Conduct 2008 (SI 2008/788 (W.82))"),
        (dt.date(2010, 5, 1), "scotland", None),
        (dt.date(2010, 5, 1), "northern ireland", None),
    ],
)
def test_the_regime_in_force_by_date_and_nation(on: dt.date, nation: str, name: str | None) -> None:
    found = regime(on, nation)
    assert (found.name if found is not None else None) == name
    if found is not None:
        assert found.nation == nation
        assert found.in_force(on)


def test_regimes_of_a_nation_do_not_overlap_and_have_no_gaps() -> None:
    england = [r for r in statute.REGIMES if r.nation == "england"]
    for before, after in itertools.pairwise(england):
        assert before.end is not None
        assert after.start == before.end + dt.timedelta(days=1)


def test_categories_and_what_they_mean() -> None:
    code = regime(dt.date(2009, 11, 27), "england")
    assert code is not None
    assert code.categories == ("personal interest", "prejudicial interest")
    assert code.withdraws("prejudicial interest")
    assert code.bars("prejudicial interest")
    assert not code.bars("personal interest")
    assert str(code.provision("prejudicial interest")).endswith("(SI 2007/1159) para 12")
    assert code.provision("prejudicial interest").uri == (
        "https://www.legislation.gov.uk/uksi/2007/1159/contents/made"
    )
    assert "representations" in (code.rule("prejudicial interest").note or "")
    with pytest.raises(UnknownId):
        code.rule("disclosable pecuniary interest")
    localism = regime(dt.date(2013, 1, 1), "england")
    assert localism is not None
    assert "personal interest" not in localism.categories
    assert localism.bars("disclosable pecuniary interest")
    assert not localism.withdraws("disclosable pecuniary interest")  # only by standing orders
    assert localism.provision("disclosable pecuniary interest").uri.endswith(
        "/ukpga/2011/20/section/31"
    )
    wales = regime(dt.date(2010, 1, 1), "wales")
    assert wales is not None
    assert wales.withdraws("prejudicial interest")
    assert "SI 2008/788" in str(wales.provision("prejudicial interest"))
    assert all(
        p.uri.startswith("https://www.legislation.gov.uk/")
        for r in statute.REGIMES
        for rule in r.rules
        for p in (rule.defined, rule.provision)
    )


def test_dispensation_rules_by_date() -> None:
    code = regime(dt.date(2009, 1, 1), "england")
    assert code is not None
    early = code.dispensation(dt.date(2009, 6, 14))
    late = code.dispensation(dt.date(2009, 6, 15))
    assert early is not None
    assert late is not None
    assert early.grants_by == late.grants_by == "the standards committee"
    assert "SI 2002/339" in str(early.under)
    assert "SI 2009/1255" in str(late.under)
    assert (early.max_years, late.max_years) == (None, 4)
    localism = regime(dt.date(2012, 7, 1), "england")
    assert localism is not None
    rule = localism.dispensation(dt.date(2012, 7, 1))
    assert rule is not None
    assert rule.max_years == 4
    assert str(rule.under) == "Localism Act 2011 s.33"
    assert "Localism" not in " ".join(str(d.under) for d in code.dispensations)
    assert not StandardsGround.WALES_J.available(dt.date(2016, 3, 31))
    assert StandardsGround.WALES_J.available(dt.date(2016, 4, 1))


def test_meeting_defaults_cite_schedule_12() -> None:
    cited = " ".join(str(p) for p in statute.MEETING_DEFAULTS)
    for para in ("para 6", "para 39(2)", "para 44", "para 45"):
        assert para in cited


def test_no_regime_note() -> None:
    assert no_regime_note(
        dt.date(2010, 5, 1), "scotland", "Lothian Joint Board", orders="SO 12"
    ) == (
        "No statutory regime on members' interests is modelled for Scotland on 1 May 2010: "
        "only Lothian Joint Board's standing orders (SO 12) were applied."
    )
    assert "date of the meeting was not given" in no_regime_note(None, "england")
    assert "nation of the meeting is not known" in no_regime_note(dt.date(2010, 1, 1), None)


@pytest.mark.parametrize(
    ("on", "nation"),
    [(None, "england"), (dt.date(2010, 1, 1), None), (dt.date(2010, 5, 1), "scotland")],
)
def test_no_regime_note_never_cites_standing_orders_that_are_not_recorded(
    on: dt.date | None, nation: str | None
) -> None:
    # Finding 2: no source may be invented. Without recorded orders the note says so.
    text = no_regime_note(on, nation, "Joint Board")
    assert "standing orders were applied" not in text
    assert "Joint Board's standing orders on interests are not recorded" in text
    assert "assumed" in text


def test_the_categories_beyond_dpis_are_the_councils_code_not_the_acts() -> None:
    # Finding 14: Localism Act 2011 s.28(2) requires a code to provide for "interests other
    # than pecuniary interests"; the categories' names are the LGA Model Code 2020's.
    localism = regime(dt.date(2013, 1, 1), "england")
    assert localism is not None
    for kind in ("other registrable interest", "non-registrable interest"):
        rule = localism.rule(kind)
        for provision in (rule.defined, rule.provision):
            assert str(provision).startswith("the authority's code of conduct")
            assert "adopted under Localism Act 2011 s.28" in str(provision)
            assert "SI 2012/1464" not in str(provision)
            assert provision.uri.endswith("/ukpga/2011/20/section/28")
        assert "LGA Model Councillor Code of Conduct 2020" in (rule.note or "")
    dpi = localism.rule("disclosable pecuniary interest")
    assert str(dpi.defined) == "Localism Act 2011 s.30"


def test_regimes_on_a_date_across_nations() -> None:
    assert [r.nation for r in statute.regimes_on(dt.date(2009, 11, 27))] == ["england", "wales"]
    assert [r.nation for r in statute.regimes_on(dt.date(2008, 4, 17))] == ["england"]
    assert statute.regimes_on(dt.date(2001, 11, 26)) == ()
    with pytest.raises(InvalidValue, match="on: expected a datetime.date"):
        statute.regimes_on("2009-11-27")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "on",
    [
        dt.date(2008, 4, 18),
        dt.date(2012, 7, 1),
        dt.date(2016, 3, 31),
        dt.date(2016, 4, 1),
        dt.date(2024, 1, 1),
    ],
)
def test_the_welsh_rule_lists_only_the_grounds_available_on_the_date(on: dt.date) -> None:
    # Reg 2(j) of SI 2001/2279 was inserted by SI 2016/85 (W.39) from 1 April 2016.
    wales = regime(on, "wales")
    assert wales is not None
    rule = wales.dispensation(on)
    assert rule is not None
    assert all(g.available(on) for g in rule.grounds)
    assert (StandardsGround.WALES_J in rule.grounds) == (on >= dt.date(2016, 4, 1))
    assert StandardsGround.WALES_A in rule.grounds
    assert ("SI 2016/85" in str(rule.under)) == (on >= dt.date(2016, 4, 1))


def test_every_rule_lists_only_grounds_available_throughout() -> None:
    for r in statute.REGIMES:
        for rule in r.dispensations:
            for g in rule.grounds:
                assert g.available(rule.start)
                assert rule.end is not None or g.end is None
                if rule.end is not None:
                    assert g.available(rule.end)
    with pytest.raises(InvalidValue, match=r"grounds\[9\]: SI 2001/2279 reg 2\(j\) could be used"):
        statute.DispensationRule(
            "the standards committee",
            statute.Provision("x", "https://www.legislation.gov.uk/wsi/2001/2279"),
            tuple(g for g in StandardsGround if g.nation == "wales"),
            None,
            dt.date(2008, 4, 18),
        )


@pytest.mark.parametrize(
    ("on", "nation", "message"),
    [
        ("2010-01-01", "england", "^on: expected a datetime.date"),
        (dt.datetime(2010, 1, 1), "england", "^on: expected a datetime.date"),
        (dt.date(2010, 1, 1), "England", "^nation: expected one of"),
        (dt.date(2010, 1, 1), None, "^nation: expected one of"),
    ],
)
def test_bad_arguments(on: object, nation: object, message: str) -> None:
    with pytest.raises(InvalidValue, match=message) as info:
        regime(on, nation)  # type: ignore[arg-type]
    assert isinstance(info.value, SharegovError)
