"""Where the time goes: cProfile of the two stages whose speed goals are not met.

    python -m benchmarks.profile     # after `make bench` (it uses the 100x corpus)

Writes ``benchmarks/profiles/structure.txt`` (read + clean + structure + item rows of the
first 150 files of the 100x corpus) and ``benchmarks/profiles/segment_rjieba.txt`` (the
rjieba pipeline to a sparse DTM on the 17,905 unique 100x items), each the functions
sorted by own time and by cumulative time. cProfile slows Python code down more than the
C and Rust code it calls, so read the shares, not the seconds.
"""

from __future__ import annotations

import cProfile
import io
import pstats
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
OUT = ROOT / "benchmarks" / "profiles"


def _report(profile: cProfile.Profile, title: str, n: int = 25) -> str:
    out = io.StringIO()
    out.write(f"# {title}\n\n## by own time\n")
    stats = pstats.Stats(profile, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(n)
    out.write("\n## by cumulative time\n")
    stats.sort_stats("cumtime").print_stats(n)
    return out.getvalue()


def profile_structure() -> str:
    from wpanalysis.build import _item_rows, parse_file

    files = sorted((DATA / "scale_100").glob("*"))[:150]
    if not files:
        raise SystemExit("no 100x corpus: run `make bench` first")

    def run() -> None:
        for path in files:
            plan = parse_file(path)
            for doc in plan.documents:
                _item_rows(f"{path.stem}#{doc.index}", doc, plan)

    mb = sum(p.stat().st_size for p in files) / 1e6
    profile = cProfile.Profile()
    profile.runcall(run)
    title = f"read + clean + structure + item rows, {len(files)} files of the 100x corpus ({mb:.2f} MB)"
    return _report(profile, title)


def profile_segment() -> str:
    import pandas as pd

    from wpanalysis.features import item_dtm

    unique = pd.read_parquet(DATA / "items_100.parquet").drop_duplicates("text")
    item_dtm(unique.head(1), cache=False)  # dictionary loading is not part of the profile
    profile = cProfile.Profile()
    profile.runcall(item_dtm, unique, cache=False)
    return _report(profile, f"rjieba pipeline to a sparse DTM, {len(unique)} unique items of the 100x corpus")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "structure.txt").write_text(profile_structure(), encoding="utf-8")
    (OUT / "segment_rjieba.txt").write_text(profile_segment(), encoding="utf-8")
    print(f"wrote {OUT / 'structure.txt'} and {OUT / 'segment_rjieba.txt'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
