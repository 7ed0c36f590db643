"""Generated statements of notebook 02 (wpanalysis.statements.keywords): one test per branch, each
asserting the exact sentence a small hand-made table gives."""

from __future__ import annotations

import pandas as pd

from wpanalysis.statements import keywords as said


def _counts(rows: list[tuple[str, str, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "label", "completeness", "n_tokens", "n_content"])


# --------------------------------------------------------------------------- which plans


def test_plans_with_text_no_plans():
    assert said.plans_with_text(_counts([])) == "The corpus has no plans: there is nothing to count."


def test_plans_with_text_none_has_body_text():
    counts = _counts([("a", "a", "outline-only", 10, 8), ("b", "b", "outline-only", 5, 4)])
    assert said.plans_with_text(counts) == (
        "**None of the 2 plans has body text**: the frequency sections below have nothing to count and say so; "
        "only lexicon discovery (section 9) reads the item titles.")


def test_plans_with_text_one_plan():
    assert said.plans_with_text(_counts([("a", "宁波 2024", "full", 100, 60)])) == (
        "**The plan has body text** (full) and is counted below: 100 tokens, 60 of them content tokens "
        "(in no stopword layer).")


def test_plans_with_text_both_partial():
    counts = _counts([("a", "荣成 2025", "partial", 100, 60), ("b", "荣成 2024", "partial", 50, 30)])
    assert said.plans_with_text(counts) == (
        "**Both plans have body text** (all partial) and are counted below: 150 tokens, 90 of them content "
        "tokens (in no stopword layer). The 2 partial plans (荣成 2025 and 荣成 2024) count only the items that "
        "survive, not the whole plans.")


def test_plans_with_text_mixed_with_outline_and_unrecorded():
    counts = _counts([("a", "宁波 2024", "full", 5_000, 3_600), ("b", "荣成 2025", "partial", 2_400, 1_500),
                      ("c", "某县 2024", "outline-only", 98, 91), ("d", "d", "", 12, 10)])
    assert said.plans_with_text(counts) == (
        "**2 of the 4 plans have body text** (1 full, 1 partial) and are counted below: 7,400 tokens, 5,100 of "
        "them content tokens (in no stopword layer). The partial plan (荣成 2025) counts only the items that "
        "survive, not the whole plan. The outline-only plan (某县 2024) contributes item titles only, 98 tokens; "
        "it is left out of the frequency comparisons and takes part in lexicon discovery only. 1 plan with no "
        "completeness recorded is treated as without body text.")


def test_plans_shown_every_branch():
    assert said.plans_shown(0, 0) == "There are no plans with body text to show."
    assert said.plans_shown(1, 1) == "The one plan with body text is shown."
    assert said.plans_shown(2, 2) == "Both plans with body text are shown, in registry order."
    assert said.plans_shown(9, 9, "plans", "tokens") == "All 9 plans are shown, in registry order."
    assert said.plans_shown(12, 13, "plans", "tokens") == (
        "The 12 largest of the 13 plans (by tokens) are shown, in registry order; 1 is not shown.")


def test_clouds_shown_every_branch():
    assert said.clouds_shown(0, 0) == "There are no plans with body text to draw."
    assert said.clouds_shown(1, 1) == "One cloud per plan with body text (1 plan), in registry order."
    assert said.clouds_shown(11, 180) == (
        "One cloud for each of the 11 largest of the 180 plans with body text (by content tokens), in registry "
        "order, and one for the other 169 plans pooled.")


# --------------------------------------------------------------------------- frequencies


def _with_without(kept: list[tuple[str, int, bool]], removed: list[tuple[str, int, bool]],
                  kept_total: int, removed_total: int) -> pd.DataFrame:
    return pd.DataFrame({
        "rank": range(1, len(kept) + 1),
        "kept_token": [t for t, _, _ in kept], "kept_n": [n for _, n, _ in kept],
        "kept_per_10k": [n / kept_total * 10_000 for _, n, _ in kept],
        "kept_in_layer": [b for _, _, b in kept],
        "removed_token": [t for t, _, _ in removed], "removed_n": [n for _, n, _ in removed],
        "removed_per_10k": [n / removed_total * 10_000 for _, n, _ in removed],
        "removed_new": [b for _, _, b in removed]})


def test_boilerplate_change_nothing_to_count():
    assert said.boilerplate_change(_with_without([], [], 1, 1)) == "There are no tokens to count."


def test_boilerplate_change_no_layer_term_in_the_list():
    table = _with_without([("双减", 10, False), ("教师", 5, False)], [("双减", 10, False), ("教师", 5, False)],
                          1_000, 800)
    assert said.boilerplate_change(table) == (
        "None of the top 2 terms belongs to the `policy_boilerplate` layer, so removing it leaves the list "
        "unchanged; it only raises every rate by 25.0% (800 tokens instead of 1,000).")


def test_boilerplate_change_stable_list():
    kept = [("工作", 50, True)] + [(f"t{i:02d}", 40 - i, False) for i in range(9)]
    removed = [(f"t{i:02d}", 40 - i, False) for i in range(9)] + [("校园", 20, True)]
    assert said.boilerplate_change(_with_without(kept, removed, 10_000, 9_500)) == (
        "Removing the `policy_boilerplate` layer takes 1 of the top 10 terms out of the list: 工作 (rank 1, 50.0 "
        "per 10,000 tokens); 校园 enters. Every remaining rate rises by 5.3%, because 9,500 tokens remain instead "
        "of 10,000. With 10% of the list changed, the list is stable under this choice (stable: at most 10% of "
        "the terms change).")


def test_boilerplate_change_list_not_stable():
    kept = [("工作", 50, True), ("持续", 45, True), ("双减", 40, False)]
    removed = [("双减", 40, False), ("教师", 30, True), ("作业", 20, True)]
    assert said.boilerplate_change(_with_without(kept, removed, 1_000, 905)) == (
        "Removing the `policy_boilerplate` layer takes 2 of the top 3 terms out of the list: 工作 (rank 1, 500.0 "
        "per 10,000 tokens) and 持续 (rank 2, 450.0 per 10,000 tokens); 教师 and 作业 enter. Every remaining rate "
        "rises by 10.5%, because 905 tokens remain instead of 1,000. With 67% of the list changed, the list is "
        "not stable under this choice (stable: at most 10% of the terms change).")


def test_top_terms_empty():
    assert said.top_terms(pd.DataFrame({"doc_id": [], "token": []})) == "There are no content tokens to count."


def test_top_terms_one_plan_has_no_spread_clause():
    t = pd.DataFrame({"doc_id": ["a"] * 4, "token": ["双减", "双减", "教师", "作业"]})
    assert said.top_terms(t, n=2) == (
        "Across the 1 plan with body text the most frequent content terms are 双减 (5000.0 per 10,000 content "
        "tokens) and 作业 (2500.0); the top 2 hold 75.0% of the 4 content tokens.")


def test_top_terms_none_in_every_plan():
    t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["双减", "双减", "教师"]})
    assert said.top_terms(t, n=1) == (
        "Across the 2 plans with body text the most frequent content terms are 双减 (6666.7 per 10,000 content "
        "tokens); the top 1 hold 66.7% of the 3 content tokens. None of the 1 occurs in every plan.")


