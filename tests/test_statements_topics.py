"""Generated statements of notebook 03 (topic models): one test per branch, on hand-made tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wpanalysis.features import DocumentTermMatrix
from wpanalysis.statements import topic_stability as stability
from wpanalysis.statements import topics as said
from wpanalysis.topics import LABEL_COLUMNS, LabelMatch


def _sweep(rows):
    return pd.DataFrame(rows, columns=["k", "npmi", "npmi_sd", "umass", "diversity", "perplexity"])


SWEEP = _sweep([(3, 0.134, 0.020, -1.421, 0.844, 510.0), (4, 0.139, 0.020, -1.403, 0.775, 525.0),
                (5, 0.120, 0.022, -1.518, 0.760, 511.0)])


# --------------------------------------------------------------------------- input and sweep


def test_cannot_fit():
    assert said.cannot_fit(12, 40, 1, [3, 4, 5], 10) == (
        "**No topic model.** The matrix holds 12 items and 40 terms from 1 plan: none of k = 3–5 has at least 10 "
        "items per topic and at most as many topics as terms, so the sections below are skipped.")


def test_cannot_fit_without_terms():
    assert said.cannot_fit(0, 0, 1, [3], 10, min_docs=2) == (
        "**No topic model.** No term survives pruning: a term must occur in at least 2 plans, and the corpus has "
        "1 plan with content words, so the sections below are skipped.")
    assert said.cannot_fit(0, 0, 5, [3], 10, min_docs=2) == (
        "**No topic model.** No term survives pruning: no term meets the pruning thresholds (`min_df`, "
        "`max_share`, `min_docs`), so the sections below are skipped.")


def _input_tables(has_body):
    items = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "item_seq": [1, 2, 1, 2], "has_body": has_body})
    tokens = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b"], "item_seq": [1, 1, 2, 1, 2],
                           "token": ["双减", "推进", "双减", "双减", "推进"]})
    dtm = DocumentTermMatrix(np.ones((3, 1)), pd.DataFrame({"doc_id": ["a", "a", "b"], "item_seq": [1, 2, 1]}),
                             np.array(["双减"], dtype=object))
    return items, tokens, dtm


def test_describe_input_with_title_only_items_and_common_terms():
    items, tokens, dtm = _input_tables([True, True, False, False])
    model_input = items.assign(model_text=["title+body", "title+body", "title", "title"])
    common = pd.DataFrame({"token": ["推进"], "n_items": [2], "share": [0.5]})
    assert said.describe_input(items, model_input, tokens, dtm, common, 0.3, {"b": "乙县 2024"}) == (
        "The model reads **3 items** from 2 plans and **1 term** (of 2 before pruning; 60% of the content tokens "
        "kept). 2 of the 4 items have no body text and enter with their title alone; they come from 1 plan: "
        "乙县 2024 (all 2). 1 item has no term left after pruning and is left out. Dropped as too common (in more "
        "than 30% of the items): 推进 (50%).")


def test_describe_input_every_item_with_body_nothing_too_common():
    items, tokens, dtm = _input_tables([True, True, True, True])
    tokens = tokens[tokens["item_seq"] == 1].iloc[:3]
    dtm = DocumentTermMatrix(np.ones((2, 1)), pd.DataFrame({"doc_id": ["a", "b"], "item_seq": [1, 1]}),
                             np.array(["双减"], dtype=object))
    empty = pd.DataFrame(columns=["token", "n_items", "share"])
    assert said.describe_input(items, items, tokens, dtm, empty, 0.9) == (
        "The model reads **2 items** from 2 plans and **1 term** (of 2 before pruning; 67% of the content tokens "
        "kept). Every item has body text. No term occurs in more than 90% of the items.")


def test_describe_sweep_setup_on_all_items():
    assert said.describe_sweep_setup(SWEEP, [3, 4, 5], [0, 1, 2], n_items=273, n_fit=273) == (
        "The sweep tried k = 3–5 with 3 seeds (0, 1 and 2): 9 LDA fits plus 3 held-out fits, on all 273 items; "
        "at k = 5 a topic has 55 items on average.")


def test_describe_sweep_setup_on_a_sample_with_k_left_out():
    sweep = SWEEP[SWEEP["k"] < 5]
    assert said.describe_sweep_setup(sweep, [3, 4, 5], [0], n_items=5480, n_fit=45, min_items_per_topic=10) == (
        "The sweep tried k = 3 and 4 with 1 seed (0): 2 LDA fits plus 2 held-out fits, on a random sample of 45 "
        "of the 5,480 items (seed 0); the reported model below is fitted on all items; at k = 4 a topic has 11 "
        "items on average. k = 5 is left out: fewer than 10 items per topic on the sample the sweep fits.")


def test_k_choice_only_one_clears_and_the_rival_is_within_the_seed_spread():
    assert said.describe_k_choice(SWEEP, 3, 0.8) == (
        "Only k = 3 clears the diversity bar of 0.8 (0.844); k = 4 and 5 fall below it (diversity 0.760–0.775). "
        "**Chosen k = 3**: the only k that clears it. k = 4 has a higher NPMI (0.139) but falls below the "
        "diversity bar (0.775); the gap is 0.005, within the spread between seeds (sd 0.020): the data do not "
        "separate the two clearly. Held-out perplexity is lowest at k = 3, the chosen k (510; range 510–525); "
        "UMass is best at k = 4 (−1.403).")


def test_k_choice_several_clear_and_the_runner_up_is_clearly_lower():
    sweep = _sweep([(3, 0.10, 0.01, -1.5, 0.9, 600.0), (4, 0.15, 0.01, -1.4, 0.85, 590.0),
                    (5, 0.12, 0.01, -1.6, 0.7, 580.0)])
    assert said.describe_k_choice(sweep, 4, 0.8) == (
        "k = 3 and 4 clear the diversity bar of 0.8; k = 5 falls below it (diversity 0.700). **Chosen k = "
        "4**: the highest mean NPMI among them (0.150). The next best, k = 5 (NPMI 0.120), is 0.030 lower, more "
        "than the spread between seeds (sd 0.010). Held-out perplexity is lowest at k = 5 (580; range 580–600); "
        "UMass is best at k = 4, the chosen k (−1.400).")


def test_k_choice_tie_at_three_decimals_goes_to_the_smaller_k():
    sweep = _sweep([(3, 0.1204, 0.01, -1.5, 0.9, 600.0), (4, 0.1201, 0.01, -1.4, 0.85, 590.0)])
    assert said.describe_k_choice(sweep, 3, 0.8).split(". ")[2] == (
        "k = 4 has the same NPMI at 3 decimals (ties go to the smaller k); the gap is 0.0003, within the spread "
        "between seeds (sd 0.010): the data do not separate the two clearly")


def test_k_choice_when_no_k_clears_the_bar_with_one_seed():
    sweep = _sweep([(3, 0.10, 0.0, -1.5, 0.7, np.nan), (4, 0.12, 0.0, -1.4, 0.6, np.nan)])
    assert said.describe_k_choice(sweep, 4, 0.8) == (
        "No k reaches the diversity bar of 0.8 (the highest is 0.700, at k = 3), so all k compete. **Chosen k = "
        "4**: the highest mean NPMI (0.120). The next best, k = 3 (NPMI 0.100), is 0.020 lower (one seed: no "
        "spread between seeds to compare with). UMass is best at k = 4, the chosen k (−1.400).")


# --------------------------------------------------------------------------- the topics


def test_describe_topics():
    table = pd.DataFrame({"topic": [1, 2, 3], "label": ["甲", "乙", "丙"], "share": [0.5, 0.3, 0.2],
                          "n_items": [50, 30, 20], "npmi": [0.1, 0.3, 0.2]})
    assert said.describe_topics(table) == (
        "The 3 topics take between 20% and 50% of the items (topic 1, 甲, is the largest: the dominant topic of "
        "50 items). Most coherent: topic 2 (乙, NPMI 0.300); least: topic 1 (甲, 0.100).")


def _match(rows, found=True):
    table = pd.DataFrame([(*row, True) for row in rows], columns=LABEL_COLUMNS)  # every label named by its checks
    labels = {int(r.topic): {"zh": r.label, "en": ""} for r in table.itertuples() if r.applied}
    return LabelMatch(labels, table, n_terms=10, min_shared=0.5, found=found)


def test_labels_all_used():
    match = _match([(1, "甲", 2, 8, 3, True), (2, "乙", 1, 10, 3, True)])
    assert said.describe_labels(match, "labels.yaml", 2) == (
        "All 2 labels in `labels.yaml` match a fitted topic (every check term among the topic's top 10 terms by "
        "weight, a label made of its check terms only, and at least 50% of its recorded terms among those top 10) "
        "and are used.")


def test_labels_some_stale():
    match = _match([(1, "甲", 1, 7, 2, True), (2, "乙", 2, 3, 0, False)])
    assert said.describe_labels(match, "labels.yaml", 3) == (
        "1 of the 2 labels in `labels.yaml` match a fitted topic (every check term among the topic's top 10 terms "
        "by weight, a label made of its check terms only, and at least 50% of its recorded terms among those top "
        "10) and are used (topic 1); 1 does not and is ignored: 乙 (best candidate: topic 2, 3 shared terms). "
        "Topics 2 and 3 are shown by their top three terms.")


def test_labels_one_names_more_than_its_check_terms():
    """The seed run's old label named 师德, the 66th term by weight of its topic: such a label is refused."""
    table = pd.DataFrame([(3, "党建、师德与校园安全", 3, 5, 3, False, False),
                          (1, "义务教育与招生", 1, 8, 2, True, True)], columns=LABEL_COLUMNS)
    match = LabelMatch({1: {"zh": "义务教育与招生", "en": ""}}, table, n_terms=10, min_shared=0.5)
    assert said.describe_labels(match, "topic_labels.yaml", 3).split("; ")[-1] == (
        "1 does not and is ignored: 党建、师德与校园安全 (it names words that are not among its check terms). "
        "Topics 2 and 3 are shown by their top three terms.")


