"""Targets, evaluation: the annotated samples, precision and recall, the evaluation table."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wpanalysis.build import targets_of_file
from wpanalysis.targets.evaluate import (
    GOLD_PATH,
    evaluation_table,
    indicator_agreement,
    load_gold,
    precision_recall,
)

FIXTURES = Path(__file__).parent / "fixtures" / "plans"
FIXTURE_GOLD = GOLD_PATH.parent / "targets_gold_fixtures.csv"
DEV = ["hebei_city_2024", "shenzhen_2024", "heyuan_2025"]
HELD_OUT = ["ningbo_2024", "jishou_2023", "rongcheng_2025"]


def _item_text(items: pd.DataFrame, doc_id: str, number: int) -> str:
    row = items[(items["doc_id"] == doc_id) & (items["item_number"] == number)]
    assert len(row) == 1
    return row["text"].iloc[0]


def fixture_targets() -> pd.DataFrame:
    """The targets of the fixture plans, items numbered by position as ``targets_gold_fixtures.csv`` is."""
    found = pd.concat([targets_of_file(path) for path in sorted(FIXTURES.glob("*.txt"))], ignore_index=True)
    return found.assign(item_number=found["item_seq"])  # position: numbering restarts in two fixtures


def test_gold_sample_is_well_formed(items):
    gold = load_gold()
    assert list(gold.columns) == ["doc_id", "item_number", "raw", "indicator", "comparator", "value", "unit",
                                  "year", "notes"]
    assert len(gold) >= 80
    assert set(gold["doc_id"]) == set(DEV + HELD_OUT)  # the six plans with body text
    assert set(gold["comparator"]) <= {">=", "<=", "=", ">", "<"}
    for row in gold.itertuples():
        assert row.raw in _item_text(items, row.doc_id, row.item_number)


@pytest.mark.parametrize("docs", [DEV, HELD_OUT, DEV + HELD_OUT], ids=["development", "held-out", "all"])
def test_precision_recall_on_annotated_sample(predicted, docs):
    gold = load_gold()
    result = precision_recall(predicted, gold[gold["doc_id"].isin(docs)])
    assert result.precision >= 0.9 and result.recall >= 0.9, str(result)
    assert (result.matched["gold_raw"] == result.matched["pred_raw"]).mean() >= 0.9
    assert result.indicator_agreement >= 0.85


def test_precision_recall_on_unseen_fixture_plans():
    """The fixture plans were annotated blind, after the rules were frozen (see the README)."""
    gold = load_gold(FIXTURE_GOLD)
    result = precision_recall(fixture_targets(), gold, documents={p.stem for p in FIXTURES.glob("*.txt")})
    assert len(gold) >= 100
    assert result.precision >= 0.9 and result.recall >= 0.9, str(result)


def test_matching_rule():
    gold = pd.DataFrame({"doc_id": ["d"] * 3, "item_number": [1, 1, 2], "comparator": ["=", "=", ">="],
                         "value": [1.0, 1.0, 1 / 3], "unit": ["个", "个", ""]})
    pred = pd.DataFrame({"doc_id": ["d"] * 3, "item_number": [1, 2, 3], "comparator": ["=", ">=", "="],
                         "value": [1.0, 0.333333, 5.0], "unit": ["个", "", "所"]})
    result = precision_recall(pred, gold)
    assert (result.n_matched, result.precision, result.recall) == (2, 2 / 3, 2 / 3)  # one-to-one: 1个 once
    assert result.false_negatives["item_number"].tolist() == [1]
    assert result.false_positives["item_number"].tolist() == [3]
    other_doc = pred.assign(doc_id="e")
    assert precision_recall(other_doc, gold).n_predicted == 0  # only the gold's documents are scored
    assert indicator_agreement(["新增学位"], ["新增学位"]) == 1.0


def test_fixture_targets_score_as_the_annotation_readme_says():
    gold = load_gold(FIXTURE_GOLD)
    result = precision_recall(fixture_targets(), gold, documents=set(gold["doc_id"]))
    table = evaluation_table({"fixtures": result}, {"fixtures": "blind"})
    assert table.loc[0, "n_gold"] == len(gold)
    assert table.loc[0, "precision"] >= 0.9 and table.loc[0, "recall"] >= 0.9
    assert table.loc[0, "note"] == "blind"
