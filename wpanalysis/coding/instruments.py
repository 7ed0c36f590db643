"""Policy-instrument coding: the instrument codebook (``resources/codebook_instruments.yaml``) and
the dictionary coder that gives every sentence exactly one sub-instrument and type.

The instrument codebook is the coding home's second codebook, beside the domains. Its terms
are matched by the domain codebook's machinery (:class:`~wpanalysis.coding.codebook.Codebook`
and :func:`~wpanalysis.coding.codebook.match_terms`, leftmost-longest); what is new here is
the decision between sub-instruments by the codebook's rules (the main act of the sentence;
supervision and talent before the others; strategic measures as the residual; ``none`` for
problems and slogans). Nothing is printed.

Example::

    from wpanalysis.coding import instruments
    book = instruments.load_instrument_codebook()
    instruments.code_instruments(sentences["text"], book)   # instrument, instrument_type, evidence
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import config
from .codebook import NONE, Codebook, Domain, match_terms

__all__ = ["INSTRUMENT_CODEBOOK_PATH", "MCDONNELL_ELMORE_PATH", "INSTRUMENT_COLUMNS", "TYPES", "Instrument",
           "InstrumentCodebook", "load_instrument_codebook", "code_sentence", "code_instruments",
           "instrument_codebook_table", "instrument_codebook_markdown", "code_sentences"]

INSTRUMENT_CODEBOOK_PATH = config.RESOURCES_DIR / "codebook_instruments.yaml"

TYPES: tuple[str, ...] = ("supply", "environment", "demand")
"""The instrument types of the default codebook (Rothwell & Zegveld), in codebook order (``none`` is the
fourth value of ``instrument_type``). Another codebook has its own (:attr:`InstrumentCodebook.types`)."""

MCDONNELL_ELMORE_PATH = config.RESOURCES_DIR / "codebook_instruments_mcdonnell_elmore.yaml"
"""The switchable second framework: McDonnell & Elmore's five classes of policy instruments."""

_DEFAULT_FALLBACKS = {"target_state": "goals_planning", "general_act": "strategic_measures",
                      "named_regulation": "regulation"}

INSTRUMENT_COLUMNS = ["instrument", "instrument_type", "evidence"]
"""Columns :func:`code_instruments` adds."""


@dataclass(frozen=True)
class Instrument:
    """One sub-instrument: ``id``, its ``type``, names, description, terms and its rule role
    (``priority``: wins its clause; ``fallback``: gives way to any other in its clause)."""

    id: str
    type: str
    zh: str
    en: str
    description: str
    terms: tuple[str, ...]
    priority: bool = False
    fallback: bool = False


@dataclass(frozen=True)
class InstrumentCodebook:
    """The sub-instruments (in file order), the types' names, the rules and the markers."""

    version: int | str
    name: str
    instruments: tuple[Instrument, ...]
    type_names: dict[str, tuple[str, str, str]]  # id → (zh, en, description)
    rules: tuple[tuple[str, str, str], ...] = ()  # (id, name, text)
    problem_markers: tuple[str, ...] = ()
    act_markers: tuple[str, ...] = ()
    slogan_markers: tuple[str, ...] = ()
    target_pattern: str = r"\d+(\.\d+)?%"
    target_state_pattern: str = r"(率|比例)[^,，;；。]{0,12}?(达到|保持在)"
    document_pattern: str = r"《[^《》]*》"
    regulation_document: str = r"(法|条例|规定|办法|标准)》$"
    ignore: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    fallbacks: tuple[tuple[str, str], ...] = tuple(_DEFAULT_FALLBACKS.items())  # rule → sub-instrument id
    source: str = field(default="", compare=False)

    @property
    def ids(self) -> list[str]:
        """Sub-instrument ids in codebook order."""
        return [i.id for i in self.instruments]

    @property
    def types(self) -> tuple[str, ...]:
        """Type ids in codebook order (``none`` not included)."""
        return tuple(self.type_names)

    def fallback(self, rule: str) -> str | None:
        """The sub-instrument a rule without a term gives (``target_state``, ``general_act``,
        ``named_regulation``), or None when this codebook has none for it."""
        found = dict(self.fallbacks).get(rule)
        return found if found in self.by_id else None

    @cached_property
    def type_of(self) -> dict[str, str]:
        """Sub-instrument id → type id (``none`` → ``none``)."""
        return {**{i.id: i.type for i in self.instruments}, NONE: NONE}

    @cached_property
    def matcher(self) -> Codebook:
        """The terms as a :class:`Codebook`, so matching is the domain codebook's."""
        return Codebook(version=self.version, domains=tuple(Domain(i.id, i.zh, i.en, i.description, i.terms)
                                                            for i in self.instruments), ignore=self.ignore)

    @cached_property
    def by_id(self) -> dict[str, Instrument]:
        return {i.id: i for i in self.instruments}

    def names(self, lang: str = "zh") -> dict[str, str]:
        """``{id: name}`` of sub-instruments and types in the chosen language, plus ``none``."""
        k = 0 if lang == "zh" else 1
        out = {i.id: (i.zh if lang == "zh" else i.en) for i in self.instruments}
        out.update({t: v[k] for t, v in self.type_names.items()})
        out[NONE] = "无工具" if lang == "zh" else "none"
        return out


