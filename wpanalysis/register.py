"""Register new plans: propose one registry row per plan a file holds, from its text alone.

``wpanalysis register FILES_OR_FOLDERS…`` parses each file (any supported format; a folder
gives its supported files, sorted) and proposes, for every plan in it (a compilation gives
``part`` 1, 2, …), the registry columns the text supports:

- ``title``, ``year``, ``notice_date``, ``completeness`` and the expected counts from the parse;
  a plan without a title gets its year from an ``印发2024年工作要点`` phrase of its preamble;
- ``issuer``: a named bureau (``宁波市教育局``, ``吉首市教育和体育局``) that opens the title, a
  notice line or the signature, or that 印发 the plan in the preamble — never one inside a cited
  document's name 《…》, never a redacted ``XX市教育局``;
- ``province``/``city``/``county`` from the issuer's (else the title's) place name by
  ``jionlp.parse_location``, which also supplies the prefecture of a county-level city (an
  administrative fact); ``admin_level`` from that place (or, for a bureau whose place is redacted
  or unknown, ``XX县教育局``, from the bureau word); ``region`` from the province by the NBS
  division (``resources/regions.yaml``);
- ``evidence``: for every attribute it infers, the words it rests on, copied verbatim from the
  raw text (``attribute=quote|quote; …``, checked by :func:`wpanalysis.registry.check_evidence`).

Nothing is guessed: an attribute the text does not support stays empty and the reason is
printed. Rows are appended to the registry (created with its header when missing) without
touching the rows a person wrote; a file outside the raw folder is copied in (the original is
left alone); ``SHA256SUMS`` gets a line per new file. Example::

    report = register_files(["downloads/plan.docx"], dry_run=True)   # prints the proposals
    report.proposals[0].row["province"]
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import io
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from . import config
from .files import write_atomically
from .grammar import parse_date
from .plan import Document, ParsedPlan
from .registry import REGISTRY_COLUMNS, decode_registry, parse_registry, read_registry

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Proposal",
    "RegisterReport",
    "collect_files",
    "load_regions",
    "locate",
    "propose_rows",
    "read_checksums",
    "register_files",
]

SUPPORTED_SUFFIXES = (".txt", ".htm", ".html", ".docx", ".pdf")
"""The files a folder contributes (a file named on the command line is read whatever its name)."""

_BUREAU = re.compile(r"教育和体育局|教育体育局|教育和科技局|教育科技局|教育文体局|教体局|教育局|教育厅"
                     r"|教育和体育委员会|教育委员会|教委")
_ISSUES = re.compile(r"(?:关于)?(?:印发|制定|出台|发布)")
# A bureau whose place is redacted (XX市教育局), unnamed (县教育局) or unknown to jionlp (青山县教育局).
_UNPLACED_BUREAU = re.compile(r"^(?:[X×xＸ*＊某]+|[\u4e00-\u9fff]{0,10}?)(省|市|县|区)(?:" + _BUREAU.pattern + ")")
# A named place jionlp does not know, opening a line before a bureau word: 青山县 (not 全市, 各县, 某县).
_OTHER_PLACE = re.compile(r"(?![各全本我该某])[\u4e00-\u9fff]{1,10}(?:省|市|县|区|州|旗|盟)")
_SUBORDINATE = re.compile(r"县\s*[(（]\s*市\s*[、,，]\s*区\s*[)）]|区\s*[(（]\s*县\s*[、,，]?\s*市\s*[)）]|各[县区]")
_YEAR_ISSUED = re.compile(r"印发\s*(20\d{2})\s*年[^。，,;；\n]{0,20}?(?:工作要点|工作计划|要点)")
_PLACE_SUFFIX = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区"
                           r"|新区|林区|特区|省|市|县|区|旗|盟|州)$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_QUOTE_BREAK = re.compile(r"[\r\n;|]")
_LEVEL_WORDS = {"省": "province", "市": "city", "县": "county", "区": "district"}


@dataclass
class Proposal:
    """A proposed registry row (every column as text, ``""`` when unknown) and why some stayed empty."""

    row: dict[str, str]
    not_inferred: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """The row as a reviewer reads it: filled columns, then what could not be inferred."""
        r = self.row
        lines = [f"{r['source_file']} part {r['part']} → {r['doc_id']}"]
        lines += [f"  {c}: {r[c]}" for c in REGISTRY_COLUMNS[3:] if r[c] and c not in ("evidence", "notes")]
        lines += [f"  evidence: {r['evidence']}"] if r["evidence"] else []
        lines += [f"  not inferred: {reason}" for reason in self.not_inferred]
        return "\n".join(lines)


@dataclass
class RegisterReport:
    """What :func:`register_files` did: the proposals, the per-file messages, and whether it wrote."""

    proposals: list[Proposal] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    n_files: int = 0
    n_skipped: int = 0
    n_errors: int = 0
    written: bool = False

    def summary(self) -> str:
        files = {p.row["source_file"] for p in self.proposals}
        if self.written:
            outcome = "appended to the registry"
        else:
            outcome = "dry run: nothing written" if self.proposals else "nothing to write"
        return (f"register: {self.n_files} file(s): {len(self.proposals)} plan(s) proposed from {len(files)} "
                f"file(s) ({outcome}); {self.n_skipped} skipped; {self.n_errors} error(s)")


# --- places ------------------------------------------------------------------------------------

@functools.cache
def _jionlp() -> ModuleType:
    """jionlp, imported once and silently (it prints a banner to stdout on import)."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    return jionlp


