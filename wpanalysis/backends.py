"""Segmentation engine: the backends, batch cutting, the per-item token cache and the encoder.

Every backend is one :class:`Backend` object in :data:`BACKENDS`, the only place backends are
listed; everything else (the CLI's choices, cache keys, worker processes) goes through it.

``rjieba`` (the default)
    a binding of jieba-rs, the Rust port of jieba with the same dictionary and
    HMM model; several times faster. On the seed corpus it agrees with jieba on
    99.93% of tokens (span F1); the differences are number ranges (``2022-2025``
    is one token in jieba-rs, three in jieba), all of which are stopwords.
``jieba``
    the reference: the Python jieba package (an isolated ``jieba.Tokenizer``).

The token table built from the engine's output lives in :mod:`wpanalysis.segment`.

>>> make_segmenter("rjieba").tokens("落实双减政策")
[('落实', ''), ('双减', ''), ('政策', '')]
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import os
import re
import sys
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from itertools import count
from pathlib import Path
from typing import Any

import numpy as np

from .lexicon import LEXICON_MIN_FREQ, is_space, lexicon_digest, lexicon_names, load_lexicon, stop_layer
from .script import to_simplified

__all__ = [
    "Backend",
    "BACKENDS",
    "DEFAULT_BACKEND",
    "get_backend",
    "Segmenter",
    "make_segmenter",
    "cached_segmenter",
    "make_settings_key",
    "Encoded",
    "encode_texts",
]


# --- the backends ------------------------------------------------------------------------------


class Backend(ABC):
    """One segmentation library: how to load it with lexicon terms, and how to cut and tag.

    ``load`` returns ``(tokenizer, tagger)``; the tagger (None unless ``pos``) is what
    :meth:`tag` is called with.
    """

    name: str = ""

    def version(self) -> str:
        """The installed version of the library (part of the cache key)."""
        return version(self.name)

    @abstractmethod
    def load(self, terms: Sequence[tuple[str, str | None]], pos: bool) -> tuple[Any, Any]:
        """A fresh tokenizer with ``(term, tag)`` pairs added, and the tagger (None unless ``pos``)."""

    @abstractmethod
    def cut(self, tokenizer: Any, text: str, hmm: bool) -> list[str]:
        """The tokens of ``text``."""

    @abstractmethod
    def tag(self, tagger: Any, text: str, hmm: bool) -> list[tuple[str, str]]:
        """``(token, POS tag)`` pairs of ``text``."""


class JiebaBackend(Backend):
    """The reference: the Python jieba package, an isolated ``jieba.Tokenizer``."""

    name = "jieba"

    def load(self, terms: Sequence[tuple[str, str | None]], pos: bool) -> tuple[Any, Any]:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)  # jieba logs dictionary loading to stderr
        impl = jieba.Tokenizer()
        impl.initialize()
        for term, tag in terms:
            impl.add_word(term, max(LEXICON_MIN_FREQ, impl.suggest_freq(term, tune=False)), tag)
        return impl, (jieba.posseg.POSTokenizer(impl) if pos else None)

    def cut(self, tokenizer: Any, text: str, hmm: bool) -> list[str]:
        return tokenizer.lcut(text, HMM=hmm)

    def tag(self, tagger: Any, text: str, hmm: bool) -> list[tuple[str, str]]:
        return [(w, f) for w, f in tagger.cut(text, HMM=hmm)]


class RJiebaBackend(Backend):
    """jieba-rs through the rjieba binding: the same dictionary and HMM, several times faster."""

    name = "rjieba"

    def load(self, terms: Sequence[tuple[str, str | None]], pos: bool) -> tuple[Any, Any]:
        try:
            import rjieba
        except ImportError as err:  # pragma: no cover - depends on the environment
            raise RuntimeError("backend 'rjieba' needs the rjieba package (pip install rjieba)") from err
        impl = rjieba.Jieba()
        for term, tag in terms:
            impl.add_word(term, max(LEXICON_MIN_FREQ, impl.suggest_freq(term)), tag)
        return impl, (impl if pos else None)

    def cut(self, tokenizer: Any, text: str, hmm: bool) -> list[str]:
        return tokenizer.cut(text, hmm)

    def tag(self, tagger: Any, text: str, hmm: bool) -> list[tuple[str, str]]:
        return [(w, f) for w, f in tagger.tag(text, hmm)]


#: The registry: backend name → :class:`Backend`. Add a backend here and nowhere else.
BACKENDS: dict[str, Backend] = {b.name: b for b in (JiebaBackend(), RJiebaBackend())}
DEFAULT_BACKEND = "rjieba"


def get_backend(name: str) -> Backend:
    """The registered backend called ``name``.

    >>> get_backend("jieba").name
    'jieba'
    """
    try:
        return BACKENDS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown backend {name!r}; choose one of {tuple(BACKENDS)}") from None


@dataclass
class Segmenter:
    """A backend with the lexicon loaded: ``tokens(text) -> [(token, pos)]`` (pos '' unless asked)."""

    backend: str
    pos: bool
    hmm: bool
    lexicon: tuple[str, ...]
    _impl: object = None
    _tagger: object = None

    @property
    def settings_key(self) -> str:
        raw = f"{self.backend}:{get_backend(self.backend).version()}" \
              f":{lexicon_digest(self.lexicon) if self.lexicon else '-'}:pos={self.pos}:hmm={self.hmm}"
        return hashlib.sha1(raw.encode()).hexdigest()[:16]

    def cut(self, text: str) -> list[str]:
        """The tokens of ``text``."""
        return get_backend(self.backend).cut(self._impl, text, self.hmm)

    def tokens(self, text: str) -> list[tuple[str, str]]:
        """``(token, pos)`` pairs of ``text``; pos is '' unless the segmenter tags."""
        if self.pos:
            return get_backend(self.backend).tag(self._tagger, text, self.hmm)
        return [(w, "") for w in self.cut(text)]


def make_segmenter(backend: str = DEFAULT_BACKEND, lexicon: bool | Sequence[str] = True,
                   pos: bool = False, hmm: bool = True) -> Segmenter:
    """Build a backend instance with the lexicon terms added.

    ``lexicon``: True for the shipped lexicon, False for none, or names of
    files in ``resources/lexicon/``.

    >>> make_segmenter("jieba", lexicon=False).tokens("县管校聘")[0]
    ('县管', '')
    """
    names = lexicon_names(lexicon)
    impl, tagger = get_backend(backend).load(load_lexicon(names) if names else (), pos)
    return Segmenter(backend, pos, hmm, names, impl, tagger)


@lru_cache(maxsize=4)
def _cached_segmenter(backend: str, lexicon: tuple[str, ...], pos: bool, hmm: bool) -> Segmenter:
    return make_segmenter(backend, lexicon, pos, hmm)


def cached_segmenter(backend: str, lexicon: bool | Sequence[str] = True, pos: bool = False,
                     hmm: bool = True) -> Segmenter:
    """:func:`make_segmenter`, built once per process and settings."""
    return _cached_segmenter(backend, lexicon_names(lexicon), pos, hmm)


def make_settings_key(backend: str, lexicon: tuple[str, ...], pos: bool, hmm: bool) -> str:
    """The cache key of segmentation settings (backend + version, lexicon content, pos, hmm)."""
    get_backend(backend)
    return Segmenter(backend, pos, hmm, lexicon).settings_key


# --- batches -----------------------------------------------------------------------------------


# Texts are segmented a batch at a time as one string, joined by a private-use character that
# none of them contains. jieba and jieba-rs first cut a text into blocks at every character that
# is neither Han nor alphanumeric, so the separator comes out as a token of its own and the tokens
# between two separators are exactly the tokens of that text alone (tests/test_segment.py checks
# this against item-by-item segmentation). One backend call per batch instead of one per item,
# and tokens become integer codes as each batch comes back (see _Encoder), so the table and the
# document-term matrix are built with array operations, not a per-token Python loop.
_ITEM_SEPS = ("\ue000", "\ue001", "\uf8fe", "\U000f0000", "\U0010fffd")
_SEP_TAG = "x"
_SEP = "\x1f"  # joins the tokens of one text in the cache and between processes
# Texts per backend call. Small batches are faster: the tokens of a batch are encoded and freed
# before the next one, so their memory is reused while still in cache (cutting 1,000 texts at a
# time and keeping their tokens is a third slower than 50 at a time on the 100x benchmark corpus).
_CUT = 64
_TASK = 2000  # texts per worker-process task


def _item_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def _item_separator(texts: Sequence[str]) -> str:
    """A private-use character that occurs in none of ``texts``: one of :data:`_ITEM_SEPS`, else
    the first of the 137,468 private-use code points the texts do not use (emoji fonts and
    icon fonts put characters there).

    >>> _item_separator(["a" + "".join(_ITEM_SEPS)]) == "\ue002"
    True
    """
    for sep in _ITEM_SEPS:
        if not any(sep in t for t in texts):
            return sep
    used = {ch for t in texts for ch in _PRIVATE_USE.findall(t)}
    for block in ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD)):
        for code in range(block[0], block[1] + 1):
            if chr(code) not in used:
                return chr(code)
    raise ValueError("the texts use every private-use character")  # pragma: no cover - 137,468 of them


_WORKER: Segmenter | None = None


def _init_worker(backend: str, lexicon: tuple[str, ...], pos: bool, hmm: bool) -> None:
    global _WORKER
    _WORKER = make_segmenter(backend, lexicon, pos, hmm)


def _cut_batch(sep: str, texts: list[str]) -> tuple[list[str], list[str]]:
    """Tokens and tags (empty unless POS tagging was asked) of ``texts`` cut as one string
    joined by ``sep``, converted to Simplified characters first (length-preserving)."""
    assert _WORKER is not None
    seg = _WORKER
    joined = to_simplified(sep.join(texts))
    if _SEP in joined:  # the cache's token separator (a control character) is read as a space
        joined = joined.replace(_SEP, " ")
    if not seg.pos:
        return seg.cut(joined), []
    pairs = seg.tokens(joined)
    return [w for w, _ in pairs], [f for _, f in pairs]


def _cut_task(args: tuple[str, list[str]]) -> list[tuple[int, str, str]]:
    """A worker process's task: the texts cut :data:`_CUT` at a time, each batch's tokens and
    tags sent back as one string each (much cheaper to pickle than many small strings)."""
    sep, texts = args
    out = []
    for lo in range(0, len(texts), _CUT):
        tokens, tags = _cut_batch(sep, texts[lo:lo + _CUT])
        out.append((len(texts[lo:lo + _CUT]), _SEP.join(tokens), _SEP.join(tags)))
    return out


def _run_segmentation(texts: list[str], backend: str, names: tuple[str, ...], pos: bool, hmm: bool,
                      workers: int, progress: bool | None, sep: str) -> Iterator[tuple[int, list[str], list[str]]]:
    """``(n_texts, tokens, tags)`` a small batch of ``texts`` at a time, in order, with a ``sep``
    token between the batch's texts (tags empty unless ``pos``)."""
    from tqdm import tqdm  # the plain bar: tqdm.auto warns in notebooks without ipywidgets

    global _WORKER
    show = progress if progress is not None else (len(texts) > 2000 and sys.stderr.isatty())
    with tqdm(total=len(texts), disable=not show, desc=f"segment ({backend})", unit="item") as bar:
        size = max(_CUT, min(_TASK, -(-len(texts) // (4 * max(workers, 1)))))
        if workers > 1 and len(texts) > size:
            jobs = [(sep, texts[i:i + size]) for i in range(0, len(texts), size)]
            if "fork" in mp.get_all_start_methods():  # the children inherit the loaded dictionary
                _WORKER = _cached_segmenter(backend, names, pos, hmm)
                pool = mp.get_context("fork").Pool(workers)
            else:  # pragma: no cover - Windows and macOS defaults
                pool = mp.get_context("spawn").Pool(workers, _init_worker, (backend, names, pos, hmm))
            with pool:
                for result in pool.imap(_cut_task, jobs):
                    for n, tokens, tags in result:
                        bar.update(n)
                        yield n, tokens.split(_SEP) if tokens else [], tags.split(_SEP) if tags else []
        else:
            _WORKER = _cached_segmenter(backend, names, pos, hmm)
            for lo in range(0, len(texts), _CUT):
                batch = texts[lo:lo + _CUT]
                bar.update(len(batch))
                yield len(batch), *_cut_batch(sep, batch)


# --- the per-item token cache ------------------------------------------------------------------


def _digest_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load_cache(path: Path) -> dict[str, tuple[str, str]]:
    """The per-item store, checked against the digest written with it; a store that is
    truncated, edited or unreadable is reported (a warning) and rebuilt from scratch."""
    import warnings

    import pandas as pd  # only the cache needs it: the engine itself stays light to import

    if not path.exists():
        return {}
    try:
        recorded = _digest_path(path).read_text(encoding="ascii").strip()
        if recorded != _file_digest(path):
            raise ValueError("its content does not match the digest written with it")
        df = pd.read_parquet(path)
        return dict(zip(df["key"], zip(df["tokens"], df["tags"])))
    except Exception as err:  # any damage: the cache is only a cache
        warnings.warn(f"token cache {path} is damaged ({type(err).__name__}: {err}); segmenting again and "
                      "rebuilding it", RuntimeWarning, stacklevel=2)
        return {}


def _save_cache(path: Path, cache: dict[str, tuple[str, str]]) -> None:
    import pandas as pd

    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(cache)
    df = pd.DataFrame({"key": keys, "tokens": [cache[k][0] for k in keys], "tags": [cache[k][1] for k in keys]})
    tmp = path.with_suffix(".tmp")
    df.to_parquet(tmp, index=False)
    digest = _digest_path(path)
    digest.unlink(missing_ok=True)  # no digest while the store changes: a half-done save reads as damaged
    os.replace(tmp, path)
    digest_tmp = digest.with_suffix(".tmp")
    digest_tmp.write_text(_file_digest(path) + "\n", encoding="ascii")
    os.replace(digest_tmp, digest)


def _cache_segmented(todo_keys: list[str], todo: list[str], store: dict[str, tuple[str, str]], sep: str,
                     backend: str, names: tuple[str, ...], pos: bool, hmm: bool, workers: int,
                     progress: bool | None) -> None:
    """Segment the texts ``todo`` into ``store`` under their ``todo_keys``: per text its tokens
    and its tags, each joined by the cache's separator."""
    boundary = _SEP + sep + _SEP
    done = 0
    for n, tokens, tags in _run_segmentation(todo, backend, names, pos, hmm, workers, progress, sep=sep):
        token_strings = _SEP.join(tokens).split(boundary)
        if pos:
            ends = np.cumsum([s.count(_SEP) + 2 for s in token_strings])  # + 1 token, + 1 separator
            starts = np.concatenate(([0], ends[:-1]))
            tag_strings = [_SEP.join(tags[a:b - 1]) for a, b in zip(starts, ends)]
        else:
            tag_strings = [""] * n
        store.update(zip(todo_keys[done:done + n], zip(token_strings, tag_strings)))
        done += n


# --- the integer encoder -----------------------------------------------------------------------


@dataclass
class Encoded:
    """The tokens of the non-empty texts of a set of items, dictionary-encoded: ``codes`` (one
    per token, a separator token between texts) index ``vocab``; per distinct token whether it
    is ``blank`` (separator, whitespace) and its stopword layer; per token the index of its text
    (:meth:`text_index`, into ``present``, the items that have text), its length and its POS tag."""

    codes: np.ndarray
    vocab: list[str]
    blank: np.ndarray
    layers: np.ndarray
    present: np.ndarray
    text_lengths: np.ndarray
    lengths: np.ndarray | None
    tags: np.ndarray | None

    def text_index(self) -> np.ndarray:
        """Per token, the index of its text among the present texts (the separator is code 0)."""
        return np.cumsum(self.codes == 0, dtype=np.int64)


class _Encoder:
    """Collects token batches as integer codes (one dictionary lookup per token, all in C:
    ``map`` over a ``defaultdict`` that numbers new tokens), so the Python strings of a batch
    can be freed as soon as it is encoded."""

    def __init__(self, sep: str, lengths: bool, tags: bool) -> None:
        self.index: defaultdict[str, int] = defaultdict(count().__next__)
        self.index[sep]  # the separator is code 0
        self.codes: list[np.ndarray] = []
        self.lengths: list[np.ndarray] | None = [] if lengths else None
        self.tags: list[str] | None = [] if tags else None

    def add(self, tokens: list[str], tags: list[str]) -> None:
        if self.codes:  # the boundary between this batch's first text and the previous one's last
            self.codes.append(np.zeros(1, dtype=np.int32))
            if self.lengths is not None:
                self.lengths.append(np.ones(1, dtype=np.int64))
            if self.tags is not None:
                self.tags.append(_SEP_TAG)
        self.codes.append(np.fromiter(map(self.index.__getitem__, tokens), dtype=np.int32, count=len(tokens)))
        if self.lengths is not None:
            self.lengths.append(np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)))
        if self.tags is not None:
            self.tags.extend(tags)

    def finish(self, present: list[int], text_lengths: np.ndarray) -> Encoded:
        vocab = list(self.index)
        codes = np.concatenate(self.codes) if self.codes else np.zeros(0, dtype=np.int32)
        is_sep = np.zeros(len(vocab), dtype=bool)
        is_sep[0] = True
        # map() over the vocabulary, not a comprehension: a third less time (20,000 terms at 100x)
        empty = np.fromiter(map(len, vocab), dtype=np.int64, count=len(vocab)) == 0
        blank = is_sep | empty | np.fromiter(map(is_space, vocab), dtype=bool, count=len(vocab))
        layers = np.array(list(map(stop_layer, vocab)), dtype=object)
        lengths = None if self.lengths is None else (
            np.concatenate(self.lengths) if self.lengths else np.zeros(0, dtype=np.int64))
        tags = None if self.tags is None else np.asarray(self.tags, dtype=object)
        return Encoded(codes, vocab, blank, layers, np.asarray(present, dtype=np.int64),
                       text_lengths, lengths, tags)


def encode_texts(raw_texts: list[str], cache_path: Path | None, backend: str, names: tuple[str, ...],
                 pos: bool, hmm: bool, workers: int, progress: bool | None, lengths: bool) -> Encoded:
    """Segment and encode the texts ('' for none; each distinct uncached text once when
    ``cache_path``, the per-item store, is given).

    >>> enc = encode_texts(["落实双减", ""], None, "rjieba", ("education_policy",), False, True, 1, False, True)
    >>> [enc.vocab[c] for c in enc.codes], enc.present.tolist()
    (['落实', '双减'], [0])
    """
    present = [i for i, t in enumerate(raw_texts) if t]
    texts = [raw_texts[i] for i in present]
    sep = _item_separator(texts)
    text_lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    encoder = _Encoder(sep, lengths, pos)
    if cache_path is None:
        for _, tokens, tags in _run_segmentation(texts, backend, names, pos, hmm, workers, progress, sep=sep):
            encoder.add(tokens, tags)
        return encoder.finish(present, text_lengths)
    keys = [_item_key(t) for t in texts]
    store = _load_cache(cache_path)
    todo_keys = sorted({k for k in keys if k not in store})
    if todo_keys:
        by_key = dict(zip(keys, texts))
        todo = [by_key[k] for k in todo_keys]
        _cache_segmented(todo_keys, todo, store, sep, backend, names, pos, hmm, workers, progress)
        _save_cache(cache_path, store)
    for lo in range(0, len(keys), _CUT):
        batch = keys[lo:lo + _CUT]
        tokens = (_SEP + sep + _SEP).join(store[k][0] for k in batch).split(_SEP)
        tags = (_SEP + _SEP_TAG + _SEP).join(store[k][1] for k in batch).split(_SEP) if pos else []
        encoder.add(tokens, tags)
    return encoder.finish(present, text_lengths)
