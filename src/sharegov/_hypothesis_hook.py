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
