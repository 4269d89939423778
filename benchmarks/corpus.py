"""Score the pipeline on an independent corpus (benchmarks/corpora/<name>/, see its README).

    python benchmarks/corpus.py seen|heldout [--jobs N] [--keep DIR] [--verbose] [--no-cache]

Generates the corpus into a temporary folder (its own generate.py), runs the pipeline as a
user would (`python -m pipeline run …`, no PDF copies, in a subprocess started from the current
folder, so the checkout you stand in is the one measured), and compares results.jsonl with the
corpus's truth.jsonl. For `heldout` only aggregates and classes of failure are printed (field,
rule and material ids, kinds of miss): never a value, a wording or a file name, so that nobody
tunes on it by accident.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
BLIND = {"heldout", "heldout2", "heldout3", "heldout4"}


def same(expected, got) -> bool:
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(expected) is type(got) and expected == got
    if isinstance(expected, int | float):
        return isinstance(got, int | float) and math.isclose(got, expected, rel_tol=1e-6, abs_tol=0.01)
    if isinstance(expected, list) and isinstance(got, list):
        return sorted(map(str, expected)) == sorted(map(str, got))
    if isinstance(expected, str) and isinstance(got, str):
        return "".join(expected.split()) == "".join(got.split())
    return expected == got


def miss_kind(expected, got) -> str:
    """A class of miss that says nothing about the document's wording."""
    if got is None:
        return "not found"
    if isinstance(expected, int | float) and isinstance(got, int | float) and not isinstance(got, bool):
        if expected and got:
            ratio = got / expected
            for scale, name in ((1e4, "×10000"), (1e-4, "÷10000"), (100, "×100"), (0.01, "÷100")):
                if math.isclose(ratio, scale, rel_tol=1e-3):
                    return f"scale {name}"
        return "other number"
    if isinstance(expected, list):
        got_set, exp_set = set(map(str, got)) if isinstance(got, list) else set(), set(map(str, expected))
        if got_set < exp_set:
            return "list: some missing"
        if got_set > exp_set:
            return "list: extra items"
        return "list: different"
    return "other value"


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def __str__(self) -> str:
        return f"{self.right}/{self.total} = {100 * self.right / self.total:.1f}%" if self.total else "–"


@dataclass
class Score:
    fields: Tally = field(default_factory=Tally)
    rules: Tally = field(default_factory=Tally)
    decisions: Tally = field(default_factory=Tally)
    eligible_passed: Tally = field(default_factory=Tally)
    wrongly_passed: int = 0
    planted_found: Tally = field(default_factory=Tally)
    false_inconsistencies: int = 0
    false_apps: int = 0
    confident_wrong: int = 0
    materials: Tally = field(default_factory=Tally)
    files_named: Tally = field(default_factory=Tally)
    page_ranges: Tally = field(default_factory=Tally)
    missing_but_submitted: int = 0
    per_field: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    per_rule: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    per_material: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    field_misses: Counter = field(default_factory=Counter)  # (field, kind)
    decision_misses: Counter = field(default_factory=Counter)  # (expected, got)
    material_misses: Counter = field(default_factory=Counter)  # (material, expected, got)
    details: list[str] = field(default_factory=list)  # printed only for seen corpora


def _base(ref: str) -> str:
    return ref.split("#p", 1)[0]


def score_application(truth: dict, result: dict | None, s: Score) -> None:
    app = truth["applicant_id"]
    if result is None:
        s.details.append(f"{app}: 没有结果行")
        result = {"fields": {}, "rules": [], "materials": {}, "inconsistencies": [], "decision": None}
    got_fields = result.get("fields", {})
    for fid, expected in truth.get("fields", {}).items():
        entry = got_fields.get(fid) or {}
        got = entry.get("value")
        ok = same(expected, got)
        s.fields.add(ok)
        s.per_field[fid].add(ok)
        if not ok:
            kind = miss_kind(expected, got)
            s.field_misses[(fid, kind)] += 1
            if got is not None and not entry.get("review"):
                s.confident_wrong += 1
                kind += "（未标记复核）"
            s.details.append(f"{app} {fid}: 应为 {expected!r}，得到 {got!r} [{kind}]")
    outcomes = {r["id"]: r["outcome"] for r in result.get("rules", [])}
    for rid, expected in truth.get("rules", {}).items():
        ok = outcomes.get(rid) == expected
        s.rules.add(ok)
        s.per_rule[rid].add(ok)
        if not ok:
            s.details.append(f"{app} 规则 {rid}: 应为 {expected}，得到 {outcomes.get(rid)}")
    decision = result.get("decision")
    s.decisions.add(decision == truth["decision"])
    if decision != truth["decision"]:
        s.decision_misses[(truth["decision"], decision)] += 1
        s.details.append(f"{app} 结论: 应为 {truth['decision']}，得到 {decision}")
    if truth["decision"] == "passed":
        s.eligible_passed.add(decision == "passed")
    elif decision == "passed":
        s.wrongly_passed += 1
    planted = [frozenset(pair) for pair in truth.get("inconsistencies", [])]
    reported = [frozenset(i.get("fields", [])) for i in result.get("inconsistencies", [])]
    for pair in planted:
        s.planted_found.add(any(pair <= r for r in reported))
    false = [r for r in reported if not any(p <= r for p in planted)]
    s.false_inconsistencies += len(false)
    s.false_apps += bool(false)
    for r in false:
        s.details.append(f"{app} 误报不一致: {sorted(r)}")
    got_materials = result.get("materials", {})
    for mid, spec in truth.get("materials", {}).items():
        got = got_materials.get(mid) or {}
        ok = got.get("status") == spec["status"]
        s.materials.add(ok)
        s.per_material[mid].add(ok)
        if not ok:
            s.material_misses[(mid, spec["status"], got.get("status"))] += 1
            s.details.append(f"{app} 材料 {mid}: 应为 {spec['status']}，得到 {got.get('status')}")
        if spec["status"] != "missing" and got.get("status") == "missing":
            s.missing_but_submitted += 1
        want = spec.get("files") or []
        have = got.get("files") or []
        if want:
            named = {_base(f) for f in want} <= {_base(f) for f in have}
            s.files_named.add(named)
            if not named:
                lost = sorted({_base(f) for f in want} - {_base(f) for f in have})
                s.details.append(f"{app} 材料 {mid} 未列出文件: {lost}")
        for ref in want:
            if "#p" in ref:
                exact = ref in have
                s.page_ranges.add(exact)
                if not exact:
                    mine = [h for h in have if _base(h) == _base(ref)]
                    s.details.append(f"{app} 材料 {mid} 页码范围: 应为 {ref}，得到 {mine}")


