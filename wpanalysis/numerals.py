"""Chinese numerals, read once for every stage (section numbers, dates, quantitative targets).

>>> zh_value("一百零五"), zh_value("十二万"), zh_value("二〇二四"), zh_value("万")
(Decimal('105'), Decimal('120000'), Decimal('2024'), None)
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["ZH_DIGITS", "ZH_SMALL", "ZH_BIG", "zh_value"]

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
ZH_BIG = {"万": 10_000, "亿": 100_000_000}
_ZERO = "零〇"


def zh_value(s: str) -> Decimal | None:
    """Value of a Chinese numeral (``一百二十`` → 120, ``一百零五`` → 105, ``二〇二四`` → 2024,
    ``十二万`` → 120000); None if malformed."""
    if not s or s[0] in ZH_BIG or s[0] in "百千":
        return None
    if len(s) > 1 and all(c in ZH_DIGITS for c in s):  # digit by digit: 二〇二四
        return Decimal("".join(str(ZH_DIGITS[c]) for c in s))
    total, section, number = 0, 0, None
    for c in s:
        if c in _ZERO and number is None:
            continue  # a zero that only holds a place (一百零五)
        if c in ZH_DIGITS:
            if number is not None:
                return None  # two digits in a row inside a positional numeral
            number = ZH_DIGITS[c]
        elif c in ZH_SMALL:
            section += (1 if number is None else number) * ZH_SMALL[c]
            number = None
        elif c in ZH_BIG:
            section = (section + (number or 0)) * ZH_BIG[c]
            total += section
            section, number = 0, None
        else:
            return None
    return Decimal(total + section + (number or 0))
