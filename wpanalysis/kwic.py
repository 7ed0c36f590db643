"""Keyword in context: every occurrence of a term in the items, with its context.

:func:`kwic` matches on the Simplified shadow of each item's ``text``
(:func:`wpanalysis.script.to_simplified` keeps the length), so a Simplified query finds
Traditional plans too; the contexts and the match are cut from the original text at the
same offsets. :func:`format_concordance` lines the hits up for a terminal, padding by
display width (a CJK character takes two columns). :func:`term_overview` sums the hits up
per term and plan, with the targets stated in the items that hold them, and :func:`term_summary`
per term; :func:`spread_hits` keeps a concordance short by taking hits from as many plans as it
can, and :func:`neighbours` counts the words written right before or after a term.

>>> items = pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [7],
...                       "text": ["全面落实“雙減”政策,巩固双减成果。"], "responsible_units": ["基教科|督导室"]})
>>> kwic(items, "双减", window=4)[["left", "match", "right", "responsible_units"]].values.tolist()
[['面落实“', '雙減', '”政策,', '基教科|督导室'], ['策,巩固', '双减', '成果。', '基教科|督导室']]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .script import to_simplified
from .segment import segment_text

__all__ = ["KWIC_COLUMNS", "kwic", "compile_pattern", "display_width", "format_concordance", "term_overview",
           "term_summary", "spread_hits", "neighbours"]

KWIC_COLUMNS = ["doc_id", "item_seq", "item_number", "left", "match", "right", "start", "end",
                "responsible_units"]
"""Columns of :func:`kwic`: the item, up to ``window`` characters of ``left`` and ``right``
context, the ``match`` (original characters), its ``start``/``end`` offsets in the item's
``text``, and the item's ``responsible_units`` (``|``-separated, lead unit first)."""


def compile_pattern(pattern: str | Sequence[str] | re.Pattern[str], regex: bool = False) -> re.Pattern[str]:
    """The regular expression :func:`kwic` searches with.

    A term is matched literally (``regex=False``); a list of terms matches any of them, longest
    first (so ``双减政策`` wins over ``双减``); with ``regex=True`` the string (or each list
    entry) is a regular expression. Traditional characters in the pattern are mapped to
    Simplified, as the text is. A compiled pattern is used as it is.

    >>> compile_pattern(["双减", "双减政策"]).pattern
    '双减政策|双减'
    >>> compile_pattern("雙減").pattern
    '双减'
    """
    if isinstance(pattern, re.Pattern):
        return pattern
    terms = [pattern] if isinstance(pattern, str) else list(pattern)
    if not terms or any(not isinstance(t, str) or t == "" for t in terms):
        raise ValueError("kwic needs a non-empty term, list of terms or regex")
    terms = [to_simplified(t) for t in terms]
    if regex:
        return re.compile("|".join(f"(?:{t})" if len(terms) > 1 else t for t in terms))
    terms = sorted(dict.fromkeys(terms), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms))


def kwic(
    items: pd.DataFrame,
    pattern: str | Sequence[str] | re.Pattern[str],
    window: int = 20,
    regex: bool = False,
) -> pd.DataFrame:
    """One row per hit of ``pattern`` in the items' ``text`` (columns :data:`KWIC_COLUMNS`).

    Hits are non-overlapping, in item order then position; empty regex matches are skipped.
    ``items`` needs ``doc_id``, ``item_seq``, ``item_number`` and ``text``;
    ``responsible_units`` is copied when present (else empty).

    >>> items = pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [1], "text": ["新增学位1200个"]})
    >>> kwic(items, r"\\d+个", window=2, regex=True)[["left", "match", "right"]].values.tolist()
    [['学位', '1200个', '']]
    """
    if window < 0:
        raise ValueError("window must be >= 0")
    rx = compile_pattern(pattern, regex)
    has_units = "responsible_units" in items.columns
    rows = []
    # plain lists, not itertuples: the items table is wide and this loop visits every item
    columns = [items[c].tolist() for c in ("doc_id", "item_seq", "item_number", "text")]
    all_units = items["responsible_units"].tolist() if has_units else [""] * len(items)
    for doc_id, item_seq, item_number, text, units in zip(*columns, all_units):
        text = text if isinstance(text, str) else ""
        units = units if isinstance(units, str) else ""
        for m in rx.finditer(to_simplified(text)):
            a, b = m.span()
            if a == b:
                continue
            rows.append({"doc_id": doc_id, "item_seq": item_seq, "item_number": item_number,
                         "left": text[max(0, a - window):a], "match": text[a:b],
                         "right": text[b:b + window], "start": a, "end": b, "responsible_units": units})
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def display_width(s: str) -> int:
    """Terminal columns ``s`` takes: wide and full-width characters count 2, combining marks 0.

    >>> display_width("双减abc"), display_width("（１）")
    (7, 6)
    """
    width = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad_left(s: str, width: int) -> str:
    return " " * (width - display_width(s)) + s


