"""Targets, plans: per-plan rates, plan-weighted beside pooled, the long table the plan-level tests read, and
leave-one-plan-out of the headline figure and of the headline group difference."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from wpanalysis import inference
from wpanalysis.targets.plans import headline_difference, loo_difference, loo_rate, plan_summary, rates_long
from wpanalysis.targets.tables import targets_per_document


def per_doc() -> pd.DataFrame:
    # a: 6 targets in 10 items / 3,000 characters; b: 2 in 20 / 1,000; c: outline-only (no rate)
    return pd.DataFrame({"doc_id": ["a", "b", "c"], "completeness": ["full", "partial", "outline-only"],
                         "n_targets": [6, 2, 1], "n_items_with_body": [10, 20, 0],
                         "n_chars_with_body": [3000, 1000, 0], "targets_per_10_items": [6.0, 1.0, None],
                         "targets_per_10k_chars": [20.0, 20.0, None], "n_level": [3, 0, 1],
                         "n_relative_change": [1, 0, 0], "n_absolute_change": [0, 0, 0], "n_amount": [2, 2, 0]})


def test_plan_summary_by_hand():
    out = plan_summary(per_doc()).set_index("figure")
    per10 = out.loc["targets per 10 items"]
    # plan-weighted (6.0 + 1.0) / 2 = 3.5; pooled 10 × 8 / 30 = 2.667
    assert per10["n_plans"] == 2 and per10["plan_weighted"] == 3.5 and per10["pooled"] == pytest.approx(8 / 3)
    assert per10["difference"] == pytest.approx(8 / 3 - 3.5)
    per10k = out.loc["targets per 10,000 characters"]
    assert (per10k["plan_weighted"], per10k["pooled"]) == (20.0, 20.0)  # 10,000 × 8 / 4,000
    level = out.loc["share of targets: level"]
    # a: 3/6 = 0.5, b: 0/2 = 0 → 0.25; pooled 3/8
    assert (level["plan_weighted"], level["pooled"]) == (0.25, 0.375)
    amount = out.loc["share of targets: amount"]
    assert (amount["plan_weighted"], amount["pooled"]) == (pytest.approx((2 / 6 + 1) / 2), 0.5)
    assert list(out.index[:2]) == ["targets per 10 items", "targets per 10,000 characters"]


def test_plan_summary_without_plans_with_body_text():
    table = per_doc().iloc[[2]]
    out = plan_summary(table)
    assert out["n_plans"].tolist() == [0] * len(out) and out["plan_weighted"].isna().all()


def test_rates_long_keeps_plans_with_body_text_in_registry_order():
    out = rates_long(per_doc())
    assert out[["doc_id", "rate", "value"]].values.tolist() == [
        ["a", "targets per 10 items", 6.0], ["a", "targets per 10,000 characters", 20.0],
        ["b", "targets per 10 items", 1.0], ["b", "targets per 10,000 characters", 20.0]]


def test_group_tests_on_the_rates_by_hand():
    # four plans, two groups of two: 2 / C(4, 2) = 1/3 is the smallest p, nothing can reach 0.05
    table = pd.DataFrame({"doc_id": list("wxyz"), "completeness": ["full"] * 4, "n_targets": [8, 6, 2, 1],
                          "n_items_with_body": [10] * 4, "n_chars_with_body": [1000] * 4,
                          "targets_per_10_items": [8.0, 6.0, 2.0, 1.0],
                          "targets_per_10k_chars": [80.0, 60.0, 20.0, 10.0]})
    docs = pd.DataFrame({"doc_id": list("wxyz"), "admin_level": ["city", "city", "county", "county"]})
    tests = inference.group_tests(rates_long(table), docs, ["admin_level"], value="value", key="rate")
    row = tests.set_index("rate").loc["targets per 10 items"]
    assert (row["mean_a"], row["mean_b"], row["diff"]) == (7.0, 1.5, 5.5)
    assert row["p"] == pytest.approx(1 / 3) and row["min_p"] == pytest.approx(1 / 3) and not row["can_reach"]
    assert row["status"] == "descriptive only" and row["p_bonferroni"] == pytest.approx(2 / 3)


def test_targets_per_document_rates_and_measure_counts_on_the_seeds(seed_targets):
    documents, items, found = seed_targets
    table = targets_per_document(found, items, documents).set_index("doc_id")
    ningbo = table.loc["ningbo_2024"]
    assert (ningbo["n_targets"], ningbo["n_items_with_body"], ningbo["n_relative_change"]) == (118, 31, 3)
    assert ningbo["targets_per_10_items"] == pytest.approx(1180 / 31)
    assert ningbo["targets_per_10k_chars"] == pytest.approx(10_000 * 118 / ningbo["n_chars_with_body"])
    assert pd.isna(table.loc["county_a_2024", "targets_per_10k_chars"])
    kinds = ["n_level", "n_relative_change", "n_absolute_change", "n_amount"]
    assert (table[kinds].sum(axis=1) == table["n_targets"]).all()


# --------------------------------------------------------------------------- leave-one-plan-out


def family() -> pd.DataFrame:
    return pd.DataFrame({"grouping": ["year", "region", "region", "year"], "group_a": ["2024", "east", "east", "2023"],
                         "group_b": ["2025", "west", "west", "2025"],
                         "rate": ["targets per 10 items", "targets per 10,000 characters", "targets per 10 items",
                                  "targets per 10 items"], "diff": [-2.0, 40.0, 3.0, -3.0]})


def test_headline_difference_is_the_largest_gap_on_the_headline_rate_ties_first():
    top = headline_difference(family())  # 40.0 is per 10,000 characters; 3.0 and -3.0 tie: the first wins
    assert (top["grouping"], top["group_a"], top["diff"]) == ("region", "east", 3.0)
    other = headline_difference(family(), rate="targets per 10,000 characters")
    assert other["diff"] == 40.0


def test_headline_difference_without_a_comparison():
    assert headline_difference(pd.DataFrame()) is None and headline_difference(None) is None
    assert headline_difference(family().iloc[[1]]) is None  # no test of the headline rate


def groups_corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    # a, b, c east; d, e west; f central (not in the pair); g west but no rate (outline-only: not in rates)
    docs = pd.DataFrame({"doc_id": list("abcdefg"), "region": ["east"] * 3 + ["west", "west", "central", "west"]})
    values = {"a": 6.0, "b": 3.0, "c": 0.0, "d": 1.0, "e": 2.0, "f": 9.0}
    rates = pd.DataFrame({"doc_id": list(values), "rate": "targets per 10 items", "value": list(values.values())})
    return docs, rates


def test_loo_difference_by_hand():
    docs, rates = groups_corpus()
    head = pd.Series({"grouping": "region", "group_a": "east", "group_b": "west", "rate": "targets per 10 items"})
    out = loo_difference(rates, docs, head)
    # all: mean east (6 + 3 + 0) / 3 = 3, west (1 + 2) / 2 = 1.5 → 1.5
    # without a: 1.5 − 1.5 = 0 (sign lost); b: 3 − 1.5 = 1.5; c: 4.5 − 1.5 = 3; d: 3 − 2 = 1; e: 3 − 1 = 2
    assert out["left_out"].tolist() == list("abcde") and out.attrs["full"] == 1.5
    assert out["value"].tolist() == [0.0, 1.5, 3.0, 1.0, 2.0]
    assert out["change"].tolist() == [-1.5, 0.0, 1.5, -0.5, 0.5]
    assert out["same_sign"].tolist() == [False, True, True, True, True]
    assert inference.loo_summary(out)["n_flips"] == 1


def test_loo_difference_matches_inference_loo_groups_and_gives_nan_for_a_single_plan():
    docs, rates = groups_corpus()
    head = pd.Series({"grouping": "region", "group_a": "central", "group_b": "east", "rate": "targets per 10 items"})
    ours = loo_difference(rates, docs, head)
    theirs = inference.loo_groups(rates, docs, "region", "central", "east", "targets per 10 items", value="value",
                                  key="rate")
    assert ours["left_out"].tolist() == theirs["left_out"].tolist() == list("abcf")
    pd.testing.assert_frame_equal(ours, theirs, check_exact=False, check_dtype=False)
    assert math.isnan(ours.set_index("left_out").loc["f", "value"])  # central's only plan: nothing left to compare


def test_loo_rate_by_hand():
    table = per_doc()  # a 6.0, b 1.0 per 10 items; c outline-only, no rate
    out = loo_rate(table)
    assert out["left_out"].tolist() == ["a", "b"] and out["value"].tolist() == [1.0, 6.0]
    assert out["median"].tolist() == [1.0, 6.0] and (out.attrs["full"], out.attrs["full_median"]) == (3.5, 3.5)
    assert out["change"].tolist() == [-2.5, 2.5]
    chars = loo_rate(table, "targets per 10,000 characters")
    assert chars["value"].tolist() == [20.0, 20.0] and chars["change"].tolist() == [0.0, 0.0]


def test_loo_rate_with_one_plan_or_none():
    one = loo_rate(per_doc().iloc[[0, 2]])
    assert one["left_out"].tolist() == ["a"] and one["value"].isna().all() and one.attrs["full"] == 6.0
    none = loo_rate(per_doc().iloc[[2]])
    assert none.empty and math.isnan(none.attrs["full"])


def test_leave_one_plan_out_on_the_seeds(seed_targets):
    documents, items, found = seed_targets
    table = targets_per_document(found, items, documents)
    rate = loo_rate(table).set_index("left_out")
    # the six plans with body text: 160/28, 940/53, 140/34, 320/35, 1180/31, 120/30 targets per 10 items
    others = [160 / 28, 940 / 53, 140 / 34, 320 / 35, 120 / 30]
    assert rate.attrs["full"] == pytest.approx((sum(others) + 1180 / 31) / 6)
    assert rate.loc["ningbo_2024", "value"] == pytest.approx(sum(others) / 5)  # ≈ 8.14, the largest move
    assert rate.loc["ningbo_2024", "median"] == pytest.approx(160 / 28)  # 4.0, 4.1, 5.7, 9.1, 17.7
    assert rate.attrs["full_median"] == pytest.approx((160 / 28 + 320 / 35) / 2)
    rates = rates_long(table)
    tests = inference.group_tests(rates, documents, ["region", "admin_level", "year", "completeness"],
                                  value="value", key="rate")
    head = headline_difference(tests)
    # 2024 (hebei_city, shenzhen, ningbo; unknown_city is outline-only) against 2025 (rongcheng, heyuan)
    assert (head["grouping"], head["group_a"], head["group_b"]) == ("year", "2024", "2025")
    mean_2025 = (160 / 28 + 120 / 30) / 2
    assert head["diff"] == pytest.approx((940 / 53 + 140 / 34 + 1180 / 31) / 3 - mean_2025)
    loo = loo_difference(rates, documents, head).set_index("left_out")
    assert loo.loc["ningbo_2024", "value"] == pytest.approx((940 / 53 + 140 / 34) / 2 - mean_2025)  # ≈ 6.07
    assert loo.loc["rongcheng_2025", "value"] == pytest.approx(head["mean_a"] - 120 / 30)
    assert loo["same_sign"].all()
    theirs = inference.loo_groups(rates, documents, "year", "2024", "2025", head["rate"], value="value", key="rate")
    pd.testing.assert_frame_equal(loo.reset_index(), theirs, check_exact=False)
