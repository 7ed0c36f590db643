"""Plan-level inference (wpanalysis.inference) and the quanteda keyness convention, against values
computed by hand."""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from wpanalysis import features, inference, labels

# --------------------------------------------------------------------------- permutation tests


def test_exact_permutation_4_vs_2_has_15_splits_and_min_p_one_fifteenth():
    # a = 1, 2, 3, 4 (mean 2.5), b = 10, 11 (mean 10.5): observed difference −8. Of the 15 ways to
    # choose the two b plans, only the observed one reaches |d| ≥ 8 (the next, b = {1, 2}, gives 5.5).
    result = inference.permutation_test([1, 2, 3, 4, 10, 11], [True] * 4 + [False] * 2)
    assert result.n_assignments == 15 and result.exact
    assert result.statistic == -8.0
    assert result.p == pytest.approx(1 / 15)
    assert result.min_p == pytest.approx(1 / 15)
    assert result.can_reach is False


def test_exact_permutation_with_ties_enumerated_by_hand():
    # values 0, 0, 0, 1 (a) and 1, 1 (b): splitting six values (three 0s, three 1s) into 4 + 2, the
    # b pair holds j ones: j = 2 → d = 1/4 − 1 = −0.75 (3 splits), j = 0 → d = 3/4 (3 splits),
    # j = 1 → d = 0 (9 splits). |d| ≥ 0.75 in 6 of 15 splits.
    result = inference.permutation_test([0, 0, 0, 1, 1, 1], [True, True, True, True, False, False])
    assert result.statistic == pytest.approx(-0.75)
    assert result.p == pytest.approx(6 / 15)


def test_permutation_matches_brute_force_on_random_values():
    rng = np.random.default_rng(3)
    values = rng.normal(size=7)
    in_a = np.array([True, True, True, False, False, False, False])
    observed = values[in_a].mean() - values[~in_a].mean()
    hits = 0
    for chosen in combinations(range(7), 3):
        mask = np.zeros(7, bool)
        mask[list(chosen)] = True
        hits += abs(values[mask].mean() - values[~mask].mean()) >= abs(observed) - 1e-12
    assert inference.permutation_test(values, in_a).p == pytest.approx(hits / 35)


def test_equal_groups_mirror_halves_the_reach():
    assert inference.min_attainable_p(2, 2) == pytest.approx(2 / 6)
    assert inference.min_attainable_p(4, 4) == pytest.approx(2 / 70)
    assert inference.can_reach(4, 4) and not inference.can_reach(3, 3)


def test_monte_carlo_when_splits_exceed_the_limit_is_seeded_and_bounded():
    values = np.r_[np.zeros(10), np.ones(10)]
    in_a = np.r_[np.ones(10, bool), np.zeros(10, bool)]
    first = inference.permutation_test(values, in_a, max_exact=100, n_permutations=999, seed=1)
    again = inference.permutation_test(values, in_a, max_exact=100, n_permutations=999, seed=1)
    assert not first.exact and first.n_permutations == 999
    assert first.p == again.p == pytest.approx(1 / 1000)  # no random split is as extreme
    assert first.min_p == pytest.approx(1 / 1000)


def test_min_group_size():
    # 2 / C(8, 4) = 0.029 ≤ 0.05 but 2 / C(6, 3) = 0.1; 1 / C(7, 2) = 0.048 but 1 / C(6, 2) = 0.067
    assert inference.min_group_size() == 4
    assert inference.min_group_size(other=2) == 5


def test_effect_size_interval_only_with_enough_plans():
    small = inference.effect_size([1, 2, 3, 4, 10, 11], [1, 1, 1, 1, 0, 0])
    assert small["status"] == "descriptive only" and math.isnan(small["ci_low"])
    big = inference.effect_size(list(range(5)) + [10, 11, 12, 13, 14], [1] * 5 + [0] * 5)
    assert big["status"] == "interval" and big["diff"] == -10.0
    assert big["ci_low"] <= -10.0 <= big["ci_high"]


# --------------------------------------------------------------------------- corrections


def test_benjamini_hochberg_by_hand():
    # m = 4, sorted p: 0.01 → 0.01·4/1 = 0.04; 0.03 → 0.03·4/2 = 0.06; 0.04 → 0.04·4/3 = 0.0533;
    # 0.20 → 0.20. Step-up (running minimum from the largest): 0.06 becomes 0.0533.
    adjusted = inference.adjust([0.01, 0.04, 0.03, 0.20], "bh")
    assert adjusted.tolist() == pytest.approx([0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.20])
    assert inference.adjust([0.01, 0.04, 0.03, 0.20], "bonferroni").tolist() == pytest.approx([0.04, 0.16, 0.12, 0.8])


