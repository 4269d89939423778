"""Document builders for the held-out corpus.  Every builder returns what it
rendered together with the canonical values it actually printed, so that the
truth file only ever holds what a document states."""
from __future__ import annotations

import lib_render as R
from lib_render import Doc
from PIL import Image, ImageDraw
from stdnum.cn import ric
from stdnum.cn import uscc as _uscc

AS_OF_YEAR = 2026
LAST = 2025
PRIOR = 2024

FUNC_ORDER = ["information", "technology", "entrepreneurship", "training", "financing", "consulting", "market"]
FUNC_INDICATORS = {
    "information": ["info_offline_smes", "info_activities"],
    "technology": ["tech_activities"],
    "entrepreneurship": ["entrepreneurship_activities"],
    "training": ["training_person_times", "training_qualification"],
    "financing": ["financing_activities", "financing_amount", "guarantee_new_amount"],
    "consulting": ["consulting_activities"],
    "market": ["market_enterprise_times"],
}
REQUIREMENT_TEXT = {   # the regulation's requirement as forms print it next to the actual value (a trap)
    "information": "线下年服务企业50家以上；年组织服务活动4次以上",
    "technology": "年开展技术服务活动3次以上",
    "entrepreneurship": "年开展创业项目洽谈、推介活动4次以上",
    "training": "年培训500人次以上，具有培训资质或备案",
    "financing": "年服务活动3次以上，帮助融资2亿元以上；或年新增担保额5亿元以上",
    "consulting": "年组织公益性诊断咨询活动3次以上",
    "market": "年服务企业50家次以上",
}
BUREAU = {"银川市": "银川市工业和信息化局", "石嘴山市": "石嘴山市工业和信息化局", "吴忠市": "吴忠市工业和信息化局",
          "固原市": "固原市工业和信息化局", "中卫市": "中卫市工业和信息化局", None: "宁东能源化工基地管理委员会经济发展局"}

SURNAMES = list("马王李张杨刘丁田冯赵陈周何苏金罗白郭黄朱吴徐孙胡高林梁海纳米拓")
GIVEN = list("志强建国文军海燕丽娟明辉晓东玉兰秀英伟红霞俊杰春梅学军宏伟佳慧瑞雪鹏飞新华永刚润泽思远雅琴宁丹子涵浩然国栋")


def pick(rng, seq):
    return seq[int(rng.integers(len(seq)))]


def person(rng):
    n = pick(rng, SURNAMES) + pick(rng, GIVEN)
    if rng.random() < 0.6:
        n += pick(rng, GIVEN)
    return n


def phone(rng):
    return "1" + pick(rng, ["39", "52", "37", "59", "80", "89", "95", "38"]) + "".join(str(int(rng.integers(10))) for _ in range(8))


_ALNUM = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_uscc(rng, prefix, region, bad=False):
    body = prefix + region
    if prefix.startswith("9"):
        body += "MA7" + "".join(_ALNUM[int(rng.integers(len(_ALNUM)))] for _ in range(6))
    else:
        body += "".join(_ALNUM[int(rng.integers(10))] for _ in range(8)) + _ALNUM[int(rng.integers(len(_ALNUM)))]
    chk = _uscc.calc_check_digit(body)
    if bad:
        alt = [c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if c != chk]
        chk = alt[int(rng.integers(len(alt)))]
    code = body + chk
    assert _uscc.is_valid(code) != bad
    return code


ID_AREAS = ["640102", "640104", "640105", "640106", "640121", "640122", "640181", "640202", "640205",
            "640221", "640302", "640381", "640323", "642221", "642222", "640521", "642223", "622101"]


def id_number(rng):
    area = pick(rng, ID_AREAS)
    y = int(rng.integers(1968, 2001))
    m = int(rng.integers(1, 13))
    d = int(rng.integers(1, 29))
    seq = "%03d" % int(rng.integers(1, 999))
    body = "%s%04d%02d%02d%s" % (area, y, m, d, seq)
    return body + ric.calc_check_digit(body + "0")


# ------------------------------------------------------------- number formats
CN_DIG = "零壹贰叁肆伍陆柒捌玖"


def cn_upper_yuan(v):
    """Integer yuan → 大写 as licences print it (e.g. 伍佰万元整)."""
    v = int(round(v))
    if v == 0:
        return "零元整"

    def four(n):
        units = ["", "拾", "佰", "仟"]
        s, zero = "", False
        for i in range(3, -1, -1):
            d = n // (10 ** i) % 10
            if d == 0:
                if s:
                    zero = True
            else:
                if zero:
                    s += "零"
                    zero = False
                s += CN_DIG[d] + units[i]
        return s

    yi, rest = divmod(v, 10 ** 8)
    wan, ge = divmod(rest, 10 ** 4)
    out = ""
    if yi:
        out += four(yi) + "亿"
    if wan:
        if yi and wan < 1000:
            out += "零"
        out += four(wan) + "万"
    if ge:
        if (yi or wan) and ge < 1000:
            out += "零"
        out += four(ge)
    return out + "元整"


def r2(x):
    return round(float(x) + 0.0, 2)


def fmt_yuan(v, comma=True):
    return ("{:,.2f}" if comma else "{:.2f}").format(v)


def wan_val(v, dec=2):
    """value rounded as printed in 万元 → canonical yuan"""
    return r2(round(v / 1e4, dec) * 1e4)


def fmt_wan(v, dec=2):
    return ("{:,.%df}" % dec).format(round(v / 1e4, dec))


def fmt_date(iso, style):
    y, m, d = (int(x) for x in iso.split("-"))
    return {"cn": "%d年%d月%d日" % (y, m, d), "cn0": "%d年%02d月%02d日" % (y, m, d), "iso": iso,
            "dot": "%d.%02d.%02d" % (y, m, d), "slash": "%d/%d/%d" % (y, m, d)}[style]


# ------------------------------------------------------------- the application report
def _choose_label(rng, cat, fid, A):
    labels = cat["labels"][fid]
    style = A["report"].get("years", "relative")
    if fid in ("smes_served_last_year", "smes_served_prior_year"):
        cal = [l for l in labels if "20" in l]
        rel = [l for l in labels if "20" not in l]
        labels = cal if A["report"].get("yearlabels") == "calendar" else rel
    if fid in ("total_assets", "revenue"):
        # a label naming the wrong unit would contradict the value style: filter by money style
        ms = A["report"]["money"]
        if ms in ("yuan", "yuan_label"):
            labels = [l for l in labels if "万元" not in l]
        if ms == "wan_header":
            labels = [l for l in labels if "（" not in l]
    if fid in ("service_income", "service_expense", "registered_capital") and A["report"]["money"] in ("yuan", "yuan_label", "wan_header"):
        labels = [l for l in labels if "万元" not in l]
    if fid == "registered_capital" and A["nature"] == "enterprise":
        labels = [l for l in labels if "开办" not in l]
    if fid == "registered_capital" and A["nature"] != "enterprise":
        labels = [l for l in labels if "资本" not in l] or labels
    forced = A["report"].get("labels", {}).get(fid)
    if forced:
        return forced
    return pick(rng, labels)


def _money(rng, A, label, v, dec=2):
    """Return (label, text, canonical yuan)."""
    ms = A["report"]["money"]
    if "万元" in label:
        return label, fmt_wan(v, dec), wan_val(v, dec)
    if "（元）" in label:
        return label, fmt_yuan(v, comma=False), r2(v)
    if ms == "wan_label":
        return label + "（万元）", fmt_wan(v, dec), wan_val(v, dec)
    if ms == "wan_header":
        return label, fmt_wan(v, dec), wan_val(v, dec)
    if ms == "yuan_label":
        return label + "（元）", fmt_yuan(v, comma=False), r2(v)
    if ms == "yuan":
        return label, fmt_yuan(v) + "元", r2(v)
    if ms == "mixed":
        if rng.random() < 0.5:
            return label, fmt_wan(v, dec) + "万元", wan_val(v, dec)
        return label, fmt_yuan(v) + "元", r2(v)
    return label, fmt_wan(v, dec) + "万元", wan_val(v, dec)   # wan_value


def _ratio(rng, A, label, v, kind):
    rs = A["report"].get("ratio", "pct")
    if "%" in label:
        s = ("%.1f" % (v * 100)).rstrip("0").rstrip(".")
        return label, s, round(v, 4)
    if kind == "sat" and rs == "score":
        return label, ("%.1f" % (v * 100)).rstrip("0").rstrip(".") + "分", round(v, 4)
    if rs == "frac":
        return label, ("%.2f" % v), round(v, 2)
    s = ("%.1f" % (v * 100)).rstrip("0").rstrip(".")
    return label, s + "%", round(float(s) / 100, 4)


def _count(rng, A, label, v, unit):
    if "（" + unit + "）" in label or "（人）" in label or "（家）" in label:
        return label, str(v), int(v)
    if A["report"].get("bare_counts"):
        return label, str(v), int(v)
    u = unit
    if unit == "家" and A["report"].get("hu"):
        u = "户"
    return label, "%d%s" % (v, u), int(v)


def report_items(A, rng, cat):
    """Ordered basic-information items: (fid, label, text, canon_dict)."""
    F = A["fig"]
    rep = A["report"]
    omit = set(rep.get("omit", ()))
    items = []

    def add(fid, label, text, canon):
        items.append((fid, label, text, canon))

    add("unit_name", _choose_label(rng, cat, "unit_name", A), A["report_name"] if A.get("report_name") else A["name"],
        {"unit_name": A.get("report_name") or A["name"]})
    add("platform_name", _choose_label(rng, cat, "platform_name", A), A["platform"], {"platform_name": A["platform"]})
    code = A.get("report_uscc") or A["uscc"]
    add("uscc", _choose_label(rng, cat, "uscc", A), code, {"uscc": code})
    if "unit_nature" not in omit:
        lab = _choose_label(rng, cat, "unit_nature", A)
        if rep.get("nature_boxes"):
            boxes = cat["nature_boxes"]
            mine = {"enterprise": "企业", "public_institution": "事业单位", "social_organization": "社会团体",
                    "private_non_enterprise": "民办非企业"}[A["nature"]]
            txt = "  ".join(("☑" if b == mine else "□") + b for b in boxes)
        else:
            txt = A["report"].get("nature_text") or pick(rng, cat["nature_values"][A["nature"]])
        add("unit_nature", lab, txt, {"unit_nature": A["nature"]})
    if "established_date" not in omit:
        add("established_date", _choose_label(rng, cat, "established_date", A),
            fmt_date(A["est"], rep.get("date", "cn")), {"established_date": A["est"]})
    if "legal_rep" not in omit:
        add("legal_rep", _choose_label(rng, cat, "legal_rep", A), A["legal"], {})
    # address / region
    canon = {}
    if A.get("city"):
        canon["city"] = A["city"]
    if A.get("county"):
        canon["county"] = A["county"]
    if rep.get("region_field"):
        reg = "%s %s" % (A["city"], A["county"]) if A.get("county") else A["city"]
        add("region", _choose_label(rng, cat, "region", A), reg, canon)
        add("address", _choose_label(rng, cat, "address", A), A["address"], {})
    else:
        add("address", _choose_label(rng, cat, "address", A), A["address"], canon)
    if "registered_capital" not in omit and A.get("cap"):
        l, t, c = _money(rng, A, _choose_label(rng, cat, "registered_capital", A), A["cap"], 0 if A["cap"] % 10000 == 0 else 2)
        add("registered_capital", l, t, {"registered_capital": c})
    if "contact" not in omit:
        add("contact", _choose_label(rng, cat, "contact", A), A["contact"], {})
        add("phone", _choose_label(rng, cat, "phone", A), A["phone"], {})
    years_mode = rep.get("years", "none")
    for fid, key in (("total_assets", "ta"), ("revenue", "rev"), ("service_income", "si"), ("service_expense", "se")):
        if fid in omit:
            continue
        if years_mode != "none" and fid in ("total_assets", "revenue") and rep.get("years_money"):
            continue
        l, t, c = _money(rng, A, _choose_label(rng, cat, fid, A), F[key])
        add(fid, l, t, {fid: c})
    if "premises_area" not in omit:
        lab = _choose_label(rng, cat, "premises_area", A)
        if "㎡" in lab or "平方米" in lab:
            txt = str(F["area"])
        else:
            txt = "%s%s" % (F["area"], pick(rng, ["㎡", "平方米", "m²"]))
        add("premises_area", lab, txt, {"premises_area": float(F["area"])})
    for fid, key in (("service_staff", "staff"), ("staff_college_or_above", "college"), ("staff_mid_title_or_above", "mid")):
        if fid in omit:
            continue
        l, t, c = _count(rng, A, _choose_label(rng, cat, fid, A), F[key], "人")
        add(fid, l, t, {fid: c})
    if years_mode == "none":
        for fid, key in (("smes_served_last_year", "smes_last"), ("smes_served_prior_year", "smes_prior")):
            l, t, c = _count(rng, A, _choose_label(rng, cat, fid, A), F[key], "家")
            add(fid, l, t, {fid: c})
    l, t, c = _ratio(rng, A, _choose_label(rng, cat, "satisfaction_rate", A), F["sat"], "sat")
    add("satisfaction_rate", l, t, {"satisfaction_rate": c})
    l, t, c = _count(rng, A, _choose_label(rng, cat, "aggregated_agencies", A), F["agencies"], "家")
    add("aggregated_agencies", l, t, {"aggregated_agencies": c})
    l, t, c = _ratio(rng, A, _choose_label(rng, cat, "public_benefit_share", A), F["pub"], "pub")
    add("public_benefit_share", l, t, {"public_benefit_share": c})
    return items


