"""Check the segmentation resources of wpanalysis: the lexicon and the stopword layers.

Run from the repository root (needs jieba; besides the standard library it imports only
:mod:`wpanalysis.lexicon`, which has no third-party imports)::

    python tools/check_lexicon.py            # summary
    python tools/check_lexicon.py -v         # also list every case behind the counts

What is checked
---------------
Format (any problem is an *error*, exit status 1):

* ``wpanalysis/resources/lexicon/*.txt`` — ``TERM<TAB>SOURCE_TAG[<TAB>POS]``; no spaces in a
  term, no single characters, no duplicates within or across the lexicon files, SOURCE_TAG is
  ``seed`` or a ``national:<name>`` declared in the file's ``# Sources:`` header, POS is one of
  n / nz / vn / l, entries sorted by source then term, and every ``seed`` term really occurs in
  the seed corpus (``data/raw/*.txt`` with spaces removed).
* ``wpanalysis/resources/stopwords/`` — ``function_words.txt`` and ``punctuation_numbers.txt``
  hold one token per line, ``policy_boilerplate.txt`` holds ``WORD<TAB>reason<TAB>k/n<TAB>count``;
  ``# rule: REGEX`` header lines must compile; no duplicates; no word in two layers; no lexicon
  term and none of the protected work-plan verbs (加强, 坚持, 促进, 深入, 开展 …) in any layer.

Segmentation (a failure gives exit status 2): jieba is loaded with every lexicon term, using
the rule the lexicon header states (``freq = max(10000, default-dictionary frequency)``), and
each corpus file is segmented with spaces removed. Every occurrence of every lexicon term is
then classed as

* ``whole``          one token equals the term;
* ``inside lexicon`` the occurrence lies inside a longer token that is itself a lexicon term
                     (教研 inside 教研室) — counts as whole;
* ``inside word``    it lies inside a longer token from jieba's own dictionary — reported;
* ``overlap``        a token boundary falls inside it because an overlapping lexicon term won
                     (学业质量|监测 for 质量监测) — reported separately, not a failure;
* ``cut``            any other token boundary inside the term — a failure.

It also reports how many terms jieba's default dictionary alone would split, and "boundary
conflicts": places where a lexicon token cuts across a word that default jieba produced there
(usually an improvement, e.g. 中小学|校服 instead of 中小学校|服; listed with ``-v``).
"""

from __future__ import annotations

import argparse
import glob
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: import the package of this checkout
    sys.path.insert(0, str(ROOT))

from wpanalysis.lexicon import LEXICON_MIN_FREQ, STOPWORD_LAYERS  # noqa: E402 - needs the path above

RESOURCES = ROOT / "wpanalysis" / "resources"
LEXICON_DIR = RESOURCES / "lexicon"
STOPWORDS_DIR = RESOURCES / "stopwords"
DEFAULT_CORPUS = str(ROOT / "data" / "raw" / "*.txt")

POS_TAGS = {"n", "nz", "vn", "l"}
SOURCE_RE = re.compile(r"^(seed|national:\S+)$")
DECLARED_RE = re.compile(r"^#\s+(national:\S+)\s*$")
RULE_RE = re.compile(r"^#\s*rule:\s*(\S.*?)\s*$")
DOC_FREQ_RE = re.compile(r"^(\d+)/(\d+)$")
# Verbs that carry the signal of a work plan; no stopword layer may contain them.
PROTECTED = ("加强", "坚持", "促进", "深入", "开展", "推进", "建设", "发展", "社会主义", "教育", "学校")
STOPWORD_FILES = tuple(f"{layer}.txt" for layer in STOPWORD_LAYERS)


@dataclass
class Entry:
    term: str
    source: str
    pos: str | None
    file: str
    line: int


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"{where}: {msg}")


