"""Generated statements of notebook 05 (wpanalysis.statements.targets): the exact sentence of every branch,
from small hand-made tables."""

from __future__ import annotations

import pandas as pd

from wpanalysis.statements.targets import (
    closing_statement,
    concordance_statement,
    domains_statement,
    evaluation_statement,
    group_tests_statement,
    headline_loo_statement,
    lines_statement,
    measures_statement,
    no_sample_statement,
    rate_loo_statement,
    reference_statement,
    section_statement,
    shared_statement,
    targets_overview,
    weighting_statement,
    who_coded,
)

LABELS = {"a": "甲市 2024", "b": "乙县 2024", "c": "丙区 2023", "d": "丁市 2025"}


def per_doc(targets: list[int], body: list[int], completeness: list[str] | None = None) -> pd.DataFrame:
    """A targets_per_document table: 10 items per plan."""
    n = len(targets)
    completeness = completeness or ["full"] * n
    rates = [10 * t / b if b else None for t, b in zip(targets, body)]
    return pd.DataFrame({"doc_id": list("abcd")[:n], "completeness": completeness, "n_items": [10] * n,
                         "n_items_with_body": body, "n_items_with_targets": [min(t, 10) for t in targets],
                         "n_targets": targets, "targets_per_10_items": pd.array(rates, dtype="Float64")})


# --------------------------------------------------------------------------- targets_overview


def test_overview_no_plan():
    assert targets_overview(per_doc([], [])) == "No plan is registered, so there are no targets to count."


def test_overview_no_target():
    assert targets_overview(per_doc([0, 0], [10, 0])) == "No quantitative target was found in any of the 2 plans."


def test_overview_one_plan():
    assert targets_overview(per_doc([1], [10]), LABELS) == (
        "**1 target** in the only plan; 1 of its 10 items states at least one.")


def test_overview_two_plans_all_with_targets():
    assert targets_overview(per_doc([6, 2], [10, 10]), LABELS) == (
        "**8 targets** in all 2 plans; 8 of their 20 items state at least one. "
        "The plan with most targets, 甲市 2024, states 6 (75%). "
        "Per 10 items with body text, the 2 plans with body text range from 2.0 (乙县 2024) to 6.0 (甲市 2024); "
        "median 4.0.")


def test_overview_zeros_without_body_and_the_two_largest():
    table = per_doc([5, 3, 2, 0], [10, 10, 10, 0], ["full", "full", "partial", "outline-only"])
    assert targets_overview(table, LABELS) == (
        "**10 targets** in 3 of 4 plans; 10 of their 40 items state at least one. "
        "丁市 2025 states none; it has no body text, so its zero says nothing about the bureau. "
        "The plan with most targets, 甲市 2024, states 5 (50%); together with the next, 乙县 2024, 8 (80%). "
        "Per 10 items with body text, the 3 plans with body text range from 2.0 (丙区 2023) to 5.0 (甲市 2024); "
        "median 3.0.")


def test_overview_rates_only_over_plans_with_body_text():
    # an outline-only plan with one item that has body text gets a rate, but is not a plan with body text
    table = per_doc([5, 3, 1], [10, 10, 1], ["full", "full", "outline-only"])
    assert targets_overview(table, LABELS).endswith(
        "Per 10 items with body text, the 2 plans with body text range from 3.0 (乙县 2024) to 5.0 (甲市 2024); "
        "median 4.0.")


def test_overview_zeros_with_and_without_body():
    two = per_doc([4, 0, 0], [10, 0, 0], ["full", "outline-only", "outline-only"])
    assert "乙县 2024 and 丙区 2023 state none; neither has body text, so their zeros say nothing about the " \
           "bureaus." in targets_overview(two, LABELS)
    mixed = per_doc([4, 0, 0, 0], [10, 0, 10, 0], ["full", "outline-only", "full", "outline-only"])
    assert "乙县 2024, 丙区 2023 and 丁市 2025 state none (2 of them without body text)." in targets_overview(mixed,
                                                                                                          LABELS)
    bodied = per_doc([4, 0], [10, 10])
    assert "乙县 2024 states none, although it has body text." in targets_overview(bodied, LABELS)


