"""Execute the analysis notebooks in place, so the committed notebooks carry fresh outputs.

``python -m wpanalysis.notebooks --execute`` runs every ``notebooks/*.ipynb`` in name
order; ``--execute 01_corpus_overview`` runs only the named ones (a stem, a file name or a
path). Each notebook runs with :mod:`nbclient` in a fresh ``python3`` kernel whose working
directory is ``notebooks/``, with a 600 s timeout per cell, and is written back only if
every cell succeeded; a failed notebook keeps its committed outputs, is named on stderr
and makes the command exit with status 1.

Outputs are made deterministic so that re-running changes nothing in git and nbval can
compare them: the kernel runs with ``PYTHONHASHSEED=0``, ``MPLBACKEND=Agg`` and
``WPANALYSIS_PROGRESS=0`` (no progress bars; and this checkout first on ``PYTHONPATH``); progress
output a library writes anyway (tqdm lines on stderr, tqdm widgets) is removed; the per-cell timing
metadata (``metadata.execution``) is removed (``--keep-timing`` keeps it, for benchmarks);
execution counts are renumbered 1, 2, 3 … over the code cells that ran.

One line per notebook is printed with its run time::

    $ python -m wpanalysis.notebooks --execute
    01_corpus_overview.ipynb  ok  6.1 s

While a notebook runs, and stderr is a terminal, a status line there names it, the cell running
(``In [12]``, as numbered in the saved notebook), how long that cell and the notebook have run,
and the cell's first line (``--quiet`` or ``WPANALYSIS_PROGRESS=0``: no status line).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import config
from . import progress as _progress
from .files import write_atomically

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = ["KERNEL_NAME", "TIMEOUT", "KERNEL_ENV", "find_notebooks", "kernel_env", "normalise", "strip_progress",
           "execute_notebook", "parse_parameters", "main"]

KERNEL_NAME = "python3"
"""Jupyter kernel every notebook runs in."""

TIMEOUT = 600
"""Seconds a single cell may run."""

_ANSI = re.compile(r"\x1b\[[0-9;]*m")

KERNEL_ENV: dict[str, str] = {"PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", _progress.ENV_VAR: "0"}
"""Environment variables set for the kernel (on top of the current environment)."""


def find_notebooks(names: Iterable[str] = (), notebooks_dir: str | Path = config.NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks to run, in name order: all ``*.ipynb`` in *notebooks_dir*, or the *names* given.

    A name may be a stem (``01_corpus_overview``), a file name or a path. Raises
    :class:`FileNotFoundError` naming every notebook that does not exist.

    >>> [p.name for p in find_notebooks(["01_corpus_overview"])]
    ['01_corpus_overview.ipynb']
    """
    notebooks_dir = Path(notebooks_dir)
    names = list(names)
    if not names:
        return sorted(p for p in notebooks_dir.glob("*.ipynb") if p.is_file())
    found, missing = set(), []
    for name in names:
        path = Path(name)
        candidates = [path, notebooks_dir / path.name, notebooks_dir / f"{path.name}.ipynb"]
        hit = next((c for c in candidates if c.suffix == ".ipynb" and c.is_file()), None)
        if hit is None:
            missing.append(name)
        else:
            found.add(hit.resolve())
    if missing:
        raise FileNotFoundError(f"no such notebook in {notebooks_dir.name}/: {', '.join(missing)}")
    return sorted(found, key=lambda p: p.name)