def test_labels_none_match():
    match = _match([(1, "甲", 1, 2, 0, False), (2, "乙", 3, 4, 1, False)])
    assert said.describe_labels(match, "labels.yaml", 3) == (
        "None of the 2 labels in `labels.yaml` matches a fitted topic (every check term among the topic's top 10 "
        "terms by weight, a label made of its check terms only, and at least 50% of its recorded terms among those "
        "top 10; the closest shares 4 terms): they were written for another corpus or other settings and are "
        "ignored. Topics 1, 2 and 3 are shown by their top three terms.")


def test_labels_missing_file():
    match = _match([], found=False)
    assert said.describe_labels(match, "labels.yaml", 4) == (
        "No labels for this model in `labels.yaml`: all 4 topics are shown by their top three terms.")


def test_representatives_one_plan_and_several():
    rep = pd.DataFrame({"topic": [1, 1, 2, 2, 3, 3], "document": ["甲", "甲", "甲", "乙", "丙", "甲"]})
    assert said.describe_representatives(rep) == (
        "The 2 items shown for topic 1 all come from one plan (甲): such a topic may be that plan’s own phrasing "
        "rather than a theme plans share — read more of its items before labelling it. The items shown for "
        "topics 2 and 3 come from 2 plans.")


def test_representatives_several_topics_from_one_plan_each():
    rep = pd.DataFrame({"topic": [1, 1, 2, 2], "doc_id": ["a", "a", "b", "b"]})
    assert said.describe_representatives(rep) == (
        "The 2 items shown for topic 1 (a) and topic 2 (b) all come from one plan: such a topic may be that "
        "plan’s own phrasing rather than a theme plans share — read more of its items before labelling it.")


