"""The two-dimensional framework of policy-instrument studies: instrument (X) × policy domain (Y).

Each sentence carries its instrument (:mod:`wpanalysis.coding.instruments`, one per sentence)
and its item's primary policy domain (:mod:`wpanalysis.coding.codebook`: domains are coded on
whole items, so every sentence of an item shares the item's domain). From that table:

* :func:`instrument_domain_table` — the X–Y table papers print: counts and shares of each
  instrument type (or sub-instrument) in each domain;
* :func:`plan_instrument_structure` — the instrument structure of each plan (the plan is the unit);
* :func:`group_instrument_shares` — plan-level mean shares per group, with a bootstrap over plans
  where the group has enough plans and ``descriptive only`` where it has not;
* :func:`instrument_examples` — example sentences per instrument, concordance style, with plan and item;
* :func:`codebook_table` and :func:`displayed` — these tables as a notebook shows them in a language
  (codes, fixed words and headers in Chinese for ``"zh"``; the files keep the codes).

No plotting here (``wpanalysis/plots/instruments.py``), no sentences about the corpus
(``wpanalysis/statements/instruments.py``).

Example::

    from wpanalysis import framework
    coded = framework.coded_sentences(sentences, corpus.items)
    framework.instrument_domain_table(coded)
"""

from __future__ import annotations

import re

import pandas as pd

from . import labels
from .coding.codebook import NONE, Codebook, load_codebook, primary_domains
from .coding.instruments import (
    TYPES,
    InstrumentCodebook,
    code_instruments,
    code_sentences,
    instrument_codebook_table,
    load_instrument_codebook,
)
from .compare import LEFT_OUT, bootstrap_ci
from .registry import UNKNOWN, group_values
from .sentences import sentence_table

__all__ = ["CODED_COLUMNS", "corpus_sentences", "coded_sentences", "instrument_domain_table",
           "plan_instrument_structure", "group_instrument_shares", "instrument_examples", "TYPE_ORDER",
           "codebook_table", "evidence_label", "displayed"]

TYPE_ORDER: list[str] = [*TYPES, NONE]
"""Instrument types in display order (``none`` last)."""

CODED_COLUMNS = ["doc_id", "item_seq", "item_number", "sentence", "text", "instrument", "instrument_type", "evidence",
                 "domain"]


def corpus_sentences(corpus: object, book: InstrumentCodebook | None = None,
                     codebook: Codebook | None = None) -> pd.DataFrame:
    """The coded sentences of a loaded corpus (:func:`wpanalysis.build.load_corpus`) with their item's
    domain (:func:`coded_sentences`): the build's ``sentences`` table when the corpus has one, else
    the sentences cut and coded now from its items (same result, without raw offsets)."""
    sentences = getattr(corpus, "sentences", None)
    items = corpus.items  # type: ignore[attr-defined]
    if sentences is None:
        sentences = code_sentences(sentence_table(items), book)
    return coded_sentences(sentences, items, book, codebook)


def coded_sentences(sentences: pd.DataFrame, items: pd.DataFrame, book: InstrumentCodebook | None = None,
                    codebook: Codebook | None = None) -> pd.DataFrame:
    """*sentences* (:func:`wpanalysis.sentences.sentence_table`) with their instrument (coded now,
    unless the table already has ``instrument`` and ``instrument_type``) and their item's primary
    domain (``domain``; ``none`` when the item has none). Columns: those of *sentences* plus
    ``instrument``, ``instrument_type``, ``evidence``, ``domain``.

    >>> items = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "item_number": [1], "title": ["加强师德师风建设"],
    ...                       "body": ["开展教师培训。"]})
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 1], "sentence": [1, 2],
    ...                   "text": ["加强师德师风建设", "开展教师培训。"]})
    >>> coded_sentences(s, items)[["instrument", "instrument_type", "domain"]].values.tolist()
    [['talent', 'supply', 'teachers'], ['talent', 'supply', 'teachers']]
    """
    out = sentences.copy()
    if not {"instrument", "instrument_type"} <= set(out.columns):
        coded = code_instruments(out["text"].reset_index(drop=True), book)
        for column in coded.columns:
            out[column] = coded[column].to_numpy()
    domains = primary_domains(items, codebook or load_codebook()).astype({"doc_id": object})
    out = out.astype({"doc_id": object}).merge(domains, on=["doc_id", "item_seq"], how="left")
    out["domain"] = out["domain"].fillna(NONE)
    return out


