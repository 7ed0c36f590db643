"""Read stage: raw bytes → text, with the encoding that was used.

The format is recognised from the content (:func:`wpanalysis.formats.sniff_format`),
not the file name: plain text, Word ``.docx``, PDF with a text layer and saved web
pages all come out as plain text plus what the format knows (``format``, ``pages``,
``title``, ``date``). Legacy ``.doc``/``.wps`` files and scanned PDFs fail with a
:class:`ReadError` that says what to do.

Handles UTF-8 (with or without BOM), UTF-16 (with BOM, or without BOM when
the NUL pattern shows it) and GB18030 (a superset of GBK and GB2312).
Anything else fails with :class:`ReadError`, naming the file, the byte
offset and the problem, so a batch build can report it and go on.

>>> from pathlib import Path; import tempfile
>>> p = Path(tempfile.mkdtemp()) / "plan.txt"; _ = p.write_bytes("一、总体要求".encode("gb18030"))
>>> read_text(p).encoding
'gb18030'
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import formats

__all__ = ["RawText", "ReadError", "decode_bytes", "read_text"]

# Control characters that never occur in a text file (tab, LF, CR, FF are fine).
_BINARY_CONTROLS = set(range(0x00, 0x09)) | {0x0B} | set(range(0x0E, 0x1A)) | set(range(0x1C, 0x20))


class ReadError(ValueError):
    """A file that cannot be turned into text; the message names file and problem."""

    def __init__(self, path: str | Path, problem: str, offset: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.offset = offset
        where = f" at byte offset {offset}" if offset is not None else ""
        super().__init__(f"{self.path}: {problem}{where}")

    def __reduce__(self):  # picklable, so a worker process can send it back
        return type(self), (self.path, self.problem, self.offset)


@dataclass(frozen=True)
class RawText:
    """Decoded file content.

    ``text`` is exactly the decoded content (BOM removed, line endings kept);
    ``encoding`` is the codec that decoded it (``utf-8``, ``utf-8-sig``,
    ``utf-16-le``, ``utf-16-be``, ``gb18030``; ``None`` for ``.docx`` and PDF).
    ``format`` is ``txt``, ``docx``, ``pdf`` or ``html``; ``pages`` the PDF's page count;
    ``title`` and ``date`` what the file's metadata says (Word properties, the web page's
    title and publication date), kept as evidence for the registry. ``artefacts`` lists
    ``(kind, text)`` pairs the reader removed (running headers of a PDF).
    """

    path: str
    text: str
    encoding: str | None
    n_bytes: int
    format: str = "txt"
    pages: int | None = None
    title: str | None = None
    date: str | None = None
    artefacts: tuple[tuple[str, str], ...] = field(default=())


_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x20-\x7e\t\n\r“”‘’—…·]")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes hold NULs and decode to plausible text.

    Chinese UTF-16 has NULs on both byte parities (一 is 00 4E), so the choice is made
    on the decoded text: the share of CJK, CJK punctuation and printable ASCII.
    """
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    best, best_share = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = len(_PLAUSIBLE.findall(text)) / len(text)
        if share > best_share:
            best, best_share = encoding, share
    return best if best_share >= 0.9 else None


_CONTROL = re.compile("[" + "".join(f"\\x{c:02x}" for c in sorted(_BINARY_CONTROLS)) + "]")


def _check_text(text: str, path: str | Path, encoding: str, data: bytes) -> None:
    m = _CONTROL.search(text)
    if m:
        ch = m.group(0)
        # report the byte offset of the offending character
        offset = len(text[:m.start()].encode(encoding.replace("-sig", "")))  # utf-16/-32 count their BOM
        if encoding == "utf-8-sig":
            offset += 3
        raise ReadError(path, f"binary content (control character U+{ord(ch):04X}), not a text file", offset)


def _is_big5(data: bytes) -> bool:
    """True when *data* (not UTF-8) is Big5 rather than GB18030: both usually decode, so
    charset-normalizer chooses between the two (only when Big5 decodes at all).

    >>> _is_big5("臺北市教育局工作要點，課程與教學".encode("big5")), _is_big5("台北市教育局工作要点".encode("gbk"))
    (True, False)
    """
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return False
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    return best is not None and best.encoding == "big5"


_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.IGNORECASE)


