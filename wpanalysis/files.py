"""Writing files so that no reader ever sees half of one: the one owner of atomic writes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: str | os.PathLike[str], write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a temporary file beside *path*, then rename it to *path*.

    The rename is atomic on the same file system, so a reader finds the old file or the new one,
    never a half-written one; if *write* fails, the temporary file is removed and *path* is untouched.

    >>> target = getfixture("tmp_path") / "table.csv"
    >>> write_atomically(target, lambda tmp: tmp.write_text("a,b\\n", encoding="utf-8"))
    >>> target.read_text(encoding="utf-8"), sorted(p.name for p in target.parent.iterdir())
    ('a,b\\n', ['table.csv'])
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