@functools.cache
def _parse_location(text: str) -> tuple[str | None, str | None, str | None, str]:
    with contextlib.redirect_stdout(io.StringIO()):
        found = _jionlp().parse_location(text)
    return found["province"], found["city"], found["county"], found["detail"] or ""


def _short(name: str) -> str:
    """宁波市 → 宁波, 湘西土家族苗族自治州 → 湘西土家族苗族: the name without its administrative suffix."""
    short = _PLACE_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def _spelled_as(spelled: str, names: list[str]) -> bool:
    """Whether the words *spelled* in the text name the place jionlp found (*names*, widest first):
    after the wider levels (宁波市 or 宁波 …), what remains must begin the narrowest name — so
    ``吉首``, ``湖南省吉首市`` and ``湘西`` pass, but not ``近日宁波市``, nor ``青山县`` read as 青山区,
    ``吉林县`` read as 吉林省 or ``海淀县`` read as 海淀区."""
    narrowest = names[-1]
    if len(spelled) >= 2 and narrowest.startswith(spelled):
        return True
    return any(spelled.startswith(form) and _spelled_as(spelled[len(form):], names[k + 1:])
               for k, name in enumerate(names[:-1]) for form in {name, _short(name)})


def locate(text: str) -> dict[str, str] | None:
    """The place *text* opens with, as ``{"province", "city", "county"}`` (``""`` where unknown), by
    jionlp; None when *text* does not begin with the name of a known place (``近日宁波市…``,
    ``XX市…``, a county jionlp knows only as a district).

    >>> locate("吉首市教育和体育局")
    {'province': '湖南省', 'city': '湘西土家族苗族自治州', 'county': '吉首市'}
    >>> locate("市教育局2024年工作要点") is None, locate("海淀县教育局") is None
    (True, True)
    """
    if not _HAN.match(text):
        return None
    province, city, county, detail = _parse_location(text)
    names = [n for n in (province, city, county) if n]
    if not names or not text.endswith(detail) or not _spelled_as(text[:len(text) - len(detail)], names):
        return None
    if city and city == province and not county:  # a municipality's own bureau: a province-level plan
        city = None
    return {"province": province or "", "city": city or "", "county": county or ""}


def _admin_level(place: dict[str, str]) -> str:
    county, city, province = place["county"], place["city"], place["province"]
    if county:
        if county.endswith("区") and not county.endswith("林区"):
            return "district"
        return "county-level city" if county.endswith("市") else "county"
    return "city" if city else "province" if province else ""


@functools.cache
def load_regions(path: str | Path = config.RESOURCES_DIR / "regions.yaml") -> dict[str, str]:
    """Province → NBS region (east / central / west / northeast), from ``resources/regions.yaml``.

    >>> load_regions()["湖南省"], len(load_regions())
    ('central', 31)
    """
    import yaml

    table = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {province: region for region, provinces in table.items() for province in provinces}


