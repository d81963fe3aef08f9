"""Cost splits for the seed arrangements: exact statements, fairness, and a simulation.

Seed 001 (Bromsgrove–Redditch, 2008): costs of investigation and implementation shared
equally (concordat 6.2); each council releases £40,000 match funding for the business case;
the WMRIEP funds the initial analysis with "between £30,000 to £40,000"; interim management
costs at Redditch "would have been incurred notwithstanding" and are coded separately; the
payroll moved to Redditch "will generate £40k savings per annum".

Seed 002 (Huntingdonshire, South Cambridgeshire and Cambridge City): a £0.5M Transformation
Challenge Fund grant for project management and interim support, ICT and Legal with lead
authorities. Populations are mySociety's pop-2020 (CC BY 4.0).

Amounts the papers do not give (the cost of the analysis and of the business case support,
the interim costs, the ICT and Legal figures, the coalition costs) are ILLUSTRATIVE.

Run: ``python examples/cost_split.py``
"""

from __future__ import annotations

from sharegov import Authority
from sharegov.costs import (
    Category,
    CostGame,
    CostItem,
    CostPlan,
    Equal,
    Grant,
    HostRecharge,
    LeadPays,
    Proportional,
    SavingsStream,
    fairness,
)
from sharegov.money import FinancialYear
from sharegov.reference import bromsgrove_redditch_costs
from sharegov.simulate import Model, Pert, Triangular, Uniform

FY = FinancialYear(2008)


def seed_001_plan() -> CostPlan:
    """The Bromsgrove–Redditch finances of September 2008 (the built-in reference)."""
    return bromsgrove_redditch_costs()


THREE = [
    Authority("HDC", "Huntingdonshire District Council", population=178_985, gss="E07000011"),
    Authority("SCDC", "South Cambridgeshire District Council", population=160_904,
              gss="E07000012"),
    Authority("CCC", "Cambridge City Council", population=125_063, gss="E07000008"),
]  # fmt: skip
FY3 = FinancialYear(2014)


def seed_002_plan() -> CostPlan:
    """The three-council ICT and Legal partnership (amounts beyond the grant illustrative)."""
    ict_usage = HostRecharge("HDC", {"HDC": 620, "SCDC": 540, "CCC": 480}, unit="ICT users")
    return CostPlan(
        [a.code for a in THREE],
        items=[
            CostItem("programme", "Project management and interim support", "£550,000",
                     category=Category.IMPLEMENTATION, year=FY3),
            CostItem("ict", "ICT integration", "£900,000", category=Category.IMPLEMENTATION,
                     year=FY3 + 1, split=ict_usage),
            CostItem("legal", "Legal practice set-up", "£120,000",
                     category=Category.IMPLEMENTATION, year=FY3, split=LeadPays("CCC")),
        ],
        grants=[Grant("Transformation Challenge Fund", "£0.5M", covers={"programme"})],
        savings=[
            SavingsStream("ict-saving", "ICT", "£400k", start=FY3 + 2, split=ict_usage),
            SavingsStream("legal-saving", "Legal", "£150k", start=FY3 + 1),
        ],
        cost_split=Proportional.population(THREE),
        savings_split=Equal(),
    )  # fmt: skip


def seed_002_game() -> CostGame:
    """What each group of the three would pay for ICT on its own (illustrative)."""
    return CostGame([a.code for a in THREE], {
        "HDC": "£1.2M", "SCDC": "£1M", "CCC": "£1.4M",
        ("HDC", "SCDC"): "£1.55M", ("HDC", "CCC"): "£2.1M", ("SCDC", "CCC"): "£1.9M",
        ("HDC", "SCDC", "CCC"): "£2.4M",
    })  # fmt: skip


def main() -> None:
    print("== Seed 001: Bromsgrove and Redditch (exact, ranges taken prudently)")
    plan = seed_001_plan()
    print(plan.statement(years=4).explain())

    print("\n== Seed 001 simulated: grant anywhere in £30k-£40k; payroll saving uncertain")
    model = Model.from_plan(
        plan,
        {
            "analysis": Triangular("£25k", "£35k", "£50k"),
            "business-case": Triangular("£60k", "£80k", "£110k"),
            "payroll": Triangular("£25k", "£40k", "£45k"),
        },
        years=4,
    )
    print(model.run(20_000, seed=2008).explain())

    print("\n== Seed 002: three councils (exact)")
    plan3 = seed_002_plan()
    print(plan3.statement(years=5).explain())

    print("\n== Seed 002: is an equal split of the shared ICT cost fair?")
    game = seed_002_game()
    print(fairness(Equal().split(game.cost(game.parties), game.parties), game).explain())

    print("\n== Seed 002 simulated")
    model3 = Model.from_plan(
        plan3,
        {
            "programme": Pert("£450k", "£550k", "£800k"),
            "ict": Triangular("£700k", "£900k", "£1.4M"),
            "ict-saving": Uniform("£250k", "£450k"),
            "legal-saving": Triangular("£50k", "£150k", "£200k"),
        },
        years=6,
    )
    result = model3.run(20_000, seed=2014)
    print(result.explain(within=4))
    print(result.to_dataframe().to_string())


if __name__ == "__main__":
    main()
