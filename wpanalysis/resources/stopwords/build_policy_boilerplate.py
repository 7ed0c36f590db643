"""Build ``policy_boilerplate.txt``: words that carry no content in education work plans.

The words are chosen by hand (``SELECTED`` below, each with its reason); the evidence
columns are computed from the seed corpus, so anyone can see and re-check the choice::

    python wpanalysis/resources/stopwords/build_policy_boilerplate.py              # write the file
    python wpanalysis/resources/stopwords/build_policy_boilerplate.py --candidates # review list

How the evidence is computed: every file of ``data/raw/`` is read, cleaned and parsed with
the package (``wpanalysis.build.parse_file``), which splits the five files into the nine
plans. A plan's text is its preamble, section and sub-section titles and item texts (the
responsibility notes are left out: they name offices). The text is segmented by jieba with
the lexicon of ``../lexicon/`` loaded by the rule its header states; tokens of the two
other stopword layers (function words, punctuation and numbers) are dropped. For each word
``doc_freq`` is the number of plans containing it out of the nine, and ``count`` its number
of tokens in all nine. ``--candidates`` lists every word in at least ``--min-plans`` plans
with its counts, marking those already selected.

A word is selected only if it is in (nearly) all plans (at least MIN_PLANS of the nine; the
three outline-only plans hold just item titles, 215-790 characters, so "all nine" would
keep only the commonest words) AND it is a generic intensifier, manner adverb or verb of
"doing work" rather than a policy object or a policy action. The script fails if a selected
word no longer meets the frequency condition, or if it is a protected signal word.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LEXICON_DIR = HERE.parent / "lexicon"
LEXICON_MIN_FREQ = 10_000  # the loading rule stated in the lexicon headers
MIN_PLANS = 5  # of 9: the six plans with body text hold these words; outline-only ones rarely
PROTECTED = ("加强", "坚持", "促进", "深入", "开展", "推进", "建设", "发展", "社会主义", "教育", "学校")

# word -> reason. Kept modest on purpose; see the module docstring for the rule.
SELECTED: dict[str, str] = {
    # intensifiers and manner adverbs: say how hard, not what
    "全面": "totality intensifier (全面落实, 全面提升)",
    "持续": "continuity adverb (持续推进, 持续深化)",
    "进一步": "intensifier 'further' (进一步优化, 进一步规范)",
    "切实": "manner adverb 'earnestly' (切实减轻, 切实提高)",
    "积极": "manner adverb 'actively' (积极创建, 积极探索)",
    "着力": "intensifier 'with effort' (着力提升, 着力打造)",
    "大力": "intensifier 'vigorously' (大力推进, 大力发展)",
    "严格": "manner adverb 'strictly' (严格落实, 严格执行)",
    "坚决": "manner adverb 'resolutely' (坚决杜绝, 坚决克服)",
    "加快": "pace intensifier (加快推进, 加快建设)",
    "力争": "commitment formula 'strive to' before targets (力争年底开工)",
    "确保": "commitment formula 'ensure' before targets (确保…达到)",
    "重要": "evaluative adjective (重要论述, 重要作用)",
    "全": "totalising prefix split off (全学段, 全流程)",
    # verbs of doing work, empty of content
    "做好": "'do well' (做好…工作)",
    "办好": "'run well' (办好人民满意的教育, 办好…活动)",
    "抓好": "'grasp well' (抓好…工作)",
    "好": "'well' complement split off (建好用好, 开展好)",
    "组织": "'organise' (组织开展, 组织实施); party organisations are 党组织",
    "形成": "'form' (形成…合力, 形成…格局)",
    "发挥": "'bring into play' (发挥…作用)",
    "加大": "'increase' (加大…力度)",
    "贯彻落实": "political formula 'implement' (贯彻落实…精神/部署)",
    # empty nouns and quantifiers of plan language
    "工作": "'work' (…工作, 工作机制); the most frequent empty noun of plans",
    "作用": "'role' (发挥…作用)",
    "力度": "'intensity' (加大…力度)",
    "要求": "'requirement' (按照…要求, 新要求)",
    "方面": "'aspect' (在…方面)",
    "一批": "'a batch of' (建设一批, 打造一批); the counted objects are content",
    "各类": "distributive 'all kinds of' (各类学校, 各类活动)",
    "各级": "distributive 'all levels of' (各级各类学校)",
}

# Frequent or expected words that were considered and left OUT, with the reason; the header
# prints their computed frequencies so the decision can be checked.
CONSIDERED: dict[str, str] = {
    "扎实": "below the threshold in these plans",
    "不断": "below the threshold in these plans",
    "有效": "below the threshold in these plans",
    "努力": "below the threshold in these plans",
    "及时": "below the threshold in these plans",
    "主动": "below the threshold in these plans",
    "强化": "synonym of the signal verb 加强",
    "推动": "synonym of the signal verb 推进",
    "实施": "'implement' heads named programmes (实施…工程), like 开展",
    "落实": "implementation of higher-level policy is a research variable",
    "深化": "marks reforms (深化…改革)",
    "提升": "heads a policy action (提升…质量)",
    "重点": "also a designation (重点学科, 重点职校)",
    "新": "also marks new groups and objects (新教师, 新任校长)",
    "全市": "scope of the plan, not wording (kept; the level is in the registry)",
    "以上": "marker of quantitative targets (94.5%以上)",
    "全面落实": "dictionary compound of 全面 + the signal verb 落实",
}


def lexicon_terms() -> dict[str, str | None]:
    terms: dict[str, str | None] = {}
    for path in sorted(LEXICON_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                cols = line.split("\t")
                terms[cols[0]] = cols[2] if len(cols) > 2 else None
    return terms


def stop_layers() -> tuple[set[str], list[re.Pattern[str]]]:
    words: set[str] = set()
    rules: list[re.Pattern[str]] = []
    for name in ("function_words.txt", "punctuation_numbers.txt"):
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if m := re.match(r"^#\s*rule:\s*(\S.*?)\s*$", line):
                rules.append(re.compile(m.group(1)))
            elif line.strip() and not line.startswith("#"):
                words.add(line.split("\t")[0])
    return words, rules


def _import_package() -> None:
    """Make ``wpanalysis`` importable when this file is run from a source checkout."""
    try:
        import wpanalysis  # noqa: F401
    except ModuleNotFoundError:
        sys.path.insert(0, str(HERE.parents[2]))


def plans(raw_dir: Path) -> list[tuple[str, str]]:
    """(label, text) of every plan in the raw files, split by the package's parser."""
    _import_package()
    from wpanalysis.build import parse_file

    out = []
    for path in sorted(raw_dir.glob("*.txt")):
        for doc in parse_file(path).documents:
            parts = [doc.preamble]
            parts += [s.title for s in doc.sections] + [s.title for s in doc.subsections]
            parts += [i.text for i in doc.items]
            out.append((f"{path.name}#{doc.index}", "\n".join(parts)))
    return out


