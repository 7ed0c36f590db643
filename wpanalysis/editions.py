"""The language editions of the notebooks: run a notebook in one language and list every word of
the other language a reader would see in it.

The notebooks take a ``language`` parameter (``"en"``, the committed edition for papers, or
``"zh"``, the classroom edition). :func:`run_edition` executes a notebook in a language into a
folder of its own (never in place: the committed notebooks stay the English run), recording the
texts of every figure the notebook draws (:func:`wpanalysis.plots.style.save_figure` writes them
to ``$WPANALYSIS_FIGURE_TEXT_LOG``). :func:`edition_problems` then checks what a reader sees —
the Markdown cells, the generated statements and other outputs, the tables' column headers and
every text of every figure — with :func:`wpanalysis.labels.foreign_words`, allowing the corpus's
own words (place names, plan labels, Latin words that occur in the plans' text).

Example::

    from wpanalysis import editions
    run = editions.run_edition("01", "zh", "/tmp/zh")
    editions.edition_problems(run)        # [] when a Chinese reader sees no English word

Command line (exit 1 listing the words when any is found)::

    python -m wpanalysis.editions 01 03 --language zh --out /tmp/zh
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import config, labels
from .notebook_language import _find, visible_text
from .plots.style import FIGURE_TEXT_LOG_ENV_VAR

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = ["Edition", "run_edition", "corpus_allow", "edition_problems", "main"]

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@dataclass
class Edition:
    """One executed notebook in one language: the notebook, its figures' texts and the corpus it read."""

    name: str
    language: str
    notebook: NotebookNode
    figures: list[dict[str, Any]]
    corpus_root: Path


def run_edition(name: str | Path, language: str, out_dir: str | Path, corpus_root: str | Path | None = None,
                parameters: dict[str, Any] | None = None, notebooks_dir: str | Path = config.NOTEBOOKS_DIR,
                timeout: int | None = None) -> Edition:
    """Execute notebook *name* (``01``, a stem or a path) with ``language`` = *language* into
    *out_dir* (same file name; the figures' texts in ``<stem>.figures.jsonl`` beside it) and return
    it with the texts of the figures it drew. *out_dir* must not be the notebooks' own folder.

    Raises what :func:`wpanalysis.notebooks.execute_notebook` raises when a cell fails.
    """
    from .notebooks import TIMEOUT, execute_notebook

    path = _find(str(name), Path(notebooks_dir))
    corpus_root = Path(corpus_root).expanduser().resolve() if corpus_root else None  # the kernel runs elsewhere
    out = Path(out_dir).resolve()  # absolute: the kernel runs in the notebook's folder
    if out == path.parent.resolve():
        raise ValueError(f"{path.name}: run an edition into another folder than {path.parent} (committed notebooks)")
    out.mkdir(parents=True, exist_ok=True)
    log = out / f"{path.stem}.figures.jsonl"
    log.unlink(missing_ok=True)
    params = {"language": language, **({"corpus_root": str(corpus_root)} if corpus_root else {}), **(parameters or {})}
    before = os.environ.get(FIGURE_TEXT_LOG_ENV_VAR)
    os.environ[FIGURE_TEXT_LOG_ENV_VAR] = str(log)  # the kernel inherits it (notebooks.kernel_env)
    try:
        nb = execute_notebook(path, timeout=timeout or TIMEOUT, parameters=params,
                              output=out / path.name)
    finally:
        if before is None:
            os.environ.pop(FIGURE_TEXT_LOG_ENV_VAR, None)
        else:
            os.environ[FIGURE_TEXT_LOG_ENV_VAR] = before
    figures = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    return Edition(path.stem, language, nb, figures, config.paths(corpus_root).root)


def corpus_allow(corpus_root: str | Path | None = None) -> list[str]:
    """The corpus's own words, which either edition shows as they are: :func:`wpanalysis.labels.corpus_words`
    and every Latin word of the plans' item text (a plan that writes "STEM" or "Python")."""
    from .build import load_corpus

    corpus = load_corpus(config.paths(corpus_root).processed)
    text = " ".join(corpus.items["text"].fillna("").astype(str)) if "text" in corpus.items else ""
    return [*labels.corpus_words(corpus.documents), *sorted(set(_LATIN.findall(text)))]


def edition_problems(edition: Edition, allow: Iterable[str] | None = None) -> list[str]:
    """Every place a reader of *edition* meets a word of the other language, one line each:
    ``<cell id> <where>: <words> in "<text…>"`` for Markdown, outputs and table headers,
    ``figure <name>: <words> in "<text>"`` for figures; in Chinese, also a table header that is a
    column code of the label table (``n_items`` shown instead of 条目数). [] when there is none.
    """
    allow = list(corpus_allow(edition.corpus_root) if allow is None else allow)
    table = labels.load_labels()
    problems: list[str] = []

    def excerpt(text: str) -> str:
        flat = " ".join(str(text).split())
        return flat if len(flat) <= 90 else flat[:87] + "…"

    for cell_id, where, text in visible_text(edition.notebook):
        found = labels.foreign_words(text, edition.language, allow=allow)
        if found:
            problems.append(f"{cell_id} {where}: {', '.join(found)} in \"{excerpt(text)}\"")
        elif (where == "table header" and edition.language != "en" and text in table.columns
              and table.columns[text][edition.language] != text):  # `r`, `k`, `Id` are their own label
            problems.append(f"{cell_id} table header: {text!r} is a column code; show it with labels.localised")
    for figure in edition.figures:
        for text in figure["texts"]:
            found = labels.foreign_words(text, edition.language, allow=allow)
            if found:
                problems.append(f"figure {figure['name']}: {', '.join(found)} in \"{excerpt(text)}\"")
    return list(dict.fromkeys(problems))


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m wpanalysis.editions NN… --language zh --out DIR``."""
    parser = argparse.ArgumentParser(prog="python -m wpanalysis.editions",
                                     description="Run notebooks in a language and list the other language's words "
                                                 "a reader would see (statements, tables, figures).")
    parser.add_argument("names", nargs="+", metavar="NN", help="notebooks: a number (01), a stem or a path")
    parser.add_argument("--language", default="zh", choices=labels.LANGUAGES)
    parser.add_argument("--out", type=Path, required=True, help="folder for the executed notebooks (never in place)")
    parser.add_argument("--corpus-root", type=Path, default=None, help="compendium to read (default: this checkout)")
    args = parser.parse_args(argv)
    status = 0
    allow = corpus_allow(args.corpus_root)
    for name in args.names:
        try:
            edition = run_edition(name, args.language, args.out, args.corpus_root)
        except Exception as err:  # a failing cell: report it and go on with the next notebook
            lines = str(err).strip().splitlines()
            print(f"{name}  {args.language}  FAILED: {lines[-1] if lines else type(err).__name__}", file=sys.stderr)
            status = 2
            continue
        problems = edition_problems(edition, allow)
        print(f"{edition.name}  {args.language}  " + (f"{len(problems)} problem(s)" if problems else "ok"))
        for line in problems:
            print(f"  {line}")
        status = max(status, 1 if problems else 0)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
