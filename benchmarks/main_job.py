"""The main job end to end on a compendium: build, then every notebook, timed, with the size of
every figure it writes (pixels and bytes) checked against the limits a figure must keep at any N.

    python -m benchmarks.main_job 20            # 20 varied copies of the seeds: 180 plans
    python -m benchmarks.main_job 1 20 --json   # several sizes, one JSON report

The compendium is made by :func:`benchmarks.scale.make_compendium` under ``benchmarks/data/``;
the notebooks run with ``corpus_root`` set to it and write their copies there, never over the
committed ones.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
MAX_SIDE_PX = 4000
MAX_MB = 5.0


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


def run_main_job(factor: int) -> dict:
    """Build the compendium of *factor* copies and run the main job on it; the timings and figure sizes."""
    from benchmarks.scale import make_compendium

    root = DATA / f"compendium_{factor}"
    registry = make_compendium(factor, root)
    py = sys.executable
    env = {**os.environ, "PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}
    t0 = time.perf_counter()
    build = subprocess.run([py, "-m", "wpanalysis", "build", "--registry", str(registry), "--raw-dir",
                            str(registry.parent), "--out-dir", str(root / "data" / "processed")],
                           capture_output=True, text=True, env=env, check=False)
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    notebooks = subprocess.run([py, "-m", "wpanalysis.notebooks", "--execute", "-p", "corpus_root", str(root),
                                "--output-dir", str(root / "notebooks")],
                               capture_output=True, text=True, env=env, check=False)
    t_notebooks = time.perf_counter() - t0
    per_notebook = {line.split()[0]: line.split()[1:] for line in notebooks.stdout.splitlines() if line.strip()}
    return {
        "factor": factor,
        "plans": sum(1 for _ in registry.open(encoding="utf-8")) - 1,
        "build_s": round(t_build, 1), "build_exit": build.returncode,
        "notebooks_s": round(t_notebooks, 1), "notebooks_exit": notebooks.returncode,
        "per_notebook": per_notebook, "notebook_errors": notebooks.stderr.strip().splitlines()[-5:],
        "figures": figure_sizes(root / "figures"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.main_job", description=__doc__.splitlines()[0])
    parser.add_argument("factors", nargs="+", type=int, help="copies of the seed corpus (1 = the nine seeds)")
    parser.add_argument("--json", action="store_true", help="print one JSON report")
    args = parser.parse_args(argv)
    reports = [run_main_job(f) for f in args.factors]
    if args.json:
        print(json.dumps({"machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
                          "runs": reports}, ensure_ascii=False, indent=1))
        return 0
    for r in reports:
        print(f"{r['plans']} plans: build {r['build_s']} s (exit {r['build_exit']}), notebooks {r['notebooks_s']} s "
              f"(exit {r['notebooks_exit']})")
        for name, result in r["per_notebook"].items():
            print(f"  {name:<32} {' '.join(result)}")
        for f in r["figures"]:
            print(f"  {f['figure']:<36} {f['width_px']:>5} × {f['height_px']:<5} px {f['mb']:>6.2f} MB"
                  f"{'' if f['ok'] else '  OVER THE LIMIT'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
