"""Packages that test whether every submitted material is found, whatever it looks like
(issue 15): scans and photos with meaningless names, a corrupt file named as a lease, a
tree 40 levels deep, bundles in other orders with and without a 目录, a scanned bundle,
an audit report without a service income/expenditure section, lists known only by
their columns, premises shown by other documents than a lease.

Each variant is built from a sample case's facts and carries its truth: every
material's status and every file (or bundle page range) that belongs to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from samplegen import bundle_docs as bd
from samplegen import scans
from samplegen import variant_docs as vd
from samplegen.build import BUILDERS
from samplegen.cases import all_cases
from samplegen.legacy import merge_pdfs, page_counts
from samplegen.model import Case

MATERIALS = (
    "application_report", "legal_entity_certificate", "audit_reports", "premises_proof", "resource_lists",
    "service_evidence", "qualifications", "authenticity_declaration", "recommendation_form",
)
PARTS = ("equipment_list", "staff_list", "client_list")


def _image_page(img: Image.Image) -> bytes:
    return scans.images_pdf([img])


def _credential(c: Case) -> Image.Image:
    p = c.facts.staff[0]
    return scans.certificate("专业技术资格证书", [("姓名", p.name), ("性别", "女" if p.female else "男"),
                                            ("资格名称", "工程师"), ("专业名称", "计算机应用技术"),
                                            ("评审通过时间", "2019年12月"), ("证书编号", "宁人社职2019-0312")],
                             subtitle="宁夏回族自治区人力资源和社会保障厅")


def _property(c: Case) -> Image.Image:
    return scans.certificate("不动产权证书", bd.build_property_certificate(c.facts), subtitle="宁（2021）银川市不动产权第0031205号")


def _honour(c: Case) -> Image.Image:
    return scans.certificate("荣誉证书", [("授予", c.facts.unit_name), ("荣誉称号", "2024年度中小企业服务先进单位"),
                                     ("颁发单位", "宁夏回族自治区中小企业服务中心")], subtitle="特发此证，以资鼓励")


# kind → how to build it: PDF/Office bytes, or an image (photographed, or one bundle page)
PDF_BUILDERS: dict[str, Callable[[Case], bytes]] = {
    **BUILDERS,
    "report_pdf": lambda c: vd.build_report_pdf(c.facts, c.style, vd.Notation()),
    "recommendation_pdf": lambda c: bd.build_recommendation_pdf(c.facts),
    "staff_pdf": lambda c: bd.build_staff_pdf(c.facts),
    "client_pdf": lambda c: bd.build_client_pdf(c.facts),
    "client_pdf_once": lambda c: bd.build_client_pdf(c.facts, repeat_header=False),  # header on page 1 only
    "equipment_pdf": lambda c: bd.build_equipment_pdf(c.facts),
    "premises_certificate": lambda c: bd.build_premises_certificate(c.facts),
    "service_agreement": lambda c: bd.build_service_agreement(c.facts, c.facts.clients[0][0]),
    "cover": lambda c: bd.build_cover(c.facts),
}
IMAGE_BUILDERS: dict[str, Callable[[Case], Image.Image]] = {
    "property_certificate": _property,
    "credential": _credential,
    "honour": _honour,
    "event_photo": lambda c: scans.event_photo(7, "2025年中小企业政策宣讲会"),
    "event_photo_plain": lambda c: scans.event_photo(11),
}
# kind → (material, part) it is
TRUTH: dict[str, tuple[str, str | None]] = {
    "report": ("application_report", None), "report_pdf": ("application_report", None),
    "recommendation": ("recommendation_form", None), "recommendation_pdf": ("recommendation_form", None),
    "licence": ("legal_entity_certificate", None),
    "audit": ("audit_reports", None), "audit_with_service": ("audit_reports", None),
    "special_audit": ("audit_reports", None),
    "lease": ("premises_proof", None), "property_certificate": ("premises_proof", None),
    "premises_certificate": ("premises_proof", None),
    "staff_list": ("resource_lists", "staff_list"), "staff_pdf": ("resource_lists", "staff_list"),
    "credential": ("resource_lists", "staff_list"),
    "client_list": ("resource_lists", "client_list"), "client_pdf": ("resource_lists", "client_list"),
    "client_pdf_once": ("resource_lists", "client_list"),
    "service_agreement": ("resource_lists", "client_list"),
    "equipment_list": ("resource_lists", "equipment_list"), "equipment_pdf": ("resource_lists", "equipment_list"),
    "evidence": ("service_evidence", None), "event_photo": ("service_evidence", None),
    "event_photo_plain": ("service_evidence", None),
    "icp": ("qualifications", None), "training_filing": ("qualifications", None),
    "declaration": ("authenticity_declaration", None), "honour": ("authenticity_declaration", None),
}


@dataclass
class Bundle:
    """Documents bound into one PDF, optionally behind a cover and a 目录, optionally scanned."""

    kinds: list[str]
    toc: bool = False
    cover: bool = False
    scanned: bool = False
    numbered: bool = False  # scanned pages carry printed page numbers (counted from the first material page)


@dataclass
class File:
    path: str
    kind: str | Bundle
    scan: bool = False  # printed and scanned back to an image-only PDF
    photo: bool = False  # photographed (a JPEG of the document's first page)
    corrupt: bool = False  # cut short: cannot be opened


@dataclass
class MaterialVariant:
    applicant_id: str
    summary: str
    base: int
    files: list[File]
    unreadable: set[str] = field(default_factory=set)  # materials whose only files are corrupt

    @property
    def case(self) -> Case:
        base = all_cases()[self.base]
        return base.model_copy(update={"applicant_id": self.applicant_id, "as_zip": False})

    # ------------------------------------------------------------------ building
    def _pages(self, kind: str) -> list[bytes]:
        """A document as PDF bytes (images become one-page PDFs)."""
        if kind in IMAGE_BUILDERS:
            return [_image_page(IMAGE_BUILDERS[kind](self.case))]
        return [PDF_BUILDERS[kind](self.case)]

    def _bundle(self, bundle: Bundle) -> tuple[bytes, list[tuple[str, int, int]]]:
        """The bundle's bytes and each component's (kind, first, last) physical pages."""
        key = id(bundle)
        if key not in _BUNDLES:
            _BUNDLES[key] = (bundle, self._make_bundle(bundle))
        return _BUNDLES[key][1]

    def _make_bundle(self, bundle: Bundle) -> tuple[bytes, list[tuple[str, int, int]]]:
        parts = [self._pages(k)[0] for k in bundle.kinds]
        counts = page_counts(parts)
        front: list[bytes] = [PDF_BUILDERS["cover"](self.case)] if bundle.cover else []
        front_pages = len(front) + (1 if bundle.toc else 0)
        spans, first = [], front_pages + 1
        for kind, n in zip(bundle.kinds, counts, strict=True):
            spans.append((kind, first, first + n - 1))
            first += n
        if bundle.toc:  # printed page numbers count from the first material page
            entries = [(_toc_title(kind), a - front_pages, b - front_pages) for kind, a, b in spans]
            front.append(bd.build_toc(entries))
        data = merge_pdfs(front + parts)
        if bundle.scanned:
            numbers = 1 - front_pages if bundle.numbered else None
            images = scans.rasterise(data, 100)
            if numbers is not None:
                images = [scans.page_number(im, numbers + i) if numbers + i >= 1 else im for i, im in enumerate(images)]
            data = scans.images_pdf([scans.degrade(im, 31 + i) for i, im in enumerate(images)], 100)
        return data, spans

    def build(self) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for f in self.files:
            if isinstance(f.kind, Bundle):
                out[f.path] = self._bundle(f.kind)[0]
            elif f.photo:
                img = IMAGE_BUILDERS[f.kind](self.case) if f.kind in IMAGE_BUILDERS else scans.rasterise(
                    self._pages(f.kind)[0], 130)[0]
                out[f.path] = scans.photo_of(img, len(out) + 3)
            elif f.scan:
                out[f.path] = scans.scan_pdf(self._pages(f.kind)[0], len(out) + 5)
            else:
                data = self._pages(f.kind)[0] if f.kind in IMAGE_BUILDERS else PDF_BUILDERS[f.kind](self.case)
                out[f.path] = data[: len(data) // 5] if f.corrupt else data
        return out

    def write(self, batch_dir: Path) -> Path:
        target = batch_dir / self.applicant_id
        for rel, data in self.build().items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return target

    # ------------------------------------------------------------------ truth
    def truth(self) -> dict[str, dict]:
        """material → {"status", "files", "parts", "part_files"} as the output contract writes them.

        Bundle pages are written as ranges; ranges of one material that follow each other
        are one range (the lists of type 5 together), each list part also has its own."""
        refs: dict[str, list[str]] = {}
        part_refs: dict[str, list[str]] = {p: [] for p in PARTS}
        kinds: dict[str, set[str]] = {}
        for f in self.files:
            if isinstance(f.kind, Bundle):
                _, spans = self._bundle(f.kind)
                for material, _, a, b in _joined(spans, by_part=False):
                    refs.setdefault(material, []).append(_ref(f.path, a, b))
                for _, part, a, b in _joined(spans, by_part=True):
                    if part:
                        part_refs[part].append(_ref(f.path, a, b))
                for kind, _, _ in spans:
                    kinds.setdefault(TRUTH[kind][0], set()).add(kind)
            else:
                material, part = TRUTH[f.kind]
                refs.setdefault(material, []).append(f.path)
                if part:
                    part_refs[part].append(f.path)
                kinds.setdefault(material, set()).add(f.kind)
        out: dict[str, dict] = {}
        for material in MATERIALS:
            files = refs.get(material, [])
            status = "present" if files else "missing"
            if material in self.unreadable:
                status = "unreadable"
            entry: dict = {"status": status, "files": sorted(dict.fromkeys(files))}
            if material == "resource_lists":
                entry["parts"] = {p: "present" if part_refs[p] else "missing" for p in PARTS}
                entry["part_files"] = {p: sorted(part_refs[p]) for p in PARTS}
                if files and "missing" in entry["parts"].values():
                    entry["status"] = "partial"
            out[material] = entry
        audit = kinds.get("audit_reports", set())
        if audit and not ({"audit_with_service", "special_audit"} & audit):
            out["audit_reports"]["status"] = "partial"
        return out


def _ref(path: str, first: int, last: int) -> str:
    return f"{path}#p{first}" if first == last else f"{path}#p{first}-{last}"


def _joined(spans: list[tuple[str, int, int]], by_part: bool) -> list[tuple[str, str | None, int, int]]:
    """Adjacent components of one material (or, by_part, of one material and part) as one range."""
    out: list[list] = []
    for kind, a, b in spans:
        material, part = TRUTH[kind]
        key = (material, part if by_part else None)
        if out and (out[-1][0], out[-1][1]) == key and out[-1][3] + 1 == a:
            out[-1][3] = b
        else:
            out.append([key[0], key[1], a, b])
    return [tuple(x) for x in out]


_BUNDLES: dict[int, tuple[Bundle, tuple[bytes, list[tuple[str, int, int]]]]] = {}  # built once per run
_TOC_TITLES = {
    "report_pdf": "自治区中小企业公共服务示范平台申请报告",
    "licence": "营业执照副本",
    "audit": "2025年度审计报告",
    "special_audit": "服务收支专项审计报告",
    "lease": "房屋租赁合同",
    "staff_pdf": "主要管理人员和专业技术人员名单",
    "client_pdf": "服务企业名单及满意度评价",
    "client_pdf_once": "服务企业名单及满意度评价",
    "equipment_pdf": "主要服务设施及仪器设备清单",
    "evidence": "开展服务的证明材料",
    "event_photo": "活动照片",
    "icp": "网站备案证明",
    "declaration": "申报材料真实性声明",
    "recommendation_pdf": "推荐表",
    "credential": "职称证书",
}


def _toc_title(kind: str) -> str:
    if kind.startswith("cat:"):  # a catalogue document (samplegen.material_catalogue): its own title
        return kind.split(":")[2]
    return _TOC_TITLES.get(kind, kind)


_STANDARD = [
    File("申请报告.docx", "report"), File("推荐表.docx", "recommendation"), File("营业执照副本.pdf", "licence"),
    File("2025年度审计报告.pdf", "audit"), File("服务收支专项审计报告.pdf", "special_audit"),
    File("房屋租赁合同.pdf", "lease"), File("人员名单.xlsx", "staff_list"), File("服务企业名单及满意度.xlsx", "client_list"),
    File("设备清单.xlsx", "equipment_list"), File("活动通知及工作总结.pdf", "evidence"), File("ICP备案证明.pdf", "icp"),
    File("真实性声明.pdf", "declaration"),
]


def _standard(*replace: str, add: list[File] | None = None) -> list[File]:
    """The standard layout without the files of the given kinds, plus `add`."""
    return [f for f in _STANDARD if f.kind not in replace] + (add or [])


def all_material_variants() -> list[MaterialVariant]:
    return [
        MaterialVariant(
            "材料01-扫描租赁合同", "a scanned lease named by a scanner app, a licence photo named by WeChat", 0,
            _standard("lease", "licence", add=[
                File("扫描全能王 2026-03-02 10.15.pdf", "lease", scan=True),
                File("微信图片_20260302101533.jpg", "licence", photo=True),
            ]),
        ),
        MaterialVariant(
            "材料02-拍照不动产权证书", "premises shown by a photographed 不动产权证书; event photos with camera names in a "
            "photo folder, a credential photo, an honour certificate", 4,
            _standard("lease", add=[
                File("IMG_20260301_093012.jpg", "property_certificate", photo=True),
                File("活动照片/IMG_0001.jpg", "event_photo"), File("活动照片/IMG_0002.jpg", "event_photo_plain"),
                File("DSC_0012.jpg", "credential", photo=True),
                File("其他证明材料/微信图片_20260110.jpg", "honour", photo=True),
            ]),
        ),
        MaterialVariant(
            "材料03-损坏的租赁合同", "a corrupt PDF named as the lease: premises unreadable, not missing", 5,
            _standard("lease", add=[File("房屋租赁合同.pdf", "lease", corrupt=True)]),
            unreadable={"premises_proof"},
        ),
        MaterialVariant(
            "材料04-四十层目录", "the application report 40 folders deep", 6,
            _standard("report", add=[File("/".join(f"第{i}层" for i in range(1, 41)) + "/申请报告.docx", "report")]),
        ),
        MaterialVariant(
            "材料05-合订本带目录", "one bundle in another order, behind a cover and a 目录 whose page numbers start "
            "after them", 7,
            [File("推荐表.docx", "recommendation"), File("申报材料合订本.pdf", Bundle(
                ["licence", "report_pdf", "staff_pdf", "client_pdf", "equipment_pdf", "lease", "audit", "special_audit",
                 "icp", "evidence", "event_photo", "declaration"], toc=True, cover=True))],
        ),
        MaterialVariant(
            "材料06-合订本无目录", "one bundle without 目录 in yet another order, with a photo page", 8,
            [File("申请报告.docx", "report"), File("推荐表.docx", "recommendation"), File("全部材料.pdf", Bundle(
                ["declaration", "icp", "evidence", "event_photo_plain", "equipment_pdf", "lease", "licence", "audit",
                 "special_audit", "staff_pdf", "credential", "client_pdf_once"]))],
        ),
        MaterialVariant(
            "材料07-扫描合订本", "a scanned bundle (no text layer) with printed page numbers and a 目录", 9,
            [File("申请报告.docx", "report"), File("2025年度审计报告.pdf", "audit"),
             File("服务收支专项审计报告.pdf", "special_audit"), File("扫描件.pdf", Bundle(
                 ["licence", "lease", "equipment_pdf", "staff_pdf", "client_pdf_once", "evidence", "icp", "declaration",
                  "recommendation_pdf"], toc=True, scanned=True, numbered=True))],
        ),
        MaterialVariant(
            "材料08-审计报告无服务收支", "an audit report without a special audit or a service section: partial", 10,
            _standard("special_audit"),
        ),
        MaterialVariant(
            "材料09-名单按列识别", "lists with meaningless names and unusual headers, one workbook holding two lists", 11,
            _standard("staff_list", "client_list", "equipment_list", add=[
                File("附件5-1.pdf", "equipment_pdf"), File("附件5-2.pdf", "staff_pdf"), File("附件5-3.pdf", "client_pdf"),
            ]),
        ),
        MaterialVariant(
            "材料10-场地证明与服务协议", "premises shown by a 场地使用证明 with a number for a name; service agreements in "
            "a folder", 12,
            _standard("lease", add=[File("附件4.pdf", "premises_certificate"),
                                     File("服务协议/协议01.pdf", "service_agreement")]),
        ),
    ]
