"""The main job end to end on compendia of 1×, 20× and 100× the seeds: build, then every notebook,
each timed, with its three slowest cells, its peak memory, and the size of every figure it writes.

    python -m benchmarks.main_job 1 20 100      # what `make bench` runs: 9, 180 and 900 plans
    python -m benchmarks.main_job 20 --json     # one size; print the JSON instead of the tables

Each compendium is made by :func:`benchmarks.scale.make_compendium` under ``--data-dir``
(default ``benchmarks/data/``) with cold caches (its ``data/processed``, ``figures``, ``tables``
and notebook copies are deleted first). The build and each notebook run as a child process
(``wpanalysis build``; ``python -m wpanalysis.notebooks --execute NAME -p corpus_root ROOT
--output-dir ROOT/notebooks --keep-timing``), so the committed notebooks are never written.

Measured, per step:

* ``seconds``: wall time of the child process (a notebook's includes starting Python, the runner
  and the kernel, and writing the copy: ``outside_cells``, see :func:`outside_cells`);
* cell times: ``iopub.status.idle`` − ``iopub.status.busy`` of each cell, from the executed copy's
  ``metadata.execution`` (``--keep-timing``); their sum ``cells_s`` and the three slowest are reported;
* ``peak_mb``: the largest sum of resident memory over the step's process tree, sampled every
  0.2 s with psutil (for a notebook: the kernel and any worker processes it starts, not the runner);
* ``max_rss_mb``: ``ru_maxrss`` of the child from ``os.wait4`` — the largest single process of its
  tree (runner, kernel or worker), exact but not a sum.

Writes ``benchmarks/main_job.json`` (``--out``; rewritten after every step, so a long run can be
read as it goes) and the figure beside it (``main_job.png``); prints the Markdown tables of
:func:`benchmarks.report.main_job_tables` (or the JSON with ``--json``). ``--notebooks 03_topic_modelling``
times only the notebooks named (after the build).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "main_job.json"
MAX_SIDE_PX = 4000
MAX_MB = 5.0
TARGETS = {180: 180.0, 900: 600.0}
"""Issue 20's targets for the whole main job (build + every notebook): plans → seconds."""
MEMORY_TARGET_MB = 4000
SAMPLE_S = 0.2


def figure_sizes(folder: Path) -> list[dict]:
    """Every PNG in *folder*: name, width and height in pixels, megabytes, and whether it keeps the limits."""
    from PIL import Image

    rows = []
    for path in sorted(folder.glob("*.png")):
        with Image.open(path) as image:
            width, height = image.size
        mb = path.stat().st_size / 1e6
        rows.append({"figure": path.stem, "width_px": width, "height_px": height, "mb": round(mb, 2),
                     "ok": max(width, height) <= MAX_SIDE_PX and mb <= MAX_MB})
    return rows


def _tree_rss(proc, include_self: bool) -> int:
    """Resident bytes of *proc*'s descendants (and of *proc* itself when *include_self*)."""
    import psutil

    total = 0
    try:
        members = proc.children(recursive=True) + ([proc] if include_self else [])
    except psutil.Error:
        return 0
    for p in members:
        try:
            total += p.memory_info().rss
        except psutil.Error:  # a worker that just ended
            pass
    return total


def measure(cmd: list[str], env: dict[str, str], include_self: bool = True) -> dict:
    """Run *cmd*; its wall seconds, exit status, sampled peak of its process tree's summed RSS
    (without the process itself unless *include_self*), ``ru_maxrss`` and the end of its stderr.

    >>> r = measure([sys.executable, "-c", "x = b'1' * 200_000_000"], dict(os.environ))
    >>> r["exit"], r["max_rss_mb"] > 200
    (0, True)
    """
    import psutil

    started, t0 = time.time(), time.perf_counter()
    child = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             encoding="utf-8", errors="replace")
    proc, peak, done = psutil.Process(child.pid), [0], threading.Event()
    tail: list[str] = []

    def sample() -> None:
        while not done.wait(SAMPLE_S):
            peak[0] = max(peak[0], _tree_rss(proc, include_self))

    def drain() -> None:
        for line in child.stderr:
            tail[:] = [*tail[-19:], line.rstrip("\n")]

    threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=drain, daemon=True)]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - t0
    done.set()
    threads[1].join(5)
    child.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": round(seconds, 1), "exit": child.returncode, "peak_mb": round(peak[0] / 2**20),
            "max_rss_mb": round(usage.ru_maxrss / 1024), "stderr_tail": tail[-5:],
            "started_at": round(started, 3), "ended_at": round(started + seconds, 3)}


