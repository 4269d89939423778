"""Deterministic fake staff, client companies and equipment for the resource lists."""

from __future__ import annotations

import random

from samplegen.ids import make_ric, make_uscc
from samplegen.model import Person

SURNAMES = "王李张刘马杨赵陈周吴徐孙胡朱高林何郭罗海田丁沈"
GIVEN = ["建国", "晓燕", "文博", "海燕", "志强", "丽娟", "永福", "雪梅", "国栋", "春花", "宏伟", "静", "磊", "敏",
         "俊杰", "婷婷", "小军", "玉兰", "学文", "佳怡", "明轩", "宁", "瑞", "鹏飞", "秀英", "振华", "彦军", "芳"]
FEMALE_GIVEN = {"晓燕", "海燕", "丽娟", "雪梅", "春花", "静", "敏", "婷婷", "玉兰", "佳怡", "秀英", "芳"}
AREAS = ["640104", "640105", "640106", "640402", "640422", "640521", "640302", "640202"]
POSTS = ["平台负责人", "服务部经理", "项目主管", "技术顾问", "培训专员", "信息专员", "财务主管", "咨询师", "客服专员"]
SENIOR_TITLES = ["高级工程师", "工程师", "高级经济师", "经济师", "会计师"]
JUNIOR_TITLES = ["助理工程师", "无"]
HIGH_EDU = ["博士", "硕士", "本科", "本科", "大专"]
LOW_EDU = ["中专", "高中"]
TRADES = ["科技", "商贸", "食品", "新材料", "农业科技", "机械制造", "电子", "文化传媒", "建材", "物流"]
PLACES = ["银川", "宁夏", "吴忠", "石嘴山", "固原", "中卫", "贺兰", "永宁", "灵武", "青铜峡"]
WORDS = ["恒信", "瑞丰", "鑫源", "华泰", "宏达", "金禾", "塞上", "六盘", "贺兰山", "星海", "嘉禾", "天元", "沙湖"]
SERVICES = ["政策咨询", "管理诊断", "技术对接", "人才培训", "融资对接", "市场推广", "信息化服务", "知识产权代理"]


def make_staff(seed: str, n: int, college: int, mid_title: int, mid_without_college: int = 0) -> list[Person]:
    """``n`` people: ``college`` with 大专+, ``mid_title`` with a 中级+ title; ``mid_without_college``
    of the titled ones lack a 大专+ degree (so the 'or' share exceeds the college share)."""
    rng = random.Random(f"staff:{seed}")
    titled_college = mid_title - mid_without_college
    people = []
    for i in range(n):
        has_college = i < college
        has_title = i < titled_college or college <= i < college + mid_without_college
        given = GIVEN[(i * 7 + len(seed)) % len(GIVEN)]
        female = given in FEMALE_GIVEN
        birth = f"{rng.randint(1968, 1998)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        people.append(Person(
            name=SURNAMES[(i * 3 + len(seed)) % len(SURNAMES)] + given, female=female,
            id_number=make_ric(rng.choice(AREAS), birth, rng.randint(1, 999), female),
            education=rng.choice(HIGH_EDU) if has_college else rng.choice(LOW_EDU),
            title=rng.choice(SENIOR_TITLES) if has_title else rng.choice(JUNIOR_TITLES),
            post=POSTS[0] if i == 0 else rng.choice(POSTS[1:]),
        ))
    return people


def make_clients(seed: str, n: int, satisfied: int, region: str = "640100") -> list[tuple[str, str, str, str, str]]:
    """(企业名称, USCC, 服务内容, 协议编号, 满意度评价); exactly ``satisfied`` rate 满意 or 非常满意."""
    rng = random.Random(f"clients:{seed}")
    rows, seen = [], set()
    for i in range(n):
        while True:
            name = f"{rng.choice(PLACES)}{rng.choice(WORDS)}{rng.choice(TRADES)}有限公司"
            if name not in seen:
                seen.add(name)
                break
        rating = rng.choice(["非常满意", "满意"]) if i < satisfied else rng.choice(["基本满意", "不满意", "基本满意"])
        rows.append((name, make_uscc("enterprise", region, f"{seed}:{i}"), rng.choice(SERVICES),
                     f"FW-2025-{i + 1:03d}", rating))
    order = list(range(n))
    rng.shuffle(order)
    return [rows[i] for i in order]


def make_equipment(seed: str, n: int = 12) -> list[tuple[str, str, int, str, str]]:
    """(名称, 规格型号, 数量, 购置时间, 用途)."""
    items = [("服务器", "浪潮NF5280M6", "线上服务平台运行"), ("台式计算机", "联想启天M437", "日常办公及服务"),
             ("笔记本电脑", "华为MateBook 14", "外出服务"), ("多功能一体机", "佳能iR-ADV C3926", "资料打印"),
             ("投影仪", "爱普生CB-FH52", "培训及会议"), ("LED显示屏", "P2.5室内全彩", "政策宣传"),
             ("视频会议系统", "华为TE30", "远程服务对接"), ("网络交换机", "华三S5130", "网络运行"),
             ("财务软件", "用友U8 V16", "财务管理"), ("服务管理系统", "自主开发V2.0", "服务流程管理"),
             ("录播设备", "奥威亚AW-T200", "线上培训"), ("检测仪器", "三丰SJ-210", "技术检测服务"),
             ("防火墙", "深信服AF-1000", "网络安全"), ("会议桌椅", "定制", "洽谈接待")]
    rng = random.Random(f"equipment:{seed}")
    return [(name, model, rng.randint(1, 20) if "软件" not in name and "系统" not in name else 1,
             f"{rng.randint(2019, 2025)}年{rng.randint(1, 12)}月", use) for name, model, use in items[:n]]