# --------------------------------------------------------------------------- TF-IDF


def test_tfidf_raw_needs_two_plans():
    t = pd.DataFrame({"doc_id": ["a"], "token": ["双减"]})
    assert said.tfidf_raw(pd.DataFrame({"doc_id": ["a"], "rank": [1], "token": ["双减"]}), t) == (
        "TF-IDF compares plans; with one plan with body text every idf is the same and the ranking is the "
        "frequency list, so this step has nothing to add.")


def test_tfidf_raw_first_terms_found_everywhere():
    t = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "token": ["教育", "双减", "教育", "作业"]})
    raw = pd.DataFrame({"doc_id": ["a", "b"], "rank": [1, 1], "token": ["教育", "教育"]})
    assert said.tfidf_raw(raw, t) == (
        "In 2 of the 2 plans the first raw TF-IDF term occurs in every plan (教育): its idf is at the floor of 1, "
        "so its count decides and the raw ranking repeats the frequency list.")


def test_tfidf_raw_idf_already_separates():
    t = pd.DataFrame({"doc_id": ["a", "a", "b"], "token": ["教育", "双减", "教育"]})
    raw = pd.DataFrame({"doc_id": ["a"], "rank": [1], "token": ["双减"]})
    assert said.tfidf_raw(raw, t) == (
        "In none of the 2 plans is the first raw TF-IDF term one that occurs in every plan: idf already separates "
        "the plans.")


DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "province": ["浙江省", "广东省", "湖南省"],
                     "city": ["宁波市", "河源市", None], "county": [None, None, "吉首市"]})


def test_tfidf_distinctive_needs_two_plans():
    t = pd.DataFrame({"doc_id": ["a"], "token": ["双减"]})
    assert said.tfidf_distinctive(t, t, pd.DataFrame(columns=["doc_id", "rank", "token"]), DOCS) == (
        "With fewer than two plans with body text there is nothing to set a plan apart from.")


def test_tfidf_distinctive_nothing_dropped_no_place_name():
    t = pd.DataFrame({"doc_id": ["a", "b", "c"], "token": ["双减", "作业", "教师"]})
    d = pd.DataFrame({"doc_id": ["a", "b", "c"], "rank": [1, 1, 1], "token": ["双减", "作业", "教师"]})
    assert said.tfidf_distinctive(t, t, d, DOCS) == (
        "No term occurs in every plan, so none is dropped before ranking. No registry place name is among the top "
        "1 terms of any plan.")


def test_tfidf_distinctive_place_names():
    t = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c", "c"],
                      "token": ["教育", "宁波市", "教育", "河源", "教育", "双减"]})
    rest = t[t["token"] != "教育"]
    d = pd.DataFrame({"doc_id": ["a", "b", "c"], "rank": [1, 1, 1], "token": ["宁波市", "河源", "双减"]})
    assert said.tfidf_distinctive(t, rest, d, DOCS) == (
        "Terms found in all 3 plans (1 of 4 terms) are dropped before ranking. A registry place name is among the "
        "top 1 terms of 2 of the 3 plans (宁波市 and 河源): place names mark a plan as its own; "
        "`compare.drop_place_names` removes them.")


# --------------------------------------------------------------------------- keyness


