"""Segment stage: items → tokens (one row per token), with an education-policy lexicon.

Two backends produce the same token table:

``rjieba`` (the default)
    a binding of jieba-rs, the Rust port of jieba with the same dictionary and
    HMM model; several times faster. On the seed corpus it agrees with jieba on
    99.93% of tokens (span F1); the differences are number ranges (``2022-2025``
    is one token in jieba-rs, three in jieba), all of which are stopwords.
``jieba``
    the reference: the Python jieba package (an isolated ``jieba.Tokenizer``);
    ``backend="jieba"``.

Lexicon terms (``wpanalysis/resources/lexicon/``) are added to the backend's
dictionary with at least :data:`LEXICON_MIN_FREQ` (or jieba's ``suggest_freq``
if higher), so that each term comes out whole. Stopwords come in layers (``resources/stopwords/``):
``function_words``, ``punctuation_numbers`` and ``policy_boilerplate``.
Tokens are never dropped by segmentation: each row says which stopword layer
it belongs to (``stop_layer``), and :func:`remove_stopwords` filters — so a
notebook can show results with and without the boilerplate layer.

The token table (:data:`TOKEN_COLUMNS`): ``doc_id``, ``item_seq``,
``item_number``, ``position`` (0-based index among the item's non-space
tokens), ``token``, ``start``/``end`` (offsets in the item's ``text``), ``pos``
(POS tag when asked, else empty), ``stop_layer`` (empty for content words).

Segmentation results are cached in ``data/processed/cache/`` keyed by the
item text and the settings that change segmentation (backend and its version,
lexicon content, POS, HMM); stopword layers are applied after the cache, so
changing them never re-segments.

>>> segment_text("落实双减政策,深化县管校聘改革", stopwords="none")
['落实', '双减', '政策', ',', '深化', '县管校聘', '改革']
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing as mp
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import count
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .script import to_simplified

__all__ = [
    "TOKEN_COLUMNS",
    "STOPWORD_LAYERS",
    "BACKENDS",
    "load_lexicon",
    "load_stopwords",
    "make_segmenter",
    "segment_text",
    "tokenize_items",
    "token_counts_matrix",
    "remove_stopwords",
    "stop_layer",
]

TOKEN_COLUMNS = ["doc_id", "item_seq", "item_number", "position", "token", "start", "end", "pos",
                 "stop_layer"]
STOPWORD_LAYERS = ("function_words", "punctuation_numbers", "policy_boilerplate")
BACKENDS = ("jieba", "rjieba")
DEFAULT_BACKEND = "rjieba"
LEXICONS = ("education_policy",)  # units.txt is opt-in: office names ending in 处/科 cut body words
#: Lexicon terms get at least this dictionary frequency (jieba's own suggestion is only enough
#: to keep a term whole on its own; in context a neighbouring dictionary word can still win).
#: tools/check_lexicon.py measures the effect on the seed corpus.
LEXICON_MIN_FREQ = 10_000
CACHE_DIR = config.PROCESSED_DATA_DIR / "cache" / "tokens"
_SEP = "\x1f"
_DIGITS = r"0-9０-９.．%％‰+＋\-—~～/"
_CN_DIGITS = "一二三四五六七八九十百千万亿零〇两"
_SPACE = re.compile(r"^\s+$")
# a number, or a token without any str.isalnum() character ([\W_] is "not alphanumeric")
_PUNCT_OR_NUMBER = re.compile(rf"[{_DIGITS}]+$|[{_CN_DIGITS}]+$|[\W_]*$")
STOPWORD_LAYERS_BY_PRECEDENCE = ("punctuation_numbers", "function_words", "policy_boilerplate")


# --- resources ---------------------------------------------------------------------------


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

    >>> ("双减", None) in load_lexicon() or any(t == "双减" for t, _ in load_lexicon())
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
    """One stopword layer (first column of ``resources/stopwords/LAYER.txt``)."""
    if layer not in STOPWORD_LAYERS:
        raise ValueError(f"unknown stopword layer {layer!r}; layers: {STOPWORD_LAYERS}")
    return frozenset(line.split("\t")[0].strip() for line in _resource_lines("stopwords", f"{layer}.txt"))


def stop_layer(token: str) -> str:
    """The stopword layer a token belongs to, or '' for a content word.

    >>> stop_layer("的"), stop_layer("2024"), stop_layer("课后服务")
    ('function_words', 'punctuation_numbers', '')
    """
    layer = _listed_layers().get(token, "")
    if layer == "punctuation_numbers" or _PUNCT_OR_NUMBER.match(token):
        return "punctuation_numbers"
    return layer


@lru_cache(maxsize=1)
def _listed_layers() -> dict[str, str]:
    """{listed stopword: its layer}; a word in two lists gets the earlier layer of
    punctuation_numbers, function_words, policy_boilerplate."""
    table: dict[str, str] = {}
    for layer in reversed(STOPWORD_LAYERS_BY_PRECEDENCE):
        table.update(dict.fromkeys(load_stopwords(layer), layer))
    return table


def _lexicon_digest(names: tuple[str, ...]) -> str:
    h = hashlib.sha1()
    for term, tag in load_lexicon(names):
        h.update(f"{term}\t{tag}\n".encode())
    return h.hexdigest()[:12]


# --- backends ------------------------------------------------------------------------------


@dataclass
class Segmenter:
    """A backend with the lexicon loaded: ``tokens(text) -> [(token, pos)]`` (pos '' unless asked)."""

    backend: str
    pos: bool
    hmm: bool
    lexicon: tuple[str, ...]
    _impl: object = None
    _posseg: object = None

    @property
    def settings_key(self) -> str:
        version = _backend_version(self.backend)
        raw = f"{self.backend}:{version}:{_lexicon_digest(self.lexicon) if self.lexicon else '-'}" \
              f":pos={self.pos}:hmm={self.hmm}"
        return hashlib.sha1(raw.encode()).hexdigest()[:16]

    def tokens(self, text: str) -> list[tuple[str, str]]:
        if self.backend == "jieba":
            if self.pos:
                return [(w, f) for w, f in self._posseg.cut(text, HMM=self.hmm)]  # type: ignore[attr-defined]
            return [(w, "") for w in self._impl.cut(text, HMM=self.hmm)]  # type: ignore[attr-defined]
        if self.pos:
            return [(w, f) for w, f in self._impl.tag(text, self.hmm)]  # type: ignore[attr-defined]
        return [(w, "") for w in self._impl.cut(text, self.hmm)]  # type: ignore[attr-defined]


def _backend_version(backend: str) -> str:
    from importlib.metadata import version

    return version(backend)


def make_segmenter(backend: str = DEFAULT_BACKEND, lexicon: bool | Sequence[str] = True,
                   pos: bool = False, hmm: bool = True) -> Segmenter:
    """Build a backend instance with the lexicon terms added.

    ``lexicon``: True for the shipped lexicon, False for none, or names of
    files in ``resources/lexicon/``.
    """
    names: tuple[str, ...] = LEXICONS if lexicon is True else tuple(lexicon or ())
    if backend == "jieba":
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)  # jieba logs dictionary loading to stderr
        impl = jieba.Tokenizer()
        impl.initialize()
        for term, tag in load_lexicon(names) if names else ():
            impl.add_word(term, max(LEXICON_MIN_FREQ, impl.suggest_freq(term, tune=False)), tag)
        posseg = jieba.posseg.POSTokenizer(impl) if pos else None
        return Segmenter(backend, pos, hmm, names, impl, posseg)
    if backend == "rjieba":
        try:
            import rjieba
        except ImportError as err:  # pragma: no cover - depends on the environment
            raise RuntimeError("backend 'rjieba' needs the rjieba package (pip install rjieba)") from err
        impl = rjieba.Jieba()
        for term, tag in load_lexicon(names) if names else ():
            impl.add_word(term, max(LEXICON_MIN_FREQ, impl.suggest_freq(term)), tag)
        return Segmenter(backend, pos, hmm, names, impl)
    raise ValueError(f"unknown backend {backend!r}; choose one of {BACKENDS}")


@lru_cache(maxsize=4)
def _cached_segmenter(backend: str, lexicon: tuple[str, ...], pos: bool, hmm: bool) -> Segmenter:
    return make_segmenter(backend, lexicon, pos, hmm)


def segment_text(text: str, stopwords: str | Sequence[str] = "default", backend: str = DEFAULT_BACKEND,
                 lexicon: bool | Sequence[str] = True) -> list[str]:
    """Tokens of one text, whitespace removed; ``stopwords`` is 'default' (all layers),
    'none', or a list of layer names to remove."""
    names = LEXICONS if lexicon is True else tuple(lexicon or ())
    seg = _cached_segmenter(backend, names, False, True)
    layers = _layers(stopwords)
    out = []
    for tok, _ in seg.tokens(to_simplified(text)):
        if _SPACE.match(tok):
            continue
        if layers and stop_layer(tok) in layers:
            continue
        out.append(tok)
    return out


def _layers(stopwords: str | Sequence[str] | None) -> frozenset[str]:
    if stopwords in (None, "none"):
        return frozenset()
    if stopwords == "default":
        return frozenset(STOPWORD_LAYERS)
    if isinstance(stopwords, str):
        stopwords = [stopwords]
    bad = set(stopwords) - set(STOPWORD_LAYERS)
    if bad:
        raise ValueError(f"unknown stopword layers {sorted(bad)}; layers: {STOPWORD_LAYERS}")
    return frozenset(stopwords)


# --- the token table -------------------------------------------------------------------------


# Texts are segmented a batch at a time as one string, joined by a private-use character that
# none of them contains. jieba and jieba-rs first cut a text into blocks at every character that
# is neither Han nor alphanumeric, so the separator comes out as a token of its own and the tokens
# between two separators are exactly the tokens of that text alone (tests/test_segment.py checks
# this against item-by-item segmentation). One backend call per batch instead of one per item,
# and tokens become integer codes as each batch comes back (see _Encoder), so the table and the
# document-term matrix are built with array operations, not a per-token Python loop.
_ITEM_SEPS = ("\ue000", "\ue001", "\uf8fe", "\U000f0000", "\U0010fffd")
_SEP_TAG = "x"


def _item_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _texts(column: pd.Series) -> list[str]:
    """The column's values as a list of strings, missing values as ''."""
    return [t if isinstance(t, str) else "" for t in column.tolist()]


