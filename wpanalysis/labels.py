"""The bilingual label table: what figures, table headers and statements call a code, in English or Chinese.

Every word the package shows for one of its codes — a registry group value (``east`` → 东部), a
column name (``n_items`` → 条目数), an axis or legend word — comes from one resource,
``wpanalysis/resources/labels.yaml``, whose every entry has both languages (``en`` and ``zh``).
Policy domains and instruments keep their names in their codebooks; :func:`label` reads them there.

Example::

    from wpanalysis import labels
    labels.group_label("region", "east", "zh")                  # '东部'
    labels.column_label("n_items", "en")                        # 'items'
    labels.figure_text("corpus.sizes_title", "en", n=9)         # 'Length of each work plan (N = 9 plans)'
    labels.label("domain", "teachers", "zh")                    # from codebook_domains.yaml
    table.rename(columns=labels.column_labels(table.columns, "zh"))

**Checking a text for the other language** (:func:`foreign_words`), for the test that runs a
notebook in each language. The rule:

* In Chinese text (``language="zh"``) a *foreign word* is a run of Latin letters (with digits,
  ``_``, inner ``'`` ``-`` ``.``) that is none of: a single letter (k, N, p, A); an acronym or code
  in capitals (NPMI, TF-IDF, CSV, BH); a word with a digit or ``_`` (``doc_id``, ``log2``,
  ``ningbo_2024``); a unit (:data:`UNITS`: px, dpi, pt …); a proper name of the table's
  ``proper_names`` (Bonferroni, Cohen's, UMass, NVivo …); a word of the *allow* strings.
* In English text (``language="en"``) a *foreign word* is a run of Han characters (the Unicode
  script, so 〇 in 二〇二四年 counts) that is none of:
  a quoted term (inside “…”, "…", ‘…’, '…', 「…」, 『…』 or 《…》); a gloss in brackets that holds
  Han characters only, as in "work plans (工作要点)"; a run of the *allow* strings (place names,
  plan labels, the corpus's own terms: data, not prose).
* In both, text in backticks (inline code and fenced blocks) and URLs is code and never checked.

The corpus's own words (plan labels such as 宁波 2024, top terms, indicators, topic labels) are
data in either language: pass them as *allow* (:func:`corpus_words` gives the registry's places,
the plans' labels and the section numerals).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import regex

from . import config

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LANGUAGES", "LABELS_PATH", "UNITS", "LabelError", "LabelTable", "load_labels", "label_problems",
           "duplicate_keys", "label", "group_label", "column_label", "column_labels", "figure_text", "foreign_words",
           "corpus_words", "figure_strings", "localised"]

LANGUAGES: tuple[str, ...] = ("en", "zh")
"""The languages every label has; ``en`` is the package's own (its codes and statements)."""

LABELS_PATH = config.RESOURCES_DIR / "labels.yaml"
"""The bilingual label table."""

UNITS: frozenset[str] = frozenset({"px", "dpi", "pt", "cm", "mm", "in", "kB", "MB", "GB", "ms", "s", "min"})
"""Units written in Latin letters that Chinese text keeps (% and k need no entry: no letters / one letter)."""

_SECTIONS = ("groups", "pass_through", "values", "codebooks", "columns", "figure", "proper_names")
_SHARED = "_all"  # group values every grouping column can take (unknown, other)


class LabelError(LookupError):
    """A label is missing or the table is malformed; the message names the key, the file and the fix."""

    def __str__(self) -> str:  # LookupError would print the message in quotes, like a KeyError
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class LabelTable:
    """The parsed label table: every entry is ``{"en": …, "zh": …}``."""

    path: Path
    groups: Mapping[str, Mapping[str, Mapping[str, str]]]
    pass_through: frozenset[str]
    values: Mapping[str, Mapping[str, Mapping[str, str]]]
    codebooks: Mapping[str, Mapping[str, str]]
    columns: Mapping[str, Mapping[str, str]]
    figure: Mapping[str, Mapping[str, str]]
    proper_names: frozenset[str]
    same_meaning: tuple[frozenset[str], ...] = ()
    """Groups of ``columns`` codes that mean the same thing and so may share a header (``same_meaning:``)."""


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(map(repr, LANGUAGES))}, got {language!r}")