# --- quotes ------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _quote(plan: ParsedPlan, start: int, end: int, must: str = "") -> str | None:
    """The raw text behind cleaned span ``[start, end)``, cut at line breaks (a hard-wrapped title)
    and at the evidence delimiters ``;`` ``|``: the longest piece that holds *must* (compared
    without width or spaces), else the longest piece."""
    raw_start, raw_end = plan.clean.raw_span(start, end)
    pieces = [p.strip() for p in _QUOTE_BREAK.split(plan.clean.raw[raw_start:raw_end])]
    pieces = [p for p in pieces if len(p) >= 2]
    holding = [p for p in pieces if _norm(must) in _norm(p)]
    return max(holding or pieces, key=len) if pieces else None


def _doc_parts(plan: ParsedPlan, doc: Document, *kinds: str) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in plan.parts if p.document == doc.index and p.kind in kinds]


def _title_span(plan: ParsedPlan, doc: Document) -> tuple[int, int] | None:
    """Where the document's title is in the cleaned text: its title line, else (a title only its
    compilation's table of contents gives) its first occurrence."""
    for start, end in _doc_parts(plan, doc, "title"):
        at = plan.text.find(doc.title, start, end)
        if at >= 0:
            return at, at + len(doc.title)
    at = plan.text.find(doc.title)
    return (at, at + len(doc.title)) if at >= 0 else None


# --- the inferences: each gives (value, quotes) or (None, reason) -------------------------------

@dataclass
class _Found:
    value: str
    quotes: list[str]


_NOWHERE = {"province": "", "city": "", "county": ""}


def _issuer(plan: ParsedPlan, doc: Document) -> tuple[_Found, dict[str, str]] | None:
    """The named issuing bureau and its place: one that opens the title, a notice line or a
    closing line, or that 印发 the plan in the first preamble lines (never one inside 《…》)."""
    title = [_title_span(plan, doc)] if doc.title else []
    opening = [s for s in title if s] + _doc_parts(plan, doc, "notice", "closing")
    preamble = _doc_parts(plan, doc, "preamble")[:2]
    found: _Found | None = None
    for (start, end), opens_line in [(s, True) for s in opening] + [(s, False) for s in preamble]:
        for name, (q_start, q_end) in _bureaus(plan.text[start:end], opens_line):
            quote = _quote(plan, start + q_start, start + q_end, name)
            if quote and found is None:
                found = _Found(name, [quote])
            elif quote and name == found.value and quote not in found.quotes:
                found.quotes.append(quote)
    return (found, locate(found.value) or _NOWHERE) if found else None


def _bureaus(line: str, opens_line: bool) -> Iterable[tuple[str, tuple[int, int]]]:
    """Named bureaus of *line* that issue the plan, and the span to quote (the name and its 印发)."""
    for m in _BUREAU.finditer(line):
        if line.rfind("《", 0, m.start()) > line.rfind("》", 0, m.start()):
            continue  # part of a cited document's name
        follow = _ISSUES.match(line, m.end())
        run = re.search(r"[\u4e00-\u9fff]*$", line[:m.start()]).start()
        first = next((k for k in range(run, m.start()) if locate(line[k:m.end()])), None)
        if first is None and opens_line and _OTHER_PLACE.fullmatch(line[run:m.start()]) and \
                "某" not in line[run:m.start()]:
            first = run
        if first is None or (line[:first].strip() if opens_line else not follow):
            continue
        yield line[first:m.end()], (first, follow.end() if follow else m.end())


def _place(issuer: tuple[_Found, dict] | None, title: _Found | None) -> tuple[dict[str, str], list[str]]:
    """The place (province, city, county) and its quotes: the issuer's, else the title's."""
    if issuer is not None and any(issuer[1].values()):
        return issuer[1], issuer[0].quotes
    if title is not None:
        place = locate(title.value)
        if place:
            return place, title.quotes
    return _NOWHERE, []


