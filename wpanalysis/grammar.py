"""The grammar of a work plan (工作要点): markers, numbering, labels and page furniture.

One owner for every pattern the clean and structure stages share, so they cannot drift:

* **numbering**: section ``一、`` / ``第一部分``, sub-section ``(一)``, item ``1.`` ``1、`` ``1﹒``
  (and the period-less ``27构建``), read with :func:`cn_to_int`;
* **labels**: the labelled fields (``问题描述:`` …) with their canonical names
  (:data:`CANONICAL_FIELDS`), the responsibility-note labels (:data:`UNIT_LABELS`) and the
  Traditional-character form of each (:func:`label_forms`);
* **front and back matter**: plan titles, ``关于印发…的通知``, dates, tables of contents;
* **page furniture**: page markers (``- 3 -``, ``第3页 共12页``).

Structure patterns are matched on the Simplified shadow of the text; the clean stage sees
the raw text, so :data:`WRAP_LABEL` spells out the Traditional forms as well.

>>> bool(SECTION.match("一、总体要求")), bool(ITEM.match("12.推动")), bool(ITEM.match("12.5%"))
(True, True, False)
>>> CANONICAL_FIELDS["主要措施"], starts_label("責任單位:基教科"), starts_label("主要措施：")
('工作措施', True, True)
"""

from __future__ import annotations

import re

from .numerals import zh_value

__all__ = [
    "cn_to_int",
    "STRUCTURE_MARKER",
    "SECTION",
    "SUBSECTION",
    "ITEM",
    "ITEM_LONG",
    "ITEM_NO_PUNCT",
    "heading_number",
    "INLINE_MARKER",
    "CANONICAL_FIELDS",
    "FIELD",
    "UNIT_FIELDS",
    "UNIT_LABELS",
    "UNIT_NOTE",
    "UNIT_LABEL",
    "NOTE_OPEN",
    "NOTE_CUT",
    "to_traditional",
    "label_forms",
    "WRAP_LABEL",
    "starts_label",
    "TITLE_WORDS",
    "YEAR_IN_TITLE",
    "NOTICE",
    "DATE",
    "parse_date",
    "PAGE_MARKER",
    "TOC_LINE",
    "TOC_ENTRY",
    "TOC_NUMBER",
    "is_toc_line",
]

# --- numerals ---------------------------------------------------------------------------

_MARKER_NUMERALS = "一二三四五六七八九十百零〇"  # what a marker may hold for the clean stage
_HEADING_NUMERALS = "一二三四五六七八九十百零"  # what the parser reads as a heading number (any count)


def cn_to_int(s: str) -> int:
    """Chinese numeral (一 … 九十九, 一百零五 …) or Arabic digits → int.

    >>> cn_to_int("十四"), cn_to_int("二十一"), cn_to_int("12")
    (14, 21, 12)
    """
    if s.isdigit():
        return int(s)
    value = zh_value(s)
    if value is None:
        raise ValueError(f"not a Chinese numeral: {s!r}")
    return int(value)


def heading_number(s: str) -> int | None:
    """:func:`cn_to_int`, or None when *s* is no valid numeral (``十一一``): never raises.

    >>> heading_number("十一"), heading_number("一百零一"), heading_number("十一一")
    (11, 101, None)
    """
    try:
        return cn_to_int(s)
    except ValueError:
        return None


# --- structure markers --------------------------------------------------------------------