# --------------------------------------------------------------------------- plans and models


def _shares(values):
    rows = [(d, t + 1, v) for d, vs in values.items() for t, v in enumerate(vs)]
    return pd.DataFrame(rows, columns=["doc_id", "topic", "share"])


DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "completeness": ["full", "outline-only", "partial"]})


def test_document_shares_spread_with_titles_only_plan():
    shares = _shares({"a": [0.6, 0.4], "b": [0.3, 0.7], "c": [0.5, 0.5]})
    assert said.describe_document_shares(shares, DOCS, {1: "甲"}, {"a": "A 市"}) == (
        "Every plan spreads its items over all 2 topics: each plan's share of each topic is between 30% and 70%. "
        "Leaning most towards each topic — topic 1 (甲): A 市 (0.60); topic 2: b (0.70). 1 plan rests on item "
        "titles only (b): its shares say which themes the headings name, not how much text each theme gets.")


def test_document_shares_low_shares_and_many_plans():
    shares = _shares({"a": [0.95, 0.05], "c": [0.5, 0.5]})
    assert said.describe_document_shares(shares, DOCS, max_plans=1) == (
        "Shares range from 5% to 95%; 1 plan of 2 gives less than 10% to at least one topic. Leaning most towards "
        "each topic — topic 1: a (0.95); topic 2: c (0.50). With 2 plans (more than 1), the figure shows the "
        "distribution of the plans' shares of each topic rather than a row per plan.")


