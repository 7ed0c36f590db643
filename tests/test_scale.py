"""The benchmark's scaled-corpus generator: deterministic, every copy varied, still parseable."""

from __future__ import annotations

import hashlib

from benchmarks.scale import make_scaled_corpus, vary
from tests.seeds import SEED_RAW
from wpanalysis.build import parse_file

SEEDS = sorted(SEED_RAW.glob("*.txt"))


def _digests(paths):
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_generator_is_deterministic(tmp_path):
    a = make_scaled_corpus(3, tmp_path / "a")
    b = make_scaled_corpus(3, tmp_path / "b")
    assert [p.name for p in a] == [p.name for p in b]
    assert _digests(a) == _digests(b)
    assert len(a) == 3 * len(SEEDS)


def test_every_copy_is_varied(tmp_path):
    paths = make_scaled_corpus(4, tmp_path)
    digests = _digests(paths)
    assert len(set(digests)) == len(digests), "no two copies are the same file"
    seed_digests = set(_digests(SEEDS))
    copies = [d for p, d in zip(paths, digests) if not p.name.startswith("c0000_")]
    assert not seed_digests & set(copies), "only copy 0 is the seed itself"
    # items are shuffled and renumbered: the first item line of a varied 004 differs
    text = SEEDS[-1].read_text(encoding="utf-8")
    import random

    varied = vary(text, random.Random("0:1:x"))
    assert varied != text and len(varied.splitlines()) == len(text.splitlines())


def test_varied_copies_parse_like_the_seeds(tmp_path):
    paths = make_scaled_corpus(2, tmp_path)
    counts = {}
    for p in paths:
        plan = parse_file(p)
        counts.setdefault(p.name.split("_", 1)[1], []).append([len(d.items) for d in plan.documents])
    for name, per_copy in counts.items():
        assert per_copy[0] == per_copy[1], name
    assert counts["001_f29dea3288537dee.txt"][1] == [53, 34, 25, 23, 15]


def test_compendium_registers_every_copy_and_builds_like_the_seeds(tmp_path):
    """make_compendium(2): 18 registry rows (each seed row per copy, doc_id suffixed, evidence dropped),
    and the build finds every copy's items: twice the seeds' 274."""
    import csv

    from benchmarks.scale import make_compendium
    from tests.seeds import SEED_REGISTRY
    from wpanalysis.build import build_corpus

    registry = make_compendium(2, tmp_path)
    assert registry == tmp_path / "data" / "raw" / "documents.csv"
    with registry.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with SEED_REGISTRY.open(encoding="utf-8", newline="") as fh:
        seeds = list(csv.DictReader(fh))
    assert len(rows) == 18
    assert [r["doc_id"] for r in rows[:2]] == [f"{seeds[0]['doc_id']}_c0000", f"{seeds[1]['doc_id']}_c0000"]
    assert rows[9]["doc_id"] == f"{seeds[0]['doc_id']}_c0001"
    assert rows[9]["source_file"] == f"c0001_{seeds[0]['source_file']}"
    assert all(r["evidence"] == "" and (registry.parent / r["source_file"]).is_file() for r in rows)
    corpus = build_corpus(registry, registry.parent)
    assert corpus.failed_files == [] and len(corpus.documents) == 18 and len(corpus.items) == 2 * 274


def test_main_job_cell_times_read_the_executed_copy(tmp_path):
    """The slowest cells come from metadata.execution: busy → idle of each code cell; the step's
    seconds outside them split into before, between and after."""
    from datetime import UTC, datetime

    import nbformat

    from benchmarks.main_job import cell_times, outside_cells

    cells = [nbformat.v4.new_markdown_cell("# x"),
             nbformat.v4.new_code_cell("\n# Parameters\ncorpus_root = None", execution_count=1),
             nbformat.v4.new_code_cell("fit = sweep(dtm)", execution_count=2)]
    cells[1].metadata["execution"] = {"iopub.status.busy": "2026-12-06T17:00:00.000000Z",
                                      "iopub.status.idle": "2026-12-06T17:00:00.250000Z"}
    cells[2].metadata["execution"] = {"iopub.status.busy": "2026-12-06T17:00:00.550000Z",
                                      "iopub.status.idle": "2026-12-06T17:01:03.050000Z"}
    nbformat.write(nbformat.v4.new_notebook(cells=cells), tmp_path / "x.ipynb")
    assert cell_times(tmp_path / "x.ipynb") == [
        {"cell": "In [1]", "seconds": 0.25, "first_line": "# Parameters"},
        {"cell": "In [2]", "seconds": 62.5, "first_line": "fit = sweep(dtm)"},
    ]
    # the step began 4 s before the first cell and ended 1.5 s after the last; 0.3 s between the cells
    first = datetime(2026, 12, 6, 17, 0, 0, tzinfo=UTC).timestamp()
    step = {"started_at": first - 4.0, "ended_at": first + 63.05 + 1.5}
    assert outside_cells(step, tmp_path / "x.ipynb") == {"start_s": 4.0, "between_cells_s": 0.3, "end_s": 1.5}


def test_main_job_measures_memory_and_failure_of_a_child():
    """measure(): ru_maxrss and the sampled peak see a child that holds 300 MB; a failing child's
    exit status and the end of its stderr are kept."""
    import os
    import sys

    from benchmarks.main_job import measure

    hold = "import time; x = bytearray(300 * 2**20); x[::4096] = b'1' * len(x[::4096]); time.sleep(1.5)"
    r = measure([sys.executable, "-c", hold], dict(os.environ))
    assert r["exit"] == 0 and r["max_rss_mb"] >= 300 and r["peak_mb"] >= 300
    r = measure([sys.executable, "-c", "import sys; print('no corpus here', file=sys.stderr); sys.exit(3)"],
                dict(os.environ))
    assert r["exit"] == 3 and r["stderr_tail"] == ["no corpus here"]
