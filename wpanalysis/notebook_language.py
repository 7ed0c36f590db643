"""A notebook's fixed prose in a second language: translations of its Markdown cells, kept beside it.

The notebooks are written in English (:data:`SOURCE_LANGUAGE`). The other language's text of each
Markdown cell lives in ``notebooks/prose/<notebook stem>.<language>.yaml``, keyed by the cell's id,
with the SHA-1 of the English source it translates and that source itself. When an English cell
changes, its SHA-1 no longer matches and the translation is reported as *stale* (with the
difference) until a translator updates it and accepts it. :func:`localise` swaps the Markdown
cells before a notebook is executed in that language; code cells are never touched (the language
reaches them as the papermill parameter ``language``).

Example::

    from wpanalysis import notebook_language as nl
    nb = nl.localise("notebooks/01_corpus_overview.ipynb", "zh")   # Markdown cells in Chinese
    nl.check("notebooks/01_corpus_overview.ipynb", "zh")            # [] when every cell is translated
    nl.extract("notebooks/01_corpus_overview.ipynb", "zh")          # add skeleton entries for new cells

Command line::

    python -m wpanalysis.notebook_language check 01                 # exit 1 listing missing/stale cells
    python -m wpanalysis.notebook_language extract 01               # write/update the skeleton
    python -m wpanalysis.notebook_language extract 01 --accept intro   # the translation of `intro` is current

The prose file (UTF-8 YAML, written by :func:`extract`, edited by the translator)::

    notebook: 01_corpus_overview.ipynb
    language: zh
    cells:
      intro:
        source_sha1: 9c1d…          # SHA-1 of the English cell's source (UTF-8) this text translates
        source: |-                  # that English source, so a stale entry shows what changed
          # 01 · Corpus overview
        text: |-                    # the translation ("" = not translated yet)
          # 01 · 语料概览
"""

from __future__ import annotations

import argparse
import copy
import difflib
import hashlib
import html
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import config
from .files import write_atomically

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = ["SOURCE_LANGUAGE", "LANGUAGES", "PROSE_DIR", "TranslationError", "ExtractReport", "source_sha1",
           "prose_path", "load_prose", "check", "localise", "extract", "visible_text", "main"]

SOURCE_LANGUAGE = "en"
"""The language the notebooks are written in."""

LANGUAGES: tuple[str, ...] = ("en", "zh")
"""Languages a notebook can be run in."""

PROSE_DIR = config.NOTEBOOKS_DIR / "prose"
"""Where the translations of the notebooks' Markdown cells live."""

_HEADER = """\
# The {language} text of the Markdown cells of notebooks/{notebook}, keyed by cell id.
# Written by `python -m wpanalysis.notebook_language extract {stem}`; translators edit `text`.
# source_sha1 is the SHA-1 of the English cell this text translates, `source` that English text:
# when the English cell changes the entry is stale (`... check {stem}` shows the difference);
# update `text`, then run `... extract {stem} --accept CELL_ID`.
"""


class TranslationError(ValueError):
    """A notebook cannot be localised; ``problems`` lists each cell (id, file, what to do)."""

    def __init__(self, message: str, problems: Sequence[str] = ()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class ExtractReport:
    """What :func:`extract` did to a prose file: the cell ids it added, those stale, those the notebook lost."""

    path: Path
    added: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)


def source_sha1(source: str) -> str:
    """The SHA-1 (hex) of a cell's source as UTF-8.

    >>> source_sha1("# 01 · Corpus overview")
    '28ebf6b7cc28396d5e4ae4bdfffc0c34644b923c'
    """
    return hashlib.sha1(source.encode("utf-8")).hexdigest()


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(map(repr, LANGUAGES))}, got {language!r}")


def _stem(name: str | Path) -> str:
    return Path(name).name.removesuffix(".ipynb")


def prose_path(name: str | Path, language: str = "zh", prose_dir: str | Path = PROSE_DIR) -> Path:
    """The prose file of notebook *name* (a stem, file name or path) in *language*.

    >>> prose_path("notebooks/01_corpus_overview.ipynb", "zh").name
    '01_corpus_overview.zh.yaml'
    """
    return Path(prose_dir) / f"{_stem(name)}.{language}.yaml"


