"""Generated statements of notebook 05 on how far to trust the target extractor: its precision and
recall on an annotated sample, who coded the sample, and what to do when there is none.

Split from :mod:`wpanalysis.statements.targets`, which re-exports every function. Each takes
``language`` (``"en"`` or ``"zh"``); the README's record of who coded a sample is quoted as it is
(in code font in Chinese: it is a record, not prose).

>>> who_coded(None, language="zh").split("：")[0]
'*由谁标注。* `data/annotations/README.md` 没有记录由谁编码这一样本'
"""

from __future__ import annotations

import pandas as pd

from .. import labels as _labels
from . import count, pick, share

__all__ = ["evaluation_statement", "who_coded", "no_sample_statement", "scores_text", "is_author"]


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def is_author(coder: str | None) -> bool:
    """Whether the README's *coder* is the rules' author (an author and no independent coder).

    >>> is_author("the extractor's author alone"), is_author("two independent coders"), is_author(None)
    (True, False, False)
    """
    return bool(coder) and "author" in str(coder).lower() and "independent" not in str(coder).lower()


def _split(name: str, language: str) -> str:
    if language == "en":
        return name
    return _labels.label("gold_split", name, language, default=name)


def evaluation_statement(table: pd.DataFrame, n_docs: int, n_left_out: int = 0,
                         name: str = "data/annotations/targets_gold.csv", threshold: float = 0.9,
                         min_gold: int = 30, coder: str | None = None, language: str = "en") -> str:
    """Precision and recall on the annotated sample with its N, per split; the verdict against
    *threshold* (or "rough" under *min_gold* annotated targets); span and wording agreement; where to
    read who annotated.

    *table* is :func:`~wpanalysis.targets.evaluate.evaluation_table` of
    :func:`~wpanalysis.targets.evaluate.score_sample` (its last row is ``all``); *n_docs* the plans
    of the sample in this corpus, *n_left_out* those that are not; *coder* who coded the sample, by
    role, as the annotations README records it (:func:`~wpanalysis.targets.evaluate.coded_by`).

    >>> table = pd.DataFrame({"sample": ["all"], "n_items": [4], "n_gold": [10], "n_predicted": [10],
    ...     "n_matched": [10], "precision": [1.0], "recall": [1.0], "raw_equal": [1.0],
    ...     "indicator_equal": [0.8], "indicator_f1": [0.95]})
    >>> print(evaluation_statement(table, n_docs=2))  # doctest: +NORMALIZE_WHITESPACE
    The annotated sample (`data/annotations/targets_gold.csv`) lists 4 items of 2 plans, with 10 targets.
    Precision is 1.000 (10/10) and recall 1.000 (10/10). With fewer than 30 annotated targets these scores are
    rough. When a target is found, its span agrees exactly with the annotation in 100% of pairs and its
    indicator wording in 80% (character-overlap F1 0.95).
    <BLANKLINE>
    *Who annotated.* `data/annotations/README.md` does not record who coded this sample: record it, by role,
    before citing these scores. Scores on a sample that the rules' author annotated or wrote the rules on are an
    upper bound.
    """
    zh = language == "zh"
    scope = pick(language, f"The annotated sample (`{name}`)", f"人工标注样本（`{name}`）")
    left = ""
    if n_left_out:
        left = pick(language, f" ({count(n_left_out, 'plan')} of the sample {_verb(n_left_out, 'is', 'are')} not in "
                    "this corpus and left out)", f"（样本中有 {n_left_out:,} 份要点不在本语料中，已排除）")
    total = table.iloc[-1]
    if int(total["n_items"] or 0) == 0:
        return pick(language, f"{scope} lists no item of this corpus{left}, so the extractor's precision and recall "
                    "on it are unknown.", f"{scope}不含本语料的任何条目{left}，因此抽取器在其上的精确率与召回率未知。")
    n_items, n_gold = int(total["n_items"]), int(total["n_gold"])
    parts = [pick(language, f"{scope} lists {count(n_items, 'item')} of {count(n_docs, 'plan')}{left}, with "
                  f"{count(n_gold, 'target')}.", f"{scope}列出 {n_docs:,} 份要点的 {n_items:,} 个条目{left}，"
                  f"含 {n_gold:,} 条目标。"),
             scores_text(total, *pick(language, "Precision is|and recall", "精确率为|，召回率为").split("|"),
                         language=language)]
    splits = table.iloc[:-1]
    if len(splits):
        if zh:
            parts.append("按子样本：" + "；".join(
                f"{_split(row['sample'], language)}的精确率为 {row['precision']:.3f}，召回率为 {row['recall']:.3f}"
                f"（{int(row['n_items']):,} 个条目中的 {int(row['n_gold']):,} 条目标）"
                for _, row in splits.iterrows()) + "。")
        else:
            parts.append("By split: " + "; ".join(
                f"{row['sample']}, precision {row['precision']:.3f} and recall {row['recall']:.3f} "
                f"({count(int(row['n_gold']), 'target')} in {count(int(row['n_items']), 'item')})"
                for _, row in splits.iterrows()) + ".")
    parts.append(_verdict(total, threshold, min_gold, language))
    if int(total["n_matched"]):
        raw, ind, f1 = share(total["raw_equal"], 1), share(total["indicator_equal"], 1), total["indicator_f1"]
        parts.append(pick(language, f"When a target is found, its span agrees exactly with the annotation in {raw} of "
                          f"pairs and its indicator wording in {ind} (character-overlap F1 {f1:.2f}).",
                          f"抽取器找到一条目标时，其文本范围与标注完全一致的比例为 {raw}，指标措辞一致的比例为 "
                          f"{ind}（字符重叠 F1 {f1:.2f}）。"))
    return ("" if zh else " ").join(parts) + "\n\n" + who_coded(coder, "heldout" in set(splits["sample"]), language)


