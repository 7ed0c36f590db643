"""Markdown tables for the README's Performance section from ``benchmarks/results.json``.

    python -m benchmarks.report            # prints the tables
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


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
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else RESULTS
    print(tables(json.loads(path.read_text(encoding="utf-8"))))
