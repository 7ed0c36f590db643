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
    from .build import TIME_LIMIT, build_corpus, write_corpus
    from .registry import read_registry

    try:
        registry, notes = read_registry(args.registry)
        for note in notes:
            print(f"wpanalysis build: note: {note}", file=sys.stderr)
        limit = TIME_LIMIT if args.time_limit is None else args.time_limit or None  # 0: no limit
        show = False if args.quiet else None  # None: bars only when stderr is a terminal
        corpus = build_corpus(registry, args.raw_dir, workers=args.workers, time_limit=limit, show_progress=show)
    except (OSError, ValueError) as err:
        print(f"wpanalysis build: {err}", file=sys.stderr)
        return 2
    try:
        paths = write_corpus(corpus, args.out_dir, show_progress=show)
    except OSError as err:  # the manifest still says "writing": no reader takes the tables as one build
        print(f"wpanalysis build: cannot write the tables to {args.out_dir} ({err}); nothing there can be loaded "
              "until a build finishes: fix the folder (permissions, space) and build again", file=sys.stderr)
        return 2
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


def _cmd_export_coding(args: argparse.Namespace) -> int:
    import pandas as pd

    from . import exchange
    from .build import StaleCorpusError, load_corpus

    try:
        corpus = load_corpus(args.processed_dir)
    except (OSError, ValueError, StaleCorpusError) as err:
        print(f"wpanalysis export-coding: cannot read the built corpus in {args.processed_dir} "
              f"({type(err).__name__}: {err}); run `wpanalysis build` first", file=sys.stderr)
        return 1
    sentences_path = args.processed_dir / "sentences.parquet"
    sentences = getattr(corpus, "sentences", None)
    if sentences is None and sentences_path.is_file():
        sentences = pd.read_parquet(sentences_path)
    try:
        codes = exchange.load_code_system()
        coded = exchange.coded_sentences(corpus.items, sentences)
        if args.format == "qdpx":
            report = exchange.export_qdpx(coded, corpus.documents, codes, args.out, items=corpus.items)
            print(f"wrote {args.out}: {report.n_sources} plans, {report.n_selections} coded sentences, "
                  f"{report.n_codings} codings ({report.n_uncoded} sentences without a code)")
            if report.n_wide_sources:
                print(f"note: {report.n_wide_sources} plan(s) hold characters outside the Basic Multilingual "
                      "Plane; their positions count those twice, as NVivo does", file=sys.stderr)
        else:
            exchange.export_xlsx(coded, codes, args.out, documents=corpus.documents, items=corpus.items)
            print(f"wrote {args.out}: {len(coded)} sentences of {coded['doc_id'].nunique()} plans; fill in "
                  "human_instrument and human_domain, then run `wpanalysis import-coding` on it")
    except (OSError, ValueError) as err:
        print(f"wpanalysis export-coding: {err}", file=sys.stderr)
        return 2
    return 0


def _cmd_import_coding(args: argparse.Namespace) -> int:
    from . import exchange

    try:
        codes = exchange.load_code_system()
        human = exchange.import_xlsx(args.path, codes)
    except (OSError, ValueError) as err:  # CodeError names the rows and the bad codes
        print(f"wpanalysis import-coding: {err}", file=sys.stderr)
        return 2
    stored = exchange.store_human_codes(human, args.annotations_dir, args.name or args.path.stem)
    for row in exchange.coding_counts(human).itertuples(index=False):
        print(f"{row.column}: {row.n_coded} of {row.n_rows} sentences coded, {row.n_blank} blank (not coded)")
    print(f"stored the hand codes in {stored}")
    table = exchange.agreement_table(human, codes)
    if len(table):
        print("machine vs human (rows the coder coded):")
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    return 0


def _cmd_code(args: argparse.Namespace) -> int:
    from .coding.apply import code_csv

    try:
        coded = code_csv(args.input, args.column, args.what, args.output, args.codebook)
    except (OSError, ValueError) as err:
        print(f"wpanalysis code {args.what}: {err}", file=sys.stderr)
        return 2
    if args.output is None:
        coded.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        print(f"coded {len(coded)} rows of {args.input} ({args.what}); wrote {args.output}")
    return 0


def _align_side(spec: str, processed_dir: Path, corpus_box: list):
    """PLAN as a file (``FILE`` or ``FILE#K`` for the K-th plan of a compilation) or a doc_id of the built corpus."""
    from . import align
    from .build import load_corpus

    path, _, k = spec.rpartition("#") if "#" in spec and not Path(spec).exists() else (spec, "", "")
    if Path(path).is_file():
        return align.file_items(path, int(k) if k.isdigit() else 1)
    if not corpus_box:
        corpus_box.append(load_corpus(processed_dir))
    return align.plan_items(corpus_box[0], spec)


