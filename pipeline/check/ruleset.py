"""Load and validate a ruleset file (pipeline/data/rules/*.yaml): regulation as data.

Parameters are OpenFisca-style: one entry per threshold with a description, a unit, a
citation and values keyed by effective date. Rules read them by dotted path through
`RuleSet.param`, which returns the value in force on the as-of date together with its
citation (`ParameterUse`), so every result can say which parameters it consulted.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError, field_validator

from ..models.common import Function, ListPart, MaterialType, Model, UnitNature
from ..models.rules import ParameterUse
from ..reference import DATA_DIR, SAFE_LOADER
from ..registry.rules import Lifecycle

RULES_DIR = DATA_DIR / "rules"
DEFAULT_RULESET = RULES_DIR / "ningxia-2026-draft.yaml"

ParamValue = bool | int | float | str | list[str]


class RuleSetError(ValueError):
    """The ruleset file is malformed; the message (Chinese) names the file and the problem."""


class _UniqueKeyLoader(SAFE_LOADER):
    """A SafeLoader that refuses a mapping with the same key twice (a silent overwrite otherwise)."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"重复的键：{key}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class Parameter(Model):
    description: str
    unit: str
    reference: str
    values: dict[date, ParamValue]
    note: str | None = None

    @field_validator("values")
    @classmethod
    def _not_empty(cls, values: dict[date, ParamValue]) -> dict[date, ParamValue]:
        if not values:
            raise ValueError("values 不能为空")
        return values

    def in_force(self, as_of: date) -> tuple[date, ParamValue]:
        """The (effective date, value) in force on as_of; the earliest when as_of precedes all."""
        dates = sorted(self.values)
        chosen = dates[0]
        for d in dates:
            if d <= as_of:
                chosen = d
        return chosen, self.values[chosen]


class Relaxation(Model):
    title: str
    reference: str
    clause: str
    conditions: list[str]
    natures: list[UnitNature] = Field(default_factory=list)
    place_fields: list[str] = Field(default_factory=list)
    areas: str | None = None
    optional_areas: str | None = None
    include_optional: str | None = None


class CrossPair(Model):
    fields: tuple[str, str]
    kind: Literal["number", "text", "code", "date"]


class CrossCheckSpec(Model):
    pairs: list[CrossPair] = Field(default_factory=list)
    confident_at: float  # extraction confidence below which a difference is no inconsistency (rules data)
    uscc_authority: dict[str, list[UnitNature]] = Field(default_factory=dict)


class RuleDef(Model):
    title: str
    article: str
    condition: str
    evidence: list[str]
    parameters: list[str] = Field(default_factory=list)
    decisive: bool
    function: Function | None = None


class RuleSet(Model):
    id: str
    title: str
    source: str
    status: str = ""
    parameters: dict[str, Parameter]
    relaxations: dict[str, Relaxation] = Field(default_factory=dict)
    crosscheck: CrossCheckSpec = Field(default_factory=CrossCheckSpec)
    lifecycle: Lifecycle | None = None  # Articles 12–19: the registry and its checks
    rules: dict[str, RuleDef]

    def param(self, name: str, as_of: date) -> ParameterUse:
        """The parameter at dotted path `name` in force on as_of, with its citation."""
        try:
            parameter = self.parameters[name]
        except KeyError:
            raise RuleSetError(f"规则文件 {self.id} 中没有参数 {name}") from None
        effective, value = parameter.in_force(as_of)
        return ParameterUse(name=name, value=value, reference=parameter.reference, effective_from=effective)

    def earliest_effective(self) -> date:
        return min(min(p.values) for p in self.parameters.values())

    def rule(self, rule_id: str) -> RuleDef:
        return self.rules[rule_id]


def _flatten(tree: dict, prefix: str = "") -> dict[str, dict]:
    """Nested parameter groups → {dotted.path: parameter mapping}; a node with `values` is a leaf."""
    flat: dict[str, dict] = {}
    for key, node in tree.items():
        path = f"{prefix}{key}"
        if not isinstance(node, dict):
            raise RuleSetError(f"参数 {path} 必须是映射")
        if "values" in node:
            flat[path] = node
        else:
            flat.update(_flatten(node, f"{path}."))
    return flat


def _validate_references(ruleset: RuleSet, known_rules: set[str]) -> None:
    unknown = set(ruleset.rules) - known_rules
    if unknown:
        raise RuleSetError(f"规则文件 {ruleset.id} 含有未知的规则编号：{sorted(unknown)}")
    absent = known_rules - set(ruleset.rules)
    if absent:
        raise RuleSetError(f"规则文件 {ruleset.id} 缺少规则：{sorted(absent)}")
    materials = {m.value for m in MaterialType}
    parts = {f"{MaterialType.resource_lists.value}.{p.value}" for p in ListPart}
    conditions = {r.condition for r in ruleset.rules.values()}
    for rule_id, rule in ruleset.rules.items():
        for name in rule.parameters:
            if name not in ruleset.parameters:
                raise RuleSetError(f"规则 {rule_id} 引用了不存在的参数 {name}")
        for ev in rule.evidence:
            if ev not in materials | parts:
                raise RuleSetError(f"规则 {rule_id} 的证明材料 {ev} 不是第十一条材料类型")
    if ruleset.lifecycle is not None:
        for name in ruleset.lifecycle.parameters():
            if name not in ruleset.parameters:
                raise RuleSetError(f"认定管理（lifecycle）引用了不存在的参数 {name}")
    for key, relax in ruleset.relaxations.items():
        if set(relax.conditions) - conditions:
            raise RuleSetError(f"放宽条款 {key} 引用了未知的条件：{sorted(set(relax.conditions) - conditions)}")
        for name in (relax.areas, relax.optional_areas, relax.include_optional):
            if name is not None and name not in ruleset.parameters:
                raise RuleSetError(f"放宽条款 {key} 引用了不存在的参数 {name}")


def load_ruleset(path: Path | None = None) -> RuleSet:
    """Read, validate and return a ruleset (the built-in draft when path is None)."""
    from .registry import RULES  # the rule functions the code implements

    path = path or DEFAULT_RULESET
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise RuleSetError(f"无法读取规则文件 {path}：{exc}") from exc
    if not isinstance(raw, dict):
        raise RuleSetError(f"规则文件 {path} 的顶层必须是映射")
    raw = dict(raw)
    raw["parameters"] = _flatten(raw.get("parameters") or {})
    try:
        ruleset = RuleSet.model_validate(raw)
    except ValidationError as exc:
        raise RuleSetError(f"规则文件 {path} 格式错误：{exc}") from exc
    _validate_references(ruleset, set(RULES))
    return ruleset
