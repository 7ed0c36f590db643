"""Build stage: registry + raw files → ``data/processed/`` tables.

:func:`build_corpus` reads the registry (``data/raw/documents.csv``), parses
every registered file, checks the declared counts, and returns four tidy
tables (also written as CSV and Parquet by :func:`write_corpus`):

``documents``
    one row per registered document: the registry columns plus what the
    parser found (see the data dictionary in the README).
``items``
    one row per numbered item (see :data:`ITEM_COLUMNS`).
``warnings``
    one row per warning or error: ``source_file``, ``doc_id`` (empty for
    file-level messages), ``level`` (error / warning / info: an artefact cleaning removed), ``message``.
``targets``
    one row per quantitative target found in an item, with the item's primary policy
    domain (:func:`item_targets`).

:func:`load_corpus` reads all four back.

A file that cannot be read is reported as an error and skipped; the other
documents still build.
"""

from __future__ import annotations

import functools
import multiprocessing as mp
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import config
from .clean import clean_text, find_redactions
from .coding.codebook import primary_domains
from .files import write_atomically
from .grammar import CANONICAL_FIELDS
from .plan import Document, ParsedPlan, SourceInfo
from .progress import progress, steps
from .read import ReadError, read_text
from .registry import REGISTRY_COLUMNS, RegistryError, evidence_problems, load_registry, parse_evidence, raw_file
from .sentences import sentence_table
from .structure import parse_clean
from .targets import TARGET_COLUMNS, targets_table

__all__ = [
    "TABLES",
    "DOCUMENT_COLUMNS",
    "ITEM_COLUMNS",
    "FIELD_COLUMNS",
    "Corpus",
    "load_corpus",
    "item_targets",
    "targets_of_file",
    "FILE_TARGET_COLUMNS",
    "StageError",
    "parse_file",
    "parse_files",
    "TIME_LIMIT",
    "build_corpus",
    "item_sentences",
    "write_corpus",
    "MANIFEST",
    "StaleCorpusError",
    "check_generation",
]

FIELD_COLUMNS = [f"field_{name}" for name in dict.fromkeys(CANONICAL_FIELDS.values())]
DOCUMENT_COLUMNS = [
    *REGISTRY_COLUMNS, "format", "pages", "source_title", "source_date", "encoding", "script", "parsed_title",
    "parsed_year", "parsed_notice_date", "parsed_completeness", "n_sections", "n_subsections", "n_items",
    "n_items_with_body", "first_item", "last_item", "n_chars", "n_preamble_chars", "n_redactions",
    "n_unassigned_chars", "n_warnings", "check",
]
ITEM_COLUMNS = [
    "doc_id", "item_seq", "item_number", "section", "section_title", "subsection",
    "subsection_title", "title", "body", "text", "has_body", "source", "responsible_units",
    "lead_unit", "n_units", *FIELD_COLUMNS, "n_chars", "char_start", "char_end", "raw_start",
    "raw_end",
]