def report(name: str, s: Score, seconds: float, verbose: bool) -> str:
    lines = [
        f"语料 {name}：{s.decisions.total} 个申报，流水线用时 {seconds:.1f} 秒",
        f"字段准确率：{s.fields}",
        f"规则结论准确率：{s.rules}",
        f"初审结论准确率：{s.decisions}",
        f"应通过的申报得到“通过初审”：{s.eligible_passed}",
        f"错误地“通过初审”：{s.wrongly_passed}",
        f"预埋的不一致被发现：{s.planted_found}",
        f"文件一致却报告的不一致：{s.false_inconsistencies}（涉及 {s.false_apps} 个申报）",
        f"取值错误且未标记复核：{s.confident_wrong}",
        f"材料状态准确率：{s.materials}",
        f"材料文件全部列出：{s.files_named}",
        f"合订本页码范围完全正确：{s.page_ranges}",
        f"已提交却报告为缺失的材料：{s.missing_but_submitted}",
        "各字段（有错的）：",
    ]
    lines += [f"  {f}: {t}" for f, t in sorted(s.per_field.items()) if t.right < t.total]
    lines.append("字段错误的类别：")
    lines += [f"  {f} — {k}: {n}" for (f, k), n in sorted(s.field_misses.items())]
    lines.append("各规则（有错的）：")
    lines += [f"  {r}: {t}" for r, t in sorted(s.per_rule.items()) if t.right < t.total]
    lines.append("材料状态错误：")
    lines += [f"  {m}: 应为 {e}，得到 {g} ×{n}" for (m, e, g), n in sorted(s.material_misses.items(), key=str)]
    lines.append("结论错误：")
    lines += [f"  应为 {e}，得到 {g} ×{n}" for (e, g), n in sorted(s.decision_misses.items(), key=str)]
    if verbose and name not in BLIND:
        lines.append("明细：")
        lines += ["  " + d for d in s.details]
    return "\n".join(lines)


def run(name: str, root: Path, work: Path, jobs: int, cache: bool, generate: bool = True) -> tuple[Score, float]:
    generator = root / name / "generate.py"
    if not generator.exists():
        raise SystemExit(f"没有找到语料生成程序：{generator}")
    quiet = subprocess.DEVNULL if name in BLIND else None
    if generate:
        subprocess.run([sys.executable, str(generator), str(work)], check=True, stdout=quiet, stderr=quiet)
    truths = [json.loads(line) for line in (work / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line]
    as_of = {t.get("as_of", "2026-04-30") for t in truths}
    if len(as_of) != 1:
        raise SystemExit("truth.jsonl 中的 as_of 不一致")
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pipeline", "run", str(work / "batch"), "--out", str(out), "--as-of", as_of.pop(),
           "--jobs", str(jobs)]
    cmd += ["--cache-dir", str(work / "cache")] if not cache else []
    started = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"流水线运行失败（退出码 {done.returncode}）：{done.stderr[-2000:]}")
    results = {}
    for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            results[row["applicant_id"]] = row
    s = Score()
    for truth in truths:
        score_application(truth, results.get(truth["applicant_id"]), s)
    return s, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="在独立编写的申报语料上给流水线打分")
    parser.add_argument("name", help="语料名称：benchmarks/corpora/ 下的文件夹（seen 或 heldout）")
    parser.add_argument("--corpus-root", type=Path, default=HERE / "corpora", help="语料所在文件夹")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="把生成的批次和输出留在此文件夹（heldout 不允许）")
    parser.add_argument("--verbose", action="store_true", help="列出每一处错误（heldout 不列）")
    parser.add_argument("--no-cache", action="store_true", help="不使用用户缓存（每次重新读取、识别）")
    parser.add_argument("--reuse", action="store_true", help="与 --keep 一起用：不重新生成，沿用该文件夹中已生成的批次")
    args = parser.parse_args(argv)
    where = subprocess.run([sys.executable, "-c", "import pipeline; print(pipeline.__file__)"],
                           capture_output=True, text=True).stdout.strip()
    print(f"流水线：{Path(where).parent}")  # `python -m pipeline` from this folder: the checkout measured
    if args.keep and args.name in BLIND:
        raise SystemExit("留出语料（heldout）不保留生成的文件")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        s, seconds = run(args.name, args.corpus_root, args.keep, args.jobs, not args.no_cache, not args.reuse)
    else:
        with tempfile.TemporaryDirectory(prefix=f"nx-corpus-{args.name}-") as tmp:
            s, seconds = run(args.name, args.corpus_root, Path(tmp), args.jobs, not args.no_cache)
    print(report(args.name, s, seconds, args.verbose))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
