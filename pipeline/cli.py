"""Command line: a thin shell over the library (pipeline.runner)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from .ingest import IngestError
from .reference import ReferenceDataError
from .render.config import labels
from .runner import RunError, run_batch


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，收到“{text}”") from None


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"并行进程数应为正整数，收到“{text}”")
    return value


class _ChineseParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{_translate(message)}\n")


def _translate(message: str) -> str:
    return (
        message.replace("the following arguments are required", "缺少必需的参数")
        .replace("unrecognized arguments", "无法识别的参数")
        .replace("invalid choice", "无效的选择")
        .replace("argument", "参数")
        .replace("expected one argument", "需要一个值")
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _ChineseParser(
        prog="python -m pipeline",
        description="宁夏自治区中小企业公共服务示范平台申报材料预审工具：检查材料完整性、提取关键数据、"
        "按认定管理办法第六条、第七条核对条件，生成补正材料通知、专家评审材料和批次汇总。",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=_ChineseParser)
    run = sub.add_parser(
        "run",
        help="预审一个批次（或单个申报）",
        description="预审一个批次：INPUT 下每个子文件夹或 .zip 压缩包为一个申报单位的材料。",
        add_help=False,
    )
    run.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    run.add_argument("input", metavar="INPUT", type=Path, help="批次文件夹，或单个申报文件夹 / .zip 压缩包")
    run.add_argument("--out", required=True, type=Path, metavar="OUT", help="输出文件夹（不存在时自动创建）")
    run.add_argument(
        "--as-of",
        type=_date,
        default=date.today(),
        metavar="YYYY-MM-DD",
        help="基准日期：用于计算“运营两年以上”“上一年度”等，默认今天",
    )
    run.add_argument(
        "--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N", help="并行处理的进程数，默认等于 CPU 核数"
    )
    run.add_argument("--rules", type=Path, metavar="FILE", help="使用指定的规则参数文件（默认使用内置的现行版本）")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        report = run_batch(args.input, args.out, args.as_of, jobs=args.jobs, ruleset_path=args.rules)
    except (IngestError, RunError, ReferenceDataError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    counts = "，".join(f"{labels().of('decision', k)} {v} 个" for k, v in sorted(report.decisions.items()))
    print(
        f"完成：共处理 {report.applications} 个申报（{counts}），用时 {report.seconds} 秒；结果在 {report.out}",
        file=sys.stderr,
    )
    if report.loose_files:
        print(
            f"注意：批次根目录下有 {len(report.loose_files)} 个散落文件未作为申报处理：{'、'.join(report.loose_files)}",
            file=sys.stderr,
        )
    return 0
