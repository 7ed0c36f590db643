"""练习 3：比较两份计划的责任单位。

python docs/teaching/solutions/exercise_03.py [--root COMPENDIUM] [--top 8]

选计划的规则：写明责任单位的条目最多的两份计划（并列时按登记表顺序）。
"""

from __future__ import annotations

import pandas as pd
from _common import corpus, labels, parser, show


def units_of(items: pd.DataFrame) -> pd.Series:
    """One row per (item, unit): the units of each item, split at ``|``."""
    units = items["responsible_units"].fillna("").astype(str).str.split("|").explode().str.strip()
    return units[units != ""]


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--top", type=int, default=8, help="每份计划列出的牵头单位数（默认 8）")
    args = p.parse_args()
    c = corpus(args.root)
    names = labels(c.documents)
    named = c.items[c.items["responsible_units"].fillna("").astype(str).str.strip() != ""]
    per_doc = named.groupby("doc_id", sort=False).size()
    order = [d for d in c.documents["doc_id"] if d in per_doc.index]
    ranked = sorted(order, key=lambda d: (-per_doc[d], order.index(d)))
    print(f"写明责任单位的计划数：{len(ranked)} / {len(c.documents)}")
    if len(ranked) < 2:
        print("写明责任单位的计划不足两份，无法比较。")
        return
    a, b = ranked[:2]
    sets = {}
    for doc in (a, b):
        mine = c.items[c.items["doc_id"] == doc]
        mine_named = named[named["doc_id"] == doc]
        sets[doc] = set(units_of(mine_named))
        print(f"\n{names[doc]}：条目 {len(mine)}，写明责任单位的条目 {len(mine_named)}，"
              f"不同的责任单位 {len(sets[doc])}")
        lead = mine_named["lead_unit"].value_counts().head(args.top)
        show(pd.DataFrame({"牵头单位": lead.index, "条目数": lead.to_numpy()}))
    shared = sets[a] & sets[b]
    print(f"\n两份计划都出现的单位名（字面相同）：{len(shared)}" + (f"：{'、'.join(sorted(shared))}" if shared else ""))
    print(f"只在{names[a]}出现：{len(sets[a] - sets[b])}；只在{names[b]}出现：{len(sets[b] - sets[a])}")


if __name__ == "__main__":
    main()
