#!/usr/bin/env python3
"""Held-out corpus generator.

    python generate.py OUTDIR [--seed N]

writes OUTDIR/batch/<applicant>/… (folders and zips) and OUTDIR/truth.jsonl.
Scenarios (what each package exercises and what its truth must be) are fixed;
the seed varies wordings, names of people and client firms, noise and layout
details.  Truth fields are collected from what each builder actually printed.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time

import numpy as np
import yaml
from stdnum.cn import uscc as USCC

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import lib_docs as D  # noqa: E402
import lib_render as R  # noqa: E402
from lib_render import Doc  # noqa: E402

AS_OF = dt.date(2026, 4, 30)
MOUNTAIN = {"固原市": None, "海原县": "中卫市", "同心县": "吴忠市", "红寺堡区": "吴忠市"}
REGION = {"金凤区": "640106", "兴庆区": "640104", "西夏区": "640105", "永宁县": "640121", "贺兰县": "640122", "灵武市": "640181",
          "大武口区": "640202", "惠农区": "640205", "平罗县": "640221", "利通区": "640302", "红寺堡区": "640303",
          "盐池县": "640323", "同心县": "640324", "青铜峡市": "640381", "原州区": "640402", "西吉县": "640422",
          "隆德县": "640423", "泾源县": "640424", "彭阳县": "640425", "沙坡头区": "640502", "中宁县": "640521",
          "海原县": "640522", None: "640181"}
AUTH = {"银川市": "银川市审批服务管理局", "石嘴山市": "石嘴山市市场监督管理局", "吴忠市": "吴忠市市场监督管理局",
        "固原市": "固原市原州区市场监督管理局", "中卫市": "中卫市市场监督管理局", None: "宁东能源化工基地市场监督管理局"}
SCOPES = {
    "service": "企业管理咨询；信息技术咨询服务；会议及展览服务；人才中介服务；创业空间服务；财务咨询；软件开发。（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
    "incubator": "科技企业孵化服务；众创空间经营管理；物业管理；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；非居住房地产租赁。",
    "guarantee": "为中小企业提供贷款担保、票据承兑担保、贸易融资担保、项目融资担保、信用证担保；诉讼保全担保；与担保业务有关的融资咨询、财务顾问等中介服务。",
    "tech": "检验检测服务；技术服务、技术开发、技术咨询；计量技术服务；标准化服务；知识产权服务（专利代理服务除外）。",
    "ecommerce": "互联网销售（除销售需要许可的商品）；电子商务培训；供应链管理服务；农产品销售；广告设计、代理；物流信息咨询。",
    "training": "职业技能培训（不含需取得许可的培训）；劳务派遣服务；人力资源服务（不含职业中介活动）；家政服务。",
}


# ---------------------------------------------------------------- scenarios
def base(key, folder, name, platform, city, county, address, est, cap, legal, fig, funcs, expect, **kw):
    A = dict(key=key, folder=folder, name=name, platform=platform, city=city, county=county, address=address,
             est=est, cap=cap, legal=legal, fig=fig, funcs=funcs, expect=expect, nature="enterprise",
             report=dict(fmt="docx", basic="4col", func="merged", money="wan_value", ratio="pct", date="cn", years="none"),
             licence=dict(kind="biz2019", fmt="photo", scope="service"),
             audit=dict(style="side", unit="元", service="special", cols="ye_first", opinion="standard_unqualified", firm=0),
             staff=dict(fmt="xlsx_simple"), client=dict(fmt="a"), equip=True,
             premises="lease_pdf", evidence=["notice_pdf"], quals=["icp"], decl="pdf", rec="docx",
             names={}, layout="flat", pack="folder", noise=[], planted=[], report_fig={})
    for k, v in kw.items():
        if isinstance(v, dict) and isinstance(A.get(k), dict):
            A[k].update(v)
        else:
            A[k] = v
    return A


def F(ta, tl, rev, si, se, staff, college, mid, qual, last, prior, sat, agencies, pub, area, **kw):
    d = dict(ta=ta, tl=tl, rev=rev, si=si, se=se, staff=staff, college=college, mid=mid, qual=qual,
             smes_last=last, smes_prior=prior, sat=sat, agencies=agencies, pub=pub, area=area)
    d.update(kw)
    return d


def scenarios():
    S = []
    add = S.append
    # ------------------------------------------------------------ eligible and complete
    add(base("P1", "银川-宁夏凤城数智企业服务有限公司", "宁夏凤城数智企业服务有限公司", "凤城中小企业数智服务平台",
             "银川市", "金凤区", "宁夏回族自治区银川市金凤区北京中路168号创新大厦8层", "2016-03-08", 5000000, "马志强",
             F(3525873.21, 1203456.10, 4127650.32, 2359870.00, 1874632.50, 26, 22, 9, 23, 86, 74, 0.93, 6, 0.35, 1200),
             {"information": dict(info_offline_smes=86, info_activities=11), "consulting": dict(consulting_activities=5)},
             "passed", report=dict(instructions=True), audit=dict(service="special_wan", firm=0),
             evidence=["notice_pdf", "photo", "photo"], noise=["~$申请报告.docx"]))
    add(base("P2", "石嘴山-石嘴山市星海科技企业孵化器有限公司", "石嘴山市星海科技企业孵化器有限公司", "星海双创孵化服务平台",
             "石嘴山市", "大武口区", "宁夏石嘴山市大武口区世纪大道东段科技孵化大厦", "2015-09-21", 10000000, "杨建国",
             F(8640215.66, 3102554.30, 3215880.45, 1986300.00, 1540221.18, 21, 19, 8, 19, 132, 118, 0.915, 9, 0.42, 6800, smes_older=97),
             {"entrepreneurship": dict(entrepreneurship_activities=6), "training": dict(training_person_times=720, training_qualification=True)},
             "passed", report=dict(basic="2col", years="cols3", years_money=True, func="unitcol", money="wan_label", date="iso"),
             licence=dict(fmt="scan", scope="incubator"), audit=dict(style="stacked", cols="open_first", service="notes", firm=1),
             staff=dict(fmt="xlsx_two"), client=dict(fmt="b"), premises="deed_photo", evidence=["summary_docx"],
             quals=["icp", "training_filing", "incubator"], decl="docx", rec="scan", pack="zip_top", names="numbered"))
    add(base("P3", "吴忠-吴忠市中小企业服务中心", "吴忠市中小企业服务中心", "吴忠市中小企业公共服务平台",
             "吴忠市", "利通区", "宁夏吴忠市利通区裕民西街56号", "2012-07-16", 580000, "田玉兰",
             F(4812330.52, 602118.40, 3960215.00, 1250000.00, 1186400.00, 18, 17, 10, 17, 215, 198, 0.96, 12, 0.85, 1500),
             {"information": dict(info_offline_smes=180, info_activities=16), "training": dict(training_person_times=1350, training_qualification=True),
              "consulting": dict(consulting_activities=8)},
             "passed", nature="public_institution",
             report=dict(basic="merged3", func="ticks", money="yuan", nature_text="公益二类事业单位", date="cn0"),
             licence=dict(kind="pi", valid_from="2025-03-18", valid_until="2030-03-17", issue_date="2025-03-18",
                          cert_no="证书号：事证第164030000018号", sponsor="吴忠市工业和信息化局", funding="财政补助",
                          authority="吴忠市事业单位登记管理局", scope="为中小企业提供政策咨询、信息服务、人才培训、融资对接等公共服务。"),
             audit=dict(firm=3, service="special"), premises="use_cert", evidence=["notice_docx", "photo"],
             quals=["icp", "training_filing"]))
    add(base("P4", "中卫-中卫市沙坡头区云创科技服务有限公司", "中卫市沙坡头区云创科技服务有限公司", "云创科技服务平台",
             "中卫市", "沙坡头区", "宁夏中卫市沙坡头区鼓楼西街云计算产业园3号楼", "2018-11-05", 3000000, "周海燕",
             F(2315690.08, 905332.15, 2880412.66, 1760500.30, 1402118.75, 15, 12, 6, 13, 78, 69, 0.88, 4, 0.26, 860),
             {"technology": dict(tech_activities=7), "market": dict(market_enterprise_times=96)},
             "passed", report=dict(fmt="pdf", basic="below", func="merged_claimed", money="mixed", date="dot", pad_before_table=560),
             licence=dict(kind="e_print", fmt="pdf", valid_until="2038-11-04", scope="tech"),
             audit=dict(style="stacked_lineno", split_statement=True, full=True, firm=2, opinion="unqualified_with_emphasis"),
             staff=dict(fmt="docx"), premises="lease_scan", decl="scan", layout="deep40"))
    add(base("P5", "固原-宁夏六盘山绿源农业科技服务有限公司", "宁夏六盘山绿源农业科技服务有限公司", "六盘山特色农业科技服务平台",
             "固原市", "原州区", "宁夏固原市原州区六盘山西路18号", "2014-05-20", 8000000, "海文军",
             F(6120448.90, 2877610.02, 3402118.00, 1622790.00, 1350400.00, 16, 11, 7, 12, 64, 60, 0.86, 3, 0.31, 950),
             {"information": dict(info_offline_smes=62, info_activities=6), "technology": dict(tech_activities=4)},
             "passed", report=dict(basic="below", func="words", hu=True, region_field=True),
             licence=dict(fmt="lowc"), audit=dict(unit="万元", service="special_wan", firm=4),
             staff=dict(fmt="xlsx_repeat"), evidence=["notice_pdf", "photo", "photo"]))
    add(base("P6", "银川-宁夏银信融资担保有限公司", "宁夏银信融资担保有限公司", "银信中小企业融资服务平台",
             "银川市", "兴庆区", "宁夏银川市兴庆区解放东街218号金融大厦15层", "2011-08-30", 200000000, "李宏伟",
             F(312450880.40, 86330215.60, 21560330.12, 9860400.00, 6225130.00, 34, 33, 19, 33, 356, 322, 0.94, 15, 0.22, 2100),
             {"financing": dict(financing_activities=2, financing_amount=120000000, guarantee_new_amount=680000000)},
             "passed", report=dict(basic="2col", fin_style="yi", split_pages=True),
             licence=dict(type="其他有限责任公司", scope="guarantee"), audit=dict(unit="万元", service="notes", svc_unit="万元", firm=5),
             quals=["icp", "guarantee_licence"], evidence=["notice_pdf", "photo"]))
    add(base("P7", "银川-宁夏智慧谷知识产权服务有限公司", "宁夏智慧谷知识产权服务有限公司", "智慧谷知识产权公共服务平台",
             "银川市", "西夏区", "宁夏银川市西夏区文昌北街科技园B座5层", "2017-04-11", 2000000, "苏晓东",
             F(1986402.37, 744120.55, 2410335.80, 2018600.00, 1603200.40, 13, 13, 5, 13, 97, 88, 0.90, 5, 0.30, 540),
             {"technology": dict(tech_activities=9), "consulting": dict(consulting_activities=4)},
             "passed", report=dict(basic="transposed", func="unitcol", money="wan_header"),
             audit=dict(style="stacked", firm=6), evidence=["notice_pdf", "photo", "photo"], layout="bundle_toc"))
    add(base("P8", "宁东-宁夏宁东煤化工产业服务有限公司", "宁夏宁东煤化工产业服务有限公司", "宁东化工产业链企业服务平台",
             None, None, "宁夏宁东能源化工基地宁东镇企业总部大楼A座12层", "2013-10-09", 10000000, "纳建军",
             F(15480210.33, 7220401.16, 9880216.70, 4310800.00, 3655100.00, 28, 25, 14, 26, 145, 131, 0.89, 7, 0.24, 1800),
             {"market": dict(market_enterprise_times=140), "information": dict(info_offline_smes=75, info_activities=5)},
             "passed", report=dict(basic="transposed", func="ticks", money="yuan_label", date="cn0", omit=["contact"]),
             licence=dict(kind="biz2016", fmt="scan_gray"), audit=dict(cols="ye_first_alt", firm=6),
             client=dict(fmt="c"), quals=["icp"], evidence=["brief_pdf"]))
    add(base("P9", "吴忠-青铜峡市鸿泰企业管理咨询有限公司", "青铜峡市鸿泰企业管理咨询有限公司", "鸿泰企业管理咨询服务平台",
             "吴忠市", "青铜峡市", "宁夏吴忠市青铜峡市小坝镇古峡西街88号", "2012-02-14", 1000000, "丁学军",
             F(1352906.45, 401220.10, 1688430.25, 1210330.00, 998450.60, 12, 10, 5, 11, 71, 66, 0.87, 3, 0.28, 420),
             {"consulting": dict(consulting_activities=6), "training": dict(training_person_times=380, training_qualification=False)},
             "passed", report=dict(basic="kv", func="words", date="slash"),
             licence=dict(kind="biz2016", fmt="photo"), audit=dict(style="stacked", service="notes", firm=0, full=True),
             premises="lease_docx", evidence=["notice_pdf", "photo"], pack="zip_gbk", names="gbk"))
    add(base("P10", "宁夏塞上云数字经济服务有限公司", "宁夏塞上云数字经济服务有限公司", "塞上云数字经济公共服务平台",
             "银川市", "兴庆区", "宁夏银川市兴庆区丽景北街数字经济产业园2号楼", "2024-04-30", 10000000, "金佳慧",
             F(5630118.20, 2310400.00, 6215880.00, 3880400.00, 3120450.00, 24, 22, 7, 22, 140, 52, 0.91, 6, 0.25, 1100),
             {"information": dict(info_offline_smes=140, info_activities=12), "market": dict(market_enterprise_times=210)},
             "passed", report=dict(basic="lines", func="prose", money="mixed"),
             licence=dict(valid_until="2054-04-29", issue_date="2024-04-30"), evidence=["photo", "photo", "summary_docx"],
             layout="nested", names="messy", noise=["Thumbs.db"]))
    add(base("P11", "中卫-中宁县枸杞产业创业孵化有限公司", "中宁县枸杞产业创业孵化有限公司", "中宁枸杞产业创业孵化服务平台",
             "中卫市", "中宁县", "宁夏中卫市中宁县宁安镇枸杞大道西侧创业园", "2016-06-18", 5000000, "白润泽",
             F(3980225.14, 1660300.88, 2015460.00, 1102300.00, 905600.00, 14, 11, 4, 11, 68, 61, 0.90, 4, 0.36, 2600),
             {"entrepreneurship": dict(entrepreneurship_activities=5)},
             "passed", report=dict(fmt="scan", basic="4col", func="merged", money="wan_label"),
             licence=dict(scope="incubator"), audit=dict(style="stacked", firm=1, full=True), premises="lease_camscanner",
             evidence=["photo", "photo"], names={"icp": "Screenshot_2026-03-18-10-22-31.png"}))
    add(base("P12", "石嘴山-石嘴山市惠农区职业技能培训学校", "石嘴山市惠农区职业技能培训学校", "惠农区中小企业人才培训服务平台",
             "石嘴山市", "惠农区", "宁夏石嘴山市惠农区北大街育才路12号", "2013-03-26", 500000, "郭丽娟",
             F(2350660.48, 410330.20, 1980445.60, 1650200.00, 1380110.00, 17, 15, 9, 16, 88, 80, 0.92, 3, 0.55, 1300),
             {"training": dict(training_person_times=2600, training_qualification=True)},
             "passed", nature="private_non_enterprise",
             report=dict(basic="2col", func="merged", nature_text="民办非企业单位（法人）", ext_override=".doc"),
             licence=dict(kind="pne", fmt="scan", valid_from="2023-03-26", valid_until="2028-03-25", issue_date="2023-03-26",
                          sponsor="石嘴山市惠农区人力资源和社会保障局", authority="石嘴山市惠农区民政局", cert_no="",
                          scope="职业技能培训、创业培训、企业员工岗位技能提升培训。"),
             audit=dict(firm=4), quals=["school_licence", "icp"], evidence=["notice_pdf", "photo"]))
    # ------------------------------------------------------------ needs review
    add(base("R1", "固原-西吉县丰源电子商务服务有限公司", "西吉县丰源电子商务服务有限公司", "西吉电商公共服务平台",
             "固原市", "西吉县", "宁夏固原市西吉县吉强镇西兰街电商产业园", "2017-08-08", 3000000, "马丽",
             F(1830227.40, 690118.22, 1402660.00, 880300.00, 760400.00, 11, 5, 1, 5, 42, 38, 0.88, 3, 0.40, 600),
             {"market": dict(market_enterprise_times=65)},
             "needs_review", report=dict(years="cols", omit=["registered_capital"]), licence=dict(scope="ecommerce")))
    add(base("R2", "中卫-海原县富民创业服务有限公司", "海原县富民创业服务有限公司", "海原县创业服务平台",
             "中卫市", "海原县", "宁夏中卫市海原县海城镇新区文昌路", "2015-12-01", 2000000, "田志强",
             F(1250400.80, 380220.00, 980300.00, 620000.00, 540300.00, 8, 6, 2, 6, 58, 55, 0.90, 2, 0.45, 380),
             {"entrepreneurship": dict(entrepreneurship_activities=4)},
             "needs_review", report=dict(basic="2col", nature_boxes=True, ratio="frac"), licence=dict(fmt="lowc")))
    add(base("R3", "银川-宁夏中小企业服务业协会", "宁夏中小企业服务业协会", "宁夏中小企业协会公共服务平台",
             "银川市", "金凤区", "宁夏银川市金凤区阅海湾商务区万寿路142号", "2019-06-12", 300000, "陈宏伟",
             F(682330.45, 120400.18, 1060220.00, 540300.00, 488200.00, 12, 12, 6, 12, 58, 51, 0.92, 8, 0.70, 300),
             {"information": dict(info_offline_smes=58, info_activities=8), "consulting": dict(consulting_activities=4)},
             "needs_review", nature="social_organization", report=dict(basic="2col", func="unitcol"),
             licence=dict(kind="so", valid_from="2024-06-12", valid_until="2029-06-11", issue_date="2024-06-12",
                          sponsor="宁夏回族自治区工业和信息化厅", authority="宁夏回族自治区民政厅", cert_no="",
                          scope="政策宣传、信息交流、咨询服务、业务培训、行业调研、承接政府委托事项。"),
             audit=dict(service="notes", firm=2), premises="free_use", layout="bundle_scan", quals=["icp"]))
    add(base("R4", "银川-银川市中小企业公共服务中心", "银川市中小企业公共服务中心", "银川市中小企业公共服务平台",
             "银川市", "西夏区", "宁夏银川市西夏区北京西路630号", "2024-09-20", 1200000, "赵建国",
             F(2840600.20, 310220.40, 2650000.00, 820000.00, 790300.00, 14, 14, 6, 14, 75, 18, 0.93, 5, 0.90, 800),
             {"information": dict(info_offline_smes=75, info_activities=9)},
             "needs_review", nature="public_institution",
             report=dict(nature_text="事业单位", money="wan_header"),
             licence=dict(kind="pi", valid_from="2024-09-20", valid_until="2029-09-19", issue_date="2024-09-20",
                          cert_no="证书号：事证第164010000236号", sponsor="银川市工业和信息化局", funding="财政全额拨款",
                          authority="银川市事业单位登记管理局", scope="承担全市中小企业公共服务平台运营，提供政策咨询、融资对接、人才培训服务。"),
             audit=dict(style="gov_old", firm=2), premises="use_cert"))
    add(base("R5", "吴忠-宁夏利通区汇智企业服务有限公司", "宁夏利通区汇智企业服务有限公司", "汇智企业综合服务平台",
             "吴忠市", "利通区", "宁夏吴忠市利通区朝阳街汇智大厦", "2014-11-11", 5000000, "王伟",
             F(4386215.40, 1520330.10, 3310220.00, 1880500.00, 1505220.00, 12, 8, 4, 8, 76, 70, 0.89, 4, 0.27, 700),
             {"consulting": dict(consulting_activities=7)},
             "needs_review", report_fig=dict(ta=5200000.0), staff_list=dict(n=9, college=8, mid=4, qual=8), licence=dict(fmt="pdfscan"),
             planted=[["total_assets", "audit.total_assets"], ["service_staff", "staff_list.count"]]))
    add(base("R6", "银川-宁夏贺兰山数据科技有限公司", "宁夏贺兰山数据科技有限公司", "贺兰山大数据中小企业服务平台",
             "银川市", "金凤区", "宁夏银川市金凤区阅海万家C区数据大厦", "2016-10-10", 10000000, "刘鹏飞",
             F(9880412.30, 4022118.00, 7320450.00, 3230000.00, 2710220.00, 31, 29, 12, 29, 122, 109, 0.90, 6, 0.23, 1600),
             {"information": dict(info_offline_smes=95, info_activities=7), "technology": dict(tech_activities=5)},
             "needs_review", uscc_bad=True, licence=dict(kind="e_print", fmt="pdf", scope="tech")))
    add(base("R7", "石嘴山-平罗县兴农科技服务有限公司", "平罗县兴农科技服务有限公司", "平罗县农业科技服务平台",
             "石嘴山市", "平罗县", "宁夏石嘴山市平罗县城关镇鼓楼南街", "2015-04-22", 2000000, "冯春梅",
             F(1720400.60, 512300.00, 1480330.00, 930000.00, 812000.00, 13, 10, 6, 11, 66, 62, 0.87, 3, 0.29, 520),
             {"technology": dict(tech_activities=6), "training": dict(training_person_times=560, training_qualification=True)},
             "needs_review", uscc_swap=True, licence=dict(fmt="scan"), quals=["training_filing"], report=dict(bare_counts=True),
             planted=[["uscc", "licence.uscc"]]))
    # ------------------------------------------------------------ ineligible
    add(base("I1", "银川-宁夏永宁县智联企业服务有限公司", "宁夏永宁县智联企业服务有限公司", "智联中小企业服务平台",
             "银川市", "永宁县", "宁夏银川市永宁县杨和镇宁和南街", "2015-07-07", 3000000, "张俊杰",
             F(2640330.20, 980400.10, 2210600.00, 1330000.00, 1101400.00, 15, 12, 5, 13, 73, 65, 0.78, 3, 0.30, 650),
             {"information": dict(info_offline_smes=70, info_activities=5)},
             "ineligible", report=dict(ratio="score", basic="merged3", fmt="pdf_kangxi")))
    add(base("I2", "中卫-中卫市金沙物流信息服务有限公司", "中卫市金沙物流信息服务有限公司", "金沙物流信息公共服务平台",
             "中卫市", "沙坡头区", "宁夏中卫市沙坡头区迎宾大道物流园", "2013-05-15", 5000000, "罗晓东",
             F(3210400.00, 1205330.00, 2980110.00, 1540000.00, 1320000.00, 19, 15, 6, 16, 64, 71, 0.88, 4, 0.25, 900),
             {"market": dict(market_enterprise_times=88), "information": dict(info_offline_smes=64, info_activities=6)},
             "ineligible", report=dict(years="cols_rev", basic="2col", func="unitcol")))
    add(base("I3", "银川-北京华企云财税咨询有限公司宁夏分公司", "北京华企云财税咨询有限公司宁夏分公司", "华企云财税服务平台（宁夏）",
             "银川市", "金凤区", "宁夏银川市金凤区宁安大街490号智力大厦1201室", "2019-03-01", None, "吴海",
             F(1560300.00, 1020400.00, 3650220.00, 2880000.00, 2410000.00, 18, 17, 8, 17, 160, 142, 0.93, 4, 0.21, 450),
             {"consulting": dict(consulting_activities=12)},
             "ineligible", licence=dict(kind="branch", head="吴海", type="有限责任公司分公司(自然人投资或控股)"),
             report=dict(labels={"legal_rep": "负责人"})))
    add(base("I4", "吴忠-吴忠市恒信电子商务服务有限公司", "吴忠市恒信电子商务服务有限公司", "恒信跨境电商服务平台",
             "吴忠市", "利通区", "宁夏吴忠市利通区金积大道电商孵化园", "2014-09-09", 5000000, "何润泽",
             F(4120550.70, 2210330.00, 5602118.00, 2410000.00, 2022000.00, 20, 16, 7, 17, 95, 90, 0.90, 5, 0.23, 1000),
             {"market": dict(market_enterprise_times=120), "technology": dict(tech_activities=5)},
             "ineligible", audit=dict(opinion="qualified", firm=5), licence=dict(scope="ecommerce"), staff=dict(fmt="xlsx_alt"),
             noise=[".DS_Store"]))
    add(base("I5", "银川-银川市兴庆区阳光社会工作服务中心", "银川市兴庆区阳光社会工作服务中心", "阳光中小企业社会服务平台",
             "银川市", "兴庆区", "宁夏银川市兴庆区新华东街社区服务综合楼3层", "2016-12-20", 100000, "徐雅琴",
             F(823400.16, 95330.00, 1120300.00, 860000.00, 790000.00, 12, 11, 4, 11, 66, 60, 0.90, 3, 0.60, 320),
             {"training": dict(training_person_times=900, training_qualification=True), "consulting": dict(consulting_activities=3)},
             "ineligible", nature="private_non_enterprise", report=dict(nature_text="社会服务机构"),
             licence=dict(kind="pne", fmt="photo", valid_from="2021-12-20", valid_until="2026-12-19", issue_date="2021-12-20",
                          sponsor="银川市兴庆区民政局", authority="银川市兴庆区民政局", cert_no="",
                          scope="社会工作服务、企业员工培训、公益咨询、志愿服务组织。"),
             audit=dict(service="special", firm=3), quals=["training_filing"]))
    add(base("I6", "吴忠-同心县惠民商贸服务有限公司", "同心县惠民商贸服务有限公司", "同心县中小商贸企业服务平台",
             "吴忠市", "同心县", "宁夏吴忠市同心县豫海镇长征东街", "2012-10-30", 2000000, "马志远",
             F(1420300.00, 560000.00, 1260400.00, 680000.00, 610000.00, 10, 7, 2, 7, 46, 44, 0.86, 2, 0.15, 500),
             {"market": dict(market_enterprise_times=60)},
             "ineligible", licence=dict(fmt="lowc", scope="ecommerce"), report=dict(region_field=True, basic="kv")))
    add(base("I7", "石嘴山-宁夏石嘴山宏达技术培训有限公司", "宁夏石嘴山宏达技术培训有限公司", "宏达技能培训服务平台",
             "石嘴山市", "大武口区", "宁夏石嘴山市大武口区朝阳西街职教园", "2016-05-05", 1000000, "孙红霞",
             F(1380220.50, 402330.00, 1050600.00, 820000.00, 700000.00, 12, 9, 4, 10, 55, 52, 0.85, 2, 0.22, 600),
             {"training": dict(training_person_times=430, training_qualification=True), "consulting": dict(consulting_activities=2)},
             "ineligible", report=dict(func="ticks"), licence=dict(scope="training"), quals=["training_filing"]))
    # ------------------------------------------------------------ incomplete
    add(base("C1", "银川-宁夏天成检验检测技术服务有限公司", "宁夏天成检验检测技术服务有限公司", "天成中小企业检验检测公共服务平台",
             "银川市", "西夏区", "宁夏银川市西夏区同心南路检验检测产业园", "2013-08-18", 10000000, "高俊杰",
             F(12330400.25, 4880220.00, 8640330.00, 5220000.00, 4410000.00, 36, 33, 15, 34, 210, 196, 0.95, 5, 0.21, 2300),
             {"technology": dict(tech_activities=14)},
             "incomplete", premises="missing", quals=["cma", "icp"], licence=dict(scope="tech"), report=dict(omit=["premises_area"])))
    add(base("C2", "固原-隆德县六盘山文旅企业服务有限公司", "隆德县六盘山文旅企业服务有限公司", "六盘山文旅企业服务平台",
             "固原市", "隆德县", "宁夏固原市隆德县城关镇六盘山路", "2017-03-03", 3000000, "林子涵",
             F(1620330.00, 480200.00, 1210400.00, 760000.00, 650000.00, 11, 9, 3, 9, 55, 50, 0.90, 2, 0.33, 480),
             {"information": dict(info_offline_smes=55, info_activities=4)},
             "incomplete", premises="corrupt"))
    add(base("C3", "中卫-中卫市智造企业服务有限公司", "中卫市智造企业服务有限公司", "中卫智造企业服务平台",
             "中卫市", "沙坡头区", "宁夏中卫市沙坡头区工业园区智造大厦", "2016-09-09", 5000000, "朱明辉",
             F(2980400.12, 1102300.00, 2330400.00, 1402000.00, 1180000.00, 16, 14, 6, 14, 83, 77, 0.90, 4, 0.27, 760),
             {"technology": dict(tech_activities=5), "market": dict(market_enterprise_times=75)},
             "incomplete", equip=False, layout="bundle", report=dict(basic="4col", func="merged"),
             licence=dict(scope="tech")))
    add(base("C4", "银川-宁夏西部云谷信息技术有限公司", "宁夏西部云谷信息技术有限公司", "西部云谷中小企业信息服务平台",
             "银川市", "金凤区", "宁夏银川市金凤区亲水大街云谷大厦", "2015-01-20", 20000000, "胡浩然",
             F(18330600.40, 7402330.00, 12600440.00, 6330000.00, 5120000.00, 42, 40, 16, 40, 260, 233, 0.92, 10, 0.24, 2600),
             {"information": dict(info_offline_smes=110, info_activities=9)},
             "incomplete", audit=dict(service="none", firm=1), licence=dict(scope="tech")))
    add(base("C5", "吴忠-红寺堡区弘德劳务服务有限公司", "红寺堡区弘德劳务服务有限公司", "红寺堡区劳务与技能培训服务平台",
             "吴忠市", "红寺堡区", "宁夏吴忠市红寺堡区新民街劳务市场综合楼", "2014-04-08", 1000000, "马瑞雪",
             F(1160200.00, 350000.00, 980300.00, 700000.00, 610000.00, 11, 8, 3, 8, 60, 57, 0.89, 2, 0.50, 420),
             {"training": dict(training_person_times=650, training_qualification=True)},
             "incomplete", decl="empty", rec="missing", licence=dict(scope="training"), quals=["training_filing", "icp"],
             names="messy2", evidence=["photo"]))
    return S


# ---------------------------------------------------------------- finishing a scenario
LESSORS = ["宁夏恒泰物业管理有限公司", "银川高新技术产业开发区投资控股有限公司", "宁夏中关村科技产业园运营有限公司",
           "吴忠市国有资产经营有限公司", "宁夏宏宇置业有限公司", "中卫市城市建设投资集团有限公司", "固原市国有资本投资运营有限公司"]


def finish(A, rng, cat):
    region = REGION[A["county"]]
    A["region_code"] = region
    prefix = {"enterprise": "91", "public_institution": "12", "social_organization": "51", "private_non_enterprise": "52"}[A["nature"]]
    A["uscc"] = D.make_uscc(rng, prefix, region, bad=A.get("uscc_bad", False))
    if A.get("uscc_swap"):
        c = list(A["uscc"])
        for i in range(10, 16):
            if c[i] != c[i + 1]:
                c[i], c[i + 1] = c[i + 1], c[i]
                break
        A["report_uscc"] = "".join(c)
        assert A["report_uscc"] != A["uscc"]
    sh = A["name"]
    for p in ("宁夏", "北京", "银川市", "石嘴山市", "吴忠市", "固原市", "中卫市") + tuple(k for k in REGION if k):
        if sh.startswith(p):
            sh = sh[len(p):]
    for p in ("宁夏", "北京", "银川市", "石嘴山市", "吴忠市", "固原市", "中卫市") + tuple(k for k in REGION if k):
        if sh.startswith(p):
            sh = sh[len(p):]
    A["short"] = sh[:4]
    if A["names"] == {}:
        A["names"] = D.pick(rng, ["clean", "clean", "attach", "short"])
    A["contact"] = D.person(rng)
    A["phone"] = D.phone(rng)
    L = A["licence"]
    L.setdefault("valid_from", A["est"])
    L.setdefault("valid_until", None)
    if "issue_date" not in L:
        y = max(int(A["est"][:4]) + 1, 2020)
        L["issue_date"] = "%d-%02d-%02d" % (min(y + int(rng.integers(0, 4)), 2025), int(rng.integers(1, 13)), int(rng.integers(1, 28)))
    L.setdefault("authority", AUTH[A["city"]])
    L.setdefault("cert_no", "".join(str(int(rng.integers(10))) for _ in range(20)))
    L["scope"] = SCOPES.get(L.get("scope"), L.get("scope") or SCOPES["service"])
    au = A["audit"]
    au["firm"] = cat["audit"]["firms"][au["firm"]]
    fi = cat["audit"]["firms"].index(au["firm"])
    au["report_no"] = cat["audit"]["report_no"][fi].format(n=int(rng.integers(12, 480)))
    for k in ("ta", "tl", "rev", "si", "se"):
        au[k] = A["fig"][k]
    au["short"] = {"enterprise": "贵公司", "public_institution": "贵中心", "social_organization": "贵会",
                   "private_non_enterprise": "贵单位"}[A["nature"]]
    st = A.get("staff_list") or {}
    A["staff_list"] = dict(n=st.get("n", A["fig"]["staff"]), college=st.get("college", A["fig"]["college"]),
                           mid=st.get("mid", A["fig"]["mid"]), qual=st.get("qual", A["fig"]["qual"]))
    A["lease_start"] = "%d-%02d-01" % (int(rng.integers(2021, 2025)), int(rng.integers(1, 13)))
    A["lease_end"] = "%d-%s" % (int(A["lease_start"][:4]) + int(rng.integers(3, 6)), A["lease_start"][5:7] + "-01")
    A["lease_end"] = (dt.date.fromisoformat(A["lease_end"]) - dt.timedelta(days=1)).isoformat()
    A["lease_sign"] = (dt.date.fromisoformat(A["lease_start"]) - dt.timedelta(days=int(rng.integers(3, 20)))).isoformat()
    A["lessor"] = D.pick(rng, LESSORS)
    A["lessor_code"] = D.make_uscc(rng, "91", D.pick(rng, ["640106", "640104", "640302", "640502", "640402"]))
    return A


# ---------------------------------------------------------------- file names
CLEAN = dict(report="申请报告", licence=None, audit="2025年度审计报告.pdf", special="服务收支专项审计报告.pdf",
             lease="房屋租赁合同", deed="不动产权证书.jpg", use_cert="房屋使用证明.pdf", free_use="场地无偿使用协议.pdf",
             equip="设备清单.xlsx", staff="主要人员名单.xlsx", client="签约服务企业名单.xlsx",
             notice="活动通知.pdf", notice_docx="活动通知.docx", summary="2025年度工作总结.docx", brief="活动简报.pdf",
             photo="活动照片{n}.jpg", icp="ICP备案截图.png", training_filing="培训机构备案证明.pdf", incubator="孵化器认定文件.pdf",
             guarantee_licence="融资担保业务经营许可证.pdf", school_licence="民办学校办学许可证.jpg", cma="检验检测机构资质认定证书.pdf",
             decl="真实性声明", rec="推荐表")
ATTACH = dict(report="附件2：申请报告", licence="附件（二）{lic}复印件", audit="附件（三）审计报告.pdf", special="附件（三）专项审计报告.pdf",
              lease="附件（四）场所证明", equip="附件（五）1.设备清单.xlsx", staff="附件（五）2.人员名单.xlsx", client="附件（五）3.服务企业名单.xlsx",
              notice="附件（六）服务证明.pdf", icp="附件（七）网站备案.png", decl="附件（八）真实性声明", rec="附件1：推荐表")
LIC_NAME = {"biz2019": "营业执照副本", "biz2016": "营业执照", "e_print": "电子营业执照", "branch": "营业执照（分公司）",
            "pi": "事业单位法人证书", "so": "社会团体法人登记证书", "pne": "民办非企业单位登记证书"}
NUMBERED = dict(report="01-申请报告", licence="02-{lic}", audit="03-审计报告.pdf", special="03-2专项审计报告.pdf",
                lease="04-场所证明", deed="04-不动产权证.jpg", equip="05-1设备清单.xlsx", staff="05-2人员名单.xlsx",
                client="05-3服务企业名单.xlsx", notice="06-服务证明材料.pdf", summary="06-工作总结.docx", photo="06-照片{n}.jpg",
                icp="07-网站备案.png", training_filing="07-培训备案.pdf", incubator="07-孵化器认定.pdf", decl="08-真实性声明", rec="00-推荐表")
MESSY = dict(report="附件5", licence="微信图片_20260312153012", audit="扫描件_003.pdf", special="扫描件_004.pdf",
             lease="租赁合同", equip="附件3-1.xlsx", staff="新建 Microsoft Excel 工作表.xlsx", client="附件3-2.xlsx",
             photo="IMG_44{n}.JPG", summary="文档1.docx", icp="图片1.png", decl="承诺书", rec="推荐表")
MESSY2 = dict(report="红寺堡弘德申报书", licence="mmexport1741769483021", audit="审计.pdf", special="专项.pdf",
              lease="CamScanner 03-20-2026 09.15", equip="设备.xlsx", staff="花名册.xlsx", client="企业名单.xlsx",
              photo="微信图片_2025112016{n}.jpg", icp="截图1.png", training_filing="备案.pdf", decl="真实性声明", rec="推荐表")
GBK = dict(report="鸿泰申请报告", licence="营业执照", audit="审计报告2025.pdf", special="专项审计.pdf", lease="租房合同",
           equip="设备一览表.xlsx", staff="人员花名册.xlsx", client="服务企业及满意度.xlsx", notice="培训通知.pdf",
           photo="现场照片{n}.jpg", icp="网站备案截图.png", decl="声明", rec="推荐表")


def fname(A, comp, ext=None, n=None):
    style = A["names"]
    table = {"numbered": NUMBERED, "messy": MESSY, "messy2": MESSY2, "gbk": GBK}.get(style if isinstance(style, str) else "", {})
    over = style if isinstance(style, dict) else {}
    nm = over.get(comp) or table.get(comp) or CLEAN.get(comp) or comp
    if comp == "licence" and not (over.get(comp) or table.get(comp)):
        nm = LIC_NAME[A["licence"]["kind"]]
    if style == "attach" and comp in ATTACH:
        nm = ATTACH[comp]
    if style == "short" and comp in CLEAN and comp not in ("photo",):
        nm = A["short"] + "-" + (nm or comp)
    nm = nm.replace("{lic}", LIC_NAME[A["licence"]["kind"]])
    if "{n}" in nm:
        nm = nm.replace("{n}", str(n if n is not None else 1))
    if ext and os.path.splitext(nm)[1].lower() not in KNOWN_EXT:
        nm += ext
    return nm


KNOWN_EXT = {".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png", ".doc", ".xls", ".wps"}


# ---------------------------------------------------------------- building one package
class Pkg:
    def __init__(self, root):
        self.root = root
        self.mat = {k: [] for k in ("application_report", "legal_entity_certificate", "audit_reports", "premises_proof",
                                    "resource_lists", "service_evidence", "qualifications", "authenticity_declaration",
                                    "recommendation_form")}
        self.status = {}
        self.parts = {}
        self.fields = {}
        self.images = 0

    def path(self, rel):
        p = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def add(self, material, rel):
        self.mat[material].append(rel)


def render_doc(doc, path, kind, rng, text_map=None):
    """kind: docx | pdf | scan | pdf_kangxi"""
    if kind == "docx":
        R.to_docx(doc, path)
        return 0
    if kind in ("pdf", "pdf_kangxi"):
        R.to_pdf(doc, path, text_map=KANGXI if kind == "pdf_kangxi" else text_map)
        return 0
    tmp = path + ".tmp.pdf"
    R.to_pdf(doc, tmp)
    n = R.scan_pdf(tmp, path, rng)
    os.remove(tmp)
    return n


KANGXI = {"日": "⽇", "月": "⽉", "人": "⼈", "用": "⽤", "面": "⾯", "金": "⾦", "工": "⼯", "入": "⼊", "大": "⼤", "门": "⻔", "长": "⻓"}


def licence_output(A, rng, cat, path_noext, P):
    """Write the licence in its format; return relative-able path with extension."""
    L = A["licence"]
    fmt = L["fmt"]
    if L["kind"] == "e_print":
        p = path_noext + ".pdf"
        D.licence_e_print_pdf(A, rng, cat, p)
        return p
    img = D.build_licence_image(A, rng, cat)
    P.images += 1
    if fmt == "photo":
        p = path_noext + (".JPG" if "IMG" in path_noext else ".jpg")
        R.save_jpeg(R.photo_effect(img, rng), p, 80)
    elif fmt == "lowc":
        p = path_noext + ".jpg"
        R.save_jpeg(R.photo_effect(img, rng, low_contrast=True), p, 72)
    elif fmt == "scan":
        p = path_noext + ".png"
        R.scan_effect(img, rng, gray=False, sigma=4).save(p, "PNG", optimize=False)
    elif fmt == "scan_gray":
        p = path_noext + ".jpg"
        R.save_jpeg(R.scan_effect(img, rng, gray=True, sigma=5, contrast=0.9), p, 70)
    elif fmt == "pdfscan":
        p = path_noext + ".pdf"
        R.images_to_pdf([R.scan_effect(img, rng, gray=False, sigma=4)], p)
    else:
        raise ValueError(fmt)
    return p


def qual_doc(A, rng, kind):
    yr = int(rng.integers(2021, 2025))
    if kind == "training_filing":
        return D.cert_doc(A, rng, "中小企业培训机构备案证明", [
            "%s：" % A["name"],
            "经审核，你单位符合中小企业培训机构备案条件，准予备案，可面向中小企业开展经营管理、市场营销、技术技能等培训服务。",
            "备案编号：NXZXPX-%d-%03d　　备案有效期至%d年12月31日。" % (yr, int(rng.integers(1, 300)), yr + 5)],
            "宁夏回族自治区中小企业发展服务中心", "%d年%d月%d日" % (yr, int(rng.integers(1, 13)), int(rng.integers(1, 28))))
    if kind == "incubator":
        return D.cert_doc(A, rng, "关于认定自治区级科技企业孵化器的通知（节选）", [
            "经单位申报、市级推荐、专家评审和公示，认定%s为自治区级科技企业孵化器。" % A["name"]],
            "宁夏回族自治区科学技术厅", "%d年%d月" % (yr, int(rng.integers(1, 13))))
    if kind == "guarantee_licence":
        return D.cert_doc(A, rng, "融资担保业务经营许可证", [
            "机构名称：%s" % A["name"], "业务范围：借款类担保业务、发行债券担保业务、其他融资担保业务。",
            "许可证编号：宁%06d" % int(rng.integers(1, 999999)), "有效期：%d年%d月至%d年%d月" % (yr, 6, yr + 5, 5)],
            "宁夏回族自治区地方金融监督管理局", "%d年6月%d日" % (yr, int(rng.integers(1, 28))))
    if kind == "cma":
        return D.cert_doc(A, rng, "检验检测机构资质认定证书", [
            "机构名称：%s" % A["name"], "证书编号：%d29%06d" % (yr % 100, int(rng.integers(1, 999999))),
            "检验检测能力及授权签字人见证书附表。", "有效期至：%d年%d月%d日" % (yr + 6, int(rng.integers(1, 13)), int(rng.integers(1, 28)))],
            "宁夏回族自治区市场监督管理厅", "%d年%d月" % (yr, int(rng.integers(1, 13))))
    raise ValueError(kind)


def school_licence_image(A, rng):
    from PIL import ImageDraw
    W, H = 1500, 1060
    im = D._paper(W, H, (250, 246, 236))
    d = ImageDraw.Draw(im)
    D._frame(d, W, H, (160, 120, 40))
    R.draw_text(d, (W // 2, 150), "中华人民共和国", 40, serif=True, bold=True, anchor="mm")
    R.draw_text(d, (W // 2, 230), "民办学校办学许可证", 64, serif=True, bold=True, anchor="mm")
    y = 330
    for lab, val in [("学校名称", A["name"]), ("学校地址", A["address"]), ("办学内容", "职业技能培训、创业培训"),
                     ("许可证编号", "人社民%d号" % (6402000000000 + int(rng.integers(1, 99999)))), ("有效期", "%d年%d月至%d年%d月" % (2023, 3, 2028, 3))]:
        y = D._field(d, 150, y, lab, val, 220, 1050, size=28)
    im = R.stamp(im, R.seal("石嘴山市惠农区人力资源和社会保障局", 110, rng=rng), (1080, 720))
    return im


def build_package(A, rng, cat, app_root, tmp):
    P = Pkg(app_root)
    rep_A = copy.deepcopy(A)
    rep_A["fig"].update(A["report_fig"])
    comps = []   # (material, component_key, builder) for bundles; flat writes directly
    layout = A["layout"]
    bundle = layout.startswith("bundle")

    # ---- documents (model objects first; written below)
    rdoc, rcanon = D.build_report(rep_A, rng, cat)
    adoc, sdoc, acanon = D.build_audit(A, rng, cat)
    staff_sheet, scanon = D.build_staff_sheet(A, rng, cat, **A["staff_list"], fmt=A["staff"]["fmt"])
    client_sheet, ccanon = D.build_client_sheet(A, rng, cat, A["fig"]["smes_last"], A["fig"]["sat"], A["client"]["fmt"])
    equip_sheet = D.build_equipment_sheet(A, rng, cat) if A["equip"] else None
    lic_fields = D.licence_fields(A)

    fields = {}
    fields.update(rcanon)
    fields.update(lic_fields)
    fields.update(acanon)
    fields.update(scanon)
    fields.update(ccanon)

    if bundle:
        return build_bundle(A, rng, cat, P, tmp, rdoc, adoc, sdoc, staff_sheet, client_sheet, equip_sheet, fields)

    pre = {"flat": "", "nested": "新建文件夹/申报材料/", "deep40": ""}[layout]
    # ---- application report
    ext = {"docx": ".docx", "pdf": ".pdf", "scan": ".pdf", "pdf_kangxi": ".pdf"}[A["report"]["fmt"]]
    rel = pre + fname(A, "report", ext)
    if layout == "deep40":
        rel = "新建文件夹/" + "/".join("%02d" % i for i in range(1, 41)) + "/" + A["name"] + "申请报告" + ext
    P.images += render_doc(rdoc, P.path(rel), A["report"]["fmt"], rng)
    if A["report"].get("ext_override"):
        # an OOXML file saved under an old extension (renamed by hand or by an office suite)
        new = os.path.splitext(rel)[0] + A["report"]["ext_override"]
        os.replace(P.path(rel), P.path(new))
        rel = new
    P.add("application_report", rel)
    # ---- licence
    rel0 = pre + fname(A, "licence")
    rel0 = os.path.splitext(rel0)[0] if os.path.splitext(rel0)[1].lower() in KNOWN_EXT else rel0
    p = licence_output(A, rng, cat, P.path(rel0), P)
    P.add("legal_entity_certificate", os.path.relpath(p, app_root).replace(os.sep, "/"))
    # ---- audit
    rel = pre + fname(A, "audit")
    R.to_pdf(adoc, P.path(rel))
    P.add("audit_reports", rel)
    if sdoc is not None:
        rel = pre + fname(A, "special")
        R.to_pdf(sdoc, P.path(rel))
        P.add("audit_reports", rel)
    if A["audit"]["service"] == "none":
        P.status["audit_reports"] = "partial"
    # ---- premises
    prem = A["premises"]
    if prem == "lease_pdf":
        rel = pre + fname(A, "lease", ".pdf")
        R.to_pdf(D.lease_doc(A, rng, cat, A["lessor"], A["lessor_code"]), P.path(rel))
        P.add("premises_proof", rel)
    elif prem == "lease_docx":
        rel = pre + fname(A, "lease", ".docx")
        R.to_docx(D.lease_doc(A, rng, cat, A["lessor"], A["lessor_code"]), P.path(rel))
        P.add("premises_proof", rel)
    elif prem in ("lease_scan", "lease_camscanner"):
        nm = "CamScanner 03-12-2026 10.21.pdf" if prem == "lease_camscanner" else fname(A, "lease", ".pdf")
        rel = pre + nm
        P.images += render_doc(D.lease_doc(A, rng, cat, A["lessor"], A["lessor_code"]), P.path(rel), "scan", rng)
        P.add("premises_proof", rel)
    elif prem == "deed_photo":
        rel = pre + fname(A, "deed")
        R.save_jpeg(R.photo_effect(D.deed_image(A, rng), rng), P.path(rel), 78)
        P.images += 1
        P.add("premises_proof", rel)
    elif prem == "use_cert":
        rel = pre + fname(A, "use_cert")
        R.to_pdf(D.use_cert_doc(A, rng, "%s机关事务服务中心" % (A["city"] or "宁东")), P.path(rel))
        P.add("premises_proof", rel)
    elif prem == "corrupt":
        rel = pre + fname(A, "lease", ".pdf")
        data = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(rng.integers(0, 256, 3000, dtype=np.uint8))
        with open(P.path(rel), "wb") as fh:
            fh.write(data[:2100])
        P.add("premises_proof", rel)
        P.status["premises_proof"] = "unreadable"
    elif prem == "missing":
        P.status["premises_proof"] = "missing"
    # ---- resource lists
    parts = {}
    if equip_sheet is not None:
        rel = pre + fname(A, "equip")
        equip_sheet.to_xlsx(P.path(rel))
        P.add("resource_lists", rel)
        parts["equipment_list"] = "present"
    else:
        parts["equipment_list"] = "missing"
    if A["staff"]["fmt"] == "docx":
        rel = pre + os.path.splitext(fname(A, "staff"))[0] + ".docx"
        R.to_docx(staff_sheet.to_doc(size=9), P.path(rel))
    else:
        rel = pre + fname(A, "staff")
        staff_sheet.to_xlsx(P.path(rel), "人员名单")
    P.add("resource_lists", rel)
    parts["staff_list"] = "present"
    rel = pre + fname(A, "client")
    client_sheet.to_xlsx(P.path(rel), "服务企业")
    P.add("resource_lists", rel)
    parts["client_list"] = "present"
    P.parts = parts
    if "missing" in parts.values():
        P.status["resource_lists"] = "partial"
    # ---- service evidence
    pn = 0
    events = list(cat["materials"]["events"])
    for ev in A["evidence"]:
        if ev == "notice_pdf":
            rel = pre + fname(A, "notice")
            R.to_pdf(D.notice_doc(A, rng, cat, D.pick(rng, events), "%d年%d月%d日" % (2025, int(rng.integers(3, 12)), int(rng.integers(1, 28)))), P.path(rel))
        elif ev == "notice_docx":
            rel = pre + fname(A, "notice_docx")
            R.to_docx(D.notice_doc(A, rng, cat, D.pick(rng, events), "%d年%d月%d日" % (2025, int(rng.integers(3, 12)), int(rng.integers(1, 28)))), P.path(rel))
        elif ev == "summary_docx":
            rel = pre + fname(A, "summary")
            R.to_docx(D.summary_doc(A, rng, cat), P.path(rel))
        elif ev == "brief_pdf":
            rel = pre + fname(A, "brief")
            d = D.notice_doc(A, rng, cat, D.pick(rng, events), "%d年%d月%d日" % (2025, int(rng.integers(3, 12)), int(rng.integers(1, 28))))
            R.to_pdf(d, P.path(rel))
        elif ev == "photo":
            pn += 1
            rel = pre + fname(A, "photo", n=pn if A["names"] not in ("messy", "messy2") else 60 + pn * 7)
            cap = "%s" % D.pick(rng, events)
            R.save_jpeg(D.event_photo(rng, cap), P.path(rel), 75)
            P.images += 1
        P.add("service_evidence", rel)
    # ---- qualifications
    for q in A["quals"]:
        if q == "icp":
            rel = pre + fname(A, "icp")
            rec = "宁ICP备%d%06d号-1" % (int(rng.integers(2016, 2024)), int(rng.integers(1, 999999)))
            site = (A["platform"], "www.%s.com.cn" % "".join(D.pick(rng, list("abcdefghkmnprstwxyz")) for _ in range(6)))
            D.icp_screenshot(A, rng, site, rec, "%d-%02d-%02d" % (int(rng.integers(2019, 2025)), int(rng.integers(1, 13)), int(rng.integers(1, 28)))).save(P.path(rel), "PNG")
            P.images += 1
        elif q == "school_licence":
            rel = pre + fname(A, "school_licence")
            R.save_jpeg(R.photo_effect(school_licence_image(A, rng), rng), P.path(rel), 78)
            P.images += 1
        else:
            rel = pre + fname(A, q)
            R.to_pdf(qual_doc(A, rng, q), P.path(rel))
        P.add("qualifications", rel)
    # ---- declaration
    dk = A["decl"]
    if dk == "empty":
        rel = pre + fname(A, "decl", ".pdf")
        open(P.path(rel), "wb").close()
        P.add("authenticity_declaration", rel)
        P.status["authenticity_declaration"] = "unreadable"
    else:
        ddoc = D.declaration_doc(A, rng, cat)
        ddoc.image(R.seal(A["name"], 100, rng=rng), 4)
        ext = ".docx" if dk == "docx" else ".pdf"
        rel = pre + fname(A, "decl", ext)
        P.images += render_doc(ddoc, P.path(rel), {"pdf": "pdf", "docx": "docx", "scan": "scan"}[dk], rng)
        P.add("authenticity_declaration", rel)
    # ---- recommendation form
    rk = A["rec"]
    if rk == "missing":
        P.status["recommendation_form"] = "missing"
    else:
        rd = D.recommendation_doc(A, rng, cat)
        if rk == "docx":
            rel = pre + fname(A, "rec", ".docx")
            R.to_docx(rd, P.path(rel))
        else:
            rel = pre + fname(A, "rec", ".pdf") if fname(A, "rec").endswith(".pdf") else pre + "推荐表（盖章）.pdf"
            P.images += render_doc(rd, P.path(rel), "scan", rng)
        P.add("recommendation_form", rel)
    # ---- noise
    for n in A["noise"]:
        with open(P.path(pre + n), "wb") as fh:
            fh.write(bytes(rng.integers(0, 256, 512, dtype=np.uint8)))
    P.fields = fields
    return P


def _ranges(pages):
    """pages: sorted list of ints → ['pA-B', …] merging contiguous runs."""
    out = []
    pages = sorted(pages)
    s = prev = pages[0]
    for p in pages[1:]:
        if p == prev + 1:
            prev = p
            continue
        out.append((s, prev))
        s = prev = p
    out.append((s, prev))
    return ["p%d" % a if a == b else "p%d-%d" % (a, b) for a, b in out]


def build_bundle(A, rng, cat, P, tmp, rdoc, adoc, sdoc, staff_sheet, client_sheet, equip_sheet, fields):
    layout = A["layout"]
    scanned = layout == "bundle_scan"
    toc = layout == "bundle_toc"
    events = list(cat["materials"]["events"])
    comps = []   # (material, title, kind, obj)
    if A["rec"] != "missing" and layout != "bundle":
        comps.append(("recommendation_form", "推荐表", "doc", D.recommendation_doc(A, rng, cat)))
    comps.append(("application_report", "申请报告", "doc", rdoc))
    comps.append(("legal_entity_certificate", LIC_NAME[A["licence"]["kind"]], "img", D.build_licence_image(A, rng, cat)))
    comps.append(("audit_reports", "审计报告", "doc", adoc))
    if sdoc is not None:
        comps.append(("audit_reports", "服务收支专项审计报告", "doc", sdoc))
    if A["premises"] == "free_use":
        comps.append(("premises_proof", "场地使用证明", "doc", D.use_cert_doc(A, rng, "宁夏工业和信息化大厦物业管理中心", free=True)))
    else:
        comps.append(("premises_proof", "房屋租赁合同", "doc", D.lease_doc(A, rng, cat, A["lessor"], A["lessor_code"])))
    if equip_sheet is not None:
        comps.append(("resource_lists", "设备清单", "doc", equip_sheet.to_doc()))
    comps.append(("resource_lists", "人员名单", "doc", staff_sheet.to_doc()))
    comps.append(("resource_lists", "服务企业名单", "doc", client_sheet.to_doc()))
    ev = D.notice_doc(A, rng, cat, D.pick(rng, events), "%d年%d月%d日" % (2025, int(rng.integers(3, 12)), int(rng.integers(1, 28))))
    comps.append(("service_evidence", "服务证明材料", "doc", ev))
    if "photo" in A["evidence"] and not scanned:
        ph = Doc()
        ph.h("活动照片", 2)
        for k in range(A["evidence"].count("photo")):
            cap = D.pick(rng, events)
            ph.image(D.event_photo(rng, cap, 960, 720), 13)
            ph.p(cap, align="center", indent=False, size=9)
            P.images += 1
        comps.append(("service_evidence", "活动照片", "doc", ph))
    rec_no = "宁ICP备%d%06d号-1" % (int(rng.integers(2016, 2024)), int(rng.integers(1, 999999)))
    site = (A["platform"], "www.%s.org.cn" % "".join(D.pick(rng, list("abcdefghkmnprstwxyz")) for _ in range(5)))
    comps.append(("qualifications", "网站备案", "img", D.icp_screenshot(A, rng, site, rec_no, "2021-06-18")))
    dd = D.declaration_doc(A, rng, cat)
    dd.image(R.seal(A["name"], 100, rng=rng), 4)
    comps.append(("authenticity_declaration", "真实性声明", "doc", dd))

    # render each component to its own PDF
    def render(i, c, footer_start=None):
        mat, title, kind, obj = c
        p = os.path.join(tmp, "c%02d.pdf" % i)
        if kind == "doc":
            if footer_start is not None:
                R.to_pdf(obj, p, footer="— {n} —", page_offset=-(footer_start - 1))
            else:
                R.to_pdf(obj, p)
        else:
            R.images_to_pdf([obj.convert("RGB")], p)
        return p

    paths = [render(i, c) for i, c in enumerate(comps)]
    counts = [R.page_count(p) for p in paths]
    front = 2 if toc else 0
    starts, s = [], front + 1
    for n in counts:
        starts.append(s)
        s += n
    if toc:
        # printed page numbers start at 1 on the first component (physical page 3)
        paths = [render(i, c, footer_start=starts[i] - front) if c[2] == "doc" else paths[i] for i, c in enumerate(comps)]
        cover = Doc()
        cover.spacer(120)
        cover.h("自治区中小企业公共服务示范平台\n申 报 材 料", 1)
        cover.spacer(100)
        cover.p("申报单位：%s" % A["name"], size=15, align="center", indent=False)
        cover.p("%d年3月" % D.AS_OF_YEAR, size=15, align="center", indent=False)
        cover.pagebreak()
        cover.h("目　　录", 1)
        cn = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"]
        seen = []
        rows = []
        for i, c in enumerate(comps):
            if c[1] in seen:
                continue
            seen.append(c[1])
            rows.append(["%s、%s" % (cn[len(rows)], c[1]), str(starts[i] - front)])
        cover.table(rows, widths=[8, 1.5], grid=False, size=12, align=[None, "r"])
        cp = os.path.join(tmp, "cover.pdf")
        R.to_pdf(cover, cp)
        assert R.page_count(cp) == 2
        paths = [cp] + paths
    name = {"bundle_toc": "申报材料合订本.pdf", "bundle": "%s申报材料.pdf" % A["name"], "bundle_scan": "申报材料（扫描版）.pdf"}[layout]
    dst = P.path(name)
    if scanned:
        pages = []
        for i, p in enumerate(paths):
            if comps[i][2] == "img":
                pages.append(R.scan_effect(comps[i][3].resize((1754, int(1754 * comps[i][3].size[1] / comps[i][3].size[0]))), rng, gray=True, sigma=5))
            else:
                pages += [R.scan_effect(im, rng, gray=True, sigma=5) for im in R.raster_pages(p, 150)]
        R.images_to_pdf(pages, dst)
        P.images += len(pages)
    else:
        R.merge_pdfs(paths, dst)
        P.images += sum(1 for c in comps if c[2] == "img")
    total = R.page_count(dst)
    assert total == front + sum(counts), (total, front, counts)
    pages_by_mat = {}
    for i, c in enumerate(comps):
        pages_by_mat.setdefault(c[0], []).extend(range(starts[i], starts[i] + counts[i]))
    for mat, pgs in pages_by_mat.items():
        for rg in _ranges(pgs):
            P.add(mat, "%s#%s" % (name, rg))
    P.parts = {"equipment_list": "present" if equip_sheet is not None else "missing", "staff_list": "present", "client_list": "present"}
    if equip_sheet is None:
        P.status["resource_lists"] = "partial"
    if A["rec"] != "missing" and layout == "bundle":
        rel = fname(A, "rec", ".docx")
        R.to_docx(D.recommendation_doc(A, rng, cat), P.path(rel))
        P.add("recommendation_form", rel)
    if A["rec"] == "missing":
        P.status["recommendation_form"] = "missing"
    P.fields = fields
    return P


# ---------------------------------------------------------------- truth: rules and decision
def _src(vals, pred):
    vals = [v for v in vals if v is not None]
    if not vals:
        return "no_evidence"
    outs = {pred(v) for v in vals}
    if len(outs) > 1:
        return "needs_review"
    return "pass" if outs.pop() else "fail"


def is_mountain(A):
    return A["city"] == "固原市" or A["county"] in MOUNTAIN


def evaluate(A, fields, materials):
    f = fields.get
    rules = {}
    two_years_ago = AS_OF.replace(year=AS_OF.year - 2)
    # 6(1)
    if materials["legal_entity_certificate"]["status"] != "present":
        rules["art6_1_legal_entity"] = "no_evidence"
    elif f("licence.is_branch"):
        rules["art6_1_legal_entity"] = "fail"
    else:
        lc, rc = f("licence.uscc"), f("uscc")
        bad = not USCC.is_valid(lc) or (rc is not None and (not USCC.is_valid(rc) or rc != lc))
        rules["art6_1_legal_entity"] = "needs_review" if bad else "pass"
    rules["art6_1_operating_years"] = _src([f("established_date"), f("licence.established_date")],
                                           lambda d: dt.date.fromisoformat(d) <= two_years_ago)
    rules["art6_1_total_assets"] = _src([f("total_assets"), f("audit.total_assets")], lambda v: v >= 1000000)
    if materials["audit_reports"]["status"] in ("missing", "unreadable"):
        rules["art6_1_financial_health"] = "no_evidence"
    else:
        ok = f("audit.opinion") in ("standard_unqualified", "unqualified_with_emphasis") and f("audit.net_assets") > 0
        rules["art6_1_financial_health"] = "pass" if ok else "fail"
    # 6(2)
    rules["art6_2_smes_served"] = _src([f("smes_served_last_year"), f("client_list.count")], lambda v: v >= 50)
    rules["art6_2_satisfaction"] = _src([f("satisfaction_rate")], lambda v: v >= 0.8)
    if f("smes_served_last_year") is None or f("smes_served_prior_year") is None:
        rules["art6_2_growth"] = "no_evidence"
    else:
        rules["art6_2_growth"] = "pass" if f("smes_served_last_year") >= f("smes_served_prior_year") else "fail"
    # 6(3)
    rules["art6_3_premises"] = "pass" if materials["premises_proof"]["status"] == "present" else "no_evidence"
    rules["art6_3_aggregated_agencies"] = _src([f("aggregated_agencies")], lambda v: v >= 2)
    # 6(4)
    rules["art6_4_public_benefit_share"] = _src([f("public_benefit_share")], lambda v: v >= 0.2)
    # 6(5)
    rules["art6_5_service_staff"] = _src([f("service_staff"), f("staff_list.count")], lambda v: v >= 10)
    q_list = f("staff_list.qualified_count") / f("staff_list.count") if f("staff_list.count") else None
    q_rep = None
    if f("service_staff") and f("staff_college_or_above") is not None:
        n, c, m = f("service_staff"), f("staff_college_or_above"), f("staff_mid_title_or_above") or 0
        lo, hi = max(c, m) / n, min(n, c + m) / n
        assert (lo >= 0.6) == (hi >= 0.6), ("ambiguous 附件2 qualified ratio", A["key"], lo, hi)
        q_rep = lo
    rules["art6_5_qualified_ratio"] = _src([q_list, q_rep], lambda v: v >= 0.6)
    # relaxations
    relax61 = A["nature"] in ("public_institution", "social_organization") or is_mountain(A)
    relax_mtn = is_mountain(A)
    for rid in list(rules):
        if rules[rid] != "fail":
            continue
        if rid.startswith("art6_1") and relax61:
            rules[rid] = "relaxed"
        elif (rid.startswith("art6_2") or rid.startswith("art6_5")) and relax_mtn:
            rules[rid] = "relaxed"
    # Article 7
    any_pass = False
    for fn in D.FUNC_ORDER:
        if fn not in (f("functions_claimed") or []):
            continue
        rid = "art7_%d_%s" % (D.FUNC_ORDER.index(fn) + 1, fn)
        if fn == "information":
            ok = f("info_offline_smes") >= 50 and f("info_activities") >= 4
        elif fn == "technology":
            ok = f("tech_activities") >= 3
        elif fn == "entrepreneurship":
            ok = f("entrepreneurship_activities") >= 4
        elif fn == "training":
            ok = f("training_person_times") >= 500 and bool(f("training_qualification"))
        elif fn == "financing":
            ok = ((f("financing_activities") or 0) >= 3 and (f("financing_amount") or 0) >= 2e8) or (f("guarantee_new_amount") or 0) >= 5e8
        elif fn == "consulting":
            ok = f("consulting_activities") >= 3
        else:
            ok = f("market_enterprise_times") >= 50
        rules[rid] = "pass" if ok else "fail"
        any_pass |= ok
    rules["art7_any"] = "pass" if any_pass else "fail"
    return rules


PAIRS = [("total_assets", "audit.total_assets"), ("revenue", "audit.revenue"), ("service_income", "audit.service_income"),
         ("service_expense", "audit.service_expense"), ("service_staff", "staff_list.count"),
         ("smes_served_last_year", "client_list.count"), ("uscc", "licence.uscc"), ("unit_name", "licence.name"),
         ("established_date", "licence.established_date"), ("registered_capital", "licence.registered_capital")]


def inconsistencies(fields):
    out = []
    for a, b in PAIRS:
        va, vb = fields.get(a), fields.get(b)
        if va is None or vb is None:
            continue
        if isinstance(va, str) or isinstance(vb, str):
            if va != vb:
                out.append([a, b])
        elif abs(va - vb) / max(abs(va), abs(vb)) > 0.05:
            out.append([a, b])
    return out


def decide(materials, rules, incons):
    if any(m["status"] != "present" for m in materials.values()):
        return "incomplete"
    art7_ok = rules.get("art7_any") == "pass"
    hard = [k for k, v in rules.items() if v == "fail" and not (art7_ok and k.startswith("art7_") and k != "art7_any")]
    if hard:
        return "ineligible"
    if incons or any(v in ("relaxed", "needs_review", "no_evidence") for v in rules.values()):
        return "needs_review"
    return "passed"


def notes_for(A, P):
    bits = {"P": "eligible", "R": "review", "I": "ineligible", "C": "incomplete"}[A["key"][0]]
    r = A["report"]
    return ("%s %s: report %s/%s/%s money=%s years=%s; licence %s/%s; audit %s %s service=%s opinion=%s; layout=%s pack=%s names=%s"
            % (A["key"], bits, r["fmt"], r["basic"], r["func"], r["money"], r.get("years"), A["licence"]["kind"],
               A["licence"]["fmt"], A["audit"].get("style"), A["audit"].get("unit"), A["audit"].get("service"),
               A["audit"]["opinion"], A["layout"], A["pack"], A["names"] if isinstance(A["names"], str) else "custom"))


_CAT = None


def _cat():
    global _CAT
    if _CAT is None:
        with open(os.path.join(HERE, "catalogue.yaml"), encoding="utf-8") as fh:
            _CAT = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return _CAT


def _one(job):
    idx, seed, batch = job
    cat = _cat()
    A = scenarios()[idx]
    rng = np.random.default_rng([seed, idx, 7919])
    A = finish(A, rng, cat)
    tmp = tempfile.mkdtemp(prefix="heldout_")
    try:
        pack = A["pack"]
        if pack == "folder":
            root = os.path.join(batch, A["folder"])
            P = build_package(A, rng, cat, root, tmp)
            prefix = ""
        else:
            stage = os.path.join(tmp, "stage")
            top = A["name"] if pack == "zip_top" else ""
            root = os.path.join(stage, top) if top else stage
            P = build_package(A, rng, cat, root, tmp)
            prefix = top + "/" if top else ""
            zpath = os.path.join(batch, A["folder"] + ".zip")
            if pack == "zip_gbk":
                raw = []
                photos = [f for f in P.mat["service_evidence"] if f.endswith(".jpg")]
                if photos:
                    raw.append(photos[-1])   # one member written as UTF-8 without the flag (re-zipped on another PC)
                R.write_zip(stage, zpath, encoding="gbk", raw_utf8_members=raw)
            else:
                extra = [("__MACOSX/%s._申请报告.docx" % prefix, b"\x00\x05\x16\x07" + bytes(60))] if pack == "zip_top" else []
                R.write_zip(stage, zpath, encoding="utf-8", extra_members=extra)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    materials = {}
    for m, files in P.mat.items():
        st = P.status.get(m, "present" if files else "missing")
        entry = {"status": st, "files": [prefix + f for f in files]}
        if m == "resource_lists":
            entry["parts"] = dict(P.parts)
        materials[m] = entry
    fields = dict(P.fields)
    assert materials["application_report"]["status"] == "present", "scenarios keep the report readable"
    rules = evaluate(A, fields, materials)
    inc = inconsistencies(fields)
    assert sorted(map(tuple, inc)) == sorted(map(tuple, A["planted"])), (A["key"], inc, A["planted"])
    decision = decide(materials, rules, inc)
    assert decision == A["expect"], (A["key"], decision, A["expect"], rules, {k: v["status"] for k, v in materials.items()})
    line = dict(applicant_id=A["folder"], as_of=AS_OF.isoformat(), decision=decision, materials=materials,
                fields=fields, rules=rules, inconsistencies=inc, notes=notes_for(A, P))
    return line, P.images


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", default=None, help="comma-separated scenario keys (debugging)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (output does not depend on it)")
    args = ap.parse_args(argv)
    t0 = time.time()
    out = os.path.abspath(args.outdir)
    batch = os.path.join(out, "batch")
    if os.path.exists(batch):
        shutil.rmtree(batch)
    os.makedirs(batch)
    only = set(args.only.split(",")) if args.only else None
    jobs = [(idx, A["key"]) for idx, A in enumerate(scenarios()) if not only or A["key"] in only]
    workers = max(1, min(args.jobs, len(jobs)))
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(workers) as ex:
            results = list(ex.map(_one, [(i, args.seed, batch) for i, _ in jobs]))
    else:
        results = [_one((i, args.seed, batch)) for i, _ in jobs]
    truth_lines = [r[0] for r in results]
    total_images = sum(r[1] for r in results)
    with open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8") as fh:
        for t in truth_lines:
            fh.write(json.dumps(t, ensure_ascii=False, sort_keys=True) + "\n")
    print("wrote %d applications, ~%d images/scanned pages, %.1fs" % (len(truth_lines), total_images, time.time() - t0))


if __name__ == "__main__":
    main()