def _unplaced_level(plan: ParsedPlan, doc: Document, named: _Found | None) -> _Found | None:
    """The level of a bureau without a known place (the issuer or the title, *named*): 县教育局 →
    county; 市教育局 → city only when the plan speaks of its counties or districts (else it may be
    a county-level city)."""
    m = _UNPLACED_BUREAU.match(named.value) if named else None
    if not m:
        return None
    if m.group(1) != "市":
        return _Found(_LEVEL_WORDS[m.group(1)], named.quotes)
    for start, end in _doc_parts(plan, doc, "preamble", "heading", "section_text") + \
            [(i.start, i.end) for i in doc.items]:
        sub = _SUBORDINATE.search(plan.text, start, end)
        quote = sub and _quote(plan, *_clause(plan.text, sub.start(), sub.end(), start, end), sub.group(0))
        if quote:
            return _Found("city", named.quotes + [quote])
    return None


def _clause(text: str, start: int, end: int, lo: int, hi: int, width: int = 16) -> tuple[int, int]:
    """The clause around ``text[start:end]`` (to the nearest 。，；： or line break, at most *width*
    characters either side, within ``[lo, hi)``)."""
    before = max((text.rfind(c, max(lo, start - width), start) for c in "。，,；;：:\n"), default=-1)
    after = [k for k in (text.find(c, end, min(hi, end + width)) for c in "。，,；;：:\n") if k >= 0]
    return (before + 1 if before >= 0 else max(lo, start - width)), (min(after) if after else min(hi, end + width))


def _year(plan: ParsedPlan, doc: Document, title: _Found | None) -> _Found | None:
    if doc.year is not None:
        if title and f"{doc.year}年" in _norm(title.value):
            return _Found(str(doc.year), title.quotes)
        notice = _notice_date(plan, doc)
        if notice and notice.value.startswith(str(doc.year)):
            return _Found(str(doc.year), notice.quotes)
    for start, end in _doc_parts(plan, doc, "preamble", "notice")[:3]:
        m = _YEAR_ISSUED.search(plan.text, start, end)
        quote = m and _quote(plan, m.start(), m.end(), m.group(1))
        if quote:
            return _Found(m.group(1), [quote])
    return None


def _notice_date(plan: ParsedPlan, doc: Document) -> _Found | None:
    if not doc.notice_date:
        return None
    for start, end in _doc_parts(plan, doc, "notice", "closing", "preamble"):
        if parse_date(_norm(plan.text[start:end])) == doc.notice_date:
            quote = _quote(plan, start, end)
            if quote:
                return _Found(doc.notice_date, [quote])
    return None


def _completeness(plan: ParsedPlan, doc: Document) -> _Found | None:
    """The parse's completeness, quoted by the openings of the first and last items."""
    if not doc.completeness or not doc.items:
        return None
    quotes = []
    for item in (doc.items[0], doc.items[-1]):
        opening = re.match(r"[^\n。]{1,24}", plan.text[item.start:item.end])
        quote = opening and _quote(plan, item.start, item.start + opening.end())
        if quote and quote not in quotes:
            quotes.append(quote)
    return _Found(doc.completeness, quotes) if quotes else None


# --- rows --------------------------------------------------------------------------------------

def _slug(text: str) -> str:
    """ASCII for an id: Han characters as toneless pinyin, other letters and digits kept.

    >>> _slug("宁波"), _slug("2024年 计划-A")
    ('ningbo', '2024nian_jihua_a')
    """
    parts = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[^\u4e00-\u9fff]+", text):
        if _HAN.match(run):
            with contextlib.redirect_stdout(io.StringIO()):
                syllables = _jionlp().pinyin(run, formater="simple")
            parts.append("".join(re.sub(r"[^a-z]", "", s) for s in syllables))
        else:
            parts.append(re.sub(r"[^a-z0-9]+", "_", run.lower()))
    return re.sub(r"_+", "_", "".join(parts)).strip("_")