def test_corrections_ignore_missing_p_and_flag_both():
    table = inference.corrections(pd.DataFrame({"p": [0.001, np.nan, 0.03]}))
    assert table["p_bonferroni"].tolist()[0] == pytest.approx(0.002)  # m = 2, not 3
    assert table["significant_bh"].tolist() == [True, False, True]
    assert table["significant_bonferroni"].tolist() == [True, False, False]


# --------------------------------------------------------------------------- keyness, quanteda convention


def _tables():
    target = pd.DataFrame({"token": ["甲"] * 10 + ["乙"] * 5 + ["其他"] * 985})
    reference = pd.DataFrame({"token": ["乙"] * 20 + ["其他"] * 1980})
    return target, reference


def test_quanteda_convention_skips_williams_for_zero_cells():
    # 甲: a = 10, b = 0, c = 990, d = 2000, N = 3000. Expected cells: 10·1000/3000, 10·2000/3000,
    # 2990·1000/3000, 2990·2000/3000. quanteda adds 1e-9 inside each log and, because b = 0, does
    # not divide by Williams' q.
    e = 1e-9
    g2_q = 2 * (10 * math.log(10 / (10 / 3) + e) + 990 * math.log(990 / (2990 / 3) + e)
                + 2000 * math.log(2000 / (2990 * 2 / 3) + e))
    q = 1 + (3000 / 10 + 3000 / 2990 - 1) * (3000 / 1000 + 3000 / 2000 - 1) / (6 * 3000)
    g2_plain = 2 * (10 * math.log(3) + 990 * math.log(990 / (2990 / 3)) + 2000 * math.log(2000 / (2990 * 2 / 3)))
    assert g2_q == pytest.approx(22.039216, abs=1e-6)
    assert g2_plain / q == pytest.approx(20.824438, abs=1e-6)
    target, reference = _tables()
    quanteda = features.keyness(target, reference, min_count=1, correction="quanteda").set_index("token")
    williams = features.keyness(target, reference, min_count=1).set_index("token")
    assert quanteda.loc["甲", "g2"] == pytest.approx(g2_q, rel=1e-12)
    assert williams.loc["甲", "g2"] == pytest.approx(g2_plain / q, rel=1e-12)
    assert quanteda.loc["甲", "p"] == pytest.approx(math.erfc(math.sqrt(g2_q / 2)), rel=1e-9)  # χ²(1) tail


def test_quanteda_convention_keeps_williams_without_zero_cells():
    # 乙: a = 5, b = 20, c = 995, d = 1980 — no zero cell, so quanteda divides by q as well.
    a, b, c, d = 5, 20, 995, 1980
    n = a + b + c + d
    cells = ((a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n), (c, (c + d) * (a + c) / n),
             (d, (c + d) * (b + d) / n))
    g2 = 2 * sum(o * math.log(o / ex + 1e-9) for o, ex in cells)
    q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    target, reference = _tables()
    row = features.keyness(target, reference, min_count=1, correction="quanteda").set_index("token").loc["乙"]
    assert row["g2"] == pytest.approx(-g2 / q, rel=1e-12)  # a < E: negative
    assert features.g2(a, b, c, d, "quanteda") == pytest.approx(g2 / q, rel=1e-12)


def test_keyness_rejects_unknown_correction():
    target, reference = _tables()
    with pytest.raises(ValueError, match="quanteda"):
        features.keyness(target, reference, correction="yates")


# --------------------------------------------------------------------------- plan-level tables


def test_plan_weighted_and_item_weighted_means_on_a_toy_corpus():
    # plan a: 1 item with topic share 1.0; plan b: 3 items with share 0. Plan-weighted mean
    # (1.0 + 0) / 2 = 0.5; item-weighted (pooled) 1 / 4 = 0.25.
    item_shares = pd.DataFrame({"doc_id": ["a", "b", "b", "b"], "item_seq": [1, 1, 2, 3], "topic": [0] * 4,
                                "share": [1.0, 0.0, 0.0, 0.0]})
    per_plan = inference.plan_shares(item_shares)
    assert per_plan[["doc_id", "share", "n_items"]].values.tolist() == [["a", 1.0, 1], ["b", 0.0, 3]]
    docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["east", "east"]})
    means = inference.weighted_means(per_plan, docs, ["region"], value="share", key="topic").iloc[0]
    assert (means["n_plans"], means["n_items"]) == (2, 4)
    assert means["plan_weighted"] == pytest.approx(0.5)
    assert means["item_weighted"] == pytest.approx(0.25)
    assert means["difference"] == pytest.approx(-0.25)


