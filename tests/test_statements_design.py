"""Generated statements about the design and plan-level inference (wpanalysis.statements.design): one test
per branch, exact sentences."""

from __future__ import annotations

import pandas as pd

from wpanalysis.statements import design


def test_reach_every_branch():
    assert design.reach(4, 2) == ("With groups of 4 and 2 plans there are 15 ways to split them; the smallest "
                                  "attainable p is 0.067, so no test can reach p < 0.05.")
    assert design.reach(5, 2) == ("With groups of 5 and 2 plans there are 21 ways to split them; the smallest "
                                  "attainable p is 0.048, so a test can reach p < 0.05.")
    assert design.reach(9, 9, m=556) == (
        "With groups of 9 and 9 plans there are 48,620 ways to split them; the smallest attainable p is < 0.001, "
        "so a test can reach p < 0.05 even after Bonferroni over 556 tests.")


def test_frame_without_and_with_attributes_that_determine_each_other():
    frame = pd.DataFrame({"n_plans": [2, 2]})
    none = pd.DataFrame({"first": ["year"], "second": ["region"], "determines": [False], "n_plans": [4]})
    assert design.frame(frame, none) == ("The 4 plans fall into 2 combinations of the frame's attributes, 0 of them "
                                         "a single plan; no attribute determines another where both are recorded.")
    both = pd.DataFrame({"first": ["year", "region"], "second": ["region", "year"], "determines": [True, True],
                         "n_plans": [4, 4]})
    assert design.frame(frame, both) == (
        "The 4 plans fall into 2 combinations of the frame's attributes, 0 of them a single plan; where both are "
        "recorded, region and year determine each other: attributes that determine each other cannot be told "
        "apart.")


def _tests(**changes) -> pd.DataFrame:
    base = {"p": [0.01, 0.3], "min_p": [0.002, 0.002], "can_reach": [True, True], "significant_bh": [True, False],
            "significant_bonferroni": [True, False], "status": ["interval", "descriptive only"]}
    return pd.DataFrame({**base, **changes})


def test_family_reachable_and_empty():
    assert design.family(_tests(), "differences") == (
        "The declared family holds 2 differences, each tested at plan level: 2 of them could reach p < 0.05 given "
        "their group sizes; 1 is significant after Benjamini–Hochberg and 1 after Bonferroni over all 2. 1 of the "
        "differences has groups large enough for a plan-resampling interval.")
    assert design.family(_tests().iloc[:0], "differences") == (
        "No two groups have enough plans, so there are no differences to test.")


def test_influence_keeps_its_sign():
    loo = pd.DataFrame({"left_out": ["a", "b"], "value": [0.3, 0.1], "change": [0.1, -0.1], "same_sign": [True, True]})
    summary = {"full": 0.2, "low": 0.1, "high": 0.3, "n_flips": 0, "most_influential": "a", "value": 0.3}
    assert design.influence(loo, summary, "the gap") == (
        "Leaving out one plan at a time (2 plans), the gap ranges from 0.100 to 0.300 (all plans: 0.200); it "
        "changes most without a (0.300). It keeps its sign whichever plan is left out.")


def test_robustness_all_kept_and_nothing_run():
    table = pd.DataFrame({"switch": ["baseline", "hmm"], "setting": ["", "False"], "g2": [-24.2, -24.1],
                          "same_sign": [True, True]})
    assert design.robustness(table, "the G² of 教体") == (
        "Under 1 alternative setting (one switch at a time), the G² of 教体 (-24.2 at baseline) keeps its sign "
        "under all.")
    assert design.robustness(table.iloc[:1], "it") == "No alternative setting was run for it."


def _family_row(**changes) -> pd.DataFrame:
    row = {"grouping": ["admin_level"], "group_a": ["b"], "group_b": ["a"], "what": ["x"], "n_plans_a": [5],
           "n_plans_b": [4], "mean_a": [0.05], "mean_b": [0.2], "p": [0.01], "min_p": [0.008], "can_reach": [True],
           "p_bh": [0.03], "status": ["descriptive only"]}
    return pd.DataFrame({**row, **changes})


def test_headline_test_matches_the_pair_tested_the_other_way_round():
    top = pd.Series({"grouping": "admin_level", "group_a": "a", "group_b": "b", "domain": "x"})
    assert design.describe_headline_test(top, _family_row(), "domain", {"x": "体育"}) == (
        "At plan level (each plan weighs 1), 体育 averages 0.200 in `a` (4 plans) against 0.050 in `b` (5 plans): "
        "permutation p = 0.010, the smallest attainable with groups of 4 and 5 plans is 0.008; after "
        "Benjamini–Hochberg over the declared family (p = 0.030) the difference is significant in these 9 plans.")
    assert design.describe_headline_test(top, _family_row(what=["y"]), "domain") == (
        "The groups of the largest domain difference do not both have enough plans for a plan-level test: "
        "descriptive only.")
    assert design.describe_headline_test(None, _family_row(), "domain") == "No domain difference to test at plan level."


def test_weighting_nothing_to_weigh():
    empty = pd.DataFrame({"grouping": [], "group": [], "domain": [], "n_plans": [], "plan_weighted": [],
                          "item_weighted": [], "difference": []})
    assert design.describe_weighting(empty, "domain") == "No group has plans to weigh."


def test_plan_keyness_sentence():
    table = pd.DataFrame({"token": ["高校", "宁波"], "g2": [16.1, 19.1], "significant": [True, False],
                          "significant_bh": [True, True], "share_target": [1.0, 0.25], "share_reference": [0.5, 0.0],
                          "docs_target": [4, 1], "docs_reference": [1, 0], "exact": [True, True],
                          "significant_bh_plan": [False, False], "significant_bonferroni_plan": [False, False],
                          "p_plan": [0.467, 1.0]})
    assert design.plan_keyness(table, ("city", "county-level city"), (4, 2)) == (
        "The family is the 2 terms tested. **Pooled tokens (G²):** 1 significant after Bonferroni, 2 after "
        "Benjamini–Hochberg (at 0.05). Of these, 1 is used by every plan of the group it is key to; 宁波 occurs in "
        "one plan of that group only.\n\n**Plans as the unit** (exact permutation test of the difference between "
        "the plans' mean rates per 10,000 tokens, city against county-level city): With groups of 4 and 2 plans "
        "there are 15 ways to split them; the smallest attainable p is 0.067, so no test can reach p < 0.05. 0 terms "
        "are significant after Benjamini–Hochberg and 0 after Bonferroni; the smallest plan-level p is 0.467 (高校). "
        "In these 6 plans the key terms are a **description** of their wording, not evidence of a difference "
        "between kinds of bureaus.")
    assert design.plan_keyness(table.iloc[:0], ("a", "b"), (1, 1)) == (
        "No term is frequent enough to be tested, so there is nothing to compare at either level.")
