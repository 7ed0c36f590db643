"""Execute the analysis notebooks in place, so the committed notebooks carry fresh outputs.

``python -m wpanalysis.notebooks --execute`` runs every ``notebooks/*.ipynb`` in name
order; ``--execute 01_corpus_overview`` runs only the named ones (a stem, a file name or a
path). Each notebook runs with :mod:`nbclient` in a fresh ``python3`` kernel whose working
directory is ``notebooks/``, with a 600 s timeout per cell, and is written back only if
every cell succeeded; a failed notebook keeps its committed outputs, is named on stderr
and makes the command exit with status 1.

Outputs are made deterministic so that re-running changes nothing in git and nbval can
compare them: the kernel runs with ``PYTHONHASHSEED=0`` and ``MPLBACKEND=Agg`` (and this
checkout first on ``PYTHONPATH``); the per-cell timing metadata (``metadata.execution``)
is removed; execution counts are renumbered 1, 2, 3 … over the code cells that ran.

One line per notebook is printed with its run time::

    $ python -m wpanalysis.notebooks --execute
    01_corpus_overview.ipynb  ok  6.1 s
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import config
from .files import write_atomically

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = ["KERNEL_NAME", "TIMEOUT", "KERNEL_ENV", "find_notebooks", "kernel_env", "normalise", "execute_notebook",
           "parse_parameters", "main"]

KERNEL_NAME = "python3"
"""Jupyter kernel every notebook runs in."""

TIMEOUT = 600
"""Seconds a single cell may run."""

_ANSI = re.compile(r"\x1b\[[0-9;]*m")

KERNEL_ENV: dict[str, str] = {"PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}
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


def normalise(nb: NotebookNode) -> NotebookNode:
    """Make *nb*'s recorded state deterministic, in place; return it.

    Removes ``metadata.execution`` (timings) from every cell and renumbers the execution
    counts of code cells that ran 1, 2, 3 … (their ``execute_result`` outputs too).

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", execution_count=7)])
    >>> nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2024-01-01T00:00:00Z"}
    >>> normalise(nb).cells[0].execution_count, "execution" in nb.cells[0].metadata
    (1, False)
    """
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is None:
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if output.get("output_type") == "execute_result":
                output["execution_count"] = count
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


def execute_notebook(path: str | Path, timeout: int = TIMEOUT, kernel_name: str = KERNEL_NAME,
                     parameters: Mapping[str, Any] | None = None, output: str | Path | None = None) -> NotebookNode:
    """Run the notebook at *path* top to bottom and write it (to *output*, default: in place) with its outputs.

    *parameters* override the notebook's ``parameters`` cell the papermill way: a cell tagged
    ``injected-parameters`` is inserted after it (the notebook is then a record of that run).
    The kernel starts in the notebook's folder with :func:`kernel_env`. Raises
    :class:`nbclient.exceptions.CellExecutionError` (and writes nothing) when a cell fails.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
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
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=kernel_env(), **_transport_kwargs())
    normalise(nb)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m wpanalysis.notebooks --execute [NAMES…]``."""
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
            nb = execute_notebook(path, timeout=args.timeout, parameters=parameters, output=output)
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
