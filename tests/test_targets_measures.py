"""Targets, measures: the kind of quantity each target states (level, relative / absolute change, amount)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from wpanalysis.targets import TARGET_COLUMNS, extract_targets, targets_table
from wpanalysis.targets.measures import (
    MEASURES,
    add_measures,
    item_measures,
    measure_label,
    measure_of,
    measure_table,
)

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "target_measures.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["cases"], ids=[f"{c['raw']}-{c['measure']}" for c in CASES["cases"]])
def test_golden_cases(case):
    found = extract_targets(case["sentence"])
    kinds = item_measures(case["sentence"], [(t.start, t.end) for t in found], [t.unit for t in found])
    matching = [kind for t, kind in zip(found, kinds) if t.raw == case["raw"]]
    assert matching, f"the extractor finds no target {case['raw']!r} in {case['sentence']!r}: fix the case"
    assert matching[0] == case["measure"]


def test_golden_cases_cover_every_measure_and_the_seed_changes():
    kinds = {c["measure"] for c in CASES["cases"]}
    assert kinds == set(MEASURES)
    assert sum(c["source"] == "seed" and c["measure"] == "relative change" for c in CASES["cases"]) == 4


def test_measure_of_reads_only_the_words_after_the_previous_number():
    text = "入园率提高到95%、巩固率98%"  # 巩固率98% is a level, although 提高 comes earlier in the clause
    assert measure_of(text, 13, "%", floor=9) == "level"
    assert measure_of(text, 13, "%") == "level"


def test_a_range_gets_one_measure_for_both_rows():
    found = extract_targets("近视率下降1%—2%")
    assert [t.comparator for t in found] == [">=", "<="]
    assert item_measures("近视率下降1%—2%", [(t.start, t.end) for t in found], [t.unit for t in found]) == [
        "relative change", "relative change"]


def test_targets_table_has_measure_as_its_last_column():
    assert TARGET_COLUMNS[-1] == "measure"
    items = pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [1],
                          "text": ["近视率下降1%以上，入园率达到95%，新建3所学校"]})
    table = targets_table(items)
    assert table["measure"].tolist() == ["relative change", "level", "amount"]
    assert str(table["measure"].dtype) == "string"


def test_add_measures_matches_the_build_on_the_seeds(seed_targets):
    _, items, found = seed_targets
    again = add_measures(found.drop(columns="measure"), items)
    assert again["measure"].tolist() == found["measure"].tolist()
    assert found["measure"].value_counts().to_dict() == {"amount": 221, "level": 62, "relative change": 4}
    assert add_measures(found, items) is found  # a table that has the column is left alone


def test_measure_label_never_merges_percent_and_points():
    labels = {measure_label(m, u) for m, u in [("level", "%"), ("relative change", "%"),
                                                ("absolute change", "百分点"), ("level", "百分点")]}
    assert len(labels) == 4
    assert measure_label("level", "") == "level (number)"


def test_measure_table_on_the_seeds(seed_targets):
    _, _, found = seed_targets
    table = measure_table(found)
    assert table[["kind", "n_targets"]].values.tolist()[:3] == [["level (%)", 60], ["level (number)", 2],
                                                                ["relative change (%)", 4]]
    assert table["kind"].iloc[-1].startswith("amount (个、所、人、") and table["n_targets"].iloc[-1] == 221
    assert table["n_targets"].sum() == len(found)
    assert table.loc[table["kind"] == "relative change (%)", "n_plans"].tolist() == [2]
