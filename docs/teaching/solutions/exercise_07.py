"""练习 7：仅有提纲（只有条目标题）的计划与全文计划：能比较什么，不能比较什么。

python docs/teaching/solutions/exercise_07.py [--root COMPENDIUM] [--top 10]
"""

from __future__ import annotations

import pandas as pd
from _common import corpus, parser, show, tokens

from wpanalysis.features import term_frequency
from wpanalysis.registry import keep_full_text
from wpanalysis.segment import remove_stopwords


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--top", type=int, default=10, help="比较的高频词数（默认 10）")
    args = p.parse_args()
    c = corpus(args.root)
    items = c.items.merge(c.documents[["doc_id", "completeness"]], on="doc_id")
    table = items.groupby("completeness", sort=False).agg(
        计划数=("doc_id", "nunique"), 条目数=("item_seq", "size"), 含正文条目=("has_body", "sum"),
        每条中位字数=("n_chars", "median")).reset_index().rename(columns={"completeness": "完整程度"})
    show(table)
    full = keep_full_text(c.items, c.documents)
    if full.empty:
        print("没有全文计划，无法比较“只读标题”与“读全文”。")
        return
    top_title = term_frequency(remove_stopwords(tokens(full, "title"))).head(args.top)["token"].tolist()
    top_text = term_frequency(remove_stopwords(tokens(full, "text"))).head(args.top)["token"].tolist()
    print(f"\n全文计划的前 {args.top} 个词：只读标题 vs 读全文")
    show(pd.DataFrame({"名次": range(1, args.top + 1), "只读标题": top_title, "读全文": top_text}))
    both = [t for t in top_title if t in top_text]
    print(f"两份词表共有的词：{len(both)} / {args.top}")


if __name__ == "__main__":
    main()