def _tables():
    summary = pd.DataFrame({"model": ["LDA", "NMF"], "npmi": [0.16, 0.09], "umass": [-1.4, -1.6],
                            "diversity": [0.9, 0.93]})
    lda = pd.DataFrame({"topic": [1, 2, 3], "label": ["甲", "乙", "丙"], "share": [0.35, 0.34, 0.31]})
    nmf = pd.DataFrame({"topic": [1, 2, 3], "label": ["A", "B", "C"], "share": [0.49, 0.44, 0.07],
                        "n_items": [137, 126, 10]})
    return summary, lda, nmf


def test_lda_nmf_shared_theme_merge_and_orphan():
    summary, lda, nmf = _tables()
    matches = pd.DataFrame({"topic_a": [1, 2, 3], "topic_b": [2, 2, 1], "cosine": [0.72, 0.82, 0.92]})
    assert stability.describe_lda_nmf(summary, matches, lda, nmf) == (
        "Both models find LDA topic 3 (丙) ↔ NMF topic 1 (A) (cosine 0.92). LDA topics 1 and 2 are both closest "
        "to NMF topic 2 (B) (cosine 0.72 and 0.82): NMF covers with one topic what LDA splits. NMF topic 3 (C) "
        "is no LDA topic's closest match: 7% of the items, the dominant topic of 10 items. LDA's topics are more "
        "coherent (NPMI 0.160 against 0.090; UMass −1.400 against −1.600). "
        "NMF's are more diverse (0.930 against 0.900). LDA's topics are more even in size (shares 31%–35%, against "
        "7%–49%).")


def test_lda_nmf_no_shared_theme():
    summary, lda, nmf = _tables()
    summary["diversity"], summary["umass"] = 0.9, [-1.4, -1.3]
    matches = pd.DataFrame({"topic_a": [1, 2, 3], "topic_b": [1, 2, 3], "cosine": [0.5, 0.6, 0.7]})
    assert stability.describe_lda_nmf(summary, matches, lda, nmf) == (
        "No LDA topic has an NMF counterpart with cosine ≥ 0.9: the two models cut the corpus differently. LDA's "
        "topics are more coherent by NPMI (0.160 against 0.090), NMF's by UMass (−1.300 against −1.400). LDA's "
        "topics are more even in size (shares 31%–35%, against 7%–49%).")


# --------------------------------------------------------------------------- where k sits, the engine


@pytest.mark.parametrize("tried, chosen, start", [
    ([2, 3, 4, 5], 5, "**k = 5 is the largest k the sweep tried** (k = 2–5): a larger k was never fitted"),
    ([3, 4, 5], 3, "**k = 3 is the smallest k the sweep tried** (k = 3–5): a smaller k was never fitted"),
    ([2, 3, 4], 2, "**k = 2 is the lower edge of the sweep** (k = 2–4) and the fewest topics a model can have"),
    ([2, 3, 4], 3, "k = 3 lies inside the sweep (k = 2–4): both neighbours, k = 2 and k = 4, were fitted"),
    ([2, 3, 5], 3, "k = 3 lies inside the sweep (k = 2, 3 and 5), but k = 4 next to it was not fitted."),
    ([3], 3, "Only k = 3 was tried: the sweep cannot say whether another k fits better."),
])
def test_describe_sweep_edge(tried, chosen, start):
    assert said.describe_sweep_edge(tried, chosen).startswith(start)