def _pad_right(s: str, width: int) -> str:
    return s + " " * (width - display_width(s))


def _one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def format_concordance(hits: pd.DataFrame, units: bool = False) -> str:
    """An aligned concordance: ``doc_id:item  left [match] right`` (and units when asked).

    Line breaks in the context become spaces; the left context is right-aligned and the match
    column padded, both by display width, so the matches line up in a terminal.

    >>> hits = pd.DataFrame({"doc_id": ["a", "b"], "item_number": [1, 12], "left": ["落实", "x"],
    ...                      "match": ["双减", "双减"], "right": ["政策", "成果"], "responsible_units": ["", ""]})
    >>> print(format_concordance(hits))
    a:1   落实 双减 政策
    b:12     x 双减 成果
    """
    if hits.empty:
        return ""
    labels = [f"{d}:{n}" for d, n in zip(hits["doc_id"], hits["item_number"])]
    lefts = [_one_line(s) for s in hits["left"]]
    matches = [_one_line(s) for s in hits["match"]]
    rights = [_one_line(s) for s in hits["right"]]
    wl = max(display_width(s) for s in labels)
    wleft = max(display_width(s) for s in lefts)
    wmatch = max(display_width(s) for s in matches)
    wright = max(display_width(s) for s in rights)
    unit_lists = list(hits["responsible_units"]) if units else [""] * len(hits)
    lines = []
    for label, left, match, right, unit in zip(labels, lefts, matches, rights, unit_lists):
        line = f"{_pad_right(label, wl)}  {_pad_left(left, wleft)} {_pad_right(match, wmatch)} {right}"
        if units:
            line = f"{_pad_right(line, display_width(line) + wright - display_width(right))}  [{unit or ''}]"
        lines.append(line.rstrip())
    return "\n".join(lines)