@dataclass
class Corpus:
    """The built tables: documents, items, warnings, targets and sentences (see the README's data dictionary)."""

    documents: pd.DataFrame
    items: pd.DataFrame
    warnings: pd.DataFrame
    targets: pd.DataFrame
    sentences: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def failed_files(self) -> list[str]:
        """Registered files that could not be read or whose registered parts were not found, in registry order."""
        errors = self.warnings[self.warnings["level"] == "error"] if len(self.warnings) else self.warnings
        named = (source or "documents.csv (a row without source_file)" for source in errors["source_file"])
        return list(dict.fromkeys(named)) if len(errors) else []

    def report(self) -> str:
        """A per-plan summary: counts, the declared-count check, and every warning in full.

        Info lines (the artefacts cleaning removed) are counted, not listed; ``warnings.csv``
        keeps them all. Errors come last, one per failed file, with what to do.
        """
        w = self.warnings
        levels = w["level"].value_counts() if len(w) else pd.Series(dtype="int64")
        lines = [f"documents: {len(self.documents)}  items: {len(self.items)}  targets: {len(self.targets)}  "
                 f"warnings: {int(levels.get('warning', 0))}  errors: {int(levels.get('error', 0))}  "
                 f"(and {int(levels.get('info', 0))} removed artefacts listed in warnings.csv)"]
        for _, row in self.documents.iterrows():
            mine = w[(w["doc_id"] == row["doc_id"]) & (w["level"] == "warning")] if len(w) else w
            status = row["check"]
            if status == "ok" and len(mine):
                status = f"ok, {len(mine)} warning{'s' if len(mine) > 1 else ''}"
            lines.append(f"  {row['doc_id']:<20} {row['n_sections']:>3} sections {row['n_subsections']:>3} "
                         f"sub-sections {row['n_items']:>3} items  {status}")
            lines.extend(f"      - {message}" for message in mine["message"])
        if len(w):
            for source, part in w[w["doc_id"].isna() & (w["level"] == "warning")].groupby("source_file", sort=False):
                lines.append(f"  {source} (the file):")
                lines.extend(f"      - {message}" for message in part["message"])
        failed = self.failed_files
        if failed:
            lines.append(f"FAILED: {len(failed)} registered file(s) not built (the plans above were):")
            for _, e in w[w["level"] == "error"].iterrows():
                where = "" if e["source_file"] in e["message"] else f"{e['source_file']}: "
                lines.append(f"  ERROR {where}{e['message']}")
            lines.append("  Fix the file or its row in documents.csv (or remove the row), then build again.")
        return "\n".join(lines)


class StageError(ReadError):
    """A file that failed inside a stage after reading (clean, parse, tables): a bug or a
    pathological input. It is reported like an unreadable file, so one file never stops a build.

    >>> str(StageError("plan.txt", "parse", "ValueError: bad"))
    'plan.txt: failed at the parse stage (ValueError: bad); the other files are not affected'
    """

    def __init__(self, path: str | Path, stage: str, message: str):
        self.stage, self.message = stage, message
        super().__init__(path, f"failed at the {stage} stage ({message}); the other files are not affected")

    def __reduce__(self):  # picklable, so a worker process can send it back
        return type(self), (self.path, self.stage, self.message)


def _describe(err: BaseException) -> str:
    text = str(err).strip().splitlines()[0][:300] if str(err).strip() else ""
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


TIME_LIMIT: float = float(os.environ.get("WPANALYSIS_TIME_LIMIT", "300"))
"""Seconds one file may take to read, clean and parse (``WPANALYSIS_TIME_LIMIT``; ``wpanalysis build
--time-limit``). A 7 MB plan of 40,000 items parses in 5 s, so the default leaves room for a 10 MB
plan on a slow, busy machine; a file over it is that file's error, and the other files build."""


class _OverTime(BaseException):  # not an Exception: no reader's `except Exception` may swallow it
    pass


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_OverTime` in the block after *seconds* (a real-time alarm: only where
    ``SIGALRM`` exists and in the main thread; elsewhere the block runs without a limit)."""
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise _OverTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _only_a_toc(plan: ParsedPlan) -> int:
    """The number of table-of-contents lines when they are all the file holds (else 0)."""
    kinds = {p.kind for p in plan.parts}
    if plan.documents or not kinds or not kinds <= {"toc", "compilation_title"}:
        return 0
    return sum(p.kind == "toc" for p in plan.parts)


def parse_file(path: str | Path, time_limit: float | None = None) -> ParsedPlan:
    """Read, clean and parse one file. Raises :class:`ReadError` when it cannot be read (or holds
    only a table of contents), and :class:`StageError` (a ``ReadError`` naming the stage) when
    cleaning or parsing fails or takes longer than *time_limit* seconds (None: no limit)."""
    stage = "read"
    try:
        with _time_limit(time_limit):
            raw = read_text(path)
            stage = "clean"
            clean = clean_text(raw.text)
            stage = "parse"
            plan = parse_clean(clean, SourceInfo.from_raw(raw, source=str(path)))
    except ReadError:
        raise
    except _OverTime:
        raise StageError(path, stage, f"stopped after the time limit of {time_limit:g} s per file; the file is "
                         "unusually large or pathological: split it, or raise the limit with `wpanalysis build "
                         "--time-limit SECONDS` (or WPANALYSIS_TIME_LIMIT)") from None
    except Exception as err:  # any failure of one file is that file's error, never the build's
        raise StageError(path, stage, _describe(err)) from err
    n_toc = _only_a_toc(plan)
    if n_toc:
        raise ReadError(path, f"only a table of contents was found ({n_toc} lines), no plan text: the file is "
                        "the contents page of a compilation; find the full document (the pages after the "
                        "contents) and read that instead")
    return plan


