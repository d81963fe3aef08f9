"""Hypothesis entry point: registers sharegov's strategies when Hypothesis is imported.

Registration is deferred: the strategies module is imported only when a strategy is first
drawn, so importing Hypothesis never imports sharegov's strategies (or loops back to them).
"""

from __future__ import annotations

from typing import Any

_TYPES = (
    ("sharegov.parties", "Authority"),
    ("sharegov.parties", "Member"),
    ("sharegov.boards", "Board"),
    ("sharegov.rules", "Tally"),
    ("sharegov.rules", "Rule"),
    ("sharegov.rules", "Consensus"),
    ("sharegov.rules", "Unanimity"),
    ("sharegov.rules", "Majority"),
    ("sharegov.rules", "AtLeast"),
    ("sharegov.rules", "EachAuthority"),
    ("sharegov.rules", "Weighted"),
    ("sharegov.rules", "DoubleMajority"),
    ("sharegov.rules", "Quorum"),
    ("sharegov.rules", "FirstOf"),
    ("sharegov.rules", "AllOf"),
    ("sharegov.rules", "AnyOf"),
    # Arrangement files: parties, agreements, money, decisions and plans.
    ("sharegov.parties", "Body"),
    ("sharegov.parties", "Extension"),
    ("sharegov.parties", "Officer"),
    ("sharegov.parties", "Post"),
    ("sharegov.concordat", "ServiceArrangement"),
    ("sharegov.concordat", "Term"),
    ("sharegov.agreements", "Secondment"),
    ("sharegov.agreements", "Indicator"),
    ("sharegov.agreements", "ServiceLevelAgreement"),
    ("sharegov.agreements", "ExitStrategy"),
    ("sharegov.agreements", "ScrutinyArrangement"),
    ("sharegov.agreements", "StatutoryDuty"),
    ("sharegov.costs", "Allocation"),
    ("sharegov.costs", "Pot"),
    ("sharegov.costs", "CostItem"),
    ("sharegov.costs", "Grant"),
    ("sharegov.costs", "SavingsStream"),
    ("sharegov.costs", "CostPlan"),
    ("sharegov.apportion", "Apportionment"),
    ("sharegov.apportion", "WithEffectFrom"),
    ("sharegov.apportion", "Dampened"),
    ("sharegov.decisions", "CouncilDecision"),
    ("sharegov.decisions", "Recommendation"),
    ("sharegov.meetings", "MeetingPlan"),
    ("sharegov.discount", "DiscountRate"),
    ("sharegov.discount", "Inflation"),
    ("sharegov.io.files", "Assumption"),
    ("sharegov.io.files", "Arrangement"),
)


def _hypothesis_setup_hook() -> None:
    import importlib

    from hypothesis import strategies as st

    def deferred(cls: type[Any]) -> Any:
        def build() -> Any:
            from sharegov.strategies import strategy_for

            return strategy_for(cls)

        return st.deferred(build)

    for module, name in _TYPES:
        cls = getattr(importlib.import_module(module), name)
        st.register_type_strategy(cls, deferred(cls))