def _doc_id(row: dict[str, str], stem: str, n_parts: int, taken: set[str]) -> str:
    """``ningbo_2024`` from the most specific place and the year; else from the file stem
    (``001_f29d…_p2_2024``); ``_2``, ``_3`` … when the id is taken."""
    place = row["county"] or row["city"] or row["province"]
    base = _slug(_short(place)) if place else _slug(stem) + (f"_p{row['part']}" if n_parts > 1 else "")
    base = base if re.match(r"[a-z0-9]", base or "") else f"doc_{base}".rstrip("_")
    base += f"_{row['year']}" if row["year"] else ""
    doc_id, k = base, 2
    while doc_id in taken:
        doc_id, k = f"{base}_{k}", k + 1
    taken.add(doc_id)
    return doc_id


def _evidence(found: dict[str, _Found | None]) -> str:
    clauses = []
    for column in REGISTRY_COLUMNS:
        f = found.get(column)
        if f is not None and f.value and f.quotes:
            quotes = list(dict.fromkeys(f.quotes))
            quotes = [q for q in quotes if not any(q != other and q in other for other in quotes)]
            clauses.append(f"{column}=" + "|".join(quotes))
    return "; ".join(clauses)


def _reasons(row: dict[str, str], place: str, unplaced_issuer: str = "") -> list[str]:
    """Why the attributes left empty are empty, as ``columns: reason`` lines."""
    if unplaced_issuer:
        where = ("province, city, county, region", f"{unplaced_issuer} names no place jionlp knows")
    elif not place:
        where = ("province, city, county, region", "no place named in the title, notice or issuer")
    elif not row["province"]:
        where = ("province, region", f"the province of {place} is not determined (several places bear the name)")
    else:
        where = ("region", f"{row['province']} is outside the NBS four-region division")
    reasons = [
        ("title", "no title line in the text"),
        ("issuer", "no issuer named in the text (a named bureau opening the title, notice or signature)"),
        where,
        ("admin_level", "the administrative level is not stated (市 alone may be a city or a county-level city)"),
        ("year", "no plan year in the title or notice"),
        ("notice_date", "no dated notice or signature"),
        ("completeness", "no numbered structure found"),
    ]
    return [f"{columns}: {why}" for columns, why in reasons if not row[columns.partition(",")[0]]]


def propose_rows(plan: ParsedPlan, source_file: str, taken: set[str]) -> list[Proposal]:
    """One proposal per plan in *plan* (``part`` 1, 2, … in a compilation); new ids are added to
    *taken* (the ids already in use). Example::

        [p.row["doc_id"] for p in propose_rows(parse_file("data/raw/002_….txt"), "002_….txt", set())]
        # ['jishou_2023']
    """
    proposals = []
    for part, doc in enumerate(plan.documents, start=1):
        title_span = _title_span(plan, doc) if doc.title else None
        title_quote = title_span and _quote(plan, *title_span, doc.title)
        title = _Found(doc.title, [title_quote]) if title_quote else None
        issuer = _issuer(plan, doc)
        place, place_quotes = _place(issuer, title)
        if any(place.values()):
            level = _Found(_admin_level(place), place_quotes)
        else:
            level = _unplaced_level(plan, doc, issuer[0] if issuer else None) or _unplaced_level(plan, doc, title)
        region = load_regions().get(place["province"], "")
        found: dict[str, _Found | None] = {
            "title": title, "issuer": issuer[0] if issuer else None,
            **{c: _Found(place[c], place_quotes) for c in ("province", "city", "county")},
            "admin_level": level, "region": _Found(region, place_quotes),
            "year": _year(plan, doc, title), "notice_date": _notice_date(plan, doc),
            "completeness": _completeness(plan, doc),
        }
        row = {c: "" for c in REGISTRY_COLUMNS}
        row.update({c: f.value for c, f in found.items() if f is not None and f.quotes})
        row.update(_counts(doc), source_file=source_file, part=str(part), evidence=_evidence(found))
        row["doc_id"] = _doc_id(row, Path(source_file).stem, len(plan.documents), taken)
        reasons = _reasons(row, place["county"] or place["city"] or place["province"],
                           issuer[0].value if issuer and not any(place.values()) else "")
        row["notes"] = "Proposed by `wpanalysis register` from the text; review before use." + (
            " Not inferred: " + ", ".join(r.partition(":")[0] for r in reasons) + "." if reasons else "")
        proposals.append(Proposal(row, reasons))
    return proposals


