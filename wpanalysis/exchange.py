"""Round trip to qualitative-coding tools: coded sentences out to REFI-QDA (``.qdpx``: NVivo, ATLAS.ti,
MAXQDA) or Excel (``.xlsx``), and hand codes back in from the Excel sheet, with their agreement with the
machine's codes.

The input is a table of **coded sentences**: one row per sentence with ``doc_id``, ``item_seq``,
``sentence`` (the stable id of :func:`wpanalysis.sentences.sentence_table`), ``text``, ``start`` and
``end`` (offsets in the item's text, needed only with ``items``), and any of the code columns
``instrument_type``, ``instrument``, ``domain`` (a cell may hold several codes joined by ``|``, the
first being the primary one; blank = not coded). The codes' names and tree come from the YAML
codebooks (:func:`load_code_system`): the policy-domain codebook and the policy-instrument codebook,
whose instrument types are the parents of their sub-instruments.

Example::

    from wpanalysis import exchange
    codes = exchange.load_code_system()
    exchange.export_qdpx(coded, documents, codes, "plans.qdpx", items=items)
    exchange.export_xlsx(coded, codes, "to_code.xlsx", documents=documents, items=items)
    human = exchange.import_xlsx("to_code.xlsx", codes)     # after a coder filled human_* columns
    exchange.agreement_table(human, codes)                   # machine vs human, Cohen's kappa per column

Nothing is printed.
"""

from __future__ import annotations

import bisect
import math
import re
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd

from . import config
from .coding.agreement import cohens_kappa
from .files import write_atomically

__all__ = ["CODE_COLUMNS", "HUMAN_COLUMNS", "CODE_TABLE_COLUMNS", "XLSX_COLUMNS", "QDA_NAMESPACE",
           "CodeSystem", "CodeError", "QdpxReport", "load_code_system", "plan_sources", "export_qdpx",
           "export_xlsx", "import_xlsx", "coding_counts", "agreement_table", "store_human_codes",
           "human_coded", "coded_sentences", "utf16_offset"]

QDA_NAMESPACE = "urn:QDA-XML:project:1.0"
"""The namespace of the REFI-QDA Project schema (Project-mrt2019.xsd, QDA-XML 1.0 of 18 March 2019)."""

CODE_COLUMNS: dict[str, tuple[str, str]] = {"instrument_type": ("instruments", "type"),
                                            "instrument": ("instruments", "leaf"),
                                            "domain": ("domains", "leaf")}
"""Code column → (codebook, which of its codes are allowed: ``type`` = top level, ``leaf`` = codes without
children)."""

HUMAN_COLUMNS: dict[str, str] = {"human_instrument": "instrument", "human_domain": "domain"}
"""The hand-coding columns of the Excel sheet and the machine column each is compared with."""

CODE_TABLE_COLUMNS = ["codebook", "code", "parent", "level", "zh", "en", "description"]
ID_COLUMNS = ["doc_id", "item_seq", "sentence"]
XLSX_COLUMNS = ["doc_id", "item_seq", "item_number", "sentence", "plan", "item", "text", "instrument_type",
                "instrument", "domain", "evidence", "human_instrument", "human_domain", "notes"]
"""Columns of the Excel sheet, in order (machine columns absent from the input are left out)."""

NONE = "none"
DEFAULT_CODEBOOKS = {"domains": config.RESOURCES_DIR / "codebook_domains.yaml",
                     "instruments": config.RESOURCES_DIR / "codebook_instruments.yaml"}
_ROOT_NAMES = {"domains": ("政策领域", "Policy domains"), "instruments": ("政策工具", "Policy instruments")}
_LIST_KEYS = ("domains", "types", "codes", "instruments", "sub_instruments", "children")
_GUID_SPACE = uuid.UUID("7d1f6a52-3c0e-5b8e-9a43-1f2d6c0b9e11")  # fixed: the same export gives the same GUIDs


class CodeError(ValueError):
    """A hand code that is not in the codebook (the message names the file, the row and the code)."""


# ---------------------------------------------------------------------------------------------- code system


@dataclass(frozen=True)
class CodeSystem:
    """The codes of one or more codebooks as one table (:data:`CODE_TABLE_COLUMNS`): ``codebook``,
    ``code``, ``parent`` (empty at the top level), ``level`` (``type``/``instrument``/``domain``), the
    names ``zh``/``en`` and ``description``."""

    codes: pd.DataFrame

    def allowed(self, column: str) -> list[str]:
        """The codes a code column (or its ``human_`` twin) may hold, in codebook order.

        >>> codes = CodeSystem(pd.DataFrame([("instruments", "supply", "", "type", "供给型", "", ""),
        ...     ("instruments", "funding", "supply", "instrument", "资金投入", "", "")], columns=CODE_TABLE_COLUMNS))
        >>> codes.allowed("instrument_type"), codes.allowed("human_instrument")
        (['supply'], ['funding'])
        """
        codebook, which = CODE_COLUMNS[HUMAN_COLUMNS.get(column, column)]
        book = self.codes[self.codes["codebook"] == codebook]
        if which == "type":
            return book.loc[book["parent"] == "", "code"].tolist()
        parents = set(book["parent"])
        return [c for c in book["code"] if c not in parents]

    def parent(self, codebook: str, code: str) -> str:
        """The parent of *code* in *codebook* (``""`` at the top level)."""
        book = self.codes[(self.codes["codebook"] == codebook) & (self.codes["code"] == code)]
        return str(book["parent"].iloc[0]) if len(book) else ""

    def name(self, codebook: str, code: str) -> str:
        """The name a QDA tool shows for *code*: ``中文名 (id)``."""
        book = self.codes[(self.codes["codebook"] == codebook) & (self.codes["code"] == code)]
        return f"{book['zh'].iloc[0] or book['en'].iloc[0]} ({code})" if len(book) else code