def read_lines(path: Path, report: Report) -> tuple[list[str], list[tuple[int, str]]]:
    """Return (comment lines, [(line number, data line)]) of a resource file."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        report.error(path.name, "starts with a UTF-8 byte-order mark")
    if b"\r" in raw:
        report.error(path.name, "contains carriage returns (use LF line ends)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.error(path.name, f"not UTF-8 ({exc})")
        return [], []
    comments, data = [], []
    for no, line in enumerate(text.split("\n"), start=1):
        if line.startswith("#"):
            comments.append(line)
        elif line.strip():
            if line != line.rstrip():
                report.error(f"{path.name}:{no}", "trailing whitespace")
            data.append((no, line.rstrip()))
    if not comments:
        report.error(path.name, "no '#' header stating purpose, source and format")
    return comments, data


def strip_spaces(text: str) -> str:
    """Remove spaces and tabs (extraction artefacts) but keep line breaks as separators."""
    return re.sub(r"[^\S\n]+", "", text)


def load_lexicon(report: Report, corpus: str) -> dict[str, list[Entry]]:
    files: dict[str, list[Entry]] = {}
    seen: dict[str, str] = {}
    for path in sorted(LEXICON_DIR.glob("*.txt")):
        comments, data = read_lines(path, report)
        declared = {m.group(1) for c in comments if (m := DECLARED_RE.match(c))}
        entries: list[Entry] = []
        for no, line in data:
            where = f"{path.name}:{no}"
            cols = line.split("\t")
            if len(cols) not in (2, 3):
                report.error(where, f"expected TERM<TAB>SOURCE_TAG[<TAB>POS], got {len(cols)} column(s)")
                continue
            term, source = cols[0], cols[1]
            pos = cols[2] if len(cols) == 3 else None
            if not term or re.search(r"\s", term):
                report.error(where, f"term {term!r} is empty or contains whitespace")
            elif len(term) < 2:
                report.error(where, f"single-character term {term!r}")
            if not SOURCE_RE.match(source):
                report.error(where, f"source tag {source!r} is neither 'seed' nor 'national:<name>'")
            elif source != "seed" and source not in declared:
                report.error(where, f"source tag {source!r} is not declared in the '# Sources:' header")
            if pos is not None and pos not in POS_TAGS:
                report.error(where, f"POS {pos!r} not one of {sorted(POS_TAGS)}")
            if term in seen:
                report.error(where, f"duplicate term {term!r} (also in {seen[term]})")
            seen.setdefault(term, where)
            if source == "seed" and term and term not in corpus:
                report.error(where, f"{term!r} is tagged seed but does not occur in the seed corpus")
            if source.startswith("national:") and term and term in corpus:
                report.warn(where, f"{term!r} is tagged {source} but occurs in the corpus (could be 'seed')")
            entries.append(Entry(term, source, pos, path.name, no))
        keys = [(e.source, e.term) for e in entries]
        for i in range(1, len(keys)):
            if keys[i] < keys[i - 1]:
                report.error(f"{path.name}:{entries[i].line}", "entries are not sorted by source, then term")
                break
        files[path.name] = entries
    if not files:
        report.error(str(LEXICON_DIR), "no lexicon files found")
    return files


def load_stopwords(report: Report, lexicon_terms: set[str]) -> dict[str, list[str]]:
    layers: dict[str, list[str]] = {}
    where_word: dict[str, str] = {}
    for name in STOPWORD_FILES:
        path = STOPWORDS_DIR / name
        if not path.exists():
            report.error(name, "missing")
            continue
        comments, data = read_lines(path, report)
        for c in comments:
            if m := RULE_RE.match(c):
                try:
                    re.compile(m.group(1))
                except re.error as exc:
                    report.error(name, f"rule {m.group(1)!r} does not compile: {exc}")
        words: list[str] = []
        for no, line in data:
            where = f"{name}:{no}"
            cols = line.split("\t")
            if name == "policy_boilerplate.txt":
                if len(cols) != 4:
                    report.error(where, f"expected WORD<TAB>reason<TAB>doc_freq<TAB>count, got {len(cols)} column(s)")
                    continue
                if not cols[1].strip():
                    report.error(where, "empty reason")
                m = DOC_FREQ_RE.match(cols[2])
                if not m or int(m.group(1)) > int(m.group(2)):
                    report.error(where, f"doc_freq {cols[2]!r} is not k/n with k <= n")
                if not cols[3].isdigit():
                    report.error(where, f"count {cols[3]!r} is not a non-negative integer")
            elif len(cols) != 1:
                report.error(where, "expected one token per line")
                continue
            word = cols[0]
            if not word or re.search(r"\s", word):
                report.error(where, f"token {word!r} is empty or contains whitespace")
                continue
            if word in where_word:
                report.error(where, f"{word!r} already listed ({where_word[word]})")
            where_word.setdefault(word, where)
            if word in lexicon_terms:
                report.error(where, f"{word!r} is a lexicon term; it cannot also be a stopword")
            if word in PROTECTED:
                report.error(where, f"{word!r} is a work-plan signal word and may not be a stopword")
            words.append(word)
        layers[name] = words
    return layers


def lexicon_tokenizer(terms: dict[str, str | None], rule: str = "lexicon"):
    """A fresh jieba tokenizer with the lexicon loaded.

    ``rule="lexicon"`` is the documented rule, ``freq = max(LEXICON_MIN_FREQ, default frequency)``;
    ``rule="suggest"`` adds each term, in file order, with ``suggest_freq(term, tune=False)``
    (the smallest frequency that keeps the term whole when it stands alone), for comparison.
    """
    import jieba

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.initialize()
    for term, pos in terms.items():
        if rule == "suggest":
            freq = tok.suggest_freq(term, tune=False)
        else:
            freq = max(LEXICON_MIN_FREQ, tok.FREQ.get(term) or 0)
        tok.add_word(term, freq=freq, tag=pos)
    return tok


def default_splits(terms: list[str], hmm: bool) -> list[str]:
    import jieba

    jieba.setLogLevel(60)
    return [t for t in terms if len(jieba.lcut(t, HMM=hmm)) > 1]


def occurrences(term: str, text: str):
    start = text.find(term)
    while start != -1:
        yield start, start + len(term)
        start = text.find(term, start + 1)


def check_segmentation(texts: dict[str, str], terms: dict[str, str | None], rule: str = "lexicon"):
    import jieba

    jieba.setLogLevel(60)
    lex = set(terms)
    tok = lexicon_tokenizer(terms, rule)
    default = jieba.Tokenizer()
    default.initialize()
    classes: dict[str, Counter] = defaultdict(Counter)  # class -> Counter(term)
    examples: dict[str, list[str]] = defaultdict(list)
    conflicts: list[str] = []
    for name, text in texts.items():
        toks = list(tok.tokenize(text, HMM=True))
        owner = [None] * len(text)
        for i, t in enumerate(toks):
            for k in range(t[1], t[2]):
                owner[k] = i
        for word, s, e in toks:  # lexicon tokens that cut across a default-jieba word
            if word in lex:
                for dword, ds, de in default.tokenize(text[max(0, s - 8):e + 8], HMM=True):
                    ds, de = ds + max(0, s - 8), de + max(0, s - 8)
                    if (ds < s < de) or (ds < e < de):
                        where = text[max(0, s - 6):e + 6].replace("\n", "⏎")
                        conflicts.append(f"{name}: {word}: …{where}… default jieba has {dword!r}")
                        break
        for term in terms:
            for s, e in occurrences(term, text):
                first, last = owner[s], owner[e - 1]
                context = f"{term}: …{text[max(0, s - 6):e + 6]}… → " + "|".join(
                    toks[i][0] for i in range(first, last + 1))
                context = context.replace("\n", "⏎")
                if first == last:
                    word, ts, te = toks[first]
                    if (ts, te) == (s, e):
                        cls = "whole"
                    elif word in lex:
                        cls = "inside lexicon"
                    else:
                        cls = "inside word"
                elif any((toks[i][1] < s or toks[i][2] > e) and toks[i][0] in lex for i in (first, last)):
                    cls = "overlap"  # a lexicon token reaching over the edge of the occurrence
                else:
                    cls = "cut"
                classes[cls][term] += 1
                if cls != "whole":
                    examples[cls].append(f"{name}: {context}")
    return classes, examples, conflicts


def print_lexicon_summary(lexicon: dict[str, list[Entry]], corpus: str) -> None:
    """Per lexicon file: terms by source, how many occur in the corpus, how many jieba splits."""
    print("Lexicon")
    for name, entries in lexicon.items():
        terms = [e.term for e in entries]
        by_source = Counter(e.source for e in entries)
        found = sum(1 for t in terms if t in corpus)
        split_dict = default_splits(terms, hmm=False)
        split_hmm = default_splits(terms, hmm=True)
        national = {s: n for s, n in by_source.items() if s != "seed"}
        print(f"  {name}: {len(terms)} terms; seed {by_source.get('seed', 0)}, national {sum(national.values())}"
              + (f" (from {len(national)} documents)" if national else ""))
        for s, n in sorted(national.items()):
            print(f"      {s}: {n}")
        print(f"    occur in the seed corpus: {found}")
        print(f"    split by jieba's default dictionary: {len(split_dict)} (HMM off), {len(split_hmm)} (HMM on);"
              f" kept whole already: {len(terms) - len(split_dict)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="glob of the seed corpus files (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every case behind the counts")
    ap.add_argument("--freq-rule", choices=("lexicon", "suggest"), default="lexicon",
                    help="how terms are added to jieba: the lexicon header's rule (default) or plain "
                         "suggest_freq(term) for comparison")
    args = ap.parse_args(argv)

    paths = sorted(glob.glob(args.corpus))
    if not paths:
        print(f"no corpus files match {args.corpus}", file=sys.stderr)
        return 1
    texts = {Path(p).name: strip_spaces(Path(p).read_text(encoding="utf-8")) for p in paths}
    corpus = "\n".join(texts.values())

    report = Report()
    lexicon = load_lexicon(report, corpus)
    all_terms: dict[str, str | None] = {e.term: e.pos for entries in lexicon.values() for e in entries}
    layers = load_stopwords(report, set(all_terms))

    print(f"Seed corpus: {len(paths)} files, {sum(len(t) for t in texts.values())} characters (spaces removed)\n")
    print_lexicon_summary(lexicon, corpus)
    print("\nStopword layers")
    for name, words in layers.items():
        print(f"  {name}: {len(words)} entries")
    rules = [m.group(1) for c in (STOPWORDS_DIR / "punctuation_numbers.txt").read_text(encoding="utf-8").split("\n")
             if (m := RULE_RE.match(c))] if (STOPWORDS_DIR / "punctuation_numbers.txt").exists() else []
    print(f"  number rules in punctuation_numbers.txt: {len(rules)}")

    failures = 0
    if not report.errors:
        classes, examples, conflicts = check_segmentation(texts, all_terms, args.freq_rule)
        n_terms_found = sum(1 for t in all_terms if t in corpus)
        rule = (f"freq = max({LEXICON_MIN_FREQ}, default frequency)" if args.freq_rule == "lexicon"
                else "freq = suggest_freq(term)")
        print(f"\nSegmentation with the lexicon loaded ({len(all_terms)} terms, {n_terms_found} occur in the corpus;"
              f" {rule}; HMM on)")
        for cls in ("whole", "inside lexicon", "inside word", "overlap", "cut"):
            c = classes.get(cls, Counter())
            print(f"  {cls:15s} {sum(c.values()):5d} occurrences of {len(c):4d} terms")
        for cls in ("overlap", "inside word", "cut"):
            if examples.get(cls):
                print(f"\n  {cls} ({'failure' if cls == 'cut' else 'reported, not a failure'}):")
                for ex in examples[cls]:
                    print(f"    {ex}")
        if args.verbose and examples.get("inside lexicon"):
            print("\n  inside lexicon (counts as whole):")
            for ex in examples["inside lexicon"]:
                print(f"    {ex}")
        print(f"\n  boundary conflicts with default jieba (informational): {len(conflicts)}")
        if args.verbose:
            for c in conflicts:
                print(f"    {c}")
        failures = sum(classes.get("cut", Counter()).values())

    for w in report.warnings:
        print(f"WARNING {w}")
    for e in report.errors:
        print(f"ERROR {e}")
    if report.errors:
        print(f"\nFAILED: {len(report.errors)} format error(s)")
        return 1
    if failures:
        print(f"\nFAILED: {failures} occurrence(s) of lexicon terms are cut by the segmenter")
        return 2
    print("\nOK: format valid; every lexicon term occurring in the corpus comes out whole "
          "(or inside a longer lexicon term, or beside an overlapping lexicon term as listed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