def test_describe_sweep_edge_when_larger_k_were_left_out_for_too_few_items():
    # the 3-plan corpus: 84 items, k = 9 and 10 left out (fewer than 10 items per topic)
    assert said.describe_sweep_edge(range(2, 9), 8, range(2, 11)) == (
        "**k = 8 is the largest k the sweep tried** (k = 2–8): the larger k asked for were left out because the "
        "items give too few per topic, so whether a finer cut scores higher cannot be told from this corpus.")


def test_describe_sweep_edge_at_the_top_says_what_to_do():
    assert said.describe_sweep_edge(range(3, 11), 10) == (
        "**k = 10 is the largest k the sweep tried** (k = 3–10): a larger k was never fitted and might score higher "
        "by the same rule — extend `k_values` before reading k = 10 as the best cut.")


def test_describe_engine_tomotopy_facts():
    facts = pd.DataFrame({"measure": ["engine", "library and version", "inference", "iterations",
                                      "document–topic prior α", "topic–term prior η", "threads", "SIMD path",
                                      "item shares", "log-likelihood per token (all items, θ·φ)"],
                          "value": ["tomotopy", "tomotopy 0.14.0 (sse2)", "collapsed Gibbs sampling", 200, 0.125,
                                    0.125, 1, "sse2", "fold-in with the topics fixed", -5.593]})
    assert said.describe_engine(facts) == (
        "The LDA models are fitted with tomotopy 0.14.0 (sse2): collapsed Gibbs sampling; 200 iterations; priors "
        "α = 0.125 and η = 0.125; 1 thread; item shares: fold-in with the topics fixed; log-likelihood per token "
        "−5.593.")


def test_describe_engine_sklearn_few_facts():
    facts = pd.DataFrame({"measure": ["engine", "inference"], "value": ["sklearn", "batch variational Bayes"]})
    assert said.describe_engine(facts) == "The LDA models are fitted with sklearn: batch variational Bayes."


# --------------------------------------------------------------------------- stability over seeds and k


def _k_table(rows):
    return pd.DataFrame(rows, columns=["k", "n_runs", "n_pairs", "jaccard_mean", "jaccard_sd", "jaccard_min",
                                       "jaccard_max", "cosine_mean", "n_topics", "n_stable"])


# the seed run of the former notebook (scikit-learn LDA, k = 3, seeds 0–4): mean 0.426 over 10 pairs
K_TABLE = _k_table([(2, 5, 10, 0.650, 0.120, 0.500, 0.833, 0.932, 2, 1),
                    (3, 5, 10, 0.426, 0.068, 0.329, 0.548, 0.799, 3, 0),
                    (4, 5, 10, 0.410, 0.050, 0.330, 0.500, 0.770, 4, 0)])


def test_stability_over_k_below_the_threshold_and_better_at_another_k():
    assert stability.describe_stability_over_k(K_TABLE, 3, 0.5, [0, 1, 2, 3, 4], 273, 273) == (
        "Each k was refitted with 5 seeds (0, 1, 2, 3 and 4) on all 273 items. Mean best-match Jaccard of the top "
        "terms — k = 2: 0.650 (sd 0.120, range 0.500–0.833 over 10 pairs of runs; 1 of 2 topics reaches 0.5 in every "
        "refit); k = 3 (chosen): 0.426 (sd 0.068, range 0.329–0.548 over 10 pairs of runs; 0 of 3 topics reach 0.5 "
        "in every refit); k = 4: 0.410 (sd 0.050, range 0.330–0.500 over 10 pairs of runs; 0 of 4 topics reach 0.5 "
        "in every refit). At the chosen k = 3 the mean is 0.074 below the threshold of 0.5. Topics recur more at "
        "k = 2 (0.650) than at the chosen k: the rule for k weighs coherence and diversity, not stability.")


