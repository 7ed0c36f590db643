"""练习 4：手工编码十个句子，用本包计算 Cohen's κ。

python docs/teaching/solutions/exercise_04.py [--root COMPENDIUM]
    [--template 编码表.csv]   # 写出十个句子的空白编码表（编号, 计划, 条目, 句子, 编码员A, 编码员B）
    [--codes 编码表.csv]      # 读入两位编码员填好的编码表，计算 κ

选句子的规则：含正文条目最多的计划，按条目顺序等距取十个条目，每条取第一句（标题）。
不给 --codes 时，用词典编码的两种读法当作两位“编码员”演示 κ：只读标题 vs 读全文。
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from _common import corpus, labels, parser, show

from wpanalysis.coding import NONE, assign_domains, cohens_kappa, load_codebook

N_SENTENCES = 10


def sample(items: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Ten items spread evenly over the plan with the most items that have body text."""
    with_body = items[items["has_body"]].groupby("doc_id", sort=False).size()
    order = [d for d in documents["doc_id"] if d in with_body.index]
    if not order:
        raise SystemExit("语料中没有含正文的条目，无法抽取句子。")
    doc = sorted(order, key=lambda d: (-with_body[d], order.index(d)))[0]
    mine = items[items["doc_id"] == doc].sort_values("item_seq").reset_index(drop=True)
    picks = sorted(set(np.linspace(0, len(mine) - 1, min(N_SENTENCES, len(mine))).round().astype(int)))
    return mine.iloc[picks].reset_index(drop=True)


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--template", help="写出空白编码表（CSV，UTF-8）")
    p.add_argument("--codes", help="读入填好的编码表（列：编码员A、编码员B）")
    args = p.parse_args()
    if args.codes:
        coded = pd.read_csv(args.codes, dtype=str, keep_default_na=False)
        missing = [col for col in ("编码员A", "编码员B") if col not in coded.columns]
        if missing:
            raise SystemExit(f"{args.codes}：缺少列 {'、'.join(missing)}；请用 --template 生成的表格填写。")
        a, b = coded["编码员A"].str.strip().tolist(), coded["编码员B"].str.strip().tolist()
        print(f"句子数：{len(a)}")
    else:
        c = corpus(args.root)
        chosen = sample(c.items, c.documents)
        print(f"抽取的计划：{labels(c.documents)[chosen['doc_id'].iloc[0]]}；句子数：{len(chosen)}")
        if args.template:
            pd.DataFrame({"编号": range(1, len(chosen) + 1), "计划": chosen["doc_id"], "条目": chosen["item_number"],
                          "句子": chosen["title"], "编码员A": "", "编码员B": ""}).to_csv(
                args.template, index=False, encoding="utf-8-sig")
            print(f"已写出空白编码表：{args.template}（两位编码员各自填写后用 --codes 读入）")
            return
        book = load_codebook()
        zh = {d.id: d.zh for d in book.domains} | {NONE: "（未编码）"}
        a = [zh[d] for d in assign_domains(chosen, book, text="title").query("primary")["domain"]]
        b = [zh[d] for d in assign_domains(chosen, book, text="text").query("primary")["domain"]]
        print("演示：编码员A = 词典编码只读标题；编码员B = 词典编码读全文（主要领域）")
        show(pd.DataFrame({"条目": chosen["item_number"], "标题": chosen["title"].str.slice(0, 24),
                           "编码员A": a, "编码员B": b}))
    agree = sum(x == y for x, y in zip(a, b))
    print(f"一致的句子：{agree} / {len(a)}")
    print(f"观察一致率 p_o：{agree / len(a):.3f}" if a else "观察一致率 p_o：无")
    kappa = cohens_kappa(a, b)
    print(f"Cohen's κ：{kappa:.3f}" if kappa == kappa else "Cohen's κ：无法计算（两位编码员都只用了同一个类别）")


if __name__ == "__main__":
    main()
