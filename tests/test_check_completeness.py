"""Article 11 completeness from classified files."""

from __future__ import annotations

from pipeline.check import assess_materials
from pipeline.models import Classified, ListPart, MaterialStatus, MaterialType

P = MaterialStatus.present
UNREADABLE_EQUIPMENT = Classified(
    file="设备清单.et",
    material=MaterialType.resource_lists,
    part=ListPart.equipment_list,
    readable=False,
    problem="格式无法读取",
)


def test_every_material_has_an_entry_and_missing_is_missing() -> None:
    result = assess_materials([])
    assert set(result) == set(MaterialType)
    assert all(entry.status == MaterialStatus.missing for entry in result.values())
    assert result[MaterialType.resource_lists].parts == dict.fromkeys(ListPart, MaterialStatus.missing)


def test_present_with_page_range_refs() -> None:
    classified = [
        Classified(file="合并.pdf", first_page=1, last_page=5, material=MaterialType.application_report),
        Classified(file="合并.pdf", first_page=6, last_page=6, material=MaterialType.legal_entity_certificate),
    ]
    result = assess_materials(classified)
    assert result[MaterialType.application_report].status == P
    assert result[MaterialType.application_report].files == ["合并.pdf#p1-5"]
    assert result[MaterialType.legal_entity_certificate].files == ["合并.pdf#p6"]


def test_unreadable_only_says_why() -> None:
    classified = [Classified(file="审计报告.pdf", material=MaterialType.audit_reports, readable=False,
                             problem="PDF 已加密")]
    entry = assess_materials(classified)[MaterialType.audit_reports]
    assert entry.status == MaterialStatus.unreadable
    assert entry.files == ["审计报告.pdf"]
    assert any("PDF 已加密" in note for note in entry.notes)


def test_one_readable_file_makes_present() -> None:
    classified = [
        Classified(file="审计报告.pdf", material=MaterialType.audit_reports, readable=False, problem="文件损坏"),
        Classified(file="专项审计.pdf", material=MaterialType.audit_reports, facets=["audit_report", "special_audit"]),
    ]
    entry = assess_materials(classified)[MaterialType.audit_reports]
    assert entry.status == P
    assert entry.files == ["审计报告.pdf", "专项审计.pdf"]


def test_resource_lists_needs_all_three_parts() -> None:
    lists = MaterialType.resource_lists
    staff = Classified(file="人员名单.xlsx", material=lists, part=ListPart.staff_list)
    partial = assess_materials([staff])[lists]
    assert partial.status == MaterialStatus.partial
    assert partial.parts[ListPart.staff_list] == P
    assert partial.parts[ListPart.client_list] == MaterialStatus.missing
    assert any("缺少" in n for n in partial.notes)
    full = assess_materials([
        staff,
        Classified(file="设备清单.xlsx", material=lists, part=ListPart.equipment_list),
        Classified(file="服务企业名单.xlsx", material=lists, part=ListPart.client_list),
    ])[lists]
    assert full.status == P and full.notes == []
    assert set(full.parts.values()) == {P}


def test_resource_list_part_unreadable() -> None:
    lists = MaterialType.resource_lists
    entry = assess_materials([
        Classified(file="人员名单.xlsx", material=lists, part=ListPart.staff_list),
        UNREADABLE_EQUIPMENT,
    ])[lists]
    assert entry.status == MaterialStatus.partial
    assert entry.parts[ListPart.equipment_list] == MaterialStatus.unreadable
    only_unreadable = assess_materials([
        UNREADABLE_EQUIPMENT,
    ])[lists]
    assert only_unreadable.status == MaterialStatus.unreadable


def test_unclassified_files_count_for_nothing() -> None:
    result = assess_materials([Classified(file="扫描件003.pdf", material=None)])
    assert all(entry.status == MaterialStatus.missing for entry in result.values())
