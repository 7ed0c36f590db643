"""Benchmark: LDA engines on the scaled item matrices, fit time at equal quality (issue 20).

    nice -n 10 python -m benchmarks.topic_models                      # 20× and 100×, table + JSON
    nice -n 10 python -m benchmarks.topic_models --scales 20 --json   # one scale, JSON on stdout

For each scale, the items of ``scale`` varied copies of the seed corpus (:mod:`benchmarks.scale`,
parsed as in :mod:`benchmarks.bench`; kept in ``benchmarks/data/items_<scale>.parquet``) go through
the notebooks' pipeline — titles for outline items, every stopword layer removed, ``topic_dtm``
with ``min_df=3``, ``max_share=0.3``, ``min_docs=2`` — and each engine fits k = 10 with seeds
0, 1, 2. Per engine:

* ``fit_s``: seconds of one :func:`wpanalysis.topics.fit_topics` (median of the three seeds; the
  fit and the item shares: scikit-learn's ``transform``, tomotopy's fold-in), one thread;
* ``npmi``, ``diversity``: the package's coherence and diversity of the top 10 terms by weight,
  mean over the seeds;
* ``heldout_ll``, ``heldout_perplexity``: document completion, the same for every engine
  (:func:`wpanalysis.topic_engines.heldout_fit`: 20 % of the items held out with seed 0, φ from the
  fit on the rest, θ folded in on a random half of each held-out item's tokens, the other half
  scored);
* ``train_ll``: log-likelihood per token of all items under the fit's θ and φ (seed 0);
* ``jaccard``, ``cosine``, ``stable``: :func:`wpanalysis.topics.topic_stability` of the three seeds.

The SIMD check fits tomotopy once per ISA in a child process (``TOMOTOPY_ISA`` must be set before
the import) and reports its time and whether the topics equal the SSE2 fit's.
Results go to ``benchmarks/topic_models.json``. The machine's load shows in the times: run it on
a quiet machine for figures to quote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "topic_models.json"
K = 10
SEEDS = (0, 1, 2)
ENGINES = {
    "sklearn-batch": ("sklearn", {}),
    "sklearn-online": ("sklearn", {"learning_method": "online", "max_iter": 10}),
    "tomotopy-200": ("tomotopy", {"iterations": 200}),
    "tomotopy-500": ("tomotopy", {"iterations": 500}),
}


def items_path(scale: int) -> Path:
    """The items of the ``scale``× corpus, parsed once and kept (git-ignored)."""
    path = DATA / f"items_{scale}.parquet"
    if not path.exists():
        import pandas as pd

        from benchmarks.scale import make_scaled_corpus
        from wpanalysis.build import _item_rows, parse_files

        files = make_scaled_corpus(scale, DATA / f"scale_{scale}")
        rows: list = []
        for file, plan in zip(files, parse_files(files, 1)):
            for doc in plan.documents:
                rows += _item_rows(f"{file.stem}#{doc.index}", doc, plan)
        DATA.mkdir(parents=True, exist_ok=True)
        pd.DataFrame(rows)[["doc_id", "item_seq", "item_number", "title", "text", "has_body"]].to_parquet(path)
    return path


def item_matrix(scale: int):
    """Notebook 03's item DTM of the ``scale``× corpus."""
    import pandas as pd

    from wpanalysis import topics
    from wpanalysis.segment import remove_stopwords, tokenize_items

    items = pd.read_parquet(items_path(scale))
    tokens = remove_stopwords(tokenize_items(topics.model_items(items), cache=False))
    return topics.topic_dtm(tokens, min_df=3, max_share=0.3, min_docs=2)


def measure_engine(dtm, engine: str, options: dict, seeds: tuple[int, ...] = SEEDS) -> dict:
    """Fit time, coherence, diversity, held-out and in-sample fit, and stability of one engine."""
    from wpanalysis import topic_engines, topics

    models, times, cpu = [], [], []
    for seed in seeds:
        t0, c0 = time.perf_counter(), time.process_time()
        models.append(topics.fit_topics(dtm, K, "lda", seed, engine=engine, **options))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    terms = [topics.top_terms(m, 10) for m in models]
    npmi = [float(topics.npmi_coherence(t, dtm).mean()) for t in terms]
    t0 = time.perf_counter()
    held = topic_engines.heldout_fit(dtm, K, seed=0, holdout=0.2, engine=engine, **options)
    heldout_s = time.perf_counter() - t0
    stab = topics.topic_stability(models, n_terms=10) if len(models) > 1 else None
    info = models[0].info
    return {"engine": engine, "options": options, "library": info["library"], "inference": info["inference"],
            "iterations": info["iterations"], "seeds": list(seeds), "fit_s": round(float(np.median(times)), 2),
            "fit_cpu_s": round(float(np.median(cpu)), 2), "fit_s_all": [round(t, 2) for t in times],
            "fit_cpu_s_all": [round(t, 2) for t in cpu], "npmi": round(sum(npmi) / len(npmi), 4),
            "npmi_by_seed": [round(x, 4) for x in npmi],
            "diversity": round(sum(topics.topic_diversity(t) for t in terms) / len(terms), 3),
            "heldout_ll": round(held["ll_per_token"], 4), "heldout_perplexity": round(held["perplexity"], 1),
            "heldout_s": round(heldout_s, 2), "train_ll": round(info["train_ll_per_word"], 4),
            "jaccard": round(stab.mean_jaccard, 3) if stab else None,
            "cosine": round(stab.mean_cosine, 3) if stab else None,
            "stable": f"{stab.n_stable} of {K}" if stab else None}