def _read(nb: NotebookNode | str | Path) -> tuple[NotebookNode, str | None]:
    if isinstance(nb, (str, Path)):
        import nbformat

        return nbformat.read(Path(nb), as_version=4), _stem(nb)
    return nb, None


def load_prose(path: str | Path) -> dict[str, dict[str, str]]:
    """The entries of a prose file, ``{cell id: {"source_sha1", "source", "text"}}``; {} when there is none.

    Raises :class:`TranslationError` naming the file and the entry when the file is malformed.
    """
    import yaml

    path = Path(path)
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, dict):
        raise TranslationError(f"{path}: no `cells:` mapping of cell ids to entries; rewrite it with `extract`")
    problems = []
    for cell_id, entry in cells.items():
        if not isinstance(entry, dict) or not {"source_sha1", "text"} <= set(entry):
            problems.append(f"{path.name}, cell {cell_id}: an entry needs source_sha1 and text")
    if problems:
        raise TranslationError(f"{path}: malformed entries:\n" + "\n".join(problems), problems)
    return {str(k): {"source_sha1": str(v["source_sha1"]), "source": str(v.get("source") or ""),
                     "text": str(v["text"] or "")} for k, v in cells.items()}


def _markdown(nb: NotebookNode) -> list[tuple[int, NotebookNode]]:
    return [(k, c) for k, c in enumerate(nb.cells, start=1) if c.cell_type == "markdown"]


def _diff(old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "translated English", "English now", lineterm="",
                                 n=0)
    return "\n".join("      " + line for line in list(lines)[2:])


def _problems(nb: NotebookNode, entries: dict[str, dict[str, str]], path: Path, orphans: bool) -> list[str]:
    problems, ids = [], set()
    for k, cell in _markdown(nb):
        cell_id = cell.get("id")
        if not cell_id:
            problems.append(f"Markdown cell {k} has no id (nbformat ≥ 4.5 gives every cell one): open and save the "
                            "notebook in JupyterLab, then run extract")
            continue
        ids.add(cell_id)
        entry = entries.get(cell_id)
        if entry is None:
            problems.append(f"cell {cell_id}: no translation in {path}; run extract, then write its text")
        elif not entry["text"].strip():
            problems.append(f"cell {cell_id}: the translation in {path} is empty; write its text")
        elif entry["source_sha1"] != source_sha1(cell.source):
            problems.append(f"cell {cell_id}: stale — the English cell changed since it was translated in {path}; "
                            f"update its text, then extract --accept {cell_id}:\n{_diff(entry['source'], cell.source)}")
    if orphans:
        problems += [f"cell {i}: translated in {path} but no longer in the notebook; delete the entry or rename its key"
                     for i in entries if i not in ids]
    return problems


def check(nb: NotebookNode | str | Path, language: str = "zh", name: str | Path | None = None,
          prose_dir: str | Path = PROSE_DIR) -> list[str]:
    """Every Markdown cell of *nb* without a current *language* translation (missing, empty, stale),
    and every translated cell the notebook no longer has; one line each naming the cell id and file.

    *nb* is a path, or a notebook with its *name* (stem or path) given.
    """
    _check_language(language)
    nb, stem = _read(nb)
    if language == SOURCE_LANGUAGE:
        return []
    path = prose_path(_name(name, stem), language, prose_dir)
    return _problems(nb, load_prose(path), path, orphans=True)


def _name(name: str | Path | None, stem: str | None) -> str:
    if name is None and stem is None:
        raise ValueError("name the notebook (its stem or path): a notebook object does not know its file")
    return _stem(name) if name is not None else str(stem)