def _entry_problems(where: str, entry: object) -> list[str]:
    if not isinstance(entry, Mapping):
        return [f"{where} is not an entry {{en: …, zh: …}} (found {entry!r})"]
    problems = [f"{where} lacks {lang} (every entry needs {' and '.join(LANGUAGES)})"
                for lang in LANGUAGES if lang not in entry]
    problems += [f"{where}.{lang} is empty" for lang in LANGUAGES
                 if lang in entry and not str(entry[lang] or "").strip()]
    problems += [f"{where} has an unknown language {k!r}" for k in entry if k not in LANGUAGES]
    return problems


def label_problems(data: Mapping[str, Any]) -> list[str]:
    """Everything wrong with a parsed label table, one line each (``section.key …``); [] when it is usable.

    >>> label_problems({"columns": {"n_items": {"en": "items"}}, "groups": {}, "pass_through": [], "values": {},
    ...                 "codebooks": {}, "figure": {}, "proper_names": []})
    ['columns.n_items lacks zh (every entry needs en and zh)']

    Two ``columns`` codes may share a Chinese header only when the optional ``same_meaning`` lists
    them together (synonyms that never stand in one table; :func:`localised` raises if they do):

    >>> columns = {"n_plans": {"en": "plans", "zh": "要点份数"}, "n_docs": {"en": "plans", "zh": "要点份数"}}
    >>> base = {"groups": {}, "pass_through": [], "values": {}, "codebooks": {}, "figure": {}, "proper_names": []}
    >>> label_problems({**base, "columns": columns})  # doctest: +NORMALIZE_WHITESPACE
    ["columns n_plans, n_docs share the zh label '要点份数': give each its own label, or, if they mean the
      same thing and never stand in one table, list them together under same_meaning:"]
    >>> label_problems({**base, "columns": columns, "same_meaning": [["n_plans", "n_docs"]]})
    []
    """
    problems = [f"the section {s!r} is missing" for s in _SECTIONS if s not in data]
    for section in ("groups", "values"):
        for vocabulary, entries in (data.get(section) or {}).items():
            if not isinstance(entries, Mapping):
                problems.append(f"{section}.{vocabulary} is not a mapping of values to entries")
                continue
            for key, entry in entries.items():
                problems += _entry_problems(f"{section}.{vocabulary}.{key}", entry)
    for section in ("columns", "figure"):
        for key, entry in (data.get(section) or {}).items():
            problems += _entry_problems(f"{section}.{key}", entry)
    problems += _shared_header_problems(data.get("columns") or {}, data.get("same_meaning"))
    both = set(data.get("pass_through") or ()) & set(data.get("groups") or {})
    problems += [f"pass_through.{c} also has labels under groups.{c}: keep one" for c in sorted(both)]
    for kind, ref in (data.get("codebooks") or {}).items():
        if not isinstance(ref, Mapping) or not ref.get("file"):
            problems.append(f"codebooks.{kind} names no file")
        elif not (config.RESOURCES_DIR / str(ref["file"])).is_file():
            problems.append(f"codebooks.{kind}: no such resource {ref['file']}")
    return problems


def _shared_header_problems(columns: Mapping[str, Any], same_meaning: object) -> list[str]:
    """The Chinese headers two ``columns`` entries share that no ``same_meaning`` group allows, the
    malformed or stale groups of ``same_meaning`` (optional: a list of lists of column codes)."""
    if same_meaning is None:
        same_meaning = []
    if not isinstance(same_meaning, list) or not all(isinstance(g, list) for g in same_meaning):
        return ["same_meaning is not a list of lists of column codes ([[n_plans, n_docs], …])"]
    problems = []
    group_of: dict[str, int] = {}
    for number, group in enumerate(same_meaning):
        codes = [str(c) for c in group]
        where = f"same_meaning[{number}] [{', '.join(codes)}]"
        if len(codes) < 2:
            problems.append(f"{where} names fewer than two codes")
        problems += [f"{where}: no columns.{c}" for c in codes if c not in columns]
        problems += [f"{where}: {c} is already in same_meaning[{group_of[c]}]" for c in codes if c in group_of]
        group_of.update((c, number) for c in codes if c not in group_of)
        headers = {str(columns[c].get("zh")) for c in codes if c in columns and isinstance(columns[c], Mapping)}
        if len(headers) > 1:
            problems.append(f"{where}: their zh labels differ ({', '.join(sorted(headers))}); "
                            "a group lists codes that share a header: remove it or make the labels equal")
    by_header: dict[str, list[str]] = {}
    for code, entry in columns.items():
        if isinstance(entry, Mapping) and str(entry.get("zh") or "").strip():
            by_header.setdefault(str(entry["zh"]), []).append(str(code))
    for header, codes in by_header.items():
        allowed = {group_of.get(c, -1 - i) for i, c in enumerate(codes)}
        if len(codes) > 1 and len(allowed) > 1:
            problems.append(f"columns {', '.join(codes)} share the zh label {header!r}: give each its own label, "
                            "or, if they mean the same thing and never stand in one table, list them "
                            "together under same_meaning:")
    return problems


