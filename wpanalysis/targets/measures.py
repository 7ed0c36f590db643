"""Targets stage, measures: what kind of quantity each target states — a level, a change, or an amount.

``达到95%`` (a level in percent), ``近视率下降1%以上`` (a **relative** change: 1 percent of the
rate itself) and ``提高2个百分点`` (an **absolute** change in percentage points) are three different
quantities even though two of them are written with ``%``. A view that puts them on one axis, or
a statement that sums them, compares unlike things. :func:`measure_of` declares the kind of every
target by rule from its sentence; :func:`item_measures` applies it to the targets of one item
(a number that shares its verb with the one before, ``分别下降5%和10%``, takes that one's kind);
:func:`add_measures` adds the ``measure`` column to a targets table built before the column
existed; :func:`measure_label` names a (measure, unit) pair for a view.

The rule (:data:`MEASURES`)
---------------------------
Only the words between the previous number of the clause (or the clause start) and the number
count; trailing filler (了, 约, 近, bound words such as 不低于) is skipped first.

- **amount** — the unit is a count or a measure of things, people, money or time (个, 所, 人,
  元, 小时 …): how much is to be built, done or spent. Levels and additions are not told apart.
- Otherwise (unit ``%``, ``‰``, ``百分点``, ``倍`` or none):

  - **level** when the words end with a change word followed by 到 / 至 / 为 (``提高到35%``:
    the value to reach), with 控制在 / 保持在, or with no change word (``达到95%``, ``覆盖率80%``);
  - **relative change** when they end with a change word (提高, 提升, 增长, 增加, 上升, 下降, 降低,
    减少, 缩小, 缩短, 压缩, 增, 降, 减, 升, 涨) or name a change (增幅, 降幅, 涨幅, 幅度 + 达到/为)
    and the unit is ``%``, ``‰`` or ``倍``: a change by that share of the indicator's own value;
  - **absolute change** for the same words with unit ``百分点`` or a bare number (``降低0.05``):
    a change in the indicator's own unit. A ``百分点`` with no change word and no 到/控制在 is an
    absolute change too (a difference of two percentages: ``高于全省平均5个百分点``).

So ``近视率下降1%以上`` is a relative change even though the national plan sets the fall of the
myopia rate in percentage points: the rule reads what the sentence says, and a reader who
believes the plan meant points must say so.

>>> measure_of("普惠性幼儿园覆盖率达到89%", 11, "%"), measure_of("近视率下降1%以上", 5, "%")
('level', 'relative change')
>>> measure_of("提高2个百分点", 2, "百分点"), measure_of("新增学位1200个", 4, "个")
('absolute change', 'amount')
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from ..script import to_simplified

__all__ = ["MEASURES", "RATE_UNITS", "measure_of", "item_measures", "add_measures", "measure_label", "measure_table"]

MEASURES: tuple[str, ...] = ("level", "relative change", "absolute change", "amount")
"""The kinds of quantity a target states (see the module's rule)."""

RATE_UNITS: dict[str, str] = {"%": "%", "‰": "‰", "百分点": "percentage points", "倍": "times", "": "number"}
"""Units whose targets are levels or changes (the rest are amounts), with the name a view gives them."""

_RELATIVE_UNITS = {"%", "‰", "倍"}
_CHANGE = "提高|提升|增长|增加|上升|下降|降低|减少|缩小|缩短|压缩|减轻|增|降|减|升|涨"
_TO_LEVEL = re.compile(rf"(?:(?:{_CHANGE})(?:到|至|为)|控制在|保持在|稳定在)$")
_CHANGE_END = re.compile(rf"(?:{_CHANGE})$")
_CHANGE_NOUN = re.compile(r"(?:增幅|降幅|涨幅|增速|幅度|降低率|下降率)(?:达到|达|为|在)?$")
_FILLER = ("不低于", "不少于", "不小于", "不超过", "不高于", "不多于", "不大于", "至少", "最少", "最多", "超过",
           "超出", "高于", "低于", "少于", "多于", "大于", "小于", "不足", "大约", "了", "约", "近", "超", "达",
           " ", "\u3000", "≥", "≤", ">", "<", "＞", "＜")
_LEVEL_PREFIXES = ("控制在", "保持在", "稳定在")
_SEPARATORS = "、，,和及与以及 \u3000"
_CLAUSE_END = set("，,。；;：:！!？?\n")


def _tail(words: str) -> str:
    """*words* without trailing filler (bound words, 了, 约 …), repeatedly."""
    changed = True
    while changed and words:
        changed = False
        for w in _FILLER:
            if words.endswith(w) and len(words) > len(w):
                words, changed = words[: -len(w)], True
                break
    return words


def measure_of(text: str, start: int, unit: str, floor: int | None = None) -> str | None:
    """The measure of the target whose span starts at ``text[start]`` with *unit*
    (:data:`MEASURES`), reading the words from *floor* (the end of the previous number of the
    clause; default the clause start) to *start*. None when those words are only a list separator
    (``和``, ``、``): the target shares the previous one's verb and so its measure.

    >>> measure_of("覆盖率力争提高到35%左右", 8, "%"), measure_of("获奖率提升5%", 5, "%")
    ('level', 'relative change')
    >>> measure_of("分别下降5%和10%", 7, "%", floor=6) is None
    True
    """
    return _measure(to_simplified(text), start, unit if isinstance(unit, str) else "", floor)


def _measure(s: str, start: int, unit: str, floor: int | None) -> str | None:
    """:func:`measure_of` on the Simplified shadow *s* of the text."""
    if unit not in RATE_UNITS:
        return "amount"
    a = start
    while a > 0 and s[a - 1] not in _CLAUSE_END:
        a -= 1
    words = s[max(a, floor if floor is not None else a):start]
    if floor is not None and floor > a and not words.strip(_SEPARATORS):
        return None
    tail = _tail(words)
    relative = unit in _RELATIVE_UNITS
    if _TO_LEVEL.search(tail) or s.startswith(_LEVEL_PREFIXES, start):
        return "level"
    if _CHANGE_END.search(tail) or _CHANGE_NOUN.search(tail):
        return "relative change" if relative else "absolute change"
    return "absolute change" if unit == "百分点" else "level"


def item_measures(text: str, spans: Sequence[tuple[int, int]], units: Sequence[str]) -> list[str]:
    """The measure of each target of one item, given their ``(start, end)`` spans (in order) and
    units. A range's two rows (same span) get one measure; a number that shares the previous
    one's verb (:func:`measure_of` returns None) takes its measure.

    >>> item_measures("近视率分别下降5%和10%，覆盖率达到90%", [(7, 9), (10, 13), (19, 22)], ["%"] * 3)
    ['relative change', 'relative change', 'level']
    """
    out: list[str] = []
    prev_end, prev_span = None, None
    s = to_simplified(text) if spans else text
    for (start, end), unit in zip(spans, units):
        unit = unit if isinstance(unit, str) else ""
        if prev_span == (start, end):
            out.append(out[-1])
            continue
        same_clause = prev_end is not None and not any(c in _CLAUSE_END for c in text[prev_end:start])
        kind = _measure(s, start, unit, prev_end if same_clause else None)
        if kind is None:
            previous = out[-1] if out else "level"
            kind = previous if (unit in RATE_UNITS) == (previous != "amount") else _measure(s, start, unit, None)
        out.append(kind or "level")
        prev_end, prev_span = end, (start, end)
    return out


def add_measures(targets: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """*targets* with a ``measure`` column computed from the items' ``text`` — for a targets table
    written before the build added the column (a table that has it is returned as it is).

    >>> items = pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "text": ["近视率下降1%以上，入园率达到95%"]})
    >>> t = pd.DataFrame({"doc_id": ["d", "d"], "item_seq": [1, 1], "start": [5, 15], "end": [9, 18],
    ...                   "unit": ["%", "%"]})
    >>> add_measures(t, items)["measure"].tolist()
    ['relative change', 'level']
    """
    if "measure" in targets.columns:
        return targets
    texts = dict(zip(zip(items["doc_id"].astype(object), items["item_seq"]), items["text"]))
    starts, ends = targets["start"].to_numpy(), targets["end"].to_numpy()
    units = [u if isinstance(u, str) else "" for u in targets["unit"]]
    measure = [""] * len(targets)
    groups = targets.groupby([targets["doc_id"].astype(object), "item_seq"], sort=False).indices
    for key, rows in groups.items():
        rows = sorted(rows, key=lambda r: (starts[r], ends[r], r))
        text = texts.get(key, "")
        kinds = item_measures(text if isinstance(text, str) else "", [(int(starts[r]), int(ends[r])) for r in rows],
                              [units[r] for r in rows])
        for r, kind in zip(rows, kinds):
            measure[r] = kind
    return targets.assign(measure=pd.Series(measure, index=targets.index, dtype="string"))


def measure_label(measure: str, unit: str) -> str:
    """The name a view gives a (measure, unit) pair: values with different names never share an
    axis or a sum.

    >>> measure_label("level", "%"), measure_label("relative change", "%"), measure_label("absolute change", "百分点")
    ('level (%)', 'relative change (%)', 'absolute change (percentage points)')
    >>> measure_label("amount", "所")
    'amount (所)'
    """
    unit = unit if isinstance(unit, str) else ""
    return f"{measure} ({RATE_UNITS.get(unit, unit) if measure != 'amount' else unit or 'number'})"


def measure_table(targets: pd.DataFrame, examples: int = 3) -> pd.DataFrame:
    """One row per kind of quantity (:func:`measure_label`; every amount in one row, its units joined
    by ``、``, most frequent first, the first five and how many), in :data:`MEASURES` order: ``kind``,
    ``n_targets``, ``n_plans``, ``examples`` (the most frequent indicator wordings, ties in order of
    appearance) — a view that stays short at any N.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "indicator": ["入园率", "近视率下降", "入园率", "新增学位"],
    ...                   "unit": ["%", "%", "%", "个"], "measure": ["level", "relative change", "level", "amount"]})
    >>> measure_table(t).values.tolist()
    [['level (%)', 2, 2, '入园率'], ['relative change (%)', 1, 1, '近视率下降'], ['amount (个)', 1, 1, '新增学位']]
    """
    rows = []
    keys = pd.Series(["amount" if m == "amount" else measure_label(str(m), u)
                      for m, u in zip(targets["measure"], targets["unit"])], index=targets.index, dtype=object)
    rank = {m: k for k, m in enumerate(MEASURES)}
    for key, sub in targets.groupby(keys, sort=False):
        words = sub["indicator"][sub["indicator"].str.len() > 0].value_counts(sort=False)
        words = words.sort_values(ascending=False, kind="stable")
        unit_names = pd.Series([u if isinstance(u, str) and u else "number" for u in sub["unit"]], dtype=object)
        ranked = list(unit_names.value_counts(sort=False).sort_values(ascending=False, kind="stable").index)
        units = "、".join(ranked[:5]) + (f" … {len(ranked)} units" if len(ranked) > 5 else "")
        rows.append({"kind": f"amount ({units})" if key == "amount" else key, "n_targets": len(sub),
                     "n_plans": sub["doc_id"].nunique(), "examples": "、".join(words.index[:examples]),
                     "_o": (rank.get(str(sub["measure"].iloc[0]), len(rank)), key)})
    out = pd.DataFrame(rows, columns=["kind", "n_targets", "n_plans", "examples", "_o"])
    return out.sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)
