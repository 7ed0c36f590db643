"""练习 6：篇幅最长的计划，每个部分有多少条目。

python docs/teaching/solutions/exercise_06.py [--root COMPENDIUM]

选计划的规则：条目文字字数（documents 表的 n_chars）最多的计划，并列时按登记表顺序。
"""

from __future__ import annotations

from _common import corpus, labels, longest_plan, parser, show

from wpanalysis.overview import items_per_section, section_label


def main() -> None:
    args = parser(__doc__.splitlines()[0]).parse_args()
    c = corpus(args.root)
    doc = longest_plan(c.documents)
    row = c.documents.set_index("doc_id").loc[doc]
    print(f"篇幅最长的计划：{labels(c.documents)[doc]}（{doc}）；字数：{int(row['n_chars'])}；"
          f"条目：{int(row['n_items'])}；完整程度：{row['completeness']}")
    table = items_per_section(c.items[c.items["doc_id"] == doc])
    table = table.assign(部分=table["section"].map(section_label), 字数占比=table["n_chars"] / table["n_chars"].sum())
    show(table[["部分", "section_title", "n_items", "n_chars", "字数占比"]]
         .rename(columns={"section_title": "部分标题", "n_items": "条目数", "n_chars": "字数"})
         .assign(字数占比=lambda d: d["字数占比"].map("{:.1%}".format)))
    top = table.sort_values("n_items", ascending=False, kind="stable").iloc[0]
    print(f"条目最多的部分：{top['部分']}（{top['n_items']} 条，占 {top['n_items'] / table['n_items'].sum():.1%}）")
    outside = int(table.loc[table["section"].isna(), "n_items"].sum())
    print(f"部分数：{int(table['section'].notna().sum())}；不在任何部分中的条目：{outside}")


if __name__ == "__main__":
    main()
