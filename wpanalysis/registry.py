"""The registry: its columns, controlled values and their display order, loading and checking,
document labels and place names, and the full-text selection.

The registry (``data/raw/documents.csv``, one row per plan; see the README's data
dictionary) is what a person writes about each plan. Every other module that needs a
registry column, a controlled value, a group of plans or a document's label asks here.

Example::

    from wpanalysis import registry
    reg = registry.load_registry()                 # checked; Int64 year and counts
    registry.group_values(reg, "region")           # doc_id → east / central / … / unknown
    registry.doc_labels(reg)                       # doc_id → "宁波 2024"
    registry.check_evidence(reg, "data/raw")       # [] when every evidence quote is in its file

**Checking.** The registry's form is declared once, as a pandera schema over the cells as
text (:func:`registry_schema`: each column's type, allowed values or pattern, whether it may
be empty, unique ``doc_id``, ``part`` ≥ 1 and one row per part of a file, years
1949–next year, ISO ``notice_date``, the ``evidence`` grammar). Validation is lazy: one
:class:`RegistryError` lists every problem as ``documents.csv row N (doc_id X), column C:
found 'V', expected …`` with N the row a spreadsheet shows. A registry that is not UTF-8
(Excel saves GB18030 on a Chinese system) is read anyway and reported
(:class:`RegistryWarning`; :func:`read_registry` returns the note). :func:`check_evidence`
checks that every evidence quote is verbatim text of its file.

**Why pandera, not frictionless.** Measured on a 1,000-row registry made from the seed rows
(31 bad years in a second copy): pandera 0.35 validates it in 38 ms (read + validate 71 ms),
frictionless 5.21 reads and validates the same CSV in 90 ms and finds the same 31 errors; both
import in about 0.2–0.3 s warm (pandera up to 0.8 s cold, so it is imported only when a
registry is checked). Speed does not decide. pandera does because it is already a pinned
dependency with five small requirements, while frictionless would add about twenty
(pydantic, jsonschema, petl, typer, rich, …); it checks the DataFrame the package works with
anyway; and the checks Table Schema lacks (the evidence grammar, one row per part of a file)
are plain pandas functions inside the same schema rather than a frictionless plugin.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import warnings
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import config

if TYPE_CHECKING:
    import pandera.pandas as pa

__all__ = [
    "REGISTRY_COLUMNS",
    "ADMIN_LEVELS",
    "REGIONS",
    "COMPLETENESS",
    "GROUP_COLUMNS",
    "GROUP_ORDER",
    "UNKNOWN",
    "FULL_TEXT",
    "FIRST_YEAR",
    "RegistryError",
    "RegistryWarning",
    "raw_file",
    "load_registry",
    "read_registry",
    "parse_registry",
    "decode_registry",
    "registry_schema",
    "validate_registry",
    "parse_evidence",
    "evidence_problems",
    "check_evidence",
    "group_values",
    "place_names",
    "doc_labels",
    "full_text_ids",
    "keep_full_text",
]


REGISTRY_COLUMNS = [
    "doc_id", "source_file", "part", "title", "issuer", "province", "city", "county",
    "admin_level", "region", "year", "notice_date", "completeness", "expected_sections",
    "expected_subsections", "expected_items", "expected_first_item", "expected_last_item",
    "evidence", "notes",
]



_INT_COLUMNS = ["part", "year", "expected_sections", "expected_subsections", "expected_items",
                "expected_first_item", "expected_last_item"]



ADMIN_LEVELS = {"province", "city", "county-level city", "county", "district"}



REGIONS = {"east", "central", "west", "northeast"}



COMPLETENESS = {"full", "partial", "outline-only"}



class RegistryError(ValueError):
    """The registry cannot be used; the message lists every problem, one per line.

    ``problems`` holds the same lines (``documents.csv row 3 (doc_id x), column year: …``).
    """

    def __init__(self, message: str, problems: Sequence[str] = ()):
        super().__init__(message)
        self.problems = list(problems)


class RegistryWarning(UserWarning):
    """The registry was read, but not as written by the book (e.g. a GB18030 file saved by Excel)."""


def raw_file(raw_dir: str | Path, source_file: str) -> Path:
    """The registered file ``raw_dir/source_file``, confined to *raw_dir*: a ``..``, an absolute
    path or a symlink that leads out of the raw folder raises :class:`RegistryError`.

    >>> raw_file("data/raw", "../x.txt")
    Traceback (most recent call last):
    ...
    wpanalysis.registry.RegistryError: source_file '../x.txt' leads out of the raw folder raw/ (refused: a ../ path)
    """
    raw_dir = Path(raw_dir)
    source = str(source_file)
    path = raw_dir / source
    why = ("an absolute path" if Path(source).is_absolute() else "a ../ path" if ".." in Path(source).parts
           else None)
    if why is None:
        root, target = raw_dir.resolve(), path.resolve()
        if target != root and root not in target.parents:
            why = f"a symlink to {target}"
        elif target == root:
            why = "the raw folder itself"
    if why is not None:
        raise RegistryError(f"source_file '{source}' leads out of the raw folder {raw_dir.name}/ (refused: {why})")
    return path


FIRST_YEAR = 1949
"""The earliest plausible plan year; the latest is next year (a December plan for the coming year)."""

# Codecs charset-normalizer reports for Chinese national encodings; GB18030 reads them all.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn"}


def _detect_encoding(data: bytes) -> str:
    """The codec of bytes that are not UTF-8: charset-normalizer's guess, GB18030 when it has none."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # not a declared dependency: fall back to the likeliest Excel codec
        return "gb18030"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
    else:  # Excel on a Chinese system; a few characters ('2024年') are easily mistaken for Latin or Big5
        if sum(b >= 0x80 for b in data) < 40:
            return "gb18030"
        best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is None or best.encoding.lower().replace("-", "_") in _GB_FAMILY:
        return "gb18030"
    return best.encoding