def years_table(A, rng, cat):
    """Indicator | 2024年 | 2025年 (order per scenario); returns (rows, canon)."""
    F = A["fig"]
    rep = A["report"]
    mode = rep["years"]
    years = [PRIOR, LAST] if mode == "cols" else ([LAST, PRIOR] if mode == "cols_rev" else [PRIOR - 1, PRIOR, LAST])
    head = [pick(rng, cat["labels"]["years_header"])] + ["%d年" % y for y in years]
    vals = {LAST: F["smes_last"], PRIOR: F["smes_prior"], PRIOR - 1: F.get("smes_older", F["smes_prior"] - 7)}
    rows = [head, [pick(rng, cat["labels"]["smes_row_label"])] + [str(vals[y]) for y in years]]
    canon = {"smes_served_last_year": F["smes_last"], "smes_served_prior_year": F["smes_prior"]}
    if rep.get("years_money"):
        ta = {LAST: F["ta"], PRIOR: F["ta"] * 0.87, PRIOR - 1: F["ta"] * 0.8}
        rv = {LAST: F["rev"], PRIOR: F["rev"] * 0.91, PRIOR - 1: F["rev"] * 0.78}
        rows.append(["资产总额（万元）"] + [fmt_wan(ta[y]) for y in years])
        rows.append(["营业收入（万元）"] + [fmt_wan(rv[y]) for y in years])
        canon["total_assets"] = wan_val(F["ta"])
        canon["revenue"] = wan_val(F["rev"])
    return rows, canon


def _fn_value_text(rng, A, ind, v):
    style = A["report"].get("fn_units", "inline")
    if ind == "training_qualification":
        return None
    if ind in ("financing_amount", "guarantee_new_amount"):
        s = A["report"].get("fin_style", "yi")
        if s == "yi":
            return ("%.2f" % (v / 1e8)).rstrip("0").rstrip(".") + "亿元", float(round(v / 1e8, 2) * 1e8), "亿元", ("%.2f" % (v / 1e8)).rstrip("0").rstrip(".")
        if s == "wan":
            return "%s万元" % format(int(round(v / 1e4)), ","), float(round(v / 1e4) * 1e4), "万元", format(int(round(v / 1e4)), ",")
        return fmt_yuan(v) + "元", r2(v), "元", fmt_yuan(v)
    unit = {"info_offline_smes": "家", "info_activities": "次", "tech_activities": "次",
            "entrepreneurship_activities": "次", "training_person_times": "人次", "financing_activities": "次",
            "consulting_activities": "次", "market_enterprise_times": "家次"}[ind]
    return "%d%s" % (v, unit), int(v), unit, str(v)


def _qual_text(rng, cat, A, yes):
    if yes:
        t = pick(rng, cat["functions"]["qualification_yes"])
        return t.format(agency=pick(rng, cat["functions"]["filing_agencies"]), no="NXPX-%d-%03d" % (int(rng.integers(2019, 2024)), int(rng.integers(1, 200))))
    return pick(rng, cat["functions"]["qualification_no"])


def function_block(doc, A, rng, cat):
    """Adds the function claim/indicator part to doc; returns canon fields."""
    rep = A["report"]
    funcs = A["funcs"]
    claimed = [f for f in FUNC_ORDER if f in funcs]
    names = {f: pick(rng, cat["functions"]["names"][f]) for f in FUNC_ORDER}
    canon = {"functions_claimed": claimed}
    style = rep.get("func", "merged")
    ilabel = {ind: pick(rng, cat["functions"]["indicators"][ind]["label"]) for ind in sum(FUNC_INDICATORS.values(), [])}
    doc.h(pick(rng, cat["report"]["function_headings"]), 2, "left")

    def ind_entries(f):
        out = []
        for ind in FUNC_INDICATORS[f]:
            if ind not in funcs[f]:
                continue
            v = funcs[f][ind]
            if ind == "training_qualification":
                txt = _qual_text(rng, cat, A, v)
                out.append((ind, ilabel[ind], txt, "", txt, bool(v)))
            else:
                full, c, unit, bare = _fn_value_text(rng, A, ind, v)
                out.append((ind, ilabel[ind], full, unit, bare, c))
        return out

    if style in ("merged", "merged_claimed"):
        if style == "merged":
            mark = cat["functions"]["claim_marks"]["boxes"]
            doc.p("申报功能：" + "  ".join((mark[0] if f in funcs else mark[1]) + names[f] for f in FUNC_ORDER), indent=False)
        rows = [["服务功能", "主要指标", "上年度完成情况"]]
        spans = []
        for f in claimed:
            ents = ind_entries(f)
            r0 = len(rows)
            for (ind, lab, full, unit, bare, c) in ents:
                rows.append([names[f] if len(rows) == r0 else "", lab, full])
                canon[ind] = c
            if len(ents) > 1:
                spans.append((r0, 0, len(rows) - 1, 0))
        doc.table(rows, spans=spans, widths=[2, 5, 3], header_rows=1)
    elif style == "unitcol":
        rows = [["序号", "服务功能", "是否申报", "指标名称", "数值", "单位"]]
        spans = []
        n = 0
        for f in FUNC_ORDER:
            n += 1
            if f in funcs:
                ents = ind_entries(f)
                r0 = len(rows)
                for (ind, lab, full, unit, bare, c) in ents:
                    first = len(rows) == r0
                    rows.append([str(n) if first else "", names[f] if first else "", "是" if first else "", lab, bare, unit])
                    canon[ind] = c
                if len(ents) > 1:
                    for col in (0, 1, 2):
                        spans.append((r0, col, len(rows) - 1, col))
            else:
                rows.append([str(n), names[f], "否", "/", "", ""])
        doc.table(rows, spans=spans, widths=[1, 2.4, 1.4, 5, 1.6, 1.2], header_rows=1)
    elif style == "ticks":
        rows = [["服务功能", "申报（打√）", "认定要求", "上年度实际完成"]]
        for f in FUNC_ORDER:
            if f in funcs:
                ents = ind_entries(f)
                parts = []
                for (ind, lab, full, unit, bare, c) in ents:
                    parts.append("%s%s" % (lab + "：" if rep.get("tick_labels", True) else "", full))
                    canon[ind] = c
                rows.append([names[f], "√", REQUIREMENT_TEXT[f], "\n".join(parts)])
            else:
                rows.append([names[f], "", REQUIREMENT_TEXT[f], ""])
        doc.table(rows, widths=[2, 1.6, 5, 5], header_rows=1)
    elif style == "words":
        doc.p("本平台申报的服务功能为：%s。" % "、".join(names[f] for f in claimed))
        rows = [["指标", "%d年完成情况" % LAST]]
        for f in claimed:
            for (ind, lab, full, unit, bare, c) in ind_entries(f):
                rows.append(["%s（%s）" % (lab, names[f]), full])
                canon[ind] = c
        doc.table(rows, widths=[6, 3], header_rows=1)
    elif style == "prose":
        doc.p("平台本次申报%s功能。" % "、".join(names[f] for f in claimed))
        for f in claimed:
            sent = []
            for (ind, lab, full, unit, bare, c) in ind_entries(f):
                canon[ind] = c
                if ind == "training_qualification":
                    sent.append("培训资质方面，%s" % full)
                else:
                    sent.append("%s为%s" % (lab.split("（")[0], full))
            doc.p("%s方面：%d年，平台%s。" % (names[f], LAST, "，".join(sent)))
    return canon


def narrative(doc, A, rng, cat, with_numbers=True):
    F = A["fig"]
    heads = [pick(rng, h) for h in cat["report"]["narrative_headings"]]
    cn_num = "一二三四五六七八"
    for i, h in enumerate(heads):
        title = h if h[0] in cn_num and h[1] == "、" else "%s、%s" % (cn_num[i + 2], h)
        doc.h(title, 3, "left")
        if i == 0:
            doc.p("%s成立于%d年，%s。平台依托%s，面向%s中小企业提供公共服务，"
                  "现有固定服务场所%s平方米，配备路演厅、培训教室、洽谈室等服务设施。"
                  % (A["name"], int(A["est"][:4]), "系%s" % pick(rng, ["独立法人企业", "具有独立法人资格的服务机构", "非营利性服务机构"]),
                     A["platform"], A.get("city") or "宁东基地", F["area"]))
        elif i == 1:
            doc.p("平台组建了一支%s的服务团队，整合律师事务所、会计师事务所、金融机构、高校院所等%d家服务机构，"
                  "形成了线上线下联动的服务体系。" % (pick(rng, ["结构合理、专业互补", "经验丰富", "年轻化、专业化"]), F["agencies"]))
        elif i == 2 and with_numbers:
            doc.p("%d年平台服务中小企业%d家，%d年为%d家，服务企业数量%s；用户满意度保持在较高水平。"
                  % (LAST, F["smes_last"], PRIOR, F["smes_prior"],
                     "稳步增长" if F["smes_last"] >= F["smes_prior"] else "有所回落"))
        elif i == 2:
            doc.p("近年来平台服务企业数量稳定，服务质量不断提升。")
        elif i == 3:
            doc.p("平台创新“%s”服务模式，推进线上线下服务结合，促进服务与需求精准对接，在%s形成了一定的示范带动作用。"
                  % (pick(rng, ["政策+金融+培训", "一站式代办", "专家问诊+跟踪辅导", "园区+平台+基金"]), A.get("city") or "宁东基地"))
        elif i == 4:
            doc.p("今后三年，平台将围绕中小企业数字化转型和专精特新发展需求，进一步完善服务功能，"
                  "力争年服务中小企业数量年均增长10%以上。")
        else:
            doc.p("平台制定了服务质量管理、收费管理、投诉处理等制度，对小型微型企业实行收费优惠，"
                  "公益性服务和低收费服务占比符合要求，收费标准在服务场所公示。")


