"""Who really decides? Voting power under a joint board's rule.

1. The Bromsgrove–Redditch Shared Services Board (seed 001): its rule, "consensus, else
   at least 2 councillors from each authority in support", against a simple majority and
   unanimity.
2. A population-weighted partnership of the six Worcestershire districts (one vote each,
   weighted by population), under a weighted vote and a double majority, as a table and
   a bar chart (``voting_power.png`` in the current directory).
3. Blocs: the seed board with each council's councillors as an a priori union (Owen and
   Banzhaf–Owen indices), Coleman's measures, and the Penrose measure as the fallback
   rule's threshold ("at least k from each authority") goes from 1 to 3.

Populations: mySociety's UK local authority data (CC BY 4.0), mid-2020 estimates, read
from ``../shared/data/councils/`` beside this checkout; hard-coded copies of the same
figures are used when that folder is absent.

Run: ``python examples/voting_power.py``
"""

from __future__ import annotations

import csv
from fractions import Fraction
from pathlib import Path

import attrs
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from sharegov import Authority, Board, Member, power, rules
from sharegov.reference import bromsgrove_redditch_board

DATA = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "councils"
    / "uk_local_authorities_current.csv"
)
WORCESTERSHIRE = {  # GSS code -> (code, mid-2020 population as in the mySociety data)
    "E07000234": ("BRM", 100_569),
    "E07000235": ("MAV", 79_445),
    "E07000236": ("RED", 85_568),
    "E07000237": ("WOC", 100_265),
    "E07000238": ("WYC", 131_084),
    "E07000239": ("WYE", 101_139),
}


def seed_board_section() -> None:
    board = bromsgrove_redditch_board()
    print("1. The Shared Services Board (seed 001) under three rules")
    for rule in (board.rule, rules.Majority(), rules.Unanimity()):
        variant = attrs.evolve(board, rule=rule)
        banzhaf = power.banzhaf(variant)
        blocs = power.shapley_shubik(variant, by="authority")
        print(f"\n  Rule: {rule.describe()}")
        print(f"    Banzhaf index of each member: {sorted(set(map(str, banzhaf.values())))}")
        print(f"    each council's bloc (Shapley–Shubik): {dict(blocs)}")
        print(f"    {power.veto_players(variant).explain()}")
        print(f"    {power.veto_players(variant, by='authority').explain()}")
        for line in power.minimal_blocking(variant).summary():
            print(f"    {line}")
    print()


def districts() -> tuple[list[Authority], str]:
    if DATA.is_file():
        with DATA.open(newline="", encoding="utf-8") as fh:
            rows = {r["gss-code"]: r for r in csv.DictReader(fh)}
        found = [
            Authority(
                code,
                rows[gss]["official-name"],
                population=int(float(rows[gss]["pop-2020"])),
                gss=gss,
            )
            for gss, (code, _) in WORCESTERSHIRE.items()
        ]
        return found, f"populations from {DATA.name} (mySociety, CC BY 4.0)"
    found = [
        Authority(code, code, population=pop, gss=gss)
        for gss, (code, pop) in WORCESTERSHIRE.items()
    ]
    return found, "../shared is absent: hard-coded copies of the mySociety populations"


def partnership_section() -> None:
    authorities, source = districts()
    codes = [a.code for a in authorities]
    population = {a.code: a.population or 0 for a in authorities}
    total = sum(population.values())
    members = [Member(c.lower(), f"Leader of {c}", c, roles={"leader"}) for c in codes]
    base = Board(
        "Worcestershire Districts Partnership Board",
        authorities=authorities,
        seats=dict.fromkeys(codes, 1),
        members=members,
    )
    weighted = attrs.evolve(base, rule=rules.Weighted(population, quota=total // 2 + 1))
    double = attrs.evolve(
        base,
        rule=rules.DoubleMajority(authorities=Fraction(55, 100), population=Fraction(65, 100)),
    )
    print("2. A population-weighted partnership of the Worcestershire districts")
    print(f"   ({source})")
    results = {
        "weighted Banzhaf": power.banzhaf(weighted, by="authority"),
        "weighted Shapley–Shubik": power.shapley_shubik(weighted, by="authority"),
        "double majority Banzhaf": power.banzhaf(double, by="authority"),
        "double majority Shapley–Shubik": power.shapley_shubik(double, by="authority"),
    }
    print(f"   weighted rule: {weighted.rule.describe()} (of {total:,})")
    print(f"   double majority: {double.rule.describe()}\n")
    header = f"   {'council':<8}{'population':>12}{'share':>8}" + "".join(
        f"{name:>32}" for name in results
    )
    print(header)
    for code in codes:
        share = population[code] / total
        cells = "".join(f"{float(r[code]) * 100:31.1f}%" for r in results.values())
        print(f"   {code:<8}{population[code]:>12,}{share * 100:7.1f}%{cells}")
    print()
    for name, result in results.items():
        notes = " ".join(result.observations()) or "No council is without power."
        print(f"   {name}: {result.method}. {notes}")
    print(f"   {power.veto_players(double, by='authority').explain()}")
    blocking = power.minimal_blocking(double, by="authority").summary()
    print(f"   {blocking[0]}")
    for line in blocking[1:4]:
        print(f"   {line}")
    if len(blocking) > 4:
        print(f"     ... and {len(blocking) - 4} more")

    fig, ax = plt.subplots(figsize=(9, 4.5))
    width = 0.18
    xs = range(len(codes))
    ax.bar([x - 2 * width for x in xs], [population[c] / total for c in codes], width,
           label="population share", color="0.7")  # fmt: skip
    for k, (name, result) in enumerate(results.items()):
        ax.bar([x + (k - 1) * width for x in xs], [float(result[c]) for c in codes], width,
               label=name)  # fmt: skip
    ax.set_xticks(list(xs), codes)
    ax.set_ylabel("share of power")
    ax.set_title("Worcestershire districts: population against voting power")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig("voting_power.png", dpi=100)
    plt.close(fig)
    print(f"\n   Bar chart saved to {Path('voting_power.png').resolve()}")


def blocs_section() -> None:
    board = bromsgrove_redditch_board()
    print("\n3. Blocs on the Shared Services Board: each council's councillors as a union")
    owen = power.owen(board)
    for line in owen.bloc_observations():
        print(f"   {line}")
    # A hypothetical: suppose Hall voted with BDC's councillors rather than with RBC's.
    unions = {
        "BDC with Hall": {"hollingworth", "luck", "webb", "hall"},
        "RBC less Hall": {"gandy", "mcmillan"},
    }
    for index in (power.owen, power.banzhaf_owen):
        result = index(board, unions=unions)
        print(f"\n   {result.index}, if Hall voted with BDC's bloc:")
        for line in result.bloc_observations():
            print(f"   {line}")
    coleman = power.coleman(board)
    print(f"\n   {coleman.explain().splitlines()[1]}")
    table = power.sensitivity(board, [1, 2, 3], index="penrose")
    for line in table.explain().splitlines()[1:-1]:
        print(f"   {line}")


if __name__ == "__main__":
    seed_board_section()
    partnership_section()
    blocs_section()