def test_plan_rates_give_zero_to_plans_without_the_term():
    tokens = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 2, "token": ["高校", "教育", "教育", "教育", "教育", "教育"]})
    rates = inference.plan_rate_matrix(tokens, ["高校", "教育"])
    assert rates.loc["a"].tolist() == [2500.0, 7500.0]
    assert rates.loc["b"].tolist() == [0.0, 10000.0]


def test_plan_keyness_reports_dispersion_and_attainable_p():
    # four target plans, two reference plans: 高校 is frequent in one target plan only.
    docs = pd.DataFrame({"doc_id": list("abcdef"), "admin_level": ["city"] * 4 + ["county"] * 2})
    rows = []
    for doc, n in zip("abcdef", [30, 0, 0, 0, 1, 1]):
        rows += [(doc, "高校")] * n + [(doc, "教育")] * 100
    tokens = pd.DataFrame(rows, columns=["doc_id", "token"])
    table = inference.plan_keyness(tokens, docs, "admin_level", "city", "county").set_index("token")
    row = table.loc["高校"]
    assert row["significant_bh"]  # pooled tokens: G² calls it key
    assert row["share_target"] == 0.25 and row["share_reference"] == 1.0
    assert row["min_p_plan"] == pytest.approx(1 / 15) and not row["can_reach"]
    assert not row["significant_bh_plan"]


def test_restated_fields_are_counted_once():
    items = pd.DataFrame({"doc_id": ["a", "a", "b"], "body": ["问题。目标。", "做法", "正文"],
                          "field_问题描述": ["问题。", None, None], "field_目标任务": ["目标。", "另一", None],
                          "field_责任处室": ["办公室", None, None]})
    table = inference.restated_fields(items)
    assert table.values.tolist() == [["a", 2, 8, 6, 0.75]]  # responsible units are not text fields


# --------------------------------------------------------------------------- influence and robustness


def test_leave_one_plan_out_on_a_toy_case():
    # group a: 1, 3 (mean 2); group b: 0, 1 (mean 0.5); difference 1.5. Without a: 3 − 0.5 = 2.5;
    # without b: 1 − 0.5 = 0.5; without c: 2 − 1 = 1; without d: 2 − 0 = 2.
    values = pd.Series({"a": 1.0, "b": 3.0, "c": 0.0, "d": 1.0})
    in_a = pd.Series({"a": True, "b": True, "c": False, "d": False})
    table = inference.loo_difference(values, in_a)
    assert table["value"].tolist() == [2.5, 0.5, 1.0, 2.0]
    assert table["change"].tolist() == [1.0, -1.0, -0.5, 0.5]
    summary = inference.loo_summary(table, 1.5)
    assert (summary["low"], summary["high"], summary["n_flips"]) == (0.5, 2.5, 0)


def test_leave_one_plan_out_empties_a_group_of_one():
    values = pd.Series({"a": 1.0, "b": 3.0, "c": 0.0})
    in_a = pd.Series({"a": True, "b": True, "c": False})
    table = inference.loo_difference(values, in_a)
    assert math.isnan(table["value"].iloc[2]) and not table["same_sign"].iloc[2]


def test_robustness_table_varies_one_switch_at_a_time():
    calls = []

    def finding(x=1, y=0):
        calls.append((x, y))
        return {"diff": x + y, "n": 3}

    table = inference.robustness_table(finding, {"x": [1, -5], "y": [0, 2]}, {"x": 1, "y": 0})
    assert calls == [(1, 0), (-5, 0), (1, 2)]
    assert table["same_sign"].tolist() == [True, False, True]
    assert table["ratio"].tolist() == [1.0, -5.0, 3.0]


# --------------------------------------------------------------------------- the sample frame


def test_sample_frame_and_overlaps():
    docs = pd.DataFrame({"doc_id": list("abcd"), "region": ["east", "east", "central", None],
                         "admin_level": ["city", "city", "county-level city", "county"],
                         "year": [2024, 2024, 2023, 2024], "completeness": ["full", "full", "full", "outline-only"],
                         "issuer": [None, None, "吉首市教育和体育局", None],
                         "title": ["市教育局2024年工作要点", "市教育局2024年工作要点", None, None]})
    frame = inference.sample_frame(docs)
    assert frame["n_plans"].tolist() == [2, 1, 1]
    assert frame.iloc[1][["region", "remit", "year"]].tolist() == ["central", "education and sports", "2023"]
    overlaps = inference.frame_overlaps(docs).set_index(["first", "second"])
    assert overlaps.loc[("region", "year"), "determines"]  # east → 2024, central → 2023
    assert not overlaps.loc[("year", "admin_level"), "determines"]  # 2024 holds city and county


