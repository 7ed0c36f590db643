"""Format detection and text extraction for Word, PDF and saved web pages.

:func:`sniff_format` recognises a file from its bytes, never from its name;
each ``extract_*`` function turns one format into plain text plus what the
format knows (pages, title, date), or raises :class:`ExtractError` when the file
holds no text to extract. The clean and structure stages then treat that text
like a ``.txt`` plan. Used by :func:`wpanalysis.read.read_text`, which turns an
:class:`ExtractError` into a ``ReadError`` naming the file.

The third-party libraries (python-docx, pdfplumber, trafilatura) are imported
inside the functions, so ``import wpanalysis`` stays fast.

>>> sniff_format(b"%PDF-1.7 ...")
'pdf'
>>> sniff_format("<!DOCTYPE html><html><body>一、总体要求</body></html>".encode())
'html'
>>> sniff_format("一、总体要求".encode())
'txt'
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from .grammar import PAGE_MARKER

__all__ = ["Extracted", "ExtractError", "sniff_format", "extract_docx", "extract_pdf", "extract_html",
           "LEGACY_WORD_HINT"]

LEGACY_WORD_HINT = "soffice --headless --convert-to docx"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])",
                         re.IGNORECASE | re.DOTALL)


class ExtractError(ValueError):
    """A file of a known format with nothing to extract (a scanned PDF); the message says what to do."""


@dataclass
class Extracted:
    """Text taken out of a non-text file, with what the format knows about it."""

    text: str
    encoding: str | None = None
    pages: int | None = None
    title: str | None = None
    date: str | None = None
    artefacts: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) removed while reading


def sniff_format(data: bytes) -> str:
    """``pdf``, ``docx``, ``zip`` (a zip that is no Word document), ``ole`` (.doc/.wps), ``html`` or ``txt``."""
    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "docx" if "word/document.xml" in z.namelist() else "zip"
        except zipfile.BadZipFile:
            return "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    head = data[:1024]
    for encoding in ("utf-8-sig", "utf-32", "utf-16", "gb18030"):
        if encoding.startswith("utf-") and encoding != "utf-8-sig" and b"\x00" not in head:
            continue
        if encoding == "utf-32" and not head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
            continue
        text = head.decode(encoding, errors="ignore")
        if _HTML_START.match(text):
            return "html"
    return "txt"


# --- Word (.docx) ------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"


def _chinese_number(n: int) -> str:
    """Word's ``chineseCounting``: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五.

    >>> [_chinese_number(n) for n in (1, 10, 12, 21, 100, 105)]
    ['一', '十', '十二', '二十一', '一百', '一百零五']
    """
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + _CN_DIGITS[rest] if rest < 10 else
                                    ("一" if rest < 20 else "") + _chinese_number(rest))
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    """One counter in a Word numbering format (``w:numFmt``)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "chineseLegalSimplified"):
        return _chinese_number(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({ord(c): 0xFF10 + int(c) for c in "0123456789"})
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalEnclosedParen",) and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal, decimalZero and anything unknown


class _Numbering:
    """Word's automatic numbering: ``numId`` + level → the label Word would display (``一、``, ``1.``)."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}  # (numId, ilvl) -> (start, fmt, text)
        self.counters: dict[str, list[int | None]] = {}
        # the numbering part, found through the relationships (a document without one has no
        # automatic numbering; python-docx's numbering_part property raises in that case)
        part = next((rel.target_part for rel in document.part.rels.values()
                     if rel.reltype.endswith("/numbering") and not rel.is_external), None)
        if part is None:
            return
        root = part.element
        abstract = {}
        for a in root.iter(f"{_W}abstractNum"):
            abstract[a.get(f"{_W}abstractNumId")] = {
                int(lvl.get(f"{_W}ilvl")): self._level(lvl) for lvl in a.iter(f"{_W}lvl")
            }
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val") if ref is not None else None, {}))
            for override in num.iter(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl"))
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                start = override.find(f"{_W}startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start.get(f"{_W}val")), *levels[ilvl][1:])
            for ilvl, spec in levels.items():
                self.levels[(num_id, ilvl)] = spec

    @staticmethod
    def _level(lvl) -> tuple[int, str, str]:
        def val(tag: str, default: str) -> str:
            el = lvl.find(f"{_W}{tag}")
            return el.get(f"{_W}val", default) if el is not None else default

        return int(val("start", "1")), val("numFmt", "decimal"), val("lvlText", "")

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of ``(num_id, ilvl)`` and return the label (deeper levels restart)."""
        if (num_id, ilvl) not in self.levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [None] * 9)
        start = self.levels[(num_id, ilvl)][0]
        counters[ilvl] = start if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        _, fmt, text = self.levels[(num_id, ilvl)]
        if fmt == "bullet":
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            spec = self.levels.get((num_id, k))
            value = counters[k] if counters[k] is not None else (spec[0] if spec else 1)
            return _format_number(value, spec[1] if spec else "decimal")

        return re.sub(r"%([1-9])", sub, text)