#: A structure marker at the start of a logical line: 一、  (一) （一）  第一部分  12.  12、  12﹒
STRUCTURE_MARKER = re.compile(
    rf"(?:[{_MARKER_NUMERALS}]{{1,4}}\s*[、.．]"
    rf"|[(（]\s*[{_MARKER_NUMERALS}]{{1,4}}\s*[)）]"
    rf"|第[{_MARKER_NUMERALS}\d]{{1,4}}(?:部分|章|篇)"
    r"|\d{1,6}\s*[.．、﹒](?!\d))"
)
#: ``一、`` or ``第一部分``; group 1 or 2 is the number.
SECTION = re.compile(
    rf"^(?:([{_HEADING_NUMERALS}]{{1,5}})\s*[、.．]"
    rf"|第([{_HEADING_NUMERALS}\d]{{1,5}})(?:部分|章|篇)[\s、,:：.．]*)"
)
#: ``(一)``; group 1 is the number.
SUBSECTION = re.compile(rf"^[(（]\s*([{_HEADING_NUMERALS}]{{1,5}})\s*[)）]\s*")
#: ``1.`` ``1．`` ``1、`` ``1﹒``, not ``12.5``; group 1 is the number.
ITEM = re.compile(r"^(\d{1,3})(?!\d)\s*[.．、﹒]\s*(?!\d)")
#: ``1000.`` … ``999999.``: accepted as an item only when it continues the numbering.
ITEM_LONG = re.compile(r"^(\d{4,6})(?!\d)\s*[.．、﹒]\s*(?!\d)")
#: ``27构建``: an item number without its full stop (not ``3年`` ``20项`` …).
ITEM_NO_PUNCT = re.compile(r"^(\d{1,3})(?=[\u4e00-\u9fff])(?![年月日个万亿元所名项人次届期号])")
#: A marker inside a flattened line, after the end of a sentence or a space.
INLINE_MARKER = re.compile(
    rf"(?<=[。;；!！?？)）”\s])(?:[{_HEADING_NUMERALS}]{{1,5}}、"
    rf"|[(（][{_HEADING_NUMERALS}]{{1,5}}[)）]|\d{{1,3}}[.．、﹒](?!\d))"
)
#: What every :data:`INLINE_MARKER` match needs: the character before it and its first character.
#: Without a look-behind it is scanned in a tight loop, so a paragraph without it is passed over fast.
INLINE_MARKER_HINT = re.compile(rf"[。;；!！?？)）”\s][{_HEADING_NUMERALS}(（\d]")

# --- labels -------------------------------------------------------------------------------

#: Labelled fields and their canonical names. A responsibility label is a field too: the
#: names in :data:`UNIT_FIELDS` hold units.
CANONICAL_FIELDS = {
    "问题描述": "问题描述",
    "目标任务": "目标任务",
    "预期成果": "预期成果",
    "工作措施": "工作措施",
    "工作举措": "工作措施",
    "主要措施": "工作措施",
    "责任处室": "责任处室",
    "责任单位": "责任单位",
    "责任科室": "责任科室",
    "责任股室": "责任股室",
    "牵头单位": "牵头单位",
    "配合单位": "配合单位",
    "完成时限": "完成时限",
    "责任部门": "责任单位",
    "牵头部门": "牵头单位",
    "协同单位": "配合单位",
    "参与单位": "配合单位",
}
UNIT_FIELDS = ("责任处室", "责任单位", "责任科室", "责任股室", "牵头单位", "配合单位")
#: Labels of a responsibility note (``责任单位:`` …), as a regex alternation.
UNIT_LABELS = "|".join(label for label, name in CANONICAL_FIELDS.items() if name in UNIT_FIELDS)
#: ``问题描述:`` at the start of a line; group 1 is the label.
FIELD = re.compile(rf"^({'|'.join(CANONICAL_FIELDS)})\s*[:：]\s*")
#: ``(责任单位:…)`` at the end of a line; one level of nested parentheses allowed inside.
#: Group 1 is the note, group 2 a full stop after it.
UNIT_NOTE = re.compile(
    rf"[(（]\s*((?:{UNIT_LABELS})\s*[:：][^()（）]*(?:[(（][^()（）]*[)）][^()（）]*)*)[)）]\s*([。.]?)\s*$"
)
UNIT_LABEL = re.compile(rf"(?:{UNIT_LABELS})\s*[:：]\s*")
#: A responsibility note opening (raw text, so Traditional forms too; spaces of extraction allowed).
NOTE_OPEN = re.compile(r"[(（]\s*(?:责\s*任|牵\s*头|配\s*合|責\s*任|牽\s*頭)")
#: A line that ends where a note opens: ``(`` or ``(责``.
NOTE_CUT = re.compile(r"[(（]\s*[责牵配責牽]?$")