def _entries(node: Mapping, codebook: str, parent: str, depth: int, rows: list[tuple]) -> None:
    """Append every code entry (a mapping with an ``id``) under *node*'s code lists, depth first."""
    for key in _LIST_KEYS:
        for entry in node.get(key) or []:
            if not isinstance(entry, Mapping) or "id" not in entry:
                continue
            code = str(entry["id"])
            level = ("type" if depth == 0 else "instrument") if codebook == "instruments" else "domain"
            rows.append((codebook, code, parent, level, str(entry.get("zh") or ""), str(entry.get("en") or ""),
                         " ".join(str(entry.get("description") or "").split())))
            _entries(entry, codebook, code, depth + 1, rows)


def load_code_system(paths: Mapping[str, str | Path] | None = None) -> CodeSystem:
    """The codes of the YAML codebooks *paths* (codebook name → file; default: the package's
    ``codebook_domains.yaml`` and ``codebook_instruments.yaml``).

    A code is any mapping with an ``id`` in a list under ``domains``, ``types``, ``codes``,
    ``instruments``, ``sub_instruments`` or ``children``; nesting gives the tree (an instrument type
    holds its sub-instruments). A ``none`` code (no domain fits; no policy act) is added at the top
    level of each codebook that lacks one. Ids must be unique within a codebook.

    >>> codes = load_code_system({"domains": config.RESOURCES_DIR / "codebook_domains.yaml"})
    >>> codes.allowed("domain")[:2], codes.allowed("domain")[-1], codes.name("domains", "party")
    (['party', 'moral'], 'none', '党建与意识形态 (party)')
    """
    import yaml

    rows: list[tuple] = []
    for codebook, path in (paths or DEFAULT_CODEBOOKS).items():
        if codebook not in _ROOT_NAMES:
            raise ValueError(f"unknown codebook {codebook!r}: expected one of {', '.join(_ROOT_NAMES)}")
        path = Path(path)
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        found: list[tuple] = []
        _entries(data, codebook, "", 0, found)
        if not found:
            raise ValueError(f"{path}: no codes found (a list of entries with an `id` under one of "
                             f"{', '.join(_LIST_KEYS)})")
        ids = [r[1] for r in found]
        if len(set(ids)) != len(ids):
            raise ValueError(f"{path}: code ids repeat: {', '.join(sorted({i for i in ids if ids.count(i) > 1}))}")
        if NONE not in ids:
            level = "type" if codebook == "instruments" else "domain"
            found.append((codebook, NONE, "", level, "未归类" if codebook == "domains" else "无政策工具", "none",
                          "no code of the codebook fits"))
        rows.extend(found)
    return CodeSystem(pd.DataFrame(rows, columns=CODE_TABLE_COLUMNS))