def isa_child(scale: int, isa: str) -> dict:
    """One tomotopy fit with ``TOMOTOPY_ISA`` = *isa* (called in a fresh process)."""
    from wpanalysis import topics

    dtm = item_matrix(scale)
    t0, c0 = time.perf_counter(), time.process_time()
    model = topics.fit_topics(dtm, K, "lda", 0, engine="tomotopy")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    digest = hashlib.sha256(model.topic_term.tobytes()).hexdigest()[:16]
    return {"isa": model.info["isa"], "fit_s": round(seconds, 2), "fit_cpu_s": round(cpu, 2), "topics_sha256": digest,
            "train_ll": round(model.info["train_ll_per_word"], 4)}


def isa_check(scale: int) -> list[dict]:
    out = []
    for isa in ("sse2", "avx2"):
        env = {**os.environ, "TOMOTOPY_ISA": isa}
        res = subprocess.run([sys.executable, "-m", "benchmarks.topic_models", "--isa-child", isa, "--scales",
                              str(scale)], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        out.append(json.loads(res.stdout.strip().splitlines()[-1]))
    return out


def run(scales: list[int], engines: list[str], with_isa: bool, seeds: dict[str, tuple[int, ...]] | None = None,
        previous: dict | None = None) -> dict:
    """Measure *engines* at *scales* (seeds per engine from *seeds*, default 0, 1, 2), adding to *previous*."""
    seeds = seeds or {}
    report: dict = previous or {"k": K, "machine": f"{platform.machine()} {os.cpu_count()} cores",
                    "python": platform.python_version(), "scales": {}}
    for scale in scales:
        dtm = item_matrix(scale)
        entry = report["scales"].setdefault(str(scale), {"engines": {}})
        entry.update({"items": dtm.shape[0], "terms": dtm.shape[1], "tokens": int(dtm.matrix.sum())})
        for name in engines:
            entry["engines"][name] = measure_engine(dtm, *ENGINES[name], seeds.get(name, SEEDS))
            RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if with_isa:
            entry["isa"] = isa_check(scale)
    return report


def table(report: dict) -> str:
    cols = ["fit_s", "fit_cpu_s", "npmi", "diversity", "heldout_ll", "heldout_perplexity", "train_ll", "jaccard",
            "cosine", "stable"]
    lines = [f"| scale | items × terms | engine | {' | '.join(cols)} |", "|" + " --- |" * (len(cols) + 3)]
    for scale, entry in report["scales"].items():
        for name, row in entry["engines"].items():
            lines.append(f"| {scale}× | {entry['items']:,} × {entry['terms']:,} | {name} | "
                         + " | ".join(str(row[c]) for c in cols) + " |")
    for scale, entry in report["scales"].items():
        for r in entry.get("isa", []):
            lines.append(f"\n{scale}× tomotopy-200 with ISA {r['isa']}: {r['fit_s']} s ({r['fit_cpu_s']} s CPU), "
                         f"topics {r['topics_sha256']}, "
                         f"train ll {r['train_ll']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[20, 100])
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), choices=list(ENGINES))
    parser.add_argument("--no-isa", action="store_true", help="skip the SSE2 / AVX2 comparison")
    parser.add_argument("--json", action="store_true", help="print the JSON instead of the table")
    parser.add_argument("--one-seed", nargs="*", default=[], metavar="ENGINE",
                        help="engines fitted with seed 0 only (no stability), to save time at large scales")
    parser.add_argument("--add", action="store_true", help="add to the existing benchmarks/topic_models.json")
    parser.add_argument("--isa-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.isa_child:
        print(json.dumps(isa_child(args.scales[0], args.isa_child)))
        return
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if args.add and RESULTS.exists() else None
    report = run(args.scales, args.engines, not args.no_isa, {e: (0,) for e in args.one_seed}, previous)
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else table(report))


if __name__ == "__main__":
    main()
