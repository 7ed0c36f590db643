"""Sentences of items: the unit of instrument coding (one row per sentence of an item).

An item's ``text`` is split after each sentence end — 。；！？ and their half-width forms
``; ! ?`` (cleaning turns full-width ；！？ into half-width) — and at every line end, so
an own-line title, each labelled field (Ningbo's 问题描述 / 目标任务 / 预期成果 / 工作措施) and
each paragraph start a sentence of their own. A closing quote or bracket right after the end
mark stays with its sentence (``……“双减”。”``). Leading and trailing whitespace is not part
of a sentence; a piece that is empty or whitespace only is dropped. The title of a title-only
item (an outline-only plan) is one sentence whatever it contains.

Every sentence keeps where it came from: ``start``/``end`` in the item's ``text``
(``text[start:end] == sentence text``) and, when the raw decoded text of the file is given,
``raw_start``/``raw_end`` in it. The raw offsets are found, not computed: the item's ``text``
is not a verbatim slice of the file (its number, field labels and responsibility note are
left out, and cleaning may join hard wraps, drop extraction spaces or change widths), so
each sentence is looked up verbatim inside the item's raw span, in order; a sentence cleaning
changed is not found there and gets no raw offsets (``<NA>``), rather than offsets that would
not cut out its text.

Example::

    from wpanalysis.sentences import sentence_table
    sentences = sentence_table(corpus.items)            # item offsets only
    sentences = sentence_table(corpus.items, raw_texts)  # {doc_id: raw decoded text}: raw offsets too
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

__all__ = ["SENTENCE_COLUMNS", "FIELD_PREFIX", "split_sentences", "sentence_table"]

SENTENCE_COLUMNS = ["doc_id", "item_seq", "item_number", "sentence", "text", "start", "end", "raw_start", "raw_end",
                    "part", "field"]
"""Columns of :func:`sentence_table` (see the docstring there)."""

FIELD_PREFIX = "field_"
"""Labelled fields of the items table (``field_目标任务`` …) whose text is inside the item's text."""