def statistics(raw_dir: Path) -> tuple[int, Counter, Counter]:
    import jieba

    jieba.setLogLevel(60)
    tok = jieba.Tokenizer()
    tok.initialize()
    for term, pos in lexicon_terms().items():
        tok.add_word(term, freq=max(LEXICON_MIN_FREQ, tok.FREQ.get(term) or 0), tag=pos)
    stop, rules = stop_layers()
    docs = plans(raw_dir)
    df: Counter = Counter()
    count: Counter = Counter()
    for _, text in docs:
        words = [w for w in tok.lcut(re.sub(r"[^\S\n]+", "", text))
                 if w not in stop and not any(r.match(w) for r in rules)]
        count.update(words)
        df.update(set(words))
    return len(docs), df, count


HEADER = """\
# policy_boilerplate.txt — layer 3 of the wpanalysis stopwords: policy boilerplate
#
# What:     intensifiers, manner adverbs, verbs of "doing work" and empty nouns that occur in
#           (nearly) every education work plan and carry no content IN THESE DOCUMENTS: 进一步,
#           全面, 持续, 切实, 着力, 大力, 工作 ... This layer is SWITCHABLE: drop it when the wording
#           itself is studied (how often a plan says 切实 or 着力 can be a finding).
# Rule:     a word is listed only if (1) it occurs in at least {min_plans} of the {n_docs} seed plans (three of
#           the nine are outline-only, item titles of 215-790 characters, so this means nearly
#           every plan with body text) and (2) it is a generic intensifier, manner adverb, verb
#           of doing work or empty noun, not a policy object or a policy action. Words are
#           chosen by hand from the candidates (--candidates); the numbers are computed.
# NOT here: 加强 坚持 促进 深入 开展 (and 推进 建设 发展 社会主义 教育 学校). They are as frequent as
#           the words below, but in work plans they ARE the signal: which tasks a plan
#           "strengthens" (加强), "adheres to" (坚持), "promotes" (促进), pursues "in depth"
#           (深入) or "carries out" (开展) is what comparisons of plans measure; generic Chinese
#           stop lists (e.g. spaCy's) wrongly contain them. 提升/提高/深化/完善/健全/优化/落实 stay for
#           the same reason: each heads a different kind of policy action.
# Left out after review (word plans/{n_docs} tokens: reason):
{considered}
# Evidence: computed by build_policy_boilerplate.py (see its docstring): the five files of
#           data/raw/ are parsed into nine plans, segmented by jieba with the lexicon loaded,
#           and the function-word and punctuation/number layers removed.
# Format:   UTF-8, WORD<TAB>reason<TAB>doc_freq<TAB>count, sorted by doc_freq (descending) then
#           count (descending); doc_freq = plans containing the word / {n_docs}; count = tokens
#           in all plans. Lines starting with '#' are comments.
# Licence:  CC0 1.0 Universal; part of wpanalysis.
# Built:    {date} by wpanalysis/resources/stopwords/build_policy_boilerplate.py
# Entries:  {n}
"""


