"""Command-line interface: ``wpanalysis build``, ``wpanalysis parse FILE --json``.

The CLI is a thin layer over the package's stage functions.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import config

__all__ = ["main"]


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build_corpus, write_corpus

    try:
        corpus = build_corpus(args.registry, args.raw_dir)
    except (OSError, ValueError) as err:
        print(f"wpanalysis build: {err}", file=sys.stderr)
        return 2
    paths = write_corpus(corpus, args.out_dir)
    print(corpus.report())
    print(f"wrote {len(paths)} files to {args.out_dir}")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wpanalysis", description="Work plans (工作要点) of Chinese education bureaus."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="parse the registered documents into data/processed/")
    b.add_argument("--registry", type=Path, default=config.REGISTRY_PATH)
    b.add_argument("--raw-dir", type=Path, default=config.RAW_DATA_DIR)
    b.add_argument("--out-dir", type=Path, default=config.PROCESSED_DATA_DIR)
    b.set_defaults(func=_cmd_build)

    p = sub.add_parser("parse", help="parse one file (not necessarily registered)")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="print the full parse as JSON")
    p.set_defaults(func=_cmd_parse)

    s = sub.add_parser("segment", help="segment a text with the education-policy lexicon")
    s.add_argument("--text", required=True)
    s.add_argument("--stopwords", choices=["none", "default"], default="default",
                   help="none keeps every token but whitespace; default removes all stopword layers")
    s.add_argument("--backend", choices=["jieba", "rjieba"], default="rjieba")
    s.set_defaults(func=_cmd_segment)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
