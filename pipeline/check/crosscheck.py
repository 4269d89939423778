"""Cross-document checks: the same fact stated by two documents (附件2, audit, licence, lists)."""

from __future__ import annotations

from datetime import date

from stdnum.cn import uscc as uscc_check

from ..models import FieldValue, Inconsistency
from ..reference import field_catalog
from .context import Context, Reading, zh
from .judge import fmt, number, relative_difference
from .ruleset import CrossPair, RuleSet

UNIT_OF_TYPE = {"money": "元", "ratio": "比例", "count": "", "area": "㎡"}
_WIDTH = str.maketrans("（）［］【】", "()[][]")


def _unit(field_id: str) -> str:
    spec = field_catalog().fields.get(field_id)
    return UNIT_OF_TYPE.get(spec.type, "") if spec else ""


def _text_key(value: object) -> str:
    return "".join(str(value).split()).translate(_WIDTH)


def _numbers(pair: CrossPair, a: Reading, b: Reading, material_at: float, report_at: float, sure: bool):
    x, y = number(a.value), number(b.value)
    if x is None or y is None:
        return None
    diff = relative_difference(x, y)
    if diff <= report_at:
        return None
    unit = _unit(a.field)
    if diff <= material_at:
        verdict = f"未超过{fmt(material_at, '比例')}"
    elif sure:
        verdict = f"超过{fmt(material_at, '比例')}，属重大不一致"
    else:
        verdict = f"超过{fmt(material_at, '比例')}，但其中的数值识别存疑，先核对该数值"
    note = f"{a.label}为{fmt(a.value, unit)}，{b.label}为{fmt(b.value, unit)}，相差{diff * 100:.1f}%，{verdict}"
    return Inconsistency(fields=list(pair.fields), values=[a.value, b.value], note=note,
                         material=diff > material_at and sure)


def _same(pair: CrossPair, a: Reading, b: Reading) -> bool:
    if pair.kind == "code":
        return _text_key(a.value).upper() == _text_key(b.value).upper()
    if pair.kind == "date":
        return str(a.value)[:10] == str(b.value)[:10]
    return _text_key(a.value) == _text_key(b.value)


def _sure(ctx: Context, reading: Reading) -> bool:
    """A value read without doubt: no review reason and the extraction's confidence high enough."""
    fv = ctx.fields.get(reading.field)
    return not reading.flagged and fv is not None and fv.confidence >= ctx.ruleset.crosscheck.confident_at


def _pair(ctx: Context, pair: CrossPair, material_at: float, report_at: float) -> Inconsistency | None:
    a, b = ctx.reading(pair.fields[0]), ctx.reading(pair.fields[1])
    if a is None or b is None:
        return None
    sure = _sure(ctx, a) and _sure(ctx, b)
    if pair.kind == "code":  # a code the certificate shows, valid and read surely, makes the report's wrong
        sure = _sure(ctx, b) and uscc_check.is_valid(_text_key(b.value).upper())
    if pair.kind == "number":
        return _numbers(pair, a, b, material_at, report_at, sure)
    if _same(pair, a, b):
        return None
    note = f"{a.label}为“{a.value}”，{b.label}为“{b.value}”，两者不一致"
    if not sure:
        note += "（其中的数值识别存疑，先核对该数值）"
    return Inconsistency(fields=list(pair.fields), values=[a.value, b.value], note=note, material=sure)


def _nature_vs_code(ctx: Context) -> Inconsistency | None:
    authority = ctx.ruleset.crosscheck.uscc_authority
    nature = ctx.reading("unit_nature")
    code = ctx.reading("licence.uscc") or ctx.reading("uscc")
    if nature is None or code is None or not str(code.value).strip():
        return None
    head = str(code.value).strip()[0]
    natures = authority.get(head)
    if not natures or nature.value in natures:
        return None
    expected = "或".join(zh("unit_nature", n) for n in natures)
    note = (f"申请报告填写单位性质为{zh('unit_nature', nature.value)}，但{code.label}首位“{head}”"
            f"表示登记管理部门对应的单位性质为{expected}，需核实单位性质（影响放宽条款的适用）")
    return Inconsistency(fields=["unit_nature", code.field], values=[nature.value, code.value], note=note)


def cross_check(fields: dict[str, FieldValue], ruleset: RuleSet, as_of: date) -> list[Inconsistency]:
    """Every disagreement between two documents; `material` (an inconsistency) only beyond the
    ruleset's tolerance AND between values both read without doubt. The rest are differences:
    under the materiality line, or involving a value whose reading is in doubt (that value goes to
    review, not to the applicant)."""
    ctx = Context(materials={}, fields=fields, as_of=as_of, ruleset=ruleset)
    material_at = ruleset.param("crosscheck.material_difference", as_of).value
    report_at = ruleset.param("crosscheck.report_difference", as_of).value
    found = [_pair(ctx, pair, material_at, report_at) for pair in ruleset.crosscheck.pairs]
    found.append(_nature_vs_code(ctx))
    return [i for i in found if i is not None]
