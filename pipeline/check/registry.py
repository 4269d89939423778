"""The rule functions the code implements, by rule id (each function is named after its rule)."""

from __future__ import annotations

from collections.abc import Callable

from . import article6_entity as a6e
from . import article6_service as a6s
from . import article7 as a7

ARTICLE6: tuple[Callable, ...] = (
    a6e.art6_1_legal_entity,
    a6e.art6_1_operating_years,
    a6e.art6_1_total_assets,
    a6e.art6_1_financial_health,
    a6s.art6_2_smes_served,
    a6s.art6_2_satisfaction,
    a6s.art6_2_growth,
    a6s.art6_3_premises,
    a6s.art6_3_aggregated_agencies,
    a6s.art6_4_public_benefit_share,
    a6s.art6_5_service_staff,
    a6s.art6_5_qualified_ratio,
)
ARTICLE7: tuple[Callable, ...] = (
    a7.art7_1_information,
    a7.art7_2_technology,
    a7.art7_3_entrepreneurship,
    a7.art7_4_training,
    a7.art7_5_financing,
    a7.art7_6_consulting,
    a7.art7_7_market,
)
# art7_any reads the Article 7 results: it runs last and takes them as a second argument.
AGGREGATE: Callable = a7.art7_any

RULES: dict[str, Callable] = {fn.__name__: fn for fn in (*ARTICLE6, *ARTICLE7, AGGREGATE)}
