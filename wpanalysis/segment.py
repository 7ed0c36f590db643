"""Segment stage: items → tokens (one row per token), with an education-policy lexicon.

Three modules, one job each:

* :mod:`wpanalysis.lexicon` — the resources: lexicon terms, the stopword layers
  (``function_words``, ``punctuation_numbers``, ``policy_boilerplate``) and the
  stopword switch;
* :mod:`wpanalysis.backends` — the engine: the registered backends (``rjieba``, the
  default, and ``jieba``, the reference), batch cutting, the per-item token cache,
  worker processes;
* this module — the token table and what is built from it.

Tokens are never dropped by segmentation: each row says which stopword layer it
belongs to (``stop_layer``), and :func:`remove_stopwords` filters — so a notebook can
show results with and without the boilerplate layer. Every function that removes
stopwords takes the same switch, ``stopwords=``: ``"all"`` (the default; ``"default"``
means the same), ``"none"``/None, or layer names as a list or a comma-separated string
(:func:`wpanalysis.lexicon.stopword_layers`).

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
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import config
from .backends import (
    BACKENDS,
    DEFAULT_BACKEND,
    Encoded,
    cached_segmenter,
    encode_texts,
    make_segmenter,
    make_settings_key,
)
from .files import write_atomically
from .lexicon import (
    STOPWORD_LAYERS,
    Stopwords,
    is_space,
    lexicon_names,
    load_lexicon,
    load_stopwords,
    stop_layer,
    stopword_layers,
    stopwords_digest,
)
from .script import to_simplified

if TYPE_CHECKING:
    from scipy import sparse

__all__ = [
    "TOKEN_COLUMNS",
    "STOPWORD_LAYERS",
    "BACKENDS",
    "DEFAULT_BACKEND",
    "Stopwords",
    "stopword_layers",
    "load_lexicon",
    "load_stopwords",
    "make_segmenter",
    "make_settings_key",
    "segment_text",
    "tokenize_items",
    "token_counts_matrix",
    "remove_stopwords",
    "stop_layer",
]

TOKEN_COLUMNS = ["doc_id", "item_seq", "item_number", "position", "token", "start", "end", "pos",
                 "stop_layer"]
CACHE_DIR = config.PROCESSED_DATA_DIR / "cache" / "tokens"


def segment_text(text: str, stopwords: Stopwords = "all", backend: str = DEFAULT_BACKEND,
                 lexicon: bool | Sequence[str] = True) -> list[str]:
    """Tokens of one text, whitespace removed, the ``stopwords`` layers too.

    >>> segment_text("进一步落实双减政策", stopwords="function_words,punctuation_numbers")
    ['进一步', '落实', '双减', '政策']
    """
    seg = cached_segmenter(backend, lexicon, False, True)
    layers = stopword_layers(stopwords)
    out = []
    for tok, _ in seg.tokens(to_simplified(text)):
        if is_space(tok):
            continue
        if layers and stop_layer(tok) in layers:
            continue
        out.append(tok)
    return out


def remove_stopwords(tokens: pd.DataFrame, stopwords: Stopwords = "all") -> pd.DataFrame:
    """Drop tokens in the ``stopwords`` layers ('all' = the three, 'none' = keep all).

    >>> t = pd.DataFrame({"token": ["的", "课后服务"], "stop_layer": ["function_words", ""]})
    >>> remove_stopwords(t)["token"].tolist()
    ['课后服务']
    """
    chosen = stopword_layers(stopwords)
    if not chosen:
        return tokens
    return tokens[~tokens["stop_layer"].isin(chosen)].reset_index(drop=True)


# --- the token table -----------------------------------------------------------------------------


def _texts(column: pd.Series) -> list[str]:
    """The column's values as a list of strings, missing values as ''."""
    return [t if isinstance(t, str) else "" for t in column.tolist()]