def _paragraph_numbering(paragraph) -> tuple[str, int] | None:
    """``(numId, ilvl)`` from the paragraph's own properties or, failing that, its style's."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        if ppr is None or ppr.numPr is None:
            continue
        num_pr = ppr.numPr
        if num_pr.numId is None:
            continue
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), int(ilvl)
    return None


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# what a paragraph's text never includes: deleted text, text boxes (read as lines of their own),
# the fallback copy of an alternate content, properties
_NOT_TEXT = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_MC}Fallback", f"{_W}pPr", f"{_W}rPr"}
_CONTAINERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"}  # block wrappers
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-", f"{_W}ptab": "\t"}


def _run_text(run) -> str:
    """A run's text as python-docx reads it (``w:t``, tabs, breaks)."""
    out = []
    for el in run:
        if el.tag in _RUN_TEXT:
            out.append(el.text or "" if _RUN_TEXT[el.tag] is None else _RUN_TEXT[el.tag])
        elif el.tag == f"{_W}br" and el.get(f"{_W}type") in (None, "textWrapping"):
            out.append("\n")
    return "".join(out)


def _inline(el, runs: list, boxes: list) -> None:
    """The runs of a paragraph in order — inside hyperlinks, fields, content controls (``w:sdt``)
    and tracked insertions too — and the text boxes it anchors."""
    for child in el:
        tag = child.tag
        if tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag == f"{_W}r":
            runs.append(child)
            _inline(child, [], boxes)  # a text box sits inside a run's drawing
        elif tag not in _NOT_TEXT and isinstance(tag, str):
            _inline(child, runs, boxes)


class _DocxText:
    """The lines of a Word body: paragraphs, tables row by row (nested tables as rows of their
    own), content controls, text boxes after their paragraph; deleted text is counted, not read."""

    def __init__(self, document) -> None:
        self.document = document
        self.numbering = _Numbering(document)
        self.lines: list[str] = []

    def paragraph(self, p) -> tuple[str, list]:
        from docx.text.paragraph import Paragraph

        runs: list = []
        boxes: list = []
        _inline(p, runs, boxes)
        text = "".join(_run_text(r) for r in runs)
        num = _paragraph_numbering(Paragraph(p, self.document))
        return (self.numbering.label(*num) + text if num is not None else text), boxes

    def blocks(self, parent, nested: list | None = None) -> None:
        """The lines of *parent*'s paragraphs; its tables row by row, or, inside a table cell
        (*nested* given), kept in *nested* to become rows of their own after the cell's row."""
        for block in parent.iterchildren():
            if block.tag == f"{_W}p":
                text, boxes = self.paragraph(block)
                self.lines.append(text)
                for box in boxes:
                    self.blocks(box, nested)
            elif block.tag == f"{_W}tbl":
                if nested is None:
                    self.table(block)
                else:
                    nested.append(block)
            elif block.tag in _CONTAINERS:
                self.blocks(block, nested)

    def table(self, tbl) -> None:
        from docx.table import Table

        for row in Table(tbl, self.document).rows:
            cells, seen, nested = [], set(), []
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                    continue
                seen.add(id(cell._tc))
                mark = len(self.lines)
                self.blocks(cell._tc, nested)
                cells.append(" ".join(self.lines[mark:]).strip())
                del self.lines[mark:]
            self.lines.append(" ".join(c for c in cells if c))
            for inner in nested:
                self.table(inner)


