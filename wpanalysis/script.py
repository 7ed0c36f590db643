"""Script stage: recognise Traditional-character plans and map them to Simplified; character widths.

The conversion is character by character with a one-to-one table
(``resources/t2s_chars.tsv``, built from OpenCC's ``TSCharacters.txt``), so the
result always has the same length as the input and every character offset
into the converted text is also an offset into the original. No phrase-level
disambiguation is attempted (OpenCC's phrase tables change lengths).

>>> to_simplified("教育發展，責任單位：基教科")
'教育发展，责任单位：基教科'
>>> detect_script("一、總體要求"), detect_script("一、总体要求")
('traditional', 'simplified')

:func:`is_cjk` and :func:`display_width` tell wide (CJK) characters from narrow ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from types import MappingProxyType

import numpy as np

__all__ = [
    "DEFAULT_THRESHOLD",
    "cjk_mask",
    "detect_script",
    "display_width",
    "has_traditional",
    "is_cjk",
    "t2s_table",
    "to_simplified",
    "traditional_share",
]

DEFAULT_THRESHOLD = 0.05
"""Share of Traditional-only ideographs from which a text counts as Traditional."""

_RESOURCE = "t2s_chars.tsv"

# CJK ideographs: Extension A, the Unified block, the BMP compatibility block and
# the supplementary ideographic planes 2 and 3 (Extensions B–H, compatibility
# supplement). Every key of the table lies in these ranges.
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


@cache
def _translation() -> dict[int, int]:
    """``{ord(traditional): ord(simplified)}``, read once from the resource file."""
    text = files("wpanalysis").joinpath("resources", _RESOURCE).read_text(encoding="utf-8")
    table: dict[int, int] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        trad, sep, simp = line.partition("\t")
        if not sep or len(trad) != 1 or len(simp) != 1 or trad == simp or ord(trad) in table:
            raise ValueError(f"{_RESOURCE}, line {lineno}: not a one-to-one mapping: {line!r}")
        table[ord(trad)] = ord(simp)
    return table


@cache
def t2s_table() -> Mapping[str, str]:
    """The Traditional→Simplified table as a read-only ``{char: char}`` mapping.

    >>> t2s_table()["學"], "学" in t2s_table()
    ('学', False)
    """
    return MappingProxyType({chr(k): chr(v) for k, v in _translation().items()})


def to_simplified(text: str) -> str:
    """Map each Traditional-only character to its Simplified form; length is preserved.

    Characters not in the table (Simplified, shared, Latin, punctuation) are kept.

    >>> to_simplified("牽頭單位：處室（2024年）")
    '牵头单位：处室（2024年）'
    """
    if not has_traditional(text):  # most plans are Simplified: then the text is returned as is
        return text
    return text.translate(_translation())


def has_traditional(text: str) -> bool:
    """Whether ``text`` contains any Traditional-only character.

    >>> has_traditional("教育局"), has_traditional("教育局" * 200 + "學")
    (False, True)
    """
    if len(text) < 2048:
        return not _traditional_chars().isdisjoint(text)
    # long texts (a batch of items joined for segmentation): one table lookup per code point in
    # numpy is several times faster than hashing a one-character string per character
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return bool(_traditional_mask()[codes].any())


@cache
def _traditional_mask() -> np.ndarray:
    mask = np.zeros(0x110000, dtype=bool)
    mask[list(_translation())] = True
    return mask


@cache
def _traditional_chars() -> frozenset[str]:
    return frozenset(chr(cp) for cp in _translation())


@cache
def _deletion() -> dict[int, None]:
    return dict.fromkeys(_translation())


def traditional_share(text: str) -> float:
    """Share of CJK ideographs in ``text`` that are Traditional-only; 0.0 if none.

    A character is Traditional-only when the table maps it to a different
    Simplified character (學, 發, 於, ...); shared characters (教, 中, 人) are not.

    >>> traditional_share("教育發展")
    0.25
    >>> traditional_share("ABC 123"), traditional_share("教育发展")
    (0.0, 0.0)
    """
    if not has_traditional(text):  # the common case
        return 0.0
    ideographs = "".join(_IDEOGRAPH.findall(text))
    if not ideographs:
        return 0.0
    # translate() runs in C: delete the Traditional-only characters and count what went
    return (len(ideographs) - len(ideographs.translate(_deletion()))) / len(ideographs)


def detect_script(text: str, threshold: float = DEFAULT_THRESHOLD) -> str:
    """``"traditional"`` if ``traditional_share(text) >= threshold``, else ``"simplified"``.

    Why 0.05 is safe: Simplified text contains (almost) no Traditional-only
    characters — each of the five seed plans in ``data/raw`` (4 416–15 158
    ideographs each) has a share of exactly 0.0 — while in Traditional text
    roughly a quarter to two fifths of the ideographs are Traditional-only
    (general prose is usually quoted at 20–30 %; policy vocabulary such as
    發展, 學校, 單位, 實施 runs higher: 0.36–0.38 for the seed plans converted
    with OpenCC s2t, 0.41 for the Traditional paragraph in the tests). A
    Simplified plan would need one Traditional-only character in every twenty
    ideographs to be misread. Texts without ideographs are "simplified".

    >>> detect_script("各學校要落實立德樹人根本任務")
    'traditional'
    >>> detect_script("各学校要落实立德树人根本任务")
    'simplified'
    """
    return "traditional" if traditional_share(text) >= threshold else "simplified"


# --- character widths ------------------------------------------------------------------

_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。「」…)
    (0x3040, 0x30FF),  # kana (rare, but wide)
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE6F),  # compatibility and small forms (﹒)
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3134F),
)
_WIDE_PUNCT = set("“”‘’—…·×")


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs, CJK punctuation, full-width forms and CJK quotes.

    >>> is_cjk("教"), is_cjk("、"), is_cjk("a")
    (True, True, False)
    """
    if ch in _WIDE_PUNCT:
        return True
    o = ord(ch)
    for lo, hi in _CJK_RANGES:
        if lo <= o <= hi:
            return True
    return False


_NARROW = re.compile(
    "[^" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _CJK_RANGES) + re.escape("".join(_WIDE_PUNCT)) + "]"
)


def display_width(text: str) -> float:
    """Display width in CJK cells: wide characters count 1, others 0.5.

    >>> display_width("2024年工作要点")
    7.0
    """
    if text.isascii():
        return len(text) / 2
    narrow = len(text) - len(_NARROW.sub("", text))
    return len(text) - narrow / 2


@cache
def cjk_mask() -> np.ndarray:
    """:func:`is_cjk` as a table over all code points, for counting wide characters in numpy.

    >>> bool(cjk_mask()[ord("教")]), bool(cjk_mask()[ord("a")])
    (True, False)
    """
    mask = np.zeros(0x110000, dtype=bool)
    for lo, hi in _CJK_RANGES:
        mask[lo:hi + 1] = True
    mask[[ord(c) for c in _WIDE_PUNCT]] = True
    mask.flags.writeable = False
    return mask