def build(raw_dir: Path) -> str:
    bad = [w for w in SELECTED if w in PROTECTED or w in CONSIDERED]
    if bad:
        raise SystemExit(f"protected or rejected words selected: {bad}")
    n_docs, df, count = statistics(raw_dir)
    weak = {w: df[w] for w in SELECTED if df[w] < MIN_PLANS}
    if weak:
        raise SystemExit(f"selected words below {MIN_PLANS}/{n_docs} plans: {weak}")
    rows = sorted(SELECTED, key=lambda w: (-df[w], -count[w], w))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    date = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)).date()
    considered = "\n".join(f"#           {w} {df[w]}/{n_docs} {count[w]}: {why}" for w, why in CONSIDERED.items())
    head = HEADER.format(min_plans=MIN_PLANS, n_docs=n_docs, date=date.isoformat(), n=len(rows),
                         considered=considered)
    return head + "".join(f"{w}\t{SELECTED[w]}\t{df[w]}/{n_docs}\t{count[w]}\n" for w in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build policy_boilerplate.txt from the seed corpus.")
    ap.add_argument("--raw-dir", type=Path, default=None, help="folder of the plan files (default: data/raw)")
    ap.add_argument("--candidates", action="store_true", help="print the frequent words for review instead")
    ap.add_argument("--min-plans", type=int, default=MIN_PLANS, help="threshold for --candidates")
    ap.add_argument("-o", "--output", type=Path, default=HERE / "policy_boilerplate.txt")
    args = ap.parse_args(argv)
    if args.raw_dir is None:
        _import_package()
        from wpanalysis.config import RAW_DATA_DIR

        args.raw_dir = RAW_DATA_DIR
    if args.candidates:
        n_docs, df, count = statistics(args.raw_dir)
        for w in sorted(df, key=lambda w: (-df[w], -count[w], w)):
            if df[w] >= args.min_plans:
                mark = "SELECTED" if w in SELECTED else ("protected" if w in PROTECTED else "")
                print(f"{w}\t{df[w]}/{n_docs}\t{count[w]}\t{mark}")
        return 0
    args.output.write_text(build(args.raw_dir), encoding="utf-8", newline="\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