def build_report(A, rng, cat):
    rep = A["report"]
    doc = Doc()
    canon = {}
    title = rep.get("title") or pick(rng, cat["report"]["titles"])
    doc.spacer(60)
    doc.h(title, 1)
    doc.spacer(80)
    cl = cat["report"]["cover_labels"]
    doc.p("%s：%s" % (pick(rng, cl["platform"]), A["platform"]), size=14, indent=False)
    doc.p("%s：%s" % (pick(rng, cl["applicant"]), A.get("report_name") or A["name"]), size=14, indent=False)
    doc.p("%s：%s" % (pick(rng, cl["recommender"]), BUREAU[A.get("city")]), size=14, indent=False)
    doc.p("%s：%d年3月" % (pick(rng, cl["date"]), AS_OF_YEAR), size=14, indent=False)
    doc.pagebreak()
    if rep.get("instructions"):
        doc.h("填 报 说 明", 2)
        doc.p("1. 本报告所称“上年度”指%d年度，“前一年度”指%d年度。" % (LAST, PRIOR))
        doc.p("2. 申报单位应符合年服务中小企业不少于50家、用户满意度在80%以上、集聚服务机构2家以上、"
              "从事中小企业服务人员不少于10人等条件。")
        doc.p("3. 表内数据应与审计报告、人员名单等材料一致，金额保留两位小数。")
        doc.pagebreak()
    items = report_items(A, rng, cat)
    for it in items:
        canon.update(it[3])
    if rep.get("pad_before_table"):
        doc.p("平台依托运营单位建设，面向区域中小企业开展公共服务。以下为申报单位基本情况。")
        doc.spacer(rep["pad_before_table"])
    doc.h(pick(rng, cat["report"]["basic_headings"]), 2, "left")
    if rep["money"] == "wan_header":
        doc.p("金额单位：万元", size=9, align="right", indent=False)
    layout = rep["basic"]
    long_ids = {"unit_name", "platform_name", "address", "region"}
    if layout == "4col":
        rows, spans, row = [], [], []
        for fid, lab, txt, _ in items:
            if fid in long_ids:
                if row:
                    rows.append(row + ["", ""])
                    row = []
                rows.append([lab, txt, "", ""])
                spans.append((len(rows) - 1, 1, len(rows) - 1, 3))
            else:
                row += [lab, txt]
                if len(row) == 4:
                    rows.append(row)
                    row = []
        if row:
            rows.append(row + ["", ""])
        doc.table(rows, spans=spans, widths=[3, 3.2, 3, 3.2])
    elif layout == "2col":
        rows = [[lab, txt] for fid, lab, txt, _ in items]
        doc.table(rows, widths=[4, 7])
    elif layout == "merged3":
        groups = [("基本信息", ["unit_name", "platform_name", "uscc", "unit_nature", "established_date", "legal_rep", "region", "address", "registered_capital", "contact", "phone"]),
                  ("财务状况", ["total_assets", "revenue", "service_income", "service_expense"]),
                  (pick(rng, cat["labels"]["staff_group"]), ["service_staff", "staff_college_or_above", "staff_mid_title_or_above"]),
                  ("服务情况", ["premises_area", "smes_served_last_year", "smes_served_prior_year", "satisfaction_rate", "aggregated_agencies", "public_benefit_share"])]
        byid = {it[0]: it for it in items}
        rows, spans = [], []
        for gname, ids in groups:
            r0 = len(rows)
            for fid in ids:
                if fid in byid:
                    rows.append([gname if len(rows) == r0 else "", byid[fid][1], byid[fid][2]])
            if len(rows) - r0 > 1:
                spans.append((r0, 0, len(rows) - 1, 0))
        doc.table(rows, spans=spans, widths=[1.6, 4, 6])
    elif layout == "below":
        rows = []
        chunk = []
        for it in items:
            chunk.append(it)
            if len(chunk) == 3:
                rows.append([c[1] for c in chunk])
                rows.append([c[2] for c in chunk])
                chunk = []
        if chunk:
            rows.append([c[1] for c in chunk] + [""] * (3 - len(chunk)))
            rows.append([c[2] for c in chunk] + [""] * (3 - len(chunk)))
        doc.table(rows, widths=[1, 1, 1])
    elif layout == "transposed":
        for k in range(0, len(items), 4):
            ch = items[k:k + 4]
            doc.table([[c[1] for c in ch], [c[2] for c in ch]], widths=[1] * len(ch), header_rows=1)
    elif layout == "kv":
        cells = ["%s：%s" % (lab, txt) for fid, lab, txt, _ in items]
        rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
        doc.table(rows, widths=[1, 1])
    elif layout == "lines":
        for fid, lab, txt, _ in items:
            doc.p("%s：%s" % (lab, txt), indent=False)
    if rep.get("years", "none") != "none":
        rows, c2 = years_table(A, rng, cat)
        canon.update(c2)
        doc.p("近年服务情况：", indent=False)
        doc.table(rows, header_rows=1, widths=[4] + [2] * (len(rows[0]) - 1))
    if rep.get("split_pages"):
        doc.pagebreak()
    canon.update(function_block(doc, A, rng, cat))
    narrative(doc, A, rng, cat, with_numbers=not rep.get("no_narr_numbers"))
    doc.spacer(20)
    doc.p("申报单位（盖章）：%s" % (A.get("report_name") or A["name"]), align="right", indent=False)
    doc.p("法定代表人（签字）：", align="right", indent=False)
    doc.p("%d年3月%d日" % (AS_OF_YEAR, int(rng.integers(5, 28))), align="right", indent=False)
    return doc, canon


# ------------------------------------------------------------- licences and certificates
def _paper(w, h, tone=(252, 249, 240)):
    return Image.new("RGB", (w, h), tone)


def _frame(d, w, h, color=(150, 60, 40)):
    d.rectangle([30, 30, w - 30, h - 30], outline=color, width=6)
    d.rectangle([46, 46, w - 46, h - 46], outline=color, width=2)
    for x in range(60, w - 60, 40):
        d.line([(x, 38), (x + 20, 38)], fill=color, width=2)
        d.line([(x, h - 38), (x + 20, h - 38)], fill=color, width=2)


def _field(d, x, y, label, value, lw, vw, size=27, lab_space=True, color=(25, 25, 25)):
    R.draw_text(d, (x, y), label, size, fill=(40, 40, 40), serif=True, bold=True)
    lines = R.wrap(value, size, vw, serif=True)
    for i, ln in enumerate(lines):
        R.draw_text(d, (x + lw, y + i * int(size * 1.45)), ln, size, fill=color, serif=True)
    return y + max(1, len(lines)) * int(size * 1.45) + int(size * 0.7)


def licence_fields(A):
    L = A["licence"]
    kind = L["kind"]
    out = {"licence.name": A["name"], "licence.uscc": A["uscc"], "licence.is_branch": kind == "branch"}
    if kind in ("biz2019", "biz2016", "e_print", "branch"):
        out["licence.established_date"] = A["est"]
    if kind != "branch":
        out["licence.legal_representative"] = A["legal"]
        if A.get("cap"):
            out["licence.registered_capital"] = float(A["cap"])
    out["licence.valid_from"] = L["valid_from"]
    if L.get("valid_until"):
        out["licence.valid_until"] = L["valid_until"]
    return out


def _term_text(L, style="cn0"):
    a = fmt_date(L["valid_from"], style)
    if L.get("valid_until"):
        return "%s 至 %s" % (a, fmt_date(L["valid_until"], style))
    return "%s 至 长期" % a


