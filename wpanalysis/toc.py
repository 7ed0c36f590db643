"""Tables of contents of compilations: the titles they list for the plans that follow.

A compilation (汇编) of plans often lists its plans in a table of contents; a plan whose own
title line is lost gets the title the TOC lists for it (:func:`titles_from_toc`).

>>> from wpanalysis.plan import Document, Part
>>> doc = Document(1, None, None, None, [], [], [], "", "", False, True, [])
>>> titles_from_toc("1.甲县2024年工作要点3", [Part("toc", 0, 15)], [doc])
>>> doc.title, doc.year
('甲县2024年工作要点', 2024)
"""

from __future__ import annotations

from .grammar import TOC_ENTRY, TOC_NUMBER, YEAR_IN_TITLE
from .plan import Document, Part

__all__ = ["titles_from_toc"]


def titles_from_toc(text: str, toc_parts: list[Part], docs: list[Document]) -> None:
    """Give untitled documents of a compilation the title its table of contents lists.

    Used only when the TOC numbers its entries 1..N and the file holds N documents.
    """
    entries: dict[int, str] = {}
    pending: int | None = None
    for p in toc_parts:
        if p.kind != "toc":
            continue
        line = text[p.start:p.end].strip()
        bare = TOC_NUMBER.fullmatch(line)
        if bare:
            pending = int(bare.group(1))
            continue
        m = TOC_ENTRY.match(line)
        if not m or not m.group(2):
            pending = None
            continue
        number = int(m.group(1)) if m.group(1) else pending
        pending = None
        if number is not None:
            entries.setdefault(number, m.group(2).strip())
    if not entries or sorted(entries) != list(range(1, len(docs) + 1)):
        return
    for doc in docs:
        if doc.title is None:
            doc.title = entries[doc.index]
            doc.warnings.append("title taken from the table of contents")
            m = YEAR_IN_TITLE.search(doc.title)
            if doc.year is None and m:
                doc.year = int(m.group(1))