def _counts(doc: Document) -> dict[str, str]:
    numbers = [i.number for i in doc.items]
    return {
        "expected_sections": str(len(doc.sections)),
        "expected_subsections": str(len(doc.subsections)),
        "expected_items": str(len(doc.items)),
        "expected_first_item": str(numbers[0]) if numbers else "",
        "expected_last_item": str(numbers[-1]) if numbers else "",
    }


# --- files, registry and checksums ---------------------------------------------------------------

def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """The files to register: each file as given, each folder's supported files (sorted); and a
    message for each path that does not exist.

    >>> collect_files(["no/such/plan.txt"])
    ([], ['no/such/plan.txt: no such file or folder'])
    """
    files, problems, seen = [], [], set()
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        elif path.is_file():
            found = [path]
        else:
            problems.append(f"{path}: no such file or folder")
            continue
        for p in found:
            if p.resolve() not in seen:
                seen.add(p.resolve())
                files.append(p)
    return files, problems


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_checksums(path: Path) -> dict[str, str]:
    """``SHA256SUMS`` as file name → digest (``{}`` when there is none)."""
    if not path.is_file():
        return {}
    pairs = (line.split(None, 1) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name.strip().lstrip("*"): digest for digest, name in pairs}


def _registry_bytes(registry: Path, rows: Sequence[dict[str, str]]) -> tuple[bytes, str]:
    """The registry's bytes with *rows* appended: the existing bytes untouched, the new rows in the
    file's own encoding, line ending and column order (a new registry gets the header, UTF-8)."""
    if registry.is_file() and registry.stat().st_size:
        old = registry.read_bytes()
        text, encoding = decode_registry(registry)
        header = next(csv.reader(io.StringIO(text)))
        newline = "\r\n" if b"\r\n" in old.split(b"\n", 1)[0] + b"\n" else "\n"
    else:
        old, encoding, header, newline = b"", "utf-8", REGISTRY_COLUMNS, "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    if not old:
        writer.writerow(header)
    writer.writerows([[row.get(c, "") for c in header] for row in rows])
    if old and not old.endswith(b"\n"):
        old += newline.encode("ascii")
    return old + buffer.getvalue().encode(encoding.replace("utf-8-sig", "utf-8")), encoding


def _checksum_bytes(path: Path, added: dict[str, str]) -> bytes:
    """``SHA256SUMS`` with a line per added file; every other line kept as it is, sorted by file name."""
    lines = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines[line.split(None, 1)[-1].strip().lstrip("*")] = line
    lines.update({name: f"{digest}  {name}" for name, digest in added.items() if name not in lines})
    return "".join(lines[name] + "\n" for name in sorted(lines)).encode("utf-8")


@dataclass
class _Context:
    """What one run knows: the raw folder, the ids and files already taken, how to print."""

    raw_dir: Path
    taken: set[str]  # doc_ids in use
    registered: dict[str, str]  # digest → file name, of the registered files and those of this run
    names: set[str]  # file names registered or claimed in this run
    dry_run: bool
    echo: Callable[[str], object]
    report: RegisterReport
    added: dict[str, str] = field(default_factory=dict)  # file name → digest, for SHA256SUMS
    to_copy: list[tuple[Path, Path]] = field(default_factory=list)

    def say(self, message: str) -> None:
        self.echo(message)
        self.report.messages.append(message)


def _target(path: Path, digest: str, ctx: _Context) -> tuple[Path | None, bool, str]:
    """Where *path* goes in the raw folder (None: skip it), whether it must be copied there, and
    what to say about it."""
    target = ctx.raw_dir / path.name
    if digest in ctx.registered:
        known = ctx.registered[digest]
        return None, False, f"{path}: already registered{'' if known == path.name else f' as {known}'}: skipped"
    if path.name in ctx.names:
        return None, False, (f"{path}: a different file named {path.name} is already registered: skipped "
                             "(rename it)")
    if path.resolve().parent == ctx.raw_dir.resolve():
        return target, False, ""
    if target.exists():
        if _sha256(target.read_bytes()) == digest:
            return target, False, f"{path}: an identical copy is already in {ctx.raw_dir}"
        return None, False, (f"{path}: a different file named {path.name} is already in {ctx.raw_dir}: "
                             "skipped (rename it)")
    how = "would be copied" if ctx.dry_run else "is copied"
    return target, True, f"{path}: outside {ctx.raw_dir}, so it {how} in as {path.name} (the original is left as is)"