def _deleted_chars(body) -> int:
    return sum(len(t.text or "") for t in body.iter(f"{_W}delText"))


def extract_docx(data: bytes) -> Extracted:
    """Paragraphs in document order, tables row by row, automatic numbers written out; text in
    content controls, tracked insertions (accepted), nested tables and text boxes included.
    Deleted text of tracked changes is not read and is reported (``tracked_deletion``)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    reader = _DocxText(document)
    body = document.element.body
    reader.blocks(body)
    props = document.core_properties
    date = props.created or props.modified
    deleted = _deleted_chars(body)
    artefacts = [("tracked_deletion", f"{deleted} characters of deleted text (tracked changes) not read")] \
        if deleted else []
    return Extracted(text="\n".join(reader.lines) + "\n", title=props.title or None,
                     date=date.date().isoformat() if date else None, artefacts=artefacts)


# --- PDF ---------------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_MIN_TEXT_CHARS = 20


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Normalised first/last lines that recur on at least half the pages (and on two or more)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_DIGITS.sub("#", ln.strip()) for ln in (lines[:1] + lines[-1:]) if ln.strip()}
        counts.update(edge)
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= need}


_PDF_ENCRYPTED = ("an encrypted (password-protected) PDF, which wpanalysis cannot read: open it with its password "
                  "and save or print a copy without one, or run `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`; "
                  "then read the copy")
_PDF_DAMAGED = ("a damaged PDF: {what} (its cross-reference table is broken or the file is cut short) — this is "
                "no scan, OCR will not help: download the file again, or repair a copy with `qpdf in.pdf out.pdf` "
                "(or open and re-save it) and read that")


def _pdf_pages(data: bytes) -> list[list[str]]:
    """The lines of each page; an encrypted or damaged PDF raises :class:`ExtractError` saying so."""
    import pdfplumber

    encrypted = re.search(rb"/Encrypt\s", data) is not None
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [(page.extract_text(layout=False) or "").splitlines() for page in pdf.pages]
    except Exception as err:  # pdfminer's errors carry no useful message: name the cause
        cause = err.__cause__ or err.__context__ or err
        if encrypted or "Password" in type(cause).__name__ or "Encrypt" in type(cause).__name__:
            raise ExtractError(_PDF_ENCRYPTED) from err
        raise ExtractError(_PDF_DAMAGED.format(what=f"it cannot be opened ({type(cause).__name__})")) from err
    if not pages:
        raise ExtractError(_PDF_ENCRYPTED if encrypted else _PDF_DAMAGED.format(what="no page could be read"))
    return pages


def extract_pdf(data: bytes) -> Extracted:
    """Text in reading order with pdfplumber; running headers/footers removed and reported.

    Page numbers (``- 3 -``, ``第3页 共12页``) stay in the text: the clean stage recognises
    and reports them. A running header or footer (the same line, digits aside, at the top
    or bottom of most pages) is removed here and reported as ``running_header``. A PDF
    without a text layer raises :class:`ExtractError`.
    """
    pages = _pdf_pages(data)
    n_chars = sum(len("".join("".join(lines).split())) for lines in pages)
    if n_chars < _MIN_TEXT_CHARS:
        raise ExtractError(f"PDF with {len(pages)} pages but no text layer — run OCR first (a scanned document?)")
    running = {key for key in _running_lines(pages) if not PAGE_MARKER.match(key.replace("#", "1"))}
    artefacts: list[tuple[str, str]] = []
    out: list[str] = []
    for lines in pages:
        keep = list(lines)
        for idx in (0, -1):
            if keep and keep[idx].strip() and _DIGITS.sub("#", keep[idx].strip()) in running:
                artefacts.append(("running_header", keep[idx].strip()))
                keep.pop(idx)
        out.append("\n".join(keep))
    return Extracted(text="\n".join(out) + "\n", pages=len(pages), artefacts=artefacts)


# --- saved web pages ---------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
               "ul", "ol", "dd", "dt", "blockquote", "pre", "header", "footer", "nav", "td", "th"}


class _VisibleText:
    """All visible text of a page, one line per block element, read as a stream of tags
    (Python's ``html.parser``): no nesting-depth limit and no recursion, so a page nested
    thousands of levels deep, or with an unclosed ``<font>`` on every line, loses nothing."""

    _SKIP = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        from html.parser import HTMLParser

        self.parts: list[str] = []
        self.skip = 0
        self.in_head = False
        parser = HTMLParser(convert_charrefs=True)
        parser.handle_starttag = self._start  # type: ignore[method-assign]
        parser.handle_startendtag = self._start  # type: ignore[method-assign]
        parser.handle_endtag = self._end  # type: ignore[method-assign]
        parser.handle_data = self._data  # type: ignore[method-assign]
        self.parser = parser

    def _start(self, tag: str, attrs: object) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def _end(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "head":
            self.in_head = False
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def _data(self, data: str) -> None:
        if not self.skip and not self.in_head:
            self.parts.append(data)

    def text(self, html: str) -> str:
        self.parser.feed(html)
        self.parser.close()
        lines = (ln.strip() for ln in "".join(self.parts).splitlines())
        return "\n".join(ln for ln in lines if ln) + "\n"


def _html_fallback_text(html: str) -> str:
    r"""All visible text, one line per block element; the clean stage removes the chrome lines.

    >>> _html_fallback_text("<html><head><title>t</title></head><body><p>一、总体</p>x<br>y</body></html>")
    '一、总体\nx\ny\n'
    """
    return _VisibleText().text(html)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def _html_tree(html: str):
    """The page as an lxml tree, without libxml2's default depth limit (``huge_tree``); an XML
    declaration (XHTML) is dropped first, as lxml refuses one in a decoded string."""
    import lxml.html

    return lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1), parser=lxml.html.HTMLParser(huge_tree=True))


def _html_title(html: str) -> str | None:
    m = re.search(r"<title[^>]*>([^<]{1,300})</title>", html[:20000], re.IGNORECASE)
    return m.group(1).strip() or None if m else None


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def extract_html(html: str) -> Extracted:
    """Main text by trafilatura (falls back to all visible text); page title and date kept."""
    import copy

    import trafilatura

    tree = _html_tree(html)
    fallback = _html_fallback_text(html)
    body = tree.find("body")
    complete = _cjk_count(body.text_content() if body is not None else tree.text_content()) >= _cjk_count(fallback)
    # lxml loses what is nested deeper than it reads: then the stream reader's text is the text
    text = trafilatura.extract(copy.deepcopy(tree), include_tables=True, include_comments=False, favor_recall=True,
                               deduplicate=False) if complete else None
    meta = trafilatura.extract_metadata(copy.deepcopy(tree)) if complete else None
    title = meta.title if meta is not None else _html_title(html)
    date = meta.date if meta is not None else None
    if not text or len(text) < 0.3 * len(fallback):
        text = fallback
    elif title and title not in text[:len(title) + 200] and title in fallback:
        text = title + "\n" + text  # trafilatura keeps the headline as metadata only
    return Extracted(text=text if text.endswith("\n") else text + "\n", title=title, date=date)
