"""Markdown tables for the README's Performance section: the stage benchmark
(``benchmarks/results.json``, :func:`tables`) and the main job end to end (``benchmarks/main_job.json``,
:func:`main_job_tables`).

    python -m benchmarks.report                # the stage tables
    python -m benchmarks.report --main-job     # the main-job tables
    python -m benchmarks.report FILE.json      # either, by what the file holds
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"
MAIN_JOB = Path(__file__).resolve().parent / "main_job.json"


def _seconds(step: dict) -> str:
    return f"{step['seconds']:g}" if step.get("exit") == 0 else f"failed ({step['seconds']:g})"


def main_job_tables(report: dict) -> str:
    """The main job end to end (:mod:`benchmarks.main_job`): the machine, one row per corpus size
    (seconds of the build and of each notebook, the total against issue 20's target, peak memory),
    then the three slowest cells of each notebook at the largest size.

    >>> step = {"seconds": 1.5, "exit": 0, "peak_mb": 300, "max_rss_mb": 280, "slowest_cells": [
    ...     {"cell": "In [3]", "seconds": 1.2, "first_line": "fit = sweep(dtm)"}]}
    >>> run = {"plans": 9, "items": 274, "build": {**step, "seconds": 0.7}, "notebooks": [{**step, "notebook": "01_x"}],
    ...        "total_s": 2.2, "target_s": None, "peak_mb": 300}
    >>> machine = {"cores": 2, "cpu": "CPU", "memory_gb": 8.0, "python": "3.11.7", "date": "2026-12-06 17:00 UTC",
    ...            "load_average_at_start": [0.5, 0.4, 0.3]}
    >>> print(main_job_tables({"machine": machine, "runs": [run]}).splitlines()[4])
    | 9 | 274 | 0.7 | 1.5 | 2.2 | – | 300 |
    """
    m = report["machine"]
    runs = report["runs"]
    names = [n["notebook"] for n in runs[0]["notebooks"]] if runs else []
    out = [f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}; "
           f"{m['date']}, load average at the start {m['load_average_at_start'][0]}.", ""]
    out += ["| plans | items | build s | " + " | ".join(f"{n.split('_')[0]} s" for n in names)
            + " | total s | target s | peak MB |",
            "|" + "---|" * (len(names) + 6)]
    for r in runs:
        by_name = {n["notebook"]: n for n in r["notebooks"]}
        cells = [_seconds(by_name[n]) if n in by_name else "" for n in names]
        target = f"{r['target_s']:g}" if r.get("target_s") else "–"
        out.append(f"| {r['plans']} | {r['items'] if r['items'] is not None else '–'} | {_seconds(r['build'])} | "
                   + " | ".join(cells) + f" | {r['total_s']:g} | {target} | {r['peak_mb']} |")
    outside = []
    for r in runs:
        parts = [sum(n.get("outside_cells", {}).get(k, 0) for n in r["notebooks"])
                 for k in ("start_s", "between_cells_s", "end_s")]
        outside.append(f"{r['plans']} plans {parts[0]:.0f} s before the first cell (Python, the runner, the kernel "
                       f"starting), {parts[1]:.0f} s between cells, {parts[2]:.0f} s after the last (the kernel "
                       "stopping, the copy written)")
    out += ["", "Notebook seconds outside their cells, all notebooks that ran: " + "; ".join(outside) + "."]
    if runs:
        last = runs[-1]
        out += ["", f"Slowest cells at {last['plans']} plans (seconds the kernel was busy; In [k] as numbered in "
                "the executed copy, where the injected parameters cell counts too):", "",
                "| notebook | cell | s | first line |", "|---|---|---|---|"]
        for n in last["notebooks"]:
            for c in n.get("slowest_cells", []):
                line = c["first_line"].replace("|", "\\|")
                out.append(f"| {n['notebook']} | {c['cell']} | {c['seconds']:g} | `{line}` |")
    return "\n".join(out)


def tables(report: dict) -> str:
    out = [f"Machine: {report['cores']} cores, Python {report['python']}; "
           + ", ".join(f"{k} {v}" for k, v in report["versions"].items()) + ".", ""]
    out += ["| stage | scale | MB | items | seconds | MB/s | peak RSS MB |", "|---|---|---|---|---|---|---|"]
    for r in report["structure"]:
        if "seconds" in r:
            workers = r.get("workers", 1)
            label = "read+clean+structure" + (f", {workers} processes" if workers > 1 else "")
            out.append(f"| {label} | {r['scale']}× | {r['mb']} | {r['items']} | {r['seconds']} | "
                       f"{r['mb_per_s']} | {r['peak_rss_mb']} |")
    if "structure_linearity_1000_over_100" in report:
        out += ["", f"Structure time 1000× / 100×: {report['structure_linearity_1000_over_100']} (linear = 10)."]
    out += ["", "| segmentation → sparse DTM | scale | unique items | MB | pipeline s | MB/s | "
            "plain rjieba.cut s | plain jieba.lcut s | ratio to rjieba loop | ratio to jieba loop | peak RSS MB |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in report["segmentation"]:
        if "pipeline_s" in r:
            out.append(f"| {r['backend']}, {r['workers']} worker{'s' if r['workers'] > 1 else ''} | {r['scale']}× | "
                       f"{r['unique_items']} | {r['mb']} | {r['pipeline_s']} | {r['mb_per_s']} | "
                       f"{r.get('rjieba_loop_s', '')} | {r.get('jieba_loop_s', '')} | "
                       f"{r.get('ratio_to_rjieba_loop', '')} | {r.get('ratio_to_jieba_loop', '')} | "
                       f"{r['peak_rss_mb']} |")
    a = report.get("agreement", {})
    if "token_f1" in a:
        out += ["", f"rjieba vs jieba on the seeds: token F1 {a['token_f1']}, identical items {a['identical_items']}; "
                "differences: " + "; ".join(f"{d['jieba']} → {d['rjieba']} ×{d['count']}" for d in a["differences"])]
    c = report.get("cache", {})
    if "speedup" in c:
        out += ["", f"Token cache at {c['scale']}×: cold {c['cold_s']} s, warm {c['warm_s']} s "
                f"({c['speedup']}× faster; {c['tokens']} tokens)."]
    t = report.get("topics", {})
    if "lda_fit_s" in t:
        out += ["", f"LDA, k = {t['k']}, at {t['scale']}× ({t['items']} items, {t['terms']} terms): "
                f"{t['lda_fit_s']} s; "
                f"the notebook's k sweep on the seeds ({t['seed_sweep']}): {t['seed_sweep_s']} s."]
    m = report.get("make_run", {})
    if "total_s" in m:
        out += ["", f"`make run` on the seeds: build {m['build_s']} s + notebooks {m['notebooks_s']} s "
                f"({', '.join(f'{k} {v} s' for k, v in m['notebooks'].items())}) = {m['total_s']} s."]
    return "\n".join(out)


if __name__ == "__main__":
    arg = sys.argv[1] if len(sys.argv) > 1 else ""
    path = MAIN_JOB if arg == "--main-job" else Path(arg) if arg else RESULTS
    data = json.loads(path.read_text(encoding="utf-8"))
    print(main_job_tables(data) if "runs" in data else tables(data))