def _check(data: dict, path: Path) -> list[str]:
    problems, owner = [], {t: "ignore" for t in data.get("ignore") or ()}
    types = data.get("types") or []
    type_ids = [str(t.get("id", "")) for t in types]
    if not type_ids or len(set(type_ids)) != len(type_ids) or NONE in type_ids:
        problems.append("types must be listed, with unique ids other than 'none'")
    for t in types:
        for entry in t.get("instruments") or []:
            iid = str(entry.get("id", ""))
            if not re.fullmatch(r"[a-z][a-z_]*", iid) or iid == NONE or iid in type_ids:
                problems.append(f"bad instrument id {iid!r}")
            for key in ("zh", "en", "description"):
                if not str(entry.get(key) or "").strip():
                    problems.append(f"instrument {iid!r} has no {key}")
            for term in entry.get("terms") or []:
                term = str(term)
                if len(term) < 2:
                    problems.append(f"term {term!r} of {iid!r} is shorter than two characters")
                if term in owner and owner[term] != iid:
                    problems.append(f"term {term!r} is under both {owner[term]!r} and {iid!r}")
                owner[term] = iid
    return problems


def load_instrument_codebook(path: str | Path = INSTRUMENT_CODEBOOK_PATH) -> InstrumentCodebook:
    """Read and check an instrument codebook (YAML; see the header of ``codebook_instruments.yaml``).

    Checks: the three types in order, unique lower-case sub-instrument ids, every one named and
    described, terms of two or more characters, no term under two sub-instruments.

    >>> book = load_instrument_codebook()
    >>> len(book.instruments), book.type_of["talent"], book.type_of["pilots_demonstration"]
    (15, 'supply', 'demand')
    """
    import yaml

    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    problems = _check(data, path)
    instruments = [Instrument(str(e["id"]), str(t["id"]), str(e["zh"]), str(e["en"]),
                              " ".join(str(e["description"]).split()),
                              tuple(dict.fromkeys(str(x) for x in e.get("terms") or ())),
                              bool(e.get("priority", False)), bool(e.get("fallback", False)))
                   for t in data.get("types") or [] for e in t.get("instruments") or []]
    ids = [i.id for i in instruments]
    if len(set(ids)) != len(ids) or not ids:
        problems.append("sub-instrument ids repeat or are missing")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems) + " — fix the codebook file")
    strings = lambda key: tuple(str(x) for x in data.get(key) or ())  # noqa: E731
    return InstrumentCodebook(
        version=data.get("version", ""), name=str(data.get("name", "")), instruments=tuple(instruments),
        type_names={str(t["id"]): (str(t.get("zh", "")), str(t.get("en", "")),
                                   " ".join(str(t.get("description", "")).split())) for t in data["types"]},
        rules=tuple((str(r["id"]), str(r["name"]), " ".join(str(r["text"]).split())) for r in data.get("rules") or ()),
        problem_markers=strings("problem_markers"), act_markers=strings("act_markers"),
        slogan_markers=strings("slogan_markers"),
        **{k: str(data[k]) for k in ("target_pattern", "target_state_pattern", "document_pattern",
                                     "regulation_document") if data.get(k)},
        ignore=strings("ignore"), references=strings("references"),
        fallbacks=tuple({**_DEFAULT_FALLBACKS, **(data.get("fallbacks") or {})}.items()), source=path.name)


_CLAUSE = re.compile(r"[^,，;；:：。!！?？]+")
_PURPOSE = ("为了", "为", "围绕", "按照", "根据", "依据", "对照", "立足", "聚焦", "对标")


