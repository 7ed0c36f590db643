"""Generated statements of the policy-instrument analysis: one test per branch, exact sentences."""

from __future__ import annotations

import pandas as pd

from wpanalysis.statements import instruments as said


def test_distribution_with_a_tie_for_the_largest_sub_instrument():
    coded = pd.DataFrame({"doc_id": ["a", "b", "b"], "instrument_type": ["supply", "environment", "demand"],
                          "instrument": ["talent", "regulation", "pilots_demonstration"]})
    assert said.describe_instrument_distribution(coded) == (
        "Of the 3 sentences of 2 plans, 33% are coded supply-side, 33% environmental and 33% demand-side; "
        "0% name no act (`none`). The most frequent sub-instruments are talent and teacher development, "
        "regulation and control and pilots and demonstration (1 sentence each).")


def test_distribution_of_nothing():
    empty = pd.DataFrame(columns=["doc_id", "instrument_type", "instrument"])
    assert said.describe_instrument_distribution(empty) == "The corpus has no sentences to code."


def test_validation_without_a_sample():
    summary = pd.DataFrame(columns=["comparison", "level", "subset", "n", "agreement", "kappa", "alpha"])
    assert said.describe_validation(summary) == (
        "No doubly coded sample exists for this corpus, so the instrument coding is not validated here.")


def test_validation_coders_only():
    summary = pd.DataFrame({"comparison": ["coders"], "level": ["type"], "subset": ["all"], "n": [20],
                            "agreement": [0.5], "kappa": [0.3], "alpha": [0.31]})
    assert said.describe_validation(summary) == (
        "On 20 sentences the two coders agree on the instrument type with Cohen's κ = 0.30 "
        "(Krippendorff's α = 0.31; fair agreement).")


def test_disagreements_none_and_some():
    agree = pd.DataFrame({"coder_a": ["talent"], "coder_b": ["talent"]})
    assert said.describe_disagreements(agree) == "The coders agree on all 1 sentence."
    differ = pd.DataFrame({"coder_a": ["none", "funding"], "coder_b": ["regulation", "funding"]})
    assert said.describe_disagreements(differ) == (
        "The coders disagree on 1 of 2 sentences; most often none vs regulation and control (1).")


def test_plan_structure_every_plan_and_one_plan():
    s = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "instrument": ["supply", "environment"] * 2,
                      "n_sentences": [4, 4, 2, 2], "share": [0.25, 0.75, 0.0, 1.0]})
    assert said.describe_plan_structure(s) == (
        "Environmental instruments are the largest type in every plan (2) (ties counted for each type); "
        "the share of supply-side instruments ranges from 0% to 25% over the plans.")
    assert said.describe_plan_structure(s[s["doc_id"] == "a"]) == (
        "Environmental instruments are the largest type in every plan (1) (ties counted for each type).")
    assert said.describe_plan_structure(s.assign(n_sentences=0)) == "No plan has sentences to code."


def test_group_shares_all_descriptive_and_several_compared():
    t = pd.DataFrame({"group": ["east", "west"], "n_plans": [2, 1], "basis": ["descriptive only"] * 2})
    assert said.describe_group_shares(t, 3) == (
        "No group has 3 or more plans, so the group shares are descriptive only: east (2 plans) and west (1 plan).")
    t = pd.DataFrame({"group": ["east", "west"], "n_plans": [5, 4], "basis": ["bootstrap over plans"] * 2})
    assert said.describe_group_shares(t, 3) == (
        "Groups with at least 3 plans get a 95% bootstrap interval over their plans: "
        "east (5 plans) and west (4 plans).")


def test_group_shares_overlap_and_apart():
    t = pd.DataFrame({"group": ["east", "east", "west", "west"], "n_plans": [5, 5, 4, 4],
                      "instrument": ["supply", "demand"] * 2, "mean_share": [0.2, 0.1, 0.4, 0.12],
                      "ci_low": [0.15, 0.05, 0.3, 0.08], "ci_high": [0.25, 0.15, 0.5, 0.2],
                      "basis": ["bootstrap over plans"] * 4})
    assert said.describe_group_shares(t, 3) == (
        "Groups with at least 3 plans get a 95% bootstrap interval over their plans: east (5 plans) and "
        "west (4 plans). Intervals that do not overlap: supply (east 20% vs west 40%); all other intervals overlap.")
    t["ci_high"] = 0.6
    assert said.describe_group_shares(t, 3).endswith(
        "For every type the groups' intervals overlap: at this number of plans the data cannot tell the groups apart.")