def _cache_folder(cache: bool | str | Path) -> Path | None:
    """The cache folder a ``cache=`` argument means (None for no cache)."""
    if not cache:
        return None
    return CACHE_DIR if cache is True else Path(cache)


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
    names = lexicon_names(lexicon)
    seg_key = make_settings_key(backend, names, pos, hmm)
    cache_path = result_path = None
    folder = _cache_folder(cache)
    if folder is not None:
        cache_path = folder / f"{seg_key}.parquet"
        # the finished table of exactly these items (and stopword lists) is kept too, so an
        # unchanged re-run only reads one file
        result_path = folder / f"{seg_key}-table-{_table_identity(items, text_column)}.arrow"
        if result_path.exists():
            table = _read_table(result_path)
            if table is not None:
                return table
    raw_texts = _texts(items[text_column])
    encoded = encode_texts(raw_texts, cache_path, backend, names, pos, hmm, workers, progress, lengths=True)
    table = _token_table(items, encoded)
    if result_path is not None:
        for old in result_path.parent.glob(f"{seg_key}-table-*"):
            try:
                old.unlink()
            except OSError:  # pragma: no cover - Windows: still memory-mapped by this process
                pass
        _write_table(table, result_path)
    return table


def _token_table(items: pd.DataFrame, enc: Encoded) -> pd.DataFrame:
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


def token_counts_matrix(items: pd.DataFrame, stopwords: Stopwords = "all",
                        text_column: str = "text", backend: str = DEFAULT_BACKEND,
                        lexicon: bool | Sequence[str] = True, hmm: bool = True, workers: int = 1,
                        cache: bool | str | Path = True,
                        progress: bool | None = None) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Items → ``(counts, vocabulary)`` without building the token table: ``counts`` is a
    scipy CSR matrix (one row per row of ``items``, in order; one column per term of the
    sorted ``vocabulary``), the ``stopwords`` layers removed. The fast path behind
    :func:`wpanalysis.features.item_dtm`.

    >>> items = pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [1], "text": ["推进集团化办学"]})
    >>> counts, vocab = token_counts_matrix(items, cache=False)
    >>> counts.toarray().tolist(), vocab.tolist()
    ([[1, 1]], ['推进', '集团化办学'])
    """
    from scipy import sparse

    names = lexicon_names(lexicon)
    raw_texts = _texts(items[text_column])
    folder = _cache_folder(cache)
    cache_path = None if folder is None else folder / f"{make_settings_key(backend, names, False, hmm)}.parquet"
    enc = encode_texts(raw_texts, cache_path, backend, names, False, hmm, workers, progress, lengths=False)
    drop = stopword_layers(stopwords)
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


# --- the finished-table cache --------------------------------------------------------------------


def _table_identity(items: pd.DataFrame, text_column: str) -> str:
    """A digest of the items' keys and texts and of the stopword lists. Whole columns are
    hashed as Arrow buffers, so checking an unchanged corpus costs milliseconds."""
    h = hashlib.sha1(stopwords_digest().encode())
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

    arrow = pa.Table.from_pandas(table, preserve_index=False)
    digest = _table_digest_path(path)
    digest.unlink(missing_ok=True)  # no digest while the table changes: a half-done write reads as damaged
    write_atomically(path, lambda tmp: feather.write_feather(arrow, tmp, compression="uncompressed"))
    text = _file_sha256(path) + "\n"
    write_atomically(digest, lambda tmp: tmp.write_text(text, encoding="ascii"))


def _table_digest_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def _file_sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _read_table(path: Path) -> pd.DataFrame | None:
    """The finished token table, checked against the digest written with it; None (and a warning)
    when it is truncated, emptied, edited or unreadable, so the caller builds it again."""
    import warnings

    import pyarrow.feather as feather

    try:
        recorded = _table_digest_path(path).read_text(encoding="ascii").strip()
        if recorded != _file_sha256(path):  # 0.04-0.12 s for 420,000 tokens (23 MB)
            raise ValueError("its content does not match the digest written with it")
        # memory-mapped and converted without consolidating columns: a few hundredths of a second
        # for two million tokens (pandas copies a column only if it is written to)
        return feather.read_table(path, memory_map=True).to_pandas(split_blocks=True, self_destruct=True)
    except Exception as err:  # any damage: the table is only a cache
        warnings.warn(f"token table cache {path} is damaged ({type(err).__name__}: {err}); segmenting again and "
                      "rebuilding it", RuntimeWarning, stacklevel=3)
        return None