# The Traditional form of every character the labels use (to_simplified inverts it: tests check it).
_TRADITIONAL = str.maketrans("问题标务预举责处单牵头时门协与参", "問題標務預舉責處單牽頭時門協與參")


def to_traditional(label: str) -> str:
    """The Traditional-character form of a label.

    >>> to_traditional("牵头单位"), to_traditional("工作措施")
    ('牽頭單位', '工作措施')
    """
    return label.translate(_TRADITIONAL)


def label_forms() -> dict[str, str]:
    """Every label a line can open with, Simplified and Traditional → its canonical field.

    >>> forms = label_forms(); forms["責任單位"], forms["主要措施"], len(forms) > len(CANONICAL_FIELDS)
    ('责任单位', '工作措施', True)
    """
    forms = dict(CANONICAL_FIELDS)
    for label, name in CANONICAL_FIELDS.items():
        forms.setdefault(to_traditional(label), name)
    return forms


#: A line that opens with a field label: the clean stage never joins it to the line before.
WRAP_LABEL = re.compile(rf"^(?:{'|'.join(label_forms())})\s*[:：]")


def starts_label(line: str) -> bool:
    """True when ``line`` (raw text, stripped) opens with a field or responsibility label."""
    return bool(WRAP_LABEL.match(line))


# --- titles, notices and dates --------------------------------------------------------------

TITLE_WORDS = re.compile(r"(?:工作要点|工作计划|工作安排|工作思路|工作重点|要点)(?:汇编)?(?:[(（]\d+篇[)）])?$")
YEAR_IN_TITLE = re.compile(r"(20\d{2})年")
NOTICE = re.compile(r"(?:关于印发|印发).{0,40}(?:的通知|通知)$")
DATE = re.compile(
    r"^(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})日$"
)


def parse_date(s: str) -> str | None:
    """A date line as ``YYYY-MM-DD``, or None when the line is no date.

    >>> parse_date("二〇二四年二月十八日"), parse_date("2024年2月18日"), parse_date("2月18日")
    ('2024-02-18', '2024-02-18', None)
    """
    m = DATE.match(s)
    if not m:
        return None
    year, month, day = (heading_number(g) for g in m.groups())  # 2023 or 二〇二三 (digit by digit)
    if year is None or month is None or day is None:
        return None  # 一一月: not a numeral
    return f"{year:04d}-{month:02d}-{day:02d}"


# --- page markers and tables of contents ---------------------------------------------------

_DECOR = "-—–=_~*#<>\\[\\]【】〔〕()（）|·•\\s"
#: A line that is only a page number: ``- 3 -``, ``第3页 共12页``, ``Page 3 of 12``, ``3/12``.
PAGE_MARKER = re.compile(
    rf"^[{_DECOR}]*(?:"
    r"第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|[Pp]age\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|\d{1,4}"
    rf")[{_DECOR}]*$"
)
TOC_LINE = re.compile(
    r"^(?:\d{1,2}\s*[.．、]\s*)?\S.{0,60}?"
    r"(?:(?:要点|计划|方案|安排|汇编|意见|通知|报告|总结|目录)\s*[.…·\s]*|[.…·]{3,}\s*)\d{1,3}$"
)
#: A TOC line taken apart: (entry number, title, page number).
TOC_ENTRY = re.compile(r"^(?:(\d{1,2})\s*[.．、]\s*)?(.*?)[\s.…·]*(\d{1,3})$")
#: A TOC entry number alone on its line (``1.``), its title on the next.
TOC_NUMBER = re.compile(r"(\d{1,2})\s*[.．、]")


def is_toc_line(line: str) -> bool:
    """A table-of-contents line: a title with a page number glued or dot-led at its end.

    >>> is_toc_line("2.市教育局2024年工作要点19"), is_toc_line("19.强化德育教育")
    (True, False)
    """
    s = line.strip()
    return "。" not in s and bool(TOC_LINE.match(s))
