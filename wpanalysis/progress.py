"""Progress bars for anything that takes more than a few seconds (the build, segmentation, sweeps).

:func:`progress` wraps an iterable the way ``tqdm`` does and picks where the bar goes:

* in a terminal, a text bar on stderr, only when stderr is a terminal (a log file or a pipe
  gets nothing);
* in a Jupyter kernel, a widget bar when ``ipywidgets`` is installed, else a text bar in the
  cell's stderr;
* nowhere when ``WPANALYSIS_PROGRESS=0`` (also ``false``, ``no``, ``off``), or with ``show=False``.
  ``WPANALYSIS_PROGRESS=1`` shows bars even when stderr is not a terminal.

When no bar is shown the iterable itself is returned, so a silent loop costs nothing.
Notebooks run by ``python -m wpanalysis.notebooks --execute`` get ``WPANALYSIS_PROGRESS=0``, and the
runner strips any progress output a library writes anyway (:func:`wpanalysis.notebooks.normalise`),
so committed outputs never hold a bar.

    for path in progress(paths, "reading", unit="file"):
        ...
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

__all__ = ["ENV_VAR", "enabled", "in_kernel", "progress", "steps"]

T = TypeVar("T")

ENV_VAR = "WPANALYSIS_PROGRESS"
"""``0`` (``false``, ``no``, ``off``) silences every bar; ``1`` shows them even off a terminal."""

_OFF = {"0", "false", "no", "off"}


def in_kernel() -> bool:
    """True inside a Jupyter (IPython ZMQ) kernel, False in a terminal or a plain script.

    >>> in_kernel()
    False
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def enabled(show: bool | None = None) -> bool:
    """Whether a bar would be shown now: *show* if given (False always wins over the environment),
    else ``WPANALYSIS_PROGRESS``, else yes in a kernel and when stderr is a terminal.

    >>> enabled(False)
    False
    """
    setting = os.environ.get(ENV_VAR, "").strip().lower()
    if show is False or setting in _OFF:
        return False
    if show or setting:
        return True
    if in_kernel():
        return True
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stderr
        return False


def _width() -> dict:
    """tqdm's width arguments: follow the terminal, or 80 columns where it reports none (a bare pty)."""
    if in_kernel():
        return {}
    try:
        known = os.get_terminal_size(sys.stderr.fileno()).columns > 0
    except (AttributeError, OSError, ValueError):
        known = False
    return {"dynamic_ncols": True} if known else {"ncols": 80, "nrows": 20}


def _bar_class() -> type:
    if in_kernel():
        try:
            import ipywidgets  # noqa: F401  (tqdm.notebook needs it; without it, text bars)
            from tqdm.notebook import tqdm as bar

            return bar
        except ImportError:
            pass
    from tqdm.std import tqdm as bar

    return bar


def progress(iterable: Iterable[T], desc: str | None = None, total: int | None = None, *, unit: str = "it",
             show: bool | None = None, leave: bool = False) -> Iterable[T]:
    """*iterable*, with a progress bar named *desc* when :func:`enabled` (see the module docstring).

    *total* defaults to ``len(iterable)`` when it has one. The bar disappears when the loop ends
    (``leave=True`` keeps it). When no bar is shown, *iterable* itself is returned.

    >>> list(progress(range(3), "counting", show=False))
    [0, 1, 2]
    """
    if not enabled(show):
        return iterable
    if total is None and hasattr(iterable, "__len__"):
        total = len(iterable)  # type: ignore[arg-type]
    bar = _bar_class()
    return bar(iterable, desc=desc, total=total, unit=unit, leave=leave, file=sys.stderr,
               mininterval=0.5 if in_kernel() else 0.1, **_width())


def steps(names: Sequence[str], desc: str, *, show: bool | None = None) -> Iterator[str]:
    """Yield each of *names* while a line shows which step is running (``desc: sentences: 1/2 done [00:04]``).

    For a job made of a few long steps rather than many items.

    >>> [name for name in steps(["targets", "sentences"], "tables", show=False)]
    ['targets', 'sentences']
    """
    if not enabled(show):
        yield from names
        return
    bar = _bar_class()(total=len(names), desc=f"{desc}: {names[0]}" if names else desc, leave=False,
                       file=sys.stderr, bar_format="{desc}: {n_fmt}/{total_fmt} done [{elapsed}]", **_width())
    try:
        for name in names:
            bar.set_description_str(f"{desc}: {name}")
            yield name
            bar.update()
    finally:
        bar.close()
