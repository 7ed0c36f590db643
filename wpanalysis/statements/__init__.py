"""Generated statements: the sentences of a notebook that state a number, a count, a name or a
ranking, computed from the corpus's tables and returned as Markdown.

A notebook's fixed prose explains methods and how to read a figure; everything it says about
*this* corpus comes from a function here (one module per notebook subject), so the sentences stay
true for 3, 30 or 3,000 plans. Each function takes tables and returns a ``str`` of Markdown; a
notebook shows it with ``IPython.display.Markdown``. Words that depend on the design ("most",
"significant", "too few to compare") are chosen by the function from the numbers and the
thresholds it states, never by the author in advance.

This module holds the small helpers every statement uses.

**Both languages.** Every function takes ``language`` (``"en"``, the default, or ``"zh"``) and
writes its sentences in that language: the notebooks' ``language`` parameter reaches them. Group
values, column names and codebook names come from :mod:`wpanalysis.labels` in that language;
sentences are written per language with :func:`pick` (Chinese is not a word-for-word translation:
no plural, measure words, 、 between names). The corpus's own words (place names, plan labels, top
terms) stay as they are in both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["count", "listing", "share", "bullet_list", "pick"]


def count(n: int, singular: str, plural: str | None = None) -> str:
    """*n* with its noun in the right number.

    >>> count(1, "plan"), count(3, "plan"), count(0, "body", "bodies")
    ('1 plan', '3 plans', '0 bodies')
    """
    word = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {word}"


def pick(language: str, en: str, zh: str) -> str:
    """The text in *language*: *en* or *zh* (raises on any other language).

    >>> pick("zh", "3 plans", "3 份计划")
    '3 份计划'
    """
    if language == "en":
        return en
    if language == "zh":
        return zh
    raise ValueError(f"language must be 'en' or 'zh', got {language!r}")


def listing(names: Iterable[object], limit: int = 8, conjunction: str = "and", language: str = "en",
            unit: str = "个") -> str:
    """Names joined as in a sentence; past *limit*, the first ones and how many others. In Chinese
    (*language* ``"zh"``) names are joined with 、 and 和 (或 when *conjunction* is ``"or"``); past
    *limit* the first ones and 等 N *unit*, N counting all the names and *unit* their measure word
    (份 for plans, 句 for sentences, 条 for items, 个, the default, for terms).

    >>> listing(["Ningbo"]), listing(["Ningbo", "Jishou"]), listing(["a", "b", "c"])
    ('Ningbo', 'Ningbo and Jishou', 'a, b and c')
    >>> listing([f"p{i}" for i in range(12)], limit=3), listing("abcde", 2, "or")
    ('p0, p1, p2 and 9 others', 'a, b or 3 others')
    >>> listing([])
    'none'
    >>> listing(["宁波", "吉首", "成都"], language="zh"), listing([f"p{i}" for i in range(12)], 3, language="zh")
    ('宁波、吉首和成都', 'p0、p1、p2 等 12 个')
    >>> listing([f"宁波 {y}" for y in range(2015, 2025)], 2, language="zh", unit="份")
    '宁波 2015、宁波 2016 等 10 份'
    >>> listing([f"体质健康优良率（{i}）" for i in range(10)], 2, language="zh", unit="条")
    '体质健康优良率（0）、体质健康优良率（1）等 10 条'
    >>> listing(["甲", "乙", "丙", "丁"], 3, "or", language="zh", unit="句")
    '甲、乙或丙等 4 句'
    >>> listing([], language="zh"), listing(["宁波 2024", "深圳 2024"], language="zh")
    ('无', '宁波 2024 和深圳 2024')
    >>> listing(["甲", "B"], conjunction="or", language="zh"), listing(["p1", "p2"], language="zh")
    ('甲或 B', 'p1 和 p2')
    """
    names = [str(n) for n in names]
    if language == "zh":
        if not names:
            return "无"
        joiner = "或" if conjunction == "or" else "和"
        if len(names) > limit:
            head = _joined_zh(names[:limit], joiner) if conjunction == "or" else "、".join(names[:limit])
            return f"{head}{_space_zh(head)}等 {len(names):,} {unit}"
        return _joined_zh(names, joiner)
    pick(language, "", "")  # refuses an unknown language
    if not names:
        return "none"
    if len(names) > limit:
        rest = len(names) - limit
        return f"{', '.join(names[:limit])} {conjunction} {count(rest, 'other')}"
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def _space_zh(text: str, first: bool = False) -> str:
    """The space Chinese typesetting puts between a Han character and a Latin letter or digit: " "
    when *text* ends (starts, if *first*) with one, else ""."""
    char = text[:1] if first else text[-1:]
    return " " if char.isascii() and char.isalnum() else ""


def _joined_zh(names: Sequence[str], joiner: str) -> str:
    """Names joined with 、 and *joiner* before the last one."""
    if len(names) <= 1:
        return "".join(names)
    head = "、".join(names[:-1])
    return f"{head}{_space_zh(head)}{joiner}{_space_zh(names[-1], first=True)}{names[-1]}"


def share(part: float, whole: float, digits: int = 0) -> str:
    """*part* of *whole* as a percentage ("—" when *whole* is 0).

    >>> share(1, 3), share(2, 3, 1), share(0, 0)
    ('33%', '66.7%', '—')
    """
    if not whole:
        return "—"
    return f"{100 * part / whole:.{digits}f}%"


def bullet_list(lines: Sequence[str]) -> str:
    """Markdown bullets, one per line.

    >>> print(bullet_list(["one", "two"]))
    - one
    - two
    """
    return "\n".join(f"- {line}" for line in lines)