def test_minimum_group_sizes_table():
    table = inference.minimum_group_sizes(family=10).set_index("analysis")["min_plans"]
    assert table.tolist() == [2, 4, 5, 6, 19, 5]


def test_minimum_group_sizes_in_chinese():
    """language="zh" writes the analysis and rule words in Chinese; numbers and formulas are the same."""
    en = inference.minimum_group_sizes(family=10)
    zh = inference.minimum_group_sizes(family=10, language="zh")
    assert zh["min_plans"].tolist() == en["min_plans"].tolist()
    assert zh["analysis"].tolist() == [
        "参与比较的组", "置换检验能达到 p < α（两组等大）", "置换检验能达到 p < α（对 2 份要点的组）",
        "… 经 10 项检验的 Bonferroni 校正后（两组等大）", "… 经 10 项检验的 Bonferroni 校正后（对 2 份要点的组）",
        "按要点重抽的自助法区间"]
    assert zh["rule"].tolist() == [
        "笔记本的 `min_plans` 参数", "2 / C(2n, n) ≤ 0.05", "1 / C(n + 2, 2) ≤ 0.05", "2 / C(2n, n) ≤ 0.05 / 10",
        "1 / C(n + 2, 2) ≤ 0.05 / 10", "C(2n − 1, n) 种不同的重抽样本：n = 5 时为 126 种"]
    assert en["analysis"].tolist()[3] == "… after Bonferroni over 10 tests (equal groups)"
    assert en["rule"].tolist()[0] == "the notebooks' `min_plans` parameter"
    assert inference.minimum_group_sizes(language="zh")["analysis"].tolist() == [
        "参与比较的组", "置换检验能达到 p < α（两组等大）", "置换检验能达到 p < α（对 2 份要点的组）",
        "按要点重抽的自助法区间"]
    for cell in [*zh["analysis"], *zh["rule"]]:
        assert not labels.foreign_words(cell, "zh"), cell
    with pytest.raises(ValueError, match="language"):
        inference.minimum_group_sizes(language="fr")


def test_loo_term_equals_term_stats_on_the_kept_plans():
    # three target plans, two reference plans; 高校 used 2, 1, 0 times and 1, 0 times
    members = pd.DataFrame({"group": ["target"] * 3 + ["reference"] * 2, "doc_id": list("abcde")})
    tokens = pd.DataFrame({"doc_id": list("aaaabbbcccdddee"),
                           "token": ["高校", "高校", "教育", "教育", "高校", "教育", "教育", "教育", "教育", "教育",
                                     "高校", "教育", "教育", "教育", "教育"]})
    loo = inference.loo_term(tokens, members, "高校")
    assert loo["left_out"].tolist() == list("abcde")
    for left, value, diff in zip(loo["left_out"], loo["value"], loo["diff_plan"]):
        kept = members[members["doc_id"] != left]
        stats = inference.term_stats(tokens[tokens["doc_id"] != left], kept, "高校")
        assert value == pytest.approx(stats["g2"]) and diff == pytest.approx(stats["diff_plan"])
    # by hand (per 10,000 tokens): a 5000, b 3333.3, c 0 | d 3333.3, e 0. Without a: 1666.7 - 1666.7 = 0;
    # without d: (5000 + 3333.3 + 0) / 3 - 0 = 2777.8
    assert loo.loc[0, "diff_plan"] == pytest.approx(0.0, abs=1e-9)
    assert loo.loc[3, "diff_plan"] == pytest.approx(25_000 / 9)
    assert loo.attrs["full"] == pytest.approx(inference.term_stats(tokens, members, "高校")["g2"])


def test_plan_rate_matrix_makes_only_the_terms_asked_for_dense():
    t = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "token": ["双减", "教师", "教师", "教师"]})
    rates = inference.plan_rate_matrix(t, ["教师", "没有的词"])
    assert rates.columns.tolist() == ["教师", "没有的词"]
    assert rates["教师"].tolist() == pytest.approx([10_000 * 2 / 3, 10_000.0])
    assert rates["没有的词"].tolist() == [0.0, 0.0]
