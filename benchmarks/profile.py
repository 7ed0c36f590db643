"""Where the time goes: the two stages whose speed goals (issue 20) are not met.

    python -m benchmarks.profile [structure] [segment]   # after `python -m benchmarks.bench --goals` (100x corpus)

Writes ``benchmarks/profiles/structure.txt`` and ``benchmarks/profiles/segment_rjieba.txt``.
Each starts with a split of CPU time by step, measured without a profiler (the median of
``REPEAT`` runs: CPU time, so other processes on a shared machine change it little), then a
cProfile listing sorted by own time and by cumulative time. cProfile slows Python code down
more than the C and Rust code it calls, so read its shares, not its seconds.

- structure: read, clean, structure and item rows of the 500 files of the 100x corpus; the
  profiles of the clean and the structure steps on the first 150 files.
- segment_rjieba: the rjieba pipeline to a sparse DTM on the unique 100x items against the bare
  ``rjieba.cut`` loop, split into cutting, encoding the tokens, the vocabulary and the matrix;
  and what encoding the same tokens costs by other means (the floor of that step).
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
OUT = ROOT / "benchmarks" / "profiles"
REPEAT = 5


def _report(profile: cProfile.Profile, title: str, n: int = 25) -> str:
    out = io.StringIO()
    out.write(f"# {title}\n\n## by own time\n")
    stats = pstats.Stats(profile, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(n)
    out.write("\n## by cumulative time\n")
    stats.sort_stats("cumtime").print_stats(n)
    return out.getvalue()


def _table(rows: list[tuple[str, float]], total: float) -> str:
    return "\n".join(f"  {name:<58} {sec:7.3f} s  {100 * sec / total:5.1f} %" for name, sec in rows) + "\n"


def _files(n: int | None = None) -> list[Path]:
    files = sorted((DATA / "scale_100").glob("*"))
    if not files:
        raise SystemExit("no 100x corpus: run `python -m benchmarks.bench --goals` first")
    return files[:n] if n else files


def structure_split() -> str:
    """CPU time of each step over the whole 100x corpus."""
    from wpanalysis.build import _item_rows
    from wpanalysis.clean import clean_text
    from wpanalysis.plan import SourceInfo
    from wpanalysis.read import read_text
    from wpanalysis.structure import parse_clean

    files = _files()
    mb = sum(p.stat().st_size for p in files) / 1e6
    raws = [read_text(p) for p in files]
    cleans = [clean_text(r.text) for r in raws]
    plans = [parse_clean(c, SourceInfo.from_raw(r, source=str(p))) for p, r, c in zip(files, raws, cleans)]
    parts: dict[str, Callable[[], object]] = {
        "read (decode, detect the encoding)": lambda: [read_text(p) for p in files],
        "clean (artefacts, spaces, hard wraps, offset map)": lambda: [clean_text(r.text) for r in raws],
        "structure (lines, segments, documents, items, parts)":
            lambda: [parse_clean(c, SourceInfo.from_raw(r)) for r, c in zip(raws, cleans)],
        "item rows (build's table rows)": lambda: [_item_rows(f"{p.stem}#{d.index}", d, plan)
                                                   for p, plan in zip(files, plans) for d in plan.documents],
    }
    times: dict[str, list[float]] = {name: [] for name in parts}
    for _ in range(REPEAT):  # interleaved: a busy spell of the machine hits every step
        for name, run in parts.items():
            t0 = time.process_time()
            run()
            times[name].append(time.process_time() - t0)
    steps = [(name, statistics.median(t)) for name, t in times.items()]
    total = sum(sec for _, sec in steps)
    return (f"## CPU time by step, {len(files)} files of the 100x corpus ({mb:.2f} MB), median of {REPEAT} "
            "interleaved rounds\n" + _table(steps, total)
            + f"  {'total':<58} {total:7.3f} s  -> {mb / total:.1f} MB per CPU second "
              f"(the structure step alone: {mb / steps[2][1]:.1f})\n\n")


def profile_structure() -> str:
    from wpanalysis.clean import clean_text
    from wpanalysis.plan import SourceInfo
    from wpanalysis.read import read_text
    from wpanalysis.structure import parse_clean

    files = _files(150)
    mb = sum(p.stat().st_size for p in files) / 1e6
    raws = [read_text(p) for p in files]
    cleans = [clean_text(r.text) for r in raws]
    clean_profile, parse_profile = cProfile.Profile(), cProfile.Profile()
    clean_profile.runcall(lambda: [clean_text(r.text) for r in raws])
    parse_profile.runcall(lambda: [parse_clean(c, SourceInfo.from_raw(r)) for r, c in zip(raws, cleans)])
    return (structure_split()
            + _report(parse_profile, f"structure step (parse_clean), {len(files)} files ({mb:.2f} MB)") + "\n"
            + _report(clean_profile, f"clean step (clean_text), {len(files)} files ({mb:.2f} MB)"))


def segment_split() -> str:
    """CPU time of the pipeline's parts against the bare loop, and the floor of encoding."""
    from collections import defaultdict
    from itertools import count

    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc
    import rjieba

    from wpanalysis.backends import _CUT, _cut_batch, _item_separator, cached_segmenter, encode_texts
    from wpanalysis.features import item_dtm
    from wpanalysis.lexicon import lexicon_names
    from wpanalysis.script import to_simplified
    from wpanalysis.segment import _texts

    unique = pd.read_parquet(DATA / "items_100.parquet").drop_duplicates("text")
    texts = [to_simplified(t) for t in unique["text"]]
    item_dtm(unique.head(1), cache=False)  # dictionary loading is not part of the timing
    rjieba.cut("预热")
    import wpanalysis.backends as engine

    engine._WORKER = cached_segmenter("rjieba", True, False, True)
    sep = _item_separator(texts)
    raw_texts = _texts(unique["text"])
    batches = [_cut_batch(sep, raw_texts[lo:lo + _CUT])[0] for lo in range(0, len(raw_texts), _CUT)]
    n_tokens = sum(map(len, batches))

    def encode_dict() -> None:
        index: defaultdict[str, int] = defaultdict(count().__next__)
        for b in batches:
            np.fromiter(map(index.__getitem__, b), dtype=np.int32, count=len(b))

    def encode_factorize() -> None:
        for b in batches:
            pd.factorize(np.array(b, dtype=object))

    def encode_arrow() -> None:
        for b in batches:
            pc.dictionary_encode(pa.array(b, type=pa.string()))

    def loop() -> None:  # as benchmarks.bench does it: one call per text, result discarded
        for t in texts:
            rjieba.cut(t)

    def cut() -> None:  # the pipeline's calls, each result discarded as the loop's are
        for lo in range(0, len(raw_texts), _CUT):
            _cut_batch(sep, raw_texts[lo:lo + _CUT])

    parts: dict[str, Callable[[], object]] = {
        "bare rjieba.cut loop (the reference; texts already Simplified)": loop,
        "pipeline: item_dtm(unique, cache=False)": lambda: item_dtm(unique, cache=False),
        "  cutting: to_simplified + rjieba cut, 64 texts joined per call": cut,
        "  encode_texts (cutting + encoding + vocabulary)":
            lambda: encode_texts(raw_texts, None, "rjieba", lexicon_names(True), False, True, 1, False, lengths=False),
        "  encoding the tokens to integer codes (one dict lookup per token)": encode_dict,
        "floor of encoding: hashing every token once (set(tokens))": lambda: [set(b) for b in batches],
        "encoding by pandas.factorize, per batch": encode_factorize,
        "encoding by pyarrow dictionary_encode, per batch": encode_arrow,
    }
    # interleaved: every part once per round, so a busy spell of the machine hits all of them
    times: dict[str, list[float]] = {name: [] for name in parts}
    for _ in range(REPEAT):
        for name, run in parts.items():
            t0 = time.process_time()
            run()
            times[name].append(time.process_time() - t0)
    names = list(parts)
    shares = {name: statistics.median(t / r for t, r in zip(times[name], times[names[0]])) for name in names}
    med = {name: statistics.median(times[name]) for name in names}
    ratio = statistics.median(r / p for r, p in zip(times[names[0]], times[names[1]]))
    cut_enc = statistics.median(r / (c + e) for r, c, e in zip(times[names[0]], times[names[2]], times[names[4]]))
    lines = [f"  {name:<68} {med[name]:7.3f} s  {100 * shares[name]:6.1f} %" for name in names]
    return (f"## CPU time, {len(unique)} unique items of the 100x corpus, {n_tokens} tokens: median of {REPEAT} "
            "interleaved rounds; % = the median of (part / bare loop of the same round)\n" + "\n".join(lines)
            + f"\n  ratio bare loop / pipeline: {ratio:.3f} (goal 0.6); if the pipeline were only cutting + "
              f"encoding: {cut_enc:.3f}\n\n")


def profile_segment() -> str:
    import pandas as pd

    from wpanalysis.features import item_dtm

    unique = pd.read_parquet(DATA / "items_100.parquet").drop_duplicates("text")
    item_dtm(unique.head(1), cache=False)  # dictionary loading is not part of the profile
    profile = cProfile.Profile()
    profile.runcall(item_dtm, unique, cache=False)
    return segment_split() + _report(profile, f"rjieba pipeline to a sparse DTM, {len(unique)} unique items of the "
                                              "100x corpus")


def main(argv: list[str] | None = None) -> int:
    import sys

    which = set(argv if argv is not None else sys.argv[1:]) or {"structure", "segment"}
    OUT.mkdir(parents=True, exist_ok=True)
    if "structure" in which:
        (OUT / "structure.txt").write_text(profile_structure(), encoding="utf-8")
        print(f"wrote {OUT / 'structure.txt'}")
    if "segment" in which:
        (OUT / "segment_rjieba.txt").write_text(profile_segment(), encoding="utf-8")
        print(f"wrote {OUT / 'segment_rjieba.txt'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
