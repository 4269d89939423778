#!/usr/bin/env python3
"""Read a generated corpus back (python-docx, openpyxl, pypdfium2) and check the
truth file against what the files say.  Not the pipeline: independent, crude
string-level checks meant to catch generator bugs.

    python selfcheck.py OUTDIR
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
import zipfile

import docx
import openpyxl
import pypdfium2 as pdfium
from stdnum.cn import ric

KANGXI_BACK = {"⽇": "日", "⽉": "月", "⼈": "人", "⽤": "用", "⾯": "面", "⾦": "金", "⼯": "工", "⼊": "入", "⼤": "大", "⻔": "门", "⻓": "长"}


def read_member(app_path, rel):
    """bytes of a file of an application (folder or zip)."""
    if os.path.isdir(app_path):
        with open(os.path.join(app_path, rel), "rb") as fh:
            return fh.read()
    with zipfile.ZipFile(app_path) as z:
        for info in z.infolist():
            name = info.filename
            if not info.flag_bits & 0x800:
                raw = name.encode("cp437")
                try:
                    name = raw.decode("utf-8")
                except UnicodeDecodeError:
                    name = raw.decode("gb18030")
            if name == rel:
                return z.read(info)
    raise FileNotFoundError(rel)


def docx_text(data):
    d = docx.Document(io.BytesIO(data))
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            seen = None
            for c in row.cells:
                if c._tc is seen:
                    continue
                seen = c._tc
                out.append(c.text)
    return "\n".join(out)


def pdf_pages(data):
    d = pdfium.PdfDocument(data)
    out = []
    for i in range(len(d)):
        out.append(d[i].get_textpage().get_text_range())
    return out


def text_of(app, rel):
    path, _, frag = rel.partition("#")
    data = read_member(app, path)
    if path.lower().endswith((".docx", ".doc")) and data[:2] == b"PK":
        return docx_text(data)
    if path.lower().endswith(".pdf"):
        if not data:
            return None
        try:
            pages = pdf_pages(data)
        except Exception:
            return None
        if frag:
            m = re.match(r"p(\d+)(?:-(\d+))?$", frag)
            a, b = int(m.group(1)), int(m.group(2) or m.group(1))
            pages = pages[a - 1:b]
        t = "\n".join(pages)
        for k, v in KANGXI_BACK.items():
            t = t.replace(k, v)
        return t
    if path.lower().endswith(".xlsx"):
        wb = openpyxl.load_workbook(io.BytesIO(data))
        rows = []
        for ws in wb.worksheets:
            for r in ws.iter_rows(values_only=True):
                rows.append(" ".join("" if v is None else str(v) for v in r))
        return "\n".join(rows)
    return None   # images


def money_forms(v):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from lib_docs import cn_upper_yuan
    return {cn_upper_yuan(v) if float(v).is_integer() else "-", "{:,.2f}".format(v), "{:.2f}".format(v), "{:,.2f}".format(v / 1e4), "{:.2f}".format(v / 1e4),
            "{:,.0f}".format(v / 1e4), "%g" % (v / 1e4), "%g" % (v / 1e8), "{:,}".format(int(round(v / 1e4)))}


def value_forms(fid, v):
    if isinstance(v, bool):
        return None
    if fid.endswith("_date") or fid in ("licence.valid_from", "licence.valid_until"):
        y, m, d = (int(x) for x in v.split("-"))
        return {"%d年%d月%d日" % (y, m, d), "%d年%02d月%02d日" % (y, m, d), v, "%d.%02d.%02d" % (y, m, d), "%d/%d/%d" % (y, m, d)}
    if isinstance(v, str):
        return {v}
    if isinstance(v, list):
        return None
    if fid in ("satisfaction_rate", "public_benefit_share"):
        return {("%.1f" % (v * 100)).rstrip("0").rstrip("."), "%.2f" % v}
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer() and v < 100000):
        if fid in ("premises_area",):
            return {"%g" % v}
        if isinstance(v, int):
            return {str(v)}
    return money_forms(float(v))


def main(out):
    batch = os.path.join(out, "batch")
    problems = 0
    checked = 0
    for line in open(os.path.join(out, "truth.jsonl"), encoding="utf-8"):
        t = json.loads(line)
        aid = t["applicant_id"]
        app = os.path.join(batch, aid)
        if not os.path.exists(app):
            app += ".zip"
        mats = t["materials"]
        texts = {}
        for m, e in mats.items():
            parts = []
            for rel in e["files"]:
                try:
                    tx = text_of(app, rel)
                except FileNotFoundError:
                    print("MISSING FILE", aid, rel)
                    problems += 1
                    continue
                if tx is not None and tx.strip():
                    parts.append(tx)
            texts[m] = "\n".join(parts) if parts else None
        rep = texts.get("application_report")
        aud = texts.get("audit_reports")
        lic = texts.get("legal_entity_certificate")
        for fid, v in t["fields"].items():
            if fid.startswith("audit."):
                src = aud
            elif fid.startswith("licence."):
                src = lic
            elif fid.startswith(("staff_list", "client_list")):
                continue
            else:
                src = rep
            if src is None or fid in ("audit.year", "audit.opinion", "licence.is_branch", "functions_claimed", "training_qualification",
                                      "unit_nature", "city", "county"):
                continue
            forms = value_forms(fid, v)
            if not forms:
                continue
            checked += 1
            flat = src.replace("\r", "").replace("\n", "")
            if not any(f in src or f in flat for f in forms):
                print("NOT FOUND", aid, fid, v, sorted(forms)[:4])
                problems += 1
        # city/county appear in the report
        if rep:
            for fid in ("city", "county"):
                if fid in t["fields"] and t["fields"][fid] not in rep:
                    print("NOT FOUND", aid, fid, t["fields"][fid])
                    problems += 1
        # lists: count rows
        rl = mats["resource_lists"]
        for rel in rl["files"]:
            path = rel.partition("#")[0]
            if not path.endswith((".xlsx", ".docx")):
                continue
            data = read_member(app, path)
            if path.endswith(".xlsx"):
                wb = openpyxl.load_workbook(io.BytesIO(data))
                rows = [[("" if c is None else str(c)) for c in r] for r in wb.worksheets[0].iter_rows(values_only=True)]
            else:
                d = docx.Document(io.BytesIO(data))
                rows = [[c.text for c in r.cells] for tb in d.tables for r in tb.rows]
            staff = [r for r in rows if len(r) > 2 and r[2] in ("男", "女")]
            firms = [r for r in rows if len(r) > 1 and r[1].endswith("公司")]
            if staff:
                if len(staff) != t["fields"]["staff_list.count"]:
                    print("STAFF COUNT", aid, len(staff), t["fields"]["staff_list.count"])
                    problems += 1
                for r in staff:
                    ids = [c for c in r if re.fullmatch(r"\d{17}[\dX]", c)]
                    for i in ids:
                        try:
                            ric.validate(i)
                        except ric.InvalidComponent:
                            pass
                        except Exception as e:  # noqa
                            print("BAD ID", aid, i, e)
                            problems += 1
            elif firms and "设备" not in path:
                if len(firms) != t["fields"]["client_list.count"]:
                    print("CLIENT COUNT", aid, len(firms), t["fields"]["client_list.count"])
                    problems += 1
        # bundle ranges: the first page of each range says what it is
        for m, e in mats.items():
            for rel in e["files"]:
                if "#" not in rel:
                    continue
                tx = text_of(app, rel)
                if not tx or not tx.strip():
                    continue   # scanned
                key = {"application_report": "申", "audit_reports": "审计", "premises_proof": "合同|协议|证明",
                       "resource_lists": "名单|清单|一览|名录|花名册|情况表", "service_evidence": "通知|活动|照片|总结|简报",
                       "authenticity_declaration": "声明|承诺", "recommendation_form": "推荐"}.get(m)
                if key and not re.search(key, tx[:400]):
                    print("RANGE?", aid, m, rel, tx[:60].replace("\n", " "))
                    problems += 1
    print("checked %d field values; %d problems" % (checked, problems))
    return problems


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1]) else 0)