def instrument_domain_table(coded: pd.DataFrame, level: str = "instrument_type",
                            codebook: Codebook | None = None, book: InstrumentCodebook | None = None) -> pd.DataFrame:
    """The instrument × domain table: one row per domain × instrument (``level`` =
    ``instrument_type`` or ``instrument``), every combination listed (zeros too), domains in
    codebook order then ``none``, instruments in codebook order then ``none``.

    Columns: ``domain``, ``instrument`` (the type or sub-instrument), ``n`` (sentences),
    ``share_of_domain`` (of the domain's sentences), ``share_of_instrument`` (of the
    instrument's sentences), ``share_of_all``.

    >>> c = pd.DataFrame({"domain": ["teachers", "teachers", "safety"],
    ...                   "instrument_type": ["supply", "environment", "environment"]})
    >>> t = instrument_domain_table(c)
    >>> t[(t["domain"] == "teachers") & (t["n"] > 0)][["instrument", "n", "share_of_domain"]].values.tolist()
    [['supply', 1, 0.5], ['environment', 1, 0.5]]
    """
    if level not in ("instrument_type", "instrument"):
        raise ValueError(f"level must be 'instrument_type' or 'instrument', got {level!r}")
    codebook = codebook or load_codebook()
    book = book or load_instrument_codebook()
    columns = [*book.types, NONE] if level == "instrument_type" else [*book.ids, NONE]
    rows_order = [*codebook.ids, NONE]
    counts = coded.groupby(["domain", level]).size()
    grid = pd.DataFrame([(d, i, int(counts.get((d, i), 0))) for d in rows_order for i in columns],
                        columns=["domain", "instrument", "n"])
    total = grid["n"].sum()
    by_domain = grid.groupby("domain")["n"].transform("sum")
    by_instrument = grid.groupby("instrument")["n"].transform("sum")
    grid["share_of_domain"] = (grid["n"] / by_domain.where(by_domain > 0)).fillna(0.0)
    grid["share_of_instrument"] = (grid["n"] / by_instrument.where(by_instrument > 0)).fillna(0.0)
    grid["share_of_all"] = grid["n"] / total if total else 0.0
    return grid


def plan_instrument_structure(coded: pd.DataFrame, documents: pd.DataFrame | None = None,
                              level: str = "instrument_type", book: InstrumentCodebook | None = None) -> pd.DataFrame:
    """The instrument structure of each plan: one row per plan × instrument (zeros listed).

    Columns: ``doc_id``, ``instrument``, ``n``, ``n_sentences`` (the plan's sentences), ``share``.
    Plans in *documents* order (all plans of *documents*, even those with no sentence: their
    shares are 0), else in order of first appearance.

    >>> c = pd.DataFrame({"doc_id": ["a", "a", "b"], "instrument_type": ["supply", "demand", "supply"]})
    >>> t = plan_instrument_structure(c)
    >>> t[t["doc_id"] == "a"][["instrument", "n", "share"]].values.tolist()
    [['supply', 1, 0.5], ['environment', 0, 0.0], ['demand', 1, 0.5], ['none', 0, 0.0]]
    """
    types = [*book.types, NONE] if book is not None else TYPE_ORDER
    columns = types if level == "instrument_type" else list(dict.fromkeys(coded[level]))
    plans = (documents["doc_id"].astype(object).tolist() if documents is not None
             else list(dict.fromkeys(coded["doc_id"].astype(object))))
    counts = coded.groupby([coded["doc_id"].astype(object), level]).size()
    sizes = coded.groupby(coded["doc_id"].astype(object)).size()
    rows = []
    for doc_id in plans:
        total = int(sizes.get(doc_id, 0))
        for inst in columns:
            n = int(counts.get((doc_id, inst), 0))
            rows.append((doc_id, inst, n, total, n / total if total else 0.0))
    return pd.DataFrame(rows, columns=["doc_id", "instrument", "n", "n_sentences", "share"])