def _split_codes(value: object) -> list[str]:
    """The codes of one cell: ``a|b`` → ``['a', 'b']``; blank or missing → ``[]``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return []
    return [v.strip() for v in str(value).split("|") if v.strip()]


def _code_columns(coded: pd.DataFrame) -> list[str]:
    return [c for c in CODE_COLUMNS if c in coded.columns]


def _check_codes(coded: pd.DataFrame, codes: CodeSystem) -> None:
    """Every machine code must be in the code system (else the export could not link it)."""
    for column in _code_columns(coded):
        allowed = set(codes.allowed(column))
        bad = sorted({c for v in coded[column] for c in _split_codes(v)} - allowed)
        if bad:
            raise ValueError(f"column {column!r} holds codes that are not in the {CODE_COLUMNS[column][0]} "
                             f"codebook: {', '.join(bad)}")


# ---------------------------------------------------------------------------------------------- sources


def utf16_offset(text: str, index: int) -> int:
    """The position of ``text[index]`` counted in UTF-16 code units, as NVivo (and the .NET and Qt
    strings that QDA programs are written with) count it: a character outside the Basic Multilingual
    Plane (e.g. a rare CJK Extension B character) counts twice. Equal to *index* for other text.

    >>> utf16_offset("甲乙", 2), utf16_offset("\\U00020000乙", 2)
    (2, 3)
    """
    return index + bisect.bisect_left(_wide_chars(text), index)


def _wide_chars(text: str) -> list[int]:
    """Indices of the characters of *text* outside the Basic Multilingual Plane."""
    return [m.start() for m in _WIDE.finditer(text)]


_WIDE = re.compile("[\U00010000-\U0010FFFF]")


def _prefix(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA else str(value)


def _heading_lines(item: Mapping, last: dict[str, str]) -> list[str]:
    """Section and sub-section title lines when they change from the previous item."""
    lines = []
    for key in ("section", "subsection"):
        title = _prefix(item.get(f"{key}_title")).strip()
        number = _prefix(item.get(key))
        mark = f"{number}|{title}"
        if title and last.get(key) != mark:
            lines.append(title)
            if key == "section":
                last.pop("subsection", None)
        last[key] = mark if title else last.get(key, "")
    return lines


def _item_from_sentences(part: pd.DataFrame) -> tuple[str, list[int]]:
    """An item's text rebuilt from its sentences (no item text given): a sentence that ends in an
    end mark runs on, one that does not (a title, a line) ends its line. Returns text and starts."""
    text, starts = "", []
    for s in part["text"].astype(str):
        if text and not re.search(r"[。；！？;!?…][”’」』）)】〕》\"']*$", text):
            text += "\n"
        starts.append(len(text))
        text += s
    return text, starts


def plan_sources(coded: pd.DataFrame, documents: pd.DataFrame | None = None,
                 items: pd.DataFrame | None = None) -> tuple[dict[str, str], pd.DataFrame]:
    """The plain text of each plan (``{doc_id: text}``) and where each sentence lies in it.

    With *items* (the build's items table), a plan's text is its title line, then every item in
    order, each on its own line(s) as ``<item number>. <item text>`` (the item text as the package
    reads it), with section and sub-section titles on lines of their own when they change; a
    sentence lies at the item's start + its ``start``. Without *items*, each item is rebuilt from
    its coded sentences. Returns the texts and *coded*'s id columns with ``source_start`` and
    ``source_end`` (character positions, ``text[source_start:source_end]`` is the sentence).

    >>> items = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "item_number": [3], "text": ["建设。培训"]})
    >>> coded = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "sentence": [2], "text": ["培训"],
    ...                       "start": [3], "end": [5]})
    >>> texts, where = plan_sources(coded, items=items)
    >>> texts["a"], where[["source_start", "source_end"]].values.tolist()
    ('a\\n\\n3. 建设。培训\\n', [[9, 11]])
    """
    titles = {}
    if documents is not None and "title" in documents:
        titles = {str(d): _prefix(t).strip() for d, t in zip(documents["doc_id"], documents["title"])}
    texts, positions = {}, {}
    coded = coded[[c for c in [*ID_COLUMNS, "item_number", "text", "start", "end"] if c in coded.columns]]
    if items is not None:
        items = items[[c for c in ["doc_id", "item_seq", "item_number", "section", "section_title", "subsection",
                                   "subsection_title", "text"] if c in items.columns]]
    by_doc = dict(list(coded.groupby(coded["doc_id"].astype(str), sort=False)))
    items_by_doc = dict(list(items.groupby(items["doc_id"].astype(str), sort=False))) if items is not None else {}
    for doc_id, sentences in by_doc.items():
        lines = f"{titles.get(doc_id) or doc_id}\n\n"
        if items is not None:
            doc_items = items_by_doc.get(doc_id, items.iloc[:0]).sort_values("item_seq")
            where, last = {}, {}
            for item in doc_items.to_dict("records"):
                for line in _heading_lines(item, last):
                    lines += line + "\n"
                head = f"{_prefix(item.get('item_number')) or item['item_seq']}. "
                where[int(item["item_seq"])] = (len(lines) + len(head), _prefix(item["text"]))
                lines += head + _prefix(item["text"]) + "\n"
            for row in sentences.itertuples(index=False):
                begin, text = where.get(int(row.item_seq), (None, ""))
                if begin is None or text[int(row.start):int(row.end)] != row.text:
                    raise ValueError(f"sentence {doc_id}:{row.item_seq}:{row.sentence} is not "
                                     f"items.text[start:end] of its item: rebuild the sentences table")
                positions[(doc_id, int(row.item_seq), int(row.sentence))] = (begin + int(row.start),
                                                                            begin + int(row.end))
        else:
            for seq, part in sentences.groupby(sentences["item_seq"].astype(int), sort=True):
                part = part.sort_values("sentence")
                text, starts = _item_from_sentences(part)
                number = _prefix(part["item_number"].iloc[0]) if "item_number" in part else ""
                head = f"{number or seq}. "
                for s, row in zip(starts, part.itertuples(index=False)):
                    b = len(lines) + len(head) + s
                    positions[(doc_id, int(seq), int(row.sentence))] = (b, b + len(str(row.text)))
                lines += head + text + "\n"
        texts[doc_id] = lines
    keys = list(zip(coded["doc_id"].astype(str), coded["item_seq"].astype(int), coded["sentence"].astype(int)))
    where_df = coded[ID_COLUMNS].copy()
    where_df["source_start"] = [positions[k][0] for k in keys]
    where_df["source_end"] = [positions[k][1] for k in keys]
    return texts, where_df


# ---------------------------------------------------------------------------------------------- REFI-QDA


@dataclass(frozen=True)
class QdpxReport:
    """What :func:`export_qdpx` wrote: plans (sources), coded sentences (selections), codings (one per
    code of a selection), sentences with no code, and plans with characters outside the Basic
    Multilingual Plane (whose positions count them twice, see :func:`utf16_offset`)."""

    path: str
    n_sources: int
    n_selections: int
    n_codings: int
    n_uncoded: int
    n_wide_sources: int


def _guid(*parts: object) -> str:
    return str(uuid.uuid5(_GUID_SPACE, "\x1f".join(map(str, parts))))


def _el(parent: ET.Element, tag: str, **attrs: object) -> ET.Element:
    return ET.SubElement(parent, f"{{{QDA_NAMESPACE}}}{tag}", {k: str(v) for k, v in attrs.items() if v is not None})


def _codebook_xml(project: ET.Element, codes: CodeSystem) -> dict[tuple[str, str], str]:
    """The ``<CodeBook>``: one root code per codebook (not codable), its codes nested under their
    parents. Returns (codebook, code) → GUID."""
    book = _el(_el(project, "CodeBook"), "Codes")
    guids: dict[tuple[str, str], str] = {}
    for codebook in pd.unique(codes.codes["codebook"]):
        zh, en = _ROOT_NAMES[codebook]
        root = _el(book, "Code", guid=_guid("codebook", codebook), name=f"{zh} ({en})", isCodable="false")
        table = codes.codes[codes.codes["codebook"] == codebook]
        nodes = {"": root}
        for row in table.itertuples(index=False):  # parents come before their children (file order)
            node = _el(nodes[row.parent], "Code", guid=_guid("code", codebook, row.code),
                       name=codes.name(codebook, row.code), isCodable="true")
            text = " — ".join(x for x in (row.en, row.description) if x)
            if text:
                _el(node, "Description").text = text  # before any child code, as the schema orders them
            nodes[row.code] = node
            guids[(codebook, row.code)] = _guid("code", codebook, row.code)
    return guids


_VARIABLES = ("province", "city", "county", "admin_level", "region", "year")


def _cases_xml(project: ET.Element, documents: pd.DataFrame | None, sources: dict[str, str]) -> None:
    """``<Variables>`` and one ``<Case>`` per plan with its registry attributes (NVivo's case
    classification; MAXQDA's document variables), linked to the plan's source."""
    if documents is None:
        return
    docs = documents[documents["doc_id"].astype(str).isin(sources)]
    present = [v for v in _VARIABLES if v in docs.columns]
    if not present or docs.empty:
        return
    variables = _el(project, "Variables")
    for v in present:
        _el(variables, "Variable", guid=_guid("variable", v), name=v,
            typeOfVariable="Integer" if v == "year" else "Text")
    cases = _el(project, "Cases")
    for doc in docs.to_dict("records"):
        case = _el(cases, "Case", guid=_guid("case", doc["doc_id"]), name=str(doc["doc_id"]))
        for v in present:
            value = _prefix(doc.get(v)).strip()
            if not value:
                continue
            vv = _el(case, "VariableValue")
            _el(vv, "VariableRef", targetGUID=_guid("variable", v))
            _el(vv, "IntegerValue" if v == "year" else "TextValue").text = str(int(float(value))) if v == "year" \
                else value
        _el(case, "SourceRef", targetGUID=sources[str(doc["doc_id"])])


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wpanalysis")
    except PackageNotFoundError:
        return "(not installed)"


def _project_xml(coded: pd.DataFrame, where: pd.DataFrame, texts: dict[str, str], documents: pd.DataFrame | None,
                 codes: CodeSystem, name: str) -> tuple[ET.Element, dict[str, str], int, int]:
    """The ``project.qde`` tree, the source file names and the numbers of selections and codings."""
    ET.register_namespace("", QDA_NAMESPACE)
    user = _guid("user", "wpanalysis")
    project = ET.Element(f"{{{QDA_NAMESPACE}}}Project", {"name": name, "origin": f"wpanalysis {_version()}",
                                                         "creatingUserGUID": user})
    _el(_el(project, "Users"), "User", guid=user, name="wpanalysis (dictionary coding)", id="wpanalysis")
    guids = _codebook_xml(project, codes)
    source_guids = {doc_id: _guid("source", doc_id) for doc_id in texts}
    _cases_xml(project, documents, source_guids)
    sources = _el(project, "Sources")
    columns = _code_columns(coded)
    located = pd.concat([coded[[*ID_COLUMNS, *columns]].reset_index(drop=True), where[["source_start", "source_end"]]
                         .reset_index(drop=True)], axis=1)
    n_selections = n_codings = 0
    files = {}
    by_doc = {doc: part.to_dict("records") for doc, part in located.groupby(located["doc_id"].astype(str), sort=False)}
    for doc_id, text in texts.items():
        sguid = source_guids[doc_id]
        wide = _wide_chars(text)
        files[doc_id] = f"{sguid}.txt"
        source = _el(sources, "TextSource", guid=sguid, name=doc_id, plainTextPath=f"internal://{sguid}.txt",
                     creatingUser=user)
        for row in by_doc.get(doc_id, []):
            found = [(CODE_COLUMNS[c][0], code) for c in columns for code in _split_codes(row[c])]
            found = list(dict.fromkeys(found))
            if not found:
                continue
            sid = f"{doc_id}:{int(row['item_seq'])}:{int(row['sentence'])}"
            start, end = int(row["source_start"]), int(row["source_end"])
            selection = _el(source, "PlainTextSelection", guid=_guid("selection", sid), name=sid,
                            startPosition=start + bisect.bisect_left(wide, start),
                            endPosition=end + bisect.bisect_left(wide, end),
                            creatingUser=user)
            for codebook, code in found:
                coding = _el(selection, "Coding", guid=_guid("coding", sid, codebook, code), creatingUser=user)
                _el(coding, "CodeRef", targetGUID=guids[(codebook, code)])
                n_codings += 1
            n_selections += 1
    return project, files, n_selections, n_codings


def export_qdpx(coded: pd.DataFrame, documents: pd.DataFrame | None, codes: CodeSystem, path: str | Path,
                items: pd.DataFrame | None = None, name: str = "wpanalysis coded sentences") -> QdpxReport:
    """Write *coded* sentences as a REFI-QDA project (``.qdpx``) that NVivo, ATLAS.ti and MAXQDA import.

    Each plan is a plain-text source (:func:`plan_sources`: UTF-8, line ends ``\\n``, no byte-order
    mark, in ``sources/<guid>.txt``); the codebooks of *codes* are the code system (one root per
    codebook; instrument types are the parents of their sub-instruments); each sentence with at
    least one code is a ``PlainTextSelection`` named ``doc_id:item_seq:sentence`` whose
    ``startPosition``/``endPosition`` (0-based, end exclusive, :func:`utf16_offset`) cut out exactly
    its text, with one ``Coding`` per code of its code columns. With *documents*, each plan is
    also a case with its registry attributes (province … year). GUIDs are derived from the ids, so
    the same input gives the same project. The file is written atomically.

    >>> coded = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "sentence": [1], "text": ["加强教师培训。"],
    ...                       "domain": ["teachers"]})
    >>> codes = load_code_system({"domains": config.RESOURCES_DIR / "codebook_domains.yaml"})
    >>> report = export_qdpx(coded, None, codes, getfixture("tmp_path") / "a.qdpx")
    >>> report.n_sources, report.n_selections, report.n_codings
    (1, 1, 1)
    """
    missing = [c for c in [*ID_COLUMNS, "text", *(["start", "end"] if items is not None else [])]
               if c not in coded.columns]
    if missing:
        raise ValueError(f"the coded sentences lack column(s) {', '.join(missing)}")
    if coded.duplicated(ID_COLUMNS).any():
        raise ValueError("the coded sentences repeat an id (doc_id, item_seq, sentence)")
    _check_codes(coded, codes)
    texts, where = plan_sources(coded, documents, items)
    project, files, n_selections, n_codings = _project_xml(coded, where, texts, documents, codes, name)
    xml = ET.tostring(project, encoding="UTF-8", xml_declaration=True)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", xml)
            for doc_id, file in files.items():
                archive.writestr(f"sources/{file}", texts[doc_id].encode("utf-8"))

    write_atomically(path, write)
    wide = sum(bool(_WIDE.search(t)) for t in texts.values())
    n_uncoded = len(coded) - n_selections
    return QdpxReport(str(path), len(texts), n_selections, n_codings, n_uncoded, wide)


# ---------------------------------------------------------------------------------------------- Excel


def _sheet_table(coded: pd.DataFrame, documents: pd.DataFrame | None, items: pd.DataFrame | None) -> pd.DataFrame:
    """The rows of the Excel sheet: ids, plan, item, sentence text, machine codes, empty hand columns."""
    table = coded.copy()
    table["doc_id"] = table["doc_id"].astype(str)
    plans = {}
    if documents is not None:
        for doc in documents.to_dict("records"):
            plans[str(doc["doc_id"])] = _prefix(doc.get("title")).strip() or " ".join(
                _prefix(doc.get(k)).strip() for k in ("province", "city", "county", "year") if _prefix(doc.get(k)))
    table["plan"] = [plans.get(d, "") for d in table["doc_id"]]
    if items is not None:
        item_keys = list(zip(items["doc_id"].astype(str), items["item_seq"].astype(int)))
        keys = list(zip(table["doc_id"], table["item_seq"].astype(int)))
        titles = dict(zip(item_keys, items["title"])) if "title" in items else {}
        table["item"] = [_prefix(titles.get(k, "")) for k in keys]
        if "item_number" not in table and "item_number" in items:
            numbers = dict(zip(item_keys, items["item_number"]))
            table["item_number"] = [numbers.get(k) for k in keys]
    for column in [*HUMAN_COLUMNS, "notes"]:
        table[column] = ""
    return table[[c for c in XLSX_COLUMNS if c in table.columns]]


def _width(values: pd.Series, name: str, cap: int) -> float:
    """A readable column width: the longest of the header and the first 200 cells, a CJK character
    counting as two, at most *cap*."""
    def size(v: object) -> int:
        s = _prefix(v)
        return len(s) + sum(1 for ch in s if ord(ch) > 0x2E7F)
    longest = max([size(name), *(size(v) for v in values.head(200))])
    return float(min(cap, longest + 2))


def _codebook_sheet(book, codes: CodeSystem) -> dict[str, str]:
    """The ``codebook`` sheet (every code with its names and description, for the coder) and the
    hidden ``lists`` sheet whose columns feed the drop-down lists. Returns column → list range."""
    sheet = book.create_sheet("codebook")
    sheet.append(["column", *CODE_TABLE_COLUMNS])
    for column in HUMAN_COLUMNS:
        allowed = set(codes.allowed(column))
        codebook = CODE_COLUMNS[HUMAN_COLUMNS[column]][0]
        for row in codes.codes[codes.codes["codebook"] == codebook].itertuples(index=False):
            if row.code in allowed:
                sheet.append([column, *row])
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (18, 12, 26, 14, 12, 16, 30, 80)):
        sheet.column_dimensions[letter].width = width
    lists = book.create_sheet("lists")
    ranges = {}
    for k, column in enumerate(HUMAN_COLUMNS, start=1):
        allowed = codes.allowed(column)
        lists.cell(row=1, column=k, value=column)
        for r, code in enumerate(allowed, start=2):
            lists.cell(row=r, column=k, value=code)
        letter = lists.cell(row=1, column=k).column_letter
        ranges[column] = f"lists!${letter}$2:${letter}${len(allowed) + 1}"
    lists.sheet_state = "hidden"
    return ranges


def _cell(value: object) -> object:
    """A value openpyxl writes: None for a missing value, a Python number for a NumPy one."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value