def draw_biz2019(A, rng, cat, branch=False):
    L = A["licence"]
    c = cat["licences"]["business_2019"]
    W, H = 1650, 1170
    im = _paper(W, H)
    d = ImageDraw.Draw(im)
    _frame(d, W, H)
    em = R.emblem(110)
    im.paste(em, (W // 2 - 55, 70), em)
    R.draw_text(d, (W // 2, 235), c["title"], 84, fill=(30, 30, 30), serif=True, bold=True, anchor="mm")
    R.draw_text(d, (W // 2, 305), pick(rng, c["copy_mark"]), 30, fill=(30, 30, 30), serif=True, anchor="mm")
    R.draw_text(d, (100, 95), c["code_label"], 26, serif=True, bold=True)
    R.draw_text(d, (100, 135), A["uscc"], 30, serif=True)
    R.draw_text(d, (1150, 95), c["number_label"] + L["cert_no"], 22, serif=True)
    R.draw_text(d, (1220, 135), "（%d-%d）" % (1, 1), 22, serif=True)
    qr = R.qr_block(25, 7, rng)
    im.paste(qr, (1330, 190))
    cap = R.wrap(pick(rng, c["qr_caption"]), 15, 230)
    for i, ln in enumerate(cap):
        R.draw_text(d, (1315, 395 + i * 21), ln, 15)
    y = 420
    lx, rx = 120, 880
    if branch:
        left = [("名 称", A["name"]), ("类 型", L.get("type", "有限责任公司分公司(自然人投资或控股)")), ("负 责 人", L["head"])]
        right = [("成立日期", fmt_date(A["est"], "cn0")), ("营业期限", _term_text(L)), ("营业场所", A["address"])]
    else:
        left = [("名 称", A["name"]), ("类 型", L.get("type", "有限责任公司(自然人投资或控股)")), ("法定代表人", A["legal"])]
        right = [("注册资本", L.get("cap_text") or ("人民币" + cn_upper_yuan(A["cap"]))), ("成立日期", fmt_date(A["est"], "cn0")),
                 ("营业期限", _term_text(L)), ("住 所", A["address"])]
    yl = y
    for lab, val in left:
        yl = _field(d, lx, yl, lab, val, 175, 520)
    yl = _field(d, lx, yl, "经营范围", L["scope"], 175, 520, size=22)
    yr = y
    for lab, val in right:
        yr = _field(d, rx, yr, lab, val, 160, 560)
    R.draw_text(d, (1050, 960), "登记机关", 26, serif=True, bold=True)
    R.draw_text(d, (1210, 1030), fmt_date(L["issue_date"], "cn0"), 26, serif=True)
    R.draw_text(d, (W // 2, 1100), c["footer"][0], 17, anchor="mm")
    R.draw_text(d, (W // 2, 1128), c["footer"][1], 15, anchor="mm")
    s = R.seal(L["authority"], 105, rng=rng)
    im = R.stamp(im, s, (1185, 895))
    return im


def draw_biz2016(A, rng, cat):
    L = A["licence"]
    W, H = 1170, 1650
    im = _paper(W, H, (250, 248, 244))
    d = ImageDraw.Draw(im)
    _frame(d, W, H, (170, 80, 50))
    em = R.emblem(120)
    im.paste(em, (W // 2 - 60, 90), em)
    R.draw_text(d, (W // 2, 290), "营业执照", 86, serif=True, bold=True, anchor="mm")
    R.draw_text(d, (W // 2, 360), "（副　本）", 30, serif=True, anchor="mm")
    R.draw_text(d, (640, 420), "统一社会信用代码 " + A["uscc"], 24, serif=True)
    R.draw_text(d, (640, 455), "副本编号：1-1", 20, serif=True)
    qr = R.qr_block(23, 6, rng)
    im.paste(qr, (110, 400))
    y = 600
    for lab, val in [("名　　称", A["name"]), ("类　　型", L.get("type", "有限责任公司（自然人投资或控股）")),
                     ("住　　所", A["address"]), ("法定代表人", A["legal"]),
                     ("注册资本", L.get("cap_text") or "%s万元整" % format(int(A["cap"] / 1e4))),
                     ("成立日期", fmt_date(A["est"], "cn0")), ("营业期限", _term_text(L)), ("经营范围", L["scope"])]:
        y = _field(d, 130, y, lab, val, 200, 760, size=26 if lab != "经营范围" else 22)
    R.draw_text(d, (700, 1380), "登记机关", 28, serif=True, bold=True)
    R.draw_text(d, (760, 1470), fmt_date(L["issue_date"], "cn0"), 26, serif=True)
    R.draw_text(d, (W // 2, 1580), "企业信用信息公示系统网址：http://gsxt.saic.gov.cn", 17, anchor="mm")
    im = R.stamp(im, R.seal(L["authority"], 110, rng=rng), (760, 1320))
    return im


def draw_certificate(A, rng, cat):
    """事业单位法人证书 / 社会团体法人登记证书 / 民办非企业单位登记证书."""
    L = A["licence"]
    kind = L["kind"]
    cfg = cat["licences"][{"pi": "public_institution", "so": "social_organization", "pne": "private_non_enterprise"}[kind]]
    W, H = 1650, 1170
    im = _paper(W, H, (253, 250, 244))
    d = ImageDraw.Draw(im)
    _frame(d, W, H, (180, 40, 40) if kind == "pi" else (40, 80, 150))
    em = R.emblem(100)
    im.paste(em, (W // 2 - 50, 70), em)
    R.draw_text(d, (W // 2, 225), cfg["title"], 66, serif=True, bold=True, anchor="mm")
    if cfg.get("subtitle"):
        R.draw_text(d, (W // 2, 290), cfg["subtitle"], 30, serif=True, anchor="mm")
    R.draw_text(d, (100, 320), "统一社会信用代码", 24, serif=True, bold=True)
    R.draw_text(d, (330, 320), A["uscc"], 28, serif=True)
    R.draw_text(d, (1150, 110), L.get("cert_no", ""), 22, serif=True)
    cap_txt = L.get("cap_text") or "￥%s万元" % format(int(A["cap"] / 1e4))
    if kind == "pi":
        rows = [("名　　称", A["name"]), ("宗旨和业务范围", L["scope"]), ("住　　所", A["address"]),
                ("法定代表人", A["legal"]), ("经费来源", L.get("funding", "财政补助")), ("开办资金", cap_txt),
                ("举办单位", L["sponsor"])]
    elif kind == "so":
        rows = [("名　　称", A["name"]), ("住　　所", A["address"]), ("法定代表人", A["legal"]),
                ("业务范围", L["scope"]), ("活动地域", L.get("area", "宁夏回族自治区")), ("注册资金", cap_txt),
                ("业务主管单位", L["sponsor"])]
    else:
        rows = [("名　　称", A["name"]), ("住　　所", A["address"]), ("法定代表人", A["legal"]),
                ("开办资金", cap_txt), ("业务主管单位", L["sponsor"]), ("业务范围", L["scope"])]
    y = 390
    for lab, val in rows:
        y = _field(d, 120, y, lab, val, 250, 800, size=25 if lab not in ("宗旨和业务范围", "业务范围") else 22)
    R.draw_text(d, (1180, 700), "有效期", 26, serif=True, bold=True)
    R.draw_text(d, (1180, 750), "自" + fmt_date(L["valid_from"], "cn0"), 25, serif=True)
    R.draw_text(d, (1180, 795), "至" + fmt_date(L["valid_until"], "cn0"), 25, serif=True)
    R.draw_text(d, (1180, 890), "登记管理机关", 26, serif=True, bold=True)
    R.draw_text(d, (1230, 1040), fmt_date(L["issue_date"], "cn0"), 24, serif=True)
    im = R.stamp(im, R.seal(L["authority"], 105, rng=rng), (1210, 860))
    return im


def licence_e_print_pdf(A, rng, cat, path):
    """电子营业执照 printed from the app: a text-layer PDF with a QR image."""
    import io

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    L = A["licence"]
    c = canvas.Canvas(path, pagesize=landscape(A4))
    W, Hh = landscape(A4)
    c.setFont(R.CID, 11)
    c.drawString(40, Hh - 40, pick(rng, cat["licences"]["electronic_print"]["header"]) + "（下载打印件）")
    c.setStrokeColorRGB(0.6, 0.25, 0.15)
    c.setLineWidth(3)
    c.rect(30, 30, W - 60, Hh - 80)
    c.setFont(R.CID, 30)
    c.drawCentredString(W / 2, Hh - 110, "营 业 执 照")
    c.setFont(R.CID, 12)
    c.drawString(60, Hh - 80, "统一社会信用代码")
    c.setFont(R.CID, 14)
    c.drawString(60, Hh - 100, A["uscc"])
    c.setFont(R.CID, 10)
    c.drawString(W - 260, Hh - 80, "证照编号：" + L["cert_no"])
    bio = io.BytesIO()
    R.qr_block(25, 6, rng).save(bio, "PNG")
    bio.seek(0)
    c.drawImage(ImageReader(bio), W - 170, Hh - 260, 120, 120)
    y = Hh - 170
    for lab, val in [("名　　称", A["name"]), ("类　　型", L.get("type", "有限责任公司(自然人投资或控股)")),
                     ("法定代表人", A["legal"]), ("注册资本", "人民币" + cn_upper_yuan(A["cap"])),
                     ("成立日期", fmt_date(A["est"], "cn0")), ("营业期限", _term_text(L)), ("住　　所", A["address"])]:
        c.setFont(R.CID, 13)
        c.drawString(70, y, lab)
        c.drawString(170, y, val)
        y -= 28
    c.setFont(R.CID, 10)
    scope = L["scope"]
    c.drawString(70, y, "经营范围")
    for k in range(0, len(scope), 46):
        c.drawString(170, y, scope[k:k + 46])
        y -= 16
    c.setFont(R.CID, 12)
    c.drawString(W - 300, 120, "登记机关：" + L["authority"])
    c.drawString(W - 300, 95, fmt_date(L["issue_date"], "cn0"))
    c.setFont(R.CID, 9)
    c.drawCentredString(W / 2, 45, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn")
    c.showPage()
    c.save()


def build_licence_image(A, rng, cat):
    k = A["licence"]["kind"]
    if k == "biz2019":
        return draw_biz2019(A, rng, cat)
    if k == "branch":
        return draw_biz2019(A, rng, cat, branch=True)
    if k == "biz2016":
        return draw_biz2016(A, rng, cat)
    return draw_certificate(A, rng, cat)


# ------------------------------------------------------------- audit reports
def _split(total_c, weights, rng):
    """split integer cents into parts proportional to weights (sum exact)."""
    ws = [w * (0.85 + 0.3 * rng.random()) for w in weights]
    s = sum(ws)
    parts = [int(total_c * w / s) for w in ws]
    parts[-1] += total_c - sum(parts)
    return parts


def _c(v):
    return int(round(v * 100))


class Money:
    def __init__(self, unit):
        self.unit = unit

    def t(self, cents):
        if cents is None or cents == "":
            return ""
        if self.unit == "万元":
            return f"{cents / 100 / 1e4:,.2f}"
        return f"{cents / 100:,.2f}"

    def canon(self, cents):
        if self.unit == "万元":
            return r2(round(cents / 100 / 1e4, 2) * 1e4)
        return r2(cents / 100)


def _opinion_pages(doc, A, rng, cat, std):
    au = A["audit"]
    unit = A["name"]
    op = au["opinion"]
    doc.spacer(40)
    doc.h("审 计 报 告", 1)
    doc.p(au["report_no"], align="center", indent=False)
    doc.spacer(30)
    doc.p("%s：" % au.get("addressee", "%s全体股东" % unit if A["nature"] == "enterprise" else unit), indent=False)
    head = pick(rng, cat["audit"]["opinion_headings"][op])
    doc.h(head, 3, "left")
    stmts = au["stmt_names"]
    doc.p("我们审计了%s（以下简称“%s”）财务报表，包括%d年12月31日的%s，%d年度的%s，以及相关财务报表附注。"
          % (unit, au.get("short", "贵单位"), LAST, stmts[0], LAST, "、".join(stmts[1:])))
    doc.p(cat["audit"]["opinion_text"][op].format(std=std, unit=au.get("short", "贵单位"),
                                                   date="%d年12月31日" % LAST, year=LAST))
    if op == "qualified":
        doc.h(cat["audit"]["qualified_basis_heading"], 3, "left")
        doc.p(cat["audit"]["qualified_basis_text"].format(unit=au.get("short", "贵单位"), year=LAST,
                                                           amt=fmt_yuan(au["ta"] * 0.06)))
        doc.p("我们按照中国注册会计师审计准则的规定执行了审计工作。我们相信，我们获取的审计证据是充分、适当的，为发表保留意见提供了基础。")
    else:
        doc.h("二、形成审计意见的基础", 3, "left")
        doc.p("我们按照中国注册会计师审计准则的规定执行了审计工作。审计报告的“注册会计师对财务报表审计的责任”部分进一步阐述了我们在这些准则下的责任。"
              "按照中国注册会计师职业道德守则，我们独立于%s，并履行了职业道德方面的其他责任。我们相信，我们获取的审计证据是充分、适当的，为发表审计意见提供了基础。" % au.get("short", "贵单位"))
    if op == "unqualified_with_emphasis":
        doc.h(pick(rng, cat["audit"]["emphasis_heading"]), 3, "left")
        doc.p(cat["audit"]["emphasis_text"].format(unit=au.get("short", "贵单位"), year=LAST))
    doc.h("%s、管理层和治理层对财务报表的责任" % ("四" if op == "unqualified_with_emphasis" else "三"), 3, "left")
    doc.p("管理层负责按照%s的规定编制财务报表，使其实现公允反映，并设计、执行和维护必要的内部控制，以使财务报表不存在由于舞弊或错误导致的重大错报。" % std)
    doc.h("%s、注册会计师对财务报表审计的责任" % ("五" if op == "unqualified_with_emphasis" else "四"), 3, "left")
    doc.p("我们的目标是对财务报表整体是否不存在由于舞弊或错误导致的重大错报获取合理保证，并出具包含审计意见的审计报告。合理保证是高水平的保证，但并不能保证按照审计准则执行的审计在某一重大错报存在时总能发现。")
    doc.spacer(20)
    doc.p(au["firm"], align="left", indent=False)
    doc.p("中国注册会计师：%s　　　　中国注册会计师：%s" % (person(rng), person(rng)), align="right", indent=False)
    doc.p("中国·%s" % pick(rng, ["银川", "宁夏银川"]), indent=False)
    doc.p("%d年%d月%d日" % (AS_OF_YEAR, int(rng.integers(2, 4)), int(rng.integers(1, 28))), align="right", indent=False)
    doc.pagebreak()


def _enterprise_balance(A, rng):
    au = A["audit"]
    TA, TL = _c(au["ta"]), _c(au["tl"])
    NA = TA - TL
    cur = int(TA * (0.55 + 0.2 * rng.random()))
    cur_parts = _split(cur, [3, 2.5, 0.8, 0.9, 1.2], rng)
    non = _split(TA - cur, [5, 1.2, 0.6], rng)
    liab = _split(TL, [1.5, 2.5, 1.2, 1, 0.6, 1.4], rng)
    cap = min(_c(A.get("cap") or au["ta"] * 0.3), int(max(NA, 0) * 0.75))
    if cap <= 0:
        cap = _c(A.get("cap") or 1000000)
    surplus = int(max(NA - cap, 0) * 0.1)
    undist = NA - cap - surplus
    lines_a = [("流动资产：", None), ("货币资金", cur_parts[0]), ("应收账款", cur_parts[1]), ("预付款项", cur_parts[2]),
               ("其他应收款", cur_parts[3]), ("存货", cur_parts[4]), ("流动资产合计", cur), ("非流动资产：", None),
               ("固定资产", non[0]), ("无形资产", non[1]), ("长期待摊费用", non[2]), ("非流动资产合计", TA - cur),
               ("资产总计", TA)]
    lines_l = [("流动负债：", None), ("短期借款", liab[0]), ("应付账款", liab[1]), ("合同负债", liab[2]),
               ("应付职工薪酬", liab[3]), ("应交税费", liab[4]), ("其他应付款", liab[5]), ("流动负债合计", TL),
               ("非流动负债合计", 0), ("负债合计", TL), ("所有者权益（或股东权益）：", None), ("实收资本（或股本）", cap),
               ("盈余公积", surplus), ("未分配利润", undist), ("所有者权益（或股东权益）合计", NA),
               ("负债和所有者权益（或股东权益）总计", TA)]
    return lines_a, lines_l, NA


def _open(v, rng, f=None):
    if v is None:
        return None
    return int(v * (f if f is not None else (0.82 + 0.15 * rng.random())))


def _relabel(lines, mapping):
    return [(mapping.get(l, l), v) for (l, v) in lines]


def build_audit(A, rng, cat):
    """Returns (main_doc, special_doc_or_None, canon)."""
    au = A["audit"]
    nature = A["nature"]
    M = Money(au.get("unit", "元"))
    canon = {"audit.year": LAST, "audit.firm": au["firm"], "audit.opinion": au["opinion"]}
    doc = Doc()
    if nature == "enterprise":
        std = pick(rng, cat["audit"]["standards"]["enterprise"])
        au.setdefault("stmt_names", ["资产负债表", "利润表", "现金流量表"])
    elif nature == "public_institution":
        std = cat["audit"]["standards"]["public_institution"][0]
        au.setdefault("stmt_names", ["资产负债表", "收入费用表" if au.get("style") != "gov_old" else "收入支出表", "净资产变动表"])
    else:
        std = cat["audit"]["standards"]["npo"][0]
        au.setdefault("stmt_names", ["资产负债表", "业务活动表", "现金流量表"])
    _opinion_pages(doc, A, rng, cat, std)
    style = au.get("style", "side")
    unit_line = "单位：%s" % M.unit if rng.random() < 0.5 else "金额单位：人民币%s" % M.unit
    TA, TL = _c(au["ta"]), _c(au["tl"])
    ff = 0.8 + 0.15 * rng.random()
    # ---------------- balance sheet
    if nature == "enterprise":
        la, ll, NA = _enterprise_balance(A, rng)
        eq_label = au.get("eq_label", "所有者权益（或股东权益）合计")
        ll = _relabel(ll, {"所有者权益（或股东权益）合计": eq_label})
        title = pick(rng, cat["audit"]["statements"]["balance_enterprise"])
        form = "会企01表"
    elif nature == "public_institution":
        NA = TA - TL
        cur = int(TA * 0.45)
        cp = _split(cur, [3, 1, 0.5, 0.4], rng)
        nonp = _split(TA - cur, [6, 1.5, 0.5], rng)
        lp = _split(TL, [1, 2, 1.3, 0.8], rng)
        la = [("流动资产：", None), ("货币资金", cp[0]), ("财政应返还额度", cp[1]), ("应收账款净额", cp[2]), ("其他应收款净额", cp[3]),
              ("流动资产合计", cur), ("非流动资产：", None), ("固定资产净值", nonp[0]), ("无形资产净值", nonp[1]),
              ("公共基础设施净值", nonp[2]), ("非流动资产合计", TA - cur), ("资产总计", TA)]
        ll = [("流动负债：", None), ("应交增值税", lp[0]), ("应付职工薪酬", lp[1]), ("应付账款", lp[2]), ("其他应付款", lp[3]),
              ("流动负债合计", TL), ("负债合计", TL), ("净资产：", None), ("累计盈余", NA - int(NA * 0.1)),
              ("专用基金", int(NA * 0.1)), ("净资产合计", NA), ("负债和净资产总计", TA)]
        title = pick(rng, cat["audit"]["statements"]["balance_gov"])
        form = "会政财01表"
        style = "gov"
    else:
        NA = TA - TL
        cur = int(TA * 0.7)
        cp = _split(cur, [4, 1, 1], rng)
        nonp = _split(TA - cur, [3, 1], rng)
        lp = _split(TL, [2, 1, 1], rng)
        restricted = int(max(NA, 0) * 0.15)
        la = [("流动资产：", None), ("货币资金", cp[0]), ("应收款项", cp[1]), ("预付账款", cp[2]), ("流动资产合计", cur),
              ("固定资产：", None), ("固定资产净值", nonp[0]), ("无形资产", nonp[1]), ("资产总计", TA)]
        ll = [("流动负债：", None), ("应付款项", lp[0]), ("应付工资", lp[1]), ("预收账款", lp[2]), ("流动负债合计", TL),
              ("负债合计", TL), ("净资产：", None), ("非限定性净资产", NA - restricted), ("限定性净资产", restricted),
              ("净资产合计", NA), ("负债和净资产总计", TA)]
        title = pick(rng, cat["audit"]["statements"]["balance_npo"])
        form = "会民非01表"
        style = "npo"
    if au.get("full") and nature == "enterprise":
        z = 0
        extra_a = ["交易性金融资产", "衍生金融资产", "应收票据", "应收款项融资", "合同资产", "持有待售资产", "一年内到期的非流动资产",
                   "其他流动资产"]
        extra_n = ["债权投资", "其他债权投资", "长期应收款", "长期股权投资", "其他权益工具投资", "其他非流动金融资产", "投资性房地产",
                   "在建工程", "生产性生物资产", "油气资产", "使用权资产", "开发支出", "商誉", "递延所得税资产", "其他非流动资产"]
        extra_l = ["交易性金融负债", "衍生金融负债", "应付票据", "预收款项", "持有待售负债", "一年内到期的非流动负债", "其他流动负债"]
        extra_nl = ["长期借款", "应付债券", "租赁负债", "长期应付款", "预计负债", "递延收益", "递延所得税负债", "其他非流动负债"]
        ia = [i for i, (l, _) in enumerate(la) if l == "流动资产合计"][0]
        la = la[:ia] + [(x, z) for x in extra_a] + la[ia:]
        ia = [i for i, (l, _) in enumerate(la) if l == "非流动资产合计"][0]
        la = la[:ia] + [(x, z) for x in extra_n] + la[ia:]
        il = [i for i, (l, _) in enumerate(ll) if l == "流动负债合计"][0]
        ll = ll[:il] + [(x, z) for x in extra_l] + ll[il:]
        il = [i for i, (l, _) in enumerate(ll) if l == "非流动负债合计"][0]
        ll = ll[:il] + [("非流动负债：", None)] + [(x, z) for x in extra_nl] + ll[il:]
    canon["audit.total_assets"] = M.canon(TA)
    canon["audit.total_liabilities"] = M.canon(TL)
    canon["audit.net_assets"] = M.canon(NA)

    cols = au.get("cols", "ye_first")
    if style == "npo" and cols == "ye_first":
        cols = "open_first"      # 会民非01表 prints 年初数 before 期末数
    col_names = cat["audit"]["balance_col_orders"][cols]
    ye_first = cols.startswith("ye")
    doc.h(title, 2)
    doc.p("%s" % form, size=9, align="right", indent=False)
    doc.p("编制单位：%s　　　　%d年12月31日　　　　%s" % (A["name"], LAST, unit_line), size=9, indent=False)

    def pair(v):
        o = _open(v, rng, ff)
        return (M.t(v), M.t(o)) if ye_first else (M.t(o), M.t(v))

    if style in ("side", "npo"):
        head = ["资产", "行次", col_names[0], col_names[1], "负债和%s" % ("所有者权益" if nature == "enterprise" else "净资产"), "行次", col_names[0], col_names[1]]
        rows = [head]
        n = max(len(la), len(ll))
        for i in range(n):
            a = la[i] if i < len(la) else ("", "")
            b = ll[i] if i < len(ll) else ("", "")
            pa = pair(a[1]) if a[1] not in (None, "") else ("", "")
            pb = pair(b[1]) if b[1] not in (None, "") else ("", "")
            rows.append([a[0], str(i + 1) if a[0] else "", pa[0], pa[1], b[0], str(i + 40) if b[0] else "", pb[0], pb[1]])
        doc.table(rows, header_rows=1, widths=[3.2, 0.8, 2.2, 2.2, 3.8, 0.8, 2.2, 2.2], size=7.5,
                  align=[None, "c", "r", "r", None, "c", "r", "r"])
    else:
        with_lineno = style in ("stacked_lineno", "gov")
        head = ["项目"] + (["行次"] if with_lineno else ["附注"]) + list(col_names)
        rows = [head]
        k = 1
        for lab, v in la + [("", "")] + ll:
            if lab == "":
                continue
            p = pair(v) if v not in (None, "") else ("", "")
            rows.append([lab, str(k) if with_lineno else "", p[0], p[1]])
            k += 1
        doc.table(rows, header_rows=1, widths=[6, 1, 3, 3], size=8.5, align=[None, "c", "r", "r"])
    if au.get("split_statement"):
        doc.pagebreak()
    # ---------------- income statement
    REV = _c(au["rev"])
    if nature == "enterprise":
        cost = int(REV * 0.52)
        tax = int(REV * 0.012)
        sell = int(REV * 0.06)
        adm = int(REV * 0.17)
        rd = int(REV * 0.03)
        fin = int(REV * 0.004)
        other = int(REV * 0.01)
        op = REV - cost - tax - sell - adm - rd - fin + other
        nonop_in = int(REV * 0.003)
        nonop_out = int(REV * 0.001)
        tot = op + nonop_in - nonop_out
        itax = int(max(tot, 0) * 0.05)
        net = tot - itax
        if "np" in au:
            # force a given net profit by moving the difference into 管理费用
            target = _c(au["np"])
            adm += net - target
            op = REV - cost - tax - sell - adm - rd - fin + other
            tot = op + nonop_in - nonop_out
            net = tot - itax
        canon["audit.revenue"] = M.canon(REV)
        canon["audit.net_profit"] = M.canon(net)
        rl = au.get("rev_label", "一、营业收入")
        lines = [(rl, REV), ("减：营业成本", cost), ("税金及附加", tax), ("销售费用", sell), ("管理费用", adm),
                 ("研发费用", rd), ("财务费用", fin), ("加：其他收益", other), ("二、营业利润（亏损以“－”号填列）", op),
                 ("加：营业外收入", nonop_in), ("减：营业外支出", nonop_out), ("三、利润总额（亏损总额以“－”号填列）", tot),
                 ("减：所得税费用", itax), (au.get("np_label", "四、净利润（净亏损以“－”号填列）"), net)]
        doc.h(pick(rng, cat["audit"]["statements"]["income_enterprise"]), 2)
        doc.p("会企02表", size=9, align="right", indent=False)
        doc.p("编制单位：%s　　　　%d年度　　　　%s" % (A["name"], LAST, unit_line), size=9, indent=False)
        cur_first = au.get("inc_cols", "cur_first") == "cur_first"
        hdr = ["项目", "行次", "本期金额", "上期金额"] if cur_first else ["项目", "行次", "上年金额", "本年金额"]
        rows = [hdr]
        for i, (lab, v) in enumerate(lines):
            pv = int(v * (0.86 + 0.1 * rng.random()))
            a, b = (M.t(v), M.t(pv)) if cur_first else (M.t(pv), M.t(v))
            rows.append([lab, str(i + 1), a, b])
        doc.table(rows, header_rows=1, widths=[6, 1, 3, 3], size=8.5, align=[None, "c", "r", "r"])
    elif nature == "public_institution":
        if au.get("style") == "gov_old":
            inc = _split(REV, [6, 2.5, 0.6, 0.4], rng)
            exp_total = int(REV * 0.93)
            ex = _split(exp_total, [6, 2, 1], rng)
            lines = [("一、收入", None), ("财政补助收入", inc[0]), ("事业收入", inc[1]), ("经营收入", inc[2]), ("其他收入", inc[3]),
                     ("收入合计", REV), ("二、支出", None), ("事业支出", ex[0]), ("经营支出", ex[1]), ("其他支出", ex[2]),
                     ("支出合计", exp_total), ("三、本期结余", REV - exp_total)]
            doc.h(pick(rng, cat["audit"]["statements"]["income_gov_old"]), 2)
            rows = [["项目", "行次", "本年数", "上年数"]]
            for i, (lab, v) in enumerate(lines):
                rows.append([lab, str(i + 1), M.t(v) if v is not None else "", M.t(_open(v, rng)) if v is not None else ""])
        else:
            inc = _split(REV, [6, 2.5, 0.6, 0.2, 0.3], rng)
            exp_total = int(REV * 0.95)
            ex = _split(exp_total, [6, 2.2, 0.3, 0.5], rng)
            lines = [("一、本期收入", REV), ("（一）财政拨款收入", inc[0]), ("（二）事业收入", inc[1]), ("（三）上级补助收入", inc[2]),
                     ("（四）利息收入", inc[3]), ("（五）其他收入", inc[4]), ("二、本期费用", exp_total), ("（一）业务活动费用", ex[0]),
                     ("（二）单位管理费用", ex[1]), ("（三）资产处置费用", ex[2]), ("（四）其他费用", ex[3]),
                     ("三、本期盈余", REV - exp_total)]
            doc.h(pick(rng, cat["audit"]["statements"]["income_gov"]), 2)
            doc.p("会政财03表", size=9, align="right", indent=False)
            rows = [["项目", "本月数", "本年累计数"]]
            mm = 0.07 + 0.04 * rng.random()
            for lab, v in lines:
                rows.append([lab, M.t(int(v * mm)), M.t(v)])
        doc.p("编制单位：%s　　　　%d年度　　　　%s" % (A["name"], LAST, unit_line), size=9, indent=False)
        doc.table(rows, header_rows=1, widths=[6] + [3] * (len(rows[0]) - 1), size=8.5)
        canon["audit.revenue"] = M.canon(REV)
    else:
        inc = _split(REV, [1.2, 1.5, 4, 0.3, 2, 0.2], rng)
        restricted_part = int(inc[4] * 0.6)
        exp_total = int(REV * 0.96)
        ex = _split(exp_total, [6.5, 2.5, 0.3, 0.2], rng)
        lines = [("一、收　　入", None, None), ("其中：捐赠收入", inc[0], 0), ("会费收入", inc[1], 0), ("提供服务收入", inc[2], 0),
                 ("商品销售收入", inc[3], 0), ("政府补助收入", inc[4] - restricted_part, restricted_part), ("其他收入", inc[5], 0),
                 ("收入合计", REV - restricted_part, restricted_part), ("二、费　　用", None, None),
                 ("（一）业务活动成本", ex[0], 0), ("（二）管理费用", ex[1], 0), ("（三）筹资费用", ex[2], 0), ("（四）其他费用", ex[3], 0),
                 ("费用合计", exp_total, 0), ("三、限定性净资产转为非限定性净资产", restricted_part, -restricted_part),
                 ("四、净资产变动额（若为净资产减少额，以“-”号填列）", REV - exp_total, 0)]
        doc.h(pick(rng, cat["audit"]["statements"]["income_npo"]), 2)
        doc.p("会民非02表", size=9, align="right", indent=False)
        doc.p("编制单位：%s　　　　%d年度　　　　%s" % (A["name"], LAST, unit_line), size=9, indent=False)
        rows = [["项　目", "行次", "本月数", "", "", "本年累计数", "", ""],
                ["", "", "非限定性", "限定性", "合计", "非限定性", "限定性", "合计"]]
        spans = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4), (0, 5, 0, 7)]
        m = 0.08 + 0.03 * rng.random()
        for i, (lab, u, r) in enumerate(lines):
            if u is None:
                rows.append([lab, "", "", "", "", "", "", ""])
                continue
            rows.append([lab, str(i + 1), M.t(int(u * m)), M.t(int(r * m)), M.t(int((u + r) * m)), M.t(u), M.t(r), M.t(u + r)])
        doc.table(rows, spans=spans, header_rows=2, widths=[4.6, 0.8, 1.7, 1.5, 1.7, 1.7, 1.5, 1.7], size=7.5)
        canon["audit.revenue"] = M.canon(REV)
    # ---------------- notes, service section
    doc.pagebreak()
    doc.h("财务报表附注", 2)
    doc.p("一、单位基本情况")
    doc.p("%s成立于%d年，统一社会信用代码%s，住所%s。" % (A["name"], int(A["est"][:4]), A["uscc"], A["address"]))
    doc.p("二、财务报表的编制基础")
    doc.p("本单位以持续经营为基础，根据实际发生的交易和事项，按照%s进行确认和计量，在此基础上编制财务报表。" % std)
    svc = au.get("service", "special")
    special = None
    SI, SE = _c(au["si"]), _c(au["se"])
    if svc == "notes":
        tt = pick(rng, cat["audit"]["service_section_titles"])
        doc.p("%s、%s" % (pick(rng, ["八", "九", "十", "十一"]), tt))
        MS = Money(au.get("svc_unit", "元"))
        doc.p("%d年度，%s为中小企业提供信息、培训、咨询等服务，取得服务收入%s%s，发生服务支出%s%s。"
              % (LAST, au.get("short", "本单位"), MS.t(SI), MS.unit, MS.t(SE), MS.unit))
        doc.table([["项目", "本年金额（%s）" % MS.unit], ["服务收入", MS.t(SI)], ["服务支出", MS.t(SE)],
                   ["服务收支结余", MS.t(SI - SE)]], header_rows=1, widths=[5, 4], size=9)
        canon["audit.service_income"] = MS.canon(SI)
        canon["audit.service_expense"] = MS.canon(SE)
    elif svc in ("special", "special_wan"):
        MS = Money("万元" if svc == "special_wan" else "元")
        special = Doc()
        special.spacer(30)
        special.h(pick(rng, cat["audit"]["special_titles"]).format(unit=A["name"], year=LAST), 1)
        special.p(au["report_no"].replace("审", "专审", 1), align="center", indent=False)
        special.p("%s：" % A["name"], indent=False)
        special.p("我们接受委托，对%s%d年度为中小企业提供服务的收入和支出情况进行了专项审计。提供真实、完整的服务收支资料是贵单位的责任，"
                  "我们的责任是在实施审计工作的基础上发表专项审计意见。" % (A["name"], LAST))
        rows_i = _split(SI, [3, 2, 1.5], rng)
        rows_e = _split(SE, [4, 1.5, 1.2, 0.6], rng)
        lab_i = pick(rng, cat["audit"]["special_rows"]["income"])
        lab_e = pick(rng, cat["audit"]["special_rows"]["expense"])
        rows = [["项目", "金额（%s）" % MS.unit, "备注"],
                [lab_i, MS.t(SI), ""], ["其中：%s" % pick(rng, ["信息服务收入", "咨询服务收入", "技术服务收入"]), MS.t(rows_i[0]), ""],
                ["　　　培训服务收入", MS.t(rows_i[1]), ""], ["　　　其他服务收入", MS.t(rows_i[2]), ""],
                [lab_e, MS.t(SE), ""], ["其中：人员费用", MS.t(rows_e[0]), ""], ["　　　场地及设施费用", MS.t(rows_e[1]), ""],
                ["　　　活动组织费用", MS.t(rows_e[2]), ""], ["　　　其他支出", MS.t(rows_e[3]), ""],
                ["服务收支结余", MS.t(SI - SE), ""]]
        if rng.random() < 0.5:
            special.p("单位：%s" % MS.unit, size=9, align="right", indent=False)
            rows[0][1] = "金额"
        special.table(rows, header_rows=1, widths=[5, 3, 2], size=9.5)
        special.p("经审计，我们认为，上述服务收支情况在所有重大方面真实反映了%s%d年度为中小企业提供服务的收支情况。" % (A["name"], LAST))
        special.spacer(20)
        special.p(au["firm"], align="right", indent=False)
        special.p("中国注册会计师：%s" % person(rng), align="right", indent=False)
        special.p("%d年3月%d日" % (AS_OF_YEAR, int(rng.integers(1, 28))), align="right", indent=False)
        canon["audit.service_income"] = MS.canon(SI)
        canon["audit.service_expense"] = MS.canon(SE)
    doc.p("%s、期后事项" % pick(rng, ["十二", "十三"]))
    doc.p("截至财务报表批准报出日，本单位无需要披露的重大期后事项。")
    return doc, special, canon


# ------------------------------------------------------------- lists
class Sheet:
    def __init__(self, title, header, body, header_spans=(), pre=(), post=(), widths=None,
                 repeat_every=None, blank_every=None):
        self.title, self.header, self.body = title, header, body
        self.header_spans = list(header_spans)
        self.pre, self.post = list(pre), list(post)
        self.widths = widths
        self.repeat_every = repeat_every
        self.blank_every = blank_every

    def ncols(self):
        return max(len(r) for r in self.header)

    def to_xlsx(self, path, sheetname="Sheet1", extra_sheets=()):
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = sheetname
        self._fill(ws)
        for s, name in extra_sheets:
            s._fill(wb.create_sheet(name))
        wb.properties.created = R.FIXED_DT
        wb.properties.modified = R.FIXED_DT
        wb.properties.creator = "Administrator"
        wb.save(path)
        R.normalize_zip(path)

    def _fill(self, ws):
        from openpyxl.styles import Alignment, Font
        nc = self.ncols()
        r = 1
        ws.cell(r, 1, self.title).font = Font(size=14, bold=True)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=nc)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
        r += 1
        for row in self.pre:
            for j, v in enumerate(row):
                ws.cell(r, j + 1, v)
            r += 1

        def header_at(r0):
            for i, hr in enumerate(self.header):
                for j, v in enumerate(hr):
                    if v != "":
                        ws.cell(r0 + i, j + 1, v).font = Font(bold=True)
            for (a, b, c, d) in self.header_spans:
                ws.merge_cells(start_row=r0 + a, start_column=b + 1, end_row=r0 + c, end_column=d + 1)
            return r0 + len(self.header)

        r = header_at(r)
        for i, row in enumerate(self.body):
            if self.repeat_every and i and i % self.repeat_every == 0:
                r = header_at(r)
            if self.blank_every and i and i % self.blank_every == 0:
                r += 1
            for j, v in enumerate(row):
                ws.cell(r, j + 1, v)
            r += 1
        for row in self.post:
            for j, v in enumerate(row):
                ws.cell(r, j + 1, v)
            r += 1
        if self.widths:
            from openpyxl.utils import get_column_letter
            for j, w in enumerate(self.widths):
                ws.column_dimensions[get_column_letter(j + 1)].width = w

    def to_doc(self, doc=None, size=8):
        doc = doc or Doc(landscape=self.ncols() > 8)
        doc.h(self.title, 2)
        for row in self.pre:
            doc.p("　".join(str(x) for x in row if x != ""), size=9, indent=False)
        rows = [list(map(str, h)) for h in self.header] + [[str(x) for x in r] for r in self.body]
        doc.table(rows, spans=self.header_spans, header_rows=len(self.header), size=size,
                  widths=self.widths)
        for row in self.post:
            doc.p("　".join(str(x) for x in row if x != ""), size=9, indent=False)
        return doc


def staff_people(rng, cat, n, college, mid, qual):
    both = college + mid - qual
    assert 0 <= both <= min(college, mid) and qual <= n, (n, college, mid, qual)
    kinds = ["both"] * both + ["edu"] * (college - both) + ["title"] * (mid - both) + ["none"] * (n - qual)
    first = kinds.pop(0) if kinds and kinds[0] == "both" else None
    order = list(rng.permutation(len(kinds)))
    kinds = ([first] if first else []) + [kinds[i] for i in order]
    E = cat["lists"]["education"]
    T = cat["lists"]["titles"]
    majors = ["工商管理", "会计学", "计算机科学与技术", "市场营销", "法学", "金融学", "电子商务", "机械工程", "汉语言文学", "人力资源管理", "软件工程", "农学"]
    posts = ["主任", "副主任", "服务专员", "项目经理", "培训讲师", "财务", "技术工程师", "咨询顾问", "综合管理", "运营专员"]
    people = []
    for i, k in enumerate(kinds):
        edu = pick(rng, E["qualified"]) if k in ("both", "edu") else pick(rng, E["unqualified"])
        title = pick(rng, T["mid_plus"]) if k in ("both", "title") else pick(rng, T["below"])
        people.append(dict(name=person(rng), sex=pick(rng, ["男", "女"]), id=id_number(rng), edu=edu,
                           major=pick(rng, majors) if edu not in ("初中", "高中") else "", title=title,
                           post=posts[0] if i == 0 else pick(rng, posts[1:]), phone=phone(rng),
                           school="" if edu in ("初中", "高中", "职高") else pick(rng, ["宁夏大学", "北方民族大学", "宁夏理工学院", "宁夏职业技术学院", "银川能源学院", "兰州大学", "西北师范大学"])))
    return people


def build_staff_sheet(A, rng, cat, n, college, mid, qual, fmt):
    people = staff_people(rng, cat, n, college, mid, qual)
    title = A["name"] + pick(rng, cat["lists"]["staff_titles"])
    H = cat["lists"]["staff_headers"]
    pre = [["填报单位（盖章）：" + A["name"], "", "", "", "", "填报日期：%d年3月" % AS_OF_YEAR]] if rng.random() < 0.6 else []
    post = []
    if fmt in ("xlsx_two",):
        top, sub = H["two_level"]["top"], H["two_level"]["sub"]
        row1, spans, c = [], [], 0
        for name, width in top:
            row1 += [name] + [""] * (width - 1)
            if width > 1:
                spans.append((0, c, 0, c + width - 1))
            else:
                spans.append((0, c, 1, c))
            c += width
        header = [row1, sub]
        body = [[i + 1, p["name"], p["sex"], p["id"], p["edu"], p["school"], p["major"], p["title"],
                 "%d年" % int(rng.integers(2008, 2024)) if p["title"] not in ("", "无", "—") else "", p["post"]] for i, p in enumerate(people)]
        sheet = Sheet(title, header, body, spans, pre, post, widths=[6, 10, 6, 22, 10, 16, 16, 14, 10, 12])
    elif fmt == "xlsx_alt":
        header = [H["alt"]]
        body = [[i + 1, p["name"], p["sex"], "%s.%s" % (p["id"][6:10], p["id"][10:12]), p["edu"], p["school"], p["title"], p["post"], ""] for i, p in enumerate(people)]
        sheet = Sheet(title, header, body, (), pre, post, widths=[6, 10, 6, 10, 12, 16, 14, 12, 8])
    else:
        header = [H["simple"]]
        body = [[i + 1, p["name"], p["sex"], p["id"], p["edu"], p["major"], p["title"], p["post"], p["phone"]] for i, p in enumerate(people)]
        sheet = Sheet(title, header, body, (), pre, post, widths=[6, 10, 6, 22, 10, 16, 14, 12, 14])
    if fmt == "xlsx_repeat":
        sheet.repeat_every = 12
        sheet.blank_every = 7
    tail = pick(rng, ["共计：%d人" % n, "合计　%d人" % n, "以上共%d人" % n, None])
    if tail:
        sheet.post.append([tail])
    sheet.post.append(["制表人：%s" % person(rng), "", "", "审核人：%s" % person(rng)])
    return sheet, {"staff_list.count": n, "staff_list.qualified_count": qual}


COMP_A = ["恒泰", "鑫源", "塞上", "贺兰", "黄河", "沙湖", "六盘", "西夏", "凤凰", "银湖", "金峰", "瑞丰", "宏达", "天元", "润泽", "嘉禾", "博远",
          "众创", "华新", "盛世", "锦程", "晨光", "云帆", "汇丰", "富康", "佳信", "宁丰", "长城", "星火", "朔方", "清泉", "丰登", "禾润", "立信"]
COMP_B = ["商贸", "农业科技", "建材", "食品", "电子科技", "物流", "文化传媒", "枸杞", "葡萄酒", "新材料", "机械制造", "信息技术", "餐饮管理", "建筑工程",
          "乳业", "清真食品", "环保科技", "医疗器械", "服饰", "印务", "软件", "旅游开发", "牧业", "化工"]
COMP_P = ["宁夏", "银川", "银川市", "吴忠市", "石嘴山市", "固原市", "中卫市", "灵武市", "青铜峡市", "中宁县", "平罗县", "贺兰县", "永宁县"]


def company_names(rng, n):
    seen, out = set(), []
    while len(out) < n:
        nm = pick(rng, COMP_P) + pick(rng, COMP_A) + pick(rng, COMP_A[:10] + [""]) + pick(rng, COMP_B) + pick(rng, ["有限公司", "有限责任公司", "股份有限公司", "有限公司"])
        if nm not in seen:
            seen.add(nm)
            out.append(nm)
    return out


def build_client_sheet(A, rng, cat, n, sat, fmt):
    names = company_names(rng, n)
    H = cat["lists"]["client_headers"]
    title = pick(rng, cat["lists"]["client_titles"])
    title = ("%s%d年度%s" % (A["name"], LAST, title)) if "20" not in title else A["name"] + title
    good = int(round(sat * n))
    words = ["非常满意"] * (good // 2) + ["满意"] * (good - good // 2) + ["基本满意"] * max(0, (n - good) - (n - good) // 3) + ["不满意"] * ((n - good) // 3)
    words = [words[i] for i in rng.permutation(len(words))]
    services = ["政策咨询", "融资对接", "管理诊断", "人才培训", "技术咨询", "代理记账", "知识产权代理", "市场推广", "创业辅导", "数字化诊断"]
    body = []
    regions = ["640104", "640105", "640106", "640121", "640181", "640202", "640302", "640381", "640402", "640502"]
    for i, nm in enumerate(names):
        if fmt == "b":
            body.append([i + 1, nm, pick(rng, ["制造业", "批发和零售业", "信息传输、软件和信息技术服务业", "农林牧渔业", "建筑业", "住宿和餐饮业"]),
                         pick(rng, services), "%d年%d月" % (LAST, int(rng.integers(1, 13))), words[i]])
        elif fmt == "c":
            # score bands match the word scale (≥80 满意及以上, 60–79 基本满意, <60 不满意), so a rate read as
            # the share at 满意 or above and one read as the mean score agree with the stated rate
            w = words[i]
            sc = int(rng.integers(90, 100)) if w == "非常满意" else int(rng.integers(80, 90)) if w == "满意" else \
                int(rng.integers(65, 80)) if w == "基本满意" else int(rng.integers(50, 60))
            body.append(["NO.%03d" % (i + 1), nm, pick(rng, ["小型", "微型", "中型"]), pick(rng, services), sc, ""])
        else:
            body.append([i + 1, nm, make_uscc(rng, "91", pick(rng, regions)), pick(rng, services),
                         "%d-%02d-%02d" % (LAST if rng.random() < 0.8 else PRIOR, int(rng.integers(1, 13)), int(rng.integers(1, 29))),
                         person(rng), phone(rng), words[i]])
    header = [H[fmt if fmt in ("a", "b", "c") else "a"]]
    sheet = Sheet(title, header, body, (), [], [], widths=[6, 34, 22, 14, 14, 10, 14, 12])
    tot = pick(rng, cat["lists"]["total_rows"])
    sheet.post.append([tot, "%d家" % n] if rng.random() < 0.5 else ["%s：共服务企业%d家" % (tot, n)])
    s_good = sum(1 for w in words if w in ("非常满意", "满意"))
    if fmt != "c":
        sheet.post.append(["满意度统计：非常满意及满意%d家，占%.1f%%" % (s_good, 100.0 * s_good / n)])
    else:
        sheet.post.append(["说明：90分及以上为非常满意，80-89分为满意，60-79分为基本满意，60分以下为不满意；满意及以上%d家，占%.1f%%。" % (s_good, 100.0 * s_good / n)])
    return sheet, {"client_list.count": n}


def build_equipment_sheet(A, rng, cat):
    items = [("服务器", "Dell PowerEdge R740", "台"), ("台式计算机", "联想启天M430", "台"), ("笔记本电脑", "ThinkPad E14", "台"),
             ("投影仪", "爱普生CB-X50", "台"), ("LED显示屏", "P2.5 室内全彩", "块"), ("视频会议系统", "华为TE30", "套"),
             ("多功能一体机", "佳能iR-ADV C3530", "台"), ("中小企业服务平台软件", "V3.0", "套"), ("财务软件", "用友U8+", "套"),
             ("会议桌椅", "定制", "套"), ("录播设备", "奥威亚AVA-3000", "套"), ("网络交换机", "H3C S5130", "台"), ("防火墙", "深信服AF-1000", "台"),
             ("培训教室桌椅", "—", "套"), ("检测仪器", "定制", "台"), ("无人机", "大疆M300", "架"), ("直播设备", "索尼FX3套装", "套")]
    k = int(rng.integers(9, len(items)))
    idx = sorted(rng.permutation(len(items))[:k])
    body = []
    for j, i in enumerate(idx):
        nm, mdl, u = items[i]
        q = int(rng.integers(1, 30)) if u == "台" else int(rng.integers(1, 4))
        body.append([j + 1, nm, mdl, q, u, "%d-%02d" % (int(rng.integers(2016, 2026)), int(rng.integers(1, 13))),
                     f"{int(rng.integers(3, 200)) * 1000.0 * q:,.2f}", pick(rng, ["服务大厅", "培训室", "机房", "办公区"]),
                     pick(rng, ["是", "否", "是"])])
    sheet = Sheet(A["name"] + pick(rng, cat["lists"]["equip_titles"]), [cat["lists"]["equip_headers"]], body, (),
                  [], [["合计", "", "", sum(r[3] for r in body)]], widths=[6, 22, 20, 8, 6, 12, 14, 12, 12])
    return sheet


# ------------------------------------------------------------- other materials
def lease_doc(A, rng, cat, lessor, lessor_code):
    F = A["fig"]
    d = Doc()
    d.h(pick(rng, cat["materials"]["lease_titles"]), 1)
    d.p("合同编号：ZL-%d-%04d" % (int(A["lease_start"][:4]), int(rng.integers(1, 9999))), align="right", indent=False)
    d.p("出租方（甲方）：%s" % lessor, indent=False)
    d.p("统一社会信用代码：%s" % lessor_code, indent=False)
    d.p("承租方（乙方）：%s" % A["name"], indent=False)
    d.p("统一社会信用代码：%s" % A["uscc"], indent=False)
    d.p("根据《中华人民共和国民法典》及有关规定，甲乙双方在平等、自愿、协商一致的基础上，就乙方承租甲方房屋事宜订立本合同。")
    d.p("第一条　房屋坐落、面积及用途")
    d.p("甲方将位于%s的房屋出租给乙方使用，建筑面积共%s平方米，用途为办公及中小企业服务场所。" % (A["address"], F["area"]))
    d.p("第二条　租赁期限")
    d.p("租赁期限自%s起至%s止。" % (fmt_date(A["lease_start"], "cn"), fmt_date(A["lease_end"], "cn")))
    d.p("第三条　租金及支付方式")
    rent = int(F["area"] * float(rng.uniform(0.6, 1.3)) * 365)
    d.p("年租金为人民币%s元（大写：%s），乙方按季度支付，每季度首月10日前付清当季租金。" % (format(rent, ","), cn_upper_yuan(rent)))
    d.p("第四条　甲方的权利和义务")
    d.p("甲方保证对出租房屋享有合法的出租权，按时将房屋交付乙方使用，并负责房屋主体结构的维修。")
    d.p("第五条　乙方的权利和义务")
    d.p("乙方应按约定用途合理使用房屋，不得擅自改变房屋结构，未经甲方书面同意不得转租。")
    d.p("第六条　违约责任")
    d.p("任何一方违反本合同约定的，应向对方支付相当于一个月租金的违约金；给对方造成损失的，应予赔偿。")
    d.p("第七条　其他")
    d.p("本合同未尽事宜，由双方协商签订补充协议。本合同一式两份，甲乙双方各执一份，自双方签字盖章之日起生效。")
    d.spacer(30)
    d.table([["甲方（盖章）：%s" % lessor, "乙方（盖章）：%s" % A["name"]],
             ["法定代表人或委托代理人：%s" % person(rng), "法定代表人或委托代理人：%s" % A["legal"]],
             ["签订日期：%s" % fmt_date(A["lease_sign"], "cn"), "签订日期：%s" % fmt_date(A["lease_sign"], "cn")]],
            widths=[1, 1], grid=False, size=10)
    return d


def use_cert_doc(A, rng, owner, free=False):
    F = A["fig"]
    d = Doc()
    if free:
        d.h("场地无偿使用协议", 1)
        d.p("甲方（提供方）：%s" % owner, indent=False)
        d.p("乙方（使用方）：%s" % A["name"], indent=False)
        d.p("为支持乙方开展中小企业公共服务工作，甲方同意将位于%s的办公用房（面积%s平方米）无偿提供乙方使用，使用期限自%s至%s。"
            "乙方应妥善使用并维护场地设施，不得转借他人。" % (A["address"], F["area"], fmt_date(A["lease_start"], "cn"), fmt_date(A["lease_end"], "cn")))
        d.spacer(30)
        d.p("甲方（盖章）：%s　　　　乙方（盖章）：%s" % (owner, A["name"]), indent=False)
        d.p(fmt_date(A["lease_sign"], "cn"), align="right", indent=False)
    else:
        d.h("房屋使用证明", 1)
        d.spacer(20)
        d.p("兹证明%s办公及服务场所位于%s，建筑面积%s平方米，产权单位为%s，由该单位无偿使用，用于开展中小企业公共服务。" % (A["name"], A["address"], F["area"], owner))
        d.p("特此证明。")
        d.spacer(40)
        d.p(owner + "（盖章）", align="right", indent=False)
        d.p(fmt_date(A["lease_sign"], "cn"), align="right", indent=False)
    return d


def deed_image(A, rng):
    F = A["fig"]
    W, H = 1240, 1700
    im = _paper(W, H, (246, 244, 236))
    d = ImageDraw.Draw(im)
    R.draw_text(d, (110, 90), "宁（%d）%s不动产权第%07d号" % (int(A["lease_start"][:4]), A["city"], int(rng.integers(1, 9999999))), 30, serif=True)
    x0, y0, x1 = 90, 170, W - 90
    rows = [("权 利 人", A["name"]), ("共有情况", "单独所有"), ("坐　　落", A["address"]),
            ("不动产单元号", "%s%s GB%05dF%08d" % (A["region_code"], "%03d%03d" % (int(rng.integers(1, 999)), int(rng.integers(1, 999))), int(rng.integers(1, 99999)), int(rng.integers(1, 99999999)))),
            ("权利类型", "国有建设用地使用权/房屋所有权"), ("权利性质", "出让/市场化商品房"), ("用　　途", "商务金融用地/办公"),
            ("面　　积", "共有宗地面积%d㎡/房屋建筑面积%s㎡" % (int(rng.integers(3000, 20000)), F["area"])),
            ("使用期限", "国有建设用地使用权 %d年%02d月%02d日起%d年%02d月%02d日止" % (2008, 5, 1, 2048, 4, 30)),
            ("权利其他状况", "专有建筑面积：%s㎡　分摊建筑面积：%d㎡" % (round(F["area"] * 0.86, 2), int(F["area"] * 0.14)))]
    y = y0
    for lab, val in rows:
        lines = R.wrap(val, 26, x1 - x0 - 300, serif=True)
        h = max(90, 40 * len(lines) + 40)
        d.rectangle([x0, y, x1, y + h], outline=(60, 60, 60), width=2)
        d.line([(x0 + 270, y), (x0 + 270, y + h)], fill=(60, 60, 60), width=2)
        R.draw_text(d, (x0 + 20, y + h / 2 - 15), lab, 26, serif=True, bold=True)
        for i, ln in enumerate(lines):
            R.draw_text(d, (x0 + 290, y + 25 + i * 40), ln, 26, serif=True)
        y += h
    R.draw_text(d, (x0, y + 40), "附　记", 26, serif=True, bold=True)
    im = R.stamp(im, R.seal("%s不动产登记中心" % A["city"].replace("市", "市"), 110, rng=rng), (W - 380, y + 60))
    return im


def notice_doc(A, rng, cat, event, date):
    d = Doc()
    d.h("关于举办%s的通知" % event, 1)
    d.p("各有关企业：", indent=False)
    d.p("为深入贯彻落实促进中小企业发展的各项政策措施，帮助企业用足用好惠企政策，%s定于%s在%s举办%s，现将有关事项通知如下：" % (A["name"], date, A["address"], event))
    d.p("一、参加对象：%s辖区内中小微企业负责人、财务负责人。" % (A.get("city") or "宁东基地"))
    d.p("二、主要内容：惠企政策解读、融资产品推介、企业经营管理经验交流。")
    d.p("三、报名方式：请于活动前三日将参会回执发送至平台邮箱，联系人：%s，电话：%s。" % (A["contact"], A["phone"]))
    d.p("四、本次活动不收取任何费用。")
    d.spacer(30)
    d.p(A["name"], align="right", indent=False)
    d.p(date.split("日")[0] + "日" if "日" in date else date, align="right", indent=False)
    return d


def summary_doc(A, rng, cat):
    F = A["fig"]
    d = Doc()
    d.h("%s%d年度工作总结" % (A["name"], LAST), 1)
    d.p("%d年，%s紧紧围绕中小企业发展需求，扎实开展各项公共服务工作，现将全年工作总结如下。" % (LAST, A["platform"]))
    d.p("一、主要工作成效", indent=False)
    d.p("全年服务中小企业%d家，组织开展各类服务活动，用户满意度保持较高水平。平台集聚%d家服务机构，形成了较为完善的服务网络。" % (F["smes_last"], F["agencies"]))
    d.p("二、存在的不足", indent=False)
    d.p("服务的精准性还需提高，线上平台功能有待进一步完善。")
    d.p("三、下一步工作打算", indent=False)
    d.p("继续完善服务功能，扩大服务覆盖面，提升服务质量和效率。")
    d.p(A["name"], align="right", indent=False)
    d.p("%d年1月%d日" % (AS_OF_YEAR, int(rng.integers(5, 28))), align="right", indent=False)
    return d


def event_photo(rng, caption, w=1280, h=960):
    base = rng.integers(60, 140, 3)
    im = Image.new("RGB", (w, h), tuple(int(x) for x in base))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, w, int(h * 0.42)], fill=(int(base[0] * 0.6), int(base[1] * 0.6), int(base[2] * 0.7)))
    d.rectangle([80, 60, w - 80, 200], fill=(190, 20, 30))
    R.draw_text(d, (w // 2, 130), caption, 46 if len(caption) < 18 else 36, fill=(255, 240, 200), bold=True, anchor="mm")
    for row in range(5):
        y = int(h * 0.5) + row * 90
        for k in range(11):
            x = 40 + k * 115 + (row % 2) * 50 + int(rng.integers(-10, 10))
            col = tuple(int(c) for c in rng.integers(20, 200, 3))
            d.ellipse([x, y, x + 46, y + 56], fill=(int(rng.integers(170, 220)), int(rng.integers(130, 170)), int(rng.integers(100, 140))))
            d.rectangle([x - 12, y + 52, x + 58, y + 130], fill=col)
    d.rectangle([w // 2 - 60, int(h * 0.3), w // 2 + 60, int(h * 0.45)], fill=(120, 70, 40))
    return R.photo_effect(im, rng, angle=0.0, bg=(40, 40, 40)).resize((w, h))


def icp_screenshot(A, rng, site, recno, date):
    W, H = 1280, 760
    im = Image.new("RGB", (W, H), (245, 247, 250))
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, W, 70], fill=(222, 225, 230))
    d.rounded_rectangle([120, 18, W - 120, 52], 14, fill=(255, 255, 255))
    R.draw_text(d, (140, 24), "https://beian.miit.gov.cn/#/Integrated/recordQuery", 18, fill=(60, 60, 60))
    d.rectangle([0, 70, W, 150], fill=(23, 93, 186))
    R.draw_text(d, (60, 92), "ICP/IP地址/域名信息备案管理系统", 30, fill=(255, 255, 255), bold=True)
    R.draw_text(d, (60, 180), "ICP备案主体信息", 22, fill=(30, 30, 30), bold=True)
    rows = [("备案号", recno.split("-")[0]), ("主办单位名称", A["name"]), ("主办单位性质", {"enterprise": "企业", "public_institution": "事业单位", "social_organization": "社会团体", "private_non_enterprise": "民办非企业单位"}[A["nature"]]),
            ("审核日期", date)]
    y = 220
    for lab, val in rows:
        d.rectangle([60, y, W - 60, y + 44], outline=(210, 215, 222), fill=(255, 255, 255))
        R.draw_text(d, (80, y + 10), lab, 19, fill=(110, 110, 110))
        R.draw_text(d, (300, y + 10), val, 19, fill=(20, 20, 20))
        y += 44
    R.draw_text(d, (60, y + 30), "ICP备案服务信息", 22, fill=(30, 30, 30), bold=True)
    y += 70
    hdr = ["服务备案号", "服务名称", "服务首页网址", "是否限制接入"]
    xs = [60, 380, 700, 1050]
    d.rectangle([60, y, W - 60, y + 44], fill=(236, 240, 246))
    for x, t in zip(xs, hdr):
        R.draw_text(d, (x + 12, y + 10), t, 18, fill=(80, 80, 80))
    y += 44
    d.rectangle([60, y, W - 60, y + 44], outline=(210, 215, 222), fill=(255, 255, 255))
    for x, t in zip(xs, [recno, site[0], site[1], "否"]):
        R.draw_text(d, (x + 12, y + 10), t, 18, fill=(20, 20, 20))
    return im


def cert_doc(A, rng, title, body_lines, issuer, date, no=None):
    d = Doc()
    d.spacer(50)
    d.h(title, 1)
    if no:
        d.p(no, align="center", indent=False)
    d.spacer(20)
    for ln in body_lines:
        d.p(ln)
    d.spacer(40)
    d.p(issuer, align="right", indent=False)
    d.p(date, align="right", indent=False)
    return d


def declaration_doc(A, rng, cat):
    d = Doc()
    d.spacer(40)
    d.h(pick(rng, cat["materials"]["declaration_titles"]), 1)
    d.spacer(20)
    d.p("自治区工业和信息化厅：", indent=False)
    d.p("本单位自愿申报自治区中小企业公共服务示范平台，现郑重声明：本次提交的申请报告及全部附件材料真实、准确、完整、有效，"
        "不存在任何虚假记载、误导性陈述或重大遗漏。如有不实，本单位愿意承担由此产生的一切法律责任，并接受相关部门的处理。")
    d.p("特此声明。")
    d.spacer(40)
    d.p("申报单位（公章）：%s" % (A.get("report_name") or A["name"]), align="right", indent=False)
    d.p("法定代表人（签字）：%s" % (A["legal"] if A["licence"]["kind"] != "branch" else A["licence"]["head"]), align="right", indent=False)
    d.p("%d年3月%d日" % (AS_OF_YEAR, int(rng.integers(10, 28))), align="right", indent=False)
    return d


def recommendation_doc(A, rng, cat):
    F = A["fig"]
    d = Doc()
    d.h(pick(rng, cat["materials"]["recommendation_titles"]), 1)
    names = "、".join(pick(rng, cat["functions"]["names"][f]) for f in FUNC_ORDER if f in A["funcs"])
    rows = [["平台名称", A["platform"], "", ""],
            ["运营单位", A.get("report_name") or A["name"], "", ""],
            ["所在地区", (A.get("city") or "宁东基地") + (A.get("county") or ""), "联系人", A["contact"]],
            ["服务功能", names, "", ""],
            ["运营情况", "该平台运营规范，具有固定的服务场所和专业服务团队，管理制度健全。", "", ""],
            ["服务业绩测评", "经测评，该平台%d年服务中小企业%d家，服务企业满意度较高。" % (LAST, F["smes_last"]), "", ""],
            ["推荐单位意见", "经审核，该平台申报材料齐全，符合《宁夏回族自治区中小企业公共服务示范平台认定管理办法》规定的条件，同意推荐。\n\n（盖章）\n%d年3月%d日" % (AS_OF_YEAR, int(rng.integers(20, 31))), "", ""],
            ["推荐单位", BUREAU[A.get("city")], "", ""]]
    spans = [(i, 1, i, 3) for i in (0, 1, 3, 4, 5, 6, 7)]
    d.table(rows, spans=spans, widths=[2.5, 5, 2, 3], size=11)
    return d
