"""Compare stage: groups of plans, policy-domain attention, topic prevalence, similarity.

Every function takes the tables of :func:`wpanalysis.corpus.load_corpus` (and, where
words are counted, the token table of :func:`wpanalysis.segment.tokenize_items`) and
returns a tidy :class:`pandas.DataFrame` whose columns its docstring lists. Results about
groups always carry ``n_docs`` and ``n_items`` beside them: with nine plans a "group" is
often one plan.

* **Groups** — any registry column (:data:`GROUP_COLUMNS`: region, admin level, year,
  completeness; province works too). A missing value is the group ``"unknown"``
  (:data:`UNKNOWN`), never dropped: :func:`group_values`, :func:`group_sizes`,
  :func:`registry_groups`.
* **Which text** — :func:`basis_items` is the robustness switch: ``"title"`` (item titles,
  all plans), ``"text"`` (title + body, only plans with body text) or ``"all"`` (each item's
  own text; outline-only plans by their titles — notebook 03's convention).
* **Policy domains** — a codebook of education-policy domains with seed terms
  (``resources/codebook_domains.yaml``): :func:`load_codebook`, :func:`assign_domains`
  (item → 0–3 domains, the first primary), :func:`domain_profile` (share of items per
  domain, per document or group), :func:`domain_rates` (seed-term matches per 10,000
  tokens).
* **Validation** — a hand-coded sample (``data/annotations/domains_gold.csv``):
  :func:`gold_sample` (how it was drawn), :func:`load_gold`, :func:`cohens_kappa`,
  :func:`domain_kappas`, :func:`agreement_summary`, :func:`agreement_items`.
* **Uncertainty** — :func:`bootstrap_ci` (percentile bootstrap of a group mean, over items
  or over documents), :func:`topic_prevalence_by_group`, :func:`project_topics`.
* **Differences and similarity** — :func:`largest_differences`, :func:`doc_similarity`
  (cosine of TF-IDF vectors), :func:`similarity_matrix`, :func:`drop_place_names` (for
  keyness between places, see :func:`wpanalysis.keywords.keyness_groups`).
* **Figures** — :func:`plot_domain_bars`, :func:`plot_domain_heatmap`,
  :func:`plot_prevalence`, :func:`plot_clustermap` return figures; save them with
  :func:`wpanalysis.plots.save_figure`.

Example::

    from wpanalysis import compare, corpus
    documents, items = corpus.load_corpus()
    codebook = compare.load_codebook()
    assigned = compare.assign_domains(items, codebook)            # one row per item × domain
    compare.domain_profile(assigned, documents, by="region")       # share of items per domain

Nothing is printed.
"""

from __future__ import annotations

import math
import re
import textwrap
import warnings
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from . import config
from .plots import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .topics import TopicModel

__all__ = [
    "GROUP_COLUMNS",
    "GROUP_ORDER",
    "UNKNOWN",
    "NONE",
    "BASES",
    "CODEBOOK_PATH",
    "GOLD_PATH",
    "group_values",
    "registry_groups",
    "group_sizes",
    "basis_items",
    "place_names",
    "drop_place_names",
    "Domain",
    "Codebook",
    "load_codebook",
    "codebook_table",
    "drop_terms",
    "match_terms",
    "domain_hits",
    "assign_domains",
    "item_domains",
    "domain_profile",
    "domain_rates",
    "top_domains",
    "largest_differences",
    "differences_by_basis",
    "profile_agreement",
    "cohens_kappa",
    "gold_sample",
    "load_gold",
    "agreement_items",
    "domain_kappas",
    "agreement_summary",
    "bootstrap_ci",
    "topic_prevalence_by_group",
    "project_topics",
    "doc_similarity",
    "similarity_matrix",
    "plot_domain_bars",
    "plot_domain_heatmap",
    "plot_prevalence",
    "plot_keyness_bars",
    "plot_clustermap",
]

GROUP_COLUMNS: tuple[str, ...] = ("region", "admin_level", "year", "completeness")
"""The registry columns notebook 04 groups plans by."""

GROUP_ORDER: dict[str, tuple[str, ...]] = {
    "region": ("east", "central", "west", "northeast"),
    "admin_level": ("province", "city", "county-level city", "county", "district"),
    "completeness": ("full", "partial", "outline-only"),
}
"""Display order of known group values; other values follow sorted, ``unknown`` comes last."""

UNKNOWN = "unknown"
"""The group of documents whose registry value is empty."""

NONE = "none"
"""The pseudo-domain of an item that no seed term matches."""

BASES: tuple[str, ...] = ("all", "text", "title")
"""Which text a comparison reads; see :func:`basis_items`."""

CODEBOOK_PATH = config.RESOURCES_DIR / "codebook_domains.yaml"
GOLD_PATH = config.DATA_DIR / "annotations" / "domains_gold.csv"

_FULL_TEXT = ("full", "partial")


# --------------------------------------------------------------------------- groups


