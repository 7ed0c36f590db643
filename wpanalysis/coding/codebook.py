"""Dictionary coding with a codebook: load a YAML codebook, match its terms, assign codes to items.

A codebook (``resources/codebook_domains.yaml`` is the first) lists codes with seed
terms, ``ignore`` phrases and assignment settings. :func:`load_codebook` reads and checks
one; :func:`match_terms`, :func:`domain_hits` and :func:`assign_domains` code items by it
(every function takes the codebook as a parameter, so a second codebook uses the same
machinery). Nothing is printed.

Example::

    from wpanalysis.coding import codebook
    book = codebook.load_codebook()                       # the policy-domain codebook
    codebook.assign_domains(items, book)                  # one row per item × assigned code
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from .. import config

__all__ = ["NONE", "CODEBOOK_PATH", "HIT_COLUMNS", "ASSIGN_COLUMNS", "Domain", "Codebook", "load_codebook",
           "codebook_table", "drop_terms", "match_terms", "domain_hits", "assign_domains", "item_domains",
           "primary_domains"]


NONE = "none"
"""The pseudo-domain of an item that no seed term matches."""



CODEBOOK_PATH = config.RESOURCES_DIR / "codebook_domains.yaml"



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
    (['party', 'moral', 'health_pe_arts_labour'], 17)
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


def primary_domains(items: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Each item's primary domain (:func:`assign_domains` on title and body): ``doc_id``, ``item_seq``, ``domain``.

    >>> items = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "item_number": [1], "title": ["加强师德师风建设"],
    ...                       "body": [""]})
    >>> primary_domains(items).values.tolist()
    [['a', 1, 'teachers']]
    """
    primary = item_domains(assign_domains(items, codebook, text="text"))
    return primary.rename(columns={"primary": "domain"})[["doc_id", "item_seq", "domain"]]
