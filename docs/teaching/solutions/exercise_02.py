"""练习 2：改变停用词层，看高频词表怎样变化。

python docs/teaching/solutions/exercise_02.py [--root COMPENDIUM] [--top 15]
"""

from __future__ import annotations

import pandas as pd
from _common import corpus, parser, show, tokens

from wpanalysis.features import term_frequency
from wpanalysis.segment import remove_stopwords

SETTINGS = {
    "不去停用词": "none",
    "去标点数字": ["punctuation_numbers"],
    "再去虚词": ["function_words", "punctuation_numbers"],
    "再去政策套话（全部三层）": "all",
}


def main() -> None:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--top", type=int, default=15, help="每种设置列出的高频词数（默认 15）")
    args = p.parse_args()
    c = corpus(args.root)
    table = tokens(c.items)
    print(f"词次总数（不去停用词）：{len(table)}")
    tops = {}
    for name, setting in SETTINGS.items():
        kept = remove_stopwords(table, setting)
        tops[name] = term_frequency(kept).head(args.top)["token"].tolist()
        print(f"{name}：剩余词次 {len(kept)}（占 {len(kept) / max(len(table), 1):.1%}）")
    width = max(len(t) for t in tops.values())
    print(f"\n各设置下的前 {args.top} 个词：")
    show(pd.DataFrame({name: top + [""] * (width - len(top)) for name, top in tops.items()})
         .rename_axis("名次").reset_index().assign(名次=lambda d: d["名次"] + 1))
    base, full = tops["再去虚词"], tops["再去政策套话（全部三层）"]
    layer = table.drop_duplicates("token").set_index("token")["stop_layer"]
    print("\n去掉政策套话层后离开前列的词：" + ("、".join(t for t in base if t not in full) or "（无）"))
    print("新进入前列的词：" + ("、".join(t for t in full if t not in base) or "（无）"))
    print("离开的词都属于政策套话层：" + ("是" if all(layer[t] == "policy_boilerplate" for t in base if t not in full)
                                       else "否"))


if __name__ == "__main__":
    main()
