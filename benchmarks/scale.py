"""Scaled corpora for benchmarks: N varied copies of the seed files (the frozen seed corpus).

Each copy of each seed file is changed so that no cache or de-duplication can
skip it, while staying a parseable plan:

* **items shuffled**: inside every run of consecutive one-line items (outline
  lines, 000/001/002/004 bodies) the item lines are shuffled;
* **renumbered**: the shuffled run is numbered again from its first number,
  so numbering stays consecutive;
* **characters substituted**: about 2% of the distinct ideographs (never the
  ones that carry structure: numerals, 第, 部分, field and unit labels…) are
  mapped to other common ideographs, consistently within the copy.

Everything is drawn from ``random.Random(f"{seed}:{copy}:{file}")``, so the
same arguments give byte-identical files.

    python -m benchmarks.scale 100 benchmarks/data/scale_100          # files only
    python -m benchmarks.scale 20 benchmarks/data/compendium_20 --compendium
                             # a compendium: data/raw/ with a registry of 180 plans

The seeds are read from ``tests/seed_corpus/data/raw/`` (never the researcher's
``data/raw/``), each in whatever encoding it has, and written as UTF-8.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

SEED_RAW = Path(__file__).resolve().parents[1] / "tests" / "seed_corpus" / "data" / "raw"
"""The frozen seed corpus the copies are made from."""

ITEM_LINE = re.compile(r"^(\d{1,3})(\s*[.．、﹒])(?!\d)")
# Characters that carry structure or labels are never substituted.
PROTECTED = set(
    "一二三四五六七八九十百零〇两第部分章篇年月日"
    "责任单位处室科股牵头配合问题描述目标任务预期成果工作措施举要点计划安排汇编目录印发通知关于"
)
POOL = "学校教师课程质量发展建设体系机制改革创新服务管理评价培训资源平台项目活动标准示范基地"


def _substitute(text: str, rng: random.Random, rate: float = 0.02) -> str:
    """Map about ``rate`` of the distinct ideographs to other ones, the same way throughout
    the copy (so an outline and the body of the same plan still agree)."""
    chars = sorted({ch for ch in text if "\u4e00" <= ch <= "\u9fff" and ch not in PROTECTED})
    table = {ord(ch): rng.choice(POOL) for ch in chars if rng.random() < rate}
    return text.translate(table)


def _is_item(line: str) -> bool:
    from wpanalysis.grammar import is_toc_line

    m = ITEM_LINE.match(line)
    return bool(m) and bool(line[m.end():].strip()) and not is_toc_line(line)


def _shuffle_items(lines: list[str], rng: random.Random) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        # a run is consecutive item lines whose numbers continue (a restart is a new plan)
        while j < len(lines) and _is_item(lines[j]) and (
            j == i or int(ITEM_LINE.match(lines[j]).group(1)) == int(ITEM_LINE.match(lines[j - 1]).group(1)) + 1
        ):
            j += 1
        if j - i >= 2:
            run = lines[i:j]
            first = int(ITEM_LINE.match(run[0]).group(1))
            rng.shuffle(run)
            for k, line in enumerate(run):
                out.append(ITEM_LINE.sub(lambda m, n=first + k: f"{n}{m.group(2)}", line, count=1))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def vary(text: str, rng: random.Random) -> str:
    """One varied copy of a plan text (see the module docstring)."""
    ends_with_newline = text.endswith("\n")
    lines = _shuffle_items(text.split("\n"), rng)
    out = _substitute("\n".join(lines), rng)
    return out if out.endswith("\n") or not ends_with_newline else out + "\n"


def make_scaled_corpus(factor: int, out_dir: str | Path, raw_dir: str | Path | None = None,
                       seed: int = 0) -> list[Path]:
    """Write ``factor`` varied copies of every seed file into ``out_dir``; return the paths.

    Copy 0 of the 1× corpus is the seed file itself, unchanged.
    """
    from wpanalysis.read import read_text

    raw = Path(raw_dir) if raw_dir else SEED_RAW
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sources = sorted(raw.glob("*.txt"))
    paths = []
    for copy in range(factor):
        for src in sources:
            text = read_text(src).text
            if copy > 0:
                text = vary(text, random.Random(f"{seed}:{copy}:{src.name}"))
            path = out / f"c{copy:04d}_{src.name}"
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths


def make_compendium(factor: int, root: str | Path, raw_dir: str | Path | None = None, seed: int = 0) -> Path:
    """A compendium at *root* (``data/raw/`` with files and a registry) of *factor* varied copies of
    every seed plan; return the registry's path. Each copy's registry rows are the seed rows with
    ``doc_id`` suffixed ``_cNNNN`` and ``source_file`` renamed; evidence and notes are left out
    (the varied text no longer holds every quote).
    """
    import csv

    raw = Path(raw_dir) if raw_dir else SEED_RAW
    target = Path(root) / "data" / "raw"
    paths = make_scaled_corpus(factor, target, raw, seed)
    with (raw / "documents.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    registry = target / "documents.csv"
    with registry.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for path in paths:
            copy, name = path.name[1:5], path.name[6:]
            for row in rows:
                if row["source_file"] == name:
                    writer.writerow({**row, "doc_id": f"{row['doc_id']}_c{copy}", "source_file": path.name,
                                     "evidence": "", "notes": ""})
    return registry


if __name__ == "__main__":
    n = int(sys.argv[1])
    if "--compendium" in sys.argv[3:]:
        registry = make_compendium(n, sys.argv[2])
        print(f"{registry}: {sum(1 for _ in registry.open(encoding='utf-8')) - 1} plans")
    else:
        files = make_scaled_corpus(n, sys.argv[2])
        print(f"{len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB")