_KEY_LINE = re.compile(r"""^( *)("[^"]*"|'[^']*'|[^\s#"'][^:#]*?):(?:\s|$)""")


def duplicate_keys(text: str) -> list[str]:
    r"""Keys that occur twice in the same mapping of the block-style YAML *text*, one line each
    (YAML parsers keep the last silently, so a second entry would hide the first).

    >>> duplicate_keys("columns:\n  n: {en: n}\n  m: {en: m}\n  n: {en: count}\nfigure:\n  n: {en: n}\n")
    ['line 4: columns.n is defined twice (first on line 2); keep one']
    """
    seen: dict[tuple[str, ...], int] = {}
    stack: list[tuple[int, str]] = []
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _KEY_LINE.match(line)
        if not match:
            continue
        indent, key = len(match.group(1)), match.group(2).strip("\"'")
        while stack and stack[-1][0] >= indent:
            stack.pop()
        where = (*(k for _, k in stack), key)
        if where in seen:
            first = seen[where]
            problems.append(f"line {number}: {'.'.join(where)} is defined twice (first on line {first}); keep one")
        else:
            seen[where] = number
        stack.append((indent, key))
    return problems


@functools.cache
def load_labels(path: str | Path = LABELS_PATH) -> LabelTable:
    """The label table at *path*, checked (:func:`label_problems`); raises :class:`LabelError` listing
    every problem with the file's name.

    >>> load_labels().groups["region"]["east"]["zh"]
    '东部'
    """
    import yaml

    path = Path(path)
    text = path.read_text(encoding="utf-8")  # libyaml's loader when present: 39 ms instead of 434 ms
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    problems = duplicate_keys(text) + label_problems(data)
    if problems:
        raise LabelError(f"{path.name}: {len(problems)} problem(s) in the label table ({path}):\n"
                         + "\n".join(problems))

    def table(section: Mapping[str, Any]) -> dict[str, dict[str, str]]:
        return {str(k): {lang: str(v[lang]) for lang in LANGUAGES} for k, v in (section or {}).items()}

    return LabelTable(
        path=path,
        groups={str(c): table(v) for c, v in data["groups"].items()},
        pass_through=frozenset(map(str, data["pass_through"] or ())),
        values={str(c): table(v) for c, v in data["values"].items()},
        codebooks={str(k): {str(a): str(b) for a, b in v.items()} for k, v in data["codebooks"].items()},
        columns=table(data["columns"]),
        figure=table(data["figure"]),
        proper_names=frozenset(map(str, data["proper_names"] or ())),
        same_meaning=tuple(frozenset(map(str, g)) for g in data.get("same_meaning") or ()),
    )


def _missing(path: Path, where: str, fix: str) -> LabelError:
    return LabelError(f"{path.name}: no label for {where} ({path}); {fix}")


@functools.cache
def _codebook_names(kind: str, language: str) -> dict[str, str]:
    if kind == "domain":
        from .coding import load_codebook

        return load_codebook().names(language)  # type: ignore[arg-type]
    from .coding.instruments import load_instrument_codebook

    return load_instrument_codebook().names(language)


_RAISE: Any = object()
"""The *default* of :func:`label`, :func:`group_label` and :func:`column_label` when none is given: raise."""

_D = TypeVar("_D")


@overload
def label(kind: str, value: object, language: str = ..., path: str | Path = ...) -> str: ...
@overload
def label(kind: str, value: object, language: str = ..., path: str | Path = ..., *, default: _D) -> str | _D: ...
def label(kind: str, value: object, language: str = "en", path: str | Path = LABELS_PATH, *,
          default: Any = _RAISE) -> Any:
    """The *language* label of *value* of *kind*: ``column``, ``figure``, a grouping column (``region``,
    ``admin_level``, ``completeness``, ``remit``), a vocabulary of ``values`` (``alignment``,
    ``unit_kind``, ``stop_layer``, ``comparator`` …) or a codebook (``domain``, ``instrument``).

    When the table has no such label, *default* if one is given (the code itself, say, for a
    researcher's own value), else :class:`LabelError` naming the fix. A malformed table raises either way.

    >>> label("region", "northeast", "zh"), label("alignment", "dropped", "zh"), label("column", "n_chars")
    ('东北', '未延续', 'characters')
    >>> label("region", "south", "zh", default="south"), label("no_such_kind", "x", "zh", default=None)
    ('south', None)
    >>> label("region", "south", "zh")
    Traceback (most recent call last):
    ...
    wpanalysis.labels.LabelError: labels.yaml: no label for groups.region.south (...); add it under groups: region: ...
    """
    _check_language(language)
    found = _find(load_labels(path), kind, str(value), language)
    if isinstance(found, str):
        return found
    if default is _RAISE:
        raise found
    return default