def who_coded(coder: str | None, heldout: bool = False, language: str = "en") -> str:
    """The paragraph on who coded an annotated sample, by role (*coder*: the README's words, or None).
    When the coder is the rules' author (the role names an author and no independent coder), it says
    that a check by the rules' author is not inter-coder reliability.

    >>> print(who_coded("the extractor's author alone"))  # doctest: +NORMALIZE_WHITESPACE
    *Who annotated.* `data/annotations/README.md` records: “the extractor's author alone”. The coder is the
    rules' author (the extractor's rules were written by the same person): a check by the rules' author is not
    inter-coder reliability, and the scores are an upper bound.
    """
    heldout_note = pick(language, " The held-out split, if it was scored once with the rules frozen, is the fairer "
                        "figure.", "留出集若是在规则冻结后只评分一次，则是更公允的数字。") if heldout else ""
    if not coder:
        return pick(language, "*Who annotated.* `data/annotations/README.md` does not record who coded this sample: "
                    "record it, by role, before citing these scores. Scores on a sample that the rules' author "
                    f"annotated or wrote the rules on are an upper bound.{heldout_note}",
                    "*由谁标注。* `data/annotations/README.md` 没有记录由谁编码这一样本：引用这些分数之前，请按角色"
                    f"记录下来。由规则作者标注的样本或规则据以编写的样本，其分数只是上限。{heldout_note}")
    text = pick(language, f"*Who annotated.* `data/annotations/README.md` records: “{coder}”.",
                f"*由谁标注。* `data/annotations/README.md` 的记录（原文）：`{coder}`。")
    if is_author(coder):
        text += pick(language, " The coder is the rules' author (the extractor's rules were written by the same "
                     "person)", "编码者就是规则的作者（抽取器的规则由同一人编写）")
        text += (pick(language, ", so the scores are an upper bound.", "，因此这些分数只是上限。")
                 if "not inter-coder reliability" in coder else
                 pick(language, ": a check by the rules' author is not inter-coder reliability, and the scores are an "
                      "upper bound.", "：规则作者所做的核查不等于编码者间信度，这些分数只是上限。"))
    return text + heldout_note


