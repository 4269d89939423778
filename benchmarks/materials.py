"""Material recognition benchmark: packages drawn from the material catalogue's two halves.

    python benchmarks/materials.py [--count N] [--jobs N] [--seed N] [--verbose]

samplegen/material_catalogue.yaml lists the kinds of document applicants submit for each
Article 11 material, their titles, file names and list headers; every list is split in
two by a stable hash (samplegen.material_catalogue.half_of). The `seen` half may be looked
at while tuning pipeline/data/material_concepts.yaml, the `heldout` half never: the figures
are printed for each half, and the held-out ones are the ones to quote. Layouts vary
(plain names, Article 11 numbering, names that say nothing, folders, bundles with and
without a 目录). For each half: material status accuracy, materials whose files are all
named, bundle page ranges exact, submitted materials reported missing. --verbose lists
the seen half's misses only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.cache import Cache
from pipeline.check.ruleset import load_ruleset
from pipeline.ingest import discover_batch
from pipeline.process import process_application
from samplegen.material_catalogue import HALVES, packages

AS_OF = date(2026, 4, 30)


@dataclass
class Tally:
    status: list[int] = field(default_factory=lambda: [0, 0])
    named: list[int] = field(default_factory=lambda: [0, 0])
    ranges: list[int] = field(default_factory=lambda: [0, 0])
    missing_but_submitted: int = 0
    misses: list[str] = field(default_factory=list)


def _pct(pair: list[int]) -> str:
    return f"{pair[0]}/{pair[1]} = {100 * pair[0] / pair[1]:.1f}%" if pair[1] else "–"


def _base(ref: str) -> str:
    return ref.split("#p", 1)[0]


def _process(args: tuple) -> tuple[str, dict]:
    pkg, workspace = args
    result = process_application(pkg, AS_OF, load_ruleset(), Path(workspace), Cache(None)).result
    return pkg.applicant_id, {m.value: (e.status.value, list(e.files)) for m, e in result.materials.items()}


def score(truth: dict, got: dict, tally: Tally, applicant: str) -> None:
    for material, spec in truth.items():
        status, files = got[material]
        ok = status == spec["status"]
        tally.status[0] += ok
        tally.status[1] += 1
        if not ok:
            tally.misses.append(f"{applicant} {material}: 应为 {spec['status']}，得到 {status}")
        if spec["status"] != "missing" and status == "missing":
            tally.missing_but_submitted += 1
        if spec["files"]:
            named = {_base(f) for f in spec["files"]} <= {_base(f) for f in files}
            tally.named[0] += named
            tally.named[1] += 1
            if not named:
                tally.misses.append(f"{applicant} {material}: 未列出 {sorted(set(spec['files']) - set(files))}")
        for ref in spec["files"]:
            if "#p" in ref:
                tally.ranges[0] += ref in files
                tally.ranges[1] += 1
                if ref not in files:
                    tally.misses.append(f"{applicant} {material}: 页码应为 {ref}，得到 {files}")


def run(count: int, jobs: int, seed: int) -> dict[str, Tally]:
    tallies = {half: Tally() for half in HALVES}
    with tempfile.TemporaryDirectory(prefix="nx-materials-") as tmp:
        root = Path(tmp) / "batch"
        root.mkdir()
        truths: dict[str, tuple[str, dict]] = {}
        for half in HALVES:
            for variant in packages(half, count, seed):
                variant.write(root)
                truths[variant.applicant_id] = (half, variant.truth())
        tasks = [(pkg, str(Path(tmp) / "ws" / f"a{i}")) for i, pkg in enumerate(discover_batch(root).applications)]
        if jobs <= 1:
            done = [_process(t) for t in tasks]
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                done = list(pool.map(_process, tasks))
    for applicant, got in done:
        half, truth = truths[applicant]
        score(truth, got, tallies[half], applicant)
    return tallies


def report(tallies: dict[str, Tally], verbose: bool) -> str:
    lines = ["材料识别准确率 / material recognition (samplegen/material_catalogue.yaml)"]
    for half in HALVES:
        t = tallies[half]
        name = "已见部分 seen" if half == "seen" else "留出部分 held-out"
        lines += [f"{name}：材料状态 {_pct(t.status)}；材料文件全部列出 {_pct(t.named)}；合订本页码范围 {_pct(t.ranges)}；"
                  f"已提交却报告为缺失 {t.missing_but_submitted}"]
    if verbose:
        lines.append("已见部分的错误：" + ("无" if not tallies["seen"].misses else ""))
        lines += ["  " + m for m in tallies["seen"].misses]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="按材料目录的两半（已见、留出）生成申报，统计材料识别准确率")
    parser.add_argument("--count", type=int, default=24, help="每一半生成的申报数")
    parser.add_argument("--jobs", type=int, default=2, help="并行进程数")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--verbose", action="store_true", help="列出已见部分的每一处错误（留出部分只给总数）")
    args = parser.parse_args(argv)
    print(report(run(args.count, args.jobs, args.seed), args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
