"""The parsed plan: documents → sections → sub-sections → items, and the parts of the text.

:func:`wpanalysis.structure.parse_clean` makes a :class:`ParsedPlan`; what the read stage
knows about the file (format, encoding, pages, title, date) comes in as a :class:`SourceInfo`
when the plan is made. :meth:`ParsedPlan.to_json` is the ``wpanalysis parse --json`` contract.

>>> info = SourceInfo("plan.pdf", format="pdf", pages=3)
>>> (info.source, info.format, info.pages, info.encoding)
('plan.pdf', 'pdf', 3, None)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .clean import CleanText

if TYPE_CHECKING:
    from .read import RawText

__all__ = ["Part", "Section", "Subsection", "Item", "Document", "SourceInfo", "ParsedPlan"]


@dataclass
class Part:
    """A span ``[start, end)`` of the cleaned text and what it is.

    kind: title | headline | notice | preamble | heading | section_text | item | outline |
    toc | compilation_title | closing | duplicate | unassigned (``headline``: a web page's
    headline that repeats the plan title, kept as evidence).
    ``document`` is the 1-based document index, or None for file-level parts.
    """

    kind: str
    start: int
    end: int
    document: int | None = None
    ref: str | None = None


@dataclass
class Section:
    number: int
    title: str
    start: int = -1


@dataclass
class Subsection:
    section: int | None
    number: int
    title: str
    start: int = -1


@dataclass
class Item:
    """One numbered work item.

    ``text`` is the item without its number and without its responsibility
    note; ``body`` is ``text`` without the title; ``has_body`` is False for
    title-only (outline) items. ``start``/``end`` are cleaned-text offsets.
    """

    number: int
    title: str
    text: str
    body: str
    section: int | None
    subsection: int | None
    responsible_units: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    has_body: bool = False
    source: str = "body"  # body | outline
    start: int = -1
    end: int = -1
    title_own_line: bool = False


@dataclass
class Document:
    index: int
    title: str | None
    year: int | None
    notice_date: str | None
    sections: list[Section]
    subsections: list[Subsection]
    items: list[Item]
    preamble: str
    completeness: str
    has_outline: bool
    has_body: bool
    warnings: list[str]
    start: int = -1
    end: int = -1
    source_headline: str | None = None  # a web page's headline repeating the title (wpanalysis.webcopy)


@dataclass(frozen=True)
class SourceInfo:
    """What the read stage knows about the file a plan comes from.

    ``format`` is txt | docx | pdf | html; ``pages`` the PDF page count; ``title`` and ``date``
    what the file itself states (web page ``<title>`` and publication date, .docx properties);
    ``artefacts`` the ``(kind, text)`` pairs the reader removed (running headers of a PDF).
    """

    source: str = "<text>"
    encoding: str | None = None
    format: str = "txt"
    pages: int | None = None
    title: str | None = None
    date: str | None = None
    artefacts: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_raw(cls, raw: RawText, source: str | None = None) -> SourceInfo:
        """The read stage's result as a plan's source; ``source`` names it (default: its path)."""
        return cls(source=raw.path if source is None else source, encoding=raw.encoding, format=raw.format,
                   pages=raw.pages, title=raw.title, date=raw.date, artefacts=tuple(raw.artefacts))


@dataclass
class ParsedPlan:
    """Everything parsed from one file; the read stage's metadata is :attr:`info`."""

    info: SourceInfo
    script: str
    clean: CleanText
    documents: list[Document]
    parts: list[Part]
    warnings: list[str]

    @property
    def source(self) -> str:
        return self.info.source

    @property
    def encoding(self) -> str | None:
        return self.info.encoding

    @property
    def format(self) -> str:
        return self.info.format

    @property
    def pages(self) -> int | None:
        return self.info.pages

    @property
    def source_title(self) -> str | None:
        return self.info.title

    @property
    def source_date(self) -> str | None:
        return self.info.date

    @property
    def read_artefacts(self) -> tuple[tuple[str, str], ...]:
        return self.info.artefacts

    @property
    def text(self) -> str:
        return self.clean.text

    @property
    def unassigned(self) -> list[str]:
        return [self.text[p.start:p.end] for p in self.parts if p.kind == "unassigned"]

    def to_json(self) -> dict[str, Any]:
        """The ``wpanalysis parse --json`` contract (``pages`` only for PDF). ``parts`` and the
        ``artefacts`` carry ``start``/``end`` offsets into the raw decoded text (``n_raw_chars`` long;
        none for what the reader removed before decoding, such as a PDF's running headers), and
        ``blank`` lists what lies outside them all (the whitespace cleaning dropped), so the JSON
        alone shows where every character of the file went."""
        return {
            "source": self.source,
            "format": self.format,
            **({"pages": self.pages} if self.format == "pdf" else {}),
            "encoding": self.encoding,
            "script": self.script,
            "documents": [_document_json(d) for d in self.documents],
            "unassigned": self.unassigned,
            "n_raw_chars": len(self.clean.raw),
            "parts": (parts := self._parts_json()),
            "artefacts": (artefacts := [{"kind": kind, "text": text, "start": None, "end": None}
                                        for kind, text in self.read_artefacts]
                          + [{"kind": a.kind, "text": a.text, "start": a.raw_start, "end": a.raw_end}
                             for a in self.clean.artefacts]),
            "blank": _blank_spans(self.clean.raw, parts + artefacts),
            "warnings": self.warnings,
        }

    def _parts_json(self) -> list[dict[str, Any]]:
        """Every part of the text (title, notice, preamble, headings with their numbers, items with
        their numbers, TOC, closing, unassigned…) as ``start``/``end`` offsets into the raw decoded
        text and that raw ``text``: with the artefacts (their offsets too) they cover every
        character of the file's text but the whitespace cleaning dropped."""
        raw = self.clean.raw
        out = []
        for p in self.parts:
            start, end = self.clean.raw_span(p.start, p.end)
            out.append({"kind": p.kind, "document": p.document, "ref": p.ref, "start": start, "end": end,
                        "text": raw[start:end]})
        return out


def _blank_spans(raw: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    r"""The stretches of *raw* outside every span (parts and artefacts with offsets), with their text:
    the whitespace cleaning dropped (and anything else the parts missed, which would show here).

    >>> _blank_spans("ab \ncd", [{"start": 0, "end": 2}, {"start": 4, "end": 6}])
    [{'start': 2, 'end': 4, 'text': ' \n'}]
    """
    out, pos = [], 0
    for start, end in sorted((s["start"], s["end"]) for s in spans if s["start"] is not None):
        if start > pos:
            out.append({"start": pos, "end": start, "text": raw[pos:start]})
        pos = max(pos, end)
    if pos < len(raw):
        out.append({"start": pos, "end": len(raw), "text": raw[pos:]})
    return out


def _document_json(d: Document) -> dict[str, Any]:
    return {
        "title": d.title,
        "year": d.year,
        "notice_date": d.notice_date,
        "completeness": d.completeness,
        "sections": [{"number": s.number, "title": s.title} for s in d.sections],
        "subsections": [{"section": s.section, "number": s.number, "title": s.title} for s in d.subsections],
        "items": [
            {
                "number": i.number,
                "title": i.title,
                "text": i.text,
                "section": i.section,
                "subsection": i.subsection,
                "responsible_units": i.responsible_units,
                "fields": i.fields,
            }
            for i in d.items
        ],
        "warnings": d.warnings,
        **({"source_headline": d.source_headline} if d.source_headline else {}),
    }
