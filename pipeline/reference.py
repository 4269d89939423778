"""Load the versioned reference data under pipeline/data/ into validated models.

Every stage reads names, keywords and field types from here, never from literals.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field

from .models.common import ListPart, MaterialType, Model

DATA_DIR = Path(__file__).parent / "data"
# libyaml's parser where PyYAML was built with it: the same safe loading, about ten times faster
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ReferenceDataError(ValueError):
    """A data file is malformed; the message names the file and the problem."""


def load_yaml(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ReferenceDataError(f"无法读取数据文件 {path}：{exc}") from exc
    if not isinstance(data, dict):
        raise ReferenceDataError(f"数据文件 {path} 的顶层必须是映射")
    return data


FieldType = Literal["money", "ratio", "date", "count", "area", "text", "enum", "functions", "bool"]


class FieldSpec(Model):
    name: str
    type: FieldType
    personal: bool = False


class FieldCatalog(Model):
    version: int
    fields: dict[str, FieldSpec]

    def name(self, field_id: str) -> str:
        spec = self.fields.get(field_id)
        if spec is None and field_id.startswith("registry."):  # registry.<round>.<field>: a cross-year figure
            from .registry.wording import wording

            _, year, base = field_id.split(".", 2)
            return f"{year}年度" + wording().previous_round_field.format(field=self.name(base))
        return spec.name if spec else field_id


class PartSpec(Model):
    name: str


class Requirement(Model):
    """What a material needs to be complete: one of these concepts or facets (material_concepts.yaml)."""

    any_of: list[str]
    note: str  # Chinese: what is lacking
    supply: str  # Chinese: what to supply


class MaterialSpec(Model):
    name: str
    article: str
    supply: str
    parts: dict[ListPart, PartSpec] = Field(default_factory=dict)
    requires: Requirement | None = None
    form: str | None = None  # the blank form enclosed with the 补正通知 (附件说明)
    sent_by: str | None = None  # who sends it when not the applicant (the 推荐表: the city bureau)


class MaterialWording(Model):
    """Chinese sentences of completeness notes and checklist requests ({placeholders})."""

    unreadable_note: str
    readable_copy: str
    not_read_note: str
    not_read_problem: str
    not_read_supply: str
    not_read_elsewhere: str
    elsewhere_problem: str
    unplaced: str
    unplaced_nothing: str
    confirm: str
    part_missing: str
    part_unassigned: str
    unplaced_label: str
    resembles_label: str
    confirm_label: str
    front_matter_label: str
    pages_not_read: str

    def file_label(self, catalog: MaterialCatalog, report) -> str:
        """What the dossier's table of files says a file (a FileReport) was classified as."""
        if report.basis == "front_matter":
            return self.front_matter_label
        if report.material is None:
            r = report.resembles
            return self.resembles_label.format(resembles=catalog.name_of(r.material, r.part)) if r else self.unplaced_label
        name = catalog.name_of(report.material, report.part)
        return self.confirm_label.format(name=name) if report.confirm else name


class MaterialCatalog(Model):
    version: int
    materials: dict[MaterialType, MaterialSpec]
    wording: MaterialWording

    def spec(self, material: MaterialType) -> MaterialSpec:
        return self.materials[material]

    def part_name(self, part: ListPart) -> str:
        return self.materials[MaterialType.resource_lists].parts[part].name

    def name_of(self, material: MaterialType, part: ListPart | None = None) -> str:
        return self.part_name(part) if part else self.materials[material].name


@cache
def _display_names() -> dict:
    return load_yaml(DATA_DIR / "labels_zh.yaml")


def display_name(table: str, key: object) -> str:
    """Chinese display name of an enum value (data/labels_zh.yaml `table`), the value itself if unknown."""
    key = getattr(key, "value", key)
    if isinstance(key, bool):
        key = str(key).lower()
    return str(_display_names().get(table, {}).get(str(key), key))


@cache
def field_catalog() -> FieldCatalog:
    return FieldCatalog.model_validate(load_yaml(DATA_DIR / "fields.yaml"))


@cache
def material_catalog() -> MaterialCatalog:
    catalog = MaterialCatalog.model_validate(load_yaml(DATA_DIR / "materials.yaml"))
    missing = set(MaterialType) - set(catalog.materials)
    if missing:
        raise ReferenceDataError(f"materials.yaml 缺少材料类型：{sorted(missing)}")
    if set(catalog.materials[MaterialType.resource_lists].parts) != set(ListPart):
        raise ReferenceDataError("materials.yaml 的 resource_lists 必须列出三个组成部分")
    return catalog