def _parse_or_error(path: Path, time_limit: float | None = None) -> ParsedPlan | ReadError | FileNotFoundError:
    try:
        return parse_file(path, time_limit)
    except (ReadError, FileNotFoundError) as err:
        return err


def parse_files(paths: Sequence[str | Path], workers: int = 1,
                time_limit: float | None = None) -> Iterator[ParsedPlan | ReadError | FileNotFoundError]:
    """:func:`parse_file` for each path, in order; a file that cannot be read, cleaned or
    parsed (or takes longer than *time_limit* seconds) gives its error (a :class:`ReadError`)
    instead of a plan, so the other files still parse. ``workers`` > 1 parses in that many
    processes (the results and their order are the same).

    >>> [str(p) for p in parse_files(["no/such/file.txt"])]
    ['no/such/file.txt: cannot open file (No such file or directory)']
    """
    paths = [Path(p) for p in paths]
    one = functools.partial(_parse_or_error, time_limit=time_limit)
    if workers <= 1 or len(paths) < 2:
        yield from map(one, paths)
        return
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with mp.get_context(method).Pool(workers) as pool:
        yield from pool.imap(one, paths, chunksize=max(1, min(16, len(paths) // (8 * workers))))


_FIELD_NAMES = [(column, column.removeprefix("field_")) for column in FIELD_COLUMNS]


def _item_rows(doc_id: str, doc: Document, plan: ParsedPlan) -> list[dict]:
    sec_titles = {s.number: s.title for s in doc.sections}
    sub_titles = {(s.section, s.number): s.title for s in doc.subsections}
    rows = []
    for seq, it in enumerate(doc.items, start=1):
        raw_start, raw_end = plan.clean.raw_span(it.start, it.end)
        row = {
            "doc_id": doc_id,
            "item_seq": seq,
            "item_number": it.number,
            "section": it.section,
            "section_title": sec_titles.get(it.section) if it.section is not None else None,
            "subsection": it.subsection,
            "subsection_title": sub_titles.get((it.section, it.subsection)),
            "title": it.title,
            "body": it.body,
            "text": it.text,
            "has_body": it.has_body,
            "source": it.source,
            "responsible_units": "|".join(it.responsible_units),
            "lead_unit": it.responsible_units[0] if it.responsible_units else None,
            "n_units": len(it.responsible_units),
            "n_chars": len(it.text),
            "char_start": it.start,
            "char_end": it.end,
            "raw_start": raw_start,
            "raw_end": raw_end,
        }
        for column, name in _FIELD_NAMES:
            row[column] = it.fields.get(name)
        rows.append(row)
    return rows


def _checks(reg_row: pd.Series, doc: Document) -> list[str]:
    nums = [i.number for i in doc.items]
    found = {
        "sections": len(doc.sections),
        "subsections": len(doc.subsections),
        "items": len(doc.items),
        "first_item": nums[0] if nums else None,
        "last_item": nums[-1] if nums else None,
    }
    failed = []
    for key, value in found.items():
        declared = reg_row[f"expected_{key}"]
        if pd.notna(declared) and declared != value:
            failed.append(f"declared {key} {declared}, parsed {value}")
    return failed


def _document_row(reg_row: pd.Series, doc: Document, plan: ParsedPlan, redactions: list,
                  failed: list[str]) -> dict:
    """The documents-table row: the registry columns plus what the parse found."""
    nums = [i.number for i in doc.items]
    unassigned = sum(p.end - p.start for p in plan.parts if p.kind == "unassigned" and p.document == doc.index)
    row = {c: reg_row[c] for c in REGISTRY_COLUMNS}
    row.update({
        "format": plan.format,
        "pages": plan.pages,
        "source_title": plan.source_title,
        "source_date": plan.source_date,
        "encoding": plan.encoding,
        "script": plan.script,
        "parsed_title": doc.title,
        "parsed_year": doc.year,
        "parsed_notice_date": doc.notice_date,
        "parsed_completeness": doc.completeness,
        "n_sections": len(doc.sections),
        "n_subsections": len(doc.subsections),
        "n_items": len(doc.items),
        "n_items_with_body": sum(i.has_body for i in doc.items),
        "first_item": nums[0] if nums else None,
        "last_item": nums[-1] if nums else None,
        "n_chars": sum(len(i.text) for i in doc.items),
        "n_preamble_chars": len(doc.preamble),
        "n_redactions": sum(1 for s, _, _ in redactions if doc.start <= s < doc.end),
        "n_unassigned_chars": unassigned,
        "n_warnings": len(doc.warnings) + len(failed),
        "check": "ok" if not failed else "FAILED: " + "; ".join(failed),
    })
    return row


class _Tables:
    """The rows of the three tables while the build collects them."""

    def __init__(self) -> None:
        self.documents: list[dict] = []
        self.items: list[dict] = []
        self.warnings: list[dict] = []
        self.raw_texts: dict[str, str] = {}  # doc_id -> raw decoded text, for the sentences' raw offsets

    def warn(self, source: str, doc_id: str | None, message: str, level: str = "warning") -> None:
        self.warnings.append({"source_file": source, "doc_id": doc_id, "level": level, "message": message})


def _add_file(tables: _Tables, source: str, group: pd.DataFrame, plan: ParsedPlan) -> None:
    """Add one parsed file's documents, items and warnings (the registry rows of the file in *group*)."""
    warn = tables.warn
    for message in plan.warnings:
        warn(source, None, message)
    for kind, text in plan.read_artefacts:
        warn(source, None, f"removed {kind.replace('_', ' ')}: {text[:40]}", "info")
    for a in plan.clean.artefacts:
        warn(source, None, f"removed {a.kind.replace('_', ' ')}: {a.text[:40]}", "info")
    if len(plan.documents) != len(group):
        warn(source, None, f"registry lists {len(group)} documents, the parser found {len(plan.documents)}")
    redactions = find_redactions(plan.text)
    for _, reg_row in group.iterrows():
        doc_id = reg_row["doc_id"]
        part = int(reg_row["part"]) if pd.notna(reg_row["part"]) else 1
        if part < 1:  # a registry given as a DataFrame is not validated: never index from the end
            warn(source, doc_id, f"part {part} is not a part number: write the plan's position in its file "
                 "(1 for the first) in documents.csv", "error")
            continue
        if part > len(plan.documents):
            warn(source, doc_id, f"part {part} not found: the file holds {len(plan.documents)} documents", "error")
            continue
        doc = plan.documents[part - 1]
        for message in doc.warnings:
            warn(source, doc_id, message)
        failed = _checks(reg_row, doc)
        for message in failed:
            warn(source, doc_id, message)
        if pd.notna(reg_row["completeness"]) and doc.completeness and reg_row["completeness"] != doc.completeness:
            warn(source, doc_id, f"registry says {reg_row['completeness']}, the parse looks {doc.completeness}")
        for message in _evidence_warnings(reg_row, plan.clean.raw):
            warn(source, doc_id, message)
        tables.documents.append(_document_row(reg_row, doc, plan, redactions, failed))
        tables.items.extend(_item_rows(doc_id, doc, plan))
        tables.raw_texts[doc_id] = plan.clean.raw


def _add_file_isolated(tables: _Tables, source: str, group: pd.DataFrame, plan: ParsedPlan) -> None:
    """:func:`_add_file`, all or nothing: a failure leaves no half-added rows, only the file's error."""
    sizes = len(tables.documents), len(tables.items), len(tables.warnings)
    try:
        _add_file(tables, source, group, plan)
    except Exception as err:  # one file never stops the build
        del tables.documents[sizes[0]:], tables.items[sizes[1]:], tables.warnings[sizes[2]:]
        tables.warn(source, None, str(StageError(source, "tables", _describe(err))), "error")


def _confined_paths(reg: pd.DataFrame, groups: list, raw_dir: Path) -> tuple[list[Path | None], dict[str, ReadError]]:
    """The path of each group's file, or None and its error when the path leaves *raw_dir*
    (the error names the registry rows, numbered as in a spreadsheet)."""
    paths: list[Path | None] = []
    refused: dict[str, ReadError] = {}
    for source, group in groups:
        try:
            paths.append(raw_file(raw_dir, source))
        except RegistryError as err:
            rows = ", ".join(f"row {reg.index.get_loc(i) + 2} (doc_id {d})" for i, d in group["doc_id"].items())
            refused[source] = ReadError(source, f"documents.csv {rows}: {err}; the file was not read")
            paths.append(None)
    return paths, refused


def _evidence_warnings(reg_row: pd.Series, raw_text: str) -> list[str]:
    """The registry row's evidence quotes that are not verbatim text of its file, and form errors."""
    evidence = reg_row.get("evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        return []
    out = [f"evidence: {problem}" for problem in evidence_problems(evidence)]
    for attribute, quotes in parse_evidence(evidence):
        out += [f"evidence for {attribute}: '{q}' is not in the file's text (correct the quote in documents.csv)"
                for q in quotes if q and q not in raw_text]
    return out


def _warn_unregistered(tables: _Tables, raw_dir: Path, registered: set[str]) -> None:
    if not raw_dir.is_dir():
        return
    for path in sorted(raw_dir.iterdir()):
        if path.is_file() and path.suffix.lower() in {".txt", ".htm", ".html", ".docx", ".pdf"}:
            if path.name not in registered:
                tables.warn(path.name, None, "file in data/raw but not in the registry: add a row "
                            "to documents.csv to include it")


def item_targets(items: pd.DataFrame) -> pd.DataFrame:
    """The quantitative targets of *items*, each carrying its item's primary policy domain.

    Columns: :data:`wpanalysis.targets.TARGET_COLUMNS`.
    """
    tagged = items.merge(primary_domains(items), on=["doc_id", "item_seq"], how="left")
    return targets_table(tagged)


FILE_TARGET_COLUMNS = ["document", *TARGET_COLUMNS]
"""Columns of :func:`targets_of_file`: the document's position in the file, then :data:`TARGET_COLUMNS`."""


def targets_of_file(path: str | Path) -> pd.DataFrame:
    """The targets of one plan file, registered or not (columns :data:`FILE_TARGET_COLUMNS`).

    The file is parsed as ``wpanalysis build`` parses it; ``document`` is the document's
    position in the file (from 1), ``doc_id`` the file's stem (for every document),
    ``item_seq`` the item's position in its document and ``item_number`` its printed
    number; ``domain`` is missing. Raises :class:`wpanalysis.read.ReadError` or ``OSError``
    when the file cannot be read.

    Example::

        targets_of_file("data/raw/001_f29dea3288537dee.txt")[["document", "item_number", "raw"]]
    """
    path = Path(path)
    tables = []
    for k, doc in enumerate(parse_file(path).documents, start=1):
        items = pd.DataFrame({"doc_id": path.stem, "item_seq": range(1, len(doc.items) + 1),
                              "item_number": [item.number for item in doc.items],
                              "text": [item.text for item in doc.items]})
        tables.append(targets_table(items).assign(document=k))
    no_items = pd.DataFrame(columns=["doc_id", "item_seq", "item_number", "text"])
    found = [t for t in tables if len(t)] or [targets_table(no_items).assign(document=0)]
    return pd.concat(found, ignore_index=True)[FILE_TARGET_COLUMNS]


def build_corpus(
    registry: str | Path | pd.DataFrame = config.REGISTRY_PATH,
    raw_dir: str | Path = config.RAW_DATA_DIR,
    workers: int = 1,
    time_limit: float | None = TIME_LIMIT,
    show_progress: bool | None = False,
) -> Corpus:
    """Parse every registered document; see the module docstring for the tables.
    ``workers`` > 1 parses the files in that many processes (same result); a file that takes
    longer than ``time_limit`` seconds (:data:`TIME_LIMIT`; None: no limit) is that file's error.
    ``show_progress``: bars for the files and the table steps (:func:`wpanalysis.progress.progress`;
    None: when stderr is a terminal or in a kernel)."""
    reg = registry if isinstance(registry, pd.DataFrame) else load_registry(registry)
    raw_dir = Path(raw_dir)
    tables = _Tables()
    for i, doc_id in reg.loc[reg["source_file"].isna() | (reg["source_file"].astype(str).str.strip() == ""),
                             "doc_id"].items():
        row = reg.index.get_loc(i) + 2
        tables.warn("", doc_id, f"documents.csv row {row} (doc_id {doc_id}): source_file is empty, so the row names "
                    "no file: fill it in or remove the row", "error")
    groups = list(reg.groupby("source_file", sort=False))
    paths, refused = _confined_paths(reg, groups, raw_dir)
    plans = iter(parse_files([p for p in paths if p is not None], workers, time_limit))
    for (source, group), path in progress(list(zip(groups, paths)), "reading and parsing", unit="file",
                                          show=show_progress):
        plan = next(plans) if path is not None else refused[source]
        if isinstance(plan, ReadError):
            where = f" at byte offset {plan.offset}" if plan.offset is not None else ""
            tables.warn(source, None, f"{source}: {plan.problem}{where}", "error")  # the path as registered
        elif isinstance(plan, FileNotFoundError):
            tables.warn(source, None, f"{source}: file listed in the registry does not exist", "error")
        else:
            _add_file_isolated(tables, source, group, plan)
    _warn_unregistered(tables, raw_dir, set(reg["source_file"]))
    documents = pd.DataFrame(tables.documents, columns=DOCUMENT_COLUMNS)
    items = pd.DataFrame(tables.items, columns=ITEM_COLUMNS)
    for col in ("section", "subsection"):
        items[col] = items[col].astype("Int64")
    for col in ("parsed_year", "first_item", "last_item"):
        documents[col] = documents[col].astype("Int64")
    warnings = pd.DataFrame(tables.warnings, columns=["source_file", "doc_id", "level", "message"])
    made = {}
    for step in steps(["targets", "sentences"], "building tables", show=show_progress):
        made[step] = item_targets(items) if step == "targets" else item_sentences(items, tables.raw_texts)
    return Corpus(documents, items, warnings, made["targets"], made["sentences"])


def item_sentences(items: pd.DataFrame, raw_texts: dict[str, str] | None = None) -> pd.DataFrame:
    """The sentences table: every sentence of every item (:func:`wpanalysis.sentences.sentence_table`)
    with its policy instrument (:func:`wpanalysis.coding.instruments.code_sentences`)."""
    from .coding.instruments import code_sentences

    sentences = code_sentences(sentence_table(items, raw_texts))
    if "item_number" in sentences:
        sentences["item_number"] = sentences["item_number"].astype("Int64")
    return sentences


TABLES: tuple[str, ...] = ("documents", "items", "warnings", "targets", "sentences")
"""The tables the build writes to ``data/processed/``, each as CSV and Parquet."""


MANIFEST = "manifest.json"
"""Written last by :func:`write_corpus`: each table file's SHA-256, so the tables are one generation."""


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_corpus(corpus: Corpus, out_dir: str | Path = config.PROCESSED_DATA_DIR,
                 show_progress: bool | None = False) -> list[Path]:
    """Write the tables (:data:`TABLES`) as CSV (UTF-8) and Parquet, each atomically, then the
    manifest (:data:`MANIFEST`: file → SHA-256) that makes them one generation; return the table
    paths written. Until the new manifest is in place, the old one marks the folder as changing.
    ``show_progress`` as in :func:`build_corpus`."""
    import json

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = out_dir / MANIFEST
    write_atomically(manifest, lambda p: p.write_text('{"state": "writing"}\n', encoding="utf-8"))
    paths = []
    for name in progress(TABLES, "writing tables", unit="table", show=show_progress):
        df = getattr(corpus, name)
        csv, pq = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
        write_atomically(csv, lambda p, df=df: df.to_csv(p, index=False, encoding="utf-8", lineterminator="\n"))
        write_atomically(pq, lambda p, df=df: df.to_parquet(p, index=False))
        paths += [csv, pq]
    files = {p.name: _sha256(p) for p in paths}
    text = json.dumps({"state": "complete", "files": files}, indent=2, sort_keys=True) + "\n"
    write_atomically(manifest, lambda p: p.write_text(text, encoding="utf-8"))
    return paths


class StaleCorpusError(ValueError):
    """The built tables are not one generation (an interrupted or concurrent build): rebuild."""


def check_generation(processed_dir: str | Path = config.PROCESSED_DATA_DIR) -> None:
    """Raise :class:`StaleCorpusError` unless the Parquet tables match the manifest of the
    build that wrote them (a folder without a manifest, from before manifests, passes).

    >>> check_generation()   # the tables the session built
    """
    import json

    processed_dir = Path(processed_dir)
    manifest = processed_dir / MANIFEST
    if not manifest.exists():
        return
    rebuild = "run `wpanalysis build` again"
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StaleCorpusError(f"{manifest}: unreadable manifest ({err}); {rebuild}") from err
    if recorded.get("state") != "complete":
        raise StaleCorpusError(f"{processed_dir}: the last build did not finish (its tables may be from two "
                               f"builds); {rebuild}")
    for name in TABLES:
        file = f"{name}.parquet"
        found = _sha256(processed_dir / file) if (processed_dir / file).exists() else "missing"
        if recorded.get("files", {}).get(file) != found:
            raise StaleCorpusError(f"{processed_dir / file} does not match the manifest of the build that wrote "
                                   f"the tables ({'missing' if found == 'missing' else 'changed'}); {rebuild}")


def load_corpus(processed_dir: str | Path = config.PROCESSED_DATA_DIR) -> Corpus:
    """Read the built tables (:data:`TABLES`) back from the Parquet files in *processed_dir*.

    Parquet keeps the column types (``Int64`` section numbers, booleans). Build the files
    first with ``wpanalysis build``. Tables that do not match the build's manifest (an
    interrupted build, a file edited by hand) raise :class:`StaleCorpusError`.

    >>> corpus = load_corpus()
    >>> list(corpus.warnings.columns)
    ['source_file', 'doc_id', 'level', 'message']
    """
    processed_dir = Path(processed_dir)
    check_generation(processed_dir)
    return Corpus(*(pd.read_parquet(processed_dir / f"{name}.parquet") for name in TABLES))