def decode_registry(path: str | Path) -> tuple[str, str]:
    """The registry's text and the codec that read it: ``utf-8`` (``utf-8-sig`` with a BOM), else
    the detected one (``gb18030`` for a registry Excel saved on a Chinese system).

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "documents.csv"
    >>> _ = p.write_bytes("doc_id,title\\nx,某市教育局2025年工作要点\\n".encode("gbk"))
    >>> decode_registry(p)[1]
    'gb18030'
    """
    path = Path(path)
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError as err:
        utf8_error = err
    encoding = _detect_encoding(data)
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        raise RegistryError(
            f"{path}: cannot read the registry: not UTF-8 (byte {data[utf8_error.start]:#04x} at offset "
            f"{utf8_error.start}) and not {encoding} either; save it as CSV UTF-8") from None


def _encoding_note(path: Path, encoding: str) -> str:
    name = encoding.upper().replace("_", "-")
    return (f"{path.name} is {name}-encoded (saved by Excel?); read it as such — save as UTF-8 to "
            "silence this")


@functools.cache
def registry_schema() -> pa.DataFrameSchema:
    """The registry's schema (pandera), on the cells as text: one column each, its form in words.

    Each check's ``error`` is the form a cell must have; :func:`validate_registry` quotes it.
    """
    import pandera.pandas as pa

    def text(required: bool = False, *checks: pa.Check, unique: bool = False) -> pa.Column:
        return pa.Column(str, nullable=not required, unique=unique, checks=list(checks), required=True)

    def matches(pattern: str, form: str) -> pa.Check:
        return pa.Check.str_matches(pattern, error=form)

    def one_of(column: str) -> pa.Check:
        values = _CONTROLLED[column]
        return pa.Check.isin(sorted(values), error="one of " + ", ".join(GROUP_ORDER[column]))

    last = date.today().year + 1
    whole, positive = r"^[0-9]+$", r"^[1-9][0-9]*$"
    columns = {
        "doc_id": text(True, matches(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", "an ASCII id of letters, digits, _ . - "
                                     "(ningbo_2024)"), unique=True),
        "source_file": text(True, matches(r"^(?!\.\.?$)[^/\\]+$", "a file name in the raw folder, without a folder")),
        "part": text(False, matches(positive, "a whole number ≥ 1 (the plan's position in its file)")),
        "year": text(False, pa.Check(lambda s: s.str.fullmatch(r"[0-9]{4}") & pd.to_numeric(s, errors="coerce")
                                     .between(FIRST_YEAR, last), error=f"a year {FIRST_YEAR}–{last}, digits only "
                                     "(2025, not 2025年)")),
        "notice_date": text(False, pa.Check(_iso_dates, error="an ISO date YYYY-MM-DD (2023-03-21)")),
        "evidence": text(False, pa.Check(lambda s: s.map(lambda v: not evidence_problems(v)).astype(bool),
                                         error="attribute=quote|quote; attribute=… with registry column names")),
        **{c: text(False, one_of(c)) for c in _CONTROLLED},
        **{c: text(False, matches(positive if c.endswith("_item") else whole,
                                  "a whole number ≥ 1" if c.endswith("_item") else "a whole number ≥ 0"))
           for c in _INT_COLUMNS if c.startswith("expected_")},
    }
    columns.update({c: text() for c in REGISTRY_COLUMNS if c not in columns})
    pair = pa.Check(_unique_parts, error="a part number no other row of the same source_file uses")
    return pa.DataFrameSchema({c: columns[c] for c in REGISTRY_COLUMNS}, checks=[pair], strict=False)


