"""Validating the instrument coder: hand-coded sentence samples, the consensus of two coders, and
agreement (coder vs coder, package vs consensus) per type and sub-instrument.

The seed corpus's sample is ``data/annotations/instruments_coder_a.csv`` (coder A: the
codebook's author) and ``instruments_coder_b.csv`` (coder B: an independent coder who saw only
the written codebook and the sentences); ``instruments_consensus.csv`` is their consensus. See
``data/annotations/README.md`` for who coded, in which order, and the results.

Example::

    from wpanalysis.coding import validation
    tables = validation.instrument_agreement(sample, coder_a, coder_b, consensus, predicted)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .. import config
from .agreement import category_agreement, precision_recall
from .codebook import NONE
from .instruments import InstrumentCodebook, code_instruments, load_instrument_codebook

__all__ = ["ANNOTATIONS", "CODER_FILES", "load_coder_codes", "consensus_codes", "instrument_agreement",
           "validation_summary", "load_validation", "write_instrument_sample", "domain_coders"]

ANNOTATIONS = config.DATA_DIR / "annotations"
CODER_FILES = {"a": "instruments_coder_a.csv", "b": "instruments_coder_b.csv",
               "consensus": "instruments_consensus.csv"}
"""The files of the instrument validation sample under ``data/annotations/``."""


def load_coder_codes(path: str | Path, book: InstrumentCodebook | None = None) -> pd.DataFrame:
    """One coder's codes: a UTF-8 CSV with ``id`` and ``instrument`` (other columns kept). Every
    code must be a sub-instrument id of *book* or ``none``; ``instrument_type`` is (re)derived.
    A :class:`ValueError` names the file, the row and the bad code or repeated id.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "b.csv")
    >>> _ = open(path, "w", encoding="utf-8").write("id,instrument\\ns1,talent\\ns2,money\\n")
    >>> load_coder_codes(path)
    Traceback (most recent call last):
    ...
    ValueError: b.csv row 3 (id s2): 'money' is not a code of the codebook; allowed: talent, funding, \
