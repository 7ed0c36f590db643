"""Targets, evaluation: the annotated samples, precision and recall, scoring by split, drawing a sample.

The scores asserted here are the ones ``data/annotations/README.md`` reports (the seed sample by
split, and the blind fixture sample, which the notebook no longer shows: it is about the
extractor, not about a corpus).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.seeds import SEED_ANNOTATIONS
from wpanalysis.build import targets_of_file
from wpanalysis.targets.evaluate import (
    FIXTURE_GOLD_PATH,
    GOLD_COLUMNS,
    GOLD_PATH,
    SAMPLE_COLUMNS,
    draw_sample,
    evaluation_table,
    indicator_agreement,
    load_gold,
    precision_recall,
    sample_plans,
    score_sample,
)

FIXTURES = Path(__file__).parent / "fixtures" / "plans"


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
    assert list(gold.columns) == GOLD_COLUMNS
    targets = gold[gold["value"].notna()]
    assert len(targets) == 286
    assert set(gold["comparator"]) <= {">=", "<=", "=", ">", "<", ""}
    assert (gold["raw"] == "").eq(gold["value"].isna()).all()  # an empty row is an item read with no target
    for row in targets.itertuples():
        assert row.raw in _item_text(items, row.doc_id, row.item_number)


def test_the_split_lives_in_the_data(items):
    """Each plan of the seed sample is in one split, and the sample lists every item of its plans."""
    gold = load_gold()
    splits = gold.groupby("doc_id")["split"].agg(set)
    assert splits.map(len).eq(1).all()
    assert {d for d, s in splits.items() if s == {"dev"}} == {"hebei_city_2024", "shenzhen_2024", "heyuan_2025"}
    assert {d for d, s in splits.items() if s == {"heldout"}} == {"ningbo_2024", "jishou_2023", "rongcheng_2025"}
    listed = set(zip(gold["doc_id"], gold["item_number"]))
    sample_items = items[items["doc_id"].isin(splits.index)]
    assert listed == set(zip(sample_items["doc_id"], sample_items["item_number"]))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()} if folder.is_dir() else {}


def test_the_annotation_files_match_their_frozen_copies():
    """The notebook's seed run reads data/annotations/, the test session its frozen copy: they must agree
    (checked only while data/raw/ is the seed corpus: a researcher's own corpus has its own samples)."""
    frozen = Path(__file__).parent / "seed_corpus" / "data" / "annotations"
    checkout = Path(__file__).resolve().parents[1] / "data" / "annotations"
    if _files(checkout.parent / "raw") != _files(frozen.parent / "raw"):
        pytest.skip("data/raw/ is not the seed corpus")
    for name, content in _files(frozen).items():  # every frozen sample, the instrument and alignment samples too
        assert (checkout / name).read_bytes() == content, name


def test_seed_sample_scores_as_the_readme_says(predicted):
    scores = score_sample(predicted, load_gold())
    table = evaluation_table(scores).set_index("sample")
    assert list(table.index) == ["dev", "heldout", "all"]
    assert table["n_items"].tolist() == [117, 94, 211]
    assert table["n_gold"].tolist() == [120, 166, 286]
    assert (table["precision"] == 1.0).all() and (table["recall"] == 1.0).all()
    assert (table["raw_equal"] == 1.0).all()
    assert table["indicator_equal"].round(3).tolist() == [0.8, 0.729, 0.759]
    assert table["indicator_f1"].round(2).tolist() == [0.96, 0.93, 0.94]


def test_fixture_sample_scores_as_the_readme_says():
    """The fixture plans were annotated blind, after the rules were frozen (see the README)."""
    gold = load_gold(FIXTURE_GOLD_PATH)
    result = precision_recall(fixture_targets(), gold, documents={p.stem for p in FIXTURES.glob("*.txt")})
    table = evaluation_table({"fixtures": result}, {"fixtures": "blind"})
    assert table.loc[0, ["n_gold", "n_predicted", "n_matched"]].tolist() == [112, 112, 112]
    assert (table.loc[0, "precision"], table.loc[0, "recall"]) == (1.0, 1.0)
    assert round(table.loc[0, "indicator_equal"], 2) == 0.96 and round(table.loc[0, "indicator_f1"], 2) == 0.99
    assert table.loc[0, "note"] == "blind" and pd.isna(table.loc[0, "n_items"])


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


def test_score_sample_scores_only_the_listed_items():
    gold = pd.DataFrame({"doc_id": ["d", "d", "e"], "item_number": [1, 2, 1], "comparator": ["=", "", "="],
                         "value": [5.0, float("nan"), 3.0], "unit": ["所", "", "个"], "split": ["", "", ""]})
    pred = pd.DataFrame({"doc_id": ["d", "d", "d", "e"], "item_number": [1, 2, 9, 1], "comparator": ["="] * 4,
                         "value": [5.0, 7.0, 8.0, 3.0], "unit": ["所", "所", "所", "个"]})
    scores = score_sample(pred, gold, doc_ids=["d"])  # e is not in the corpus; item 9 was not read
    assert list(scores) == ["all"]  # no split column values: one score
    assert (scores["all"].n_items, scores["all"].n_predicted, scores["all"].n_matched) == (2, 2, 1)
    assert scores["all"].false_positives["item_number"].tolist() == [2]
    assert sample_plans(gold, ["d"]) == (1, 1)


def test_score_sample_keys_by_item_seq_when_the_sample_has_it():
    gold = pd.DataFrame({"doc_id": ["d"], "item_seq": [2], "item_number": [1], "comparator": ["="],
                         "value": [5.0], "unit": ["所"], "split": ["dev"]})
    pred = pd.DataFrame({"doc_id": ["d", "d"], "item_seq": [1, 2], "item_number": [1, 1], "comparator": ["="] * 2,
                         "value": [5.0, 5.0], "unit": ["所"] * 2})  # numbering restarts: two items numbered 1
    result = score_sample(pred, gold)["all"]
    assert (result.n_predicted, result.precision, result.recall) == (1, 1.0, 1.0)


def test_draw_sample_is_seeded_split_and_never_overwrites(items, tmp_path):
    path = tmp_path / "annotations" / "targets_sample.csv"
    sample = draw_sample(items, n_items=20, seed=3, path=path)
    assert list(sample.columns) == SAMPLE_COLUMNS and len(sample) == 20
    assert sample.equals(draw_sample(items, n_items=20, seed=3))
    assert not sample.equals(draw_sample(items, n_items=20, seed=4))
    assert sample["split"].value_counts().to_dict() == {"dev": 10, "heldout": 10}
    assert (sample[["raw", "indicator", "comparator", "value", "unit", "year", "notes"]] == "").all().all()
    assert list(sample.sort_values(["doc_id", "item_seq"]).index) == list(sample.index)
    with pytest.raises(FileExistsError):
        draw_sample(items, n_items=20, seed=3, path=path)
    unfilled = load_gold(path)  # read back as a sample of items with no target yet
    assert unfilled["value"].isna().all() and "item_seq" in unfilled.columns
    assert len(draw_sample(items.head(5), n_items=60)) == 5


def test_a_filled_in_sample_scores(items, predicted, tmp_path):
    """Filling the drawn sample with the extractor's own targets gives precision and recall 1."""
    sample = draw_sample(items, n_items=30, seed=0)
    rows = []
    for item in sample.drop(columns="text").itertuples(index=False):
        found = predicted[(predicted["doc_id"] == item.doc_id) & (predicted["item_seq"] == item.item_seq)]
        rows += [{**item._asdict(), "raw": t.raw, "comparator": t.comparator, "value": t.value, "unit": t.unit}
                 for t in found.itertuples()] or [item._asdict()]
    path = tmp_path / "targets_gold.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    scores = score_sample(predicted, load_gold(path), items["doc_id"].unique())
    assert list(scores) == ["dev", "heldout", "all"]
    assert scores["all"].n_items == 30 and scores["all"].precision == scores["all"].recall == 1.0


def test_gold_paths_follow_the_compendium():
    assert GOLD_PATH == SEED_ANNOTATIONS / "targets_gold.csv"


def test_coded_by_reads_the_role_from_the_annotations_readme(tmp_path):
    from wpanalysis.targets.evaluate import coded_by

    role = coded_by(SEED_ANNOTATIONS / "README.md", "targets_gold.csv")
    assert role == "the extractor's author alone — a check by the author, not inter-coder reliability"
    assert coded_by(SEED_ANNOTATIONS / "README.md", "targets_gold_fixtures.csv") == role
    assert coded_by(SEED_ANNOTATIONS / "README.md", "nothing.csv") is None
    assert coded_by(tmp_path / "README.md", "targets_gold.csv") is None  # no README