def _find(table: LabelTable, kind: str, key: str, language: str) -> str | LabelError:
    """The label of :func:`label`, or the error that says it is missing."""
    if kind in ("column", "figure"):
        entries = table.columns if kind == "column" else table.figure
        section = "columns" if kind == "column" else "figure"
        if key not in entries:
            return _missing(table.path, f"{section}.{key}", f"add `{key}: {{en: …, zh: …}}` under {section}:")
        return entries[key][language]
    if kind in table.groups:
        entries = {**table.groups[kind], **table.groups.get(_SHARED, {})}
        if key not in entries:
            return _missing(table.path, f"groups.{kind}.{key}", f"add it under groups: {kind}: in {table.path.name} "
                            f"({kind} has {', '.join(entries)})")
        return entries[key][language]
    if kind in table.values:
        if key not in table.values[kind]:
            return _missing(table.path, f"values.{kind}.{key}", f"add it under values: {kind}: in {table.path.name}")
        return table.values[kind][key][language]
    if kind in table.codebooks:
        names = _codebook_names(kind, language)
        if key not in names:
            return LabelError(f"{table.codebooks[kind]['file']}: no {kind} {key!r} (ids: {', '.join(names)})")
        return names[key]
    kinds = ["column", "figure", *table.groups, *table.values, *table.codebooks]
    return LabelError(f"{table.path.name}: no kind of label {kind!r} ({table.path}); kinds: {', '.join(kinds)}")


@overload
def group_label(column: str, value: object, language: str = ..., path: str | Path = ...) -> str: ...
@overload
def group_label(column: str, value: object, language: str = ..., path: str | Path = ..., *,
                default: _D) -> str | _D: ...
def group_label(column: str, value: object, language: str = "en", path: str | Path = LABELS_PATH, *,
                default: Any = _RAISE) -> Any:
    """The label of group *value* of registry grouping *column* (as :func:`wpanalysis.registry.group_values`
    gives it); years and place names (``pass_through``) are shown as they are. A value or column
    without a label: *default* if one is given (as in :func:`label`), else :class:`LabelError`.

    >>> group_label("admin_level", "county-level city", "zh"), group_label("year", "2024", "zh")
    ('县级市', '2024')
    >>> group_label("completeness", "outline-only", "en"), group_label("remit", "unknown", "zh")
    ('outline only', '未记录')
    >>> group_label("my_column", "x", "zh", default="x"), group_label("region", "south", "zh", default="south")
    ('x', 'south')
    """
    _check_language(language)
    table = load_labels(path)
    if column in table.pass_through:
        return str(value)
    if column not in table.groups or column == _SHARED:
        if default is not _RAISE:
            return default
        raise _missing(table.path, f"the grouping column {column!r}",
                       f"add `groups: {column}:` with its values, or list it under pass_through: if its values "
                       "are shown as they are")
    return label(column, value, language, path, default=default)


@overload
def column_label(name: str, language: str = ..., path: str | Path = ...) -> str: ...
@overload
def column_label(name: str, language: str = ..., path: str | Path = ..., *, default: _D) -> str | _D: ...
def column_label(name: str, language: str = "en", path: str | Path = LABELS_PATH, *, default: Any = _RAISE) -> Any:
    """The header a table shows for column *name*; *default* (if given) for a column without a label.

    >>> column_label("admin_level", "zh"), column_label("p_bh", "en"), column_label("my_note", "zh", default="my_note")
    ('行政层级', 'p (Benjamini–Hochberg)', 'my_note')
    """
    return label("column", name, language, path, default=default)


def column_labels(names: Iterable[object], language: str = "en", path: str | Path = LABELS_PATH) -> dict[str, str]:
    """``{name: label}`` for ``DataFrame.rename(columns=…)``; raises naming the first column without a label.

    >>> column_labels(["doc_id", "n_items"], "zh")
    {'doc_id': '要点编号', 'n_items': '条目数'}
    """
    return {str(n): column_label(str(n), language, path) for n in names}