infrastructure, info_tech, public_services, goals_planning, regulation, strategic_measures, finance_tax, organisation, \
supervision_evaluation, procurement_outsourcing, pilots_demonstration, exchange_cooperation, social_participation, none
    """
    book = book or load_instrument_codebook()
    path = Path(path)
    codes = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in ("id", "instrument") if c not in codes.columns]
    if missing:
        raise ValueError(f"{path.name}: no column {', '.join(missing)}; a coding sheet needs id and instrument")
    allowed = [*book.ids, NONE]
    codes["instrument"] = codes["instrument"].str.strip()
    for k, (sid, code) in enumerate(zip(codes["id"], codes["instrument"]), start=2):
        if code not in allowed:
            raise ValueError(f"{path.name} row {k} (id {sid}): {code!r} is not a code of the codebook; "
                             f"allowed: {', '.join(allowed)}")
    repeated = codes["id"][codes["id"].duplicated()].tolist()
    if repeated:
        raise ValueError(f"{path.name}: ids coded twice: {', '.join(repeated)}; keep one row per id")
    codes["instrument_type"] = codes["instrument"].map(book.type_of)
    return codes


def consensus_codes(a: pd.DataFrame, b: pd.DataFrame, adjudicated: Mapping[str, str],
                    book: InstrumentCodebook | None = None) -> pd.DataFrame:
    """The consensus of two coders: their common code where they agree, the adjudicator's where
    they do not. Columns: ``id``, ``coder_a``, ``coder_b``, ``instrument``, ``instrument_type``,
    ``source`` (``agreed`` or ``adjudicated``). Every disagreement must be adjudicated.

    >>> a = pd.DataFrame({"id": ["s1", "s2"], "instrument": ["talent", "funding"]})
    >>> b = pd.DataFrame({"id": ["s1", "s2"], "instrument": ["talent", "regulation"]})
    >>> consensus_codes(a, b, {"s2": "funding"})[["instrument", "source"]].values.tolist()
    [['talent', 'agreed'], ['funding', 'adjudicated']]
    """
    book = book or load_instrument_codebook()
    both = a[["id", "instrument"]].merge(b[["id", "instrument"]], on="id", suffixes=("_a", "_b"), validate="1:1")
    rows = []
    for sid, x, y in zip(both["id"], both["instrument_a"], both["instrument_b"]):
        if x == y:
            rows.append((sid, x, y, x, "agreed"))
        elif sid in adjudicated:
            if adjudicated[sid] not in book.type_of:
                raise ValueError(f"adjudicated code {adjudicated[sid]!r} of {sid} is not a code of the codebook")
            rows.append((sid, x, y, adjudicated[sid], "adjudicated"))
        else:
            raise ValueError(f"{sid}: the coders disagree ({x} / {y}) and no adjudicated code is given")
    out = pd.DataFrame(rows, columns=["id", "coder_a", "coder_b", "instrument", "source"])
    out.insert(4, "instrument_type", out["instrument"].map(book.type_of))
    return out


def _subsets(sample: pd.DataFrame) -> list[tuple[str, pd.Index]]:
    out = [("all", sample.index)]
    if "split" in sample:
        out += [(s, sample.index[sample["split"] == s]) for s in ("dev", "heldout") if (sample["split"] == s).any()]
    return out


def instrument_agreement(sample: pd.DataFrame, coder_a: pd.DataFrame, coder_b: pd.DataFrame,
                         consensus: pd.DataFrame, book: InstrumentCodebook | None = None) -> dict[str, pd.DataFrame]:
    """Every agreement table of the validation, for all sentences and each split.

    *sample* has ``id``, ``text`` and ``split``; the coders' and consensus tables ``id`` and
    ``instrument``. The package codes the sample's texts afresh with *book*. Tables (each with a
    first column ``subset``: ``all``, ``dev``, ``heldout``):

    * ``coders_type`` / ``coders_instrument`` — coder A vs coder B (:func:`category_agreement`:
      overall κ and α, then per type / sub-instrument);
    * ``package_type`` / ``package_instrument`` — the package vs the consensus;
    * ``package_pr`` — precision and recall of the package per type against the consensus.
    """
    book = book or load_instrument_codebook()
    s = sample.set_index("id")
    codes = {name: t.set_index("id")["instrument"].reindex(s.index) for name, t in
             (("a", coder_a), ("b", coder_b), ("consensus", consensus))}
    codes["package"] = code_instruments(s["text"], book)["instrument"]
    types = {k: v.map(book.type_of) for k, v in codes.items()}
    frame = s.reset_index()
    tables: dict[str, list[pd.DataFrame]] = {k: [] for k in ("coders_type", "coders_instrument", "package_type",
                                                             "package_instrument", "package_pr")}
    for name, idx in _subsets(frame):
        ids = frame.loc[idx, "id"]
        pick = lambda series, ids=ids: series.loc[ids].tolist()  # noqa: E731
        type_cats, inst_cats = [*book.types, NONE], [*book.ids, NONE]
        for key, x, y, cats in (("coders_type", types["a"], types["b"], type_cats),
                                ("coders_instrument", codes["a"], codes["b"], inst_cats),
                                ("package_type", types["consensus"], types["package"], type_cats),
                                ("package_instrument", codes["consensus"], codes["package"], inst_cats)):
            tables[key].append(category_agreement(pick(x), pick(y), cats).assign(subset=name))
        tables["package_pr"].append(precision_recall(pick(types["consensus"]), pick(types["package"]),
                                                     type_cats).assign(subset=name))
    return {k: pd.concat(v, ignore_index=True).pipe(lambda t: t[["subset", *t.columns[:-1]]])
            for k, v in tables.items()}


def validation_summary(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The headline numbers of :func:`instrument_agreement`: one row per comparison and subset with
    ``n``, ``agreement``, ``kappa`` and ``alpha`` of the overall (nominal) code.

    Columns: ``comparison`` (``coders``, ``package vs consensus``), ``level`` (``type``,
    ``sub-instrument``), ``subset``, ``n``, ``agreement``, ``kappa``, ``alpha``.
    """
    rows = []
    for key, comparison, level in (("coders_type", "coders", "type"), ("coders_instrument", "coders", "sub-instrument"),
                                   ("package_type", "package vs consensus", "type"),
                                   ("package_instrument", "package vs consensus", "sub-instrument")):
        t = tables[key]
        for r in t[t["category"] == "all"].itertuples(index=False):
            rows.append((comparison, level, r.subset, r.n, r.agreement, r.kappa, r.alpha))
    return pd.DataFrame(rows, columns=["comparison", "level", "subset", "n", "agreement", "kappa", "alpha"])


