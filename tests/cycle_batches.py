"""Batches of three review rounds made from the sample generator, for the registry cycle tests.

2023: one unit (金凤科创), certified then: its title expires in 2026, so its 2026
application is a re-application (Art. 17). 2025: four units whose 2025 reports give as
"last year" (2024) what their 2026 reports give as "prior year" — except 贺兰山, whose
2025 report claims more than its 2026 report admits (a cross-year inconsistency). 2026:
the five units again, plus 促进会 a second time under another folder name (a duplicate).
"""

from __future__ import annotations

from pathlib import Path

from samplegen.build import write_case
from samplegen.cases import get_case
from samplegen.model import Case

ZHILIAN = "银川-宁夏智联科技服务有限公司"  # certified 2025: applies again in 2026 → repeat application
QIHANG = "银川-宁夏启航企业服务有限公司"  # certified 2025, revoked 2025-12 → revoked
CUJINHUI = "银川-宁夏中小企业发展促进会"  # certified 2025, graded 优秀; twice in the 2026 batch
HELANSHAN = "银川-宁夏贺兰山信息咨询有限公司"  # 2025 figures contradict 2026's
JINFENG = "银川-宁夏金凤科创服务有限公司"  # certified 2023, expires 2026: a re-application
DUPLICATE = "银川-宁夏中小企业发展促进会（补报）"


def _earlier(case: Case, last: int, prior: int) -> Case:
    facts = case.facts.model_copy(update={"smes_served_last_year": last, "smes_served_prior_year": prior})
    return case.model_copy(update={"facts": facts})


def write_round(year: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if year == 2023:
        cases = [get_case(JINFENG)]
    elif year == 2025:
        cases = []
        for applicant_id in (ZHILIAN, QIHANG, CUJINHUI):
            case = get_case(applicant_id)
            cases.append(_earlier(case, case.facts.smes_served_prior_year, case.facts.smes_served_prior_year - 8))
        cases.append(get_case(HELANSHAN))  # the same report as 2026: last year 78, where 2026 says 70
    else:
        cases = [get_case(i) for i in (ZHILIAN, QIHANG, CUJINHUI, HELANSHAN, JINFENG)]
        cases.append(get_case(CUJINHUI).model_copy(update={"applicant_id": DUPLICATE}))
    for case in cases:
        write_case(case, folder)
    return folder
