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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
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
_NUMBER = re.compile(r"^[0-9０-９.．%％‰+＋\-—~～/]+$|^[一二三四五六七八九十百千万亿零〇两]+$")
_SPACE = re.compile(r"^\s+$")


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
    if token in load_stopwords("punctuation_numbers") or _NUMBER.match(token):
        return "punctuation_numbers"
    if not any(ch.isalnum() for ch in token):
        return "punctuation_numbers"
    if token in load_stopwords("function_words"):
        return "function_words"
    if token in load_stopwords("policy_boilerplate"):
        return "policy_boilerplate"
    return ""


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


def _item_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_WORKER: Segmenter | None = None


def _init_worker(backend: str, lexicon: tuple[str, ...], pos: bool, hmm: bool) -> None:
    global _WORKER
    _WORKER = make_segmenter(backend, lexicon, pos, hmm)


def _segment_batch(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    """Tokens and tags of each text (tags empty unless POS tagging was asked)."""
    assert _WORKER is not None
    seg = _WORKER
    if not seg.pos:
        impl = seg._impl
        if seg.backend == "rjieba":
            return [(impl.cut(t, seg.hmm), []) for t in texts]  # type: ignore[attr-defined]
        return [(impl.lcut(t, HMM=seg.hmm), []) for t in texts]  # type: ignore[attr-defined]
    out = []
    for text in texts:
        pairs = seg.tokens(text)
        out.append(([w for w, _ in pairs], [f for _, f in pairs]))
    return out


def _load_cache(path: Path) -> dict[str, tuple[str, str]]:
    if not path.exists():
        return {}
    df = pd.read_parquet(path)
    return dict(zip(df["key"], zip(df["tokens"], df["tags"])))


def _joined(value: str | list[str]) -> str:
    return value if isinstance(value, str) else _SEP.join(value)


def _save_cache(path: Path, cache: dict[str, tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(cache)
    df = pd.DataFrame({"key": keys, "tokens": [_joined(cache[k][0]) for k in keys],
                       "tags": [_joined(cache[k][1]) for k in keys]})
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
    raw_texts = [t if isinstance(t, str) else "" for t in items[text_column]]
    keys = [_item_key(t) for t in raw_texts]
    seg_key = make_settings_key(backend, names, pos, hmm)
    cache_path = result_path = None
    if cache:
        folder = CACHE_DIR if cache is True else Path(cache)
        cache_path = folder / f"{seg_key}.parquet"
        # the finished table of exactly these items (and stopword lists) is kept too, so an
        # unchanged re-run only reads one file
        ident = hashlib.sha1(_stopwords_digest().encode())
        for row in zip(items["doc_id"], items["item_seq"], items["item_number"], keys):
            ident.update("\t".join(map(str, row)).encode() + b"\n")
        result_path = folder / f"{seg_key}-table-{ident.hexdigest()[:16]}.parquet"
        if result_path.exists():
            return pd.read_parquet(result_path)
    store = _segment_texts(raw_texts, keys, cache_path, backend, names, pos, hmm, workers, progress)
    table = _token_table(items, raw_texts, keys, store)
    if result_path is not None:
        for old in result_path.parent.glob(f"{seg_key}-table-*.parquet"):
            old.unlink()
        tmp = result_path.with_suffix(".tmp")
        table.to_parquet(tmp, index=False)
        os.replace(tmp, result_path)
    return table


def _segment_texts(raw_texts: list[str], keys: list[str], cache_path: Path | None, backend: str,
                   names: tuple[str, ...], pos: bool, hmm: bool, workers: int,
                   progress: bool | None) -> dict[str, tuple]:
    """{item key: (tokens, tags)} for every text: from the per-item cache, else segmented
    (each distinct text once, converted to Simplified first)."""
    store = _load_cache(cache_path) if cache_path else {}
    todo_keys = sorted({k for k in keys if k not in store})
    if todo_keys:
        by_key = dict(zip(keys, raw_texts))
        todo = [to_simplified(by_key[k]) for k in todo_keys]
        store.update(zip(todo_keys, _run_segmentation(todo, backend, names, pos, hmm, workers, progress)))
        if cache_path:
            _save_cache(cache_path, store)
    return store


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
    raw_texts = [t if isinstance(t, str) else "" for t in items[text_column]]
    keys = [_item_key(t) for t in raw_texts]
    cache_path = None
    if cache:
        folder = CACHE_DIR if cache is True else Path(cache)
        cache_path = folder / f"{make_settings_key(backend, names, False, hmm)}.parquet"
    store = _segment_texts(raw_texts, keys, cache_path, backend, names, False, hmm, workers, progress)
    arr = _token_arrays(raw_texts, keys, store)
    drop = _layers(stopwords)
    keep = ~np.isin(arr.layers, list(drop)) if drop else np.ones(len(arr.tokens), dtype=bool)
    codes, uniques = pd.factorize(arr.tokens[keep], sort=True)
    matrix = sparse.csr_matrix((np.ones(len(codes), dtype=np.int64), (arr.rows[keep], codes)),
                               shape=(len(items), len(uniques)))
    matrix.sum_duplicates()
    return matrix, np.asarray(uniques, dtype=object)


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


def _run_segmentation(texts: list[str], backend: str, names: tuple[str, ...], pos: bool, hmm: bool,
                      workers: int, progress: bool | None) -> list[tuple[str, str]]:
    from tqdm import tqdm  # the plain bar: tqdm.auto warns in notebooks without ipywidgets

    show = progress if progress is not None else (len(texts) > 2000 and sys.stderr.isatty())
    batch = 200
    batches = [texts[i:i + batch] for i in range(0, len(texts), batch)]
    out: list[tuple[str, str]] = []
    bar = tqdm(total=len(texts), disable=not show, desc=f"segment ({backend})", unit="item")
    if workers > 1 and len(batches) > 1:
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        with mp.get_context(method).Pool(workers, _init_worker, (backend, names, pos, hmm)) as pool:
            for res in pool.imap(_segment_batch, batches):
                out.extend(res)
                bar.update(len(res))
    else:
        global _WORKER
        _WORKER = _cached_segmenter(backend, names, pos, hmm)
        for b in batches:
            res = _segment_batch(b)
            out.extend(res)
            bar.update(len(res))
    bar.close()
    return out


def _as_list(value: str | list[str]) -> list[str]:
    if isinstance(value, str):
        return value.split(_SEP) if value else []
    return value


@dataclass
class _TokenArrays:
    """Parallel arrays of the non-space tokens of a set of items (``rows`` index the items)."""

    rows: np.ndarray
    tokens: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    tags: np.ndarray
    layers: np.ndarray


def _token_arrays(texts: list[str], keys: list[str], store: dict[str, tuple]) -> _TokenArrays:
    """Token arrays built with array operations (no per-token Python loop)."""
    present = [i for i, t in enumerate(texts) if t]
    # store values are lists (just segmented) or SEP-joined strings (read from the cache)
    tok_lists = [_as_list(store[keys[i]][0]) for i in present]
    tag_lists = [_as_list(store[keys[i]][1]) for i in present]
    tokens = np.array(list(chain.from_iterable(tok_lists)), dtype=object)
    counts = np.fromiter(map(len, tok_lists), dtype=np.int64, count=len(tok_lists))
    if tag_lists and all(tag_lists):
        tags = np.array(list(chain.from_iterable(tag_lists)), dtype=object)
    else:
        tags = np.full(len(tokens), "", dtype=object)
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    item_idx = np.repeat(np.arange(len(present)), counts)
    ends = np.cumsum(lengths)
    first = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    base = ends[first[counts > 0]] - lengths[first[counts > 0]] if len(tokens) else np.array([], dtype=np.int64)
    item_base = np.zeros(len(present), dtype=np.int64)
    item_base[counts > 0] = base
    starts = ends - lengths - item_base[item_idx]
    # one decision per distinct token: whitespace is dropped, stopword layers labelled
    inverse, uniques = pd.factorize(tokens) if len(tokens) else (np.array([], dtype=np.int64), np.array([]))
    is_space = np.fromiter((bool(_SPACE.match(u)) for u in uniques), dtype=bool, count=len(uniques))
    layers = np.array([stop_layer(u) for u in uniques], dtype=object)
    keep = ~is_space[inverse]
    return _TokenArrays(np.asarray(present, dtype=np.int64)[item_idx[keep]], tokens[keep], starts[keep],
                        (starts + lengths)[keep], tags[keep], layers[inverse][keep])


def _token_table(items: pd.DataFrame, texts: list[str], keys: list[str], store: dict[str, tuple]) -> pd.DataFrame:
    arr = _token_arrays(texts, keys, store)
    rows = arr.rows
    group_first = np.searchsorted(rows, rows, side="left")
    table = pd.DataFrame({
        "doc_id": items["doc_id"].to_numpy()[rows],
        "item_seq": items["item_seq"].to_numpy()[rows],
        "item_number": items["item_number"].to_numpy()[rows],
        "position": np.arange(len(rows)) - group_first,
        "token": arr.tokens,
        "start": arr.starts,
        "end": arr.ends,
        "pos": arr.tags,
        "stop_layer": arr.layers,
    }, columns=TOKEN_COLUMNS)
    for col in ("doc_id", "pos", "stop_layer"):  # few distinct values: categorical is smaller and faster
        table[col] = table[col].astype("category")
    return table


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