def _group_name(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return UNKNOWN
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text if text else UNKNOWN


def _order_groups(column: str, names: Iterable[str]) -> list[str]:
    preferred = GROUP_ORDER.get(column, ())
    names = set(names)
    known = [n for n in preferred if n in names]
    rest = sorted(n for n in names if n not in preferred and n != UNKNOWN)
    return known + rest + ([UNKNOWN] if UNKNOWN in names else [])


def group_values(documents: pd.DataFrame, by: str) -> pd.Series:
    """Each document's group under registry column *by*, as text, indexed by ``doc_id``.

    Empty values become ``"unknown"``; years become ``"2024"``.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["east", None], "year": [2024, 2025]})
    >>> group_values(docs, "region").tolist(), group_values(docs, "year").tolist()
    (['east', 'unknown'], ['2024', '2025'])
    """
    if by not in documents.columns:
        raise KeyError(f"no registry column {by!r}; columns: {', '.join(map(str, documents.columns))}")
    values = [_group_name(v) for v in documents[by]]
    return pd.Series(values, index=pd.Index(documents["doc_id"].astype(object), name="doc_id"), name=by,
                     dtype=object)


def registry_groups(documents: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """The plans and the groups they fall in: a map-free table, one row per document.

    Columns: ``doc_id``, ``label`` (:func:`wpanalysis.corpus.doc_labels`), ``province``,
    ``region``, ``admin_level``, ``year``, ``completeness`` (an empty registry value shown
    as ``unknown``), ``n_items``, ``n_items_with_body``. Rows in registry order.
    """
    from .corpus import doc_labels

    counts = items.groupby(items["doc_id"].astype(object)).agg(n_items=("item_seq", "size"),
                                                                n_items_with_body=("has_body", "sum"))
    out = pd.DataFrame({"doc_id": documents["doc_id"].astype(object).to_numpy(),
                        "label": doc_labels(documents).to_numpy()})
    for column in ("province", "region", "admin_level", "year", "completeness"):
        out[column] = group_values(documents, column).to_numpy()
    out = out.join(counts, on="doc_id")
    for column in ("n_items", "n_items_with_body"):
        out[column] = out[column].fillna(0).astype("int64")
    return out


def group_sizes(documents: pd.DataFrame, items: pd.DataFrame, by: str | Sequence[str] = GROUP_COLUMNS,
                labels: Mapping[str, str] | pd.Series | None = None) -> pd.DataFrame:
    """Documents and items per group, for one or several registry columns.

    Columns: ``grouping`` (the column), ``group``, ``n_docs``, ``n_items``,
    ``n_items_with_body``, ``documents`` (the members, by *labels* or ``doc_id``, joined by
    ``、``). Groupings in the order given, groups in :data:`GROUP_ORDER` (``unknown`` last).
    Only documents that have items count.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "region": ["east", None, "east"]})
    >>> items = pd.DataFrame({"doc_id": ["a", "a", "b", "c"], "item_seq": [1, 2, 1, 1],
    ...                       "has_body": [True, True, False, True]})
    >>> group_sizes(docs, items, "region")[["group", "n_docs", "n_items"]].values.tolist()
    [['east', 2, 3], ['unknown', 1, 1]]
    """
    columns = [by] if isinstance(by, str) else list(by)
    item_docs = items["doc_id"].astype(object)
    per_doc = items.groupby(item_docs).agg(n_items=("item_seq", "size"), n_body=("has_body", "sum"))
    names = dict(labels) if labels is not None else {}
    rows = []
    for column in columns:
        groups = group_values(documents, column)
        groups = groups[groups.index.isin(per_doc.index)]
        for group in _order_groups(column, groups.unique()):
            members = groups.index[groups == group].tolist()
            rows.append({"grouping": column, "group": group, "n_docs": len(members),
                         "n_items": int(per_doc.loc[members, "n_items"].sum()),
                         "n_items_with_body": int(per_doc.loc[members, "n_body"].sum()),
                         "documents": "、".join(str(names.get(d, d)) for d in members)})
    return pd.DataFrame(rows, columns=["grouping", "group", "n_docs", "n_items", "n_items_with_body", "documents"])


def basis_items(items: pd.DataFrame, documents: pd.DataFrame, basis: Literal["all", "text", "title"] = "all"
                ) -> pd.DataFrame:
    """The items a comparison reads, with the text it reads in ``text`` — the robustness switch.

    * ``"title"`` — every item of every plan, ``text`` replaced by the item's title (``body``
      emptied): the only text all nine plans have, so every plan is measured alike.
    * ``"text"`` — the items of plans with body text (completeness ``full`` or ``partial``),
      title + body; outline-only plans are left out.
    * ``"all"`` — every item with its own text: title + body where there is a body, the
      title alone for title-only items (notebook 03's ``outline_items="titles"``).

    A column ``basis`` records the choice. Rows keep the order of *items*.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "completeness": ["full", "outline-only"]})
    >>> items = pd.DataFrame({"doc_id": ["a", "b"], "item_seq": [1, 1], "title": ["落实双减", "强化安全"],
    ...                       "body": ["减轻作业负担", ""], "text": ["落实双减。减轻作业负担", "强化安全"],
    ...                       "has_body": [True, False]})
    >>> basis_items(items, docs, "title")["text"].tolist(), basis_items(items, docs, "text")["doc_id"].tolist()
    (['落实双减', '强化安全'], ['a'])
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, got {basis!r}")
    if basis == "text":
        keep = documents.loc[documents["completeness"].isin(_FULL_TEXT), "doc_id"].astype(object)
        out = items[items["doc_id"].astype(object).isin(set(keep))].copy()
    else:
        out = items.copy()
    if basis == "title":
        out["text"] = out["title"].fillna("").astype(str)
        out["body"] = ""
    out["basis"] = basis
    return out.reset_index(drop=True)


def place_names(documents: pd.DataFrame) -> frozenset[str]:
    """The registry's place names (province, city, county) with and without their suffix.

    >>> sorted(place_names(pd.DataFrame({"province": ["广东省"], "city": ["深圳市"], "county": [None]})))
    ['广东', '广东省', '深圳', '深圳市']
    """
    suffix = re.compile(r"(特别行政区|自治区|自治州|自治县|地区|省|市|县|区)$")
    names: set[str] = set()
    for column in ("province", "city", "county"):
        if column not in documents.columns:
            continue
        for value in documents[column]:
            if isinstance(value, str) and value.strip():
                names.add(value.strip())
                short = suffix.sub("", value.strip())
                if len(short) >= 2:
                    names.add(short)
    return frozenset(names)


def drop_place_names(tokens: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """*tokens* without the tokens that are, or begin with, a registry place name (宁波, 河源市, 深汕…).

    Place names are the most "key" words of any local plan and say nothing about policy;
    drop them before keyness between places. Tokens that merely contain a place name
    further in (全省) are kept.

    >>> docs = pd.DataFrame({"province": ["浙江省"], "city": ["宁波市"], "county": [None]})
    >>> t = pd.DataFrame({"token": ["宁波", "宁波市", "教育", "浙江"]})
    >>> drop_place_names(t, docs)["token"].tolist()
    ['教育']
    """
    names = sorted(place_names(documents), key=len, reverse=True)
    if not names:
        return tokens.reset_index(drop=True)
    pattern = re.compile("^(?:" + "|".join(map(re.escape, names)) + ")")
    keep = ~tokens["token"].astype(str).map(lambda t: bool(pattern.match(t)))
    return tokens[keep.to_numpy()].reset_index(drop=True)


# --------------------------------------------------------------------------- the codebook


@dataclass(frozen=True)
class Domain:
    """One policy domain of the codebook: ``id``, Chinese name ``zh``, English name ``en``,
    ``description`` and the ``seed_terms`` matched on the item text."""

    id: str
    zh: str
    en: str
    description: str
    seed_terms: tuple[str, ...]


@dataclass(frozen=True)
class Codebook:
    """The domains (in file order), the ``ignore`` phrases and the assignment settings."""

    version: int | str
    domains: tuple[Domain, ...]
    ignore: tuple[str, ...] = ()
    title_weight: float = 2.0
    min_score: float = 1.0
    min_share: float = 0.34
    max_domains: int = 3
    source: str = field(default="", compare=False)

    @property
    def ids(self) -> list[str]:
        """Domain ids in codebook order."""
        return [d.id for d in self.domains]

    def names(self, lang: Literal["zh", "en"] = "zh") -> dict[str, str]:
        """``{id: name}`` in the chosen language, plus ``none``."""
        out = {d.id: getattr(d, lang) for d in self.domains}
        out[NONE] = "未归类" if lang == "zh" else "none"
        return out

    @cached_property
    def term_domain(self) -> dict[str, str | None]:
        """Every seed term → its domain id; every ignore phrase → None."""
        table: dict[str, str | None] = {t: None for t in self.ignore}
        for d in self.domains:
            for t in d.seed_terms:
                table[t] = d.id
        return table

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """One regular expression of all terms, longest first (leftmost-longest matching)."""
        terms = sorted(self.term_domain, key=lambda t: (-len(t), t))
        return re.compile("|".join(map(re.escape, terms)))


def load_codebook(path: str | Path = CODEBOOK_PATH) -> Codebook:
    """Read and check the domain codebook (YAML; see the header of ``codebook_domains.yaml``).

    Checks: unique lower-case ids, every domain named and described, seed terms of two or
    more characters, no term under two domains or under a domain and ``ignore``.

    >>> codebook = load_codebook()
    >>> codebook.ids[:3], len(codebook.domains)
    (['party', 'moral', 'health_pe_arts_labour'], 16)
    """
    import yaml

    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    settings = data.get("assignment") or {}
    domains, owner, problems = [], {}, []
    ignore = tuple(str(t) for t in data.get("ignore") or ())
    for t in ignore:
        owner[t] = "ignore"
    for entry in data.get("domains") or []:
        did = str(entry.get("id", ""))
        if not re.fullmatch(r"[a-z][a-z_]*", did) or did == NONE:
            problems.append(f"bad domain id {did!r}")
        for key in ("zh", "en", "description"):
            if not str(entry.get(key) or "").strip():
                problems.append(f"domain {did!r} has no {key}")
        terms = tuple(str(t).strip() for t in entry.get("seed_terms") or ())
        if not terms:
            problems.append(f"domain {did!r} has no seed terms")
        for t in terms:
            if len(t) < 2:
                problems.append(f"seed term {t!r} of {did!r} is shorter than two characters")
            if t in owner and owner[t] != did:
                problems.append(f"seed term {t!r} is under both {owner[t]!r} and {did!r}")
            owner[t] = did
        domains.append(Domain(did, str(entry.get("zh", "")), str(entry.get("en", "")),
                              " ".join(str(entry.get("description", "")).split()), tuple(dict.fromkeys(terms))))
    ids = [d.id for d in domains]
    if len(set(ids)) != len(ids):
        problems.append("domain ids repeat: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))
    if not domains:
        problems.append("no domains")
    if problems:
        raise ValueError(f"{path.name}: " + "; ".join(problems))
    return Codebook(version=data.get("version", ""), domains=tuple(domains), ignore=ignore,
                    title_weight=float(settings.get("title_weight", 2.0)),
                    min_score=float(settings.get("min_score", 1.0)),
                    min_share=float(settings.get("min_share", 0.34)),
                    max_domains=int(settings.get("max_domains", 3)), source=path.name)


def codebook_table(codebook: Codebook, n_terms: int | None = 8) -> pd.DataFrame:
    """One row per domain: ``domain``, ``zh``, ``en``, ``n_terms``, ``seed_terms`` (the
    first *n_terms*, joined by 、), ``description``.

    >>> codebook_table(load_codebook()).loc[0, ["domain", "zh"]].tolist()
    ['party', '党建与意识形态']
    """
    rows = [{"domain": d.id, "zh": d.zh, "en": d.en, "n_terms": len(d.seed_terms),
             "seed_terms": "、".join(d.seed_terms[:n_terms] if n_terms else d.seed_terms)
             + ("…" if n_terms and len(d.seed_terms) > n_terms else ""),
             "description": d.description} for d in codebook.domains]
    return pd.DataFrame(rows, columns=["domain", "zh", "en", "n_terms", "seed_terms", "description"])


def drop_terms(codebook: Codebook, terms: Iterable[str]) -> Codebook:
    """A copy of *codebook* without the seed terms *terms* (for sensitivity checks).

    >>> smaller = drop_terms(load_codebook(), ["双减"])
    >>> "双减" in smaller.term_domain, "双减" in load_codebook().term_domain
    (False, True)
    """
    from dataclasses import replace

    drop = set(terms)
    return replace(codebook, domains=tuple(replace(d, seed_terms=tuple(t for t in d.seed_terms if t not in drop))
                                           for d in codebook.domains))


def match_terms(text: str, codebook: Codebook) -> list[tuple[str | None, str, int]]:
    """The seed terms found in *text*: ``(domain, term, start)``, leftmost-longest, non-overlapping.

    ``domain`` is None for an ``ignore`` phrase.

    >>> [(d, t) for d, t, _ in match_terms("筑牢网络安全防线,强化校园安全", load_codebook())]
    [('digital', '网络安全'), ('safety', '安全')]
    """
    if not isinstance(text, str) or not text:
        return []
    term_domain = codebook.term_domain
    return [(term_domain[m.group()], m.group(), m.start()) for m in codebook.pattern.finditer(text)]


HIT_COLUMNS = ["doc_id", "item_seq", "domain", "hits_title", "hits_body", "hits", "score", "first", "terms"]


def domain_hits(items: pd.DataFrame, codebook: Codebook | None = None,
                text: Literal["text", "title"] = "text") -> pd.DataFrame:
    """Seed-term matches per item and domain (every domain with at least one match).

    ``text="text"`` reads the title and the body (``body`` column; a title-only item has
    none), ``"title"`` the title only. Columns: ``doc_id``, ``item_seq``, ``domain``,
    ``hits_title``, ``hits_body``, ``hits`` (their sum), ``score`` (``title_weight`` ×
    title matches + body matches), ``first`` (position of the first match, title first),
    ``terms`` (the distinct terms matched, in order, joined by 、).

    >>> items = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "title": ["落实双减"],
    ...                       "body": ["减轻作业负担,规范校外培训"]})
    >>> domain_hits(items)[["domain", "hits_title", "hits_body", "score"]].values.tolist()
    [['livelihood', 1, 2, 4.0]]
    """
    codebook = codebook or load_codebook()
    if text not in ("text", "title"):
        raise ValueError(f"text must be 'text' or 'title', got {text!r}")
    titles = items["title"].fillna("").astype(str).tolist()
    bodies = items["body"].fillna("").astype(str).tolist() if text == "text" and "body" in items else [""] * len(items)
    rows = []
    for doc_id, seq, title, body in zip(items["doc_id"].astype(object), items["item_seq"], titles, bodies):
        found: dict[str, dict[str, Any]] = {}
        offset = len(title) + 1
        for part, matches in (("title", match_terms(title, codebook)), ("body", match_terms(body, codebook))):
            for domain, term, start in matches:
                if domain is None:
                    continue
                entry = found.setdefault(domain, {"hits_title": 0, "hits_body": 0, "first": None, "terms": []})
                entry[f"hits_{part}"] += 1
                pos = start if part == "title" else offset + start
                entry["first"] = pos if entry["first"] is None else min(entry["first"], pos)
                if term not in entry["terms"]:
                    entry["terms"].append(term)
        for domain, e in found.items():
            rows.append((doc_id, int(seq), domain, e["hits_title"], e["hits_body"], e["hits_title"] + e["hits_body"],
                         codebook.title_weight * e["hits_title"] + e["hits_body"], e["first"], "、".join(e["terms"])))
    return pd.DataFrame(rows, columns=HIT_COLUMNS)


ASSIGN_COLUMNS = ["doc_id", "item_seq", "item_number", "domain", "rank", "primary", "score", "hits", "terms", "weight"]


def assign_domains(items: pd.DataFrame, codebook: Codebook | None = None,
                   text: Literal["text", "title"] = "text") -> pd.DataFrame:
    """Each item's policy domains by the codebook: one row per item × assigned domain.

    An item gets the domains whose score (see :func:`domain_hits`) is at least the
    codebook's ``min_score`` and at least ``min_share`` of its best domain's score, at most
    ``max_domains``, ranked by score (ties: first match, then codebook order). An item that
    no seed term matches gets one row with domain ``none``. Columns: ``doc_id``,
    ``item_seq``, ``item_number``, ``domain``, ``rank`` (1 = primary), ``primary``,
    ``score``, ``hits``, ``terms``, ``weight`` (1 / the item's number of domains, so the
    weights of an item sum to 1). Rows follow *items*, then rank.

    >>> items = pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 2], "item_number": [1, 2],
    ...                       "title": ["加强师德师风建设", "做好综合协调"], "body": ["", ""]})
    >>> assign_domains(items)[["item_seq", "domain", "primary"]].values.tolist()
    [[1, 'teachers', True], [2, 'none', True]]
    """
    codebook = codebook or load_codebook()
    hits = domain_hits(items, codebook, text)
    order = {d: k for k, d in enumerate(codebook.ids)}
    by_item: dict[tuple[object, int], list[tuple]] = {}
    for row in hits.itertuples(index=False):
        by_item.setdefault((row.doc_id, row.item_seq), []).append(row)
    numbers = items["item_number"] if "item_number" in items else items["item_seq"]
    rows = []
    for doc_id, seq, number in zip(items["doc_id"].astype(object), items["item_seq"], numbers):
        found = sorted(by_item.get((doc_id, int(seq)), []), key=lambda r: (-r.score, r.first, order[r.domain]))
        best = found[0].score if found else 0.0
        kept = [r for r in found if r.score >= codebook.min_score and r.score >= codebook.min_share * best]
        kept = kept[:codebook.max_domains]
        if not kept:
            rows.append((doc_id, int(seq), number, NONE, 1, True, 0.0, 0, "", 1.0))
            continue
        for rank, r in enumerate(kept, start=1):
            rows.append((doc_id, int(seq), number, r.domain, rank, rank == 1, float(r.score), int(r.hits), r.terms,
                         1.0 / len(kept)))
    return pd.DataFrame(rows, columns=ASSIGN_COLUMNS)


def item_domains(assignments: pd.DataFrame) -> pd.DataFrame:
    """One row per item: ``doc_id``, ``item_seq``, ``domains`` (ids joined by ``|``, primary
    first; ``none`` when unassigned), ``primary``.

    >>> a = pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 1], "domain": ["teachers", "safety"], "rank": [1, 2]})
    >>> item_domains(a).values.tolist()
    [['a', 1, 'teachers|safety', 'teachers']]
    """
    ordered = assignments.sort_values(["doc_id", "item_seq", "rank"], kind="stable")
    grouped = ordered.groupby(["doc_id", "item_seq"], sort=True)["domain"]
    out = grouped.agg(lambda s: "|".join(s)).rename("domains").reset_index()
    out["primary"] = grouped.first().to_numpy()
    return out


PROFILE_COLUMNS = ["grouping", "group", "n_docs", "n_items", "domain", "zh", "n_items_domain", "share_any", "share",
                   "share_primary"]


def domain_profile(assignments: pd.DataFrame, documents: pd.DataFrame, by: str | Sequence[str] = "doc_id",
                   codebook: Codebook | None = None) -> pd.DataFrame:
    """Attention by domain: the share of items per domain, per document or per group.

    *by* is ``"doc_id"`` or registry columns (one or several; empty values form the group
    ``unknown``). For every group and every domain (``none`` included, zeros kept):

    * ``share`` — the items' domain weights summed and divided by ``n_items`` (an item
      with two domains gives each a half): **sums to 1 per group**, so it can be stacked;
    * ``share_any`` — the share of items that have the domain among their domains (does
      not sum to 1: an item counts for each of its domains);
    * ``share_primary`` — the share of items whose primary domain it is (sums to 1).

    Columns: ``grouping``, ``group``, ``n_docs``, ``n_items``, ``domain``, ``zh``,
    ``n_items_domain``, ``share_any``, ``share``, ``share_primary``. Groups are measured
    on the items of *assignments* only; a group's items are pooled, so a long plan weighs
    more than a short one in its group.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "region": ["east"]})
    >>> a = pd.DataFrame({"doc_id": ["a", "a", "a"], "item_seq": [1, 1, 2], "domain": ["teachers", "safety", "safety"],
    ...                   "rank": [1, 2, 1], "primary": [True, False, True], "weight": [0.5, 0.5, 1.0]})
    >>> p = domain_profile(a, docs, "region").set_index("domain")
    >>> p.loc["safety", ["share", "share_any", "share_primary"]].tolist()
    [0.75, 1.0, 0.5]
    """
    codebook = codebook or load_codebook()
    columns = [by] if isinstance(by, str) else list(by)
    names = codebook.names("zh")
    domains = [*codebook.ids, NONE]
    a = assignments.assign(doc_id=assignments["doc_id"].astype(object))
    n_by_doc = a.groupby("doc_id")["item_seq"].nunique()
    frames = []
    for column in columns:
        groups, order = _groups_for(documents, column, n_by_doc.index)
        g = a.assign(group=a["doc_id"].map(groups))
        weight = g.groupby(["group", "domain"])["weight"].sum()
        anyd = g.groupby(["group", "domain"])["item_seq"].size()
        prim = g[g["primary"]].groupby(["group", "domain"])["item_seq"].size()
        for group in order:
            members = groups.index[groups == group]
            n_items = int(n_by_doc.loc[members].sum())
            for domain in domains:
                key = (group, domain)
                n_dom = int(anyd.get(key, 0))
                frames.append((column, group, len(members), n_items, domain, names.get(domain, domain), n_dom,
                               n_dom / n_items if n_items else math.nan,
                               float(weight.get(key, 0.0)) / n_items if n_items else math.nan,
                               int(prim.get(key, 0)) / n_items if n_items else math.nan))
    return pd.DataFrame(frames, columns=PROFILE_COLUMNS)


def _groups_for(documents: pd.DataFrame, column: str, present: pd.Index) -> tuple[pd.Series, list]:
    """doc_id → group of the documents in *present*, and the groups in display order
    (grouping by ``doc_id`` keeps each document apart, in registry order)."""
    if column == "doc_id":
        groups = pd.Series(present, index=present, dtype=object)
        return groups, [d for d in documents["doc_id"].astype(object) if d in present]
    groups = group_values(documents, column)
    groups = groups[groups.index.isin(present)]
    return groups, _order_groups(column, groups.unique())


def domain_rates(hits: pd.DataFrame, tokens: pd.DataFrame, documents: pd.DataFrame, by: str = "doc_id",
                 codebook: Codebook | None = None) -> pd.DataFrame:
    """Seed-term matches per 10,000 tokens, per group and domain — a length-free measure.

    *hits* is :func:`domain_hits`'s table, *tokens* the token table of the same items
    (which layers to count is the caller's choice; the notebook counts words, punctuation
    and numbers removed). Columns: ``grouping``, ``group``, ``n_docs``, ``n_tokens``,
    ``domain``, ``zh``, ``hits``, ``per_10k``.

    >>> docs = pd.DataFrame({"doc_id": ["a"], "region": ["east"]})
    >>> h = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "domain": ["safety"], "hits": [2]})
    >>> t = pd.DataFrame({"doc_id": ["a"] * 40, "token": ["安全"] * 40})
    >>> domain_rates(h, t, docs, "region").set_index("domain").loc["safety", "per_10k"]
    np.float64(500.0)
    """
    codebook = codebook or load_codebook()
    names = codebook.names("zh")
    n_tok = tokens.groupby(tokens["doc_id"].astype(object)).size()
    groups, order = _groups_for(documents, by, n_tok.index)
    h = hits.assign(group=hits["doc_id"].astype(object).map(groups))
    sums = h.groupby(["group", "domain"])["hits"].sum()
    rows = []
    for group in order:
        members = groups.index[groups == group]
        total = int(n_tok.loc[members].sum())
        for domain in codebook.ids:
            n = int(sums.get((group, domain), 0))
            rate = n / total * 10_000 if total else 0.0
            rows.append((by, group, len(members), total, domain, names[domain], n, rate))
    return pd.DataFrame(rows, columns=["grouping", "group", "n_docs", "n_tokens", "domain", "zh", "hits", "per_10k"])


def top_domains(profile: pd.DataFrame, n: int = 3, value: str = "share") -> pd.DataFrame:
    """The *n* largest named domains (``none`` left out) of each group of a :func:`domain_profile`.

    Columns: those of *profile* plus ``rank`` (1 = largest *value*; ties in codebook
    order). Groups keep their order in *profile*.

    >>> p = pd.DataFrame({"grouping": "doc_id", "group": ["d"] * 3, "domain": ["x", "y", "none"],
    ...                   "share": [0.2, 0.5, 0.3]})
    >>> top_domains(p, n=1)[["group", "domain", "rank"]].values.tolist()
    [['d', 'y', 1]]
    """
    named = profile[profile["domain"] != NONE]
    order = {g: k for k, g in enumerate(dict.fromkeys(zip(named["grouping"], named["group"])))}
    ranked = named.assign(_g=[order[k] for k in zip(named["grouping"], named["group"])])
    ranked = ranked.sort_values(["_g", value], ascending=[True, False], kind="stable")
    ranked["rank"] = ranked.groupby("_g").cumcount() + 1
    return ranked[ranked["rank"] <= n].drop(columns="_g").reset_index(drop=True)


def largest_differences(table: pd.DataFrame, value: str = "share", key: str = "domain", n: int | None = 10,
                        exclude: Sequence[str] = (UNKNOWN,)) -> pd.DataFrame:
    """The largest differences of *value* between two groups of the same grouping.

    *table* is long, with ``grouping``, ``group``, ``n_docs``, ``n_items`` and the *key*
    (``domain``, ``topic`` …) columns (:func:`domain_profile`,
    :func:`topic_prevalence_by_group`). Every pair of groups of each grouping is compared
    on every key, groups in *exclude* left out. Columns: ``grouping``, ``group_a``,
    ``group_b``, ``n_docs_a``, ``n_docs_b``, ``n_items_a``, ``n_items_b``, *key*,
    ``value_a``, ``value_b``, ``diff`` (a − b); sorted by the absolute difference, the
    *n* largest (all when *n* is None).

    >>> t = pd.DataFrame({"grouping": ["region"] * 4, "group": ["east", "east", "central", "central"],
    ...                   "n_docs": [5, 5, 1, 1], "n_items": [50, 50, 9, 9], "domain": ["a", "b", "a", "b"],
    ...                   "share": [0.5, 0.5, 0.2, 0.8]})
    >>> largest_differences(t, n=1)[["group_a", "group_b", "domain", "diff"]].values.tolist()
    [['east', 'central', 'a', 0.3]]
    """
    rows = []
    for grouping, part in table.groupby("grouping", sort=False):
        groups = [g for g in pd.unique(part["group"]) if g not in set(exclude)]
        indexed = part.set_index(["group", key])
        sizes = part.drop_duplicates("group").set_index("group")
        for ga, gb in combinations(groups, 2):
            for k in pd.unique(part[key]):
                va, vb = indexed[value].get((ga, k)), indexed[value].get((gb, k))
                if va is None or vb is None or pd.isna(va) or pd.isna(vb):
                    continue
                rows.append((grouping, ga, gb, int(sizes.loc[ga, "n_docs"]), int(sizes.loc[gb, "n_docs"]),
                             int(sizes.loc[ga, "n_items"]), int(sizes.loc[gb, "n_items"]), k, float(va), float(vb),
                             round(float(va) - float(vb), 12)))
    out = pd.DataFrame(rows, columns=["grouping", "group_a", "group_b", "n_docs_a", "n_docs_b", "n_items_a",
                                      "n_items_b", key, "value_a", "value_b", "diff"])
    out = out.assign(_abs=out["diff"].abs()).sort_values(["_abs", "grouping", "group_a", "group_b"],
                                                          ascending=[False, True, True, True], kind="stable")
    out = out.drop(columns="_abs").reset_index(drop=True)
    return out if n is None else out.head(n)


def differences_by_basis(tables: Mapping[str, pd.DataFrame], value: str = "share", key: str = "domain",
                         n: int | None = 10, exclude: Sequence[str] = (UNKNOWN,),
                         exclude_keys: Sequence[object] = (NONE,)) -> pd.DataFrame:
    """The same group differences measured on several bases (e.g. ``all``, ``title``, ``text``).

    *tables* maps a basis name to a long table as :func:`largest_differences` takes. The
    pairs and keys are ranked by the absolute difference on the **first** basis; the
    differences on the others are looked up (missing when a basis lacks one of the groups,
    e.g. outline-only plans on the ``text`` basis). Columns: ``grouping``, ``group_a``,
    ``group_b``, *key*, one ``diff_<basis>`` per basis, ``same_sign`` (True when every
    available difference has the sign of the first), ``n_bases`` (bases with the pair).
    Keys in *exclude_keys* (default ``none``) are left out.

    >>> t = pd.DataFrame({"grouping": ["r"] * 4, "group": ["a", "a", "b", "b"], "n_docs": [1] * 4,
    ...                   "n_items": [5] * 4, "domain": ["x", "y", "x", "y"], "share": [0.6, 0.4, 0.2, 0.8]})
    >>> u = t.assign(share=[0.5, 0.5, 0.4, 0.6])
    >>> both = differences_by_basis({"all": t, "title": u}, n=1)
    >>> both[["domain", "diff_all", "diff_title", "same_sign"]].values.tolist()
    [['x', 0.4, 0.1, True]]
    """
    names = list(tables)
    if not names:
        raise ValueError("no tables given")
    keys = ["grouping", "group_a", "group_b", key]
    merged = None
    for name in names:
        table = tables[name]
        table = table[~table[key].isin(list(exclude_keys))]
        diffs = largest_differences(table, value=value, key=key, n=None, exclude=exclude)[[*keys, "diff"]]
        diffs = diffs.rename(columns={"diff": f"diff_{name}"})
        merged = diffs if merged is None else merged.merge(diffs, on=keys, how="left")
    first = merged[f"diff_{names[0]}"]
    others = merged[[f"diff_{b}" for b in names[1:]]]
    same = np.ones(len(merged), dtype=bool)
    for column in others.columns:
        same &= others[column].isna().to_numpy() | (np.sign(others[column]) == np.sign(first)).to_numpy()
    merged["same_sign"] = same
    merged["n_bases"] = 1 + others.notna().sum(axis=1).to_numpy()
    merged = merged.assign(_abs=first.abs()).sort_values(["_abs", "grouping", "group_a", "group_b"],
                                                         ascending=[False, True, True, True], kind="stable")
    merged = merged.drop(columns="_abs").reset_index(drop=True)
    return merged if n is None else merged.head(n)


def profile_agreement(first: pd.DataFrame, second: pd.DataFrame, names: tuple[str, str] = ("text", "title"),
                      value: str = "share") -> pd.DataFrame:
    """How alike two domain profiles of the same groups are (e.g. read from full texts and from titles).

    *first* and *second* are :func:`domain_profile` tables; only groups in both count.
    Coverage and attention are kept apart: ``r`` is the Pearson correlation of *value* over
    the named domains (``none`` left out, so items a reading cannot place do not count as
    disagreement about where attention goes), and ``none_<name>`` is each reading's share
    of ``none``. Columns: ``grouping``, ``group``, ``r``, ``top_<name>`` for each (the
    Chinese name of the largest named domain), ``same_top``, ``none_<name>`` for each.
    Groups in the order of *first*.

    >>> a = pd.DataFrame({"grouping": "doc_id", "group": "d", "domain": ["x", "y", "z", "none"],
    ...                   "zh": ["甲", "乙", "丙", "无"], "share": [0.6, 0.3, 0.1, 0.0]})
    >>> b = a.assign(share=[0.4, 0.3, 0.1, 0.2])
    >>> profile_agreement(a, b)[["r", "top_text", "same_top", "none_title"]].round(3).values.tolist()
    [[0.954, '甲', True, 0.2]]
    """
    keys = ["grouping", "group", "domain"]
    joined = first.merge(second[[*keys, value]], on=keys, suffixes=("_a", "_b"))
    rows = []
    for (grouping, group), part in joined.groupby(["grouping", "group"], sort=False):
        named = part[part["domain"] != NONE]
        none = part[part["domain"] == NONE]
        tops = [str(named.sort_values(f"{value}_{s}", ascending=False, kind="stable")["zh"].iloc[0]) for s in "ab"]
        nones = [float(none[f"{value}_{s}"].sum()) for s in "ab"]
        rows.append((grouping, group, float(named[f"{value}_a"].corr(named[f"{value}_b"])), tops[0], tops[1],
                     tops[0] == tops[1], nones[0], nones[1]))
    return pd.DataFrame(rows, columns=["grouping", "group", "r", f"top_{names[0]}", f"top_{names[1]}", "same_top",
                                       f"none_{names[0]}", f"none_{names[1]}"])


# --------------------------------------------------------------------------- agreement


def cohens_kappa(a: Sequence[object], b: Sequence[object]) -> float:
    """Cohen's kappa of two codings of the same items: (p_o − p_e) / (1 − p_e).

    p_o is the share of items coded alike, p_e the agreement expected by chance from each
    coder's own category shares. Returns NaN when p_e = 1 (both coders put every item in
    the same single category: agreement beyond chance is undefined).

    A hand-made example, 50 items coded yes/no: both yes 20, both no 15, only A yes 5,
    only B yes 10. p_o = 35/50 = 0.7; A says yes 25/50, B 30/50, so
    p_e = 0.5·0.6 + 0.5·0.4 = 0.5 and κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.

    >>> a = ["y"] * 20 + ["n"] * 15 + ["y"] * 5 + ["n"] * 10
    >>> b = ["y"] * 20 + ["n"] * 15 + ["n"] * 5 + ["y"] * 10
    >>> round(cohens_kappa(a, b), 6)
    0.4
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"the two codings differ in length ({len(a)} and {len(b)})")
    if not a:
        return math.nan
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    categories = set(a) | set(b)
    p_e = sum((a.count(c) / n) * (b.count(c) / n) for c in categories)
    if math.isclose(p_e, 1.0):
        return math.nan
    return (p_o - p_e) / (1 - p_e)