# --------------------------------------------------------------------------- section_statement


def test_section_statement_branches():
    sections = pd.DataFrame({"section": pd.array([1, 2], dtype="Int64"), "section_title": ["学前", "义教"],
                             "n_items": [2, 3], "n_targets": [1, 3]})
    assert section_statement(per_doc([2, 4], [10, 10]), sections, LABELS) == (
        "By section, for the plan with the most targets: 乙县 2024 (4 targets). "
        "Its section with most targets is 2 义教 (3, 75%).")
    flat = pd.DataFrame({"section": pd.array([None], dtype="Int64"), "section_title": [None], "n_items": [10],
                         "n_targets": [1]})
    assert section_statement(per_doc([1], [10]), flat, LABELS) == (
        "By section, for the plan with the most targets: 甲市 2024 (1 target). "
        "It has no numbered sections, so its items form one row.")
    assert section_statement(per_doc([0, 0], [10, 10]), None) == (
        "No plan states a target, so there is no plan to break down by section.")


# --------------------------------------------------------------------------- domains_statement


def _domains(rows: list[tuple[str, str, int]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per_domain, with_domains) from rows (domain, doc_id, item_number), one target each."""
    wd = pd.DataFrame(rows, columns=["domain_zh", "doc_id", "item_number"])
    per = (wd.groupby("domain_zh", sort=False).agg(n_targets=("doc_id", "size"), n_docs=("doc_id", "nunique"))
           .reset_index().rename(columns={"domain_zh": "zh"}).sort_values("n_targets", ascending=False, kind="stable"))
    return per.reset_index(drop=True), wd


def test_domains_none():
    per, wd = _domains([])
    assert domains_statement(per, wd) == "No targets, so no domain counts."


def test_domains_one_target():
    per, wd = _domains([("学前", "a", 1)])
    assert domains_statement(per, wd, LABELS) == "The only target sits in 学前."


def test_domains_one_domain_one_item():
    per, wd = _domains([("学前", "a", 1)] * 3)
    assert domains_statement(per, wd, LABELS) == (
        "All 3 targets sit in 学前. Of them, one item states more than half in 学前 (甲市 2024 item 1, 3 of 3).")


def test_domains_no_bar_owed_to_one_plan_and_a_tie_for_widest():
    rows = [("学前", "a", 1), ("学前", "b", 1), ("学前", "c", 1), ("义教", "a", 2), ("义教", "b", 2), ("义教", "c", 2)]
    per, wd = _domains(rows)
    assert domains_statement(per, wd, LABELS) == (
        "Most targets sit in 学前 (3) and 义教 (3). None of these owes more than half of its targets to one plan or "
        "one item. The domains quantified in most plans (3 plans each) are 学前 and 义教.")


def test_domains_one_plan_and_one_item_bars_and_a_small_domain_left_unchecked():
    rows = [("学前", "a", 1)] * 3 + [("学前", "a", 2), ("学前", "b", 1), ("义教", "b", 3), ("义教", "c", 3),
                                     ("体育", "c", 4)]
    per, wd = _domains(rows)  # 义教 (2 targets) and 体育 (1) are too small to be checked for one-plan bars
    assert domains_statement(per, wd, LABELS, top=3) == (
        "Most targets sit in 学前 (5), 义教 (2) and 体育 (1). Of these, one plan states more than half in 学前 "
        "(甲市 2024, 4 of 5); one item does in 学前 (甲市 2024 item 1, 3 of 5). "
        "The domains quantified in most plans (2 plans each) are 学前 and 义教.")
    even = [("学前", d, k) for k, d in enumerate("abc")] + [("义教", "a", 9), ("义教", "b", 9)]
    per, wd = _domains(even)
    assert "None of these with 3 targets or more owes more than half" in domains_statement(per, wd, LABELS)


# --------------------------------------------------------------------------- shared_statement


def test_shared_nothing_shared():
    coverage = pd.DataFrame({"zh": ["毛入园率", "新增学位"], "n_docs": [1, 0]})
    empty = pd.DataFrame({"year": []})
    assert shared_statement(coverage, empty, n_body_plans=3) == (
        "None of the 2 listed indicators is stated by 2 plans or more, so there are no values to set side by side.")
    assert shared_statement(coverage, empty, n_body_plans=1) == (
        "None of the 2 listed indicators is stated by 2 plans or more, so there are no values to set side by side "
        "(the corpus has 1 plan with body text).")


def test_shared_some_shared():
    coverage = pd.DataFrame({"zh": ["毛入园率", "新增学位", "近视率"], "n_docs": [2, 3, 0]})
    shared = pd.DataFrame({"year": pd.array([None] * 5, dtype="Int64")})
    assert shared_statement(coverage, shared, n_body_plans=4) == (
        "2 of the 3 listed indicators are stated by at least 2 plans: 新增学位 (3 plans) and 毛入园率 (2). "
        "None is stated by more than 3 of the 4 plans with body text; 1 listed indicator is stated by no plan. "
        "None of the 5 shared values states a target year: each is for the plan's own year.")


def test_shared_by_every_plan():
    coverage = pd.DataFrame({"zh": ["毛入园率", "新增学位"], "n_docs": [2, 2]})
    shared = pd.DataFrame({"year": pd.array([2025, 2025, None, None], dtype="Int64")})
    assert shared_statement(coverage, shared, n_body_plans=2) == (
        "2 of the 2 listed indicators are stated by at least 2 plans: 毛入园率 (2 plans) and 新增学位 (2). "
        "毛入园率 and 新增学位 are stated by every plan with body text. "
        "2 of the 4 shared values state a target year; the others are for the plan's own year.")


# --------------------------------------------------------------------------- evaluation


def evaluation(rows: list[tuple]) -> pd.DataFrame:
    cols = ["sample", "n_items", "n_gold", "n_predicted", "n_matched", "precision", "recall", "raw_equal",
            "indicator_equal", "indicator_f1"]
    return pd.DataFrame(rows, columns=cols)


WHO = ("*Who annotated.* `data/annotations/README.md` does not record who coded this sample: record it, by role, "
       "before citing these scores. Scores on a sample that the rules' author annotated or wrote the rules on are an "
       "upper bound.")


def test_evaluation_good_scores_by_split():
    table = evaluation([("dev", 30, 40, 40, 40, 1.0, 1.0, 1.0, 0.8, 0.95),
                        ("heldout", 30, 60, 60, 57, 0.95, 0.95, 1.0, 0.7, 0.9),
                        ("all", 60, 100, 100, 97, 0.97, 0.97, 1.0, 0.74, 0.92)])
    assert evaluation_statement(table, n_docs=5) == (
        "The annotated sample (`data/annotations/targets_gold.csv`) lists 60 items of 5 plans, with 100 targets. "
        "Precision is 0.970 (97/100) and recall 0.970 (97/100). By split: dev, precision 1.000 and recall 1.000 "
        "(40 targets in 30 items); heldout, precision 0.950 and recall 0.950 (60 targets in 30 items). "
        "Both are at least 0.9: on plans like these, the counts above can be read as the plans' targets. "
        "When a target is found, its span agrees exactly with the annotation in 100% of pairs and its indicator "
        "wording in 74% (character-overlap F1 0.92).\n\n" + WHO +
        " The held-out split, if it was scored once with the rules frozen, is the fairer figure.")


def test_evaluation_low_recall_and_plans_left_out():
    table = evaluation([("all", 50, 40, 30, 24, 0.8, 0.6, 0.9, 0.5, 0.8)])
    assert evaluation_statement(table, n_docs=3, n_left_out=1, name="x.csv") == (
        "The annotated sample (`x.csv`) lists 50 items of 3 plans (1 plan of the sample is not in this corpus "
        "and left out), with 40 targets. Precision is 0.800 (24/30) and recall 0.600 (24/40). Both are below "
        "0.9: read the false positives and negatives (`score_sample(...)[\"all\"]`) before relying on the counts "
        "above. When a target is found, its span agrees exactly with the annotation in 90% of pairs and its "
        "indicator wording in 50% (character-overlap F1 0.80).\n\n" + WHO)
    one_low = evaluation([("all", 50, 40, 40, 38, 0.95, 0.85, 1.0, 1.0, 1.0)])
    assert "Recall is below 0.9: read" in evaluation_statement(one_low, n_docs=3)


def test_evaluation_small_sample_is_rough_and_no_match():
    table = evaluation([("all", 5, 4, 0, 0, 1.0, 0.0, float("nan"), float("nan"), 1.0)])
    text = evaluation_statement(table, n_docs=1)
    assert "Precision is 1.000 (0/0) and recall 0.000 (0/4). With fewer than 30 annotated targets these " \
           "scores are rough.\n\n" in text
    assert "span agrees" not in text


def test_evaluation_sample_of_another_corpus():
    table = evaluation([("all", 0, 0, 0, 0, 1.0, 1.0, float("nan"), float("nan"), 1.0)])
    assert evaluation_statement(table, n_docs=0, n_left_out=6) == (
        "The annotated sample (`data/annotations/targets_gold.csv`) lists no item of this corpus (6 plans of the "
        "sample are not in this corpus and left out), so the extractor's precision and recall on it are unknown.")


def test_no_sample_statement_shows_the_call():
    assert no_sample_statement(n_items=40, seed=2) == (
        "No annotated sample for this corpus (`data/annotations/targets_gold.csv` does not exist), so the "
        "extractor's precision and recall on these plans are unknown. To measure them, draw a sample of items into "
        "a CSV, write every target of each item into it as `data/annotations/README.md` describes (one row per "
        "target; an item with none keeps its empty row), say in the README who annotated, and save the file as "
        "`data/annotations/targets_gold.csv`:\n\n```python\nevaluate.draw_sample(corpus.items, n_items=40, seed=2, "
        "path=paths.annotations / \"targets_sample.csv\")\n```")


# --------------------------------------------------------------------------- concordances


def test_concordance_statement_branches():
    summary = pd.DataFrame({"term": ["双减", "县管校聘", "课后服务"], "n_docs": [2, 0, 1], "n_hits": [4, 0, 1],
                            "n_items": [3, 0, 1], "n_targets": [2, 0, 0], "n_docs_with_targets": [1, 0, 0]})
    before = {"双减": pd.Series({"落实": 2, "巩固": 1}), "课后服务": pd.Series(dtype=int)}
    after = {"双减": pd.Series({"政策": 3}), "课后服务": pd.Series({"质量": 1})}
    assert concordance_statement(summary, before, after, top=1) == (
        "- **双减**: 4 hits in 3 items of 2 plans; those items state 2 targets, in 1 plan. "
        "Written right before it: 落实 ×2; right after it: 政策 ×3.\n"
        "- **县管校聘**: no hit in this corpus.\n"
        "- **课后服务**: 1 hit in 1 item of 1 plan; none of those items states a target. "
        "Written right before it: none; right after it: 质量.")
    plain = summary[["term", "n_docs", "n_hits", "n_items"]].iloc[:1]
    assert concordance_statement(plain) == "- **双减**: 4 hits in 3 items of 2 plans."


def test_lines_statement_branches():
    assert lines_statement("双减", 0, 0) == "**双减** — no hit."
    assert lines_statement("双减", 1, 1) == "**双减** — the only hit:"
    assert lines_statement("双减", 3, 3) == "**双减** — all 3 hits:"
    assert lines_statement("双减", 30, 1200) == (
        "**双减** — 30 of 1,200 hits, spread over the plans (each plan's first hit, then its second, …):")


# --------------------------------------------------------------------------- closing


def test_closing_small_corpus_unmeasured():
    table = per_doc([4, 0], [10, 0], ["full", "outline-only"])
    coverage = pd.DataFrame({"zh": ["毛入园率"], "n_docs": [1]})
    assert closing_statement(table, coverage) == (
        "- **4 targets** in the 2 plans; all of them in the 1 plan with body text.\n"
        "- No indicator of the list is stated by 2 plans or more.\n"
        "- Extractor: not measured on this corpus (no annotated sample).\n"
        "- **Small N.** 1 plan with body text (fewer than 30): read the tables as a description of these plans, not "
        "of bureaus in general. A plan with many targets may simply use a format (labelled fields, a summary item) "
        "that invites numbers.")


def test_closing_large_corpus_measured():
    table = per_doc([5, 3, 1], [10, 10, 0], ["full", "full", "outline-only"])
    coverage = pd.DataFrame({"zh": ["毛入园率", "新增学位"], "n_docs": [2, 3]})
    scores = evaluation([("all", 60, 100, 100, 97, 0.97, 0.97, 1.0, 0.74, 0.92)])
    assert closing_statement(table, coverage, scores, small_n=2) == (
        "- **9 targets** in the 3 plans; 8 of them in the 2 plans with body text.\n"
        "- 2 shared indicators (stated by 2 plans or more), the most widely by 3 plans.\n"
        "- Extractor: precision 0.970 (97/100) and recall 0.970 (97/100) on the annotated sample (its README does "
        "not say who coded it).\n"
        "- 2 plans with body text: enough to describe the corpus; what it says about bureaus in general depends on "
        "how the plans were collected. A plan with many targets may simply use a format (labelled fields, a summary "
        "item) that invites numbers.")


def test_closing_no_target_and_no_body():
    outline = ["outline-only"] * 2
    coverage = pd.DataFrame({"zh": ["毛入园率"], "n_docs": [0]})
    assert closing_statement(per_doc([0, 0], [0, 0], outline), coverage).splitlines()[0] == (
        "- No target in the 2 plans.")
    assert closing_statement(per_doc([1, 0], [0, 0], outline), coverage).splitlines()[0] == (
        "- **1 target** in the 2 plans, none of which has body text.")


# --------------------------------------------------------------------------- measures, weighting, plan-level tests


def measures_per_doc(level: list[int], relative: list[int], absolute: list[int], amount: list[int]) -> pd.DataFrame:
    n = len(level)
    totals = [sum(x) for x in zip(level, relative, absolute, amount)]
    return pd.DataFrame({"doc_id": list("abcd")[:n], "n_targets": totals, "n_level": level,
                         "n_relative_change": relative, "n_absolute_change": absolute, "n_amount": amount})


def test_measures_no_target():
    assert measures_statement(measures_per_doc([0], [0], [0], [0])) == (
        "No target, so there are no kinds of quantity to count.")


def test_measures_no_relative_change():
    assert measures_statement(measures_per_doc([2, 1], [0, 0], [1, 0], [0, 3])) == (
        "Of the 7 targets, 3 state a level (达到95%), 0 a relative change (下降1%: a share of the indicator's own "
        "value), 1 an absolute change (提高2个百分点) and 3 an amount (新增学位1200个). No target states a relative "
        "change, so every percentage below is a level.")


def test_measures_relative_changes_in_several_plans():
    text = measures_statement(measures_per_doc([1, 1, 0], [2, 1, 0], [0, 0, 0], [0, 0, 4]), LABELS)
    assert text.endswith(
        "The relative changes are in 2 plans (甲市 2024 and 乙县 2024): they are in percent of the indicator's own "
        "value, not in percentage points, so no table or figure below puts them on one axis or in one sum with a "
        "level or a change in points.")


def summary(n: int, rates: tuple[float, ...], shares: dict[str, tuple[float, float]]) -> pd.DataFrame:
    rows = [("targets per 10 items", *rates[:3]), ("targets per 10,000 characters", *rates[3:])]
    rows += [(f"share of targets: {k}", w, w, p) for k, (w, p) in shares.items()]
    out = pd.DataFrame(rows, columns=["figure", "plan_weighted", "median", "pooled"])
    out.insert(1, "n_plans", n)
    return out.assign(difference=out["pooled"] - out["plan_weighted"])


def test_weighting_no_plan_with_body_text():
    assert weighting_statement(summary(0, (None,) * 6, {})) == (
        "No plan has body text, so there is no plan-level rate of targets.")


def test_weighting_one_plan():
    assert weighting_statement(summary(1, (4.0, 4.0, 4.0, 30.0, 30.0, 30.0), {"level": (1.0, 1.0)})) == (
        "Each plan with body text weighs 1 (the declared rule); pooled figures, in which the longest plans weigh "
        "most, stand beside them. Only 1 plan has body text: it states 4.0 targets per 10 items and 30.0 per 10,000 "
        "characters, and plan-weighted and pooled figures coincide.")


def test_weighting_small_shifts_are_not_named():
    text = weighting_statement(summary(3, (5.0, 4.0, 6.0, 40.0, 35.0, 45.5),
                                       {"level": (0.30, 0.32), "absolute change": (0.0, 0.0), "amount": (0.70, 0.68)}))
    assert text.endswith(
        "Over the 3 plans with body text, a plan states on average 5.0 targets per 10 items with body text (median "
        "4.0; pooled over all their items 6.0) and 40.0 per 10,000 characters (median 35.0; pooled 45.5). Share of a "
        "plan's targets, plan-weighted (pooled): level 30% (32%) and amount 70% (68%). No share moves by 5 points or "
        "more between the two weightings.")


def group_tests(p: list[float], can_reach: list[bool], bh: list[bool]) -> pd.DataFrame:
    n = len(p)
    return pd.DataFrame({"grouping": ["region"] * n, "group_a": ["east"] * n, "group_b": ["central"] * n,
                         "n_plans_a": [40] * n, "n_plans_b": [20] * n,
                         "rate": ["targets per 10 items", "targets per 10,000 characters"][:n],
                         "mean_a": [12.0, 60.0][:n], "mean_b": [8.0, 50.0][:n], "p": p, "min_p": [0.0001] * n,
                         "can_reach": can_reach, "p_bh": [min(1.0, x * 2) for x in p],
                         "p_bonferroni": [min(1.0, x * 2) for x in p], "significant_bh": bh,
                         "significant_bonferroni": bh})


def test_group_tests_nothing_to_compare():
    assert group_tests_statement(pd.DataFrame(), 3, min_plans=2) == (
        "No grouping of the 3 plans with body text has two groups of at least 2 plans, so no plan-level comparison "
        "can be made: in these 3 plans, descriptive only.")


def test_group_tests_reachable_and_significant():
    assert group_tests_statement(group_tests([0.001, 0.2], [True, True], [True, False]), 60) == (
        "The declared family holds 2 tests (1 group pair × 2 rates), each a permutation test of the difference of "
        "plan means (each plan weighs 1), with Benjamini–Hochberg and Bonferroni over all of them. 2 of them can "
        "reach p < 0.05 given their group sizes; 1 is significant after Benjamini–Hochberg and 1 after Bonferroni. "
        "The smallest p: targets per 10 items in region `east` (40 plans, mean 12.0) against `central` (20 plans, "
        "8.0), p = 0.001 (BH 0.002, Bonferroni 0.002). So: at plan level, over these 60 plans.")


def test_group_tests_reachable_but_nothing_survives():
    text = group_tests_statement(group_tests([0.04, 0.2], [True, True], [False, False]), 60)
    assert text.endswith("So: in these 60 plans: no plan-level difference survives the correction.")
    assert "0 are significant after Benjamini–Hochberg and 0 after Bonferroni." in text


REFS = pd.DataFrame({"indicator_id": ["g", "m"], "indicator_zh": ["毛入园率", "近视率年降幅"],
                     "comparator": [">=", ">="],
                     "value": [90.0, 0.5], "unit": ["%", "百分点"], "measure": ["level", "absolute change"],
                     "year": [2025, 2023], "source": ["计划", "方案"],
                     "kind": ["level (%)", "absolute change (percentage points)"]})


def test_reference_same_kind_and_partly_other_kind():
    values = pd.DataFrame({"indicator_id": ["g", "g", "m", "m"], "doc_id": ["a", "b", "a", "b"],
                           "unit": ["%", "%", "%", "百分点"],
                           "measure": ["level", "level", "relative change", "absolute change"]})
    assert reference_statement(values, REFS) == (
        "- **毛入园率**: the national reference (≥ 90 % by 2025) is a level (%); the 2 plan values (2 plans) are of "
        "the same kind and can be read against it.\n"
        "- **近视率年降幅**: the national reference (≥ 0.5 百分点 by 2023) is an absolute change (percentage points); "
        "1 of the 2 plan values (2 plans) is of another kind, relative change (%): a change of 1% of the rate itself "
        "is not a change of 1 percentage point, so it is not read against it.")


def test_reference_no_plan_states_one():
    values = pd.DataFrame({"indicator_id": ["x"], "doc_id": ["a"], "unit": ["%"], "measure": ["level"]})
    assert reference_statement(values, REFS) == (
        "No plan states a value for an indicator the list gives a national reference for.")


def test_who_coded_branches():
    assert who_coded("the extractor's author alone") == (
        "*Who annotated.* `data/annotations/README.md` records: “the extractor's author alone”. The coder is the "
        "rules' author (the extractor's rules were written by the same person): a check by the rules' author is not "
        "inter-coder reliability, and the scores are an upper bound.")
    assert who_coded("the extractor's author alone — a check by the author, not inter-coder reliability") == (
        "*Who annotated.* `data/annotations/README.md` records: “the extractor's author alone — a check by the "
        "author, not inter-coder reliability”. The coder is the rules' author (the extractor's rules were written "
        "by the same person), so the scores are an upper bound.")
    assert who_coded("coder A = the author; coder B = an independent coder", heldout=True) == (
        "*Who annotated.* `data/annotations/README.md` records: “coder A = the author; coder B = an independent "
        "coder”. The held-out split, if it was scored once with the rules frozen, is the fairer figure.")


def test_closing_with_coder_and_groups():
    table = per_doc([5, 3, 1], [10, 10, 0], ["full", "full", "outline-only"])
    coverage = pd.DataFrame({"zh": ["毛入园率"], "n_docs": [2]})
    scores = evaluation([("all", 60, 100, 100, 97, 0.97, 0.97, 1.0, 0.74, 0.92)])
    text = closing_statement(table, coverage, scores, coder="the extractor's author alone",
                             tests=group_tests([0.3], [False], [False]))
    assert ("- Extractor: precision 0.970 (97/100) and recall 0.970 (97/100) on the annotated sample (coded by the "
            "rules' author: a check, not inter-coder reliability).\n"
            "- **Groups of plans.** Target rates compared between registry groups: in these 2 plans, descriptive "
            "only.\n") in text


def test_reference_one_value_of_the_same_kind():
    values = pd.DataFrame({"indicator_id": ["g"], "doc_id": ["a"], "unit": ["%"], "measure": ["level"]})
    assert reference_statement(values, REFS) == (
        "- **毛入园率**: the national reference (≥ 90 % by 2025) is a level (%); the 1 plan value (1 plan) is of the "
        "same kind and can be read against it.")


# --------------------------------------------------------------------------- leave-one-plan-out


def loo(values: list[float], full: float, **attrs: float) -> pd.DataFrame:
    table = pd.DataFrame({"left_out": list("abcd")[:len(values)], "value": values,
                          "change": [v - full for v in values],
                          "same_sign": [v == v and (v > 0) == (full > 0) and v != 0 for v in values]})
    table.attrs.update(full=full, **attrs)
    return table


def test_rate_loo_no_plan_and_one_plan():
    assert rate_loo_statement(loo([], float("nan"))) == (
        "No plan has body text, so there is no plan-weighted mean of targets per 10 items to leave plans out of.")
    assert rate_loo_statement(loo([float("nan")], 6.0)) == (
        "Only 1 plan has body text: the plan-weighted mean of targets per 10 items is that plan's own, and leaving it "
        "out leaves no plan, so how much one plan moves it cannot be checked.")


def test_rate_loo_names_the_plan_that_moves_the_mean_most():
    # rates 2, 4, 12 → mean 6, median 4; without a: 8 (median 8), b: 7 (7), c: 3 (3)
    table = loo([8.0, 7.0, 3.0], 6.0, full_median=4.0).assign(median=[8.0, 7.0, 3.0])
    assert rate_loo_statement(table, "targets per 10,000 characters", LABELS) == (
        "Leaving out one plan at a time (3 plans with body text), the plan-weighted mean of targets per 10,000 "
        "characters ranges from 3.0 to 8.0 (all plans: 6.0) and the median from 3.0 to 8.0 (all plans: 4.0). The mean "
        "moves most without 丙区 2023: to 3.0, by -3.0 (50% of its value on all plans).")


def headline(mean_a: float = 2.0, mean_b: float = 0.5) -> pd.Series:
    return pd.Series({"grouping": "region", "group_a": "east", "group_b": "central", "n_plans_a": 2, "n_plans_b": 2,
                      "rate": "targets per 10 items", "mean_a": mean_a, "mean_b": mean_b, "diff": mean_a - mean_b})


def test_headline_loo_without_a_comparison():
    expected = ("No grouping has two groups of at least 3 plans with body text, so there is no group difference whose "
                "robustness to leaving out one plan could be checked.")
    assert headline_loo_statement(None, None, min_plans=3) == expected
    assert headline_loo_statement(headline(), loo([], 1.5), min_plans=3) == expected


def test_headline_loo_single_plan_groups():
    assert headline_loo_statement(headline(), loo([float("nan")] * 2, 1.5), min_plans=1).endswith(
        "a difference of 1.50. Each group has a single plan, so leaving one out leaves nothing to compare.")


def test_headline_loo_sign_holds():
    # east a 3.0, b 1.0 (mean 2.0); central c 0.0, d 1.0 (0.5): 1.5; without a: 1 − 0.5 = 0.5, b: 2.5, c: 1.0, d: 2.0
    assert headline_loo_statement(headline(), loo([0.5, 2.5, 1.0, 2.0], 1.5), LABELS).endswith(
        "Leaving out one plan at a time (4 plans), the difference ranges from 0.50 to 2.50 (all plans: 1.50); it "
        "changes most without 甲市 2024 (0.50). It keeps its sign whichever plan is left out.")


def test_headline_loo_sign_flips():
    # east a 1.0, b 0.0 (mean 0.5); central c 0.0, d 0.2 (0.1): 0.4; without a: 0 − 0.1 = -0.1 (flips),
    # b: 1.0 − 0.1 = 0.9, c: 0.5 − 0.2 = 0.3, d: 0.5 − 0 = 0.5; a and b tie at |0.5|: the first is named
    table = loo([-0.1, 0.9, 0.3, 0.5], 0.4)
    assert headline_loo_statement(headline(0.5, 0.1), table, LABELS) == (
        "The headline difference (the rule: the largest gap between two groups' plan means in targets per 10 items): "
        "region `east` (2 plans, mean 0.5) against `central` (2 plans, 0.1), a difference of 0.40. Leaving out one "
        "plan at a time (4 plans), the difference ranges from -0.10 to 0.90 (all plans: 0.40); it changes most "
        "without 甲市 2024 (-0.10). Its sign flips or it cannot be computed when 1 plan is left out (甲市 2024): the "
        "finding rests on that plan.")
