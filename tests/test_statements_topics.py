"""Generated statements of notebook 03 (topic models): one test per branch, on hand-made tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wpanalysis.features import DocumentTermMatrix
from wpanalysis.statements import topics as said
from wpanalysis.topics import LABEL_COLUMNS, LabelMatch, Stability


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
        "The 3 topics take between 20% and 50% of the corpus (topic 1, 甲, is the largest: the dominant topic of "
        "50 items). Most coherent: topic 2 (乙, NPMI 0.300); least: topic 1 (甲, 0.100).")


def _match(rows, found=True):
    table = pd.DataFrame(rows, columns=LABEL_COLUMNS)
    labels = {int(r.topic): {"zh": r.label, "en": ""} for r in table.itertuples() if r.applied}
    return LabelMatch(labels, table, n_terms=10, min_shared=0.5, found=found)


def test_labels_all_used():
    match = _match([(1, "甲", 2, 8, 3, True), (2, "乙", 1, 10, 3, True)])
    assert said.describe_labels(match, "labels.yaml", 2) == (
        "All 2 labels in `labels.yaml` match a fitted topic (at least 50% of its recorded terms among the topic's "
        "top 10, and all of its check terms) and are used.")


def test_labels_some_stale():
    match = _match([(1, "甲", 1, 7, 2, True), (2, "乙", 2, 3, 0, False)])
    assert said.describe_labels(match, "labels.yaml", 3) == (
        "1 of the 2 labels in `labels.yaml` match a fitted topic (at least 50% of its recorded terms among the "
        "topic's top 10, and all of its check terms) and are used (topic 1); 1 does not and is ignored: 乙 (best "
        "candidate: topic 2, 3 shared terms). Topics 2 and 3 are shown by their top three terms.")


def test_labels_none_match():
    match = _match([(1, "甲", 1, 2, 0, False), (2, "乙", 3, 4, 1, False)])
    assert said.describe_labels(match, "labels.yaml", 3) == (
        "None of the 2 labels in `labels.yaml` matches a fitted topic (at least 50% of its recorded terms among "
        "the topic's top 10, and all of its check terms; the closest shares 4 terms): they were written for "
        "another corpus or other settings and are ignored. Topics 1, 2 and 3 are shown by their top three terms.")


def test_labels_missing_file():
    match = _match([], found=False)
    assert said.describe_labels(match, "labels.yaml", 4) == (
        "No labels for this model in `labels.yaml`: all 4 topics are shown by their top three terms.")


def _stability(jaccard, cosine, threshold=0.5):
    per = pd.DataFrame({"topic": range(1, len(jaccard) + 1), "jaccard_mean": jaccard,
                        "jaccard_min": [j - 0.1 for j in jaccard], "cosine_mean": cosine})
    per["stable"] = per["jaccard_mean"] >= threshold
    pairs = pd.DataFrame({"seed_a": [0, 0, 1], "seed_b": [1, 2, 2], "jaccard": [0.4, 0.5, 0.6],
                          "cosine": [0.8, 0.8, 0.8]})
    return Stability(pairs, per, threshold)


def test_stability_some_stable_unstable_keep_direction():
    text = said.describe_stability(_stability([0.6, 0.4], [0.9, 0.85]), {1: "甲"})
    assert text == (
        "Over 3 runs (seeds 0, 1 and 2), the mean best-match Jaccard of the top terms is 0.500 and the mean "
        "cosine 0.800. 1 of 2 topics is **stable** (mean best-match Jaccard ≥ 0.5): topic 1 (甲; 0.600, never "
        "below 0.500). Topic 2 is not (0.400). The weights of the unstable topics still point the same way (mean "
        "cosine ≥ 0.8): the refits agree on their broad direction but cut the items between them differently.")


def test_stability_none_stable_and_weights_differ():
    text = said.describe_stability(_stability([0.3, 0.2], [0.9, 0.5]))
    assert text.endswith(
        "No topic is **stable** (mean best-match Jaccard ≥ 0.5; the best is 0.300): read the topics as one of "
        "several possible cuts of the corpus. The weights of topic 2 differ too (mean cosine below 0.8): they "
        "depend on the seed.")


def test_stability_all_stable():
    assert said.describe_stability(_stability([0.7, 0.9], [0.9, 0.95])).endswith(
        "All 2 topics are **stable** (mean best-match Jaccard ≥ 0.5): each recurs in every refit.")


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
    assert said.describe_lda_nmf(summary, matches, lda, nmf) == (
        "Both models find LDA topic 3 (丙) ↔ NMF topic 1 (A) (cosine 0.92). LDA topics 1 and 2 are both closest "
        "to NMF topic 2 (B) (cosine 0.72 and 0.82): NMF covers with one topic what LDA splits. NMF topic 3 (C) "
        "is no LDA topic's closest match: 7% of the corpus, the dominant topic of 10 items. LDA's topics are more "
        "coherent (NPMI 0.160 against 0.090; UMass −1.400 against −1.600). "
        "NMF's are more diverse (0.930 against 0.900). LDA's topics are more even in size (shares 31%–35%, against "
        "7%–49%).")


def test_lda_nmf_no_shared_theme():
    summary, lda, nmf = _tables()
    summary["diversity"], summary["umass"] = 0.9, [-1.4, -1.3]
    matches = pd.DataFrame({"topic_a": [1, 2, 3], "topic_b": [1, 2, 3], "cosine": [0.5, 0.6, 0.7]})
    assert said.describe_lda_nmf(summary, matches, lda, nmf) == (
        "No LDA topic has an NMF counterpart with cosine ≥ 0.9: the two models cut the corpus differently. LDA's "
        "topics are more coherent by NPMI (0.160 against 0.090), NMF's by UMass (−1.300 against −1.400). LDA's "
        "topics are more even in size (shares 31%–35%, against 7%–49%).")


@pytest.mark.parametrize("cosine, firm", [(0.95, True), (0.5, False)])
def test_summarise(cosine, firm):
    summary, lda, _ = _tables()
    summary["umass"], summary["diversity"] = [-1.415, -1.6], [0.9, 0.93]
    matches = pd.DataFrame({"topic_a": [1, 2], "topic_b": [1, 2], "cosine": [cosine, 0.5]})
    text = said.summarise(3, SWEEP, summary, _stability([0.6, 0.4], [0.9, 0.9]), lda, matches, 0.8, sampled=True)
    lines = text.splitlines()
    assert lines[:3] == [
        "- **Chosen k = 3** by the rule of section 2 (1 of the 3 k tried cleared the diversity bar of 0.8).",
        "- **Coherence at k = 3:** NPMI 0.134 (mean over the seeds of the sweep's sample, sd 0.020), UMass −1.421, "
        "diversity 0.844; the reported model: NPMI 0.160, UMass −1.415, diversity 0.900.",
        "- **Stability over 3 seeds:** mean best-match Jaccard 0.500, cosine 0.800; 1 of 2 topics stable."]
    found = "- **Firm result:** topic 1 (甲) — stable over seeds and found by NMF too (cosine ≥ 0.9)."
    none = ("- **No topic is both stable over seeds and found by NMF** (cosine ≥ 0.9): read the topics as a first "
            "map of the corpus, not as stable categories.")
    assert lines[3] == (found if firm else none)


def test_summarise_without_refits():
    summary, lda, _ = _tables()
    assert len(said.summarise(3, SWEEP, summary, None, lda, None, 0.8).splitlines()) == 2