def gold_sample(items: pd.DataFrame, n_per_doc: int = 8, seed: int = 0) -> pd.DataFrame:
    """The stratified random sample of items that was hand-coded (``domains_gold.csv``).

    For each document in ``doc_id`` order, *n_per_doc* of its items (all, if it has fewer)
    are drawn without replacement by one ``numpy.random.default_rng(seed)``; the first half
    of each document's draws is the ``dev`` split, the rest ``heldout``. Columns: ``doc_id``,
    ``item_seq``, ``item_number``, ``split``, ``basis`` (``title+body``, or ``title`` for a
    title-only item), ``title``; sorted by ``doc_id``, ``item_seq``.

    >>> items = pd.DataFrame({"doc_id": ["a"] * 4, "item_seq": [1, 2, 3, 4], "item_number": [1, 2, 3, 4],
    ...                       "title": list("甲乙丙丁"), "has_body": [True] * 4})
    >>> gold_sample(items, n_per_doc=2)["split"].tolist()
    ['dev', 'heldout']
    """
    rng = np.random.default_rng(seed)
    rows = []
    docs = items.assign(doc_id=items["doc_id"].astype(object))
    for doc_id in sorted(docs["doc_id"].unique()):
        part = docs[docs["doc_id"] == doc_id].sort_values("item_seq").reset_index(drop=True)
        size = min(n_per_doc, len(part))
        picks = rng.choice(len(part), size=size, replace=False)
        for k, p in enumerate(picks):
            r = part.iloc[int(p)]
            rows.append((doc_id, int(r["item_seq"]), int(r["item_number"]), "dev" if k < size // 2 else "heldout",
                         "title+body" if bool(r["has_body"]) else "title", str(r["title"])))
    out = pd.DataFrame(rows, columns=["doc_id", "item_seq", "item_number", "split", "basis", "title"])
    return out.sort_values(["doc_id", "item_seq"]).reset_index(drop=True)