def group_instrument_shares(structure: pd.DataFrame, documents: pd.DataFrame, by: str, min_plans: int = 3,
                            n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Mean plan-level share of each instrument per group of registry column *by* (the plan is the
    unit: each plan counts once, whatever its length), with a percentile bootstrap over the
    group's plans where it has at least *min_plans* plans with sentences; otherwise the interval
    is empty and ``basis`` says ``descriptive only``. Plans whose value of *by* is not recorded
    (``unknown``) or left out are not a group and are left out.

    Columns: ``grouping``, ``group``, ``n_plans``, ``instrument``, ``mean_share``, ``ci_low``,
    ``ci_high``, ``basis`` (``bootstrap over plans`` | ``descriptive only``). Groups largest first.

    >>> s = pd.DataFrame({"doc_id": ["a", "b"], "instrument": ["supply", "supply"], "n_sentences": [2, 4],
    ...                   "share": [0.5, 0.25]})
    >>> d = pd.DataFrame({"doc_id": ["a", "b"], "region": ["east", "east"]})
    >>> group_instrument_shares(s, d, "region")[["group", "n_plans", "mean_share", "basis"]].values.tolist()
    [['east', 2, 0.375, 'descriptive only']]
    """
    groups = group_values(documents, by)
    with_text = structure[structure["n_sentences"] > 0].astype({"doc_id": object})
    table = with_text.assign(group=with_text["doc_id"].map(groups))
    table = table[~table["group"].isin([UNKNOWN, LEFT_OUT]) & table["group"].notna()]
    sizes = table.groupby("group")["doc_id"].nunique().sort_values(ascending=False, kind="stable")
    rows = []
    for group, n_plans in sizes.items():
        part = table[table["group"] == group]
        for inst in dict.fromkeys(part["instrument"]):
            shares = part.loc[part["instrument"] == inst, "share"].to_numpy(dtype=float)
            low = high = float("nan")
            basis = "descriptive only"
            if n_plans >= min_plans:
                ci = bootstrap_ci(shares, [group] * len(shares), n=n_boot, seed=seed).iloc[0]
                low, high, basis = float(ci["ci_low"]), float(ci["ci_high"]), "bootstrap over plans"
            rows.append((by, group, int(n_plans), inst, float(shares.mean()), low, high, basis))
    return pd.DataFrame(rows, columns=["grouping", "group", "n_plans", "instrument", "mean_share", "ci_low", "ci_high",
                                       "basis"])


def instrument_examples(coded: pd.DataFrame, n: int = 3, level: str = "instrument", seed: int = 0,
                        max_chars: int = 60) -> pd.DataFrame:
    """Example sentences per instrument, concordance style: up to *n* per instrument, drawn at
    random (seeded) from different plans where possible. Columns: ``instrument``, ``doc_id``,
    ``item_number``, ``sentence``, ``text`` (cut to *max_chars* with …), ``evidence``.

    >>> c = pd.DataFrame({"doc_id": ["a", "b", "a"], "item_number": [1, 2, 3], "sentence": [1, 1, 1],
    ...                   "text": ["开展教师培训", "培训校长", "新建学校"],
    ...                   "evidence": ["term 培训"] * 2 + ["term 新建"],
    ...                   "instrument": ["talent", "talent", "infrastructure"]})
    >>> instrument_examples(c, n=1)[["instrument", "text"]].values.tolist()
    [['infrastructure', '新建学校'], ['talent', '培训校长']]
    """
    rows = []
    for inst, part in coded.groupby(level, sort=True):
        shuffled = part.sample(frac=1.0, random_state=seed)
        first = shuffled.drop_duplicates("doc_id")
        picks = pd.concat([first, shuffled.drop(first.index)]).head(n)
        for r in picks.itertuples(index=False):
            text = str(r.text)
            rows.append((inst, r.doc_id, r.item_number, int(r.sentence),
                         text if len(text) <= max_chars else text[:max_chars - 1] + "…", r.evidence))
    return pd.DataFrame(rows, columns=["instrument", "doc_id", "item_number", "sentence", "text", "evidence"])


# --------------------------------------------------------------------------- the tables as shown


def codebook_table(book: InstrumentCodebook | None = None, n_terms: int | None = 6, language: str = "en"
                   ) -> pd.DataFrame:
    """The sub-instruments with their first *n_terms* terms as notebook 06 shows them: in ``"en"``
    the type (Chinese), code, Chinese and English names; in ``"zh"`` the type, the name, the code
    and the terms under Chinese headers.

    >>> codebook_table(language="zh").columns.tolist()
    ['工具类型', '子工具', '编码', '词语列表']
    """
    table = instrument_codebook_table(book, n_terms=n_terms)
    if language != "zh":
        return labels.localised(table[["type_zh", "instrument", "zh", "en", "terms"]], language)
    shown = pd.DataFrame({"instrument_type": table["type_zh"], "instrument_name": table["zh"],
                          "instrument_code": table["instrument"], "terms": table["terms"]})
    return labels.localised(shown, language)


def _template_pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching the filled *template* (``{field}`` → a named group)."""
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(p) if k % 2 == 0 else f"(?P<{p}>.+?)" for k, p in enumerate(parts)))