def kernel_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The kernel's environment: *base* (default ``os.environ``) plus :data:`KERNEL_ENV`,
    with this checkout first on ``PYTHONPATH`` so the notebooks import the package they sit beside.

    >>> env = kernel_env({"PATH": "/bin"})
    >>> env["PYTHONHASHSEED"], env["MPLBACKEND"]
    ('0', 'Agg')
    """
    env = dict(os.environ if base is None else base)
    env.update(KERNEL_ENV)
    paths = [str(config.PACKAGE_DIR.parent), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


# The end of a tqdm line, in every format tqdm writes: "[00:01<00:02, 4.5it/s]", "[00:01, 4.5it/s]",
# "[01:02:03<?, ?it/s]", or a bar_format that ends in its elapsed time "[00:08]".
_TQDM_END = re.compile(r"\[(?:\d+:)?\d\d:\d\d(?:<[^\]]*)?(?:, [^\]]*)?\]\s*$")
_WIDGET = "application/vnd.jupyter.widget-view+json"


def _is_bar(text: str) -> bool:
    return bool(_TQDM_END.search(text)) or ("FloatProgress(" in text and text.lstrip().startswith("HBox("))


def _without_bars(text: str) -> str:
    """*text* of a stderr stream without its progress lines: a line that holds only bars (and the
    carriage returns between them) goes; a line that ends in text after the bars keeps that text.
    Where a bar went, blank lines go too (the newline tqdm writes when a bar closes)."""
    if not any(_is_bar(part) for line in text.splitlines() for part in line.split("\r")):
        return text
    out = []
    for line in text.splitlines(keepends=True):
        end = "\n" if line.endswith("\n") else ""
        parts = [part for part in line.rstrip("\n").split("\r") if part.strip() and not _is_bar(part)]
        if parts:
            out.append(parts[-1] + end)  # what a terminal shows: the text after the last carriage return
    return "".join(out)


def strip_progress(outputs: list) -> tuple[list, bool]:
    """*outputs* of a cell without progress bars: tqdm lines in stderr streams and tqdm widgets.
    Returns the outputs kept and whether a widget was removed.

    >>> import nbformat
    >>> bar = "\\r  0%|          | 0/3 [00:00<?, ?it/s]\\r100%|##########| 3/3 [00:00<00:00, 99.9it/s]\\n"
    >>> kept, _ = strip_progress([nbformat.v4.new_output("stream", name="stderr", text=bar + "UserWarning: x\\n")])
    >>> kept[0]["text"]
    'UserWarning: x\\n'
    """
    kept, widget = [], False
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream" and output.get("name") == "stderr":
            text = _without_bars(output.get("text", ""))
            if not text:
                continue
            output["text"] = text
        elif kind == "display_data" and _WIDGET in output.get("data", {}):
            if _is_bar(str(output["data"].get("text/plain", ""))):
                widget = True
                continue
        kept.append(output)
    return kept, widget


def normalise(nb: NotebookNode, keep_timing: bool = False) -> NotebookNode:
    """Make *nb*'s recorded state deterministic, in place; return it.

    Removes progress output (:func:`strip_progress`; and the notebook's widget state when a tqdm
    widget was removed, its model ids are random), removes ``metadata.execution`` (timings) from
    every cell unless *keep_timing*, and renumbers the execution counts of code cells that ran
    1, 2, 3 … (their ``execute_result`` outputs too).

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", execution_count=7)])
    >>> nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2024-01-01T00:00:00Z"}
    >>> normalise(nb).cells[0].execution_count, "execution" in nb.cells[0].metadata
    (1, False)
    """
    count, widgets = 0, False
    for cell in nb.cells:
        if not keep_timing:
            cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.outputs, removed = strip_progress(cell.get("outputs", []))
        widgets = widgets or removed
        if cell.get("execution_count") is None:
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if output.get("output_type") == "execute_result":
                output["execution_count"] = count
    if widgets:
        nb.metadata.pop("widgets", None)
    return nb


def _stderr_cells(nb: NotebookNode) -> list[int]:
    return [k for k, cell in enumerate(nb.cells, start=1) if cell.cell_type == "code"
            and any(o.get("output_type") == "stream" and o.get("name") == "stderr" for o in cell.get("outputs", []))]


def _transport_kwargs() -> dict[str, str]:
    """Encrypt kernel traffic (CurveZMQ) when jupyter_client and pyzmq support it.

    Besides being safer, this keeps ipykernel from logging "Kernel is running over TCP
    without encryption" on every run. Older jupyter_client versions lack the option.
    """
    import zmq
    from jupyter_client import KernelManager

    if "transport_encryption" in KernelManager.class_trait_names() and zmq.has("curve"):
        return {"transport_encryption": "auto"}
    return {}


class _CellStatus:
    """The status line on stderr while a notebook runs: the notebook, the cell running (numbered as
    ``In [k]`` will number it), seconds in that cell and in the notebook, and the cell's first line.
    A thread refreshes it every second, so a long cell still shows its time growing."""

    def __init__(self, name: str, nb: NotebookNode, show: bool | None) -> None:
        self.name, self.on = name, _progress.enabled(show)
        self.total = sum(c.cell_type == "code" and bool(c.source.strip()) for c in nb.cells)
        self.count, self.cell_start, self.first_line = 0, 0.0, ""
        self.start = time.monotonic()
        self.stopped = threading.Event()
        self.bar = None

    def __enter__(self) -> _CellStatus:
        if self.on:
            from tqdm.std import tqdm

            self.bar = tqdm(total=self.total, file=sys.stderr, bar_format="{desc}", leave=False,
                            **_progress._width())
            self._show()
            threading.Thread(target=self._tick, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        if self.bar is not None:
            self.bar.close()

    def cell_started(self, cell: Any, **_: Any) -> None:
        self.count += 1
        self.cell_start = time.monotonic()
        self.first_line = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
        self._show()

    def _show(self) -> None:
        if self.bar is None:
            return
        now = time.monotonic()
        cell = (f"In [{self.count}] of {self.total}, {now - self.cell_start:.0f} s: {self.first_line}"
                if self.count else "starting the kernel")
        self.bar.set_description_str(f"{self.name} ({now - self.start:.0f} s) {cell}")

    def _tick(self) -> None:
        while not self.stopped.wait(1.0):
            self._show()


def execute_notebook(path: str | Path, timeout: int = TIMEOUT, kernel_name: str = KERNEL_NAME,
                     parameters: Mapping[str, Any] | None = None, output: str | Path | None = None,
                     keep_timing: bool = False, show_progress: bool | None = False) -> NotebookNode:
    """Run the notebook at *path* top to bottom and write it (to *output*, default: in place) with its outputs.

    *parameters* override the notebook's ``parameters`` cell the papermill way: a cell tagged
    ``injected-parameters`` is inserted after it (the notebook is then a record of that run).
    The kernel starts in the notebook's folder with :func:`kernel_env`. Raises
    :class:`nbclient.exceptions.CellExecutionError` (and writes nothing) when a cell fails.
    *keep_timing* keeps each cell's ``metadata.execution`` timestamps (for benchmarks; never for
    committed notebooks); *show_progress* draws the status line (None: when stderr is a terminal).
    A ``language`` parameter other than ``"en"`` swaps the Markdown cells for their translation
    (:func:`wpanalysis.notebook_language.localise`, ``notebooks/prose/``) and needs *output*: the
    committed notebooks stay the English run.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    language = str((parameters or {}).get("language", "en"))
    if language != "en":
        if output is None:
            raise ValueError(f"{path.name}: a run with language={language!r} would overwrite the English notebook "
                             "with translated prose; write it elsewhere with --output-dir")
        from .notebook_language import localise

        nb = localise(nb, language, path)  # the Markdown cells in *language*; raises naming any cell not translated
    if parameters:
        from papermill.parameterize import parameterize_notebook

        # papermill expects the fields its own loader adds: a tags list on every cell, metadata.papermill
        untagged = [c for c in nb.cells if "tags" not in c.metadata]
        for cell in nb.cells:
            cell.metadata.setdefault("tags", [])
        nb.metadata.setdefault("papermill", {})
        nb = parameterize_notebook(nb, dict(parameters), kernel_name=kernel_name, language="python")
        for cell in untagged:
            if not cell.metadata.get("tags"):
                cell.metadata.pop("tags", None)
        nb.metadata.pop("papermill", None)
    with _CellStatus(path.stem, nb, show_progress) as status:
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name=kernel_name,
            record_timing=keep_timing,
            coalesce_streams=True,  # one stdout and one stderr output per cell, however the kernel flushed them
            resources={"metadata": {"path": str(path.parent)}},
            on_cell_execute=status.cell_started,
        )
        client.execute(env=kernel_env(), **_transport_kwargs())
    normalise(nb, keep_timing=keep_timing)
    target = Path(output) if output is not None else path
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, lambda tmp: nbformat.write(nb, tmp))
    return nb