def _register_file(path: Path, ctx: _Context) -> None:
    from .build import parse_file
    from .read import ReadError

    digest = _sha256(path.read_bytes())
    target, copy, message = _target(path, digest, ctx)
    if target is None:
        ctx.report.n_skipped += 1
        ctx.say(message)
        return
    try:
        plan = parse_file(path)
    except ReadError as err:
        ctx.report.n_errors += 1
        ctx.say(f"error: {err}")
        return
    if message:
        ctx.say(message)
    if copy:
        ctx.to_copy.append((path, target))
    ctx.names.add(path.name)
    ctx.registered[digest] = path.name
    ctx.added[path.name] = digest
    for proposal in propose_rows(plan, path.name, ctx.taken):
        ctx.echo(proposal.describe())
        ctx.report.proposals.append(proposal)


def _registered_digests(raw_dir: Path, names: Iterable[str]) -> dict[str, str]:
    """digest → name of the registered files present in *raw_dir* (hashed: SHA256SUMS may be stale)."""
    return {_sha256((raw_dir / n).read_bytes()): n for n in names if (raw_dir / n).is_file()}


def register_files(
    paths: Iterable[str | Path],
    raw_dir: str | Path = config.RAW_DATA_DIR,
    registry: str | Path = config.REGISTRY_PATH,
    dry_run: bool = False,
    echo: Callable[[str], object] = print,
) -> RegisterReport:
    """Propose registry rows for the plans in *paths* and (unless *dry_run*) append them to
    *registry*, copy files from outside *raw_dir* into it and add them to its ``SHA256SUMS``.

    Raises :class:`wpanalysis.registry.RegistryError` when the existing registry has problems
    (fix them first: nothing is written). Example::

        register_files(["new_plans/"], dry_run=True)
    """
    raw_dir, registry = Path(raw_dir), Path(registry)
    ids: list[str] = []
    sources: list[str] = []
    if registry.is_file() and registry.stat().st_size:
        existing, notes = read_registry(registry)
        ids, sources = list(existing["doc_id"].dropna()), list(existing["source_file"].dropna())
        for note in notes:
            echo(f"note: {note}")
    ctx = _Context(raw_dir, set(ids), _registered_digests(raw_dir, set(sources)), set(sources), dry_run, echo,
                   RegisterReport())
    files, missing = collect_files(paths)
    for problem in missing:
        ctx.say(f"error: {problem}")
    ctx.report.n_files, ctx.report.n_errors = len(files), len(missing)
    for path in files:
        _register_file(path, ctx)
    if ctx.report.proposals and not dry_run:
        _write(registry, ctx)
    echo(ctx.report.summary())
    return ctx.report


def _write(registry: Path, ctx: _Context) -> None:
    """Copy the new files in, append the rows (checked against the schema first), update SHA256SUMS."""
    data, encoding = _registry_bytes(registry, [p.row for p in ctx.report.proposals])
    parse_registry(data.decode("utf-8-sig" if encoding.startswith("utf-8") else encoding), registry.name)
    ctx.raw_dir.mkdir(parents=True, exist_ok=True)
    for source, target in ctx.to_copy:
        shutil.copyfile(source, target)
    registry.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(registry, lambda tmp: tmp.write_bytes(data))
    sums = ctx.raw_dir / "SHA256SUMS"
    listed = read_checksums(sums)
    for name, digest in ctx.added.items():
        if listed.get(name, digest) != digest:
            ctx.say(f"warning: SHA256SUMS lists another checksum for {name} (changed since?); its line is left as is")
    checksums = _checksum_bytes(sums, ctx.added)
    write_atomically(sums, lambda tmp: tmp.write_bytes(checksums))
    ctx.report.written = True
