"""The generated sentences of notebook 04 (wpanalysis.statements.comparison), one test per branch, on
small hand-made tables: the exact sentence is asserted, so a change of wording or of a number is seen."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from wpanalysis import compare
from wpanalysis.coding.agreement import GoldStatus
from wpanalysis.statements import comparison as said
from wpanalysis.statements import comparison_robustness as robust
from wpanalysis.statements import comparison_texts as texts

PATH = "data/annotations/domains_gold.csv"


# --------------------------------------------------------------------------- plans and groups


def test_plans_with_outline_and_unrecorded_completeness():
    docs = pd.DataFrame({"doc_id": list("abcd"), "completeness": ["full", "full", "outline-only", None]})
    assert said.describe_plans(docs, pd.DataFrame({"doc_id": list("aabcd")})) == (
        "**4 plans** (5 items); 2 have body text (2 full); 1 is outline-only: its items are titles only; "
        "1 has no completeness recorded.")


def test_plans_one_with_body_one_without_and_none():
    docs = pd.DataFrame({"doc_id": list("ac"), "completeness": ["full", "outline-only"]})
    assert said.describe_plans(docs.iloc[:1], pd.DataFrame({"doc_id": ["a"]})) == \
        "**1 plan** (1 item); it has body text."
    assert said.describe_plans(docs.iloc[1:], pd.DataFrame({"doc_id": ["c"]})) == \
        "**1 plan** (1 item); it has no body text; 1 is outline-only: its items are titles only."
    assert said.describe_plans(docs.iloc[0:0], pd.DataFrame({"doc_id": []})) == \
        "**No plans**: the corpus is empty, so there is nothing to compare."


def _plan() -> pd.DataFrame:
    return pd.DataFrame({"grouping": ["region"] * 4 + ["year"] * 2,
                         "group": ["east", "west", "northeast", "unknown", "2024", "2025"],
                         "n_docs": [4, 1, 1, 2, 7, 1],
                         "doc_ids": [list("abcd"), ["e"], ["f"], ["g", "h"], list("abcdefg"), ["h"]],
                         "status": ["kept", "pooled", "pooled", "unknown", "kept", "left out"]})


def test_groups_kept_pooled_left_out_and_absent_values():
    assert said.describe_groups(_plan(), 2, {"h": "宁波 2025"}) == (
        "A group needs at least 2 plans; smaller groups are pooled as `other` when together they reach 2 plans, "
        "and are left out otherwise.\n"
        "- **region**: `east` (4 plans); pooled as `other` (2 plans), groups of fewer than 2 plans: `west` (1) "
        "and `northeast` (1); not recorded for 2 plans (`unknown`: shown, never compared). No plan is `central`.\n"
        "- **year**: `2024` (7 plans); left out, too few plans: `2025` (1 plan: 宁波 2025) — nothing to compare "
        "within this grouping.")


def test_groups_dropped_and_a_kept_group_of_one_plan():
    year = _plan()[lambda t: t["grouping"] == "year"]
    assert said.describe_groups(year, 1, small="drop") == (
        "A group needs at least 1 plan; smaller groups are left out.\n"
        "- **year**: `2024` (7 plans); left out, too few plans: `2025` (1 plan: h) — nothing to compare within "
        "this grouping.")
    kept = said.describe_groups(year.assign(status="kept"), 1, {"h": "宁波 2025"})
    assert kept.endswith("- **year**: `2024` (7 plans) and `2025` (a single plan: 宁波 2025).")


def test_groups_with_nothing_kept():
    plan = pd.DataFrame({"grouping": ["admin_level"], "group": ["city"], "n_docs": [1], "doc_ids": [["a"]],
                         "status": ["left out"]})
    assert said.describe_groups(plan, 2, small="drop").splitlines()[1] == (
        "- **admin level**: no group kept; left out, too few plans: `city` (1 plan: a) — nothing to compare within "
        "this grouping. No plan is `province`, `county-level city`, `county` or `district`.")


def test_confounds_none_same_and_inside():
    empty = pd.DataFrame(columns=["grouping_a", "group_a", "n_a", "relation", "grouping_b", "group_b", "n_b"])
    assert said.describe_confounds(empty) == (
        "No two groups of different groupings hold the same plans, and no group sits wholly inside a small group "
        "of another grouping.")
    both = pd.DataFrame({"grouping_a": ["region", "admin_level"], "group_a": ["unknown", "county"], "n_a": [3, 2],
                         "relation": ["same plans", "inside"], "grouping_b": ["completeness", "completeness"],
                         "group_b": ["outline-only", "outline-only"], "n_b": [3, 3]})
    assert said.describe_confounds(both) == (
        "The groupings are tangled, so their differences cannot be told apart:\n"
        "- region `unknown` and completeness `outline-only` hold the same 3 plans.\n"
        "- all 2 plans of admin level `county` are completeness `outline-only` (3 in all).")


# --------------------------------------------------------------------------- the hand-coded sample


def test_gold_missing_shows_the_call():
    assert said.describe_gold(GoldStatus(PATH, False), "CALL") == (
        f"No hand-coded sample for this corpus (`{PATH}` does not exist), so the codebook cannot be checked "
        "against hand coding here. To make one, draw a sample into a file, code its `domains` column by hand and run "
        "this notebook again:\n\n```python\nCALL\n```")


def test_gold_not_coded_yet_and_not_of_this_corpus():
    assert said.describe_gold(GoldStatus(PATH, True, 10, 0), "CALL") == (
        f"`{PATH}` holds 10 rows, none coded yet: fill in its `domains` column (codebook ids joined by `|`, the "
        "primary first) and run this notebook again.")
    assert said.describe_gold(GoldStatus(PATH, True, 10, 10, 0), "CALL") == (
        f"None of the 10 coded items in `{PATH}` is an item of this corpus (same plan, position and title), so the "
        "codebook cannot be checked here. Draw a sample of this corpus to code:\n\n```python\nCALL\n```")


def test_gold_the_seed_sample_says_who_coded_it():
    status = GoldStatus(PATH, True, 72, 72, 72, 9, 24, 8, True, True, ())
    assert said.describe_gold(status, "CALL") == (
        "**72 hand-coded items** from 9 plans (at most 8 per plan; 24 of them titles of outline-only plans). The "
        "file is exactly the seeded draw of the call below. It is the seed corpus's documented sample: one coder, "
        "the AI coding agent that also wrote the codebook, coded every item (`data/annotations/README.md`), so the "
        "agreement below is a check by the codebook's author, not inter-coder reliability.\n\n```python\nCALL\n```")


def test_gold_one_coder_partly_coded_and_not_the_draw():
    status = GoldStatus(PATH, True, 20, 12, 10, 5, 0, 2, False, False, ("李",))
    assert said.describe_gold(status, "CALL") == (
        "**10 hand-coded items** from 5 plans (at most 2 per plan; 0 of them titles of outline-only plans). 2 coded "
        "rows name no item of this corpus: left out. 8 rows are not coded yet. The file is not the seeded draw of "
        "the call below (drawn otherwise, or the corpus changed). One coder (李) coded it: the agreement below is "
        "one reader's check of the codebook, not inter-coder reliability.\n\n```python\nCALL\n```")


def test_gold_two_coders_and_no_coder():
    two = said.describe_gold(GoldStatus(PATH, True, 20, 20, 20, 5, 0, 4, True, False, ("李", "王")), "CALL")
    assert ("2 coders (李 and 王) coded it; the notebook compares the codebook with the coding in the file and does "
            "not measure agreement between the coders.") in two
    none = said.describe_gold(GoldStatus(PATH, True, 20, 20, 20, 5, 0, 4, True, False, ()), "CALL")
    assert ("The file does not name its coders (its `coder` column is missing or empty): read the agreement below "
            "as one reader's check, not inter-coder reliability.") in none


def test_gold_call_names_the_corpus_root():
    assert said.gold_call("/data/plans", 4, 1) == (
        "from wpanalysis import build, coding, config\npaths = config.paths('/data/plans')\n"
        'coding.write_gold_template(build.load_corpus(paths.processed).items, paths.annotations / "domains_gold.csv",\n'
        "                           n_per_doc=4, seed=1)")


# --------------------------------------------------------------------------- agreement


def _summary() -> pd.DataFrame:
    return pd.DataFrame({"subset": ["all", "dev", "heldout"], "n_items": [20, 10, 10],
                         "primary_agreement": [0.9, 1.0, 0.8], "primary_kappa": [0.85, 1.0, 0.7],
                         "mean_domain_kappa": [0.75, 0.8, 0.7], "n_domains": [4, 4, 3],
                         "exact_match": [0.6, 0.7, 0.5], "mean_jaccard": [0.8, 0.9, 0.7]})


def _kappas() -> pd.DataFrame:
    return pd.DataFrame({"domain": ["party", "teachers", "safety", "exchange", "digital"],
                         "zh": ["党建", "教师", "安全", "开放", "数字"], "n_gold": [6, 5, 4, 0, 0],
                         "n_codebook": [4, 7, 4, 1, 0], "n_both": [4, 5, 4, 0, 0],
                         "agreement": [0.9, 0.9, 1.0, 0.95, 1.0], "kappa": [0.75, 0.78, 1.0, 0.0, math.nan]})


def test_agreement_with_halves_over_and_under_assignment_rare_domains_and_variants():
    variants = pd.DataFrame({"primary_kappa": [0.85, 0.8]}, index=["main", "titles only"])
    assert said.describe_agreement(_summary(), _kappas(), variants) == (
        "On the 20 items the codebook picks the hand-coded primary domain for 18 (primary κ = 0.850, almost perfect "
        "on Landis and Koch's scale; dev half 1.000, heldout half 0.700); the mean per-domain κ is 0.750 over 4 "
        "domains, and 60% of the items get exactly the hand-coded set of domains. The codebook assigns more items "
        "than the hand coding to 教师 (7 against 5); and fewer items than the hand coding to 党建 (4 against 6). Rare "
        "in the "
        "sample (fewer than 3 gold items), so their κ swings on one item: 开放 (0 gold, 1 codebook, κ = 0.000). "
        "Other readings: titles only, κ = 0.800.")


def test_agreement_undefined_kappa_and_nothing_over_assigned():
    summary = _summary().iloc[:1].assign(primary_kappa=math.nan)
    assert said.describe_agreement(summary, _kappas().iloc[2:3]) == (
        "On the 20 items the codebook picks the hand-coded primary domain for 18 (primary κ = —, undefined on Landis "
        "and Koch's scale); the mean per-domain κ is 0.750 over 4 domains, and 60% of the items get exactly the "
        "hand-coded set of domains.")


def test_kappa_words():
    assert [said.kappa_word(k) for k in (-0.1, 0.1, 0.3, 0.5, 0.7, 0.9, math.nan)] == [
        "poor", "slight", "fair", "moderate", "substantial", "almost perfect", "undefined"]


# --------------------------------------------------------------------------- domain profiles


def _top() -> pd.DataFrame:
    return pd.DataFrame({"group": ["a", "a", "b", "b", "c", "c"], "rank": [1, 2, 1, 2, 1, 2],
                         "zh": ["教师", "安全", "教师", "党建", "安全", "教师"],
                         "share": [0.4, 0.2, 0.3, 0.2, 0.25, 0.2]})


def _items() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["a", "a", "c", "c"], "item_seq": [1, 2, 1, 2],
                         "has_body": [True, True, False, False]})


def test_plan_profiles_several_plans():
    assigned = pd.DataFrame({"doc_id": ["a", "c"], "item_seq": [1, 2], "domain": ["none", "none"]})
    assert said.describe_plan_profiles(_top(), assigned, _items(), {"a": "甲 2024"}) == (
        "Among 3 plans, the domains most often among a plan's three largest: 教师 (3 of 3) and 安全 (2 of 3). The "
        "largest domain of each plan: 教师 in 甲 2024 (0.400) and b (0.300); 安全 in c (0.250). Most even: c, whose "
        "largest domain holds only 0.250 of its items. 2 items (50%) fit no domain (`none`), 1 of them a title of "
        "an outline-only plan.")


def test_plan_profiles_one_plan_and_no_plan():
    assigned = pd.DataFrame({"doc_id": [], "item_seq": [], "domain": []})
    top = _top()[lambda t: t["group"] == "a"]
    assert said.describe_plan_profiles(top, assigned, _items()) == \
        "The plan's three largest domains: 教师 and 安全. Every item fits at least one domain."
    assert said.describe_plan_profiles(top.iloc[0:0], assigned, _items()) == "No plan has items to code."


def _diffs() -> pd.DataFrame:
    return pd.DataFrame({"grouping": ["admin_level", "region"], "group_a": ["city", "east"],
                         "group_b": ["county", "central"], "n_docs_a": [5, 5], "n_docs_b": [2, 1],
                         "n_items_a": [170, 176], "n_items_b": [38, 35], "domain": ["health", "health"],
                         "value_a": [0.064, 0.087], "value_b": [0.196, 0.171], "diff": [-0.132, -0.084]})


def test_group_differences_repeated_domain_single_plan_and_titles_only():
    sizes = pd.DataFrame({"grouping": ["admin_level", "admin_level", "region", "region"],
                          "group": ["city", "county", "east", "central"], "n_items_with_body": [150, 0, 176, 35]})
    assert said.describe_group_differences(_diffs(), {"health": "体美劳与健康"}, sizes) == (
        "The largest difference: 体美劳与健康 takes 0.064 of the items of admin level `city` (5 plans, 170 items) "
        "against 0.196 in `county` (2 plans, 38 items). All 2 largest differences concern 体美劳与健康: where "
        "groupings share plans, one contrast shows up under several names. A single plan: region `central` — a "
        "difference with it is a difference of that one plan. Read from titles only (no body text): admin level "
        "`county`.")


def test_group_differences_one_and_none():
    one = _diffs().iloc[:1].assign(n_docs_b=2)
    assert said.describe_group_differences(one, {}) == (
        "The largest difference: health takes 0.064 of the items of admin level `city` (5 plans, 170 items) against "
        "0.196 in `county` (2 plans, 38 items).")
    assert said.describe_group_differences(_diffs().iloc[0:0], {}) == \
        "No grouping has two groups to compare, so there are no group differences to show."


def test_rates_hold_reverse_and_missing():
    rates = pd.DataFrame({"group": ["a", "b"], "domain": ["x", "x"], "per_10k": [100.0, 150.0]})
    top = pd.Series({"group_a": "a", "group_b": "b", "domain": "x", "diff": 0.1})
    assert said.describe_rates(rates, top, {"x": "体育"}, ["b"]) == (
        "Per 10,000 words the contrast reverses: 100 matches of 体育 per 10,000 words in `a` against 150 in `b`. "
        "`b` is read from titles only, where policy words are dense: not comparable with the other rates.")
    assert said.describe_rates(rates, top.copy().replace({"a": "b", "b": "a"}), {"x": "体育"}).startswith(
        "Per 10,000 words the contrast holds: 150 matches")
    assert said.describe_rates(rates.iloc[:1], top, {}) == \
        "Per 10,000 words the largest difference cannot be measured (a group has no words)."


# --------------------------------------------------------------------------- topic prevalence


def _prevalence() -> pd.DataFrame:
    return pd.DataFrame({"grouping": ["region"] * 4, "group": ["east", "east", "central", "central"],
                         "n_docs": [5, 5, 1, 1], "n_items": [176, 176, 35, 35], "topic": [1, 2, 1, 2],
                         "label": ["教师", "供给", "教师", "供给"], "mean": [0.6, 0.4, 0.3, 0.7],
                         "ci_low": [0.55, 0.35, 0.2, 0.6], "ci_high": [0.65, 0.45, 0.4, 0.8]})


def test_prevalence_gap_apart_single_plan_and_document_intervals():
    by_document = _prevalence().assign(ci_low=[0.5, 0.3, 0.3, 0.7], ci_high=[0.7, 0.5, 0.3, 0.7])
    assert said.describe_prevalence(_prevalence(), by_document) == (
        "The largest gap: topic 1 (教师) in region, `east` 0.600 [0.550, 0.650] (5 plans, 176 items) against "
        "`central` 0.300 [0.200, 0.400] (1 plan, 35 items); the item intervals do not overlap. Group means of the "
        "topics lie between 0.300 and 0.700. A single plan: region `central` — its mean describes that plan, not a "
        "kind of bureau. Resampling whole plans instead of items widens the interval in 2 of 4 group × topic cells "
        "and narrows it in 2. 2 groups have fewer than 6 plans: too few distinct resamples to say how much such "
        "plans vary.")


def test_prevalence_overlapping_intervals_one_group_and_empty():
    wide = _prevalence().assign(ci_low=[0.25, 0.2, 0.2, 0.3], ci_high=[0.9, 0.8, 0.65, 0.9], n_docs=[8, 8, 7, 7])
    assert said.describe_prevalence(wide).endswith(
        "(7 plans, 35 items); the item intervals overlap. Group means of the topics lie between 0.300 and 0.700.")
    assert said.describe_prevalence(_prevalence().iloc[:2]) == (
        "No grouping has two groups to set side by side. Group means of the topics lie between 0.400 and 0.600.")
    assert said.describe_prevalence(_prevalence().iloc[0:0]) == \
        "No group has items with topic shares: there is no prevalence to compare."


# --------------------------------------------------------------------------- keyness


def test_pair_choice_across_groups_fallback_and_none():
    assert texts.describe_pair_choice(("a", "b", True), "region", {"a": 3555, "b": 2430},
                                     {"a": "宁波 2024", "b": "吉首 2023"}) == (
        "The pair, by rule: the longest full-text plan whose region is recorded, 宁波 2024 (3,555 content words), "
        "and the longest of another region, 吉首 2023 (2,430 content words).")
    assert texts.describe_pair_choice(("a", "b", False), "admin_level", {"a": 10, "b": 9}) == (
        "No two admin levels have plans with body text, so the pair is the two longest full-text plans: a (10 "
        "content words) and b (9 content words).")
    assert texts.describe_pair_choice(None, "region", {}) == \
        "Fewer than two plans have body text, so there is no pair of plans to contrast."


def _members() -> pd.DataFrame:
    return pd.DataFrame({"group": ["target", "target", "reference"], "doc_id": ["a", "b", "c"],
                         "n_tokens": [1000, 2000, 1500]})


def test_contrast_choice_found_and_none():
    assert texts.describe_contrast_choice(("admin_level", "city", "county"), ["region", "admin_level"], _members(),
                                         2) == (
        "The groups, by rule: the first grouping (of region and admin level) with two groups of at least 2 plans "
        "with body text is admin level; its two largest are `city` (2 plans) and `county` (1 plan).")
    assert texts.describe_contrast_choice(None, ["region", "year"], None, 3) == (
        "No grouping (of region and year) has two groups of at least 3 plans with body text, so there is no "
        "keyness between groups.")


ONE = (" With a single plan on a side this compares texts, not kinds of bureaus: no test with the plan as its unit "
       "is possible.")


def _keyness() -> pd.DataFrame:
    return pd.DataFrame({"token": ["高校", "市", "教体", "学校"], "g2": [18.5, 12.0, -28.7, 1.0],
                         "significant": [True, True, True, False], "docs_target": [2, 1, 0, 2],
                         "docs_reference": [0, 1, 1, 1]})


def test_keyness_groups_little_survives_and_a_plan_word():
    assert texts.describe_keyness(_keyness(), _members(), "`city`", "`county`") == (
        "`city` (2 plans, 3,000 content words) against `county` (a single plan, 1,500 content words): 4 terms "
        "tested, 3 significant after the Bonferroni correction: 高校、市 (`city`); 教体 (`county`). Little survives "
        "the correction: the other key terms are leads for close reading, not findings. Found in a single plan of "
        "its group — that plan's word more than the group's: 市 (in 1 of the 2 `city` plans)." + ONE)


def test_keyness_capped_terms_none_significant_and_many():
    capped = texts.describe_keyness(_keyness(), _members(), "`city`", "`county`", n_terms=1)
    assert "correction: 高校 (`city`; 1 more); 教体 (`county`)." in capped
    pair = _members().iloc[[0, 2]]
    assert texts.describe_keyness(_keyness().assign(significant=False), pair, "宁波", "吉首", groups=False) == (
        "宁波 (1,000 content words) against 吉首 (1,500 content words): 4 terms tested, 0 significant after the "
        "Bonferroni correction. None survives the correction: the most key terms are leads for close reading, "
        "not findings." + ONE)
    many = pd.DataFrame({"token": [f"t{i}" for i in range(6)], "g2": [9, 8, 7, 6, -5, -4.0], "significant": [True] * 6,
                         "docs_target": [1] * 6, "docs_reference": [1] * 6})
    assert texts.describe_keyness(many, pair, "A", "B", groups=False) == (
        "A (1,000 content words) against B (1,500 content words): 6 terms tested, 6 significant after the "
        "Bonferroni correction: t0、t1、t2、t3 (A); t4、t5 (B)." + ONE)


# --------------------------------------------------------------------------- similarity


def _pairs() -> pd.DataFrame:
    return pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"], "cosine": [0.65, 0.60, 0.48]})


def test_similarity_centre_last_and_within_groups():
    docs = pd.DataFrame({"doc_id": list("abc"), "region": ["east", "east", "central"]})
    pairs = _pairs()
    within = compare.group_similarity(pairs, docs, "region")
    assert texts.describe_similarity(compare.similarity_summary(pairs), pairs, {"a": "河北某市 2024"}, within,
                                    "region") == (
        "Between the 3 full-text plans (3 pairs) cosines range from 0.48 to 0.65 — all about equally alike, sharing "
        "the genre's vocabulary. Most often another plan's nearest neighbour: 河北某市 2024 (for 2 of the other 2). "
        "Least like the others on average: c (mean cosine 0.54). Pairs within one region average 0.65, pairs across "
        "regions 0.54: plans are more alike within a region than across.")


def test_similarity_wide_range_no_across_two_plans_and_none():
    pairs = _pairs().assign(cosine=[0.9, 0.3, 0.2])
    within = pd.DataFrame({"group_a": ["east"], "group_b": ["east"], "n_pairs": [1], "mean": [0.9]})
    text = texts.describe_similarity(compare.similarity_summary(pairs), pairs, None, within, "region")
    assert text.startswith("Between the 3 full-text plans (3 pairs) cosines range from 0.20 to 0.90. Most often")
    assert text.endswith("Pairs within one region and pairs across regions are not both there (too few full-text "
                         "plans in the groups kept), so they cannot be compared.")
    one = _pairs().iloc[:1]
    assert texts.describe_similarity(compare.similarity_summary(one), one) == \
        "The cosine of the two full-text plans is 0.65."
    none = _pairs().iloc[0:0]
    assert texts.describe_similarity(compare.similarity_summary(none), none) == \
        "Fewer than two plans have body text: there is no similarity to measure."


# --------------------------------------------------------------------------- robustness


def _by_basis() -> pd.DataFrame:
    return pd.DataFrame({"grouping": ["r", "r", "l"], "group_a": ["a", "a", "x"], "group_b": ["b", "b", "y"],
                         "domain": ["p", "q", "p"], "diff_all": [0.14, -0.13, 0.08], "diff_title": [0.13, -0.12, 0.04],
                         "diff_text": [np.nan, -0.13, 0.07], "same_sign": [True, True, True], "n_bases": [2, 3, 3]})


def _fit() -> pd.DataFrame:
    return pd.DataFrame({"group": ["a", "b", "c"], "r": [0.86, 0.48, 0.95], "same_top": [True, False, True],
                         "none_title": [0.1, 0.06, 0.21]})


def test_domain_robustness_all_hold_with_a_weak_plan():
    assert robust.describe_domain_robustness(_by_basis(), _fit(), {"b": "深圳 2024"}) == (
        "Each of the 3 largest differences keeps its sign on every basis where both groups exist; on titles a "
        "difference typically keeps its size (median ratio 0.92). 1 of them cannot be measured on full texts: a "
        "group has no plan with body text, so it exists only where titles count. Per plan, the profile read from "
        "titles correlates with the full-text profile at r = 0.48–0.95 (median 0.86); the largest domain is the "
        "same in 2 of 3. Below r = 0.7: 深圳 2024 (0.48). Titles leave 6%–21% of a plan's items unplaced.")


def test_domain_robustness_a_sign_flips_one_difference_and_nothing():
    flipped = _by_basis().assign(same_sign=[True, False, True]).iloc[:2]
    assert robust.describe_domain_robustness(flipped, _fit().iloc[0:0]) == (
        "1 of the 2 largest differences keeps its sign on every basis where both groups exist; on titles a "
        "difference typically keeps its size (median ratio 0.93). 1 of them cannot be measured on full texts: a "
        "group has no plan with body text, so it exists only where titles count.")
    assert robust.describe_domain_robustness(_by_basis().iloc[:1], _fit().iloc[[0]]) == (
        "The largest difference keeps its sign on every basis where both groups exist; on titles a difference "
        "typically keeps its size (median ratio 0.93). It cannot be measured on full texts: a group has no plan "
        "with body text, so it exists only where titles count. Per plan, the profile read from titles correlates "
        "with the full-text profile at r = 0.86; the largest domain is the same in 1 of 1. Titles leave 10% of a "
        "plan's items unplaced.")
    assert robust.describe_domain_robustness(_by_basis().iloc[0:0], _fit()) == \
        "No group differences to check on other bases."


def test_topic_robustness_shrinks_holds_flips_and_nothing():
    shrink = _by_basis().assign(diff_title=[0.05, -0.05, 0.03])
    assert robust.describe_topic_robustness(shrink) == (
        "Each of the 3 largest topic differences keeps its sign on every basis where both groups exist; on titles "
        "a difference typically shrinks (median ratio 0.38): the direction holds, the size does not.")
    assert robust.describe_topic_robustness(_by_basis().assign(diff_title=[0.14, -0.14, 0.08])).endswith(
        "keeps its size (median ratio 1.00): both hold.")
    assert robust.describe_topic_robustness(_by_basis().assign(same_sign=[True, False, True])) == (
        "2 of the 3 largest topic differences keep their sign on every basis where both groups exist; on titles a "
        "difference typically keeps its size (median ratio 0.92).")
    assert robust.describe_topic_robustness(_by_basis().iloc[0:0]) == \
        "No topic differences between groups to check on other bases."


def test_keyness_robustness_counts_and_one_basis_only():
    table = pd.DataFrame({"comparison": ["p", "p", "g", "g", "h", "h"], "basis": ["text", "title"] * 3,
                          "possible": [True, True, True, True, False, True], "n_significant": [9, 1, 8, 0, 0, 2]})
    assert robust.describe_keyness_robustness(table) == (
        "On text, 2 of 2 comparisons find terms that survive the Bonferroni correction; on title, 2 of 3 "
        "comparisons. Possible on one basis only (a group has no plan on the other): h.")
    none = table.assign(n_significant=0)
    assert robust.describe_keyness_robustness(none).startswith(
        "On text, 0 of 2 comparisons find terms that survive the Bonferroni correction; on title, none of 3")


def test_similarity_robustness_words_and_too_few():
    assert robust.describe_similarity_robustness(0.3, 10) == (
        "Spearman ρ between the 10 pairs' cosines on titles and on full texts: 0.300 — titles rank the pairs only "
        "weakly like full texts do.")
    assert robust.describe_similarity_robustness(0.85, 1000).endswith("rank the pairs closely like full texts do.")
    assert robust.describe_similarity_robustness(math.nan, 1) == \
        "Too few pairs of full-text plans to compare their similarity on titles and on full texts."


# --------------------------------------------------------------------------- limits and closing


def test_known_failure_counts():
    assigned = pd.DataFrame({"domain": ["compulsory", "compulsory", "teachers"], "terms": ["小学", "义务教育", "小学"]})
    items = pd.DataFrame({"text": ["中小学和小学", "大中小学", "义务教育"]})
    assert robust.describe_known_failure(assigned, items, "compulsory", "小学", ["中小学", "大中小学"],
                                       {"compulsory": "义务教育"}) == (
        "Of the 2 assignments to 义务教育, 1 rests on 小学 alone; of the 3 occurrences of 小学 in the item texts, "
        "2 are inside 中小学 or 大中小学.")


def test_limits_every_line():
    docs = pd.DataFrame({"doc_id": list("abcd"), "region": ["east", "east", None, "central"],
                         "completeness": ["full", "partial", "outline-only", "full"], "n_redactions": [0, 2, 0, 0]})
    sizes = pd.DataFrame({"grouping": ["region", "region", "admin_level", "admin_level"],
                          "group": ["east", "unknown", "city", "county"], "n_docs": [2, 1, 2, 2]})
    plan = pd.DataFrame({"grouping": ["region"], "group": ["central"], "n_docs": [1], "status": ["left out"]})
    confounds = pd.DataFrame({"relation": ["same plans", "inside", "inside"]})
    assert robust.describe_limits(docs, sizes, plan, confounds, {"a": 300, "b": 100, "d": 100}, {"a": "宁波 2024"}) == (
        "- **Group sizes.** 4 plans, 3 with body text; the groups kept hold 2 plans, so a group difference is a "
        "difference between a handful of bureaus, not between kinds of place.\n"
        "- **Left out.** region `central` (1 plan): too few plans to stand as a group.\n"
        "- **Unknown places.** 1 plan (c) has no recorded region: `unknown` in every table, outside every regional "
        "contrast.\n"
        "- **Redactions.** 1 plan carries redaction marks (X, XX): names the publisher hid cannot be removed as "
        "place names.\n"
        "- **Partial plans.** 1 plan (b): its profile describes what survived, not the whole plan.\n"
        "- **Outline-only plans.** 1 plan (c): its domains and topics come from headings alone.\n"
        "- **Tangled groupings.** 1 pair of groups holds the same plans and 2 groups sit inside another (section "
        "1): those differences cannot be told apart.\n"
        "- **Weight of long plans.** 宁波 2024 holds 60% of the full-text words: pooled counts (keyness, rates) "
        "weigh it most.")


def test_limits_when_nothing_is_compared():
    docs = pd.DataFrame({"doc_id": list("ab"), "region": ["east", "east"], "completeness": ["full", "full"]})
    sizes = pd.DataFrame({"grouping": ["region"], "group": ["east"], "n_docs": [2]})
    empty = pd.DataFrame(columns=["grouping", "group", "n_docs", "status", "relation"])
    assert robust.describe_limits(docs, sizes, empty, empty, {"a": 10}) == (
        "- **Group sizes.** 2 plans, 2 with body text; no grouping has two groups with enough plans, so nothing "
        "here compares groups.")


def test_closing_takes_each_first_sentence_and_skips_empty():
    assert robust.describe_closing({"A": "One. Two.", "B": "", "C": "Line one\n- b"}) == \
        "- **A.** One.\n- **C.** Line one"


def test_rows_note():
    assert said.describe_rows(10, 7140, "pair", "the five most and five least alike") == \
        "The first 10 of 7,140 pairs (the five most and five least alike)."
    assert said.describe_rows(9, 9) == ""