def _item_separator(texts: Sequence[str]) -> str:
    """A private-use character that occurs in none of ``texts``."""
    for sep in _ITEM_SEPS:
        if not any(sep in t for t in texts):
            return sep
    raise ValueError(f"the texts contain every candidate item separator {_ITEM_SEPS}")  # pragma: no cover


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
    impl = seg._impl
    if not seg.pos:
        if seg.backend == "rjieba":
            return impl.cut(joined, seg.hmm), []  # type: ignore[attr-defined]
        return impl.lcut(joined, HMM=seg.hmm), []  # type: ignore[attr-defined]
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


def _load_cache(path: Path) -> dict[str, tuple[str, str]]:
    if not path.exists():
        return {}
    df = pd.read_parquet(path)
    return dict(zip(df["key"], zip(df["tokens"], df["tags"])))


def _save_cache(path: Path, cache: dict[str, tuple[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(cache)
    df = pd.DataFrame({"key": keys, "tokens": [cache[k][0] for k in keys], "tags": [cache[k][1] for k in keys]})
    tmp = path.with_suffix(".tmp")
    df.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def tokenize_items(
    items: pd.DataFrame,
    text_column: str = "text",
    backend: str = DEFAULT_BACKEND,
    lexicon: bool | Sequence[str] = True,
    pos: bool = False,
    hmm: bool = True,
    workers: int = 1,
    cache: bool | str | Path = True,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Segment every item into the token table (:data:`TOKEN_COLUMNS`), one row per token.

    ``items`` needs ``doc_id``, ``item_seq``, ``item_number`` and ``text_column``.
    Texts are converted to Simplified characters first (length-preserving, so
    ``start``/``end`` index the item text as stored). Whitespace tokens are
    dropped; stopwords are kept and labelled in ``stop_layer``.
    ``cache``: True for ``data/processed/cache/tokens/``, a folder, or False.
    ``workers`` > 1 segments the uncached items in that many processes.

    >>> items = pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [1],
    ...                       "text": ["推进集团化办学"]})
    >>> tokenize_items(items, cache=False)["token"].tolist()
    ['推进', '集团化办学']
    """
    names = LEXICONS if lexicon is True else tuple(lexicon or ())
    seg_key = make_settings_key(backend, names, pos, hmm)
    cache_path = result_path = None
    if cache:
        folder = CACHE_DIR if cache is True else Path(cache)
        cache_path = folder / f"{seg_key}.parquet"
        # the finished table of exactly these items (and stopword lists) is kept too, so an
        # unchanged re-run only reads one file
        result_path = folder / f"{seg_key}-table-{_table_identity(items, text_column)}.arrow"
        if result_path.exists():
            return _read_table(result_path)
    raw_texts = _texts(items[text_column])
    encoded = _segment_items(raw_texts, cache_path, backend, names, pos, hmm, workers, progress, lengths=True)
    table = _token_table(items, encoded)
    if result_path is not None:
        for old in result_path.parent.glob(f"{seg_key}-table-*"):
            try:
                old.unlink()
            except OSError:  # pragma: no cover - Windows: still memory-mapped by this process
                pass
        _write_table(table, result_path)
    return table


def _table_identity(items: pd.DataFrame, text_column: str) -> str:
    """A digest of the items' keys and texts and of the stopword lists. Whole columns are
    hashed as Arrow buffers, so checking an unchanged corpus costs milliseconds."""
    h = hashlib.sha1(_stopwords_digest().encode())
    for col in ("doc_id", "item_seq", "item_number", text_column):
        _digest_column(h, items[col])
    return h.hexdigest()[:16]


def _digest_column(h: hashlib._Hash, values: pd.Series) -> None:
    import pyarrow as pa

    try:
        arr = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed types in one column: hash their str()
        h.update(b"obj:" + "\x1e".join(map(str, values.tolist())).encode("utf-8", "surrogatepass"))
        return
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_integer(arr.type) and arr.null_count == 0:
        h.update(b"int:" + arr.cast(pa.int64()).to_numpy().tobytes())
        return
    arr = arr.cast(pa.large_string())
    _, offsets, data = arr.buffers()
    offsets = np.frombuffer(offsets, dtype=np.int64)[arr.offset:arr.offset + len(arr) + 1]
    h.update(b"str:" + (offsets - offsets[0]).tobytes())
    if data is not None:
        h.update(memoryview(data)[offsets[0]:offsets[-1]])
    h.update(arr.is_null().to_numpy(zero_copy_only=False).tobytes())


def _write_table(table: pd.DataFrame, path: Path) -> None:
    """The finished token table as an uncompressed Arrow IPC file: read back memory-mapped, so
    a warm re-run costs little more than opening the file."""
    import pyarrow as pa
    import pyarrow.feather as feather

    tmp = path.with_suffix(".tmp")
    feather.write_feather(pa.Table.from_pandas(table, preserve_index=False), tmp, compression="uncompressed")
    os.replace(tmp, path)


def _read_table(path: Path) -> pd.DataFrame:
    import pyarrow.feather as feather

    # memory-mapped and converted without consolidating columns: a few hundredths of a second
    # for two million tokens (pandas copies a column only if it is written to)
    return feather.read_table(path, memory_map=True).to_pandas(split_blocks=True, self_destruct=True)


@dataclass
class _Encoded:
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

    def finish(self, present: list[int], text_lengths: np.ndarray) -> _Encoded:
        vocab = list(self.index)
        codes = np.concatenate(self.codes) if self.codes else np.zeros(0, dtype=np.int32)
        is_sep = np.zeros(len(vocab), dtype=bool)
        is_sep[0] = True
        blank = is_sep | np.fromiter((not u or bool(_SPACE.match(u)) for u in vocab), dtype=bool, count=len(vocab))
        layers = np.array([stop_layer(u) for u in vocab], dtype=object)
        lengths = None if self.lengths is None else (
            np.concatenate(self.lengths) if self.lengths else np.zeros(0, dtype=np.int64))
        tags = None if self.tags is None else np.asarray(self.tags, dtype=object)
        return _Encoded(codes, vocab, blank, layers, np.asarray(present, dtype=np.int64),
                        text_lengths, lengths, tags)


def _segment_items(raw_texts: list[str], cache_path: Path | None, backend: str, names: tuple[str, ...],
                   pos: bool, hmm: bool, workers: int, progress: bool | None, lengths: bool) -> _Encoded:
    """Segment and encode the texts (each distinct uncached text once when caching)."""
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
        _save_cache(cache_path, store)
    for lo in range(0, len(keys), _CUT):
        batch = keys[lo:lo + _CUT]
        tokens = (_SEP + sep + _SEP).join(store[k][0] for k in batch).split(_SEP)
        tags = (_SEP + _SEP_TAG + _SEP).join(store[k][1] for k in batch).split(_SEP) if pos else []
        encoder.add(tokens, tags)
    return encoder.finish(present, text_lengths)


def token_counts_matrix(items: pd.DataFrame, stopwords: str | Sequence[str] = "default",
                        text_column: str = "text", backend: str = DEFAULT_BACKEND,
                        lexicon: bool | Sequence[str] = True, hmm: bool = True, workers: int = 1,
                        cache: bool | str | Path = True, progress: bool | None = None):
    """Items → ``(counts, vocabulary)`` without building the token table: ``counts`` is a
    scipy CSR matrix (one row per row of ``items``, in order; one column per term of the
    sorted ``vocabulary``), stopword layers removed. The fast path behind
    :func:`wpanalysis.features.item_dtm`."""
    from scipy import sparse

    names = LEXICONS if lexicon is True else tuple(lexicon or ())
    raw_texts = _texts(items[text_column])
    cache_path = None
    if cache:
        folder = CACHE_DIR if cache is True else Path(cache)
        cache_path = folder / f"{make_settings_key(backend, names, False, hmm)}.parquet"
    enc = _segment_items(raw_texts, cache_path, backend, names, False, hmm, workers, progress, lengths=False)
    drop = _layers(stopwords)
    keep_vocab = ~enc.blank & ~np.isin(enc.layers, list(drop)) if drop else ~enc.blank
    kept = np.flatnonzero(keep_vocab)
    order = kept[np.argsort(np.asarray(enc.vocab, dtype=object)[kept], kind="stable")] if len(kept) else kept
    column = np.full(len(enc.vocab), -1, dtype=np.int32)
    column[order] = np.arange(len(order), dtype=np.int32)
    cols = column[enc.codes]
    keep = cols >= 0
    # tokens are in text order with separators between texts, so each row's entries are the kept
    # tokens between two separators: the CSR arrays come without a per-token row index
    bounds = np.concatenate(([0], np.flatnonzero(enc.codes == 0) + 1))
    per_text = np.add.reduceat(keep.view(np.int8), bounds, dtype=np.int64) if len(enc.codes) else np.zeros(0, np.int64)
    per_item = np.zeros(len(items), dtype=np.int64)
    per_item[enc.present] = per_text
    indices = cols[keep]
    matrix = sparse.csr_matrix((np.ones(len(indices), dtype=np.int64), indices,
                                np.concatenate(([0], np.cumsum(per_item)))), shape=(len(items), len(order)))
    matrix.sum_duplicates()
    return matrix, np.asarray([enc.vocab[i] for i in order], dtype=object)


def _stopwords_digest() -> str:
    h = hashlib.sha1()
    for layer in STOPWORD_LAYERS:
        h.update(" ".join(sorted(load_stopwords(layer))).encode())
    return h.hexdigest()


def make_settings_key(backend: str, lexicon: tuple[str, ...], pos: bool, hmm: bool) -> str:
    """The cache key of segmentation settings (backend + version, lexicon content, pos, hmm)."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; choose one of {BACKENDS}")
    return Segmenter(backend, pos, hmm, lexicon).settings_key


# Texts per backend call. Small batches are faster: the tokens of a batch are encoded and freed
# before the next one, so their memory is reused while still in cache (cutting 1,000 texts at a
# time and keeping their tokens is a third slower than 50 at a time on the 100x benchmark corpus).
_CUT = 64
_TASK = 2000  # texts per worker-process task


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


def _token_table(items: pd.DataFrame, enc: _Encoded) -> pd.DataFrame:
    import pyarrow as pa

    assert enc.lengths is not None
    starts = np.cumsum(enc.lengths) - enc.lengths  # in the texts joined by one-character separators
    text_starts = np.concatenate(([0], np.cumsum(enc.text_lengths + 1)[:-1])).astype(np.int64)
    keep = ~enc.blank[enc.codes]
    codes = enc.codes[keep]
    text_index = enc.text_index()[keep]
    rows = enc.present[text_index]
    starts = starts[keep] - text_starts[text_index]
    group_first = np.searchsorted(rows, rows, side="left")
    layer_names, layer_codes = np.unique(enc.layers, return_inverse=True)
    if enc.tags is not None:
        pos = pd.Categorical(enc.tags[keep])
    else:
        pos = pd.Categorical.from_codes(np.zeros(len(rows), dtype=np.int8), categories=[""])
    return pd.DataFrame({
        "doc_id": pd.Categorical(items["doc_id"].to_numpy()[rows]),
        "item_seq": items["item_seq"].to_numpy()[rows],
        "item_number": items["item_number"].to_numpy()[rows],
        "position": np.arange(len(rows)) - group_first,
        "token": pa.array(enc.vocab, type=pa.string()).take(pa.array(codes)).to_pandas(),
        "start": starts,
        "end": starts + enc.lengths[keep],
        "pos": pos,
        "stop_layer": pd.Categorical.from_codes(layer_codes[codes], categories=layer_names),
    }, columns=TOKEN_COLUMNS)


def remove_stopwords(tokens: pd.DataFrame, layers: str | Iterable[str] = "default") -> pd.DataFrame:
    """Drop tokens in the given stopword layers ('default' = all three, 'none' = keep all).

    >>> t = pd.DataFrame({"token": ["的", "课后服务"], "stop_layer": ["function_words", ""]})
    >>> remove_stopwords(t)["token"].tolist()
    ['课后服务']
    """
    chosen = _layers(layers if isinstance(layers, str) else tuple(layers))
    if not chosen:
        return tokens
    return tokens[~tokens["stop_layer"].isin(chosen)].reset_index(drop=True)