def _is_problem(text: str, book: InstrumentCodebook) -> str | None:
    """The problem marker of a problem description (none of the act verbs before it), else None."""
    found = sorted((text.find(m), m) for m in book.problem_markers if m in text)
    if found and not any(0 <= text.find(a) < found[0][0] for a in book.act_markers):
        return found[0][1]
    return None


def _pick(matches: list[tuple[str, str, int]], book: InstrumentCodebook) -> tuple[str, str]:
    """The deciding (instrument, term) of one clause's matches (R5: priority, then specific, then earliest)."""
    for keep in (lambda i: i.priority, lambda i: not i.fallback, lambda i: True):
        chosen = [(d, t) for d, t, _ in matches if keep(book.by_id[d])]
        if chosen:
            return chosen[0]
    raise AssertionError("no match to pick from")


def _clause_matches(text: str, book: InstrumentCodebook) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """The clauses of *text* with their term matches ``(instrument, term, start)``, named documents
    masked (a law or regulation named in 《》 counts as a ``regulation`` match)."""
    masked, documents = text, []
    for m in re.finditer(book.document_pattern, text):
        masked = masked[:m.start()] + "□" * len(m.group()) + masked[m.end():]
        if re.search(book.regulation_document, m.group()) and book.fallback("named_regulation"):
            documents.append((m.start(), m.group()))
    out = []
    for m in _CLAUSE.finditer(masked):
        found = [(d, t, m.start() + k) for d, t, k in match_terms(m.group(), book.matcher) if d is not None]
        found += [(book.fallback("named_regulation"), doc, k) for k, doc in documents if m.start() <= k < m.end()]
        out.append((m.group(), sorted(found, key=lambda f: f[2])))
    return [(c, f) for c, f in out if f]


def code_sentence(text: str, book: InstrumentCodebook | None = None) -> tuple[str, str, str]:
    """``(instrument, instrument_type, evidence)`` of one sentence by the codebook's rules.

    >>> code_sentence("开展思政课教师专题培训,提升育人能力")
    ('talent', 'supply', 'term 培训')
    >>> code_sentence("标志性项目不够多,优质教育资源引进力度有待加强。")
    ('none', 'none', 'rule R6: problem description (不够)')
    >>> code_sentence("义务教育巩固率保持在99%以上")
    ('goals_planning', 'environment', 'rule R2: target state with no act')
    >>> code_sentence("学习宣传贯彻《家庭教育促进法》")
    ('regulation', 'environment', 'term 《家庭教育促进法》')
    """
    book = book or load_instrument_codebook()
    text = text if isinstance(text, str) else ""
    stripped = text.strip()
    marker = _is_problem(text, book)
    if marker:
        return NONE, NONE, f"rule R6: problem description ({marker})"
    goal, general = book.fallback("target_state"), book.fallback("general_act")
    state = re.search(book.target_state_pattern, text)
    if goal and state and not any(a in text[:state.start()] for a in book.act_markers):
        return goal, book.type_of[goal], "rule R2: target state with no act"
    found = _clause_matches(text, book)
    if found:
        acts = [(c, m) for c, m in found if not c.lstrip().startswith(_PURPOSE)] or found
        instrument, term = _pick(acts[0][1], book)
        return instrument, book.type_of[instrument], f"term {term}"
    if stripped.startswith(book.slogan_markers) or not stripped:
        return NONE, NONE, "rule R6: principle or slogan, no act" if stripped else "rule R6: empty"
    if goal and re.search(book.target_pattern, text) and not stripped.startswith(book.act_markers):
        return goal, book.type_of[goal], "rule R2: target state with no act"
    act = next((a for a in book.act_markers if a in text), None)
    if act and general:
        return general, book.type_of[general], f"rule R6: general act ({act}), no specific instrument"
    return NONE, NONE, "rule R6: no act"


def code_instruments(texts: Iterable[str] | pd.Series, book: InstrumentCodebook | None = None) -> pd.DataFrame:
    """One row per text: ``instrument`` (sub-instrument id or ``none``), ``instrument_type``
    (``supply`` | ``environment`` | ``demand`` | ``none``) and ``evidence`` (the term or rule
    that decided). A Series keeps its index; a missing text is ``none``.

    >>> code_instruments(["新建改扩建中小学5所", "开展市级督导评估", "坚持立德树人"]).values.tolist()
    [['infrastructure', 'supply', 'term 新建'], ['supervision_evaluation', 'environment', 'term 督导'], \
['none', 'none', 'rule R6: principle or slogan, no act']]
    """
    book = book or load_instrument_codebook()
    index = texts.index if isinstance(texts, pd.Series) else None
    rows = [code_sentence(t if isinstance(t, str) else "", book) for t in texts]
    return pd.DataFrame(rows, columns=INSTRUMENT_COLUMNS, index=index)


