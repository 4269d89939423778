"""Value formatting variants: money units, percentage notation, dates, checkboxes."""

from __future__ import annotations

from datetime import date

MONEY_STYLES = ("wan_plain", "wan_suffix", "yuan")
PCT_STYLES = ("pct", "pct_fw_decimal", "fraction")


def wan(yuan: float) -> float:
    """Yuan expressed in 万元, rounded to 2 decimals as a report would print it."""
    return round(yuan / 10000, 2)


def money(yuan: float, style: str) -> str:
    """``wan_plain`` → '325.68' (label carries 万元), ``wan_suffix`` → '325.68万元',
    ``yuan`` → '3,256,800.00元'."""
    if style == "wan_plain":
        return f"{wan(yuan):g}" if wan(yuan) == int(wan(yuan)) else f"{wan(yuan):.2f}"
    if style == "wan_suffix":
        w = wan(yuan)
        return (f"{w:g}" if w == int(w) else f"{w:.2f}") + "万元"
    if style == "yuan":
        return f"{yuan:,.2f}元"
    raise ValueError(f"unknown money style {style!r}")


def money_written(yuan: float, style: str) -> float:
    """The yuan value a reader recovers from ``money(yuan, style)``."""
    return round(wan(yuan) * 10000, 2) if style.startswith("wan") else round(yuan, 2)


def money_label(label: str, style: str) -> str:
    return f"{label}（万元）" if style == "wan_plain" else label


def pct(frac: float, style: str) -> str:
    """``pct`` → '92%', ``pct_fw_decimal`` → '92.5％', ``fraction`` → '0.925'."""
    if style == "pct":
        return f"{frac * 100:g}%"
    if style == "pct_fw_decimal":
        return f"{frac * 100:.1f}％"
    if style == "fraction":
        return f"{frac:g}"
    raise ValueError(f"unknown percentage style {style!r}")


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def checkboxes(options: list[str], checked: set[str]) -> str:
    return " ".join(("☑" if o in checked else "□") + o for o in options)


def amount(yuan: float, in_wan: bool = False) -> str:
    """Statement amount: '1,234,567.89' (元) or '123.46' (万元)."""
    return f"{yuan / 10000:,.2f}" if in_wan else f"{yuan:,.2f}"