def _timed_cells(path: Path) -> list[tuple[object, float, float]]:
    """(cell, busy, idle) of each code cell of an executed notebook that has its timestamps (epoch seconds)."""
    import nbformat

    out = []
    for cell in nbformat.read(path, as_version=4).cells:
        stamps = cell.metadata.get("execution", {})
        if cell.cell_type == "code" and "iopub.status.busy" in stamps and "iopub.status.idle" in stamps:
            busy, idle = (datetime.fromisoformat(stamps[k].replace("Z", "+00:00")).timestamp()
                          for k in ("iopub.status.busy", "iopub.status.idle"))
            out.append((cell, busy, idle))
    return out


def cell_times(path: Path) -> list[dict]:
    """The code cells of an executed notebook with ``metadata.execution``: ``cell`` (``In [k]``),
    ``seconds`` (busy → idle), ``first_line``; in notebook order."""
    rows = []
    for cell, busy, idle in _timed_cells(path):
        first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
        rows.append({"cell": f"In [{cell.get('execution_count')}]", "seconds": round(idle - busy, 2),
                     "first_line": first[:70]})
    return rows


def outside_cells(step: dict, path: Path) -> dict:
    """Where a notebook step's seconds went outside its cells: ``start_s`` (Python, the runner, the kernel
    starting: up to the first cell), ``between_cells_s``, ``end_s`` (after the last cell: the kernel
    stopping, the copy written)."""
    timed = _timed_cells(path)
    if not timed:
        return {}
    first, last = timed[0][1], timed[-1][2]
    between = (last - first) - sum(idle - busy for _, busy, idle in timed)
    return {"start_s": round(first - step["started_at"], 1), "between_cells_s": round(between, 1),
            "end_s": round(step["ended_at"] - last, 1)}


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "WPANALYSIS_PROGRESS": "0",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")]))}


def _cold(root: Path) -> None:
    for name in ("data/processed", "figures", "tables", "notebooks"):
        shutil.rmtree(root / name, ignore_errors=True)


def _summary(run: dict) -> dict:
    """*run* with its totals filled in from the steps measured so far."""
    steps = [run["build"], *run["notebooks"]] if run.get("build") else run["notebooks"]
    run.update(total_s=round(sum(s["seconds"] for s in steps), 1),
               peak_mb=max((s["peak_mb"] for s in steps), default=0),
               all_ok=bool(steps) and all(s["exit"] == 0 for s in steps))
    return run


def run_main_job(factor: int, data_dir: Path = DATA, saved: Callable[[dict], None] | None = None,
                 names: Sequence[str] = ()) -> dict:
    """Make the compendium of *factor* copies, build it and run every notebook on it; the measures
    (see the module docstring). *saved* is called with the run so far after every step (``complete``
    false until the last), so a long run can be read while it goes on."""
    import pandas as pd

    from benchmarks.scale import make_compendium
    from wpanalysis.notebooks import find_notebooks

    root = data_dir / f"compendium_{factor}"
    registry = make_compendium(factor, root)
    plans = sum(1 for _ in registry.open(encoding="utf-8")) - 1
    run: dict = {"factor": factor, "plans": plans, "items": None, "target_s": TARGETS.get(plans), "complete": False,
                 "build": None, "notebooks": []}
    _cold(root)
    py, env = sys.executable, _env()
    run["build"] = measure([py, "-m", "wpanalysis", "build", "--quiet", "--registry", str(registry), "--raw-dir",
                            str(registry.parent), "--out-dir", str(root / "data" / "processed")], env)
    if run["build"]["exit"] == 0:
        run["items"] = len(pd.read_parquet(root / "data" / "processed" / "items.parquet", columns=["doc_id"]))
    for path in find_notebooks(names):
        if saved:
            saved(_summary(run))
        step = measure([py, "-m", "wpanalysis.notebooks", "--execute", path.stem, "--quiet", "--keep-timing",
                        "-p", "corpus_root", str(root), "--output-dir", str(root / "notebooks")],
                       env, include_self=False)
        copy = root / "notebooks" / path.name
        ok = step["exit"] == 0 and copy.exists()
        cells = cell_times(copy) if ok else []
        step.update(notebook=path.stem, cells_s=round(sum(c["seconds"] for c in cells), 1),
                    outside_cells=outside_cells(step, copy) if ok else {},
                    slowest_cells=sorted(cells, key=lambda c: -c["seconds"])[:3])
        run["notebooks"].append(step)
    run.update(complete=True, figures=figure_sizes(root / "figures"))
    return _summary(run)


