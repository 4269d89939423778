"""Extraction accuracy harness: our own samples and variants, then the independent corpora.

    python benchmarks/accuracy.py [--limit N] [--jobs N] [--verbose] [--corpora seen,heldout]

Our samples and variants were written by the people who wrote the extractor, so they can
only agree with it; the figures that count are those of the independent corpora
(benchmarks/corpora/, scored by benchmarks/corpus.py): `seen` is the half tuned on,
`heldout` the half nobody looks at while tuning (only aggregates and classes of failure are
printed for it). Quote the held-out figure.

Generates the sample applications (samplegen.cases) and the varied ones
(samplegen.variants: other label wordings, notations, layouts, a PDF 附件2, other
audit firms, list layouts) into a temporary folder, runs the pipeline library on
each (pipeline.process.process_application) and compares with the ground truth:
per-field accuracy, accuracy on the fields the rules decide on (material), the
decision accuracy, and every miss.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.cache import Cache
from pipeline.check.ruleset import load_ruleset
from pipeline.ingest import discover_batch
from pipeline.process import process_application
from samplegen import build
from samplegen.cases import all_cases
from samplegen.variants import all_variants, write_variant

AS_OF = date(2026, 4, 30)
# Fields a rule or a cross-check decides on: a miss here can change a decision.
MATERIAL = {
    "uscc",
    "unit_nature",
    "established_date",
    "city",
    "county",
    "total_assets",
    "revenue",
    "service_income",
    "service_expense",
    "service_staff",
    "staff_college_or_above",
    "staff_mid_title_or_above",
    "smes_served_last_year",
    "smes_served_prior_year",
    "satisfaction_rate",
    "aggregated_agencies",
    "public_benefit_share",
    "functions_claimed",
    "info_offline_smes",
    "info_activities",
    "tech_activities",
    "entrepreneurship_activities",
    "training_person_times",
    "training_qualification",
    "financing_activities",
    "financing_amount",
    "guarantee_new_amount",
    "consulting_activities",
    "market_enterprise_times",
    "audit.total_assets",
    "audit.net_assets",
    "audit.opinion",
    "audit.revenue",
    "audit.service_income",
    "audit.service_expense",
    "licence.name",
    "licence.uscc",
    "licence.established_date",
    "licence.is_branch",
    "staff_list.count",
    "staff_list.qualified_count",
    "client_list.count",
    "client_list.satisfaction_rate",
}


@dataclass
class Outcome:
    applicant_id: str
    variant: bool
    expected_decision: str
    decision: str
    misses: list[tuple[str, object, object]] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    flagged_right: int = 0


def same(expected, got) -> bool:
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(expected) is type(got) and expected == got
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        return (
            isinstance(got, int | float)
            and not isinstance(got, bool)
            and math.isclose(got, expected, rel_tol=1e-6, abs_tol=0.01)
        )
    if isinstance(expected, list) and isinstance(got, list):
        return sorted(expected) == sorted(got)
    return expected == got


def generate(root: Path, limit: int | None = None) -> dict[str, tuple[dict, str, bool]]:
    """Write samples and variants under `root`; applicant id → (expected fields, decision, is variant)."""
    cases = all_cases()[:limit] if limit else all_cases()
    variants = all_variants()[:limit] if limit else all_variants()
    truth = {}
    for case in cases:
        build.write_case(case, root)
        truth[case.applicant_id] = (case.expected.fields, case.expected.decision, False)
    for variant in variants:
        write_variant(variant, root)
        truth[variant.case.applicant_id] = (variant.case.expected.fields, variant.case.expected.decision, True)
    return truth


def _process(args: tuple) -> tuple[str, str, dict]:
    pkg, workspace = args
    processed = process_application(pkg, AS_OF, load_ruleset(), Path(workspace), Cache(None))
    result = processed.result
    return pkg.applicant_id, result.decision.value, {k: (v.value, bool(v.review)) for k, v in result.fields.items()}


def evaluate(root: Path, truth: dict, jobs: int = 1) -> list[Outcome]:
    batch = discover_batch(root)
    tasks = [(pkg, str(root.parent / "work" / f"app{i}")) for i, pkg in enumerate(batch.applications)]
    if jobs <= 1:
        done = [_process(task) for task in tasks]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            done = list(pool.map(_process, tasks))
    outcomes = []
    for applicant_id, decision, got in sorted(done):
        expected, expected_decision, variant = truth[applicant_id]
        out = Outcome(applicant_id, variant, expected_decision, decision, fields=sorted(expected))
        for field_id, value in expected.items():
            found, flagged = got.get(field_id, (None, False))
            if not same(value, found):
                out.misses.append((field_id, value, found))
            elif flagged:
                out.flagged_right += 1
        outcomes.append(out)
    return outcomes


def _pct(right: int, total: int) -> str:
    return f"{right}/{total} = {100 * right / total:.1f}%" if total else "0/0"


def report(outcomes: list[Outcome], verbose: bool = False) -> str:
    per_field: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for out in outcomes:
        missed = {m[0] for m in out.misses}
        for field_id in out.fields:
            per_field[field_id][1] += 1
            per_field[field_id][0] += field_id not in missed
    mat_total = sum(t for f, (_, t) in per_field.items() if f in MATERIAL)
    mat_right = sum(r for f, (r, _) in per_field.items() if f in MATERIAL)
    lines = [
        "提取准确率 / extraction accuracy",
        f"申报数：{len(outcomes)}（其中变体 {sum(o.variant for o in outcomes)} 个）",
    ]
    for label, group in (
        ("全部", outcomes),
        ("示例", [o for o in outcomes if not o.variant]),
        ("变体", [o for o in outcomes if o.variant]),
    ):
        n = sum(len(o.fields) for o in group)
        lines.append(f"字段准确率（{label}）：{_pct(n - sum(len(o.misses) for o in group), n)}")
    lines.append(f"关键字段准确率（规则依据的字段）：{_pct(mat_right, mat_total)}")
    decisions_right = sum(o.decision == o.expected_decision for o in outcomes)
    lines.append(f"结论准确率：{_pct(decisions_right, len(outcomes))}")
    lines.append(f"取值正确但标记需复核的字段：{sum(o.flagged_right for o in outcomes)}")
    if verbose:
        lines.append("各字段：")
        lines += [f"  {f}: {_pct(r, t)}" for f, (r, t) in sorted(per_field.items())]
    lines.append("未取对的字段：" if any(o.misses for o in outcomes) else "未取对的字段：无")
    for out in outcomes:
        for field_id, expected, got in out.misses:
            lines.append(f"  {out.applicant_id} {field_id}: 应为 {expected!r}，得到 {got!r}")
    wrong = [o for o in outcomes if o.decision != o.expected_decision]
    lines.append("结论不符：" + ("无" if not wrong else ""))
    lines += [f"  {o.applicant_id}: 应为 {o.expected_decision}，得到 {o.decision}" for o in wrong]
    return "\n".join(lines)


def run(limit: int | None = None, jobs: int = 1, verbose: bool = False) -> tuple[str, list[Outcome]]:
    with tempfile.TemporaryDirectory(prefix="nx-accuracy-") as tmp:
        root = Path(tmp) / "batch"
        root.mkdir()
        truth = generate(root, limit)
        outcomes = evaluate(root, truth, jobs)
    return report(outcomes, verbose), outcomes


def corpora_report(names: list[str], jobs: int) -> str:
    """The independent corpora, each scored as a user would run the pipeline (benchmarks/corpus.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import corpus

    parts = []
    for name in names:
        if not (corpus.HERE / "corpora" / name / "generate.py").exists():
            parts.append(f"语料 {name}：未找到（benchmarks/corpora/{name}/generate.py）")
            continue
        with tempfile.TemporaryDirectory(prefix=f"nx-corpus-{name}-") as tmp:
            score, seconds = corpus.run(name, corpus.HERE / "corpora", Path(tmp), jobs, cache=True)
        title = "留出语料（未用于调参，对外引用此数）" if name in corpus.BLIND else "可调参语料"
        parts.append(f"【{title}】\n" + corpus.report(name, score, seconds, verbose=False))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="对示例申报、变体申报和独立语料运行预审，统计字段提取准确率和结论准确率")
    parser.add_argument("--limit", type=int, help="只取前 N 个示例和前 N 个变体")
    parser.add_argument("--jobs", type=int, default=2, help="并行进程数")
    parser.add_argument("--verbose", action="store_true", help="列出每个字段的准确率")
    parser.add_argument("--corpora", default="seen,heldout",
                        help="逗号分隔的独立语料名称（benchmarks/corpora/ 下），空字符串表示不运行")
    args = parser.parse_args(argv)
    text, _ = run(args.limit, args.jobs, args.verbose)
    print("【示例与变体（与提取程序同出一手，只能说明没有退步）】")
    print(text)
    names = [n for n in args.corpora.split(",") if n.strip()]
    if names:
        print()
        print(corpora_report(names, args.jobs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
