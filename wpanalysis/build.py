"""Build stage: registry + raw files → ``data/processed/`` tables.

:func:`build_corpus` reads the registry (``data/raw/documents.csv``), parses
every registered file, checks the declared counts, and returns three tidy
tables (also written as CSV and Parquet by :func:`write_corpus`):

``documents``
    one row per registered document: the registry columns plus what the
    parser found (see the data dictionary in the README).
``items``
    one row per numbered item (see :data:`ITEM_COLUMNS`).
``warnings``
    one row per warning or error: ``source_file``, ``doc_id`` (empty for
    file-level messages), ``level`` (error / warning / info: an artefact cleaning removed), ``message``.

A file that cannot be read is reported as an error and skipped; the other
documents still build.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import config
from .clean import clean_text, find_redactions
from .read import ReadError, read_text
from .structure import CANONICAL_FIELDS, Document, ParsedPlan, parse_clean

__all__ = [
    "REGISTRY_COLUMNS",
    "ITEM_COLUMNS",
    "FIELD_COLUMNS",
    "Corpus",
    "load_registry",
    "parse_file",
    "parse_files",
    "build_corpus",
    "write_corpus",
]

REGISTRY_COLUMNS = [
    "doc_id", "source_file", "part", "title", "issuer", "province", "city", "county",
    "admin_level", "region", "year", "notice_date", "completeness", "expected_sections",
    "expected_subsections", "expected_items", "expected_first_item", "expected_last_item",
    "evidence", "notes",
]
_INT_COLUMNS = ["part", "year", "expected_sections", "expected_subsections", "expected_items",
                "expected_first_item", "expected_last_item"]
FIELD_COLUMNS = [f"field_{name}" for name in dict.fromkeys(CANONICAL_FIELDS.values())]
ITEM_COLUMNS = [
    "doc_id", "item_seq", "item_number", "section", "section_title", "subsection",
    "subsection_title", "title", "body", "text", "has_body", "source", "responsible_units",
    "lead_unit", "n_units", *FIELD_COLUMNS, "n_chars", "char_start", "char_end", "raw_start",
    "raw_end",
]
ADMIN_LEVELS = {"province", "city", "county-level city", "county", "district"}
REGIONS = {"east", "central", "west", "northeast"}
COMPLETENESS = {"full", "partial", "outline-only"}


@dataclass
class Corpus:
    """The three built tables."""

    documents: pd.DataFrame
    items: pd.DataFrame
    warnings: pd.DataFrame

    def report(self) -> str:
        """A short human-readable summary."""
        n_err = int((self.warnings["level"] == "error").sum()) if len(self.warnings) else 0
        n_warn = len(self.warnings) - n_err
        lines = [
            f"documents: {len(self.documents)}  items: {len(self.items)}  "
            f"warnings: {n_warn}  errors: {n_err}"
        ]
        for _, row in self.documents.iterrows():
            lines.append(
                f"  {row['doc_id']:<20} {row['n_sections']:>3} sections "
                f"{row['n_subsections']:>3} sub-sections {row['n_items']:>3} items  "
                f"{row['check']}"
            )
        for _, w in self.warnings[self.warnings["level"] == "error"].iterrows():
            lines.append(f"  ERROR {w['message']}")
        return "\n".join(lines)


def load_registry(path: str | Path = config.REGISTRY_PATH) -> pd.DataFrame:
    """Read the registry and check its columns and controlled values.

    Empty cells stay missing (``<NA>``); integer columns use pandas' ``Int64``.
    """
    path = Path(path)
    reg = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in REGISTRY_COLUMNS if c not in reg.columns]
    if missing:
        raise ValueError(f"{path}: registry lacks columns {missing}")
    reg = reg.replace({"": pd.NA})
    for col in _INT_COLUMNS:
        reg[col] = pd.to_numeric(reg[col], errors="raise").astype("Int64")
    problems = []
    if reg["doc_id"].duplicated().any():
        problems.append(f"duplicate doc_id {sorted(reg.loc[reg['doc_id'].duplicated(), 'doc_id'])}")
    for col, allowed in (("admin_level", ADMIN_LEVELS), ("region", REGIONS),
                         ("completeness", COMPLETENESS)):
        bad = set(reg[col].dropna()) - allowed
        if bad:
            problems.append(f"{col} has values {sorted(bad)} (allowed: {sorted(allowed)})")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return reg


def parse_file(path: str | Path) -> ParsedPlan:
    """Read, clean and parse one file (raises ReadError when it cannot be read)."""
    raw = read_text(path)
    plan = parse_clean(clean_text(raw.text), str(path), raw.encoding)
    plan.format, plan.pages, plan.read_artefacts = raw.format, raw.pages, list(raw.artefacts)
    plan.source_title, plan.source_date = raw.title, raw.date
    return plan


def _parse_or_error(path: Path) -> ParsedPlan | ReadError | FileNotFoundError:
    try:
        return parse_file(path)
    except (ReadError, FileNotFoundError) as err:
        return err


def parse_files(paths: Sequence[str | Path], workers: int = 1) -> Iterator[ParsedPlan | ReadError | FileNotFoundError]:
    """:func:`parse_file` for each path, in order; a file that cannot be read gives its
    error instead of a plan, so the other files still parse. ``workers`` > 1 parses in that
    many processes (the results and their order are the same).

    >>> [str(p) for p in parse_files(["no/such/file.txt"])]
    ['no/such/file.txt: cannot open file (No such file or directory)']
    """
    paths = [Path(p) for p in paths]
    if workers <= 1 or len(paths) < 2:
        yield from map(_parse_or_error, paths)
        return
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    with mp.get_context(method).Pool(workers) as pool:
        yield from pool.imap(_parse_or_error, paths, chunksize=max(1, min(16, len(paths) // (8 * workers))))


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


def build_corpus(
    registry: str | Path | pd.DataFrame = config.REGISTRY_PATH,
    raw_dir: str | Path = config.RAW_DATA_DIR,
    workers: int = 1,
) -> Corpus:
    """Parse every registered document; see the module docstring for the tables.
    ``workers`` > 1 parses the files in that many processes (same result)."""
    reg = registry if isinstance(registry, pd.DataFrame) else load_registry(registry)
    raw_dir = Path(raw_dir)
    doc_rows, item_rows, warn_rows = [], [], []

    def warn(source: str, doc_id: str | None, message: str, level: str = "warning") -> None:
        warn_rows.append({"source_file": source, "doc_id": doc_id, "level": level,
                          "message": message})

    groups = list(reg.groupby("source_file", sort=False))
    plans = parse_files([raw_dir / source for source, _ in groups], workers)
    for (source, group), plan in zip(groups, plans):
        path = raw_dir / source
        if isinstance(plan, ReadError):
            warn(source, None, str(plan), "error")
            continue
        if isinstance(plan, FileNotFoundError):
            warn(source, None, f"{path}: file listed in the registry does not exist", "error")
            continue
        for message in plan.warnings:
            warn(source, None, message)
        for kind, text in plan.read_artefacts:
            warn(source, None, f"removed {kind.replace('_', ' ')}: {text[:40]}", "info")
        for a in plan.clean.artefacts:
            warn(source, None, f"removed {a.kind.replace('_', ' ')}: {a.text[:40]}", "info")
        if len(plan.documents) != len(group):
            warn(source, None, f"registry lists {len(group)} documents, the parser found "
                 f"{len(plan.documents)}")
        redactions = find_redactions(plan.text)
        for _, reg_row in group.iterrows():
            doc_id = reg_row["doc_id"]
            part = int(reg_row["part"]) if pd.notna(reg_row["part"]) else 1
            if part > len(plan.documents):
                warn(source, doc_id, f"part {part} not found: the file holds "
                     f"{len(plan.documents)} documents", "error")
                continue
            doc = plan.documents[part - 1]
            for message in doc.warnings:
                warn(source, doc_id, message)
            failed = _checks(reg_row, doc)
            for message in failed:
                warn(source, doc_id, message)
            if pd.notna(reg_row["completeness"]) and doc.completeness and (
                reg_row["completeness"] != doc.completeness
            ):
                warn(source, doc_id, f"registry says {reg_row['completeness']}, the parse looks "
                     f"{doc.completeness}")
            nums = [i.number for i in doc.items]
            unassigned = sum(p.end - p.start for p in plan.parts
                             if p.kind == "unassigned" and p.document == doc.index)
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
            doc_rows.append(row)
            item_rows.extend(_item_rows(doc_id, doc, plan))
    registered = set(reg["source_file"])
    if raw_dir.is_dir():
        for path in sorted(raw_dir.iterdir()):
            if path.is_file() and path.suffix.lower() in {".txt", ".htm", ".html", ".docx", ".pdf"}:
                if path.name not in registered:
                    warn(path.name, None, "file in data/raw but not in the registry: add a row "
                         "to documents.csv to include it")
    documents = pd.DataFrame(doc_rows)
    items = pd.DataFrame(item_rows, columns=ITEM_COLUMNS)
    for col in ("section", "subsection"):
        items[col] = items[col].astype("Int64")
    if len(documents):
        for col in ("parsed_year", "first_item", "last_item"):
            documents[col] = documents[col].astype("Int64")
    warnings = pd.DataFrame(warn_rows, columns=["source_file", "doc_id", "level", "message"])
    return Corpus(documents, items, warnings)


def write_corpus(corpus: Corpus, out_dir: str | Path = config.PROCESSED_DATA_DIR) -> list[Path]:
    """Write the tables as CSV (UTF-8) and Parquet; return the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, df in (("documents", corpus.documents), ("items", corpus.items),
                     ("warnings", corpus.warnings)):
        csv = out_dir / f"{name}.csv"
        df.to_csv(csv, index=False, encoding="utf-8", lineterminator="\n")
        pq = out_dir / f"{name}.parquet"
        df.to_parquet(pq, index=False)
        paths += [csv, pq]
    return paths