def _cmd_align(args: argparse.Namespace) -> int:
    from . import align
    from .read import ReadError

    corpus_box: list = []
    try:
        plans = [_align_side(spec, args.processed_dir, corpus_box) for spec in (args.plan_a, args.plan_b)]
    except KeyError as err:
        print(f"wpanalysis align: {err.args[0]} (give a plan file or a doc_id of the corpus in "
              f"{args.processed_dir})", file=sys.stderr)
        return 1
    except (ReadError, OSError, ValueError) as err:
        print(f"wpanalysis align: {err}", file=sys.stderr)
        return 2
    threshold = align.THRESHOLD if args.threshold is None else args.threshold
    table = align.align_items(*plans, threshold=threshold)
    summary = align.alignment_summary(table).iloc[0]
    counts = ", ".join(f"{summary[label]} {label}" for label in align.LABELS)
    if args.output is not None:
        table.to_csv(args.output, index=False, encoding="utf-8", lineterminator="\n")
        print(f"aligned {plans[0].doc_id} ({summary['n_items_a']} items) with {plans[1].doc_id} "
              f"({summary['n_items_b']} items) at threshold {threshold:g}: {counts}; wrote {args.output}")
        return 0
    print(f"{plans[0].doc_id} → {plans[1].doc_id}, threshold {threshold:g}: {counts}")
    for r in table.itertuples(index=False):
        a = f"{r.item_number_a} {r.title_a}" if isinstance(r.title_a, str) else "—"
        b = f"{r.item_number_b} {r.title_b}" if isinstance(r.title_b, str) else "—"
        score = f"{r.score:.2f}" if r.score == r.score else f"(best {r.best_match_score:.2f})"
        extra = f"  new: {r.new_terms}" if isinstance(r.new_terms, str) and r.new_terms else ""
        extra += f"  targets: {r.new_targets}" if isinstance(r.new_targets, str) and r.new_targets else ""
        print(f"{r.label:<9} {score:>12}  {a}  ↔  {b}{extra}")
    return 0


def _add_exchange_parsers(sub: argparse._SubParsersAction) -> None:
    """The ``export-coding`` and ``import-coding`` commands (the round trip to qualitative-coding tools)."""
    e = sub.add_parser("export-coding", help="the coded sentences of the built corpus as a REFI-QDA project "
                                             "(NVivo, ATLAS.ti, MAXQDA) or an Excel sheet to code by hand")
    e.add_argument("out", type=Path, metavar="OUT", help="the file to write (.qdpx or .xlsx)")
    e.add_argument("--format", choices=["qdpx", "xlsx"], required=True)
    e.add_argument("--processed-dir", type=Path, default=config.PROCESSED_DATA_DIR)
    e.set_defaults(func=_cmd_export_coding)

    i = sub.add_parser("import-coding", help="read the hand codes of a filled-in export-coding .xlsx, store them "
                                             "under data/annotations/ and report agreement with the machine")
    i.add_argument("path", type=Path, metavar="FILE.xlsx")
    i.add_argument("--annotations-dir", type=Path, default=config.DATA_DIR / "annotations")
    i.add_argument("--name", help="stored as coding_NAME.csv (default: the file's name without .xlsx)")
    i.set_defaults(func=_cmd_import_coding)


def _add_build_and_parse(sub: argparse._SubParsersAction) -> None:
    """The ``build`` and ``parse`` subcommands."""
    b = sub.add_parser("build", help="parse the registered documents into data/processed/")
    b.add_argument("--registry", type=Path, default=config.REGISTRY_PATH)
    b.add_argument("--raw-dir", type=Path, default=config.RAW_DATA_DIR)
    b.add_argument("--out-dir", type=Path, default=config.PROCESSED_DATA_DIR)
    b.add_argument("--workers", type=int, default=1,
                   help="parse the files in this many processes (same result; for large corpora)")
    b.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                   help="stop reading and parsing a file after this many seconds and report it as failed "
                        "(default: $WPANALYSIS_TIME_LIMIT or 300; 0 for no limit)")
    b.add_argument("--quiet", action="store_true",
                   help="no progress bars (they are drawn on stderr only when it is a terminal; "
                        "WPANALYSIS_PROGRESS=0 also silences them)")
    b.set_defaults(func=_cmd_build)

    p = sub.add_parser("parse", help="parse one file (not necessarily registered)")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="print the full parse as JSON, every character accounted "
                   "for (parts, artefacts and blank stretches with offsets into the raw text)")
    p.set_defaults(func=_cmd_parse)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wpanalysis", description="Work plans (工作要点) of Chinese education bureaus."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    _add_build_and_parse(sub)

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

    c = sub.add_parser("code", help="code the texts of any UTF-8 CSV by policy instrument or policy domain")
    c.add_argument("what", choices=["instruments", "domains"])
    c.add_argument("--input", type=Path, required=True, metavar="FILE.csv", help="a UTF-8 CSV with a header row")
    c.add_argument("--column", default="text", help="the column holding the texts (default: text)")
    c.add_argument("--output", type=Path, metavar="OUT.csv",
                   help="write the rows with the added columns here (default: print them as CSV)")
    c.add_argument("--codebook", type=Path, metavar="FILE.yaml",
                   help="another codebook, e.g. wpanalysis/resources/codebook_instruments_mcdonnell_elmore.yaml")
    c.set_defaults(func=_cmd_code)

    _add_exchange_parsers(sub)
    al = sub.add_parser("align", help="align the items of two plans (continued, changed, new, dropped)")
    al.add_argument("plan_a", metavar="PLAN_A", help="a plan file (FILE#K: the K-th plan of a compilation) "
                                                     "or a doc_id of the built corpus")
    al.add_argument("plan_b", metavar="PLAN_B", help="the later (or second) plan, as PLAN_A")
    al.add_argument("--output", type=Path, metavar="OUT.csv", help="write the aligned table here (UTF-8 CSV) "
                                                                   "instead of printing it")
    al.add_argument("--threshold", type=float, default=None,
                    help="pairs scoring below this are not aligned (default: wpanalysis.align.THRESHOLD)")
    al.add_argument("--processed-dir", type=Path, default=config.PROCESSED_DATA_DIR)
    al.set_defaults(func=_cmd_align)
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
