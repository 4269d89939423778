"""Command line: a thin shell over the library (pipeline.runner)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from .cache import DEFAULT_MAX_MB, default_cache_dir
from .ingest import IngestError
from .reference import ReferenceDataError
from .render.common.config import labels
from .runner import RunError, run_batch


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，收到“{text}”") from None


def _positive(text: str, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{what}应为正整数，收到“{text}”")
    return value


def _jobs(text: str) -> int:
    return _positive(text, "并行进程数")


def _megabytes(text: str) -> int:
    return _positive(text, "缓存大小上限")


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
    run.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        default=default_cache_dir(),
        help="缓存目录：已读取和提取过的文件按内容保存，再次运行时只处理有变化的部分（默认 %(default)s）",
    )
    run.add_argument("--no-cache", action="store_true", help="不使用缓存，全部重新读取和提取")
    run.add_argument(
        "--cache-max-mb",
        type=_megabytes,
        default=DEFAULT_MAX_MB,
        metavar="MB",
        help="缓存目录的大小上限，超过时删除最久未用的缓存（本次运行用到的保留），默认 %(default)s",
    )
    copies = run.add_mutually_exclusive_group()
    copies.add_argument(
        "--pdf",
        action="store_true",
        default=None,
        help="同时生成 PDF 版本的评审材料和补正通知（需要 LibreOffice；默认不生成，也可事后用 pdf 命令生成）",
    )
    # Kept so that scripts written when PDFs were made by default still run: it is now what run does anyway.
    copies.add_argument("--no-pdf", action="store_true", help="不生成 PDF（已是默认做法，保留此参数以兼容旧脚本）")
    run.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help="本单位的设置文件（YAML，只写要改的项，如发文机关、文号格式、联系电话），覆盖内置的 settings.yaml；"
        "也可用环境变量 NX_PRESCREEN_SETTINGS 指定",
    )
    run.add_argument(
        "--registry",
        metavar="PATH|URL",
        help="认定库（SQLite 文件或 PostgreSQL 地址）：给出时核对重复申报、已撤销称号、本批次重复的信用代码"
        "和与上一年度申报不一致的数据（第十四条、第十七条）",
    )
    _add_explain(sub)
    _add_notice(sub)
    from .cli_registry import add_registry
    from .cli_scores import add_scores

    add_registry(sub)
    add_scores(sub)
    _add_review(sub)
    _add_serve(sub)
    _add_pdf(sub)
    return parser


def _add_pdf(sub) -> None:
    pdf = sub.add_parser(
        "pdf",
        help="为已有的输出文件夹生成 PDF 版本的评审材料和补正通知（LibreOffice）",
        description="把 run 命令输出文件夹中每个申报（或 --ids 指定的申报）的评审材料和补正通知（Word）转换为 PDF，"
        "放在 Word 文件旁边，并更新 index.html 和 summary.xlsx 中的 PDF 链接。已是最新的 PDF 不再转换。",
        add_help=False,
    )
    pdf.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    pdf.add_argument("out", metavar="OUT", type=Path, help="run 命令的输出文件夹")
    pdf.add_argument("--ids", nargs="+", metavar="ID", help="只转换这些申报编号的文档（默认：全部申报）")


def _pdf(args) -> int:
    from .render.overview.copies import PdfError, make_pdf_copies
    from .review.folder import FolderError

    try:
        made, problems = make_pdf_copies(args.out, args.ids)
    except (FolderError, PdfError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    for line in problems:
        print(f"警告：{line}", file=sys.stderr)
    print(f"已生成 {made} 份 PDF；链接已更新到 {args.out / 'index.html'} 和 {args.out / 'summary.xlsx'}")
    return 1 if problems else 0


def _add_review(sub) -> None:
    review = sub.add_parser(
        "review",
        help="导出待复核事项清单（复核清单.xlsx），或导入填好的清单",
        description="人工复核：导出输出文件夹中全部待复核事项（需复核的数据、条件、材料间不一致、缺失或未识别的材料），"
        "每行一个事项，结论列可从下拉列表选择；用 --apply 导入填好的清单（逐行检查，有错误时不导入任何一行），"
        "核实意见保存在输出文件夹的复核记录中，并按上次运行的参数重新预审。",
        add_help=False,
    )
    review.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    review.add_argument("out", metavar="OUT", type=Path, help="run 命令的输出文件夹")
    review.add_argument("--apply", type=Path, metavar="FILE", help="导入填好的复核清单")
    review.add_argument("--sheet", type=Path, metavar="FILE", help="导出到指定文件（默认 OUT/复核清单.xlsx）")
    review.add_argument("--all", action="store_true", help="导出时也列出已核实的事项（可修改后重新导入）")
    review.add_argument("--who", metavar="NAME", help="导入时，未填写核实人的行按此人记录")
    review.add_argument("--no-rerun", action="store_true", help="导入后不重新预审（下次运行 run 时生效）")


def _add_serve(sub) -> None:
    serve = sub.add_parser(
        "serve",
        help="启动本机复核网页：逐项确认、更正或说明，保存后重新生成该申报的文档",
        description="在本机启动复核网页（默认只允许本机访问 127.0.0.1）：批次总览显示每个申报的待复核事项，"
        "每个事项旁有原文摘录和原件链接，可选择确认、更正或填写说明；保存后写入复核记录并重新预审，"
        "该申报的评审材料、补正通知和批次汇总随之更新。",
        add_help=False,
    )
    serve.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    serve.add_argument("out", metavar="OUT", type=Path, help="run 命令的输出文件夹")
    serve.add_argument("--host", default="127.0.0.1", metavar="ADDR", help="监听地址，默认 127.0.0.1（仅本机）")
    serve.add_argument("--port", type=_port, default=8765, metavar="PORT", help="端口，默认 %(default)s（0 表示任选）")
    serve.add_argument("--who", metavar="NAME", help="核实人姓名（网页中预先填写）")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"端口应为 0–65535 之间的整数，收到“{text}”")
    return value


def _review(args) -> int:
    from .review.folder import FolderError
    from .review.sheet import SheetError, export_sheet, import_sheet
    from .review.store import StoreError
    from .review.wording import wording

    w = wording()
    try:
        if args.apply is None:
            path, count, apps = export_sheet(args.out, args.sheet, args.all)
            print(w.message("exported", count=count, apps=apps, path=path) if count else
                  w.message("nothing_open", path=path))
            return 0
        imported = import_sheet(args.out, args.apply, args.who)
    except (FolderError, SheetError, StoreError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(w.message("imported", count=imported.recorded, skipped=imported.skipped, same=imported.same))
    if imported.stale:
        print(w.message("imported_stale", count=imported.stale), file=sys.stderr)
    if args.no_rerun or not imported.recorded:
        return 0
    return _run_again(args.out, os.cpu_count() or 1)


def _run_again(out: Path, jobs: int) -> int:
    from .review.folder import FolderError, run_again
    from .review.store import StoreError
    from .review.wording import wording

    w = wording()
    try:
        changes, counts = run_again(out, jobs)
    except (RunError, IngestError, ReferenceDataError, FolderError, StoreError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(w.message("rerun", summary=counts))
    for applicant, before, after in changes:
        print(w.message("changed", applicant=applicant, before=labels().of("decision", before),
                        after=labels().of("decision", after)))
    if not changes:
        print(w.message("unchanged"))
    return 0


def _serve(args) -> int:
    from .review.folder import FolderError
    from .review.server import serve
    from .review.store import StoreError

    try:
        serve(args.out, args.host, args.port, args.who)
    except (FolderError, StoreError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    return 0


def _add_notice(sub) -> None:
    notice = sub.add_parser(
        "notice",
        help="生成拟认定名单公示（第十二条，公示期5个工作日）",
        description="根据 run 命令的预审结果生成拟认定示范平台名单公示（Word 和网页），公示截止日期按法定节假日"
        "和调休安排计算 5 个工作日。默认列出初审结论为“通过初审”的申报，也可用 --ids 指定专家评审后确定的名单。",
        add_help=False,
    )
    notice.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    notice.add_argument("results", metavar="RESULTS", type=Path, help="results.jsonl 文件，或 run 命令的输出文件夹")
    notice.add_argument("--start", required=True, type=_date, metavar="YYYY-MM-DD", help="公示开始日期")
    chosen = notice.add_mutually_exclusive_group()
    chosen.add_argument("--ids", nargs="+", metavar="ID", help="拟认定的申报编号（默认：全部“通过初审”的申报）")
    chosen.add_argument(
        "--from",
        dest="summary",
        type=Path,
        metavar="评审汇总.xlsx",
        help="从 scores --apply 生成的评审汇总表读取拟认定名单（“建议列入拟认定名单”为“是”的申报，按名次）",
    )
    notice.add_argument(
        "--out", type=Path, metavar="FILE", help="输出文件（默认 RESULTS 所在文件夹下的 公示名单.docx）"
    )


def _notice(args) -> int:
    from .render.notice.public_notice import NoticeError, make_notice
    from .scoring.sheets import ScoringError
    from .scoring.summary import proposed_ids

    folder = args.results if args.results.is_dir() else args.results.parent
    try:
        ids = proposed_ids(args.summary) if args.summary else args.ids
        if args.summary and not ids:
            raise NoticeError(f"评审汇总表 {args.summary} 中没有“建议列入拟认定名单”为“是”的申报")
        context, paths = make_notice(args.results, args.start, args.out or folder / "公示名单.docx", ids)
    except (NoticeError, ScoringError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    if context["warning"]:
        print(context["warning"], file=sys.stderr)
    print(f"公示名单共 {len(context['rows'])} 个平台；{context['period']}已写入：{'、'.join(map(str, paths))}")
    return 0


def _add_explain(sub) -> None:
    explain = sub.add_parser(
        "explain",
        help="说明某个字段是如何提取的（候选值、采用的值及原因）",
        description="说明一个申报的某个字段如何得出：采用的值、出处（文件、页码/位置、原文）、匹配的标签或模式、"
        "置信度、需复核的原因和全部候选值。APPLICATION 可以是申报文件夹或 .zip，也可以是 run 命令的输出文件夹"
        "（读取其中的 results.jsonl，用 --applicant 指定申报编号）。",
        add_help=False,
    )
    explain.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    explain.add_argument("application", metavar="APPLICATION", type=Path, help="申报文件夹 / .zip，或输出文件夹")
    explain.add_argument("field", metavar="FIELD", help="字段编号，如 total_assets、audit.revenue")
    explain.add_argument("--applicant", metavar="ID", help="申报编号（输出文件夹或批次中有多个申报时必填）")
    explain.add_argument("--as-of", type=_date, default=date.today(), metavar="YYYY-MM-DD", help="基准日期，默认今天")


def _explain(args) -> int:
    from .explain import ExplainError, describe, explain_field  # the reading stages; `run` may not need them

    try:
        found = explain_field(args.application, args.field, args.applicant, args.as_of)
    except (ExplainError, IngestError, ReferenceDataError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(describe(found))
    return 0 if found.value is not None or found.rule is not None or found.review else 3


def _registry_view(args):
    """What the registry knows before the run's date (the registry's lifecycle rules are the run's)."""
    from .check import load_ruleset
    from .registry.api import Registry
    from .registry.db import RegistryError

    if "://" not in args.registry and not Path(args.registry).expanduser().is_file():  # a typo must not start a new one
        raise RunError(f"认定库文件不存在：{args.registry}（新的认定库由 registry record 建立）")
    try:
        with Registry.open(args.registry, load_ruleset(args.rules)) as reg:
            return reg.view(args.as_of)
    except (RegistryError, ValueError) as exc:  # ValueError: RuleSetError of --rules
        raise RunError(str(exc)) from exc


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    for level, name in ((logging.WARNING, "警告"), (logging.ERROR, "错误"), (logging.CRITICAL, "严重错误")):
        logging.addLevelName(level, name)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s：%(message)s")
    if args.command == "explain":
        return _explain(args)
    if args.command == "notice":
        return _notice(args)
    if args.command == "registry":
        from .cli_registry import registry_command

        return registry_command(args)
    if args.command == "scores":
        from .cli_scores import scores_command

        return scores_command(args)
    if args.command == "review":
        return _review(args)
    if args.command == "serve":
        return _serve(args)
    if getattr(args, "settings", None) is not None:  # run's option; pdf converts the Word files as they are
        if not args.settings.is_file():
            print(f"错误：找不到设置文件 {args.settings}", file=sys.stderr)
            return 1
        from .render.common.config import use_settings_file

        use_settings_file(args.settings)
    if args.command == "pdf":
        return _pdf(args)
    try:
        view = _registry_view(args) if args.registry else None
        report = run_batch(
            args.input,
            args.out,
            args.as_of,
            jobs=args.jobs,
            ruleset_path=args.rules,
            cache_dir=None if args.no_cache else args.cache_dir,
            cache_max_mb=args.cache_max_mb,
            pdf=True if args.pdf else (False if args.no_pdf else None),
            registry=view,
        )
    except (IngestError, RunError, ReferenceDataError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    counts = "，".join(f"{labels().of('decision', k)} {v} 个" for k, v in sorted(report.decisions.items()))
    print(
        f"完成：共处理 {report.applications} 个申报（{counts}），用时 {report.seconds} 秒；结果在 {report.out}",
        file=sys.stderr,
    )
    if report.reused:
        print(f"其中 {report.reused} 个申报的材料、规则和程序与上次运行相同，沿用了上次的结果。", file=sys.stderr)
    if report.review_applied or report.review_stale:
        from .review.wording import wording

        print(wording().message("run_review", applied=report.review_applied), file=sys.stderr)
        if report.review_stale:
            print(wording().message("run_stale", count=report.review_stale), file=sys.stderr)
    if report.loose_files:
        print(
            f"注意：批次根目录下有 {len(report.loose_files)} 个散落文件未作为申报处理：{'、'.join(report.loose_files)}",
            file=sys.stderr,
        )
    return 0