def machine() -> dict:
    """The machine the run was taken on: cores, CPU model, memory, OS, Python, package versions, load."""
    from importlib.metadata import version

    import psutil

    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text(encoding="utf-8").splitlines() if cpuinfo.exists() else []
    model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
                 platform.processor() or platform.machine())

    names = ["wpanalysis", "pandas", "numpy", "scikit-learn", "matplotlib", "nbclient", "rjieba", "jieba"]
    return {"cores": os.cpu_count(), "cpu": model, "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "os": platform.platform(terse=True), "python": platform.python_version(),
            "versions": {n: version(n) for n in names}, "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}


def plot(report: dict, path: Path) -> Path:
    """The figure: seconds by step (stacked bars; hatched where the step failed) and the peak memory
    of each step, against the number of plans, with issue 20's targets dashed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from wpanalysis.plots.style import set_house_style

    set_house_style()
    runs = report["runs"]
    steps = ["build", *[n["notebook"] for n in runs[0]["notebooks"]]] if runs else []
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.6))
    x = list(range(len(runs)))
    bottom = [0.0] * len(runs)
    for k, step in enumerate(steps):
        found = [_step(r, step) or {"seconds": 0.0, "exit": 0, "peak_mb": None} for r in runs]
        colour = f"C{k % 8}"
        label = step if step == "build" else step.replace("_", " ")
        left.bar(x, [f["seconds"] for f in found], bottom=bottom, width=0.6, color=colour, label=label,
                 edgecolor="white")
        for i, f in enumerate(found):
            if f["exit"] != 0:
                left.bar(i, f["seconds"], bottom=bottom[i], width=0.6, color="none", hatch="///", edgecolor="black")
        bottom = [b + f["seconds"] for b, f in zip(bottom, found)]
        right.plot([r["plans"] for r in runs], [f["peak_mb"] for f in found], "o-", color=colour)
    for i, r in enumerate(runs):
        if r.get("target_s"):
            left.hlines(r["target_s"], i - 0.4, i + 0.4, colors="black", linestyles="dashed")
            left.annotate(f"target {r['target_s']:.0f} s", (i, r["target_s"]), xytext=(0, 3),
                          textcoords="offset points", ha="center", va="bottom", fontsize=8,
                          bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    left.set_xticks(x, [f"{r['plans']} plans" for r in runs])
    left.set_ylabel("seconds (wall clock)")
    left.set_title("Time by step (hatched: the step failed)", fontsize=11)
    right.axhline(MEMORY_TARGET_MB, color="black", linestyle="dashed", linewidth=1)
    right.annotate("target 4,000 MB", (0.02, MEMORY_TARGET_MB), xycoords=("axes fraction", "data"),
                   xytext=(0, 3), textcoords="offset points", va="bottom", fontsize=8)
    right.set_xscale("log")
    right.set_xticks([r["plans"] for r in runs], [str(r["plans"]) for r in runs])
    right.minorticks_off()
    right.set_ylim(0, MEMORY_TARGET_MB * 1.1)
    right.set_xlabel("plans")
    right.set_ylabel("peak memory of the step, MB")
    right.set_title("Peak memory by step (process tree, sampled)", fontsize=11)
    fig.legend(*left.get_legend_handles_labels(), loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=9)
    m = report["machine"]
    fig.suptitle(f"The main job end to end, N = {', '.join(str(r['plans']) for r in runs)} plans "
                 f"({m['cores']} cores, {m['cpu'][:40]}, {m['date']})", fontsize=12)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=150, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return path


def _step(run: dict, step: str) -> dict | None:
    if step == "build":
        return run["build"]
    return next((n for n in run["notebooks"] if n["notebook"] == step), None)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.report import main_job_tables

    parser = argparse.ArgumentParser(prog="python -m benchmarks.main_job", description=__doc__.splitlines()[0])
    parser.add_argument("factors", nargs="*", type=int, default=[1, 20, 100],
                        help="copies of the seed corpus (1 = the nine seeds; default 1 20 100)")
    parser.add_argument("--data-dir", type=Path, default=DATA, help="where the compendia are made")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the JSON written (the figure goes beside it)")
    parser.add_argument("--json", action="store_true", help="print the JSON instead of the tables")
    parser.add_argument("--notebooks", nargs="+", default=[], metavar="NAME",
                        help="time only these notebooks (default: all), e.g. 03_topic_modelling")
    args = parser.parse_args(argv)
    report: dict = {"machine": machine(), "runs": []}
    args.out.parent.mkdir(parents=True, exist_ok=True)

    def save(run: dict | None = None) -> None:
        runs = report["runs"] + ([run] if run else [])
        args.out.write_text(json.dumps({**report, "runs": runs}, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")

    for factor in args.factors:
        print(f"main job at {factor}×…", file=sys.stderr, flush=True)
        report["runs"].append(run_main_job(factor, args.data_dir, saved=save, names=args.notebooks))
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    save()
    plot(report, args.out.with_suffix(".png"))
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else main_job_tables(report))
    return 0 if all(r["all_ok"] for r in report["runs"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