def load_gold(path: str | Path = GOLD_PATH) -> pd.DataFrame:
    """The hand-coded sample: ``doc_id``, ``item_seq``, ``item_number``, ``split``, ``basis``,
    ``title``, ``domains`` (1–3 ids joined by ``|``, primary first), ``primary``, ``notes``.

    >>> gold = load_gold()
    >>> len(gold), sorted(gold["split"].unique())
    (72, ['dev', 'heldout'])
    """
    gold = pd.read_csv(path, encoding="utf-8", dtype={"doc_id": object, "domains": object, "primary": object,
                                                       "notes": object, "title": object, "split": object})
    gold["notes"] = gold["notes"].fillna("")
    return gold


def _split_set(value: str) -> set[str]:
    return {v for v in str(value).split("|") if v and v != NONE}


def agreement_items(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Gold and codebook domains side by side, one row per gold item.

    *predicted* is :func:`item_domains` of the codebook's assignments (items missing from
    it count as ``none``). Columns: ``doc_id``, ``item_seq``, ``split``, ``title``,
    ``gold``, ``codebook`` (ids joined by ``|``), ``gold_primary``, ``codebook_primary``,
    ``primary_match``, ``jaccard`` (shared domains / domains in either).

    >>> g = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "split": ["dev"], "title": ["x"],
    ...                   "domains": ["teachers|safety"], "primary": ["teachers"]})
    >>> p = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "domains": ["teachers"], "primary": ["teachers"]})
    >>> agreement_items(g, p)[["primary_match", "jaccard"]].values.tolist()
    [[True, 0.5]]
    """
    pred = predicted.assign(doc_id=predicted["doc_id"].astype(object)).set_index(["doc_id", "item_seq"])
    rows = []
    for r in gold.itertuples(index=False):
        key = (r.doc_id, int(r.item_seq))
        p_domains = pred["domains"].get(key, NONE)
        p_primary = pred["primary"].get(key, NONE)
        sa, sb = _split_set(r.domains), _split_set(p_domains)
        union = sa | sb
        rows.append((r.doc_id, int(r.item_seq), getattr(r, "split", ""), getattr(r, "title", ""), r.domains,
                     p_domains, r.primary, p_primary, r.primary == p_primary,
                     len(sa & sb) / len(union) if union else 1.0))
    return pd.DataFrame(rows, columns=["doc_id", "item_seq", "split", "title", "gold", "codebook", "gold_primary",
                                       "codebook_primary", "primary_match", "jaccard"])


def domain_kappas(agreement: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Per-domain agreement: for each domain, the binary coding "has this domain" (gold vs codebook).

    *agreement* is :func:`agreement_items`' table. Columns: ``domain``, ``zh``, ``n_gold``,
    ``n_codebook``, ``n_both`` (items with the domain in gold, in the codebook, in both),
    ``agreement`` (share of items coded alike), ``kappa`` (NaN when neither side ever uses
    the domain).

    >>> ag = pd.DataFrame({"gold": ["teachers", "safety", "teachers"], "codebook": ["teachers", "none", "safety"]})
    >>> row = domain_kappas(ag).set_index("domain").loc["teachers"]
    >>> int(row["n_gold"]), int(row["n_codebook"]), float(row["kappa"])
    (2, 1, 0.4)
    """
    codebook = codebook or load_codebook()
    gold_sets = [_split_set(v) for v in agreement["gold"]]
    pred_sets = [_split_set(v) for v in agreement["codebook"]]
    names = codebook.names("zh")
    rows = []
    for domain in codebook.ids:
        a = [domain in s for s in gold_sets]
        b = [domain in s for s in pred_sets]
        kappa = cohens_kappa(a, b)
        rows.append((domain, names[domain], sum(a), sum(b), sum(x and y for x, y in zip(a, b)),
                     sum(x == y for x, y in zip(a, b)) / len(a) if a else math.nan,
                     round(kappa, 12) if not math.isnan(kappa) else kappa))
    return pd.DataFrame(rows, columns=["domain", "zh", "n_gold", "n_codebook", "n_both", "agreement", "kappa"])


