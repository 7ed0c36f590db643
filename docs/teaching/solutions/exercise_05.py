"""练习 5：一个词在各份计划中的关键词语境（KWIC）：出现次数、每万字频率和前后搭配。

python docs/teaching/solutions/exercise_05.py [--root COMPENDIUM] [--term 教师] [--lines 12]
"""

from __future__ import annotations

import pandas as pd
from _common import corpus, labels, parser, show

from wpanalysis.kwic import format_concordance, kwic, neighbours, spread_hits


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--term", default="教师", help="检索词（默认：教师）")
    p.add_argument("--lines", type=int, default=12, help="语境行数（默认 12，尽量分布在不同计划）")
    args = p.parse_args()
    c = corpus(args.root)
    names = labels(c.documents)
    hits = kwic(c.items, args.term, window=12)
    print(f"检索词：{args.term}；命中次数：{len(hits)}；"
          f"提到该词的计划：{hits['doc_id'].nunique()} / {len(c.documents)}")
    counts = hits.groupby("doc_id").size()
    table = pd.DataFrame({"计划": c.documents["doc_id"].map(names), "完整程度": c.documents["completeness"],
                          "字数": c.documents["n_chars"],
                          "命中次数": c.documents["doc_id"].map(counts).fillna(0).astype(int)})
    table["每万字"] = (table["命中次数"] / table["字数"].where(table["字数"] > 0) * 10_000).round(1)
    print("\n各计划（按登记表顺序）：")
    show(table)
    print("\n前面最常见的词：" + "、".join(f"{w}（{n}）" for w, n in neighbours(hits, "left").head(5).items()))
    print("后面最常见的词：" + "、".join(f"{w}（{n}）" for w, n in neighbours(hits, "right").head(5).items()))
    print("\n语境：")
    print(format_concordance(spread_hits(hits, args.lines), units=True) if len(hits) else "（无）")


if __name__ == "__main__":
    main()
