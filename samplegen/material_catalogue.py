"""Packages drawn from the material catalogue (material_catalogue.yaml), one half at a time.

Every list of the catalogue (titles, file names, list headers) is split in two by a stable
hash of the entry: `seen` entries may be looked at while tuning the concepts, `heldout`
entries never. `packages(half, count, seed)` writes applications whose documents carry
titles, names and headers of that half only, laid out as applicants do (plain names,
Article 11 numbering, meaningless names, folders, bundles with and without a 目录), each
with its truth (samplegen.material_variants.MaterialVariant).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

from samplegen import fmt
from samplegen.material_variants import PDF_BUILDERS, TRUTH, Bundle, File, MaterialVariant
from samplegen.model import Case
from samplegen.pdf_base import PLAIN, RIGHT, gap, kv_table, para, render, ruled_table, title

CATALOGUE = Path(__file__).with_name("material_catalogue.yaml")
HALVES = ("seen", "heldout")


def half_of(entry: object) -> str:
    """The half an entry belongs to: a stable hash of its text, never looked up by hand."""
    digest = hashlib.sha1(repr(entry).encode("utf-8")).digest()
    return HALVES[digest[0] % 2]


@cache
def catalogue() -> dict:
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


def _half(entries: list, half: str) -> list:
    chosen = [e for e in entries if half_of(e) == half]
    return chosen or entries[:1]  # a list too short to split keeps its first entry in both


def _lease(f, head: str) -> list:
    return [title(head), para(f"出租方（甲方）：{f.lessor}", PLAIN), para(f"承租方（乙方）：{f.unit_name}", PLAIN),
            para(f"甲方将位于{f.address}的房屋出租给乙方作办公及服务场所使用，面积{f.premises_area:g}平方米。"),
            para(f"租赁期限自{fmt.cn_date(f.lease_start)}起共{f.lease_years}年，月租金人民币{f.monthly_rent:,.2f}元，按季度支付。"),
            para("租赁期满乙方需续租的，应提前三个月书面通知甲方。"), gap(10),
            para("甲方（盖章）：　　　　　　乙方（盖章）：", PLAIN)]


def _premises_certificate(f, head: str) -> list:
    return [title(head), gap(6),
            para(f"兹证明{f.unit_name}在{f.address}办公，使用面积{f.premises_area:g}平方米，该场所由我单位无偿提供使用。"),
            para("特此证明。"), gap(14), para(f"{f.lessor}（盖章）", RIGHT)]


def _incubator(f, head: str) -> list:
    return [title(head), para(f"甲方（孵化器运营单位）：{f.lessor}", PLAIN), para(f"乙方（入驻企业）：{f.unit_name}", PLAIN),
            para(f"乙方入驻甲方位于{f.address}的孵化场地，入驻面积{f.premises_area:g}平方米，入驻期限三年。"),
            para("甲方为乙方提供办公场地及公共服务设施，乙方按约定缴纳场地服务费。"), gap(10),
            para("甲方（盖章）：　　　　　　乙方（盖章）：", PLAIN)]


def _declaration(f, head: str) -> list:
    return [title(head), gap(4), para("自治区工业和信息化厅：", PLAIN),
            para(f"我单位申报{f.platform_name}，所提交的全部申报材料真实、准确、完整，如有虚假，愿承担相应的法律责任。"),
            para("特此承诺。"), gap(14), para(f"申报单位（盖章）：{f.unit_name}", RIGHT),
            para(f"法定代表人（签字）：{f.legal_representative}", RIGHT)]


def _evidence(f, head: str) -> list:
    return [title(head), para("各有关企业：", PLAIN),
            para(f"{f.platform_name}定于2025年6月18日在平台报告厅举办中小企业政策宣讲及供需对接活动，请安排人员参加，"
                 "并于活动前3日报名。"),
            para("活动时间：2025年6月18日上午9:00　活动地点：平台一楼报告厅", PLAIN),
            para(f"联系人：{f.contact_person}", PLAIN), gap(8), para(f.unit_name, RIGHT)]


def _qualification(f, head: str) -> list:
    return [title(head), gap(4), kv_table([("单位名称", f.unit_name), ("统一社会信用代码", f.uscc), ("证书编号", "NX-2023-0157"),
                                           ("有效期", "2023年7月1日至2026年6月30日")]),
            gap(8), para("发证机关：宁夏回族自治区有关主管部门（盖章）", RIGHT)]


def _icp(f, head: str) -> list:
    return [title(head), kv_table([("主办单位名称", f.unit_name), ("主办单位性质", "企业"), ("网站备案号", "宁ICP备2022000318号-1"),
                                   ("网站名称", f.platform_name), ("网站首页网址", "www.nxsme-service.cn"),
                                   ("审核日期", "2022-05-16")])]


def _recommendation(f, head: str) -> list:
    return [title(head), kv_table([("平台名称", f.platform_name), ("申报单位", f.unit_name),
                                   ("推荐单位意见", "经审核，该单位申报材料齐全，情况属实，同意推荐。")]),
            gap(8), para(f"{f.recommending_unit}（盖章）", RIGHT)]


BODIES: dict[str, Callable] = {
    "lease": _lease, "premises_certificate": _premises_certificate, "incubator_agreement": _incubator,
    "declaration": _declaration, "evidence": _evidence, "qualification": _qualification, "icp": _icp,
    "recommendation": _recommendation,
}
LIST_ROWS: dict[str, Callable] = {
    "staff_list": lambda f: [[str(i), p.name, "女" if p.female else "男", p.education, p.title, p.post]
                             for i, p in enumerate(f.staff, 1)],
    "client_list": lambda f: [[str(i), c[0], c[2], c[3], c[4]] for i, c in enumerate(f.clients, 1)],
    "equipment_list": lambda f: [[str(i), e[0], e[1], str(e[2]), e[3]] for i, e in enumerate(f.equipment, 1)],
}
LIST_TRUTH = {"staff_list": "staff_pdf", "client_list": "client_pdf", "equipment_list": "equipment_pdf"}


def _titled(kind: str, head: str) -> Callable[[Case], bytes]:
    return lambda c: render(BODIES[kind](c.facts, head), head, c.facts.unit_name)


def _listed(part: str, head: str, header: list[str]) -> Callable[[Case], bytes]:
    widths = {5: [12, 60, 36, 32, 30], 6: [12, 28, 14, 30, 38, 40]}

    def build(c: Case) -> bytes:
        rows = [header, *LIST_ROWS[part](c.facts)]
        return render([title(head), gap(2), ruled_table(rows, widths[len(header)])], head, c.facts.unit_name)

    return build


def _register(key: str, builder: Callable[[Case], bytes], truth_kind: str) -> str:
    PDF_BUILDERS[key] = builder
    TRUTH[key] = TRUTH[truth_kind]
    return key


_TRUTH_KIND = {"lease": "lease", "premises_certificate": "premises_certificate", "incubator_agreement": "lease",
               "declaration": "declaration", "evidence": "evidence", "qualification": "training_filing", "icp": "icp",
               "recommendation": "recommendation_pdf"}
_STANDARD = {"application_report": "report", "legal_entity_certificate": "licence"}
_AUDIT = ["audit", "special_audit"]
_ORDER = ["recommendation_form", "application_report", "legal_entity_certificate", "audit_reports", "premises_proof",
          "resource_lists", "service_evidence", "qualifications", "authenticity_declaration"]


def _documents(rng: random.Random, half: str) -> list[tuple[str, str, str]]:
    """(material, builder key, file-name stem) for one package: one document per material
    (three lists), titles, names and headers drawn from `half`."""
    cat = catalogue()
    out: list[tuple[str, str, str]] = [("application_report", "report", "申请报告"),
                                       ("legal_entity_certificate", "licence", "营业执照")]
    out += [("audit_reports", "audit", "2025年度审计报告"), ("audit_reports", "special_audit", "服务收支专项审计报告")]
    by_material: dict[str, list[str]] = {}
    for kind, spec in cat["kinds"].items():
        by_material.setdefault(spec["material"], []).append(kind)
    for material in ("premises_proof", "service_evidence", "qualifications", "authenticity_declaration",
                     "recommendation_form"):
        kind = rng.choice(sorted(by_material[material]))
        spec = cat["kinds"][kind]
        head, name = rng.choice(_half(spec["titles"], half)), rng.choice(_half(spec["names"], half))
        key = _register(f"cat:{kind}:{head}", _titled(kind, head), _TRUTH_KIND[kind])
        out.append((material, key, name))
    for part, spec in cat["lists"].items():
        head, name = rng.choice(_half(spec["titles"], half)), rng.choice(_half(spec["names"], half))
        header = rng.choice(_half(spec["headers"], half))
        key = _register(f"cat:{part}:{head}:{'|'.join(header)}", _listed(part, head, header), LIST_TRUTH[part])
        out.append(("resource_lists", key, name))
    return out


def _generic(rng: random.Random, n: int) -> str:
    return rng.choice(catalogue()["generic_names"]).format(n=f"{n:03d}")


def package(half: str, index: int, seed: int) -> MaterialVariant:
    """One application drawn from `half` of the catalogue, laid out in one of the usual ways."""
    rng = random.Random(f"{seed}-{half}-{index}")
    docs = _documents(rng, half)
    layout = rng.choice(["plain", "numbered", "generic", "folders", "bundle", "bundle_toc"])
    files: list[File] = []
    if layout.startswith("bundle"):
        bound = [d for d in docs if d[0] not in ("application_report", "recommendation_form")]
        rng.shuffle(bound)
        files.append(File("申报材料合订本.pdf", Bundle([key for _, key, _ in bound], toc=layout == "bundle_toc",
                                                   cover=layout == "bundle_toc")))
        docs = [d for d in docs if d not in bound]
    for n, (material, key, stem) in enumerate(docs, 1):
        number = _ORDER.index(material)
        ext = ".docx" if key == "report" else ".pdf"
        if layout == "numbered":
            name = f"{number:02d}{stem}{ext}"
        elif layout == "generic" and material not in ("application_report",):
            name = _generic(rng, n) + ext
        elif layout == "folders":
            name = f"{number:02d}{_FOLDERS[material]}/{stem}{ext}"
        else:
            name = stem + ext
        files.append(File(name, key))
    return MaterialVariant(f"目录{half}-{index:02d}-{layout}", f"catalogue {half} package {index} ({layout})",
                           index % 15 if index % 15 != 3 else 4, files)


_FOLDERS = {"recommendation_form": "推荐材料", "application_report": "申请报告", "legal_entity_certificate": "证照",
            "audit_reports": "审计报告", "premises_proof": "场所证明", "resource_lists": "清单名单",
            "service_evidence": "服务证明", "qualifications": "资质证明", "authenticity_declaration": "真实性声明"}


def packages(half: str, count: int, seed: int = 15) -> list[MaterialVariant]:
    return [package(half, i, seed) for i in range(1, count + 1)]

