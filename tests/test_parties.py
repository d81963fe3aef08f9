from __future__ import annotations

import pytest

from sharegov import Authority, Member, Post, StatutoryRole
from sharegov.errors import InvalidValue


def test_authority_from_contract() -> None:
    bdc = Authority("BDC", "Bromsgrove District Council", population=93_637, gss="E07000234")
    assert (bdc.code, bdc.population, bdc.gss) == ("BDC", 93_637, "E07000234")


@pytest.mark.parametrize("gss", ["E0700023", "X07000234", "e07000234", "E070002345", ""])
def test_bad_gss_is_refused_naming_field_and_value(gss: str) -> None:
    with pytest.raises(InvalidValue, match=r"^gss: expected a GSS code.*got " + repr(gss)):
        Authority("BDC", "Bromsgrove", gss=gss)


@pytest.mark.parametrize("gss", ["E07000234", "W06000015", "S12000033", "N09000003", "K02000001"])
def test_good_gss_for_each_nation(gss: str) -> None:
    assert Authority("X", "X Council", gss=gss).gss == gss


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"population": -1}, "population"),
        ({"population": 1.5}, "population"),
        ({"population": True}, "population"),
    ],
)
def test_bad_population(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidValue, match=f"^{field}: expected"):
        Authority("BDC", "Bromsgrove", **kwargs)  # type: ignore[arg-type]


def test_identifiers_must_be_nonblank_without_spaces() -> None:
    with pytest.raises(InvalidValue, match="^code: expected a non-empty identifier"):
        Authority("B DC", "Bromsgrove")
    with pytest.raises(InvalidValue, match="^id: expected"):
        Member("", "Cllr X", "BDC")
    with pytest.raises(InvalidValue, match="^name: expected a non-empty string"):
        Member("x", "  ", "BDC")


def test_roles_refuse_a_bare_string() -> None:
    with pytest.raises(InvalidValue, match="^roles: expected a set of strings"):
        Member("x", "Cllr X", "BDC", roles="leader")  # type: ignore[arg-type]


def test_members_are_hashable_values() -> None:
    a = Member("x", "Cllr X", "BDC", roles=["leader"])
    b = Member("x", "Cllr X", "BDC", roles={"leader"})
    assert a == b
    assert hash(a) == hash(b)


def test_shared_post() -> None:
    post = Post(
        "jce",
        "Acting Joint Chief Executive",
        ["BDC", "RBC"],
        roles={StatutoryRole.HEAD_OF_PAID_SERVICE},
        holder="dicks",
    )
    assert post.shared
    assert StatutoryRole.HEAD_OF_PAID_SERVICE in post.roles
    with pytest.raises(InvalidValue, match="^authorities: expected at least one code, no repeats"):
        Post("p", "Post", ["BDC", "BDC"])


def test_bodies_are_parties_of_their_own_kind() -> None:
    from sharegov.graph import ExternalBody
    from sharegov.parties import Body

    dmu = Body("dmu", "De Montfort University", kind="university")
    assert ExternalBody is Body
    assert ExternalBody("dmu", "De Montfort University", kind="university") == dmu
    assert Body("x", "X").kind == "external body"
    with pytest.raises(InvalidValue, match="^name: expected a non-empty string"):
        Body("x", " ")


def test_posts_have_dates_and_employers() -> None:
    import datetime as dt

    post = Post(
        "lic",
        "Licensing officer",
        ["NHDC", "LBC"],
        employer="NHDC",
        start=dt.date(2010, 7, 1),
        end=dt.date(2011, 12, 31),
    )
    assert post.active_on(dt.date(2011, 12, 31))
    assert not post.active_on(dt.date(2012, 1, 1))
    assert not post.active_on(dt.date(2010, 6, 30))
    with pytest.raises(InvalidValue, match="^end: expected a date on or after the start"):
        Post("p", "P", ["A"], start=dt.date(2011, 1, 2), end=dt.date(2011, 1, 1))


def test_assumed_facts_name_a_given_field_with_a_note() -> None:
    from sharegov.parties import assumed_lines

    post = Post(
        "mo",
        "Monitoring Officer",
        ["HDC"],
        holder="cds",
        assumed={"holder": "the paper names the role only"},
    )
    assert assumed_lines(post, "posts[0]") == [
        "posts[0]: holder = 'cds' is assumed, not minuted: the paper names the role only"
    ]
    with pytest.raises(InvalidValue, match=r"^assumed: expected names of fields among"):
        Post("mo", "MO", ["HDC"], assumed={"salary": "guess"})
    with pytest.raises(InvalidValue, match=r"^assumed\.holder: expected a field that is given"):
        Post("mo", "MO", ["HDC"], assumed={"holder": "not known"})
    with pytest.raises(InvalidValue, match=r"^assumed\.holder: expected a field name with a"):
        Post("mo", "MO", ["HDC"], holder="cds", assumed={"holder": " "})
    with pytest.raises(InvalidValue, match=r"^assumed: expected a table"):
        Post("mo", "MO", ["HDC"], assumed=["holder"])  # type: ignore[arg-type]


def test_a_shared_post_is_extended_like_a_deadline() -> None:
    import datetime as dt

    from sharegov.parties import Extension

    extension = Extension(
        dt.date(2011, 12, 31),
        old=dt.date(2011, 3, 31),
        decided_on=dt.date(2011, 2, 1),
        by="NHDC and LBC",
        reason="cover continues",
    )
    post = Post(
        "lic", "Licensing officer", ["NHDC", "LBC"], end=dt.date(2011, 12, 31), history=[extension]
    )
    assert post.end_on(as_of=dt.date(2011, 1, 1)) == dt.date(2011, 3, 31)
    assert post.end_on(as_of=dt.date(2011, 2, 1)) == dt.date(2011, 12, 31)
    with pytest.raises(InvalidValue, match="^end: expected the end set by the last extension"):
        Post("lic", "Licensing officer", ["NHDC"], history=[extension])