def localise(nb: NotebookNode | str | Path, language: str, name: str | Path | None = None,
             prose_dir: str | Path = PROSE_DIR) -> NotebookNode:
    """A copy of *nb* whose Markdown cells are in *language* (the source language: an unchanged copy).

    *nb* is a path, or a notebook with its *name* given. Raises :class:`TranslationError` naming
    each cell id and the prose file when a translation is missing, empty or stale. The copy records
    ``metadata.wpanalysis.language``.
    """
    _check_language(language)
    nb, stem = _read(nb)
    out = copy.deepcopy(nb)
    out.metadata.setdefault("wpanalysis", {})["language"] = language
    if language == SOURCE_LANGUAGE:
        return out
    path = prose_path(_name(name, stem), language, prose_dir)
    entries = load_prose(path)
    problems = _problems(nb, entries, path, orphans=False)
    if problems:
        raise TranslationError(f"{path.name}: cannot localise {_name(name, stem)} to {language}: "
                               f"{len(problems)} cell(s) without a current translation:\n" + "\n".join(problems),
                               problems)
    for _, cell in _markdown(out):
        cell.source = entries[cell["id"]]["text"]
    return out


class _Dumper:
    """PyYAML's SafeDumper with multi-line strings as literal blocks (readable, diffable prose)."""

    @staticmethod
    def make() -> Any:
        import yaml

        class Dumper(yaml.SafeDumper):
            pass

        def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
            style = "|" if "\n" in value else None
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

        Dumper.add_representer(str, text)
        return Dumper


def _write(path: Path, stem: str, language: str, entries: dict[str, dict[str, str]]) -> None:
    import yaml

    body = yaml.dump({"notebook": f"{stem}.ipynb", "language": language, "cells": entries}, Dumper=_Dumper.make(),
                     allow_unicode=True, sort_keys=False, width=10_000)
    header = _HEADER.format(language=language, notebook=f"{stem}.ipynb", stem=stem)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda tmp: tmp.write_text(header + body, encoding="utf-8"))


def extract(nb: NotebookNode | str | Path, language: str = "zh", name: str | Path | None = None,
            prose_dir: str | Path = PROSE_DIR, accept: Iterable[str] = ()) -> ExtractReport:
    """Write or update the prose file of *nb*: an entry (empty ``text``) for each Markdown cell it lacks,
    in notebook order; existing translations kept as they are, stale ones too (reported). Cell ids in
    *accept* take the current English source and its SHA-1: their translation is declared current.
    Entries of cells the notebook no longer has are kept at the end and reported (never lost).
    """
    _check_language(language)
    if language == SOURCE_LANGUAGE:
        raise ValueError(f"{language} is the notebooks' own language: there is nothing to translate")
    nb, stem = _read(nb)
    stem = _name(name, stem)
    path = prose_path(stem, language, prose_dir)
    old = load_prose(path)
    report, entries, accept = ExtractReport(path), {}, set(accept)
    cells = {c.get("id"): c for _, c in _markdown(nb) if c.get("id")}
    unknown = sorted(accept - set(cells))
    if unknown:
        raise TranslationError(f"{path.name}: --accept names no Markdown cell of {stem}: {', '.join(unknown)}")
    for cell_id, cell in cells.items():
        entry = old.get(cell_id)
        if entry is None:
            entry = {"source_sha1": source_sha1(cell.source), "source": cell.source, "text": ""}
            report.added.append(cell_id)
        elif cell_id in accept:
            entry = {**entry, "source_sha1": source_sha1(cell.source), "source": cell.source}
            report.accepted.append(cell_id)
        elif entry["source_sha1"] != source_sha1(cell.source):
            report.stale.append(cell_id)
        entries[cell_id] = entry
    for cell_id, entry in old.items():
        if cell_id not in entries:
            entries[cell_id] = entry
            report.orphaned.append(cell_id)
    _write(path, stem, language, entries)
    return report


_TABLE_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_HEAD_CELL = re.compile(r"<th[^>]*>(.*?)</th>", re.S)