def agreement_summary(agreement: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """The codebook against the hand coding, for all items and for each split.

    Two kappas, because the coding is multi-label:

    * ``primary_kappa`` — Cohen's kappa of the primary domain (one nominal category per
      item: 16 domains + ``none``); ``primary_agreement`` is its raw agreement;
    * ``mean_domain_kappa`` — the mean over domains of the per-domain binary kappa ("does
      the item belong to domain d?", :func:`domain_kappas`), over the ``n_domains`` domains
      whose kappa is defined.

    Also ``exact_match`` (share of items with the same domain set) and ``mean_jaccard``.
    Columns: ``subset`` (``all``, then each split), ``n_items`` and the measures above.
    """
    codebook = codebook or load_codebook()
    subsets = [("all", agreement)]
    if "split" in agreement:
        subsets += [(s, agreement[agreement["split"] == s]) for s in sorted(agreement["split"].dropna().unique())]
    rows = []
    for name, part in subsets:
        kappas = domain_kappas(part, codebook)["kappa"].dropna()
        exact = [_split_set(a) == _split_set(b) for a, b in zip(part["gold"], part["codebook"])]
        rows.append((name, len(part), float(part["primary_match"].mean()),
                     cohens_kappa(part["gold_primary"], part["codebook_primary"]),
                     float(kappas.mean()) if len(kappas) else math.nan, len(kappas),
                     float(np.mean(exact)) if exact else math.nan, float(part["jaccard"].mean())))
    return pd.DataFrame(rows, columns=["subset", "n_items", "primary_agreement", "primary_kappa", "mean_domain_kappa",
                                       "n_domains", "exact_match", "mean_jaccard"])


# --------------------------------------------------------------------------- uncertainty


def _group_rng(seed: int, group: object) -> np.random.Generator:
    """A generator per group, so a group's interval does not depend on the other groups."""
    return np.random.default_rng([int(seed), zlib.crc32(str(group).encode("utf-8"))])


def bootstrap_ci(values: Sequence[float], groups: Sequence[object], n: int = 2000, seed: int = 0,
                 level: float = 0.95, clusters: Sequence[object] | None = None) -> pd.DataFrame:
    """Mean of *values* per group with a percentile bootstrap confidence interval.

    Each group is resampled *n* times with replacement — its **values** (items) by
    default, or, when *clusters* (e.g. ``doc_id``) is given, its **clusters** whole, the
    mean then taken over the items of the drawn clusters. The item bootstrap treats items
    as independent draws; items of one plan are not (one bureau, one style), so its
    intervals are too narrow for claims about plans. The cluster bootstrap respects the
    plan as the unit, and shows what one plan per group means: an interval of width 0.
    Each group has its own random stream (from *seed* and the group's name), so results
    are reproducible and do not depend on the other groups.

    Columns: ``group``, ``n`` (values), ``n_clusters`` (distinct clusters, or ``n``),
    ``mean``, ``ci_low``, ``ci_high``; groups in order of first appearance.

    >>> ci = bootstrap_ci([0.1, 0.4, 0.5, 0.9, 0.2, 0.3], ["a", "a", "a", "b", "b", "b"], n=500)
    >>> ci[["group", "n", "mean"]].round(3).values.tolist()
    [['a', 3, 0.333], ['b', 3, 0.467]]
    >>> bool(((ci["ci_low"] <= ci["mean"]) & (ci["mean"] <= ci["ci_high"])).all())
    True
    """
    values = np.asarray(values, dtype=float)
    groups = np.asarray(list(groups), dtype=object)
    if len(values) != len(groups):
        raise ValueError("values and groups differ in length")
    cl = None if clusters is None else np.asarray(list(clusters), dtype=object)
    if cl is not None and len(cl) != len(values):
        raise ValueError("values and clusters differ in length")
    alpha = (1 - level) / 2
    rows = []
    for group in pd.unique(groups):
        mask = groups == group
        v = values[mask]
        rng = _group_rng(seed, group)
        if cl is None:
            boot = v[rng.integers(0, len(v), size=(n, len(v)))].mean(axis=1)
            n_clusters = len(v)
        else:
            codes, uniques = pd.factorize(cl[mask])
            sums = np.bincount(codes, weights=v)
            counts = np.bincount(codes).astype(float)
            draw = rng.integers(0, len(uniques), size=(n, len(uniques)))
            boot = sums[draw].sum(axis=1) / counts[draw].sum(axis=1)
            n_clusters = len(uniques)
        low, high = np.quantile(boot, [alpha, 1 - alpha])
        rows.append((group, int(mask.sum()), int(n_clusters), float(v.mean()), float(low), float(high)))
    return pd.DataFrame(rows, columns=["group", "n", "n_clusters", "mean", "ci_low", "ci_high"])


def topic_prevalence_by_group(shares: pd.DataFrame, documents: pd.DataFrame, by: str | Sequence[str] = GROUP_COLUMNS,
                              n: int = 2000, seed: int = 0, level: float = 0.95,
                              topic_names: Mapping[int, str] | None = None,
                              unit: Literal["item", "document"] = "item") -> pd.DataFrame:
    """Mean topic share per group, with a bootstrap confidence interval (:func:`bootstrap_ci`).

    *shares* holds item–topic proportions (``doc_id``, ``item_seq``, ``topic``, ``share``:
    :func:`wpanalysis.topics.item_topics` or :func:`project_topics`). ``unit="item"``
    resamples items, ``"document"`` resamples whole plans. Columns: ``grouping``,
    ``group``, ``n_docs``, ``n_items``, ``topic``, ``label``, ``mean``, ``ci_low``,
    ``ci_high``, ``unit``; groups in :data:`GROUP_ORDER` (``unknown`` last), then topics.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["east", None]})
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "item_seq": [1, 2, 1], "topic": [1, 1, 1],
    ...                   "share": [0.2, 0.4, 0.9]})
    >>> topic_prevalence_by_group(s, docs, "region", n=200)[["group", "n_items", "mean"]].values.tolist()
    [['east', 2, 0.30000000000000004], ['unknown', 1, 0.9]]
    """
    if unit not in ("item", "document"):
        raise ValueError(f"unit must be 'item' or 'document', got {unit!r}")
    columns = [by] if isinstance(by, str) else list(by)
    shares = shares.assign(doc_id=shares["doc_id"].astype(object))
    names = dict(topic_names or {})
    frames = []
    for column in columns:
        groups = group_values(documents, column)
        s = shares.assign(group=shares["doc_id"].map(groups))
        if s["group"].isna().any():
            missing = sorted(s.loc[s["group"].isna(), "doc_id"].unique())
            raise ValueError(f"documents not in the registry: {', '.join(missing)}")
        for topic, part in s.groupby("topic", sort=True):
            ci = bootstrap_ci(part["share"], part["group"], n=n, seed=seed, level=level,
                              clusters=part["doc_id"] if unit == "document" else None)
            ci = ci.rename(columns={"n": "n_items"})
            ci["n_docs"] = [part.loc[part["group"] == g, "doc_id"].nunique() for g in ci["group"]]
            ci["topic"] = int(topic)
            ci["label"] = names.get(int(topic), str(topic))
            ci["grouping"] = column
            order = {g: k for k, g in enumerate(_order_groups(column, ci["group"]))}
            frames.append(ci.assign(_o=ci["group"].map(order)))
    out = pd.concat(frames, ignore_index=True)
    out["_g"] = out["grouping"].map({c: k for k, c in enumerate(columns)})
    out = out.sort_values(["_g", "_o", "topic"], kind="stable").reset_index(drop=True)
    out["unit"] = unit
    return out[["grouping", "group", "n_docs", "n_items", "topic", "label", "mean", "ci_low", "ci_high", "unit"]]


def _topic_order(model: TopicModel) -> np.ndarray:
    """Index of each of *model*'s topics (1…k order) among the estimator's components."""
    comps = np.asarray(model.estimator.components_, dtype=float)
    comps = comps / comps.sum(axis=1, keepdims=True)
    order = np.array([int(np.abs(comps - row).sum(axis=1).argmin()) for row in model.topic_term])
    if sorted(order.tolist()) != list(range(model.k)):
        raise ValueError("could not match the model's topics to its estimator's components")
    return order


def project_topics(model: TopicModel, tokens: pd.DataFrame) -> pd.DataFrame:
    """Topic proportions of new texts (e.g. item titles) under a fitted LDA *model*.

    *tokens* is a token table (``doc_id``, ``item_seq``, ``token``; stopwords removed as for
    the model); only the model's vocabulary counts, and items with none of its terms are
    left out. The model is not refitted: scikit-learn's ``transform`` infers each item's
    proportions with the topics fixed. Columns as :func:`wpanalysis.topics.item_topics`
    (``doc_id``, ``item_seq``, ``topic``, ``share``), topics numbered as in *model*.
    """
    from scipy import sparse

    if model.method != "lda" or model.estimator is None:
        raise ValueError("project_topics needs an LDA model fitted by wpanalysis.topics.fit_topics")
    vocab = {t: j for j, t in enumerate(model.vocabulary)}
    known = tokens[tokens["token"].isin(vocab.keys())]
    keys = known[["doc_id", "item_seq"]].astype({"doc_id": object}).drop_duplicates()
    keys = keys.sort_values(["doc_id", "item_seq"]).reset_index(drop=True)
    index = pd.MultiIndex.from_frame(keys)
    r = index.get_indexer(pd.MultiIndex.from_frame(known[["doc_id", "item_seq"]].astype({"doc_id": object})))
    c = known["token"].map(vocab).to_numpy()
    counts = sparse.csr_matrix((np.ones(len(known)), (r, c)), shape=(len(keys), len(vocab)))
    counts.sum_duplicates()
    theta = np.asarray(model.estimator.transform(counts), dtype=float)[:, _topic_order(model)]
    theta = theta / theta.sum(axis=1, keepdims=True)
    k = model.k
    return pd.DataFrame({"doc_id": np.repeat(keys["doc_id"].to_numpy(), k),
                         "item_seq": np.repeat(keys["item_seq"].to_numpy(), k),
                         "topic": np.tile(np.arange(1, k + 1), len(keys)), "share": theta.ravel()})


# --------------------------------------------------------------------------- similarity


def doc_similarity(tokens: pd.DataFrame, unit: str = "doc_id") -> pd.DataFrame:
    """Cosine similarity of the documents' TF-IDF vectors, one row per pair.

    Counts per document (:func:`wpanalysis.features.document_term_matrix`) are weighted by
    scikit-learn's smoothed idf, ln((1 + N) / (1 + df)) + 1, and scaled to length 1; the
    cosine of two documents is then the dot product of their vectors (0 = no shared
    weighted term, 1 = the same profile). Columns: ``doc_a``, ``doc_b`` (``doc_a`` <
    ``doc_b``), ``cosine``; sorted by cosine, descending.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"], "token": ["双减", "作业", "双减", "作业", "教师"]})
    >>> doc_similarity(t).round(3).values.tolist()
    [['a', 'b', 1.0], ['a', 'c', 0.0], ['b', 'c', 0.0]]
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    from .features import document_term_matrix

    dtm = document_term_matrix(tokens.assign(**{unit: tokens[unit].astype(object)}), unit)
    weights = TfidfTransformer().fit_transform(dtm.matrix)
    sim = np.asarray((weights @ weights.T).todense())
    ids = dtm.rows[unit].tolist()
    rows = [(ids[i], ids[j], float(min(sim[i, j], 1.0))) for i, j in combinations(range(len(ids)), 2)]
    out = pd.DataFrame(rows, columns=["doc_a", "doc_b", "cosine"])
    return out.sort_values(["cosine", "doc_a", "doc_b"], ascending=[False, True, True], kind="stable").reset_index(
        drop=True)


def similarity_matrix(pairs: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None,
                      order: Sequence[str] | None = None) -> pd.DataFrame:
    """The square, symmetric similarity matrix of :func:`doc_similarity`'s pairs (1 on the diagonal).

    Rows and columns follow *order* (default: sorted ids), renamed by *labels*.

    >>> p = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "cosine": [0.25]})
    >>> similarity_matrix(p).values.tolist()
    [[1.0, 0.25], [0.25, 1.0]]
    """
    ids = list(order) if order is not None else sorted(set(pairs["doc_a"]) | set(pairs["doc_b"]))
    m = pd.DataFrame(np.eye(len(ids)), index=ids, columns=ids)
    for a, b, v in pairs[["doc_a", "doc_b", "cosine"]].itertuples(index=False):
        if a in m.index and b in m.index:
            m.loc[a, b] = m.loc[b, a] = float(v)
    if labels is not None:
        names = dict(labels)
        m.index = [names.get(i, i) for i in m.index]
        m.columns = [names.get(i, i) for i in m.columns]
    return m


# --------------------------------------------------------------------------- figures

# One colour per domain, by family: Party/moral reds, health orange, stages blue-green,
# teachers/teaching purples, then digital, safety, governance, resources, livelihood, exchange.
_DOMAIN_COLOURS = ["#B2182B", "#EF8A62", "#F4A582", "#C6DBEF", "#6BAED6", "#2171B5", "#08214F", "#74C476",
                   "#9E9AC8", "#54278F", "#01665E", "#8C510A", "#BF812D", "#DFC27D", "#DE77AE", "#1B7837"]
_NONE_COLOUR = "#D9D9D9"


def _domain_colours(codebook: Codebook) -> dict[str, str]:
    colours = {d: _DOMAIN_COLOURS[k % len(_DOMAIN_COLOURS)] for k, d in enumerate(codebook.ids)}
    colours[NONE] = _NONE_COLOUR
    return colours


def plot_domain_bars(profile: pd.DataFrame, codebook: Codebook | None = None, value: str = "share",
                     labels: Mapping[str, str] | pd.Series | None = None, title: str | None = None,
                     marks: Mapping[str, str] | None = None) -> Figure:
    """Stacked horizontal bars: each group's (or document's) items split over the domains.

    *profile* is one grouping of :func:`domain_profile` (*value* ``share`` or
    ``share_primary``, which sum to 1). Bars top-down in the profile's order, labelled by
    *labels* plus ``(n 条)``; *marks* adds a note to a bar's label (e.g. ``仅提纲``).
    """
    import matplotlib.pyplot as plt

    codebook = codebook or load_codebook()
    use_cjk_font()
    names, colours = codebook.names("zh"), _domain_colours(codebook)
    groups = list(pd.unique(profile["group"]))
    grid = profile.pivot_table(index="group", columns="domain", values=value, aggfunc="sum").reindex(groups)
    domains = [d for d in [*codebook.ids, NONE] if d in grid.columns]
    sizes = profile.drop_duplicates("group").set_index("group")["n_items"]
    lab = dict(labels) if labels is not None else {}
    marks = dict(marks or {})
    ticks = [f"{lab.get(g, g)}{'（' + marks[g] + '）' if g in marks else ''}  n={int(sizes[g])}" for g in groups]
    fig, ax = plt.subplots(figsize=(9.0, 0.42 * len(groups) + 2.4))
    left = np.zeros(len(groups))
    y = np.arange(len(groups))
    for d in domains:
        width = grid[d].fillna(0).to_numpy()
        ax.barh(y, width, left=left, color=colours[d], edgecolor="white", linewidth=0.4, label=names[d])
        for yi, (l0, w) in enumerate(zip(left, width)):
            if w >= 0.07:
                ax.text(l0 + w / 2, yi, f"{w:.2f}", ha="center", va="center", fontsize=7,
                        color="white" if d in ("party", "compulsory", "senior_secondary", "vocational", "teaching",
                                               "digital", "safety", "exchange") else "#222222")
        left += width
    ax.set_yticks(y, ticks)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("条目占比（多领域条目按领域均分）")
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=6, loc="upper center", bbox_to_anchor=(0.45, -0.12 - 0.6 / max(len(groups), 1)), fontsize=8,
              handlelength=1.0, columnspacing=0.8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_domain_heatmap(profile: pd.DataFrame, codebook: Codebook | None = None, value: str = "share",
                        grouping_names: Mapping[str, str] | None = None, title: str | None = None) -> Figure:
    """Heatmap of domain shares per group: rows = groups of every grouping in *profile*
    (labelled ``grouping · group (docs 份 / items 条)``), columns = domains (``none`` last)."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    codebook = codebook or load_codebook()
    use_cjk_font()
    names = codebook.names("zh")
    gnames = dict(grouping_names or {})
    keys = list(dict.fromkeys(zip(profile["grouping"], profile["group"])))
    sizes = profile.drop_duplicates(["grouping", "group"]).set_index(["grouping", "group"])
    grid = profile.pivot_table(index=["grouping", "group"], columns="domain", values=value, aggfunc="sum")
    grid = grid.reindex(index=pd.MultiIndex.from_tuples(keys))
    grid = grid[[d for d in [*codebook.ids, NONE] if d in grid.columns]]
    grid.index = [f"{gnames.get(g, g)} · {v}（{int(sizes.loc[(g, v), 'n_docs'])} 份 / "
                  f"{int(sizes.loc[(g, v), 'n_items'])} 条）" for g, v in keys]
    grid.columns = ["\n".join(textwrap.wrap(names[d], 4)) for d in grid.columns]
    fig, ax = plt.subplots(figsize=(0.62 * grid.shape[1] + 4.2, 0.42 * grid.shape[0] + 2.0))
    sns.heatmap(grid.astype(float), annot=True, fmt=".2f", cmap="viridis", vmin=0, linewidths=0.5, linecolor="white",
                cbar_kws={"label": "条目占比", "shrink": 0.6}, annot_kws={"fontsize": 7}, ax=ax)
    previous = None
    for k, (g, _) in enumerate(keys):
        if previous is not None and g != previous:
            ax.axhline(k, color="white", linewidth=3)
        previous = g
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", rotation=0, labelsize=8)
    ax.tick_params(axis="y", labelsize=9)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_prevalence(prevalence: pd.DataFrame, grouping_names: Mapping[str, str] | None = None,
                    title: str | None = None) -> Figure:
    """Dot plot of mean topic share per group with its confidence interval, one panel per
    grouping; topics are colours, rows are groups labelled with ``n`` documents / items."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    gnames = dict(grouping_names or {})
    groupings = list(pd.unique(prevalence["grouping"]))
    heights = [prevalence.loc[prevalence["grouping"] == g, "group"].nunique() + 0.6 for g in groupings]
    fig, axes = plt.subplots(len(groupings), 1, figsize=(8.0, 0.42 * sum(heights) + 1.6), sharex=True,
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    topics = sorted(prevalence["topic"].unique())
    labels = prevalence.drop_duplicates("topic").set_index("topic")["label"]
    offsets = np.linspace(-0.22, 0.22, len(topics)) if len(topics) > 1 else np.zeros(1)
    for ax, grouping in zip(axes[:, 0], groupings):
        part = prevalence[prevalence["grouping"] == grouping]
        groups = list(pd.unique(part["group"]))
        for t, off in zip(topics, offsets):
            rows = part[part["topic"] == t].set_index("group").reindex(groups)
            y = np.arange(len(groups)) + off
            colour = HOUSE_PALETTE[(int(t) - 1) % len(HOUSE_PALETTE)]
            ax.errorbar(rows["mean"], y, xerr=[rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]],
                        fmt="o", color=colour, markersize=5, capsize=2, linewidth=1.2,
                        label=f"{t} {labels[t]}" if grouping == groupings[0] else None)
        sizes = part.drop_duplicates("group").set_index("group")
        ax.set_yticks(range(len(groups)), [f"{g}（{int(sizes.loc[g, 'n_docs'])} 份 / "
                                           f"{int(sizes.loc[g, 'n_items'])} 条）" for g in groups])
        ax.invert_yaxis()
        ax.set_title(gnames.get(grouping, grouping), fontsize=11, loc="left")
        ax.grid(axis="y", visible=False)
    axes[-1, 0].set_xlabel("平均主题占比（95% 自助法置信区间，按条目重抽）")
    upper = float(prevalence["ci_high"].max()) if len(prevalence) else 1.0
    axes[-1, 0].set_xlim(0, min(1.0, math.ceil((upper + 0.05) * 10) / 10))
    fig.legend(loc="upper center", ncols=len(topics), bbox_to_anchor=(0.5, 1.0), fontsize=9)
    if title:
        fig.suptitle(title, y=1.04)
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    return fig


def plot_keyness_bars(table: pd.DataFrame, n: int = 10, target: str = "target", reference: str = "reference",
                      title: str | None = None) -> Figure:
    """Diverging bars of signed G² for the *n* most key terms of each side of a keyness table
    (:func:`wpanalysis.keywords.keyness_groups`), **whether significant or not**: terms
    significant after the Bonferroni correction are drawn solid, the others pale and
    hatched, so a reader sees both the ranking and how little of it survives correction.
    Bar ends carry the log ratio."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    use_cjk_font()
    pos = table[table["g2"] > 0].nlargest(n, "g2")
    neg = table[table["g2"] < 0].nsmallest(n, "g2")
    shown = pd.concat([pos, neg]).sort_values(["g2", "token"], kind="stable")
    fig, ax = plt.subplots(figsize=(7.0, 0.26 * max(len(shown), 4) + 1.6))
    for y, row in enumerate(shown.itertuples(index=False)):
        colour = HOUSE_PALETTE[1] if row.g2 > 0 else HOUSE_PALETTE[0]
        ax.barh(y, row.g2, color=colour if row.significant else "white", edgecolor=colour,
                hatch=None if row.significant else "///", linewidth=0.8)
        ax.text(row.g2, y, f" {row.log_ratio:+.1f} ", va="center", ha="left" if row.g2 > 0 else "right", fontsize=8)
    ax.set_yticks(range(len(shown)), shown["token"].tolist())
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(f"G²（带符号）  ← {reference} | {target} →   （条端数字：log2 比值）")
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(facecolor="#777777", edgecolor="#777777", label="Bonferroni 校正后显著"),
                       Patch(facecolor="white", edgecolor="#777777", hatch="///", label="不显著")],
              loc="lower right", fontsize=8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def plot_clustermap(matrix: pd.DataFrame, title: str | None = None, method: str = "average") -> Figure:
    """Clustered heatmap (seaborn ``clustermap``) of a square similarity matrix.

    Rows and columns are ordered by hierarchical clustering (*method* linkage, SciPy) of
    the distance 1 − similarity; the dendrogram shows which documents join first. Cells
    carry the similarity to two decimals.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    use_cjk_font()
    values = matrix.to_numpy(dtype=float)
    distance = np.clip(1.0 - values, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    link = linkage(squareform((distance + distance.T) / 2, checks=False), method=method)
    off_diagonal = values[~np.eye(len(values), dtype=bool)]
    size = 0.75 * len(matrix) + 2.8
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        grid = sns.clustermap(matrix, row_linkage=link, col_linkage=link, annot=True, fmt=".2f", cmap="viridis",
                              vmin=float(off_diagonal.min()) if off_diagonal.size else 0.0,
                              vmax=float(off_diagonal.max()) if off_diagonal.size else 1.0,
                              linewidths=0.5, linecolor="white", figsize=(size, size),
                              dendrogram_ratio=0.15, cbar_pos=(0.02, 0.83, 0.025, 0.14),
                              annot_kws={"fontsize": 8}, cbar_kws={"label": "余弦相似度"})
    grid.ax_heatmap.set_xlabel("")
    grid.ax_heatmap.set_ylabel("")
    grid.ax_heatmap.tick_params(axis="x", rotation=45, labelsize=9)
    grid.ax_heatmap.tick_params(axis="y", rotation=0, labelsize=9)
    for label in grid.ax_heatmap.get_xticklabels():
        label.set_horizontalalignment("right")
    if title:
        grid.figure.suptitle(title, y=1.02)
    plt.setp(grid.ax_heatmap.get_yticklabels(), rotation=0)
    return grid.figure
