"""练习 1：找出所有提到“课后服务”的条目和量化目标，并比较各份计划。

python docs/teaching/solutions/exercise_01.py [--root COMPENDIUM] [--term 课后服务]
"""

from __future__ import annotations

import pandas as pd
from _common import corpus, labels, parser, show

from wpanalysis.kwic import format_concordance, kwic, spread_hits
from wpanalysis.script import to_simplified
from wpanalysis.sentences import split_sentences


def same_sentence(text: str, start: int, term: str) -> bool:
    """True when *term* is written in the sentence (as the package splits them: after 。；！？) that
    holds position *start* of *text*."""
    span = next(((s, e) for s, e in split_sentences(text) if s <= start < e), (start, start))
    return to_simplified(term) in to_simplified(text[span[0]:span[1]])


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--term", default="课后服务", help="检索词（默认：课后服务）")
    args = p.parse_args()
    c = corpus(args.root)
    names = labels(c.documents)
    hits = kwic(c.items, args.term, window=15)
    hit_items = hits[["doc_id", "item_seq"]].drop_duplicates()
    targets = c.targets.merge(hit_items, on=["doc_id", "item_seq"])
    texts = c.items.set_index(["doc_id", "item_seq"])["text"]
    targets["同句"] = [same_sentence(texts[(d, s)], int(a), args.term)
                     for d, s, a in zip(targets["doc_id"], targets["item_seq"], targets["start"])]
    print(f"检索词：{args.term}")
    print(f"命中次数：{len(hits)}")
    print(f"含该词的条目数：{len(hit_items)}")
    print(f"这些条目中的量化目标数：{len(targets)}")
    print(f"其中与该词同在一句的量化目标数：{int(targets['同句'].sum())}")
    print(f"提到该词的计划数：{hits['doc_id'].nunique()} / {len(c.documents)}")
    rows = []
    for doc in c.documents.itertuples(index=False):  # registry order; plans without a hit stay in the table
        mine = hits[hits["doc_id"] == doc.doc_id]
        rows.append({"计划": names[doc.doc_id], "完整程度": doc.completeness, "条目总数": doc.n_items,
                     "命中次数": len(mine), "含该词条目": mine["item_seq"].nunique(),
                     "量化目标": int((targets["doc_id"] == doc.doc_id).sum()),
                     "同句目标": int(targets.loc[targets["doc_id"] == doc.doc_id, "同句"].sum())})
    print("\n各计划：")
    show(pd.DataFrame(rows))
    print("\n这些条目中的量化目标（原文）：")
    shown = targets.assign(计划=targets["doc_id"].map(names))
    show(shown[["计划", "item_number", "indicator", "comparator", "value", "unit", "同句", "raw"]]
         .rename(columns={"item_number": "条目", "indicator": "指标", "comparator": "比较", "value": "数值",
                          "unit": "单位", "raw": "原文"}))
    print("\n语境（每份计划先取第一处）：")
    print(format_concordance(spread_hits(hits, max_lines=12)) if len(hits) else "（无）")


if __name__ == "__main__":
    main()