def test_stability_over_k_within_one_sd_on_a_sample():
    table = _k_table([(8, 5, 10, 0.502, 0.045, 0.433, 0.583, 0.824, 8, 3)])
    assert stability.describe_stability_over_k(table, 8, 0.5, [0, 1, 2, 3, 4], 5480, 1000) == (
        "Each k was refitted with 5 seeds (0, 1, 2, 3 and 4) on the sweep's random sample of 1,000 of the 5,480 "
        "items. Mean best-match Jaccard of the top terms — k = 8 (chosen): 0.502 (sd 0.045, range 0.433–0.583 over "
        "10 pairs of runs; 3 of 8 topics reach 0.5 in every refit). At the chosen k = 8 the mean is 0.002 above the "
        "threshold of 0.5, less than one sd of the pairs (0.045): the refits do not put it clearly on either side.")


def test_stability_over_k_without_refits():
    assert stability.describe_stability_over_k(K_TABLE.iloc[:0], 3, 0.5, [0], 10, 10) == (
        "No refits: one seed only, so stability over seeds cannot be measured.")


def _per_topic(rows, near=("jaccard_k2", "jaccard_k4")):
    columns = ["topic", "jaccard_mean", "jaccard_sd", "jaccard_min", "jaccard_max", "n_refits", "n_reached", "margin",
               "cosine_mean", "verdict", *near]
    return pd.DataFrame(rows, columns=columns)


# topic 3 is the former notebook's "robust" topic: mean 0.548 against 0.5, below it in 2 of 4 refits
PER_TOPIC = _per_topic([(1, 0.471, 0.177, 0.250, 0.667, 4, 2, -0.029, 0.826, "unstable", 0.602, 0.469),
                        (2, 0.700, 0.100, 0.538, 0.818, 4, 4, 0.200, 0.940, "stable", 0.650, 0.600),
                        (3, 0.548, 0.137, 0.429, 0.667, 4, 2, 0.048, 0.838, "borderline", 0.473, 0.520)])


def test_topic_stability_each_verdict():
    text = stability.describe_topic_stability(PER_TOPIC, {3: "校园·管理·强化"}, 0.5)
    assert text == (
        "Topic 1 is **not stable**: it reaches 0.5 in 2 of 4 refits (mean 0.471, 0.029 below the threshold of 0.5; "
        "range 0.250–0.667); its best match at the neighbouring k: 0.602 at k = 2 and 0.469 at k = 4. "
        "Topic 2 is **stable**: it reaches 0.5 in all 4 refits (mean 0.700, 0.200 above the threshold of 0.5; range "
        "0.538–0.818); its best match at the neighbouring k: 0.650 at k = 2 and 0.600 at k = 4. "
        "Topic 3 (校园·管理·强化) is **borderline**: its mean reaches 0.5, but it falls below it in 2 of 4 refits "
        "(mean 0.548, 0.048 above the threshold of 0.5; range 0.429–0.667) — not robust on this evidence; its best "
        "match at the neighbouring k: 0.473 at k = 2 and 0.520 at k = 4. The topic–term weights of topics 1 and 3 "
        "still point the same way (mean cosine ≥ 0.8): the refits agree on the broad direction but cut the items "
        "between neighbouring topics differently — read those topics together.")


def test_topic_stability_without_neighbours_or_refits():
    table = PER_TOPIC.drop(columns=["jaccard_k2", "jaccard_k4"]).iloc[[1]]
    assert stability.describe_topic_stability(table, None, 0.5) == (
        "Topic 2 is **stable**: it reaches 0.5 in all 4 refits (mean 0.700, 0.200 above the threshold of 0.5; range "
        "0.538–0.818).")
    assert stability.describe_topic_stability(pd.DataFrame({"topic": [1, 2]}), None, 0.5) == (
        "No refits: one seed only, so no topic can be called stable or unstable.")