def scores_text(row: pd.Series, first: str, second: str, language: str = "en") -> str:
    """Precision and recall of an :func:`~wpanalysis.targets.evaluate.evaluation_table` row with their counts.

    >>> row = pd.Series({"n_matched": 9, "n_predicted": 10, "n_gold": 12, "precision": 0.9, "recall": 0.75})
    >>> scores_text(row, "Precision is", "and recall"), scores_text(row, "精确率为", "，召回率为", "zh")
    ('Precision is 0.900 (9/10) and recall 0.750 (9/12).', '精确率为 0.900（9/10），召回率为 0.750（9/12）。')
    """
    m = int(row["n_matched"])
    p, r, pred, gold = row["precision"], row["recall"], int(row["n_predicted"]), int(row["n_gold"])
    if language == "zh":
        return f"{first} {p:.3f}（{m}/{pred}）{second} {r:.3f}（{m}/{gold}）。"
    return f"{first} {p:.3f} ({m}/{pred}) {second} {r:.3f} ({m}/{gold})."


def _verdict(row: pd.Series, threshold: float, min_gold: int, language: str = "en") -> str:
    if int(row["n_gold"]) < min_gold:
        return pick(language, f"With fewer than {min_gold} annotated targets these scores are rough.",
                    f"标注的目标少于 {min_gold} 条，这些分数只是粗略的估计。")
    low = [w for w, v in (("precision", row["precision"]), ("recall", row["recall"])) if v < threshold]
    if not low:
        return pick(language, f"Both are at least {threshold}: on plans like these, the counts above can be read as "
                    "the plans' targets.", f"两者都不低于 {threshold}：对于与此类似的要点，上面的计数可以视为各份要点"
                    "的量化目标。")
    what = "both" if len(low) == 2 else low[0]
    what_zh = {"both": "精确率和召回率都", "precision": "精确率", "recall": "召回率"}[what]
    return pick(language, f"{what.capitalize()} {_verb(len(low), 'is', 'are')} below {threshold}: read the false "
                "positives and negatives (`score_sample(...)[\"all\"]`) before relying on the counts above.",
                f"{what_zh}低于 {threshold}：依赖上面的计数之前，请先阅读误报与漏报"
                "（`score_sample(...)[\"all\"]`）。")


def no_sample_statement(name: str = "data/annotations/targets_gold.csv", n_items: int = 60, seed: int = 0,
                        sample_name: str = "targets_sample.csv", language: str = "en") -> str:
    """What to do when the corpus has no annotated sample: the exact call that draws one.

    >>> print(no_sample_statement(n_items=40).splitlines()[-2])
    evaluate.draw_sample(corpus.items, n_items=40, seed=0, path=paths.annotations / "targets_sample.csv")
    """
    call = (f"evaluate.draw_sample(corpus.items, n_items={n_items}, seed={seed}, "
            f"path=paths.annotations / \"{sample_name}\")")
    text = pick(language, f"No annotated sample for this corpus (`{name}` does not exist), so the extractor's "
                "precision and recall on these plans are unknown. To measure them, draw a sample of items into a CSV, "
                "write every target of each item into it as `data/annotations/README.md` describes (one row per "
                "target; an item with none keeps its empty row), say in the README who annotated, and save the "
                f"file as `{name}`:",
                f"本语料没有人工标注样本（`{name}` 不存在），因此抽取器在这些要点上的精确率与召回率未知。要测量它们，"
                "请把一份条目样本抽到 CSV 文件中，按 `data/annotations/README.md` 的说明写入每个条目的每条目标"
                "（每条目标一行；没有目标的条目保留其空行），在 README 中说明由谁标注，并把文件保存为 "
                f"`{name}`：")
    return f"{text}\n\n```python\n{call}\n```"