# A sentence ends after 。；！？ (or their half-width forms), with any closing quotes or brackets
# that follow, or at a line end.
_END = re.compile(r"[。；！？;!?][”’」』）)】〕》\"']*|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of *text*, whitespace trimmed, empty ones dropped.

    >>> t = "加强师德建设。落实“双减”;推进课后服务\\n 提升质量 "
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['加强师德建设。', '落实“双减”;', '推进课后服务', '提升质量']
    """
    if not isinstance(text, str) or not text:
        return []
    spans, begin = [], 0
    for m in _END.finditer(text):
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, len(text)))
    out = []
    for s, e in spans:
        piece = text[s:e]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            out.append((s + lead, s + lead + len(stripped)))
    return out


def _field_spans(text: str, row: Mapping[str, object], fields: list[str]) -> list[tuple[int, int, str]]:
    """Where each labelled field's value lies in the item's text (in order of appearance)."""
    spans, cursor = [], 0
    located = []
    for column in fields:
        value = row.get(column)
        if isinstance(value, str) and value.strip():
            k = text.find(value.strip())
            if k >= 0:
                located.append((k, k + len(value.strip()), column.removeprefix(FIELD_PREFIX)))
    for s, e, name in sorted(located):
        if s >= cursor:
            spans.append((s, e, name))
            cursor = e
    return spans


def _raw_offsets(raw_span: str | None, base: int, pieces: list[str]) -> list[tuple[object, object]]:
    """Each piece looked up verbatim in *raw_span*, in order; ``(NA, NA)`` when not found."""
    out: list[tuple[object, object]] = []
    cursor = 0
    for piece in pieces:
        k = raw_span.find(piece, cursor) if raw_span is not None else -1
        if k < 0:
            out.append((pd.NA, pd.NA))
            continue
        out.append((base + k, base + k + len(piece)))
        cursor = k + len(piece)
    return out


def _item_sentences(row: Mapping[str, object], fields: list[str], raw_text: str | None) -> list[tuple]:
    text = row.get("text")
    if not isinstance(text, str):
        return []
    has_body = row.get("has_body")
    if has_body is False or (not pd.isna(has_body) and not bool(has_body)):
        stripped = text.strip()
        lead = len(text) - len(text.lstrip())
        spans = [(lead, lead + len(stripped))] if stripped else []
    else:
        spans = split_sentences(text)
    title = row.get("title")
    title_end = len(title.strip()) if isinstance(title, str) and text.startswith(title.strip()) else 0
    field_spans = _field_spans(text, row, fields)
    raw_span, base = None, 0
    r0, r1 = row.get("raw_start"), row.get("raw_end")
    if raw_text is not None and not pd.isna(r0) and not pd.isna(r1):
        base = int(r0)
        raw_span = raw_text[base:int(r1)]
    pieces = [text[s:e] for s, e in spans]
    rows = []
    for k, ((s, e), piece, (rs, re_)) in enumerate(zip(spans, pieces, _raw_offsets(raw_span, base, pieces)), 1):
        field = next((name for fs, fe, name in field_spans if fs <= s < fe), pd.NA)
        part = "title" if s < title_end else "body"
        rows.append((row["doc_id"], int(row["item_seq"]), row.get("item_number", pd.NA), k, piece, s, e, rs, re_,
                     part, field))
    return rows


def sentence_table(items: pd.DataFrame, raw_texts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per sentence of each item of *items* (the build's items table).

    *raw_texts* maps ``doc_id`` to the raw decoded text of its file (``ParsedPlan.clean.raw``);
    without it, or for an item without ``raw_start``/``raw_end``, the raw offsets are ``<NA>``.

    Columns (:data:`SENTENCE_COLUMNS`): ``doc_id``, ``item_seq``, ``item_number``, ``sentence``
    (1-based within the item; with ``doc_id`` and ``item_seq`` the stable id), ``text``,
    ``start``, ``end`` (``items.text[start:end] == text``), ``raw_start``, ``raw_end`` (in the
    raw text, ``raw[raw_start:raw_end] == text``; ``<NA>`` when cleaning changed the sentence),
    ``part`` (``title`` for the item's title, else ``body``), ``field`` (the labelled field the
    sentence is in, e.g. ``目标任务``; ``<NA>`` outside labelled fields). Rows follow *items*.

    >>> items = pd.DataFrame({"doc_id": ["a", "b"], "item_seq": [1, 1], "item_number": [1, 1],
    ...     "title": ["加强师德建设", "提升质量。落实双减"],
    ...     "text": ["加强师德建设\\n开展培训。考核", "提升质量。落实双减"],
    ...     "has_body": [True, False], "raw_start": [2, pd.NA], "raw_end": [18, pd.NA]})
    >>> t = sentence_table(items, {"a": "1.加强师德建设\\n开展培训。考核"})
    >>> t[["doc_id", "sentence", "text", "start", "end", "raw_start", "part"]].values.tolist()
    [['a', 1, '加强师德建设', 0, 6, 2, 'title'], ['a', 2, '开展培训。', 7, 12, 9, 'body'], \
['a', 3, '考核', 12, 14, 14, 'body'], ['b', 1, '提升质量。落实双减', 0, 9, <NA>, 'title']]
    """
    fields = [c for c in items.columns if c.startswith(FIELD_PREFIX)]
    raw_texts = raw_texts or {}
    rows: list[tuple] = []
    for row in items.to_dict("records"):
        rows.extend(_item_sentences(row, fields, raw_texts.get(row["doc_id"])))
    out = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    for column in ("item_seq", "sentence", "start", "end", "raw_start", "raw_end"):
        out[column] = out[column].astype("Int64")
    if "item_number" in items:
        out["item_number"] = out["item_number"].astype(items["item_number"].dtype)
    for column in ("part", "field"):
        out[column] = out[column].astype("string")
    return out