def load_validation(folder: str | Path = ANNOTATIONS, book: InstrumentCodebook | None = None
                    ) -> dict[str, pd.DataFrame] | None:
    """:func:`instrument_agreement` of the samples in *folder* (:data:`CODER_FILES`), or None when
    any of the three files is missing. Coder A's file supplies the texts and splits."""
    folder = Path(folder)
    files = {k: folder / v for k, v in CODER_FILES.items()}
    if not all(f.is_file() for f in files.values()):
        return None
    book = book or load_instrument_codebook()
    a, b = load_coder_codes(files["a"], book), load_coder_codes(files["b"], book)
    consensus = pd.read_csv(files["consensus"], dtype=str, keep_default_na=False, encoding="utf-8")
    tables = instrument_agreement(a[["id", "text", "split"]], a, b, consensus, book)
    tables["consensus"] = consensus
    return tables


def write_instrument_sample(sentences: pd.DataFrame, folder: str | Path, n_per_doc: int = 18, seed: int = 0,
                            overwrite: bool = False) -> list[Path]:
    """Draw :func:`~wpanalysis.coding.agreement.sentence_sample` and write the files two coders need:
    ``instruments_sample_full.csv`` (ids, plan, item, split, text: for the codebook's author and the
    analysis) and ``instruments_sample.csv`` (``id``, ``text`` and an empty ``instrument`` and
    ``notes``: for an independent coder, with no plan names). Give the independent coder that file
    and ``docs/codebooks/instruments.md`` only. Returns the files written; an existing file is kept
    (:class:`FileExistsError`) unless *overwrite*.

    >>> s = pd.DataFrame({"doc_id": ["a"] * 3, "item_seq": [1, 2, 3], "item_number": [1, 2, 3],
    ...                   "sentence": [1, 1, 1], "text": ["甲", "乙", "丙"]})
    >>> [p.name for p in write_instrument_sample(s, getfixture("tmp_path"), n_per_doc=2)]
    ['instruments_sample_full.csv', 'instruments_sample.csv']
    """
    from .agreement import sentence_sample

    folder = Path(folder)
    full, blind = folder / "instruments_sample_full.csv", folder / "instruments_sample.csv"
    for target in (full, blind):
        if target.exists() and not overwrite:
            raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
    drawn = sentence_sample(sentences, n_per_doc=n_per_doc, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    drawn.to_csv(full, index=False, encoding="utf-8", lineterminator="\n")
    drawn[["id", "text"]].assign(instrument="", notes="").to_csv(blind, index=False, encoding="utf-8",
                                                                  lineterminator="\n")
    return [full, blind]


def domain_coders(coder_a: pd.DataFrame, coder_b: pd.DataFrame) -> pd.DataFrame:
    """Two codings of one domain sample side by side, in the form of
    :func:`~wpanalysis.coding.agreement.agreement_items` (coder A as ``gold``, coder B as ``codebook``),
    so :func:`~wpanalysis.coding.agreement.agreement_summary` gives their primary-domain κ and mean
    per-domain κ. *coder_a* has ``id``, ``doc_id``, ``item_seq``, ``split``, ``title``, ``domains``;
    *coder_b* ``id`` and ``domains`` (1–3 ids joined by ``|``, primary first).

    >>> a = pd.DataFrame({"id": ["d1", "d2"], "doc_id": ["x", "x"], "item_seq": [1, 2], "split": ["dev", "heldout"],
    ...                   "title": ["甲", "乙"], "domains": ["teachers|safety", "party"]})
    >>> b = pd.DataFrame({"id": ["d2", "d1"], "domains": ["moral", "teachers"]})
    >>> domain_coders(a, b)[["gold_primary", "codebook_primary", "primary_match", "jaccard"]].values.tolist()
    [['teachers', 'teachers', True, 0.5], ['party', 'moral', False, 0.0]]
    """
    from .agreement import agreement_items

    a = coder_a.assign(primary=coder_a["domains"].astype(str).str.split("|").str[0])
    b = coder_b[["id", "domains"]].merge(a[["id", "doc_id", "item_seq"]], on="id", validate="1:1")
    b = b.assign(primary=b["domains"].astype(str).str.split("|").str[0])
    return agreement_items(a, b[["doc_id", "item_seq", "domains", "primary"]])