def parse_parameters(pairs: Sequence[Sequence[str]]) -> dict[str, Any]:
    """``-p NAME VALUE`` pairs → parameters; each VALUE is read as YAML (``3`` → 3, ``[a, b]`` → a list).

    >>> parse_parameters([["min_docs", "3"], ["group_by", "region"], ["corpus_root", "/data/plans"]])
    {'min_docs': 3, 'group_by': 'region', 'corpus_root': '/data/plans'}
    """
    import yaml

    return {name: yaml.safe_load(value) for name, value in pairs}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m wpanalysis.notebooks",
        description="Execute notebooks/*.ipynb in name order, in place, with deterministic outputs.",
    )
    parser.add_argument("--execute", action="store_true", help="run the notebooks and write their outputs")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="notebooks to run (default: all), e.g. 01_corpus_overview")
    parser.add_argument("--timeout", type=int, default=TIMEOUT, help=f"seconds per cell (default {TIMEOUT})")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter (papermill convention), e.g. -p corpus_root ~/plans")
    parser.add_argument("--output-dir", type=Path, default=None,
                        help="write the executed notebooks here instead of in place")
    parser.add_argument("--keep-timing", action="store_true",
                        help="keep each cell's execution timestamps (metadata.execution) in the written notebooks, "
                             "for benchmarks; use with --output-dir, never for the committed notebooks")
    parser.add_argument("--quiet", action="store_true",
                        help="no status line (it is drawn on stderr only when that is a terminal)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m wpanalysis.notebooks --execute [NAMES…]``."""
    parser = _parser()
    args = parser.parse_args(argv)
    parameters = parse_parameters(args.parameter)
    if not args.execute:
        parser.error("nothing to do: pass --execute")
    try:
        paths = find_notebooks(args.names)
    except FileNotFoundError as err:
        print(f"wpanalysis.notebooks: {err}", file=sys.stderr)
        return 2
    if not paths:
        print(f"wpanalysis.notebooks: no notebooks in {config.NOTEBOOKS_DIR.name}/", file=sys.stderr)
        return 2

    failed = []
    for path in paths:
        start = time.perf_counter()
        try:
            output = args.output_dir / path.name if args.output_dir else None
            nb = execute_notebook(path, timeout=args.timeout, parameters=parameters, output=output,
                                  keep_timing=args.keep_timing, show_progress=False if args.quiet else None)
        except Exception as err:  # a cell error, a timeout, a dead or missing kernel: report, go on
            seconds = time.perf_counter() - start
            print(f"{path.name}  FAILED  {seconds:.1f} s", flush=True)
            summary = _ANSI.sub("", str(err)).strip().splitlines()
            print(f"{path.name}: {summary[-1] if summary else type(err).__name__}", file=sys.stderr)
            failed.append(path.name)
            continue
        seconds = time.perf_counter() - start
        print(f"{path.name}  ok  {seconds:.1f} s", flush=True)
        noisy = _stderr_cells(nb)
        if noisy:
            print(f"{path.name}: cells {noisy} wrote to stderr (warnings?) - check the outputs", file=sys.stderr)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
