"""`registry …` commands: a thin shell over pipeline.registry.api (Articles 12–19)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .cli import _date
from .registry.db import RegistryError, default_location


def add_location(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    parser.add_argument(
        "--registry",
        metavar="PATH|URL",
        default=None,
        help=help_text
        or f"认定库：SQLite 文件路径，或 PostgreSQL 地址（postgresql+psycopg://用户@主机/库名）；默认 {default_location()}",
    )
    parser.add_argument("--rules", type=Path, metavar="FILE", help="规则参数文件（默认使用内置的现行版本）")


def _sub(sub, name: str, help_text: str, description: str) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=description, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    add_location(parser)
    return parser


def add_registry(sub) -> None:
    registry = sub.add_parser(
        "registry",
        help="认定库：登记年度预审结果、认定、撤销、考核、查询和公布示范平台名单（第十二至十九条）",
        description="认定库保存每年的预审结果、专家评分、认定、撤销和年度考核；下一年度 run --registry 据此核对重复申报等。",
        add_help=False,
    )
    registry.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    commands = registry.add_subparsers(dest="registry_command", title="子命令", metavar="子命令")
    commands.required = True
    record = _sub(commands, "record", "把一次预审的结果登记为一个申报年度", "把 run 命令的输出（results.jsonl）登记为某一年度的申报。")
    record.add_argument("out", metavar="OUT", type=Path, help="run 命令的输出文件夹或 results.jsonl")
    record.add_argument("--round", required=True, type=int, metavar="YEAR", help="申报年度，如 2026（须与预审的基准日期同年）")
    record.add_argument("--replace", action="store_true", help="该年度已登记且尚无认定记录时，用新的结果替换")
    certify = _sub(commands, "certify", "认定公示无异议的平台（第十三条）", "登记认定：有效期按规则文件计算（第十七条：三年）。")
    certify.add_argument("--round", required=True, type=int, metavar="YEAR", help="申报年度")
    certify.add_argument("--ids", required=True, nargs="+", metavar="ID", help="认定的申报编号")
    certify.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD", help="认定日期")
    revoke = _sub(commands, "revoke", "撤销示范平台称号（第十七条、第十九条）", "登记撤销：按申报编号、统一社会信用代码或单位名称找到该单位最近的称号。")
    revoke.add_argument("target", metavar="单位", help="申报编号、统一社会信用代码或单位名称")
    revoke.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD", help="撤销日期")
    revoke.add_argument("--reason", required=True, metavar="原因", help="撤销原因")
    revoke.add_argument("--article", metavar="条款", help="依据条款（默认 第十七条；考核不合格时写 第十九条）")
    assess = _sub(commands, "assess", "登记年度考核结果（第十九条：优秀、合格、不合格）", "登记某一年度的服务绩效考核等级。")
    assess.add_argument("--year", required=True, type=int, metavar="YEAR", help="考核的年度（上一年度）")
    assess.add_argument("--set", nargs="+", default=[], metavar="单位=等级", help="如 91640106DNQHT1QF4E=优秀")
    assess.add_argument("--file", type=Path, metavar="XLSX", help="考核结果表：含“考核等级”列，以及申报编号、统一社会信用代码或单位名称之一，可有“说明”列")
    listing = _sub(commands, "list", "列出认定的示范平台及其状态", "状态：有效 / 本年到期可再次申报 / 已过期 / 已撤销。")
    listing.add_argument("--on", type=_date, default=date.today(), metavar="YYYY-MM-DD", help="按哪一天计算状态，默认今天")
    show = _sub(commands, "show", "查看一个单位的申报、评分、认定和考核记录", "按申报编号、统一社会信用代码或单位名称查看。")
    show.add_argument("target", metavar="单位", help="申报编号、统一社会信用代码或单位名称")
    show.add_argument("--on", type=_date, default=date.today(), metavar="YYYY-MM-DD", help="按哪一天计算状态，默认今天")
    export = _sub(commands, "export", "导出公开的示范平台名单（第十五条：Excel 和网页）", "只含平台名称、运营单位、所在市、服务功能、认定日期和有效期，不含个人信息。")
    export.add_argument("--out", required=True, type=Path, metavar="DIR", help="输出文件夹（写入 示范平台名单.xlsx 和 示范平台名单.html）")
    export.add_argument("--on", type=_date, default=date.today(), metavar="YYYY-MM-DD", help="列出这一天有效的称号，默认今天")


def open_registry(args):
    from .check import load_ruleset
    from .registry.api import Registry

    return Registry.open(args.registry, load_ruleset(args.rules))


def registry_command(args) -> int:
    from .check.ruleset import RuleSetError

    try:
        with open_registry(args) as reg:
            return COMMANDS[args.registry_command](reg, args)
    except (RegistryError, RuleSetError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def _record(reg, args) -> int:
    summary = reg.record_round(args.out, args.round, replace=args.replace)
    print(f"已登记 {summary.year} 年度（基准日期 {summary.as_of}）的 {summary.applications} 个申报。")
    return 0


def _certify(reg, args) -> int:
    for title in reg.certify(args.round, args.ids, args.date):
        print(f"已认定：{title.platform_name or title.applicant_id}（{title.unit_name}），有效期至 {title.valid_until}")
    return 0


def _revoke(reg, args) -> int:
    title = reg.revoke(args.target, args.date, args.reason, args.article)
    print(f"已撤销：{title.platform_name or title.applicant_id}（{title.unit_name}），{title.revoked_on}，{title.article}")
    return 0


def _assess(reg, args) -> int:
    from .registry.api import Grade
    from .registry.grades import read_grades

    grades = read_grades(args.file) if args.file else []
    for pair in args.set:
        target, sep, grade = pair.rpartition("=")
        if not sep or not target:
            raise RegistryError(f"“{pair}”应写作 单位=等级")
        grades.append(Grade(target=target, grade=grade))
    if not grades:
        raise RegistryError("请用 --set 或 --file 给出考核结果")
    for title, consequence in reg.assess(args.year, grades):
        name = title.platform_name or title.applicant_id
        print(f"{args.year} 年度考核：{name} {title.grades[args.year]}" + (f"——{consequence}" if consequence else ""))
    return 0


def _list(reg, args) -> int:
    from .registry.wording import wording

    words = wording()
    for summary in reg.rounds():
        print(f"{summary.year} 年度：{summary.applications} 个申报（基准日期 {summary.as_of}）")
    titles = reg.titles()
    if not titles:
        print("认定库中还没有认定记录。")
        return 0
    for t in titles:
        status = words.status[reg.status_of(t, args.on)]
        line = f"{t.platform_name or t.applicant_id}｜{t.unit_name}｜{t.uscc or ''}｜{t.round}年度｜{t.certified_on}至{t.valid_until}｜{status}"
        consequence = t.consequence(reg.lifecycle)
        print(line + (f"｜{consequence}" if consequence else ""))
    return 0


def _show(reg, args) -> int:
    from .registry.wording import wording

    words = wording()
    for app in reg.history(args.target):
        print(f"{app['year']} 年度申报：{app['applicant_id']}（{app['unit_name'] or ''}，{app['uscc'] or '无信用代码'}），初审结论 {app['decision']}")
        for mark in app["scores"]:
            shown = "回避" if mark["conflict"] else f"{mark['total']:g} 分"
            print(f"  专家 {mark['expert']}：{shown}")
        if app["inspection"]:
            visit = app["inspection"]
            print(f"  实地考察：{'通过' if visit['passed'] else '不通过'} {visit['note']}")
    for t in reg.titles():
        if args.target.strip() in (t.applicant_id, t.unit_name, t.uscc) or args.target.strip().upper() == t.uscc:
            print(f"认定：{t.round} 年度，{t.certified_on} 至 {t.valid_until}，状态 {words.status[reg.status_of(t, args.on)]}")
            if t.revoked_on:
                print(f"  撤销：{t.revoked_on}（{t.article}）{t.reason}")
            for year in sorted(t.grades):
                print(f"  {year} 年度考核：{t.grades[year]} {t.notes.get(year, '')}".rstrip())
            if t.consequence(reg.lifecycle):
                print(f"  {t.consequence(reg.lifecycle)}")
    return 0


def _export(reg, args) -> int:
    from .registry.export import export_public_list
    from .registry.wording import wording

    name = wording().export_title.removeprefix("自治区中小企业公共服务")
    xlsx, html = args.out / f"{name}.xlsx", args.out / f"{name}.html"
    count = export_public_list(reg, args.on, xlsx, html)
    print(f"已导出 {count} 个有效期内的示范平台：{xlsx}、{html}")
    return 0


COMMANDS = {
    "record": _record,
    "certify": _certify,
    "revoke": _revoke,
    "assess": _assess,
    "list": _list,
    "show": _show,
    "export": _export,
}
