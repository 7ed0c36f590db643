"""Targets stage, extraction: the quantitative targets stated in an item's text.

:func:`extract_targets` finds every number in an item's text that quantifies what the
item commits to do, reach or keep within (``学前三年毛入园率达到94.5%以上``,
``新增学位12.1万个``, ``控制在0.25以内``) and returns one :class:`Target` per number
(the tables of all items are in :mod:`wpanalysis.targets.tables`).

Matching runs on the Simplified shadow of the text (:func:`wpanalysis.script.to_simplified`
preserves length), so offsets, ``raw`` and ``indicator`` come from the original text.

Edge rules (documented in ``data/annotations/README.md`` with the annotated sample)
----------------------------------------------------------------------------------
- **Value**: Arabic (``12.1``) or Chinese numerals (``三``, ``一百二十``, ``两``), fractions
  (``三分之一`` → 0.333…, no unit), ``百分之X`` (→ %); ``万``/``亿``/``千`` are expanded
  (``12.1万个`` → 121000 个, ``3亿元`` → 300000000 元; ``万元``/``亿元`` → 元).
- **Unit**: the measure word after the number (``%``, ``百分点`` for ``个百分点``, ``个 所 人 人次
  名 位 项 元 …``); empty for a bare number with a bound (``控制在0.25以内``). Extraction
  spaces between number, unit and bound are allowed (``20 项以上``).
- **Comparator**: ``>=`` for 以上 / 及以上 / 不低于 / 不少于 / 至少 / ≥; ``<=`` for 以内 / 以下 /
  不超过 / 不高于 / 控制在 / ≤; ``>`` for 超 / 超过 / 突破 / 高于 / 余 / 多; ``<`` for 低于 / 少于 /
  不足; otherwise ``=`` (达到, 保持, 左右 and a plain number state a level, not a bound).
  A bound word after the number wins; one before it counts when it lies in the same clause
  with no other number between (``不低于高职专科招生规模的12%``) — within 12 characters.
- **Ranges** (``85%—90%``, ``700-800人``, ``1至2项``, ``1—2个``) give **two rows** with the same
  ``raw`` and offsets: ``>=`` the low value and ``<=`` the high value.
- **Qualifier**: 力争 / 争取 / 确保 / 努力 earlier in the sentence, 左右 / 约 / 余 / 多 in the
  span, 累计 in the clause — joined by ``|``; it never changes the comparator.
- **Year**: the last ``YYYY年`` (or the end of ``YYYY—YYYY年``) earlier in the same sentence,
  outside quotes and brackets (``确保2025年…≥55%`` → 2025); else missing.
- **Not targets**: years, dates, durations and ages (``年 月 日 岁`` are not units), document
  and item numbers, ordinals (``第三批``, ``第39个``), ranks (``前1%``), version and model
  labels next to Latin letters or dots (``5G``, ``2.0``, ``5A``), ``X+Y`` formulas (``1+N``,
  ``10+3``), anything inside quotes or title marks (``“两个只增不减”``, ``《…三年行动方案》``),
  baselines (``由原来不少于1小时延长至…``) and national slogans (``两个确立``, ``八项规定``).
- **Chinese numerals** follow the national standard on numerals in publications
  (GB/T 15835-2011: counting that is meant statistically is written in Arabic digits;
  fixed expressions and descriptive counts in Chinese). A Chinese-numeral count is a target
  only with a bound word (``两次以上``, ``至少…一次``), as a per-period frequency (``每月开展一次``),
  as a fraction, with a unit of measurement (``提高三个百分点``, ``五千万元``), or right after an
  output verb with a value of 2 or more (``新建三所``);
  so ``突出攀岩、游泳两个优势项目``, ``四项计划``, ``今后一个时期`` are not targets.
- **Indicator**: the clause's own words naming what is counted — the words before the number
  (without bound words, 达到 / 达 / 保持 / 为 / 占 and modal words), plus, when the number comes
  first (``创建5所省级示范性幼儿园``), the noun phrase after it up to the next 、 / 和 / 及:
  ``创建省级示范性幼儿园``. A number that shares its indicator (``分别达到8.5%和20%``) takes the
  previous target's.

>>> [(t.indicator, t.comparator, t.value, t.unit) for t in extract_targets("新增学位12.1万个。")]
[('新增学位', '=', 121000.0, '个')]
>>> [(t.comparator, t.value, t.unit, t.raw) for t in extract_targets("差异系数控制在0.25以内")]
[('<=', 0.25, '', '控制在0.25以内')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..numerals import ZH_BIG, ZH_DIGITS, ZH_SMALL, zh_value
from ..script import to_simplified

__all__ = ["Target", "extract_targets"]


@dataclass(frozen=True)
class Target:
    """One quantitative target; ``raw == text[start:end]`` of the item text it came from."""

    indicator: str
    comparator: str
    value: float
    unit: str
    raw: str
    start: int
    end: int
    year: int | None = None
    qualifier: str = ""



# --------------------------------------------------------------------------- vocabulary

_ZH_DIGITS, _ZH_SMALL, _ZH_BIG = ZH_DIGITS, ZH_SMALL, ZH_BIG
_ZH_CHARS = "".join([*_ZH_DIGITS, *_ZH_SMALL, *_ZH_BIG])
_MULTIPLIERS = {"千万": Decimal(10_000_000), "百万": Decimal(1_000_000), "亿": Decimal(100_000_000),
                "万": Decimal(10_000), "千": Decimal(1000)}

# unit as written → unit reported; longest first at match time
_UNIT_MAP = {"个百分点": "百分点", "百分点": "百分点", "%": "%", "％": "%", "‰": "‰",
             "平方公里": "平方公里", "平方米": "平方米"}
_AR_UNITS = ["人次", "场次", "课时", "学时", "小时", "分钟", "公里", "公顷", "个", "所", "人", "名", "位",
             "项", "元", "家", "期", "次", "场", "节", "篇", "件", "台", "套", "张", "本", "册", "部", "门",
             "支", "座", "间", "处", "条", "类", "种", "批", "户", "亩", "米", "天", "倍", "辆", "份", "例",
             "块", "栋", "幢", "对"]
_ZH_UNITS = ["人次", "场次", "课时", "学时", "小时", "个", "所", "人", "名", "位", "项", "元", "家", "次",
             "场", "节", "篇", "门", "座", "倍", "天"]
# a unit followed by one of these characters is the start of another word (项目, 所以, 家庭)
_NOT_UNIT_BEFORE = {
    "所": "以有在属得需谓长", "个": "人性体案", "项": "目", "名": "单称义", "家": "庭长乡居属务",
    "门": "户槛口类", "部": "门分署", "场": "馆所地景", "期": "间末中", "台": "账阶", "条": "件例",
    "节": "日点约能", "人": "民才员口", "元": "旦素", "本": "科地土身质", "位": "于置", "处": "理室长",
    "支": "持出部教", "座": "谈", "批": "准复次", "套": "餐", "篇": "章", "天": "然", "米": "粮",
    "次": "数", "件": "事", "对": "接口象照比标策待应付于外话称",
}
_SUFFIX = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=",
           "左右": "="}
_PREFIX = {"不低于": ">=", "不少于": ">=", "不小于": ">=", "至少": ">=", "最少": ">=", "≥": ">=",
           "不超过": "<=", "不高于": "<=", "不多于": "<=", "不大于": "<=", "最多": "<=", "控制在": "<=",
           "≤": "<=", "超过": ">", "超出": ">", "突破": ">", "高于": ">", "多于": ">", "大于": ">",
           "超": ">", "低于": "<", "少于": "<", "不足": "<", "小于": "<", ">": ">", "<": "<",
           "＞": ">", "＜": "<"}
_ADJACENT_ONLY = {"超", "≥", "≤", ">", "<", "＞", "＜"}
_PREFIX_REACH = 12
_MODALS = ("力争", "争取", "确保", "努力")
_OUTPUT_VERBS = ("新改扩建", "改扩建", "新建", "新增", "增加", "建设", "建成", "建好", "创建", "打造", "组建",
                 "评选", "遴选", "培育", "培养", "培训", "招聘", "引进", "完成", "举办", "开展", "组织",
                 "认定", "设立", "达到", "达")
_SLOGANS = ("两个确立", "两个维护", "四个意识", "四个自信", "四个全面", "三个全面", "两个只增不减",
            "两个覆盖", "两个毫不动摇", "三个代表", "两个一百年", "八项规定", "四个服务", "三个必须",
            "三个面向", "两个结合")
_COPULAS = ("分别达到", "均达到", "达到", "提高到", "提升到", "增加到", "增长到", "保持在", "保持", "均达",
            "分别为", "均为", "达", "为", "占", "是")
# a quantity that defines a category rather than setting a target (消除56人以上大班额)
_DEFINES = re.compile(r"(?:的)?(?:超)?大班额")
_BASELINE_AFTER = re.compile(r"^[^，,。；;：:]{0,6}?(?:提高|提升|增加|增长|扩大|延长|降低|下降|减少|缩短|压缩)[到至为]")

_SPACE = "[ \u3000\u00a0]*"
_NUMBER = re.compile(
    rf"(?P<pct>百分之[{_ZH_CHARS}]+)"
    rf"|(?P<frac>[{_ZH_CHARS}]+分之[{_ZH_CHARS}]+)"
    r"|(?P<ar>\d+(?:\.\d+)?)"
    rf"|(?P<zh>[{_ZH_CHARS}]+)"
)
_AR_ONLY = re.compile(r"\d+(?:\.\d+)?")
_ZH_ONLY = re.compile(rf"[{_ZH_CHARS}]+")
_RANGE_SEP = re.compile(rf"{_SPACE}[-—–~～至到]{_SPACE}")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*[-—–~～至到]\s*((?:19|20)\d{2}))?\s*年")
_CLAUSE_END = set("，,。；;：:！!？?\n")
_SENTENCE_END = set("。；;！!？?\n")
_OPEN_CLOSE = {"“": "”", "\"": "\"", "《": "》", "〈": "〉", "「": "」", "『": "』", "‘": "’", "〔": "〕",
               "【": "】", "[": "]"}
_LIST_SEPARATORS = ("以及", "、", "和", "及", "与")

_UNITS_SORTED = sorted({*_UNIT_MAP, *_AR_UNITS}, key=len, reverse=True)
_ZH_UNITS_SORTED = sorted({*_UNIT_MAP, *_ZH_UNITS} - {"%", "％", "‰"}, key=len, reverse=True)
_SUFFIX_SORTED = sorted(_SUFFIX, key=len, reverse=True)
_PREFIX_RE = re.compile("|".join(re.escape(w) for w in sorted(_PREFIX, key=len, reverse=True)))


# --------------------------------------------------------------------------- helpers


_zh_value = zh_value  # one reader for Chinese numerals, shared with the structure stage


def _protected(s: str) -> list[bool]:
    """True for every character inside quotes, title marks or bracketed references."""
    mask = [False] * len(s)
    i = 0
    while i < len(s):
        close = _OPEN_CLOSE.get(s[i])
        if close is None:
            i += 1
            continue
        limit = len(s)
        for k in range(i + 1, len(s)):  # an unclosed mark protects to the end of its sentence
            if s[k] == close:
                limit = k + 1
                break
            if s[k] in _SENTENCE_END:
                limit = k
                break
        for k in range(i, limit):
            mask[k] = True
        i = max(limit, i + 1)
    return mask


def _clause_bounds(s: str, pos: int, ends: set[str]) -> tuple[int, int]:
    a = pos
    while a > 0 and s[a - 1] not in ends:
        a -= 1
    b = pos
    while b < len(s) and s[b] not in ends:
        b += 1
    return a, b


def _skip_space(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \u3000\u00a0":
        i += 1
    return i


def _match_unit(s: str, i: int, chinese: bool) -> tuple[str, int] | None:
    """(unit as reported, end) of the unit starting at ``s[i]``, or None."""
    for u in _ZH_UNITS_SORTED if chinese else _UNITS_SORTED:
        if s.startswith(u, i):
            end = i + len(u)
            nxt = s[end] if end < len(s) else ""
            if nxt and nxt in _NOT_UNIT_BEFORE.get(u, "") and not any(
                s.startswith(w, end) for w in ("以上", "以下", "以内")
            ):
                return None
            return _UNIT_MAP.get(u, u), end
    return None


@dataclass
class _Quantity:
    start: int
    end: int  # end of number + multiplier (+ unit when present)
    value: Decimal
    unit: str | None
    chinese: bool
    fraction: bool
    multiplied: bool
    approx: str = ""  # 余 / 多 between number and unit
    factor: Decimal = Decimal(1)  # the 万/亿/千 written after an Arabic number


def _read_quantity(s: str, m: re.Match[str]) -> _Quantity | None:
    """Number (+ multiplier + 余/多) (+ unit) starting at match ``m``."""
    kind = m.lastgroup
    text = m.group()
    unit: str | None = None
    if kind == "frac":
        den, num = text.split("分之")
        dv, nv = _zh_value(den), _zh_value(num)
        if not dv or nv is None:
            return None
        return _Quantity(m.start(), m.end(), nv / dv, "", True, True, False)
    if kind == "pct":
        v = _zh_value(text[3:])
        return None if v is None else _Quantity(m.start(), m.end(), v, "%", True, False, False)
    chinese = kind == "zh"
    factor = Decimal(1)
    if chinese:
        # a trailing 万/亿 belongs to the number (三万), a leading one never starts it
        v = _zh_value(text)
        if v is None:
            return None
        value, i, multiplied = v, m.end(), text[-1] in _ZH_BIG
    else:
        value, i, multiplied = Decimal(text), m.end(), False
        j = _skip_space(s, i)
        for mult in ("千万", "百万", "亿", "万", "千"):
            if s.startswith(mult, j):
                value, i, multiplied = value * _MULTIPLIERS[mult], j + len(mult), True
                factor = _MULTIPLIERS[mult]
                break
    approx = ""
    j = _skip_space(s, i)
    if j < len(s) and s[j] in "余多" and _match_unit(s, j + 1, chinese):
        approx, i = s[j], j + 1
    j = _skip_space(s, i)
    found = _match_unit(s, j, chinese)
    if found:
        unit, i = found
    return _Quantity(m.start(), i, value, unit, chinese, False, multiplied, approx, factor)


def _suffix_at(s: str, i: int) -> tuple[str, int] | None:
    """A bound word after the quantity (allowing extraction spaces and an alternative unit)."""
    j = _skip_space(s, i)
    alt = re.match(r"[(（][\u4e00-\u9fff]{1,3}[)）]", s[j:])
    k = j + alt.end() if alt else j
    for w in _SUFFIX_SORTED:
        if s.startswith(w, k):
            return w, k + len(w)
    return None


def _prefix_before(s: str, start: int, floor: int, mask: list[bool]) -> tuple[str, int] | None:
    """The last bound word between ``floor`` and ``start`` (within reach, outside quotes)."""
    best = None
    for pm in _PREFIX_RE.finditer(s, floor, start):
        if mask[pm.start()]:
            continue
        gap = start - pm.end()
        if gap > _PREFIX_REACH or (pm.group() in _ADJACENT_ONLY and gap > 0):
            continue
        best = (pm.group(), pm.start())
    return best


def _excluded_context(s: str, q: _Quantity, mask: list[bool]) -> bool:
    before = s[q.start - 1] if q.start else ""
    number_end = q.start + len(_NUMBER.match(s, q.start).group())  # type: ignore[union-attr]
    after = s[number_end] if number_end < len(s) else ""
    if mask[q.start] or (before and before in "第前+＋.·/／") or (after and after in "+＋"):
        return True
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True  # 5G, IPv6, 5A, B2
    if after in ":：" and number_end + 1 < len(s) and s[number_end + 1].isdigit():
        return True  # clock times and ratios
    if q.chinese and not q.fraction:
        window = s[q.start:q.end + 4]
        if any(window.startswith(w) for w in _SLOGANS):
            return True
        if before and before in _ZH_CHARS:  # part of a longer numeral-like word (统一, 唯一 …)
            return True
    return False


def _indicator_parts(s: str, text: str, a: int, b: int, spans: list[tuple[int, int]], k: int) -> str:
    """Indicator of the k-th target span in clause [a, b) (spans sorted, within the clause).

    Boundaries are found on the Simplified shadow ``s`` and cut from the original ``text``.
    """
    start, end = spans[k]
    prev_end = spans[k - 1][1] if k else a
    next_start = spans[k + 1][0] if k + 1 < len(spans) else b
    before_start = prev_end
    if k and _is_number_first(s, prev_end, start):  # the previous number owns the words after it
        before_start = prev_end + _own_after(s[prev_end:start])
    i, j = _clean_before(s[before_start:start])
    before = text[before_start + i:before_start + j]
    after = ""
    if _is_number_first(s, end, next_start):
        seg = s[end:end + _own_after(s[end:next_start])]
        lead = len(seg) - len(seg.lstrip(" \u3000"))
        lead += 1 if seg[lead:].startswith("的") else 0
        after = text[end + lead:end + len(seg.rstrip(" \u3000"))]
    return (before + after).strip(" \u3000、")


def _own_after(segment: str) -> int:
    """Length of the noun phrase after a number that belongs to it (up to 、/和/及/与)."""
    cut = len(segment)
    for sep in _LIST_SEPARATORS:
        p = segment.find(sep)
        if p != -1:
            cut = min(cut, p)
    return cut


def _is_number_first(s: str, end: int, limit: int) -> bool:
    phrase = s[end:end + _own_after(s[end:limit])].strip(" \u3000")
    return bool(phrase) and phrase not in ("的",)


def _clean_before(before: str) -> tuple[int, int]:
    """``(i, j)`` such that ``before[i:j]`` is the indicator part of the words before a number."""
    i, j = 0, len(before)
    baseline = re.search(r"[由从][^由从]*\d[^由从]*$", before)  # a dropped baseline: 由原来1小时增加到
    if baseline:
        j = baseline.start()
    changed = True
    while changed and i < j:
        changed = False
        seg = before[i:j]
        for w in (*_LIST_SEPARATORS, "，", ",", " ", "\u3000", *_MODALS, "并", "同时", "其中", "要"):
            if seg.startswith(w):
                i, changed = i + len(w), True
                break
        if changed:
            continue
        y = re.match(r"(?:到|至)?(?:19|20)\d{2}年(?:底|末)?(?:前)?", seg)
        if y and y.end():
            i, changed = i + y.end(), True
            continue
        for w in sorted((*_PREFIX, *_COPULAS, "、", "和", " ", "\u3000"), key=len, reverse=True):
            if seg.endswith(w) and len(seg) > len(w):
                j, changed = j - len(w), True
                break
    return i, j


def _year_before(s: str, sentence_start: int, pos: int, mask: list[bool]) -> int | None:
    year = None
    for ym in _YEAR.finditer(s, sentence_start, pos):
        if mask[ym.start()] or _in_brackets(s, ym.start()):
            continue
        year = int(ym.group(2) or ym.group(1))
    return year


def _in_brackets(s: str, pos: int) -> bool:
    depth = 0
    for c in reversed(s[:pos]):
        if c in ")）":
            depth += 1
        elif c in "(（":
            if depth == 0:
                return True
            depth -= 1
        elif c in _SENTENCE_END:
            return False
    return False


def _qualifier(s: str, sentence_start: int, clause_start: int, q_start: int, raw_end: int, approx: str) -> str:
    found = []
    sentence = s[sentence_start:q_start]
    modal = max(_MODALS, key=lambda w: sentence.rfind(w))
    if sentence.rfind(modal) != -1:
        found.append(modal)
    span = s[q_start:raw_end]
    if "左右" in span:
        found.append("左右")
    if approx:
        found.append(approx)
    if q_start and s[q_start - 1] == "约":
        found.append("约")
    if "累计" in s[clause_start:q_start]:
        found.append("累计")
    return "|".join(found)


# --------------------------------------------------------------------------- extraction

_Found = tuple[_Quantity, _Quantity | None, int, int, str]
"""A target before assembly: low quantity, high quantity of a range, span start and end, comparator."""


def extract_targets(text: str) -> list[Target]:
    """Every quantitative target in ``text`` (an item's text), in order of position.

    Ranges give two rows (``>=`` low, ``<=`` high) with the same span.

    >>> [(t.comparator, t.value, t.unit) for t in extract_targets("招收市级公费师范生150-200人")]
    [('>=', 150.0, '人'), ('<=', 200.0, '人')]
    >>> extract_targets("组织开展第27届推普周,落实“两个只增不减”,实施2024—2025年计划。")
    []
    """
    if not text:
        return []
    s = to_simplified(text)
    mask = _protected(s)
    found: list[_Found] = []
    prev_end = 0
    pos = 0
    while True:
        m = _NUMBER.search(s, pos)
        if m is None:
            break
        pos = m.end()
        q = _read_quantity(s, m)
        if q is None or _excluded_context(s, q, mask):
            continue
        high, end = _read_range(s, q)
        if high is not None:
            pos = max(pos, high.end)
        target = _as_target(s, q, high, end, prev_end, mask)
        if target is None:
            continue
        found.append(target)
        prev_end = target[3]
        pos = max(pos, prev_end)
    return _assemble(text, s, mask, found)


def _read_range(s: str, q: _Quantity) -> tuple[_Quantity | None, int]:
    """The high end of a range right after ``q`` (``700-800人``) or None, and where the quantity ends.

    A unit and multiplier written once, at the end (``700-800人``, ``1.2—1.5万人``), are given to ``q`` too.
    """
    sep = _RANGE_SEP.match(s, q.end)
    if not sep:
        return None, q.end
    m2 = (_ZH_ONLY if q.chinese else _AR_ONLY).match(s, sep.end())
    q2 = _read_quantity(s, _NUMBER.match(s, sep.end())) if m2 else None  # type: ignore[arg-type]
    if q2 is None or q2.unit is None or (q.unit is not None and q.unit != q2.unit):
        return None, q.end
    if q.unit is None:
        q.unit = q2.unit
        if not q.multiplied:
            q.value *= q2.factor
    return q2, q2.end


def _as_target(s: str, q: _Quantity, high: _Quantity | None, end: int, prev_end: int,
               mask: list[bool]) -> _Found | None:
    """The quantity ``q`` (ending at ``end``) as a target, or None when it is not one."""
    bare = q.unit is None and high is None and not q.fraction
    if bare:
        q.unit = ""  # a bare number: only a target with a bound word
    clause_start, clause_end = _clause_bounds(s, q.start, _CLAUSE_END)
    span_start, span_end, cmp, has_bound = _span_and_comparator(s, q, end, max(clause_start, prev_end), mask)
    if bare and (not has_bound or _YEAR.match(s, q.start)):
        return None
    if q.chinese and not q.fraction and not _chinese_count_ok(s, q, clause_start, cmp != "="):
        return None
    if re.search(r"[由从](?:原来|原|现在|目前)?[^，,。；;]{0,4}$", s[clause_start:span_start]) and (
        _BASELINE_AFTER.match(s[span_end:clause_end])
    ):
        return None  # 由原来不少于1小时延长至…: a baseline
    if _DEFINES.match(s, span_end):
        return None
    return q, high, span_start, span_end, cmp


def _span_and_comparator(s: str, q: _Quantity, end: int, floor: int, mask: list[bool]) -> tuple[int, int, str, bool]:
    """``(span_start, span_end, comparator, has_bound)`` of the quantity ``q`` ending at ``end``.

    The span takes in a bound word right before the number and one after it; ``has_bound``
    tells whether a bound word makes a bare number a target.
    """
    suffix = _suffix_at(s, end)
    prefix = _prefix_before(s, q.start, floor, mask)
    span_start = prefix[1] if prefix and q.start - (prefix[1] + len(prefix[0])) == 0 else q.start
    span_end = suffix[1] if suffix else end
    if suffix and suffix[0] != "左右":
        cmp = _SUFFIX[suffix[0]]
    elif prefix:
        cmp = _PREFIX[prefix[0]]
    elif q.approx:
        cmp = ">"
    else:
        cmp = "="
    next_char = s[span_end] if span_end < len(s) else ""
    has_bound = bool((suffix and suffix[0] != "左右") or (
        prefix and span_start == prefix[1] and not ("\u4e00" <= next_char <= "\u9fff")
    ))
    return span_start, span_end, cmp, has_bound


def _chinese_count_ok(s: str, q: _Quantity, clause_start: int, bounded: bool) -> bool:
    if bounded or q.unit in ("百分点", "%", "元", "平方米", "平方公里", "倍"):  # measurement, not a count
        return True
    if q.unit in ("次", "节", "课时", "学时", "小时") and "每" in s[max(clause_start, q.start - 8):q.start]:
        return True
    return q.value >= 2 and s[clause_start:q.start].endswith(_OUTPUT_VERBS)


def _assemble(text: str, s: str, mask: list[bool], found: list[_Found]) -> list[Target]:
    spans = [(a, b) for _, _, a, b, _ in found]
    out: list[Target] = []
    indicators: list[str] = []
    for q, high, a, b, cmp in found:
        clause_start, clause_end = _clause_bounds(s, q.start, _CLAUSE_END)
        sentence_start, _ = _clause_bounds(s, q.start, _SENTENCE_END)
        in_clause = [sp for sp in spans if clause_start <= sp[0] < clause_end]
        k = in_clause.index((a, b))
        indicator = _indicator_parts(s, text, clause_start, clause_end, in_clause, k)
        if not indicator and k and indicators:
            indicator = indicators[-1]  # 分别达到8.5%和20%: shared indicator
        indicators.append(indicator)
        year = _year_before(s, sentence_start, q.start, mask)
        qual = _qualifier(s, sentence_start, clause_start, q.start, b, q.approx)
        raw = text[a:b]
        unit = q.unit or ""
        if high is None:
            out.append(Target(indicator, cmp, float(q.value), unit, raw, a, b, year, qual))
        else:
            out.append(Target(indicator, ">=", float(q.value), unit, raw, a, b, year, qual))
            out.append(Target(indicator, "<=", float(high.value), unit, raw, a, b, year, qual))
    return out
