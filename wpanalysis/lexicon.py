"""Segmentation resources: the education-policy lexicon and the stopword layers.

Lexicon terms (``resources/lexicon/NAME.txt``) are added to a backend's dictionary
with at least :data:`LEXICON_MIN_FREQ`, so that each term comes out whole.
Stopwords come in three layers (``resources/stopwords/LAYER.txt``), always listed in
the order of :data:`STOPWORD_LAYERS`:

1. ``function_words`` — general Chinese function words;
2. ``punctuation_numbers`` — punctuation, symbols and numbers (a list and a pattern);
3. ``policy_boilerplate`` — words empty in work plans; the switchable layer.

The stopword switch (``stopwords=`` in :mod:`wpanalysis.segment`, ``--stopwords`` on the
command line) names the layers to remove: see :func:`stopword_layers`.

Standard library only (no pandas, no numpy): ``tools/check_lexicon.py`` imports its
constants from here.

>>> stop_layer("的"), stop_layer("2024"), stop_layer("课后服务")
('function_words', 'punctuation_numbers', '')
>>> stopword_layers("function_words,punctuation_numbers")
('function_words', 'punctuation_numbers')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

__all__ = [
    "STOPWORD_LAYERS",
    "LEXICONS",
    "LEXICON_MIN_FREQ",
    "Stopwords",
    "stopword_layers",
    "lexicon_names",
    "load_lexicon",
    "load_stopwords",
    "stop_layer",
    "is_space",
    "lexicon_digest",
    "stopwords_digest",
]

#: The stopword layers, in their one canonical order (the layer numbers of their files).
STOPWORD_LAYERS = ("function_words", "punctuation_numbers", "policy_boilerplate")
LEXICONS = ("education_policy",)  # units.txt is opt-in: office names ending in 处/科 cut body words
#: Lexicon terms get at least this dictionary frequency (jieba's own suggestion is only enough
#: to keep a term whole on its own; in context a neighbouring dictionary word can still win).
#: tools/check_lexicon.py measures the effect on the seed corpus.
LEXICON_MIN_FREQ = 10_000

#: The stopword switch: None or "none" (remove nothing), "all" or "default" (every layer), a
#: comma-separated string of layer names, or an iterable of layer names.
Stopwords = str | Iterable[str] | None

_DIGITS = r"0-9０-９.．%％‰+＋\-—~～/"
_CN_DIGITS = "一二三四五六七八九十百千万亿零〇两"
_SPACE = re.compile(r"^\s+$")
# a number, or a token without any str.isalnum() character ([\W_] is "not alphanumeric")
_PUNCT_OR_NUMBER = re.compile(rf"[{_DIGITS}]+$|[{_CN_DIGITS}]+$|[\W_]*$")


def stopword_layers(stopwords: Stopwords = "all") -> tuple[str, ...]:
    """The layers a stopword switch names, in :data:`STOPWORD_LAYERS` order.

    >>> stopword_layers("none"), stopword_layers(["policy_boilerplate", "function_words"])
    ((), ('function_words', 'policy_boilerplate'))
    >>> stopword_layers("all") == stopword_layers("default") == STOPWORD_LAYERS
    True
    """
    if stopwords is None:
        return ()
    if isinstance(stopwords, str):
        if stopwords == "none":
            return ()
        if stopwords in ("all", "default"):
            return STOPWORD_LAYERS
        names = [s.strip() for s in stopwords.split(",")]
    else:
        names = list(stopwords)
    bad = set(names) - set(STOPWORD_LAYERS)
    if bad:
        raise ValueError(f"unknown stopword layers {sorted(bad)}; layers: {STOPWORD_LAYERS} "
                         f"(or 'none', 'all')")
    return tuple(layer for layer in STOPWORD_LAYERS if layer in names)


def lexicon_names(lexicon: bool | Sequence[str] = True) -> tuple[str, ...]:
    """The lexicon files a ``lexicon=`` argument means: True for the shipped ones, False for none.

    >>> lexicon_names(True), lexicon_names(False), lexicon_names(["units"])
    (('education_policy',), (), ('units',))
    """
    return LEXICONS if lexicon is True else tuple(lexicon or ())


def _resource_lines(*parts: str) -> list[str]:
    path = resources.files("wpanalysis").joinpath("resources", *parts)
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            lines.append(line.rstrip("\n"))
    return lines


@lru_cache(maxsize=8)
def load_lexicon(names: tuple[str, ...] = LEXICONS) -> tuple[tuple[str, str | None], ...]:
    """Lexicon terms as ``(term, pos_tag_or_None)``, from ``resources/lexicon/NAME.txt``.

    >>> any(t == "双减" for t, _ in load_lexicon())
    True
    """
    terms: dict[str, str | None] = {}
    for name in names:
        for line in _resource_lines("lexicon", f"{name}.txt"):
            cols = line.split("\t")
            term = cols[0].strip()
            tag = cols[2].strip() if len(cols) > 2 and cols[2].strip() else None
            terms.setdefault(term, tag)
    return tuple(terms.items())


@lru_cache(maxsize=8)
def load_stopwords(layer: str) -> frozenset[str]:
    """One stopword layer (first column of ``resources/stopwords/LAYER.txt``).

    >>> "进一步" in load_stopwords("policy_boilerplate")
    True
    """
    if layer not in STOPWORD_LAYERS:
        raise ValueError(f"unknown stopword layer {layer!r}; layers: {STOPWORD_LAYERS}")
    return frozenset(line.split("\t")[0].strip() for line in _resource_lines("stopwords", f"{layer}.txt"))


def stop_layer(token: str) -> str:
    """The stopword layer a token belongs to, or '' for a content word.

    ``punctuation_numbers`` wins over the other layers (it is also a pattern, so a listed
    word could match it too); otherwise the first layer listing the token.

    >>> stop_layer("的"), stop_layer("2024"), stop_layer("课后服务")
    ('function_words', 'punctuation_numbers', '')
    """
    if token in load_stopwords("punctuation_numbers") or _PUNCT_OR_NUMBER.match(token):
        return "punctuation_numbers"
    return _listed_layers().get(token, "")


@lru_cache(maxsize=1)
def _listed_layers() -> dict[str, str]:
    """{listed stopword: the first layer listing it}."""
    table: dict[str, str] = {}
    for layer in reversed(STOPWORD_LAYERS):
        table.update(dict.fromkeys(load_stopwords(layer), layer))
    return table


def is_space(token: str) -> bool:
    """Whether a token is whitespace only (segmentation drops these).

    >>> is_space(" \\t"), is_space("")
    (True, False)
    """
    return bool(_SPACE.match(token))


def lexicon_digest(names: tuple[str, ...]) -> str:
    """A short digest of the lexicon content (part of the segmentation cache key)."""
    h = hashlib.sha1()
    for term, tag in load_lexicon(names):
        h.update(f"{term}\t{tag}\n".encode())
    return h.hexdigest()[:12]


def stopwords_digest() -> str:
    """A digest of every stopword list (part of the finished token table's cache identity)."""
    h = hashlib.sha1()
    for layer in STOPWORD_LAYERS:
        h.update(" ".join(sorted(load_stopwords(layer))).encode())
    return h.hexdigest()
