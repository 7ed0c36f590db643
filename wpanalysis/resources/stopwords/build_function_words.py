"""Build ``function_words.txt``: general Chinese function words, reviewed for work plans.

The starting point is the marimo Chinese (Simplified) stopword list that the R package
*stopwords* (quanteda) ships as ``stopwords("zh", source = "marimo")``. Get it and rebuild::

    curl -LO https://raw.githubusercontent.com/quanteda/stopwords/85d9f9704569d0237ada38d9fd7fabd1b261a980/data-raw/marimo/stopwords_zh_simplified.yml
    python wpanalysis/resources/stopwords/build_function_words.py stopwords_zh_simplified.yml

Every entry of the source was reviewed. Words that carry content in education work plans
are REMOVED (reasons below) and general function words the source lacks are ADDED. The
output is sorted by code point, so the same input always gives the same file (the date in
the header honours ``SOURCE_DATE_EPOCH``, else it is today, UTC). Needs PyYAML.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
import textwrap
from pathlib import Path

SOURCE_COMMIT = "85d9f9704569d0237ada38d9fd7fabd1b261a980"
SOURCE_SHA256 = "fb0a831fd67f4e9f76eb5f630ed38c2eed1df76f23fb174d289fe9596d563d8f"

# Entries of the source that are content in work plans. They are dropped here; the one
# policy intensifier among them (进一步) belongs to the switchable boilerplate layer.
REMOVED: dict[str, str] = {
    "说": "teaching-research activities: 说课标、说教材、说课堂 (说课 contests)",
    "讲": "content verb in plans: 学宪法、讲宪法, 讲好教育故事",
    "报告": "reporting duties and documents are content: 监测报告, 报告制度, 二十大报告",
    "汇报": "reporting duty (工作汇报, 汇报演出) is content, not a function word",
    "报道": "publicity work is a plan task (宣传报道)",
    "覆盖": "coverage is a target: 全覆盖, 覆盖率, 覆盖面",
    "通过": "also 'to pass' an assessment: 通过督导评估, 通过率 (targets)",
    "超过": "marker of quantitative targets: 超过70%",
    "高于": "marker of quantitative targets: 两个不低于或高于",
    "进入": "entering a ranking or programme is a target: 进入ESI学科排名前1%",
    "年度": "the annual cycle is plan content: 年度考核, 年度工作任务",
    "反对": "content verb (stance), not a function word",
    "对立": "content word, not a function word",
    "进一步": "policy intensifier: moved to policy_boilerplate.txt (switchable layer)",
}

# General function words the source lacks (particles, prepositions, conjunctions, light
# verbs, ability modals, measure words left after numbers are removed). Deontic modals
# (必须, 应当, 不得, 严禁) are deliberately NOT added: obligation and prohibition are
# signal in policy texts.
ADDED: dict[str, str] = {
    "了": "aspect particle", "着": "aspect particle", "地": "structural particle",
    "得": "structural particle", "之": "structural particle", "所": "structural particle",
    "等": "enumeration particle", "等等": "enumeration particle",
    "将": "preposition/future marker", "把": "preposition", "被": "passive marker",
    "让": "causative", "使": "causative", "即": "copula/conjunction", "及其": "conjunction",
    "并且": "conjunction", "且": "conjunction", "则": "conjunction", "从而": "conjunction",
    "进而": "conjunction", "以便": "conjunction", "同时": "conjunction", "另外": "conjunction",
    "还": "adverb", "此": "demonstrative", "各": "distributive determiner",
    "每": "distributive determiner", "一个": "numeral classifier", "一种": "numeral classifier",
    "这一": "demonstrative", "按照": "preposition", "进行": "light verb",
    "加以": "light verb", "予以": "light verb", "给予": "light verb", "作出": "light verb",
    "做出": "light verb", "可": "modal (ability)", "可以": "modal (ability)",
    "能": "modal (ability)", "能够": "modal (ability)",
    "个": "measure word", "名": "measure word", "项": "measure word", "次": "measure word",
    "批": "measure word", "门": "measure word", "节": "measure word", "期": "measure word",
    "届": "measure word", "人次": "measure word", "场次": "measure word", "第": "ordinal prefix",
    "万": "numeral", "亿": "numeral", "元": "currency unit",
    "化": "suffix -化 left over when the segmenter splits a word (常态|化)",
}

HEADER = """\
# function_words.txt — layer 1 of the wpanalysis stopwords: general Chinese function words
#
# What:     pronouns, prepositions, conjunctions, particles, light verbs, quantifiers, time
#           units and numerals that carry no content in any Chinese text. Removing them is
#           safe for every analysis; the policy-boilerplate layer is separate and switchable.
# Format:   UTF-8, one word per line, sorted by code point; lines starting with '#' are comments.
# Source:   the marimo Chinese (Simplified) stopword list by Chung-hong Chan and contributors,
#           as shipped by the R package "stopwords" (quanteda; MIT licence), file
#           data-raw/marimo/stopwords_zh_simplified.yml, commit {commit}
#           (https://github.com/quanteda/stopwords), SHA-256 {sha}.
# Review:   every source entry was checked against the nine seed work plans. REMOVED ({n_removed},
#           content in work plans — they stay as tokens):
{removed}
#           ADDED ({n_added}, general function words the source lacks):
{added}
#           Not added on purpose: deontic modals 必须 应当 不得 严禁 (obligation is signal), and
#           target markers 以上 以下 以内 不低于 (quantitative targets are analysed).
#           Never in any layer: 加强 坚持 促进 深入 开展 推进 建设 发展 社会主义 教育 学校 — in work
#           plans these ARE the signal (generic lists such as spaCy's zh list contain several).
# Licence:  CC0 1.0 Universal for the selection; part of wpanalysis. The marimo source is MIT.
# Built:    {date} by wpanalysis/resources/stopwords/build_function_words.py
# Entries:  {n}
"""


def flatten(node: object) -> list[str]:
    """All leaf strings of the marimo YAML tree, in document order."""
    if isinstance(node, dict):
        return [w for v in node.values() for w in flatten(v)]
    if isinstance(node, list):
        return [w for v in node for w in flatten(v)]
    return [str(node)]


def build(source: Path) -> str:
    import yaml

    raw = source.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    if sha != SOURCE_SHA256:
        print(f"warning: {source} has SHA-256 {sha}, expected {SOURCE_SHA256}", file=sys.stderr)
    words = list(dict.fromkeys(flatten(yaml.safe_load(raw.decode("utf-8")))))
    missing = sorted(set(REMOVED) - set(words))
    if missing:
        raise SystemExit(f"REMOVED lists words the source does not have: {missing}")
    kept = [w for w in words if w not in REMOVED]
    overlap = sorted(set(ADDED) & set(kept))
    if overlap:
        raise SystemExit(f"ADDED lists words the source already has: {overlap}")
    final = sorted(set(kept) | set(ADDED))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    date = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)).date()
    removed = "\n".join(f"#             {w}  {why}" for w, why in REMOVED.items())
    added = "\n".join("#             " + line for line in textwrap.wrap(" ".join(ADDED), 44))
    header = HEADER.format(commit=SOURCE_COMMIT, sha=sha, n_removed=len(REMOVED), removed=removed,
                           n_added=len(ADDED), added=added, date=date.isoformat(), n=len(final))
    return header + "".join(f"{w}\n" for w in final)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build function_words.txt from the marimo zh list.")
    ap.add_argument("source", type=Path, help="stopwords_zh_simplified.yml (marimo)")
    ap.add_argument("-o", "--output", type=Path, default=Path(__file__).with_name("function_words.txt"))
    args = ap.parse_args(argv)
    args.output.write_text(build(args.source), encoding="utf-8", newline="\n")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