def visible_text(nb: NotebookNode | str | Path) -> list[tuple[str, str, str]]:
    """What a reader of an executed notebook reads, as ``(cell id, where, text)``: Markdown cells
    (``markdown``), Markdown and plain-text outputs (``output``; stdout only) and the column headers
    of HTML tables (``table header``). Figures are images: check their text where they are drawn
    (:func:`wpanalysis.labels.figure_strings`).

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## 登记表", id="a"),
    ...     nbformat.v4.new_code_cell("t", id="b", outputs=[nbformat.v4.new_output("execute_result",
    ...         {"text/html": "<table><thead><tr><th></th><th>地区</th></tr></thead></table>"})])])
    >>> visible_text(nb)
    [('a', 'markdown', '## 登记表'), ('b', 'table header', '地区')]
    """
    nb, _ = _read(nb)
    found: list[tuple[str, str, str]] = []
    for cell in nb.cells:
        cell_id = str(cell.get("id", ""))
        if cell.cell_type == "markdown":
            found.append((cell_id, "markdown", cell.source))
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                if output.get("name") == "stdout":
                    found.append((cell_id, "output", output.get("text", "")))
                continue
            data = output.get("data", {})
            if any(kind.startswith("image/") for kind in data):
                continue  # a figure: its text/plain is the object's repr, its text is checked where it is drawn
            head = _TABLE_HEAD.search(data.get("text/html", ""))
            if head:
                found += [(cell_id, "table header", html.unescape(h).strip())
                          for h in _HEAD_CELL.findall(head.group(1)) if h.strip()]
            elif "text/markdown" in data or "text/plain" in data:
                found.append((cell_id, "output", data.get("text/markdown") or data.get("text/plain", "")))
    return found


def _find(name: str, notebooks_dir: Path) -> Path:
    """A notebook by number (``01``), stem, file name or path."""
    path = Path(name)
    if path.suffix == ".ipynb" and path.is_file():
        return path
    hits = sorted(notebooks_dir.glob(f"{_stem(name)}.ipynb")) or sorted(notebooks_dir.glob(f"{_stem(name)}_*.ipynb"))
    if len(hits) != 1:
        found = ", ".join(p.name for p in hits) or "none"
        raise FileNotFoundError(f"{name!r} names {len(hits)} notebooks in {notebooks_dir} ({found}); give its stem")
    return hits[0]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m wpanalysis.notebook_language check|extract NN [--language zh]``."""
    parser = argparse.ArgumentParser(prog="python -m wpanalysis.notebook_language",
                                     description="Check or extract the translations of notebooks' Markdown cells.")
    parser.add_argument("command", choices=["check", "extract"])
    parser.add_argument("names", nargs="+", metavar="NN", help="notebooks: a number (01), a stem or a path")
    parser.add_argument("--language", default="zh", choices=[x for x in LANGUAGES if x != SOURCE_LANGUAGE])
    parser.add_argument("--accept", nargs="+", default=[], metavar="CELL_ID",
                        help="with extract: these cells' translations are current (take the English SHA-1)")
    parser.add_argument("--notebooks-dir", type=Path, default=config.NOTEBOOKS_DIR)
    parser.add_argument("--prose-dir", type=Path, default=None, help="default: NOTEBOOKS_DIR/prose")
    args = parser.parse_args(argv)
    prose_dir = args.prose_dir or args.notebooks_dir / "prose"
    status = 0
    for name in args.names:
        try:
            path = _find(name, args.notebooks_dir)
            if args.command == "check":
                problems = check(path, args.language, prose_dir=prose_dir)
                print(f"{path.name}  {args.language}  " + (f"{len(problems)} problem(s)" if problems else "ok"))
                for line in problems:
                    print(f"  {line}", file=sys.stderr)
                status = max(status, 1 if problems else 0)
            else:
                r = extract(path, args.language, prose_dir=prose_dir, accept=args.accept)
                lost = f", {len(r.orphaned)} no longer in the notebook ({', '.join(r.orphaned)})" if r.orphaned else ""
                print(f"{r.path}: {len(r.added)} added, {len(r.accepted)} accepted, {len(r.stale)} stale"
                      + (f" ({', '.join(r.stale)})" if r.stale else "") + lost)
        except (FileNotFoundError, TranslationError, ValueError) as err:
            print(f"wpanalysis.notebook_language: {err}", file=sys.stderr)
            status = 2
    return status


if __name__ == "__main__":
    raise SystemExit(main())