def _declared_charset(data: bytes, text: str, encoding: str) -> tuple[str, str]:
    """A web page decoded with its declared ``<meta charset>`` when the bytes were not UTF-8 and
    the declared charset is no GB one (``big5``) and decodes them; else ``(text, encoding)``."""
    m = _META_CHARSET.search(data[:4096])
    if m is None or encoding not in ("gb18030", "big5"):
        return text, encoding
    try:
        declared = codecs.lookup(m.group(1).decode("ascii")).name
        if declared in ("gb18030", "gbk", "gb2312", "utf-8"):
            return text, encoding
        return data.decode(declared), declared
    except (LookupError, UnicodeDecodeError):
        return text, encoding


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise ReadError if impossible.

    >>> decode_bytes("责任单位".encode("utf-16"))[1]
    'utf-16'
    """
    if not data:
        raise ReadError(path, "empty file (0 bytes)")
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        candidates = ["utf-32"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        guess16 = _utf16_without_bom(data)
        candidates = [guess16] if guess16 else ["utf-8", "gb18030"]
    # the encoding that decodes furthest is the likeliest; its failure is the one reported
    best_error: UnicodeDecodeError | None = None
    for encoding in candidates:
        if encoding == "gb18030" and _is_big5(data):
            encoding = "big5"
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            if best_error is None or err.start > best_error.start:
                best_error = err
            continue
        _check_text(text, path, encoding, data)
        if not text.strip():
            raise ReadError(path, f"no text: the file holds only whitespace ({len(data)} bytes)")
        return text, encoding
    assert best_error is not None
    tried = ", ".join(candidates)
    raise ReadError(
        path,
        f"cannot decode as {tried} (as {best_error.encoding}: {best_error.reason}, "
        f"byte {data[best_error.start]:#04x})",
        best_error.start,
    )


#: The most a .docx may inflate to (its zip members, uncompressed); a larger one is refused
#: before it is unpacked. Set ``WPANALYSIS_MAX_DECOMPRESSED_MB`` to change it.
MAX_DECOMPRESSED_BYTES = int(float(os.environ.get("WPANALYSIS_MAX_DECOMPRESSED_MB", "200")) * 2**20)


def _check_special(path: Path) -> None:
    """Refuse what is not a regular file: reading a FIFO blocks forever, a device never ends."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # reading reports it
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
        raise ReadError(path, f"{kind}, not a regular file: refused (reading it could block forever)")


def _check_inflated_size(data: bytes, path: Path) -> None:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        total = sum(info.file_size for info in z.infolist())
    if total > MAX_DECOMPRESSED_BYTES:
        raise ReadError(path, f"a .docx that inflates to {total / 2**20:.0f} MB, over the limit of "
                        f"{MAX_DECOMPRESSED_BYTES / 2**20:.0f} MB (a zip bomb?); raise "
                        "WPANALYSIS_MAX_DECOMPRESSED_MB if the file is genuine")


_ENCRYPTED_OLE = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted Office file keeps its zip in


def _ole_problem(data: bytes, path: Path) -> str:
    """What an OLE compound file is: a password-protected .docx (Office keeps the encrypted zip
    in an OLE container) or a legacy .doc/.wps, with what to do about each."""
    if _ENCRYPTED_OLE in data:
        return ("a password-protected (encrypted) Word file, which wpanalysis cannot read: open it in Word or "
                "WPS with its password, remove the password (File → Info → Protect Document → Encrypt with "
                "Password, empty it) and save a copy, or run `msoffcrypto-tool -p PASSWORD in.docx out.docx`; "
                "then read the copy")
    return ("legacy Word/WPS file (.doc/.wps), which wpanalysis cannot read: convert it "
            f"with `{formats.LEGACY_WORD_HINT} {path}` and read the .docx")


def _zip_problem(data: bytes) -> str:
    """Why a zip is no readable .docx: cut short or damaged (it does not open), or another archive."""
    import io
    import zipfile

    try:
        zipfile.ZipFile(io.BytesIO(data)).close()
    except zipfile.BadZipFile as err:
        word = b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536]
        what = "a Word .docx" if word else "a zip archive"
        return (f"{what} that is cut short or damaged ({err}; {len(data):,} bytes): the file did not download or "
                "copy completely — download or copy it again (or open it in Word and save it again)")
    return "a zip archive that is not a Word .docx (no word/document.xml)"


def read_text(path: str | Path) -> RawText:
    """Read a plan file in any supported format, reporting the format and encoding used."""
    path = Path(path)
    _check_special(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(path, f"cannot open file ({err.strerror})") from err
    kind = formats.sniff_format(data)
    if kind == "docx":
        _check_inflated_size(data, path)
    if kind == "ole":
        raise ReadError(path, _ole_problem(data, path))
    if kind == "zip":
        raise ReadError(path, _zip_problem(data))
    if kind == "txt":
        text, encoding = decode_bytes(data, path)
        return RawText(path=str(path), text=text, encoding=encoding, n_bytes=len(data))
    html, encoding = decode_bytes(data, path) if kind == "html" else (None, None)
    if html is not None and encoding is not None:
        html, encoding = _declared_charset(data, html, encoding)
    try:
        if kind == "html":
            extracted = formats.extract_html(html)
            extracted.encoding = encoding
        else:
            extracted = formats.extract_docx(data) if kind == "docx" else formats.extract_pdf(data)
    except formats.ExtractError as err:
        raise ReadError(path, str(err)) from err
    except Exception as err:  # a damaged file: report it like any unreadable file
        raise ReadError(path, f"cannot read as {kind} ({type(err).__name__}: {err})") from err
    if not extracted.text.strip():
        raise ReadError(path, f"no text: the {kind} file holds no text")
    return RawText(path=str(path), text=extracted.text, encoding=extracted.encoding, n_bytes=len(data),
                   format=kind, pages=extracted.pages, title=extracted.title, date=extracted.date,
                   artefacts=tuple(extracted.artefacts))