def figure_text(key: str, language: str = "en", path: str | Path = LABELS_PATH, **fields: object) -> str:
    """The figure string *key* (``<plots module>.<what>``) in *language*, its ``{fields}`` filled.

    >>> figure_text("corpus.sizes_title", "zh", n=1200)
    '各份工作要点的篇幅（N = 1,200 份）'
    >>> figure_text("n_plans", "en", n=9)
    'N = 9 plans'
    """
    template = label("figure", key, language, path)
    try:
        return template.format(**fields)
    except KeyError as err:
        raise LabelError(f"{Path(path).name}: figure.{key} needs the field {err.args[0]!r} "
                         f"(the {language} text is {template!r})") from None


def localised(table: pd.DataFrame, language: str = "en", path: str | Path = LABELS_PATH) -> pd.DataFrame:
    """*table* as a notebook shows it in *language*: in ``"en"`` unchanged (the column names are the
    package's codes, the names of the CSV files' columns); in ``"zh"`` a copy whose column and index
    names are their Chinese headers (:func:`column_label`) and whose grouping columns (``region``,
    ``admin_level``, ``completeness``, ``remit``) show their values' Chinese labels; place and year
    columns keep their values but show ``unknown`` as 未记录. A name or value the table has no label
    for is shown as it is (a researcher's own registry column), never dropped.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a"], "region": ["east"], "n_items": [3], "my_note": ["x"],
    ...                   "province": ["unknown"]})
    >>> localised(t, "zh").columns.tolist(), localised(t, "zh")["地区"].tolist()
    (['要点编号', '地区', '条目数', 'my_note', '省份'], ['东部'])
    >>> localised(t, "zh")["省份"].tolist()
    ['未记录']
    >>> localised(t, "en") is t
    True

    Two codes with one header (synonyms of ``same_meaning``) in one table would show two identical
    headers; that raises :class:`ValueError` naming the codes and the header:

    >>> localised(pd.DataFrame({"n_plans": [2], "n_docs": [2]}), "zh")
    Traceback (most recent call last):
    ...
    ValueError: columns n_plans and n_docs would both be shown as '要点份数' in Chinese; ...
    """
    _check_language(language)
    if language == "en":
        return table
    labels_ = load_labels(path)

    def header(name: object) -> object:
        return column_label(name, language, path, default=name) if isinstance(name, str) else name

    def value(column: str, v: object) -> object:
        return label(column, v, language, path, default=v) if isinstance(v, str) else v

    shown = table.copy()
    for column in shown.columns:
        if isinstance(column, str) and column in labels_.groups and column != _SHARED:
            shown[column] = shown[column].map(lambda v, c=column: value(c, v))
        elif isinstance(column, str) and column in labels_.pass_through and column != "doc_id":
            # place names and years are data, but the registry's shared "unknown" is a code
            shown[column] = shown[column].map(lambda v: value(_SHARED, v) if v in labels_.groups[_SHARED] else v)
    for level, name in enumerate(shown.index.names):
        if isinstance(name, str) and name in labels_.groups and name != _SHARED:
            shown.index = shown.index.set_levels(
                [value(name, v) for v in shown.index.levels[level]], level=level) \
                if shown.index.nlevels > 1 else shown.index.map(lambda v, c=name: value(c, v))
    _check_distinct_headers(shown.columns, header, "columns")
    _check_distinct_headers(shown.index.names, header, "index levels")
    shown = shown.rename(columns=header)
    shown.index = shown.index.set_names([header(n) for n in shown.index.names])
    if shown.columns.name is not None:
        shown.columns.name = header(shown.columns.name)
    return shown


def _check_distinct_headers(names: Iterable[object], header: Any, what: str) -> None:
    """Raise :class:`ValueError` when *header* gives two distinct *names* (column codes) the same header."""
    codes: dict[object, list[object]] = {}
    for name in dict.fromkeys(names):
        if isinstance(name, tuple):  # a MultiIndex column: rename maps every level
            shown: object = tuple(header(n) for n in name)
        else:
            shown = header(name)
        codes.setdefault(shown, []).append(name)
    clashes = [(shown, found) for shown, found in codes.items() if len(found) > 1]
    if clashes:
        shown, found = clashes[0]
        raise ValueError(f"{what} {' and '.join(map(str, found))} would both be shown as {shown!r} in Chinese; "
                         "they are synonyms (same_meaning in labels.yaml): keep one of them in the table, "
                         "or rename one before localised()")