def _groups(rows: list[tuple[str, int, bool, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["group", "n_docs", "usable", "reason"])


def test_contrast_choice_no_plans():
    assert said.contrast_choice(_groups([]), None, "region", 2) == (
        "There are no plans with body text, so there are no groups of `region` to compare.")


def test_contrast_choice_nothing_to_compare():
    groups = _groups([("east", 5, True, ""), ("west", 1, False, "fewer than 2 plans")])
    assert said.contrast_choice(groups, None, "region", 2) == (
        "No two groups of `region` have at least 2 plans with body text (east 5, west 1), so the keyness test "
        "between groups is skipped.")


def test_contrast_choice_two_groups_and_the_rest_left_out():
    groups = _groups([("city", 4, True, ""), ("county-level city", 2, True, ""),
                      ("district", 2, False, "not among the 2 largest groups"),
                      ("unknown", 1, False, "value not recorded")])
    assert said.contrast_choice(groups, ("city", "county-level city"), "admin_level", 2) == (
        "Plans with body text by `admin_level`: city 4, county-level city 2, district 2, unknown 1. The two "
        "largest groups with at least 2 plans are compared: **city** (4 plans, the target) against "
        "**county-level city** (2 plans, the reference). Left out: district (2 plans: not among the 2 largest "
        "groups); unknown (1 plan: value not recorded).")


MEMBERS = pd.DataFrame({"group": ["target", "target", "reference"], "doc_id": ["a", "b", "c"],
                        "label": ["宁波 2024", "深圳 2024", "吉首 2023"], "n_tokens": [3_000, 2_000, 1_500]})
UNIT = ("The unit of this test is the token: the tokens of each group are pooled, so a plan that repeats a word "
        "weighs as much as several plans that use it once. The result describes the wording of these 3 plans, "
        "not a difference between city and county-level city bureaus; the plan-level test below asks that "
        "question.")
WHO = ("**city** (2 plans, 5,000 content tokens: 宁波 2024 and 深圳 2024) against **county-level city** (1 plan, "
       "1,500 content tokens: 吉首 2023).")


def _key(rows: list[tuple[str, float, float, bool, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["token", "g2", "log_ratio", "significant", "docs_target", "docs_reference"]
                        ).assign(p_bonferroni=lambda t: [0.01 if s else 0.4 for s in t["significant"]])


def test_keyness_result_skipped():
    assert said.keyness_result(None, None, None) == (
        "The keyness test between groups is skipped (no two groups to compare, see above).")


def test_keyness_result_nothing_tested():
    assert said.keyness_result(_key([]), MEMBERS, ("city", "county-level city")) == (
        WHO + " No term occurs 5 times in the two groups together, so nothing is tested.")


def test_keyness_result_none_significant():
    key = _key([("双减", 6.1, 1.2, False, 2, 1), ("教师", -3.0, -0.8, False, 1, 1)])
    assert said.keyness_result(key, MEMBERS, ("city", "county-level city")) == (
        WHO + " 2 terms occur at least 5 times in the two groups together and are tested; none is significant "
        "after Bonferroni correction (p × 2 < 0.05); the strongest, 双减, has G² = 6.1 (corrected p = 0.4).\n\n"
        + UNIT)


def test_keyness_result_significant_terms_and_single_plan_words():
    key = _key([("高校", 20.5, 2.64, True, 2, 1), ("宁波", 19.1, 4.54, True, 1, 0), ("双减", 1.0, 0.1, False, 2, 1),
                ("教体", -24.2, -4.96, True, 1, 1)])
    assert said.keyness_result(key, MEMBERS, ("city", "county-level city"), n=1) == (
        WHO + " 4 terms occur at least 5 times in the two groups together and are tested; **3 are significant** "
        "after Bonferroni correction (p × 4 < 0.05): 2 more frequent in the city plans, 1 in the county-level "
        "city plans.\n\n"
        "- more frequent in city: 高校 (G² = 20.5, log ratio +2.64; in 2 of 2 city and 1 of 1 county-level city "
        "plans)\n"
        "- more frequent in county-level city: 教体 (G² = 24.2, log ratio -4.96; in 1 of 2 city and 1 of 1 "
        "county-level city plans)\n\n"
        "宁波 is key to a group of several plans but occurs in only one of them: that plan's word, not the "
        "group's.\n\n" + UNIT)


def test_plan_pair_every_branch():
    docs = DOCS
    assert said.plan_pair(None, None, None, docs) == "There is no pair of groups, so no pair of single plans either."
    head = ("The same test between two single plans, the largest of each group (by content tokens): 宁波 2024 "
            "(city) against 吉首 2023 (county-level city).")
    names, groups = ("宁波 2024", "吉首 2023"), ("city", "county-level city")
    tail = (" With one plan a side this compares two texts, not two kinds of bureaus: no test with the plan as its "
            "unit is possible.")
    empty = pd.DataFrame(columns=["token", "significant"])
    assert said.plan_pair(empty, names, groups, docs) == head + (
        " No term occurs often enough in the two plans to be tested." + tail)
    none = pd.DataFrame({"token": ["双减"], "significant": [False]})
    assert said.plan_pair(none, names, groups, docs) == head + (
        " 1 term is tested; none is significant after Bonferroni correction." + tail)
    no_place = pd.DataFrame({"token": ["双减", "教师"], "significant": [True, True]})
    assert said.plan_pair(no_place, names, groups, docs) == head + (
        " 2 terms are tested; 2 are significant after Bonferroni correction, none of them a registry place name."
        + tail)
    places = pd.DataFrame({"token": ["宁波", "吉首市", "教师"], "significant": [True, True, True]})
    assert said.plan_pair(places, names, groups, docs) == head + (
        " 3 terms are tested; 3 are significant after Bonferroni correction, 2 of them registry place names "
        "(宁波 and 吉首市)." + tail)


# --------------------------------------------------------------------------- network and discovery


PAIRS = pd.DataFrame({"term_a": ["体系", "改革", "开展", "学校"], "term_b": ["健全", "深化", "活动", "教育"],
                      "n_units": [18, 20, 48, 3], "npmi": [0.394, 0.392, 0.332, 0.05]})


def test_network_no_pairs():
    assert said.network(PAIRS.iloc[:0], PAIRS.iloc[:0], 40, 0.2, 5) == "There are no pairs of terms to link."


def test_network_empty():
    assert said.network(PAIRS, PAIRS.iloc[:0], 12, 0.2, 5) == (
        "No pair of the 12 most frequent terms has NPMI ≥ 0.2 in at least 5 items: the network is empty.")


def test_network_strongest_pairs_and_the_node_cap():
    strong = PAIRS.iloc[:3]
    assert said.network(PAIRS, strong, 40, 0.2, 5, max_nodes=4) == (
        "Of the 40 most frequent content terms, 6 are linked by 3 pairs with NPMI ≥ 0.2 in at least 5 items: "
        "体系–健全 (0.39), 改革–深化 (0.39) and 开展–活动 (0.33). The figure draws the 4 terms with most links.")


def test_discovery_every_branch():
    assert said.discovery(pd.DataFrame({"term": []}), 0, 0) == "There is no item text to read, so no candidates."
    assert said.discovery(pd.DataFrame({"term": []}), 3, 796) == (
        "No character sequence of the item texts of the 3 plans (796 characters) passes the thresholds; lower "
        "`min_count` to see weaker candidates.")
    assert said.discovery(pd.DataFrame({"term": ["积极培育"]}), 3, 796) == (
        "From the item texts of all 3 plans (796 characters), one candidate passes the thresholds: 积极培育.")
    assert said.discovery(pd.DataFrame({"term": ["全覆盖", "师德"]}), 1, 4_000) == (
        "From the item texts of the one plan (4,000 characters), the 2 best-scoring candidates are listed below, "
        "全覆盖 first.")


def test_in_short_every_branch():
    ww = _with_without([("工作", 50, True), ("双减", 40, False)], [("双减", 40, False), ("教师", 30, True)],
                       1_000, 950)
    assert said.in_short(0, 3, ww.iloc[:0], None, None, None, "region") == (
        "**In short.** None of the 3 plans has body text, so there are no frequencies to report; lexicon "
        "discovery is the one step that reads the titles.")
    assert said.in_short(2, 3, ww, None, None, None, "region") == (
        "**In short.** 2 of the 3 plans have body text and are counted. Removing the boilerplate layer changes 1 "
        "of the top 2 terms. No two groups of `region` had enough plans to be compared.")
    key = _key([("高校", 20.5, 2.64, True, 2, 1)])
    assert said.in_short(3, 3, ww.iloc[:0], ("city", "county-level city"), key, MEMBERS, "admin_level") == (
        "**In short.** All 3 plans have body text and are counted. The city vs county-level city contrast "
        "rests on 1 significant term from 2 + 1 plans — a description of these plans' wording and a starting "
        "point for close reading, not a finding about bureaus in general.")


def test_in_short_with_the_plan_level_test():
    ww = _with_without([("工作", 50, True)], [("双减", 40, False)], 1_000, 950)
    key = _key([("高校", 20.5, 2.64, True, 2, 1), ("双减", 9.0, 1.0, False, 2, 1)]).assign(
        significant_bh=[True, True], significant_bh_plan=[False, False], min_p_plan=[1 / 3, 1 / 3],
        p_plan=[1 / 3, 1.0])
    assert said.in_short(3, 3, ww.iloc[:0], ("city", "county-level city"), key, MEMBERS, "admin_level") == (
        "**In short.** All 3 plans have body text and are counted. On pooled tokens the city vs county-level city "
        "contrast has 1 term significant after Bonferroni (2 after Benjamini–Hochberg); with plans as the unit, no "
        "test can reach p < 0.05 with groups of 2 and 1 plans (smallest attainable p 0.333) — in these 3 plans, a "
        "description of these plans' wording and a starting point for close reading, not a finding about bureaus "
        "in general.")
    reachable = key.assign(significant_bh_plan=[True, False], min_p_plan=[0.01, 0.01])
    assert said.in_short(3, 3, ww.iloc[:0], ("city", "county-level city"), reachable, MEMBERS, "admin_level") == (
        "**In short.** All 3 plans have body text and are counted. On pooled tokens the city vs county-level city "
        "contrast has 1 term significant after Bonferroni (2 after Benjamini–Hochberg); with plans as the unit, 1 "
        "term is significant after Benjamini–Hochberg — in these 3 plans, a difference between these groups of "
        "plans, not yet between kinds of bureaus (the plans are not a sample drawn at random).")


# --------------------------------------------------------------------------- figure titles


def test_titles_carry_the_computed_n():
    assert said.top_terms_title(30, 180, "zh") == "前 30 个词（N = 180 份有正文的要点）"
    assert said.cloud_title(1_200, "zh") == "全部有正文的要点（N = 1,200 份）"
    assert said.clouds_title(6, 6, 100, "zh") == "每份要点的前 100 个词（N = 6 份）"
    assert said.clouds_title(11, 180, 100, "zh") == "最大的 11 份要点与其余要点合并的前 100 个词（N = 180 份）"
    assert said.network_title(40, 180, 0.2, "zh") == "前 40 个高频词的共现网络（同一条目，NPMI ≥ 0.2；N = 180 份）"
    assert said.keyness_title("region", ("east", "west"), MEMBERS, "zh") == (
        "东部（2 份）与西部（1 份）：校正后显著的关键词")
    assert said.keyness_title("year", ("2024", "2025"), MEMBERS, "zh") == (
        "2024（2 份）与2025（1 份）：校正后显著的关键词")


def test_titles_in_english():
    assert said.top_terms_title(30, 180) == "Top 30 terms (N = 180 plans with body text)"
    assert said.cloud_title(1_200) == "All plans with body text (N = 1,200 plans)"
    assert said.clouds_title(6, 6, 100) == "Top 100 terms of each plan (N = 6 plans)"
    assert said.network_title(40, 180, 0.2) == (
        "Co-occurrence network of the top 40 terms (same item, NPMI ≥ 0.2; N = 180 plans)")
    assert said.keyness_title("region", ("east", "west"), MEMBERS) == (
        "Key terms significant after correction: east vs west (N = 2 + 1 plans)")
    assert said.others_pooled().format(n=3) == "other 3 plans"


def test_group_names_come_from_the_label_table():
    from wpanalysis import labels

    m = MEMBERS
    title = said.keyness_title("admin_level", ("city", "county-level city"), m, "zh")
    assert title.startswith(labels.group_label("admin_level", "city", "zh") + "（2 份）")
    # a researcher's own registry column has no labels: its values are shown as they are
    assert said.keyness_title("my_column", ("a", "b"), m, "zh").startswith("a（2 份）与b（1 份）")
