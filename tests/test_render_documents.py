"""render_application: the checklist, the dossier (.docx and .html) read back and checked."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from pipeline.models import MaterialType
from pipeline.reference import material_catalog
from pipeline.render import render_application
from tests.test_render_samples import (
    AUDIT,
    ID_NUMBER,
    PHONE,
    SCRIPT,
    hostile_result,
    incomplete_result,
    passed_result,
    relaxed_result,
)


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a .docx, one per line (without the invisible word
    joiners that keep dates and numbers on one line)."""
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines).replace("\u2060", "")


class Tags(HTMLParser):
    """Collects start tags with their attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("apps")
    out = {}
    for name, factory in [
        ("passed", passed_result),
        ("incomplete", incomplete_result),
        ("relaxed", relaxed_result),
        ("hostile", hostile_result),
    ]:
        app_dir = root / name
        render_application(factory(), app_dir)
        out[name] = app_dir
    return out


@pytest.mark.parametrize("name", ["passed", "incomplete", "relaxed", "hostile"])
def test_three_documents_written(rendered: dict[str, Path], name: str) -> None:
    for file in ("dossier.html", "dossier.docx", "checklist.docx"):
        assert (rendered[name] / file).stat().st_size > 0


def test_checklist_lists_every_deficiency_with_supply_text(rendered: dict[str, Path]) -> None:
    text = docx_text(rendered["incomplete"] / "checklist.docx")
    catalog = material_catalog()
    assert "关于补正自治区中小企业公共服务示范平台申报材料的通知" in text
    assert "石嘴山市某某服务中心：" in text
    assert "一次性告知" in text and "认定管理办法》第十条、第十一条" in text
    assert "行政许可法" not in text and "第三十二条" not in text  # the certification is no administrative licence
    licence = catalog.spec(MaterialType.legal_entity_certificate)
    assert licence.name in text and licence.supply in text  # missing: what to supply
    audit = catalog.spec(MaterialType.audit_reports)  # unreadable: a readable copy of THAT material
    assert catalog.wording.readable_copy.format(name=audit.name) in text
    assert catalog.spec(MaterialType.resource_lists).name in text
    assert "应补正：请补充提交" + catalog.part_name("equipment_list") in text  # only the parts that are missing
    assert "缺失" in text and "无法读取" in text and "部分缺失" in text
    assert AUDIT in text and "文件已加密，无法打开" in text
    assert catalog.part_name("equipment_list") in text
    assert catalog.part_name("client_list") in text
    assert "扫描件003.pdf" in text  # a problem not tied to any material is still told
    assert "资产总额相差超过5%" in text  # inconsistency the applicant should explain
    assert "个工作日内" in text
    assert "宁夏回族自治区工业和信息化厅" in text
    # present materials are listed in the overview but not asked for
    assert catalog.spec(MaterialType.premises_proof).supply not in text


def test_checklist_for_complete_application_says_so(rendered: dict[str, Path]) -> None:
    text = docx_text(rendered["passed"] / "checklist.docx")
    assert "材料齐全，无需补正" in text
    assert "应补正" not in text
    assert "个工作日内" not in text


def test_checklist_escapes_applicant_text(rendered: dict[str, Path]) -> None:
    text = docx_text(rendered["hostile"] / "checklist.docx")
    assert f"{SCRIPT}：" in text  # shown literally as the addressee, the XML stayed valid
    assert material_catalog().spec(MaterialType.recommendation_form).supply in text
    assert "推荐表<未盖章> & 无签字" in text
    dossier = docx_text(rendered["hostile"] / "dossier.docx")
    assert "<b>地址</b> & 电话 0951-603****" in dossier
    assert "<i>需核实</i> & 地址" in dossier
    assert "6038381" not in dossier


def test_dossier_docx_shows_figures_with_sources_and_rules(rendered: dict[str, Path]) -> None:
    text = docx_text(rendered["passed"] / "dossier.docx")
    assert "自治区中小企业公共服务示范平台专家评审材料" in text
    assert "通过初审" in text
    assert "资产总额 | 150.00万元（1,500,000.00元） | 申请报告.pdf（第2页） | 资产总额（万元） 150" in text
    assert f"资产总计（审计） | 152.34万元（1,523,400.50元） | {AUDIT}（第5页）" in text
    assert "用户满意度 | 85%" in text
    assert "信息服务、培训服务" in text
    assert "2018年5月10日" in text
    assert "标准无保留意见" in text
    # The rule's basis in the regulation's words; parameter paths stay in results.jsonl.
    assert "依据：" in text and "art6_1" not in text and "min_total_assets" not in text
    # A figure to check is listed once, in section 四, with why and where it comes from.
    assert "申请报告填报12人" in text and "需复核：申请报告填报12人" not in text
    assert "建成中小企业服务云平台" in text  # narrative quoted
    assert "本人承诺：本人与申报单位不存在利害关系" in text
    assert "特色和示范作用" in text and "第八条" in text


def test_dossier_shows_relaxation_clause(rendered: dict[str, Path]) -> None:
    text = docx_text(rendered["relaxed"] / "dossier.docx")
    assert "未达标（适用放宽条款）" in text
    assert "山区市县的平台" in text
    assert "事业单位" in text
    html = (rendered["relaxed"] / "dossier.html").read_text(encoding="utf-8")
    assert "山区市县的平台" in html and "需人工复核" in html


def test_dossiers_mask_personal_data(rendered: dict[str, Path]) -> None:
    for name in ("passed", "hostile"):
        for file in ("dossier.html", "dossier.docx"):
            path = rendered[name] / file
            text = docx_text(path) if file.endswith(".docx") else path.read_text(encoding="utf-8")
            assert ID_NUMBER not in text
            assert PHONE not in text
    html = (rendered["hostile"] / "dossier.html").read_text(encoding="utf-8")
    assert "640104********1234" in html and "139****5678" in html


def test_dossier_html_escapes_and_links(rendered: dict[str, Path]) -> None:
    path = rendered["hostile"] / "dossier.html"
    tags = parse(path)
    names = [tag for tag, _ in tags.tags]
    assert "script" not in names and "img" not in names
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in path.read_text(encoding="utf-8")
    for _, attrs in tags.tags:
        for key in ("href", "src"):
            assert not (attrs.get(key) or "").lower().startswith(("http:", "https:", "//"))


def test_dossier_html_links_sources(rendered: dict[str, Path]) -> None:
    tags = parse(rendered["incomplete"] / "dossier.html")
    hrefs = [attrs["href"] for tag, attrs in tags.tags if tag == "a" and attrs.get("href")]
    own = {"dossier.docx", "dossier.pdf", "checklist.docx", "checklist.pdf", "../../index.html"}
    assert all(h.startswith("files/") or h in own for h in hrefs)  # sources, or this packet's other versions
    assert "files/%E8%B4%A2%E5%8A%A1/2025%E5%B9%B4%E5%BA%A6%E5%AE%A1%E8%AE%A1%E6%8A%A5%E5%91%8A.pdf#page=5" in hrefs
    assert "files/%E7%94%B3%E8%AF%B7%E6%8A%A5%E5%91%8A.pdf#page=2" in hrefs
    html = (rendered["incomplete"] / "dossier.html").read_text(encoding="utf-8")
    assert "材料不全" in html and "资产总额相差超过5%" in html