def term_overview(items: pd.DataFrame, terms: Iterable[str], targets: pd.DataFrame | None = None,
                  max_targets: int = 6, hits: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Per term and plan (plans with a hit, in items order): ``term``, ``doc_id``, ``n_hits``,
    ``n_items``, ``item_numbers`` (joined by ``,``) and, when *targets* is given, ``targets``:
    ``n_targets`` and ``targets``, the targets stated in those items (``raw`` joined by ``；``, the
    first *max_targets*, then ``…``). *hits* maps a term to its :func:`kwic` rows when they are
    already computed (the notebook's concordance), so the items are not searched twice.

    >>> items = pd.DataFrame({"doc_id": ["d", "d"], "item_seq": [1, 2], "item_number": [1, 2],
    ...                       "text": ["提升课后服务质量,课后服务覆盖率100%", "无"]})
    >>> term_overview(items, ["课后服务"])[["doc_id", "n_hits", "n_items"]].values.tolist()
    [['d', 2, 1]]
    """
    by_item: dict[tuple[object, object], list[str]] = {}
    if targets is not None:
        for key, raw in zip(zip(targets["doc_id"].astype(object), targets["item_seq"]), targets["raw"]):
            by_item.setdefault(key, []).append(raw)
    rows = []
    for term in terms:
        found = hits[term] if hits is not None and term in hits else kwic(items, term, window=0)
        for doc_id, sub in found.groupby("doc_id", sort=False):
            seqs = list(dict.fromkeys(sub["item_seq"]))
            row = {"term": term, "doc_id": doc_id, "n_hits": len(sub), "n_items": len(seqs),
                   "item_numbers": ",".join(str(n) for n in dict.fromkeys(sub["item_number"]))}
            if targets is not None:
                stated = [raw for seq in sorted(seqs) for raw in by_item.get((doc_id, seq), [])]
                raws = list(dict.fromkeys(stated))
                row["n_targets"] = len(stated)
                row["targets"] = "；".join(raws[:max_targets]) + ("；…" if len(raws) > max_targets else "")
            rows.append(row)
    cols = ["term", "doc_id", "n_hits", "n_items", "item_numbers"]
    cols += ["n_targets", "targets"] if targets is not None else []
    return pd.DataFrame(rows, columns=cols)


def term_summary(overview: pd.DataFrame, terms: Iterable[str]) -> pd.DataFrame:
    """One row per term of *terms*, terms with no hit included: ``term``, ``n_docs``, ``n_hits``,
    ``n_items`` and, when *overview* (:func:`term_overview`) has targets, ``n_targets`` (targets
    stated in the items with a hit) and ``n_docs_with_targets`` (plans whose items with a hit state one).

    >>> overview = pd.DataFrame({"term": ["双减", "双减"], "doc_id": ["a", "b"], "n_hits": [3, 1], "n_items": [2, 1],
    ...                          "item_numbers": ["1,4", "2"], "n_targets": [0, 2], "targets": ["", "5所；90%"]})
    >>> term_summary(overview, ["双减", "县管校聘"]).values.tolist()
    [['双减', 2, 4, 3, 2, 1], ['县管校聘', 0, 0, 0, 0, 0]]
    """
    with_targets = "n_targets" in overview.columns
    rows = []
    for term in dict.fromkeys(terms):
        sub = overview[overview["term"] == term]
        row = {"term": term, "n_docs": int(sub["doc_id"].nunique()), "n_hits": int(sub["n_hits"].sum()),
               "n_items": int(sub["n_items"].sum())}
        if with_targets:
            row["n_targets"] = int(sub["n_targets"].sum())
            row["n_docs_with_targets"] = int((sub["n_targets"] > 0).sum())
        rows.append(row)
    cols = ["term", "n_docs", "n_hits", "n_items"] + (["n_targets", "n_docs_with_targets"] if with_targets else [])
    return pd.DataFrame(rows, columns=cols)


def spread_hits(hits: pd.DataFrame, max_lines: int) -> pd.DataFrame:
    """At most *max_lines* rows of :func:`kwic` hits, spread over the plans: every plan's first hit
    (in hit order), then every plan's second, and so on; the rows kept stay in hit order.

    >>> hits = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "item_number": [1, 2, 3, 1]})
    >>> spread_hits(hits, 2)[["doc_id", "item_number"]].values.tolist()
    [['a', 1], ['b', 1]]
    """
    if len(hits) <= max_lines:
        return hits
    rank = hits.groupby("doc_id", sort=False).cumcount()
    keep = rank.sort_values(kind="stable").index[:max(int(max_lines), 0)]
    return hits.loc[sorted(keep)]


_CLAUSE_END = re.compile(r"[。；;！？!?，,：:、\n]")


def neighbours(hits: pd.DataFrame, side: str = "left") -> pd.Series:
    """How often each word is written right before (``side="left"``) or after (``"right"``) the
    matches of :func:`kwic` hits, within the clause (punctuation ends it) and without stopwords
    (:func:`wpanalysis.segment.segment_text`); most frequent first, ties in order of appearance.

    >>> hits = pd.DataFrame({"left": ["全面深化", "继续深化", "。加强"], "right": ["改革。", "管理", ",完善"]})
    >>> neighbours(hits).to_dict(), neighbours(hits, "right").to_dict()
    ({'深化': 2, '加强': 1}, {'改革': 1, '管理': 1})
    """
    if side not in ("left", "right"):
        raise ValueError("side must be 'left' or 'right'")
    words = []
    for context in hits[side]:
        context = context if isinstance(context, str) else ""
        clause = _CLAUSE_END.split(context)[-1 if side == "left" else 0]
        tokens = segment_text(clause) if clause else []
        if tokens:
            words.append(tokens[-1] if side == "left" else tokens[0])
    counts = pd.Series(words, dtype=object).value_counts(sort=False)
    return counts.sort_values(ascending=False, kind="stable").rename("n")
