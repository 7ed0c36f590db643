"""练习 8：分组太小的地区比较——为什么不能下结论。

python docs/teaching/solutions/exercise_08.py [--root COMPENDIUM] [--by region] [--term 课后服务]
"""

from __future__ import annotations

import pandas as pd
from _common import corpus, labels, parser, show

from wpanalysis.compare import comparable_groups
from wpanalysis.kwic import kwic
from wpanalysis.registry import group_values

MIN_DOCS = 2
SHOWN = 5  # plans named per group; the rest are counted


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--by", default="region", help="分组所依据的登记表列（默认 region）")
    p.add_argument("--term", default="课后服务", help="比较的词（默认：课后服务）")
    args = p.parse_args()
    c = corpus(args.root)
    docs = c.documents
    groups = comparable_groups(docs, args.by, min_docs=MIN_DOCS)
    print(f"分组依据：{args.by}；每组至少需要 {MIN_DOCS} 份计划")
    names = labels(docs)
    show(groups.assign(计划=groups["doc_ids"].map(lambda ids: "、".join(names[d] for d in ids[:SHOWN])
                                                 + (f"…（另 {len(ids) - SHOWN} 份）" if len(ids) > SHOWN else "")))
         [["group", "n_docs", "usable", "reason", "计划"]]
         .rename(columns={"group": "组", "n_docs": "计划数", "usable": "可用", "reason": "原因"}))
    print(f"可用的组：{int(groups['usable'].sum())}")
    print(f"只有一份计划的组：{int((groups['n_docs'] == 1).sum())}")
    hits = kwic(c.items, args.term).groupby("doc_id").size()
    group = group_values(docs, args.by).reindex(docs["doc_id"]).to_numpy()
    rate = docs["doc_id"].map(hits).fillna(0) / docs["n_chars"].where(docs["n_chars"] > 0) * 10_000
    per_doc = pd.DataFrame({"doc_id": docs["doc_id"], "组": group, "每万字": rate.to_numpy()})
    summary = per_doc.groupby("组", sort=False)["每万字"].agg(["size", "mean", "min", "max"]).round(1).reset_index()
    print(f"\n“{args.term}”每万字出现次数，按组：")
    show(summary.rename(columns={"size": "计划数", "mean": "均值", "min": "最小", "max": "最大"}))
    print("\n分组与其他登记表列的交叉（组内是否混着层级与年份）：")
    for other in ("admin_level", "year"):
        if other != args.by and other in docs.columns:
            show(pd.crosstab(per_doc["组"], docs[other].astype(str).to_numpy()).reset_index())


if __name__ == "__main__":
    main()
