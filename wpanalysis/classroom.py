"""The classroom edition in one command: every notebook executed in Chinese and rendered, with the
teaching guide, into the offline hand-out.

``make classroom`` runs ``python -m wpanalysis.classroom`` (Chinese by default; ``--language en``
gives the same folder in English). Into ``classroom/`` (never over the committed notebooks) it writes

* ``notebooks/<stem>.ipynb`` — each notebook executed with ``language`` set (its prose
  from ``notebooks/prose/``, its statements, tables and figures in that language), and beside it
  ``<stem>.figures.jsonl``, the texts of the figures it drew (:mod:`wpanalysis.editions`);
* ``handout/index.html`` — :func:`wpanalysis.handout.build_handout` of those notebooks, the figures
  of that language (``figures/zh/``) and ``docs/teaching/``: copy the folder, open it in a browser.

A notebook that fails is listed and the others still run; the command then exits 1.

Example::

    from wpanalysis import classroom
    report = classroom.build_classroom("zh", "classroom")
    report.failed, report.handout            # [], Path('classroom/handout/index.html')
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .editions import Edition, run_edition
from .notebooks import _ANSI, find_notebooks

__all__ = ["ClassroomReport", "build_classroom", "main"]


@dataclass
class ClassroomReport:
    """What :func:`build_classroom` made: the editions that ran, the notebooks that failed (with the
    error's last line), seconds per notebook, and the hand-out's ``index.html`` (None if not built)."""

    language: str
    editions: list[Edition] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    handout: Path | None = None


def build_classroom(language: str = "zh", out_dir: str | Path = "classroom", corpus_root: str | Path | None = None,
                    names: Sequence[str] = (), notebooks_dir: str | Path = config.NOTEBOOKS_DIR) -> ClassroomReport:
    """Execute the notebooks (all, or *names*) in *language* into ``out_dir/notebooks`` and build the
    hand-out in ``out_dir/handout`` from them and the figures they drew.
    The notebooks an earlier run wrote there are removed first, so the hand-out never shows a
    notebook or a figure left over; an *out_dir* whose ``notebooks/`` is the package's own is refused."""
    from .handout import build_handout
    from .plots.style import language_folder

    out = Path(out_dir).expanduser().resolve()
    corpus_root = Path(corpus_root).expanduser().resolve() if corpus_root else None
    executed = out / "notebooks"
    source = Path(notebooks_dir).resolve()
    if executed == source or executed in source.parents:
        raise ValueError(f"{out}: the classroom edition would replace the notebooks in {source}; "
                         "choose another output folder (default: classroom/)")
    for stale in [*executed.glob("*.ipynb"), *executed.glob("*.figures.jsonl")]:
        stale.unlink()  # only what an earlier classroom run wrote: never the folder itself
    report = ClassroomReport(language)
    for path in find_notebooks(names, notebooks_dir):
        start = time.perf_counter()
        try:
            report.editions.append(run_edition(path, language, executed, corpus_root, notebooks_dir=notebooks_dir))
        except Exception as err:  # a failing cell: list it, run the next notebook
            lines = _ANSI.sub("", str(err)).strip().splitlines()
            report.failed[path.stem] = lines[-1] if lines else type(err).__name__
        report.seconds[path.stem] = time.perf_counter() - start
    # the hand-out shows this run's figures only, not whatever an earlier run left in figures/zh/;
    # they are staged in a temporary folder, so no folder of the researcher's is ever emptied
    drawn = language_folder(config.paths(corpus_root).figures, language)
    with tempfile.TemporaryDirectory(prefix="wpanalysis-classroom-") as staged:
        for edition in report.editions:
            for figure in edition.figures:
                png = drawn / f"{figure['name']}.png"
                if png.is_file():
                    target = Path(staged) / png.relative_to(drawn)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(png, target)
        report.handout = build_handout(executed, staged, out / "handout")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m wpanalysis.classroom [--language zh] [--out classroom] [NAMES…]``."""
    parser = argparse.ArgumentParser(prog="python -m wpanalysis.classroom", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="notebooks to run (default: all)")
    parser.add_argument("--language", default="zh", choices=["zh", "en"], help="the edition (default: zh)")
    parser.add_argument("--out", type=Path, default=Path("classroom"), help="output folder (default: classroom/)")
    parser.add_argument("--corpus-root", type=Path, default=None, help="compendium to read (default: this checkout)")
    args = parser.parse_args(argv)
    report = build_classroom(args.language, args.out, args.corpus_root, args.names)
    for stem, seconds in report.seconds.items():
        state = f"FAILED: {report.failed[stem]}" if stem in report.failed else "ok"
        print(f"{stem}  {args.language}  {state}  {seconds:.1f} s", flush=True)
    from .handout import check_handout

    broken = check_handout(report.handout.parent) if report.handout else ["no hand-out was built"]
    print(f"hand-out: {report.handout} (copy the folder {report.handout.parent if report.handout else ''} and open "
          "index.html in a browser; no Python, no server); " + (f"{len(broken)} problem(s):" if broken else "links ok"))
    for line in broken:
        print(f"  {line}", file=sys.stderr)
    if report.failed or broken:
        if report.failed:
            print(f"failed: {', '.join(report.failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
