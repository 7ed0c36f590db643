"""Read stage: raw bytes → text, with the encoding that was used.

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
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class RawText:
    """Decoded file content.

    ``text`` is exactly the decoded content (BOM removed, line endings kept);
    ``encoding`` is the codec that decoded it (``utf-8``, ``utf-8-sig``,
    ``utf-16-le``, ``utf-16-be``, ``gb18030``).
    """

    path: str
    text: str
    encoding: str
    n_bytes: int


def _utf16_without_bom(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when NUL bytes sit on one parity only."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.3 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls == 0:
        return "utf-16-be"
    return None


def _check_text(text: str, path: str | Path, encoding: str, data: bytes) -> None:
    for i, ch in enumerate(text):
        if ord(ch) in _BINARY_CONTROLS:
            # Report the byte offset of the offending character.
            offset = len(text[:i].encode(encoding.replace("-sig", "")))
            if encoding == "utf-8-sig":
                offset += 3
            raise ReadError(
                path, f"binary content (control character U+{ord(ch):04X}), not a text file", offset
            )


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise ReadError if impossible.

    >>> decode_bytes("责任单位".encode("utf-16"))[1]
    'utf-16'
    """
    if not data:
        raise ReadError(path, "empty file (0 bytes)")
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        guess16 = _utf16_without_bom(data)
        candidates = [guess16] if guess16 else ["utf-8", "gb18030"]
    first_error: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            first_error = first_error or err
            continue
        _check_text(text, path, encoding, data)
        if not text.strip():
            raise ReadError(path, f"no text: the file holds only whitespace ({len(data)} bytes)")
        return text, encoding
    assert first_error is not None
    tried = ", ".join(candidates)
    raise ReadError(
        path,
        f"cannot decode as {tried} ({first_error.reason}, byte {data[first_error.start]:#04x})",
        first_error.start,
    )


def read_text(path: str | Path) -> RawText:
    """Read a plan file and decode it, reporting the encoding used."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(path, f"cannot open file ({err.strerror})") from err
    text, encoding = decode_bytes(data, path)
    return RawText(path=str(path), text=text, encoding=encoding, n_bytes=len(data))
