"""Staff, client and equipment lists from real .xlsx and .docx files."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_application
from pipeline.models import ListPart, MaterialType
from tests.test_extract_support import classified, docx_file, valid_id, xlsx_file

ID_OK = valid_id("64010419850315123")  # stdnum: InvalidComponent only (area code), checksum right
ID_ORIGINAL = valid_id("64040219900101234")
ID_BAD = ID_OK[:-1] + ("0" if ID_OK[-1] != "0" else "1")

STAFF = [
    ["主要管理人员和专业技术人员名单"],
    ["序号", "姓名", "身份证号", "学历", "职称", "联系电话"],
    [1, "张三", ID_OK, "本科", "高级工程师", "13912345678"],
    [2, "李四", ID_ORIGINAL, "大专", "助理工程师", "13812345678"],
    [3, "王五", ID_BAD, "高中", "中级经济师", ""],
    [4, "赵六", "", "中专", "无", ""],
    ["合计", "4人", "", "", "", ""],
]


def _extract(doc, part=None):
    return extract_application([doc], [classified(doc, MaterialType.resource_lists, part)])


@pytest.mark.parametrize("merge_title", [True, False])
def test_staff_list_counts_masks_and_checks_ids(tmp_path, merge_title):
    doc = xlsx_file(tmp_path / "人员名单.xlsx", {"人员名单": STAFF}, merge_title=merge_title)
    result = _extract(doc, ListPart.staff_list)
    f = result.fields
    assert f["staff_list.count"].value == 4
    assert f["staff_list.college_count"].value == 2
    assert f["staff_list.mid_title_count"].value == 2
    assert f["staff_list.qualified_count"].value == 3
    assert f["staff_list.count"].source.location == "人员名单!B2"
    [listing] = result.lists
    assert listing.part is ListPart.staff_list and listing.columns[1] == "姓名"
    assert listing.rows[0][2] == ID_OK[:6] + "********" + ID_OK[-4:]
    assert listing.rows[0][5] == "139****5678"
    assert not any(ID_OK in cell for row in listing.rows for cell in row)
    assert len(listing.warnings) == 1 and "校验位错误" in listing.warnings[0]


def test_client_list_satisfaction_words(tmp_path):
    rows = [["序号", "企业名称", "服务内容", "满意度"], [1, "甲公司", "咨询", "非常满意"],
            [2, "乙公司", "培训", "满意"],
            [3, "丙公司", "培训", "满意"], [4, "丁公司", "融资", "基本满意"], [5, "戊公司", "融资", "不满意"],
            [6, "己公司", "融资", ""]]
    f = _extract(xlsx_file(tmp_path / "服务企业名单.xlsx", {"Sheet1": rows}), ListPart.client_list).fields
    assert f["client_list.count"].value == 6
    assert f["client_list.satisfied_count"].value == 3
    assert f["client_list.satisfaction_rate"].value == pytest.approx(3 / 5)  # unrated rows not counted


def test_client_list_scores_on_five_point_scale(tmp_path):
    rows = [["签订服务协议的中小企业名单"], ["单位名称", "协议编号", "满意度评分"], ["甲公司", "X1", "5"],
            ["乙公司", "X2", "4"], ["丙公司", "X3", "3"], ["丁公司", "X4", "5"]]
    f = _extract(xlsx_file(tmp_path / "客户.xlsx", {"名单": rows}), ListPart.client_list).fields
    assert f["client_list.count"].value == 4
    assert f["client_list.satisfaction_rate"].value == pytest.approx(0.75)


def test_equipment_list_skips_subtotals(tmp_path):
    rows = [["设备名称", "规格型号", "数量"], ["服务器", "DELL R740", "2"], ["投影仪", "EPSON", "1"], ["小计", "", "3"]]
    f = _extract(xlsx_file(tmp_path / "设备清单.xlsx", {"Sheet1": rows}), ListPart.equipment_list).fields
    assert f["equipment_list.count"].value == 2


def test_one_workbook_with_three_sheets_and_no_part(tmp_path):
    doc = xlsx_file(tmp_path / "清单.xlsx", {
        "设备": [["序号", "设备名称", "规格型号", "数量"], [1, "服务器", "R740", 2]],
        "人员": STAFF[1:],
        "企业": [["序号", "企业名称", "满意度"], [1, "甲公司", "满意"], [2, "乙公司", "满意"]],
    })
    result = _extract(doc)
    f = result.fields
    assert (f["equipment_list.count"].value, f["staff_list.count"].value, f["client_list.count"].value) == (1, 4, 2)
    assert {lst.part for lst in result.lists} == set(ListPart)


def test_staff_list_as_word_table(tmp_path):
    doc = docx_file(tmp_path / "人员名单.docx", [
        "主要管理人员和专业技术人员名单",
        [["序号", "姓名", "学历", "职称"], ["1", "张三", "硕士研究生", "副教授"], ["2", "李四", "本科", "工程师"],
         ["3", "王五", "大专", "初级"]],
    ])
    f = _extract(doc, ListPart.staff_list).fields
    assert f["staff_list.count"].value == 3
    assert f["staff_list.qualified_count"].value == 3
    assert f["staff_list.mid_title_count"].value == 2


def test_client_list_with_ticked_level_columns_under_a_merged_header(tmp_path):
    rows = [["序号", "企业名称", "满意度评价", "满意度评价", "满意度评价"],
            ["序号", "企业名称", "满意", "基本满意", "不满意"],
            [1, "甲公司", "√", "", ""], [2, "乙公司", "√", "", ""], [3, "丙公司", "", "√", ""],
            [4, "丁公司", "√", "", ""]]
    f = _extract(xlsx_file(tmp_path / "满意度.xlsx", {"Sheet1": rows}), ListPart.client_list).fields
    assert f["client_list.count"].value == 4
    assert f["client_list.satisfied_count"].value == 3


def test_text_pdf_list_without_ruled_table(tmp_path):
    from tests.test_extract_support import pdf_file

    doc = pdf_file(tmp_path / "人员名单.pdf", [["主要管理人员和专业技术人员名单", "序号 姓名 学历 职称",
                                                "1 张三 本科 工程师", "2 李四 硕士 高级经济师", "3 王五 高中 无"]])
    result = _extract(doc, ListPart.staff_list)
    assert result.fields["staff_list.count"].value == 3
    assert result.fields["staff_list.qualified_count"].value == 2
    assert "逐行解析" in result.lists[0].warnings[0]


def test_section_title_rows_inside_a_list_are_not_people(tmp_path):
    section_one, section_two = ["一、管理人员"] * 4, ["二、专业技术人员"] * 4
    rows = [["序号", "姓名", "学历", "职称"], section_one, [1, "张三", "本科", "经济师"], section_two,
            [2, "李四", "大专", "助理工程师"], ["序号", "姓名", "学历", "职称"], [3, "王五", "硕士", "高级工程师"]]
    f = _extract(xlsx_file(tmp_path / "人员.xlsx", {"Sheet1": rows}), ListPart.staff_list).fields
    assert f["staff_list.count"].value == 3
    assert f["staff_list.mid_title_count"].value == 2


def test_client_list_over_pages_titled_in_other_words(tmp_path):
    """A list whose title names no list word (名录, 一览) and whose continuation page repeats
    only the header is still read as ruled tables: wrapped names stay one row each."""
    from tests.test_extract_support import pdf_file, valid_uscc

    header = ["序号", "企业名称", "统一社会信用代码", "联系人"]
    rows = [[str(n), f"宁夏某某第{n}号商贸有限公司", valid_uscc(f"9164050{n:02d}MA7DR3C0"), "张三"] for n in range(1, 9)]
    pages = [["2025年受惠企业名录"], ["（续表）"]]
    doc = pdf_file(tmp_path / "名录.pdf", pages, tables={0: [header, *rows[:5]], 1: [header, *rows[5:]]})
    f = _extract(doc, ListPart.client_list).fields
    assert f["client_list.count"].value == 8
    assert f["client_list.count"].confidence == 1.0  # from the ruled cells, not from text lines


def _client_rows(first: int, last: int) -> list[list[str]]:
    return [[str(n), f"宁夏某某第{n}号商贸有限公司", "咨询服务", "满意"] for n in range(first, last + 1)]


@pytest.mark.parametrize(("second_page", "expected"), [
    # the header printed once: the next page's table of the same width is the same list
    (_client_rows(6, 9), 9),
    # a narrower table on the next page (a signature block, another form) is not the list
    ([["填表人", "张三"], ["日期", "2026年3月1日"]], 5),
], ids=["continued", "other-table"])
def test_a_list_whose_header_is_printed_once(tmp_path, second_page, expected):
    from tests.test_extract_support import pdf_file

    header = ["序号", "企业名称", "服务内容", "满意度评价"]
    doc = pdf_file(tmp_path / "名单.pdf", [["服务企业名单"], []],
                   tables={0: [header, *_client_rows(1, 5)], 1: second_page})
    f = _extract(doc, ListPart.client_list).fields
    assert f["client_list.count"].value == expected
    assert f["client_list.satisfied_count"].value == expected


def test_a_page_after_the_list_ended_on_its_page_is_not_a_continuation(tmp_path):
    """A list followed by another table on its own page has ended there."""
    from tests.test_extract_support import pdf_file

    header = ["序号", "企业名称", "服务内容", "满意度评价"]
    doc = pdf_file(tmp_path / "名单.pdf", [["服务企业名单"], []],
                   tables={0: [header, *_client_rows(1, 5)], 1: _client_rows(6, 9)})
    tables = [t for t in doc.tables if t.page == 1]
    other = tables[0].model_copy(update={"index": 99, "rows": [[c for c in tables[0].rows[0][:2]]]})
    doc = doc.model_copy(update={"tables": [*tables, other, *[t for t in doc.tables if t.page != 1]]})
    f = _extract(doc, ListPart.client_list).fields
    assert f["client_list.count"].value == 5


def test_the_next_list_on_the_next_page_is_not_a_continuation(tmp_path):
    """A staff list followed by a client list of the same width: the client page begins another list."""
    from tests.test_extract_support import pdf_file

    staff = [["序号", "姓名", "学历", "职称"], *[[str(n), name, "本科", "工程师"] for n, name in enumerate(["张三", "李四", "王五"], 1)]]
    clients = [["序号", "企业名称", "服务内容", "满意度评价"], *_client_rows(1, 5)]
    doc = pdf_file(tmp_path / "名单.pdf", [["人员名单"], ["服务企业名单"]], tables={0: staff, 1: clients})
    f = _extract(doc).fields
    assert f["staff_list.count"].value == 3
    assert f["client_list.count"].value == 5
