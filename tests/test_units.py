"""wpanalysis.units: the alias table, lead and supporting units, incidence, load and summaries."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from tests.seeds import SEED_PROCESSED
from wpanalysis import units
from wpanalysis.build import load_corpus, parse_file

FIXTURES = Path(__file__).parent / "fixtures"
CASES = list(csv.DictReader((FIXTURES / "unit_aliases_cases.csv").open(encoding="utf-8")))


@pytest.fixture(scope="module")
def seed():
    return load_corpus(SEED_PROCESSED)


@pytest.fixture(scope="module")
def seed_units(seed) -> pd.DataFrame:
    return units.unit_table(seed.items)


def _fixture_spellings() -> set[str]:
    """Every unit printed in the golden fixture plans and the constructed series."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.update(node.get("responsible_units") or [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((FIXTURES / "plans").glob("*.expected.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    for path in sorted((FIXTURES / "series").rglob("*.txt")):
        for doc in parse_file(path).documents:
            for item in doc.items:
                found.update(item.responsible_units)
    return found


@pytest.mark.parametrize("case", CASES, ids=[c["spelling"] for c in CASES])
def test_alias_cases(case):
    u = units.normalise_unit(case["spelling"])
    assert (u.unit, u.kind, u.known, u.redacted) == (case["unit"], case["kind"], case["known"] == "True",
                                                     case["redacted"] == "True"), case["note"]


def test_every_seed_spelling_is_in_the_alias_table(seed_units):
    assert len(seed_units) > 0
    assert seed_units.loc[~seed_units["known"], "spelling"].tolist() == []
    assert units.unknown_units(seed_units).empty


def test_every_fixture_spelling_is_in_the_alias_table():
    spellings = _fixture_spellings()
    assert len(spellings) >= 50
    assert sorted(s for s in spellings if not units.normalise_unit(s).known) == []


def test_case_list_covers_seed_and_fixture_origins():
    assert {c["origin"] for c in CASES} == {"seed", "fixture", "synthetic", "negative"}


def test_alias_table_rejects_a_spelling_given_to_two_units(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("units:\n  甲科: {spellings: [甲], kind: office}\n  乙科: {spellings: [甲], kind: office}\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"aliases.yaml: spelling '甲' is given to both"):
        units.load_aliases(path)


def test_alias_table_rejects_an_unknown_kind(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text("units:\n  甲科: {spellings: [甲], kind: bureau}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"unit '甲科' has kind 'bureau'"):
        units.load_aliases(path)


def _items(*notes: str, lead_fields: tuple[str | None, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": "p", "item_seq": range(1, len(notes) + 1), "item_number": range(1, len(notes) + 1),
                         "responsible_units": list(notes),
                         "field_牵头单位": list(lead_fields) or [None] * len(notes)})


def test_lead_is_first_listed_or_the_牵头_field():
    t = units.unit_table(_items("甲科|乙科|丙科", "甲科|乙科|丙科", lead_fields=(None, "乙科、丙科")))
    assert t[["item_seq", "unit", "role"]].values.tolist() == [
        [1, "甲科", "lead"], [1, "乙科", "support"], [1, "丙科", "support"],
        [2, "甲科", "support"], [2, "乙科", "lead"], [2, "丙科", "lead"]]


def test_a_unit_printed_twice_in_one_item_counts_once():
    t = units.unit_table(_items("组织处|组织处(机关党委)|发规处"))
    assert t[["unit", "role", "position"]].values.tolist() == [["组织处", "lead", 1], ["发展规划处", "support", 2]]


def test_incidence_lead_load_and_summary_by_hand():
    items = _items("甲科|乙科|各学校", "乙科", "甲科|乙科", "")
    t = units.unit_table(items)
    assert units.incidence(t, "p").to_dict("index") == {"乙科": {1: 1, 2: 1, 3: 1}, "甲科": {1: 1, 2: 0, 3: 1}}
    assert units.incidence(t, include_collective=True).loc["各学校"].tolist() == [1, 0, 0]
    load = units.lead_load(t)
    assert load[["unit", "n_led", "n_items", "share_led"]].values.tolist() == [
        ["甲科", 2, 2, 0.666667], ["乙科", 1, 3, 0.333333], ["各学校", 0, 1, 0.0]]
    summary = units.plan_unit_summary(pd.DataFrame({"doc_id": ["p", "q"]}), items, t)
    assert summary.to_dict("records") == [
        {"doc_id": "p", "n_items": 4, "n_items_with_units": 3, "n_units": 2, "n_multi": 2, "n_multi_named": 2,
         "share_multi": 0.666667, "has_units": True},
        {"doc_id": "q", "n_items": 0, "n_items_with_units": 0, "n_units": 0, "n_multi": 0, "n_multi_named": 0,
         "share_multi": 0.0, "has_units": False}]


def test_seed_plans_with_and_without_units(seed, seed_units):
    assert units.plans_without_units(seed.documents, seed.items) == [
        "hebei_city_2024", "shenzhen_2024", "unknown_city_2024", "county_a_2024", "county_b_2024", "jishou_2023",
        "heyuan_2025"]
    s = units.plan_unit_summary(seed.documents, seed.items, seed_units).set_index("doc_id")
    # Rongcheng: items 16 and 17 name 体育发展中心 alone; items 15 and 20 one named unit + a collective
    assert s.loc["rongcheng_2025", ["n_items_with_units", "n_units", "n_multi", "n_multi_named"]].tolist() == [
        28, 17, 26, 24]
    # Ningbo: item 12 names 高教处 alone; item 26 办公室 + the collective 各相关处室
    assert s.loc["ningbo_2024", ["n_items_with_units", "n_units", "n_multi", "n_multi_named"]].tolist() == [
        31, 22, 30, 29]


def test_seed_lead_load(seed_units):
    load = units.lead_load(seed_units)
    top = load[load["doc_id"] == "rongcheng_2025"].head(3)
    assert top[["unit", "n_led"]].values.tolist() == [["政工科", 7], ["基础教育科", 5], ["职业教育科", 5]]
    assert load.groupby("doc_id")["n_led"].sum().to_dict() == {"ningbo_2024": 31, "rongcheng_2025": 28}


def test_unknown_units_are_kept_and_reported():
    t = units.unit_table(_items("质学校|基教科", "质学校"))
    assert t["unit"].tolist() == ["质学校", "基础教育科", "质学校"]
    assert units.unknown_units(t).to_dict("records") == [
        {"spelling": "质学校", "kind": "unknown", "n_items": 2, "n_plans": 1, "doc_ids": "p"}]


def test_no_units_at_all():
    t = units.unit_table(_items("", ""))
    assert t.empty and list(t.columns) == units.UNIT_COLUMNS
    assert units.lead_load(t).empty and units.unknown_units(t).empty
    assert units.incidence(t, "p").shape == (0, 0)