def export_xlsx(coded: pd.DataFrame, codes: CodeSystem, path: str | Path, documents: pd.DataFrame | None = None,
                items: pd.DataFrame | None = None) -> Path:
    """Write *coded* sentences as an Excel workbook to code by hand; return *path*.

    Sheet ``sentences``: one row per sentence with the columns of :data:`XLSX_COLUMNS` that apply —
    the ids, ``plan`` (its title, from *documents*), ``item`` (the item's title, from *items*), the
    sentence ``text``, the machine's codes, and empty ``human_instrument``, ``human_domain`` (each with
    a drop-down list of the codebook's allowed codes) and ``notes``; header frozen, filters on,
    widths fitted to the text. Sheet ``codebook``: every allowed code with its names and
    description. A hidden sheet ``lists`` holds the drop-down lists. Written atomically.

    >>> coded = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "sentence": [1], "text": ["加强教师培训。"],
    ...                       "domain": ["teachers"]})
    >>> codes = load_code_system({"domains": config.RESOURCES_DIR / "codebook_domains.yaml"})
    >>> export_xlsx(coded, codes, getfixture("tmp_path") / "a.xlsx").name
    'a.xlsx'
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    missing = [c for c in [*ID_COLUMNS, "text"] if c not in coded.columns]
    if missing:
        raise ValueError(f"the coded sentences lack column(s) {', '.join(missing)}")
    _check_codes(coded, codes)
    table = _sheet_table(coded, documents, items)
    book = Workbook()
    sheet = book.active
    sheet.title = "sentences"
    sheet.append(list(table.columns))
    for row in table.itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    n = len(table) + 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for k, column in enumerate(table.columns, start=1):
        letter = sheet.cell(row=1, column=k).column_letter
        width = _width(table[column], column, 60 if column == "text" else 30)
        sheet.column_dimensions[letter].width = max(width, 40.0 if column == "notes" else 24.0) \
            if column in (*HUMAN_COLUMNS, "notes") else width
        if column in ("text", "item", "plan", "notes"):
            for cells in sheet[f"{letter}2:{letter}{n}"] if n > 1 else []:
                cells[0].alignment = wrap
    ranges = _codebook_sheet(book, codes)
    for column, source in ranges.items():
        if column not in table.columns:
            continue
        letter = sheet.cell(row=1, column=list(table.columns).index(column) + 1).column_letter
        check = DataValidation(type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=True,
                               errorTitle="Not a code of the codebook",
                               error="Choose a code from the list (see the codebook sheet).",
                               promptTitle=column, prompt="Choose a code; leave blank if not coded.")
        check.add(f"{letter}2:{letter}{max(n, 2)}")
        sheet.add_data_validation(check)
    write_atomically(path, lambda tmp: book.save(tmp))
    return Path(path)


def import_xlsx(path: str | Path, codes: CodeSystem) -> pd.DataFrame:
    """The hand codes of an Excel sheet written by :func:`export_xlsx` and filled in by a coder.

    Reads sheet ``sentences``; returns one row per sentence (every row of the sheet, none dropped)
    with ``row`` (the Excel row number), the ids, ``text``, the machine code columns present,
    ``human_instrument``, ``human_domain`` (``""`` = not coded) and ``notes``. Raises
    :class:`CodeError` naming the file, every row and the bad code when a hand code is not an
    allowed code of its codebook, and :class:`ValueError` when the id columns are missing or an id
    repeats. :func:`coding_counts` tells how many rows are coded and blank.
    """
    from openpyxl import load_workbook

    path = Path(path)
    book = load_workbook(path, read_only=True, data_only=True)
    if "sentences" not in book.sheetnames:
        raise ValueError(f"{path}: no sheet named 'sentences' (write the file with `wpanalysis export-coding "
                         f"--format xlsx`)")
    rows = list(book["sentences"].iter_rows(values_only=True))
    book.close()
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
    missing = [c for c in [*ID_COLUMNS, *HUMAN_COLUMNS] if c not in header]
    if missing:
        raise ValueError(f"{path}: sheet 'sentences' lacks column(s) {', '.join(missing)}")
    table = pd.DataFrame([list(r) + [None] * (len(header) - len(r)) for r in rows[1:]], columns=header, dtype=object)
    table.insert(0, "row", range(2, len(table) + 2))
    table = table[table[[c for c in header if c]].notna().any(axis=1)]  # rows Excel keeps after a clear
    for column in [*HUMAN_COLUMNS, "notes"]:
        table[column] = [_prefix(v).strip() for v in table[column]] if column in table else ""
    no_id = table[table[ID_COLUMNS].isna().any(axis=1)]["row"].tolist()
    if no_id:
        raise ValueError(f"{path}, sheet 'sentences': row(s) {no_id} lack a sentence id (doc_id, item_seq, "
                         f"sentence); restore them from the exported file")
    errors = []
    for column in HUMAN_COLUMNS:
        allowed = codes.allowed(column)
        book_codes = codes.codes[codes.codes["codebook"] == CODE_COLUMNS[HUMAN_COLUMNS[column]][0]]
        names = {str(n): c for c, zh, en in zip(book_codes["code"], book_codes["zh"], book_codes["en"])
                 for n in (zh, en) if n and c in allowed}
        for r, value in zip(table["row"], table[column]):
            if value and value not in allowed:
                hint = f" (the code of {value!r} is {names[value]!r})" if value in names else ""
                errors.append(f"row {r}: {column} {value!r}{hint}")
    if errors:
        allowed_text = "; ".join(f"{c}: {', '.join(codes.allowed(c))}" for c in HUMAN_COLUMNS)
        raise CodeError(f"{path}, sheet 'sentences': {len(errors)} code(s) not in the codebook — "
                        + ", ".join(errors[:20]) + (" …" if len(errors) > 20 else "")
                        + f". Allowed codes: {allowed_text}")
    table["item_seq"] = pd.to_numeric(table["item_seq"]).astype("Int64")
    table["sentence"] = pd.to_numeric(table["sentence"]).astype("Int64")
    table["doc_id"] = table["doc_id"].astype(str)
    if table.duplicated(ID_COLUMNS).any():
        dup = table[table.duplicated(ID_COLUMNS, keep=False)]["row"].tolist()
        raise ValueError(f"{path}: rows {dup} repeat a sentence id (doc_id, item_seq, sentence)")
    keep = ["row", *[c for c in XLSX_COLUMNS if c in table.columns]]
    return table[keep].reset_index(drop=True)


def coding_counts(human: pd.DataFrame) -> pd.DataFrame:
    """How many rows of an imported sheet (:func:`import_xlsx`) each hand column codes and leaves blank.

    >>> coding_counts(pd.DataFrame({"human_instrument": ["talent", ""], "human_domain": ["", ""]})).values.tolist()
    [['human_instrument', 2, 1, 1], ['human_domain', 2, 0, 2]]
    """
    rows = [(c, len(human), int((human[c] != "").sum()), int((human[c] == "").sum()))
            for c in HUMAN_COLUMNS if c in human]
    return pd.DataFrame(rows, columns=["column", "n_rows", "n_coded", "n_blank"])


# ---------------------------------------------------------------------------------------------- agreement


def _primary(value: object) -> str:
    codes = _split_codes(value)
    return codes[0] if codes else ""


def agreement_table(human: pd.DataFrame, codes: CodeSystem) -> pd.DataFrame:
    """The machine's codes against the hand codes of :func:`import_xlsx`, on the rows the coder coded.

    One row per comparison: ``human_instrument`` vs ``instrument``, the instrument type of the hand
    code (its parent in the codebook; a type without sub-instruments such as ``none`` is its own
    type) vs ``instrument_type``, and ``human_domain`` vs ``domain`` (the machine's primary domain,
    the first of ``a|b``). Columns: ``human``, ``machine``, ``n`` (rows compared), ``agreement``
    (share coded alike), ``kappa`` (Cohen's κ, :func:`wpanalysis.coding.agreement.cohens_kappa`;
    NaN when undefined). Comparisons whose machine column is absent are left out.

    >>> human = pd.DataFrame({"human_instrument": ["talent", "talent", "funding", ""],
    ...                       "instrument": ["talent", "funding", "funding", "talent"]})
    >>> codes = CodeSystem(pd.DataFrame([("instruments", "supply", "", "type", "", "", ""),
    ...     ("instruments", "talent", "supply", "instrument", "", "", ""),
    ...     ("instruments", "funding", "supply", "instrument", "", "", "")], columns=CODE_TABLE_COLUMNS))
    >>> agreement_table(human, codes).round(3).values.tolist()
    [['human_instrument', 'instrument', 3, 0.667, 0.4]]
    """
    pairs = [("human_instrument", "instrument", False), ("human_instrument", "instrument_type", True),
             ("human_domain", "domain", False)]
    rows = []
    for hand, machine, as_type in pairs:
        if hand not in human or machine not in human:
            continue
        coded = human[human[hand].astype(str) != ""]
        a = [str(v) for v in coded[hand]]
        if as_type:
            book = codes.codes[codes.codes["codebook"] == "instruments"]
            parents = dict(zip(book["code"], book["parent"]))
            a = [parents.get(v) or v for v in a]
        b = [_primary(v) for v in coded[machine]]
        kappa = cohens_kappa(a, b)
        rows.append((hand if not as_type else "human_instrument (type)", machine, len(a),
                     sum(x == y for x, y in zip(a, b)) / len(a) if a else math.nan, kappa))
    return pd.DataFrame(rows, columns=["human", "machine", "n", "agreement", "kappa"])


def store_human_codes(human: pd.DataFrame, annotations_dir: str | Path, name: str) -> Path:
    """Write imported hand codes to ``<annotations_dir>/coding_<name>.csv`` (UTF-8, atomically) and
    return the path; *name* is reduced to letters, digits, ``_`` and ``-`` (e.g. the coder's file stem).

    >>> path = store_human_codes(pd.DataFrame({"doc_id": ["a"], "human_domain": ["teachers"]}),
    ...                          getfixture("tmp_path"), "coder A")
    >>> path.name, path.read_text(encoding="utf-8").splitlines()
    ('coding_coder_A.csv', ['doc_id,human_domain', 'a,teachers'])
    """
    safe = re.sub(r"[^\w-]+", "_", name, flags=re.ASCII).strip("_") or "human"
    folder = Path(annotations_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"coding_{safe}.csv"
    write_atomically(path, lambda tmp: human.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n"))
    return path


# ---------------------------------------------------------------------------------------------- the corpus


def coded_sentences(items: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The corpus's sentences with their machine codes, ready for :func:`export_qdpx` / :func:`export_xlsx`.

    *sentences* is the build's sentences table (computed from *items* with
    :func:`wpanalysis.sentences.sentence_table` when None). Code columns it lacks are added:
    ``instrument``, ``instrument_type`` and ``evidence`` by the instrument codebook
    (:func:`wpanalysis.coding.instruments.code_instruments`), and ``domain`` = the domains of the
    sentence's item (:func:`wpanalysis.coding.assign_domains`, ids joined by ``|``, primary first),
    because the domain codebook codes items, the unit its agreement was measured on.

    >>> items = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "item_number": [1], "has_body": [True],
    ...                       "title": ["加强师德师风建设"], "body": ["开展教师培训。"],
    ...                       "text": ["加强师德师风建设\\n开展教师培训。"]})
    >>> coded_sentences(items)[["sentence", "instrument", "instrument_type", "domain"]].values.tolist()
    [[1, 'talent', 'supply', 'teachers'], [2, 'talent', 'supply', 'teachers']]
    """
    from .coding import assign_domains, item_domains
    from .coding.instruments import code_instruments
    from .sentences import sentence_table

    coded = sentence_table(items) if sentences is None else sentences.copy()
    if "instrument" not in coded:
        found = code_instruments(coded["text"].reset_index(drop=True))
        for column in found.columns:
            coded[column] = found[column].to_numpy()
    if "domain" not in coded:
        domains = item_domains(assign_domains(items)).astype({"doc_id": str})
        keyed = domains.set_index(["doc_id", "item_seq"])["domains"]
        coded["domain"] = [keyed.get((str(d), int(s)), NONE) for d, s in zip(coded["doc_id"], coded["item_seq"])]
    return coded


def human_coded(human: pd.DataFrame, codes: CodeSystem) -> pd.DataFrame:
    """The hand codes as a coded-sentences table, so the analyses run on them as on the machine's:
    ``instrument`` = ``human_instrument``, ``instrument_type`` = its type (its parent; a type without
    sub-instruments is its own type), ``domain`` = ``human_domain``; a blank hand code stays blank
    (``""`` = not coded). Ids and ``text`` are kept, the machine's codes dropped.

    >>> codes = CodeSystem(pd.DataFrame([("instruments", "supply", "", "type", "", "", ""),
    ...     ("instruments", "talent", "supply", "instrument", "", "", "")], columns=CODE_TABLE_COLUMNS))
    >>> human = pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "sentence": [1], "text": ["培训"],
    ...                       "instrument": ["none"], "human_instrument": ["talent"], "human_domain": [""]})
    >>> human_coded(human, codes)[["instrument", "instrument_type", "domain"]].values.tolist()
    [['talent', 'supply', '']]
    """
    book = codes.codes[codes.codes["codebook"] == "instruments"]
    parents = dict(zip(book["code"], book["parent"]))
    out = human[[c for c in [*ID_COLUMNS, "item_number", "text"] if c in human.columns]].copy()
    out["instrument"] = human["human_instrument"].astype(str)
    out["instrument_type"] = [(parents.get(v) or v) if v else "" for v in out["instrument"]]
    out["domain"] = human["human_domain"].astype(str)
    return out