def _unique_parts(frame: pd.DataFrame) -> pd.Series | bool:
    """No two rows name the same part of the same file (an empty part is part 1, as the build reads it)."""
    if not {"source_file", "part"} <= set(frame.columns):
        return True  # the missing column is reported on its own
    return ~frame.assign(part=frame["part"].fillna("1")).duplicated(["source_file", "part"], keep=False)


def _iso_dates(s: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(s.where(s.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")), format="%Y-%m-%d",
                            errors="coerce")
    return parsed.notna()


_CONTROLLED = {"admin_level": ADMIN_LEVELS, "region": REGIONS, "completeness": COMPLETENESS}

# Forms of pandera's built-in checks, in the words of the messages.
_BUILTIN_FORMS = {"not_nullable": "a value (the column is required)", "field_uniqueness": "a doc_id no other row uses"}


def _problem_lines(frame: pd.DataFrame, failures: pd.DataFrame, name: str, rows: Sequence[int]) -> list[str]:
    """One ``documents.csv row N (doc_id X), column C: found 'V', expected F`` line per failed cell
    (``rows[i]`` is the spreadsheet row of frame row *i*)."""
    lines: dict[tuple[int, int], str] = {}
    missing = [c for c in REGISTRY_COLUMNS if c in set(failures.loc[failures["check"] == "column_in_dataframe",
                                                                     "failure_case"])]
    if missing:
        lines[(0, 0)] = (f"{name}: the header lacks column{'s' * (len(missing) > 1)} {', '.join(missing)} "
                         f"(the columns are {', '.join(REGISTRY_COLUMNS)})")
    for f in failures.itertuples(index=False):
        if f.check == "column_in_dataframe":
            continue
        if f.index is None or pd.isna(f.index):  # a failure of the whole column
            lines[(1, len(lines))] = f"{name}: column {f.column}: {f.check} ({f.failure_case})"
            continue
        i = int(f.index)
        column = "part" if f.schema_context == "DataFrameSchema" else str(f.column)
        value = frame.at[i, column]
        found = "" if pd.isna(value) else str(value)
        doc_id = frame.at[i, "doc_id"] if "doc_id" in frame.columns else None
        where = f"doc_id {doc_id}" if isinstance(doc_id, str) else "no doc_id"
        lines[(rows[i], REGISTRY_COLUMNS.index(column))] = (
            f"{name} row {rows[i]} ({where}), column {column}: found '{_shorten(found)}', "
            f"expected {_form(frame, i, column, str(f.check), rows)}")
    return [lines[k] for k in sorted(lines)]


def _form(frame: pd.DataFrame, i: int, column: str, check: str, rows: Sequence[int]) -> str:
    """The form a failed cell should have, with what points at the fix (the other row, the bad clause)."""
    form = _BUILTIN_FORMS.get(check, check)
    if check == "field_uniqueness" or column == "part":
        if column != "doc_id" and "source_file" not in frame.columns:
            return form
        key = frame["doc_id"] if column == "doc_id" else frame["source_file"] + "#" + frame["part"].fillna("1")
        others = [str(rows[k]) for k in frame.index[key == key[i]] if k != i]
        form += f" (also in row {', '.join(others)})" if others else ""
    elif column == "evidence":
        form += f" ({'; '.join(evidence_problems(frame.at[i, column]))})"
    return form


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def validate_registry(frame: pd.DataFrame, name: str = "documents.csv", rows: Sequence[int] | None = None) -> None:
    """Check the registry's cells (as text, empty cells missing) against :func:`registry_schema`;
    raise one :class:`RegistryError` listing every problem. Rows are numbered as a spreadsheet
    shows them: the header is row 1, frame row *i* is ``rows[i]`` (default ``i + 2``).

    >>> frame = pd.DataFrame({c: [pd.NA] for c in REGISTRY_COLUMNS}).assign(
    ...     doc_id="x_2025", source_file="x.txt", year="2025年")
    >>> try:
    ...     validate_registry(frame)
    ... except RegistryError as err:
    ...     print(err.problems[0].partition(", expected")[0])
    documents.csv row 2 (doc_id x_2025), column year: found '2025年'
    """
    import pandera.pandas as pa

    try:
        registry_schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        _raise(name, _problem_lines(frame, err.failure_cases, name, rows or range(2, len(frame) + 2)))


def _raise(name: str, problems: list[str]) -> None:
    noun = "problem" if len(problems) == 1 else "problems"
    raise RegistryError(f"{name}: {len(problems)} {noun} in the registry:\n" + "\n".join(problems), problems)


def _records(text: str, name: str) -> tuple[pd.DataFrame, list[int]]:
    """The CSV text as a frame of text cells and the spreadsheet row of each frame row. Empty lines
    and rows of empty cells (``,,,,`` left by Excel) are skipped; rows whose cell count differs from
    the header's are reported (their cells cannot be trusted)."""
    records = _csv_records(text, name)
    if not records:
        raise RegistryError(f"{name}: the file is empty (write the header: {','.join(REGISTRY_COLUMNS)})")
    header = records[0]
    numbered = [(n, row) for n, row in enumerate(records[1:], start=2) if any(cell.strip() for cell in row)]
    problems = [f"{name}: column {c} appears more than once in the header" for c in sorted(set(header))
                if header.count(c) > 1]
    id_at = header.index("doc_id") if "doc_id" in header else 0
    for i, row in numbered:
        if len(row) != len(header):
            hint = "a comma inside a cell needs the cell in double quotes" if len(row) > len(header) else \
                "a cell or its comma is missing"
            problems.append(f"{name} row {i} (doc_id {row[id_at] if len(row) > id_at else ''}): {len(row)} cells, "
                            f"but the header has {len(header)} columns ({hint})")
    if problems:
        _raise(name, problems)
    return pd.DataFrame([row for _, row in numbered], columns=header, dtype=str), [n for n, _ in numbered]


def _csv_records(text: str, name: str) -> list[list[str]]:
    """The CSV records, read strictly: a stray or unbalanced double quote, which a lenient reader
    silently drops or lets swallow the following cells and lines, is a :class:`RegistryError`
    naming the row, the line, the column and the form a quoted cell must have."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    start = 1  # the line the next record starts on
    try:
        for record in reader:
            records.append(record)
            start = reader.line_num + 1
    except csv.Error as err:
        lines = text.splitlines()
        header = records[0] if records else []
        line = lines[start - 1] if start <= len(lines) else ""
        k, near = _quote_cell(line)
        column = header[k] if k < len(header) else f"cell {k + 1}"
        where = f"{name} row {len(records) + 1} (line {start}), column {column}"
        if "end of data" in str(err):
            span = f"line {start}" if start >= len(lines) else f"lines {start}–{len(lines)}"
            problem = (f"a double quote opens the cell ({_shorten(near, 30)}) and is never closed, so everything "
                       f"after it on {span} would be read into this one cell")
        else:
            problem = (f"a stray double quote inside the cell ({_shorten(near, 30)}), which a CSV reader drops or "
                       "lets shift the columns after it")
        _raise(name, [f"{where}: {problem}; expected a cell without double quotes, or the whole cell in double "
                      'quotes with each quote inside doubled ("某市""十四五""规划")'])
    return records


def _quote_cell(line: str) -> tuple[int, str]:
    """The index of the first cell of a CSV *line* whose double quotes are malformed, and its text.

    >>> _quote_cell('a,"b"c,d'), _quote_cell('a,b,"c,d')
    ((1, '"b"c'), (2, '"c,d'))
    """
    cell, i, start = 0, 0, 0
    while i < len(line):
        if line[i] == '"' and i == start:  # a quoted cell: find its closing quote
            j = i + 1
            while j < len(line):
                if line[j] == '"' and line[j + 1:j + 2] == '"':
                    j += 2
                elif line[j] == '"':
                    break
                else:
                    j += 1
            if j >= len(line) or (j + 1 < len(line) and line[j + 1] != ","):
                end = line.find(",", j + 1) if j < len(line) else -1
                return cell, line[start:end if end >= 0 else len(line)]
            i = j + 1
        elif line[i] == ",":
            cell, i, start = cell + 1, i + 1, i + 1
        else:
            i += 1
    return cell, line


def parse_registry(text: str, name: str = "documents.csv") -> pd.DataFrame:
    """The registry from its CSV text, validated (:func:`validate_registry`): empty cells missing,
    integer columns ``Int64``.

    >>> parse_registry(",".join(REGISTRY_COLUMNS) + "\\n").shape
    (0, 20)
    """
    reg, rows = _records(text, name)
    reg = reg.replace({"": pd.NA})
    validate_registry(reg, name, rows)
    for col in _INT_COLUMNS:
        reg[col] = pd.to_numeric(reg[col]).astype("Int64")
    return reg


def read_registry(path: str | Path = config.REGISTRY_PATH) -> tuple[pd.DataFrame, list[str]]:
    """The checked registry and notes on how it was read (a non-UTF-8 encoding), for the caller to print."""
    path = Path(path)
    text, encoding = decode_registry(path)
    notes = [] if encoding.startswith("utf-8") else [_encoding_note(path, encoding)]
    return parse_registry(text, path.name), notes


def load_registry(path: str | Path = config.REGISTRY_PATH) -> pd.DataFrame:
    """Read the registry and check it against its schema (:func:`registry_schema`).

    Empty cells stay missing (``<NA>``); integer columns use pandas' ``Int64``. A registry
    that is not UTF-8 (Excel's GB18030) is read and reported with a :class:`RegistryWarning`;
    every problem of the cells comes in one :class:`RegistryError`. Example::

        reg = load_registry("data/raw/documents.csv")
    """
    reg, notes = read_registry(path)
    for note in notes:
        warnings.warn(RegistryWarning(note), stacklevel=2)
    return reg


EVIDENCE_HELP = "attribute=quote1|quote2; attribute=quote3"


def parse_evidence(evidence: str) -> list[tuple[str, list[str]]]:
    """An ``evidence`` cell as ``(attribute, quotes)`` pairs.

    >>> parse_evidence("year=2024年工作要点|印发2024年; issuer=宁波市教育局")
    [('year', ['2024年工作要点', '印发2024年']), ('issuer', ['宁波市教育局'])]
    """
    pairs = []
    for clause in evidence.split(";"):
        clause = clause.strip()
        if clause:
            attribute, _, quotes = clause.partition("=")
            pairs.append((attribute.strip(), quotes.split("|") if quotes else []))
    return pairs


def evidence_problems(evidence: str) -> list[str]:
    """What is wrong with the form of an ``evidence`` cell (not whether its quotes are in the text).

    >>> evidence_problems("year=2024年; place=宁波市|")
    ["'place' is not a registry column", "an empty quote for 'place'"]
    """
    problems = []
    for attribute, quotes in parse_evidence(evidence):
        if attribute not in REGISTRY_COLUMNS:
            problems.append(f"{attribute!r} is not a registry column")
        if not quotes:
            problems.append(f"no quote for {attribute!r} (write {EVIDENCE_HELP})")
        elif not all(quotes):
            problems.append(f"an empty quote for {attribute!r}")
    return problems


def check_evidence(registry: pd.DataFrame | str | Path, raw_dir: str | Path = config.RAW_DATA_DIR) -> list[str]:
    """Every evidence quote that is not verbatim text of its row's source file, one line each.

    Files are read with :func:`wpanalysis.read.read_text` (any encoding, .docx, PDF, web page), so a
    quote is checked against the text as the parser sees it before cleaning. Rows are numbered as
    in a spreadsheet. Example::

        check_evidence("data/raw/documents.csv", "data/raw")   # [] when every quote is in its file
    """
    from .read import ReadError, read_text

    reg = registry if isinstance(registry, pd.DataFrame) else load_registry(registry)
    raw_dir = Path(raw_dir)
    texts: dict[str, str | Exception] = {}
    problems = []
    for i, row in enumerate(reg.itertuples(index=False), start=2):
        if not isinstance(row.evidence, str) or not row.evidence.strip():
            continue
        where = f"documents.csv row {i} (doc_id {row.doc_id})"
        if row.source_file not in texts:
            try:
                texts[row.source_file] = read_text(raw_file(raw_dir, row.source_file)).text
            except (ReadError, OSError, RegistryError) as err:
                texts[row.source_file] = err
        text = texts[row.source_file]
        if isinstance(text, Exception):
            problems.append(f"{where}: cannot check its evidence: {text}")
            continue
        problems += [f"{where}, evidence: {p}" for p in evidence_problems(row.evidence)]
        for attribute, quotes in parse_evidence(row.evidence):
            problems += [f"{where}, evidence for {attribute}: '{q}' is not in {row.source_file}"
                         for q in quotes if q and q not in text]
    return problems



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



def place_names(documents: pd.DataFrame) -> frozenset[str]:
    """The registry's place names (province, city, county) with and without their suffix.

    >>> sorted(place_names(pd.DataFrame({"province": ["广东省"], "city": ["深圳市"], "county": [None]})))
    ['广东', '广东省', '深圳', '深圳市']
    """
    names: set[str] = set()
    for column in ("province", "city", "county"):
        if column not in documents.columns:
            continue
        for value in documents[column]:
            if isinstance(value, str) and value.strip():
                names.add(value.strip())
                short = _PLACE_SUFFIX.sub("", value.strip())
                if len(short) >= 2:
                    names.add(short)
    return frozenset(names)



def _groups_for(documents: pd.DataFrame, column: str, present: pd.Index) -> tuple[pd.Series, list]:
    """doc_id → group of the documents in *present*, and the groups in display order
    (grouping by ``doc_id`` keeps each document apart, in registry order)."""
    if column == "doc_id":
        groups = pd.Series(present, index=present, dtype=object)
        return groups, [d for d in documents["doc_id"].astype(object) if d in present]
    groups = group_values(documents, column)
    groups = groups[groups.index.isin(present)]
    return groups, _order_groups(column, groups.unique())




# The place columns a document of each administrative level is expected to fill.
_PLACE_COLUMNS: dict[str, tuple[str, ...]] = {
    "province": ("province",),
    "city": ("province", "city"),
    "county-level city": ("province", "city", "county"),
    "county": ("province", "city", "county"),
    "district": ("province", "city", "county"),
}



# How a short label names a place the text redacts or does not give, by admin level.
_SOME_PLACE = {"province": "某省", "city": "某市", "county-level city": "某市", "county": "某县", "district": "某区"}



_PLACE_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|地区|省|市|县|区)$")






def _known(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""



def _short_place(name: str) -> str:
    """宁波市 → 宁波: drop the administrative suffix when two or more characters remain."""
    short = _PLACE_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name



def _label(row: pd.Series) -> str | None:
    level = row.get("admin_level")
    columns = _PLACE_COLUMNS.get(level, ("province", "city", "county"))
    known = [c for c in columns if _known(row.get(c))]
    if not known:
        return None
    place = _short_place(row[known[-1]])
    if known[-1] != columns[-1]:  # the place itself is redacted or not given
        place += _SOME_PLACE.get(level, "某地")
    return f"{place} {row['year']}" if pd.notna(row.get("year")) else place



def doc_labels(documents: pd.DataFrame) -> pd.Series:
    """Short Chinese labels for figures, indexed by ``doc_id``: "宁波 2024".

    The label names the most specific known place without its suffix (市, 县, 省 …) and
    the year; a place the text does not name at the document's level becomes 某市/某县
    (``河北某市 2024``). Documents with no known place, or whose label would repeat another
    document's, are labelled by their ``doc_id``.

    >>> docs = pd.DataFrame({"doc_id": ["ningbo_2024", "x_2024"], "province": ["浙江省", None],
    ...                      "city": ["宁波市", None], "county": [None, None],
    ...                      "admin_level": ["city", "county"], "year": [2024, 2024]})
    >>> doc_labels(docs).tolist()
    ['宁波 2024', 'x_2024']
    """
    labels = pd.Series([_label(row) for _, row in documents.iterrows()], index=documents["doc_id"], dtype=object)
    repeated = labels.duplicated(keep=False) & labels.notna()
    labels = labels.where(labels.notna() & ~repeated, labels.index.to_series())
    labels.name = "label"
    return labels.astype(str)



FULL_TEXT: tuple[str, ...] = ("full", "partial")
"""Registry ``completeness`` values of plans with body text (outline-only plans have titles only)."""



def full_text_ids(documents: pd.DataFrame) -> list[str]:
    """``doc_id`` of the plans with body text (completeness ``full`` or ``partial``), in registry order.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "completeness": ["full", "outline-only", "partial"]})
    >>> full_text_ids(docs)
    ['a', 'c']
    """
    return documents.loc[documents["completeness"].isin(FULL_TEXT), "doc_id"].tolist()



def keep_full_text(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The rows of *table* (tokens or items, anything with ``doc_id``) that belong to full-text plans.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "completeness": ["full", "outline-only"]})
    >>> keep_full_text(pd.DataFrame({"doc_id": ["a", "b", "a"], "token": ["双减", "教师", "课后服务"]}), docs)
      doc_id token
    0      a    双减
    1      a  课后服务
    """
    return table[table["doc_id"].isin(full_text_ids(documents))].reset_index(drop=True)