def evidence_label(evidence: object, language: str = "en") -> object:
    """The coder's ``evidence`` (the term or rule that decided a code) in *language*; a text that is
    none of the codebook's forms is shown as it is.

    >>> evidence_label("term 培训", "zh"), evidence_label("rule R6: problem description (不够)", "zh")
    ('词语：培训', '规则 R6：问题描述（不够）')
    >>> evidence_label("rule R6: no act", "en")
    'rule R6: no act'
    """
    if language == "en" or not isinstance(evidence, str):
        return evidence
    forms = labels.load_labels().values["instruments_evidence"]
    for entry in forms.values():
        found = _template_pattern(entry["en"]).fullmatch(evidence)
        if found:
            return entry[language].format(**found.groupdict())
    return evidence


_VOCABULARIES = {"comparison": "instruments_comparison", "level": "instruments_level",
                 "subset": "instruments_subset", "basis": "instruments_basis"}
_INSTRUMENT_COLUMNS = ("instrument", "instrument_type", "category")


def displayed(table: pd.DataFrame, language: str = "en", book: InstrumentCodebook | None = None,
              codebook: Codebook | None = None) -> pd.DataFrame:
    """A table of this module or of :mod:`wpanalysis.coding.validation` as a notebook shows it in
    *language*: in ``"en"`` unchanged; in ``"zh"`` instrument and domain codes (in columns, index and
    a pivot's columns), the validation's and groups' fixed words, the evidence and the group values
    in Chinese, under Chinese headers (:func:`wpanalysis.labels.localised`; ``n`` counts sentences in
    these tables, so it is headed as ``n_sentences``). Written files keep the codes.

    >>> t = pd.DataFrame({"grouping": ["region"], "group": ["east"], "instrument": ["supply"],
    ...                   "basis": ["descriptive only"]})
    >>> displayed(t, "zh").values.tolist()[0], displayed(t, "zh").columns.tolist()
    (['地区', '东部', '供给型', '仅作描述'], ['分组方式', '组', '政策工具', '依据'])
    """
    if language == "en":
        return labels.localised(table, language)
    instruments = (book or load_instrument_codebook()).names(language)
    domains = (codebook or load_codebook()).names(language)

    def rename(name: object, values: pd.Index | pd.Series) -> pd.Index | pd.Series:
        names = instruments if name in _INSTRUMENT_COLUMNS else domains if name == "domain" else None
        return values.map(lambda v: names.get(v, v)) if names is not None else values

    def word(vocabulary: str, v: object) -> object:
        return labels.label(vocabulary, v, language, default=v) if isinstance(v, str) else v

    shown = table.rename(columns={"n": "n_sentences"}) if "n_sentences" not in table.columns else table.copy()
    if "group" in shown and "grouping" in shown:
        shown["group"] = [labels.group_label(str(g), v, language, default=v)
                          for g, v in zip(shown["grouping"], shown["group"])]
    for column in shown.columns:
        if column in _INSTRUMENT_COLUMNS or column == "domain":
            shown[column] = rename(column, shown[column])
        elif column in _VOCABULARIES:
            shown[column] = shown[column].map(lambda v, c=column: word(_VOCABULARIES[c], v))
        elif column == "evidence":
            shown[column] = shown[column].map(lambda v: evidence_label(v, language))
        elif column == "grouping":
            shown[column] = shown[column].map(lambda v: labels.column_label(str(v), language, default=v))
    if shown.index.nlevels == 1 and shown.index.name is not None:
        shown.index = pd.Index(rename(shown.index.name, shown.index), name=shown.index.name)
    if shown.columns.nlevels == 1 and shown.columns.name is not None:
        shown.columns = pd.Index(rename(shown.columns.name, shown.columns), name=shown.columns.name)
    return labels.localised(shown, language)