# --------------------------------------------------------------------------- plans as the unit


def test_describe_weighting():
    # the seed run: 9 plans; topic 6 is 0.124 plan-weighted, 0.111 item-weighted
    table = pd.DataFrame({"topic": [1, 6], "n_plans": [9, 9], "plan_weighted": [0.148, 0.124],
                          "item_weighted": [0.158, 0.111], "difference": [0.010, -0.013], "plan_sd": [0.07, 0.056],
                          "plan_min": [0.035, 0.072], "plan_max": [0.229, 0.223]})
    assert said.describe_weighting(table, {6: "培训·完善·机制"}) == (
        "The declared rule is the plan's: each plan weighs 1, so a topic's share of the corpus is the mean of the 9 "
        "plans' shares (`plan_weighted`); `item_weighted` counts every item once, so plans with more items weigh "
        "more. In these 9 plans the two differ by at most 0.013 (topic 6 (培训·完善·机制): 0.124 plan-weighted "
        "against 0.111 item-weighted). Plans differ most in topic 1: their shares range from 0.035 to 0.229.")


def test_describe_plan_table_shown_and_written():
    assert said.describe_plan_table(9, 30, "tables/03_plan_topic_shares.csv") == (
        "One row per plan, 9 plans: each plan's share of each topic and its number of items in the model.")
    assert said.describe_plan_table(180, 30, "tables/03_plan_topic_shares.csv") == (
        "With 180 plans (more than 30), the per-plan table is not shown: it is written to "
        "`tables/03_plan_topic_shares.csv` (one row per plan); the table above gives the distribution of the plans' "
        "shares.")


# --------------------------------------------------------------------------- closing bullets


def _closing(cosine):
    summary, lda, _ = _tables()
    summary["umass"], summary["diversity"] = [-1.415, -1.6], [0.9, 0.93]
    matches = pd.DataFrame({"topic_a": [1, 2, 3], "topic_b": [1, 2, 3], "cosine": [0.5, cosine, 0.95]})
    sweep = _sweep([(2, 0.124, 0.007, -1.354, 0.900, 523.0), *SWEEP.itertuples(index=False)])
    return stability.summarise(3, sweep, summary, K_TABLE, PER_TOPIC, lda, matches, 0.8, 0.5, n_plans=9)


def test_summarise_with_a_firm_result():
    lines = _closing(0.95).splitlines()
    assert lines == [
        "- **Chosen k = 3** by the rule of section 2 (2 of the 4 k tried, k = 2–5, cleared the diversity bar of "
        "0.8); it is inside the range tried.",
        "- **Coherence at k = 3:** NPMI 0.134 (mean over the seeds of the sweep, sd 0.020), UMass −1.421, diversity "
        "0.844; the reported model: NPMI 0.160, UMass −1.415, diversity 0.900.",
        "- **Stability over 5 seeds at k = 3:** mean best-match Jaccard 0.426 (sd 0.068 over 10 pairs of runs; "
        "k = 2: 0.650 and k = 4: 0.410); of 3 topics, 1 stable (0.5 reached in every refit), 1 borderline, 1 not "
        "stable.",
        "- **Firm result, in these 9 plans:** topic 2 (乙) — above the threshold in every refit and found by NMF "
        "too (cosine ≥ 0.9)."]


def test_summarise_borderline_topic_is_no_firm_result():
    # topic 3 is found by NMF (cosine 0.95) but only borderline stable: not a firm result
    assert _closing(0.5).splitlines()[-1] == (
        "- **No topic is both stable in every refit and found by NMF** (cosine ≥ 0.9): in these 9 plans, read the "
        "topics as a first map of the corpus, not as stable categories.")


def test_summarise_without_refits():
    summary, lda, _ = _tables()
    text = stability.summarise(5, SWEEP, summary, None, None, lda, None, 0.8, 0.5, n_plans=9, sampled=True)
    assert text.splitlines()[0].endswith("it is the largest k tried.")
    assert "the sweep's sample" in text and len(text.splitlines()) == 2


# --------------------------------------------------------------------------- the large-N rule and the DMR


