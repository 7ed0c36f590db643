"""Command-line interface: ``wpanalysis register FILES…``, ``build``, ``parse FILE --json``, ``segment``,
``targets FILE``, ``kwic TERM``.

The CLI is a thin layer over the package's stage functions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import config

__all__ = ["main"]


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build_corpus, write_corpus
    from .registry import read_registry

    try:
        registry, notes = read_registry(args.registry)
        for note in notes:
            print(f"wpanalysis build: note: {note}", file=sys.stderr)
        corpus = build_corpus(registry, args.raw_dir, workers=args.workers)
    except (OSError, ValueError) as err:
        print(f"wpanalysis build: {err}", file=sys.stderr)
        return 2
    paths = write_corpus(corpus, args.out_dir)
    print(corpus.report())
    print(f"wrote {len(paths)} files to {args.out_dir}")
    if corpus.failed_files:
        print(f"wpanalysis build: {len(corpus.failed_files)} file(s) failed: {', '.join(corpus.failed_files)}",
              file=sys.stderr)
        return 1
    return 0


def _cmd_parse(args: argparse.Namespace) -> int:
    from .build import parse_file
    from .read import ReadError

    try:
        plan = parse_file(args.path)
    except ReadError as err:
        print(f"wpanalysis parse: {err}", file=sys.stderr)
        return 1
    result = plan.to_json()
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{result['source']} ({result['encoding']}, {result['script']})")
    for k, doc in enumerate(result["documents"], start=1):
        print(f"  document {k}: {doc['title'] or '(no title)'}  year={doc['year']}  "
              f"{len(doc['sections'])} sections, {len(doc['subsections'])} sub-sections, "
              f"{len(doc['items'])} items, {doc['completeness']}")
        for w in doc["warnings"]:
            print(f"    warning: {w}")
    for w in result["warnings"]:
        print(f"  warning: {w}")
    return 0


def _cmd_segment(args: argparse.Namespace) -> int:
    from .segment import segment_text

    print(" ".join(segment_text(args.text, stopwords=args.stopwords, backend=args.backend)))
    return 0


def _format_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _cmd_targets(args: argparse.Namespace) -> int:
    from .build import targets_of_file
    from .read import ReadError

    try:
        found = targets_of_file(args.path)
    except (ReadError, OSError) as err:
        print(f"wpanalysis targets: {err}", file=sys.stderr)
        return 1
    targets = [
        {"document": int(t.document), "item": int(t.item_number), "indicator": t.indicator,
         "comparator": t.comparator, "value": float(t.value), "unit": t.unit, "raw": t.raw}
        for t in found.itertuples(index=False)
    ]
    source = str(args.path)  # what parse_file records as the plan's source
    if args.json:
        json.dump({"source": source, "targets": targets}, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{source}: {len(targets)} targets")
    for t in targets:
        print(f"  {t['document']}:{t['item']:<4} {t['comparator']:>2} {_format_value(t['value'])} {t['unit']}"
              f"  {t['indicator']}  [{t['raw']}]")
    return 0


def _cmd_kwic(args: argparse.Namespace) -> int:
    import re

    import pandas as pd

    from .kwic import format_concordance, kwic

    path = args.processed_dir / "items.parquet"
    try:
        items = pd.read_parquet(path)
    except (OSError, ValueError) as err:
        print(f"wpanalysis kwic: cannot read {path} ({type(err).__name__}); run `wpanalysis build` first",
              file=sys.stderr)
        return 1
    pattern = args.term[0] if len(args.term) == 1 else args.term
    try:
        hits = kwic(items, pattern, window=args.window, regex=args.regex)
    except (re.error, ValueError) as err:
        print(f"wpanalysis kwic: {err}", file=sys.stderr)
        return 2
    if args.csv:
        hits.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    if len(hits):
        print(format_concordance(hits, units=args.units))
    print(f"{len(hits)} hits in {hits[['doc_id', 'item_seq']].drop_duplicates().shape[0]} items")
    return 0


def _cmd_register(args: argparse.Namespace) -> int:
    from .register import register_files
    from .registry import RegistryError

    try:
        report = register_files(args.paths, args.raw_dir, args.registry, dry_run=args.dry_run)
    except (RegistryError, OSError) as err:
        print(f"wpanalysis register: {err}", file=sys.stderr)
        return 2
    return 1 if report.n_errors else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wpanalysis", description="Work plans (工作要点) of Chinese education bureaus."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="parse the registered documents into data/processed/")
    b.add_argument("--registry", type=Path, default=config.REGISTRY_PATH)
    b.add_argument("--raw-dir", type=Path, default=config.RAW_DATA_DIR)
    b.add_argument("--out-dir", type=Path, default=config.PROCESSED_DATA_DIR)
    b.add_argument("--workers", type=int, default=1,
                   help="parse the files in this many processes (same result; for large corpora)")
    b.set_defaults(func=_cmd_build)

    p = sub.add_parser("parse", help="parse one file (not necessarily registered)")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="print the full parse as JSON")
    p.set_defaults(func=_cmd_parse)

    from .backends import BACKENDS, DEFAULT_BACKEND  # the backend registry
    from .lexicon import STOPWORD_LAYERS, stopword_layers

    s = sub.add_parser("segment", help="segment a text with the education-policy lexicon")
    s.add_argument("--text", required=True)
    s.add_argument("--stopwords", type=stopword_layers, default="all", metavar="none|all|LAYER[,LAYER…]",
                   help="stopword layers to remove: none, all (the default) or a comma-separated list of "
                        f"{', '.join(STOPWORD_LAYERS)}")
    s.add_argument("--backend", choices=list(BACKENDS), default=DEFAULT_BACKEND)
    s.set_defaults(func=_cmd_segment)

    t = sub.add_parser("targets", help="quantitative targets of one file (not necessarily registered)")
    t.add_argument("path", type=Path)
    t.add_argument("--json", action="store_true",
                   help='print {"source", "targets": [{document, item, indicator, comparator, value, unit, raw}]}')
    t.set_defaults(func=_cmd_targets)

    k = sub.add_parser("kwic", help="keyword in context over the built corpus (Simplified matching)")
    k.add_argument("term", nargs="+", help="a term (several: any of them; with --regex: regular expressions)")
    k.add_argument("--window", type=int, default=20, help="characters of context on each side (default 20)")
    k.add_argument("--regex", action="store_true", help="treat TERM as a regular expression")
    k.add_argument("--csv", action="store_true", help="print the hits as CSV instead of a concordance")
    k.add_argument("--units", action="store_true", help="append each item's responsible units")
    k.add_argument("--processed-dir", type=Path, default=config.PROCESSED_DATA_DIR)
    k.set_defaults(func=_cmd_kwic)

    r = sub.add_parser("register", help="propose registry rows for new plan files (from their text) and append them")
    r.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    r.add_argument("--raw-dir", type=Path, default=config.RAW_DATA_DIR,
                   help="the raw folder (files outside it are copied in)")
    r.add_argument("--registry", type=Path, default=config.REGISTRY_PATH)
    r.add_argument("--dry-run", action="store_true", help="print the proposals, write nothing")
    r.set_defaults(func=_cmd_register)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