# --------------------------------------------------------------------------- the other language

# The Unicode Script property Han (the `regex` module's \p{Han}), not hand-written block ranges: it
# also covers 〇 and 々 (二〇二四年), the radicals and the newest extensions.
_HAN = r"\p{Han}"
_HAN_RUN = regex.compile(f"[{_HAN}]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:['’.\-][A-Za-z0-9_]+)*")
_CODE = re.compile(r"```.*?```|`[^`\n]*`|https?://\S+", re.S)
_QUOTED = regex.compile(f"“[^”]*”|\"[^\"\\n]*\"|‘[^’]*’|'[{_HAN}·、 ]+'|「[^」]*」|『[^』]*』|《[^》]*》"
                     f"|[(（][{_HAN}·、，, ]+[)）]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9²]*(?:[-.][A-Z0-9²]+)*s?")


def _blank(pattern: re.Pattern[str] | regex.Pattern[str], text: str) -> str:
    """*text* with the matches of *pattern* replaced by spaces (so nothing joins across them)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _allowed_latin(word: str, allowed: set[str]) -> bool:
    return (len(word) == 1 or word in allowed or word in UNITS or bool(_ACRONYM.fullmatch(word))
            or any(c.isdigit() or c == "_" for c in word) or word.rstrip("’'s") in allowed)


def foreign_words(text: str, language: str, allow: Iterable[str] = (), path: str | Path = LABELS_PATH) -> list[str]:
    """The words of the other language in *text* written in *language*, once each in order of
    appearance; [] when the text is all *language*. The rule is in the module's docstring.

    >>> foreign_words("主题数 k 的选择：NPMI 与 UMass 一致性，`doc_id` 见 documents.csv", "zh")
    ['documents.csv']
    >>> foreign_words("Items per plan in the work plans (工作要点) of 宁波 and 深圳", "en", allow=["宁波 2024"])
    ['深圳']
    >>> foreign_words("各部分的条目数 by section", "zh")
    ['by', 'section']
    """
    _check_language(language)
    table = load_labels(path)
    allow = list(allow)
    text = _blank(_CODE, str(text))
    if language == "zh":
        allowed = set(table.proper_names) | {w for a in allow for w in _LATIN_WORD.findall(a)}
        found = [w for w in _LATIN_WORD.findall(text) if not _allowed_latin(w, allowed)]
    else:
        allowed = {r for a in allow for r in _HAN_RUN.findall(a)}
        found = [r for r in _HAN_RUN.findall(_blank(_QUOTED, text)) if r not in allowed]
    return list(dict.fromkeys(found))


_SECTION_NUMERALS = tuple("一二三四五六七八九十") + tuple(f"十{d}" for d in "一二三四五六七八九") + ("二十",)


def corpus_words(documents: pd.DataFrame) -> list[str]:
    """The corpus's own names, which either language shows as they are (for *allow*): the registry's
    place names with and without suffix, the plans' labels (宁波 2024, 河北某市 2024) and the section
    numerals plans number their parts with (一 … 二十).

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["ningbo_2024"], "province": ["浙江省"], "city": ["宁波市"],
    ...                      "county": [None], "admin_level": ["city"], "year": [2024]})
    >>> corpus_words(docs)[:5]
    ['宁波', '宁波市', '浙江', '浙江省', '宁波 2024']
    """
    from .registry import doc_labels, place_names

    return [*sorted(place_names(documents)), *doc_labels(documents).tolist(), *_SECTION_NUMERALS]


def figure_strings(fig: Any) -> list[str]:
    """Every visible, non-empty text of a matplotlib figure (titles, axis labels, tick labels, legend
    entries, annotations), in the figure's artist order; duck-typed, so this module never imports matplotlib.
    The figure is drawn first: tick labels exist only once it has been.

    >>> import matplotlib; matplotlib.use("Agg"); import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(); _ = ax.set_title("items"); _ = ax.set_xticks([0, 1], ["east", "west"])
    >>> _ = ax.set_yticks([]); figure_strings(fig)
    ['east', 'west', 'items']
    >>> plt.close(fig)
    """
    seen: list[str] = []
    canvas = getattr(fig, "canvas", None)
    if canvas is not None:
        canvas.draw()
    for artist in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_visible")):
        text = artist.get_text()
        if artist.get_visible() and isinstance(text, str) and text.strip():
            seen.append(text)
    return seen