class _Plan:
    def __init__(self, n_items, sweep_items, ks, sweep_seeds, stability_seeds):
        self.n_items, self.sweep_items, self.ks = n_items, sweep_items, ks
        self.sweep_seeds, self.stability_seeds = sweep_seeds, stability_seeds
        self.sampled = sweep_items < n_items


def test_describe_sweep_rule_all_items_and_a_sample():
    assert said.describe_sweep_rule(_Plan(273, 273, list(range(2, 11)), [0, 1, 2], [0, 1, 2, 3, 4]), 1000) == (
        "The sweep and the stability refits fit all 273 items (no more than `sweep_max_items` = 1,000); the "
        "reported model and NMF fit all items. The rule gives 9 ks to try (k = 2–10), 3 seeds per k in the sweep "
        "and 5 seeds (0, 1, 2, 3 and 4) for the stability refits.")
    assert said.describe_sweep_rule(_Plan(5480, 1000, [2, 3], [0], [0, 1, 2]), 1000).startswith(
        "The sweep and the stability refits fit a random sample of 1,000 of the 5,480 items (more than "
        "`sweep_max_items` = 1,000), so their cost stops growing with the corpus;")


def _dmr(rows):
    return pd.DataFrame(rows, columns=["covariate", "value", "n_plans", "topic", "prevalence", "ci_low", "ci_high",
                                       "n_boot"])


def test_describe_dmr_overlap_one_plan_value_and_estimate_outside_its_interval():
    # the seed run's region rows for topic 1: central (1 plan) 0.28 [0.07–0.24], east (5 plans) 0.24 [0.07–0.24]
    table = _dmr([("region", "central", 1, 1, 0.28, 0.07, 0.24, 10), ("region", "central", 1, 2, 0.72, 0.6, 0.9, 10),
                  ("region", "east", 5, 1, 0.24, 0.07, 0.24, 20), ("region", "east", 5, 2, 0.76, 0.7, 0.9, 20),
                  ("year", "2024", 9, 1, 0.5, 0.4, 0.6, 20), ("year", "2024", 9, 2, 0.5, 0.4, 0.6, 20)])
    assert said.describe_dmr(table, {1: "义务教育与幼儿园"}) == (
        "By region, topic 1 (义务教育与幼儿园) differs most: `central` 0.280 (1 plan: that plan, not a group; 95% "
        "interval 0.070–0.240) against `east` 0.240 (5 plans; 95% interval 0.070–0.240); the intervals overlap: the "
        "plans do not separate the two values. By year, every plan has the same value (`2024`): nothing to compare. "
        "For 1 of the 6 value × topic cells the full fit's prevalence lies outside its own bootstrap interval: the "
        "refits do not reproduce it, so read those prevalences as unsettled. Intervals: 20 plan-bootstrap refits, "
        "each with its own seed; they cover the sampling of plans and the sampler's seed, not other settings, and "
        "they are descriptions of these plans, not tests.")


def test_describe_dmr_separated_intervals_and_nothing_to_model():
    table = _dmr([("admin_level", "city", 5, 1, 0.6, 0.5, 0.7, 20), ("admin_level", "city", 5, 2, 0.4, 0.3, 0.5, 20),
                  ("admin_level", "county", 2, 1, 0.2, 0.1, 0.3, 19),
                  ("admin_level", "county", 2, 2, 0.8, 0.7, 0.9, 19)])
    assert said.describe_dmr(table).split(". ")[0] == (
        "By admin_level, topic 1 differs most: `city` 0.600 (5 plans; 95% interval 0.500–0.700) against `county` "
        "0.200 (2 plans; 95% interval 0.100–0.300); the intervals do not overlap, in these plans")
    assert said.describe_dmr(table.iloc[:0]) == "No covariate to model."
    assert said.no_dmr(["region", "year"], 20) == (
        "No DMR: none of the registry columns `region` and `year` has two values among these plans (or no topic "
        "model could be fitted), so there is nothing to model.")
    assert said.no_dmr(["region"], 0) == "No DMR: `dmr_boot` is 0, so section 7 is skipped."