def instrument_codebook_table(book: InstrumentCodebook | None = None, n_terms: int | None = 8) -> pd.DataFrame:
    """One row per sub-instrument: ``type``, ``type_zh``, ``instrument``, ``zh``, ``en``,
    ``n_terms``, ``terms`` (the first *n_terms*, joined by 、), ``description``.

    >>> instrument_codebook_table().loc[0, ["type", "instrument", "zh"]].tolist()
    ['supply', 'talent', '人才培养与队伍建设']
    """
    book = book or load_instrument_codebook()
    rows = [(i.type, book.type_names[i.type][0], i.id, i.zh, i.en, len(i.terms),
             "、".join(i.terms[:n_terms] if n_terms else i.terms) + ("…" if n_terms and len(i.terms) > n_terms else ""),
             i.description) for i in book.instruments]
    return pd.DataFrame(rows, columns=["type", "type_zh", "instrument", "zh", "en", "n_terms", "terms", "description"])


def instrument_codebook_markdown(book: InstrumentCodebook | None = None, n_terms: int | None = 10) -> str:
    """The codebook as a document a human coder can work from: the types, each sub-instrument
    with its id, names, description and typical words (the first *n_terms* terms), the decision
    rules, and how to fill in a coding sheet. Written to ``docs/codebooks/instruments.md``.

    >>> md = instrument_codebook_markdown()
    >>> md.splitlines()[0], "`supervision_evaluation`" in md, "R2" in md
    ('# Policy-instrument codebook (version 1)', True, True)
    """
    book = book or load_instrument_codebook()
    lines = [f"# Policy-instrument codebook (version {book.version})", "",
             f"Framework: {book.name}. Generated from `wpanalysis/resources/{book.source}`; edit that file, "
             "not this one.", "",
             "**The unit** is one sentence of a work-plan item. Give each sentence exactly **one** code: the "
             "sub-instrument of its main act (the type follows from it), or `none`.", ""]
    for tid in book.types:
        zh, en, description = book.type_names[tid]
        lines += [f"## {zh} {en} (`{tid}`)", "", description, ""]
        for i in (x for x in book.instruments if x.type == tid):
            words = "、".join(i.terms[:n_terms] if n_terms else i.terms)
            lines += [f"### `{i.id}` — {i.zh} ({i.en})", "", i.description, "", f"Typical words: {words}", ""]
    lines += ["## `none` — 无工具 (no instrument)", "",
              "Sentences with no act of the bureau: problem descriptions, principles and slogans, headings "
              "that only name a theme (rule R6).", "", "## Decision rules", ""]
    lines += [f"- **{rid} {name}.** {text}" for rid, name, text in book.rules]
    lines += ["", "Typical words are reminders, not rules: a sentence is coded by what its main act is, "
              "whether or not it contains one of them.", "",
              "## Filling in a coding sheet", "",
              "For each row, write the sub-instrument id (or `none`) in the column `instrument`; optionally a "
              "short reason in `notes`. Allowed codes: " + ", ".join(f"`{x}`" for x in [*book.ids, NONE]) + ".", ""]
    if book.references:
        lines += ["## References", "", *[f"- {r}" for r in book.references], ""]
    return "\n".join(lines)



def code_sentences(sentences: pd.DataFrame, book: InstrumentCodebook | None = None) -> pd.DataFrame:
    """The sentences table (:func:`wpanalysis.sentences.sentence_table`) with the instrument of every
    sentence added: ``instrument``, ``instrument_type``, ``evidence`` (what the build writes as
    ``sentences.csv`` / ``.parquet``). Rows and their order are kept.

    >>> s = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "sentence": [1], "text": ["开展教师培训"]})
    >>> code_sentences(s).columns.tolist()
    ['doc_id', 'item_seq', 'sentence', 'text', 'instrument', 'instrument_type', 'evidence']
    """
    coded = code_instruments(sentences["text"].reset_index(drop=True), book)
    out = sentences.drop(columns=[c for c in INSTRUMENT_COLUMNS if c in sentences]).copy()
    for column in INSTRUMENT_COLUMNS:
        out[column] = coded[column].astype("string").to_numpy() if len(out) else pd.Series(dtype="string")
    return out
