"""Exact sentences of wpanalysis.statements.network, one test per branch."""

from __future__ import annotations

import pandas as pd

from wpanalysis.statements import network as sn


def _summary(rows: list[tuple[str, int, int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": d, "n_items": n, "n_items_with_units": w, "n_multi": m, "n_multi_named": k,
                          "has_units": w > 0} for d, n, w, m, k in rows])


def test_overview_no_plan_lists_units():
    assert sn.units_overview(_summary([("a", 3, 0, 0, 0), ("b", 2, 0, 0, 0)])) == (
        "No plan lists responsible units (2 plans read): there is no unit network to draw for this corpus.")


def test_overview_some_plans_with_labels():
    labels = pd.Series({"a": "宁波 2024", "b": "荣成 2025", "c": "深圳 2024"})
    assert sn.units_overview(_summary([("a", 4, 4, 3, 2), ("b", 5, 4, 4, 4), ("c", 9, 0, 0, 0)]), labels) == (
        "2 of 3 plans list responsible units (宁波 2024 and 荣成 2025); 1 plan lists none (深圳 2024). In the plans "
        "that list units, 7 of 8 items with units (88%) name more than one unit (6 more than one named unit, "
        "collective names such as 各学校 left out).")


def test_overview_all_plans_list_units():
    assert sn.units_overview(_summary([("a", 2, 2, 1, 1), ("b", 1, 1, 0, 0)])) == (
        "All 2 plans list responsible units (a and b). In the plans that list units, 1 of 3 items with units (33%) "
        "name more than one unit (1 more than one named unit, collective names such as 各学校 left out).")

    assert sn.units_overview(_summary([("a", 2, 2, 1, 1)])) == (
        "The only plan lists responsible units. In the plan that lists units, 1 of 2 items with units (50%) name "
        "more than one unit (1 more than one named unit, collective names such as 各学校 left out).")


def _nodes(network: str, rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame([{"network": network, "Id": u, "weighted_degree": w, "betweenness": b} for u, w, b in rows],
                        columns=["network", "Id", "weighted_degree", "betweenness"])


def test_central_units_per_plan_with_a_tie_at_the_cut():
    nodes = pd.concat([_nodes("a", [("甲", 5, 0.5), ("乙", 3, 0.0), ("丙", 3, 0.0)]),
                       _nodes("pooled", [("甲", 5, 0.5)])])
    assert sn.central_units_statement(nodes, top=2, labels={"a": "宁波 2024"}) == (
        "- 宁波 2024 (3 units): sharing most items with other units: 甲 (5), 丙 (3) and 乙 (3); brokering most "
        "(betweenness): 甲 (0.50).")


def test_central_units_without_edges():
    assert sn.central_units_statement(_nodes("a", [("甲", 0, 0.0)])) == (
        "- a (1 unit): no two units share an item; no unit lies between two others.")


def test_central_units_pooled_past_max_plans():
    nodes = pd.concat([_nodes("a", [("甲", 1, 0.0)]), _nodes("b", [("乙", 1, 0.0)]),
                       _nodes("pooled", [("甲", 4, 0.0), ("乙", 2, 0.0)])])
    assert sn.central_units_statement(nodes, top=1, max_plans=1) == (
        "2 plans list units, more than the 1 described one by one: the pooled network.\n\n"
        "- all plans pooled (2 units): sharing most items with other units: 甲 (4); no unit lies between two others.")


def test_central_units_no_plan():
    assert sn.central_units_statement(_nodes("pooled", [])) == "No plan lists responsible units, so no unit is central."


def _load(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": d, "unit": u, "n_led": n} for d, u, n in rows])


def test_lead_load_one_leader_and_a_ranking():
    load = _load([("a", "甲", 3), ("a", "乙", 1), ("b", "丙", 2), ("b", "丁", 1)])
    summary = pd.DataFrame({"doc_id": ["a", "b"], "n_items_with_units": [4, 3]})
    assert sn.lead_load_statement(load, summary, top=1) == (
        "- a: 甲 leads most items (3 of 4 items with units, 75%).\n"
        "- b: 丙 leads most items (2 of 3 items with units, 67%).")
    assert sn.lead_load_statement(load, summary, top=2) == (
        "- a: items led, of 4 items with units: 甲 (3) and 乙 (1).\n"
        "- b: items led, of 3 items with units: 丙 (2) and 丁 (1).")


def test_lead_load_pooled_past_max_plans():
    load = _load([("a", "甲", 3), ("b", "甲", 2), ("b", "乙", 1)])
    summary = pd.DataFrame({"doc_id": ["a", "b"], "n_items_with_units": [3, 3]})
    assert sn.lead_load_statement(load, summary, top=1, max_plans=1) == (
        "- all plans pooled: 甲 leads most items (5 of 6 items with units, 83%).")


def test_lead_load_nothing():
    assert sn.lead_load_statement(_load([]), pd.DataFrame({"doc_id": [], "n_items_with_units": []})) == (
        "No plan lists responsible units, so no unit leads an item.")


def test_unknown_units_several():
    unknown = pd.DataFrame({"spelling": ["质学校", "某办"], "n_items": [18, 1]})
    assert sn.unknown_units_statement(unknown) == (
        "2 unit spellings are not in the alias table and are kept as printed: 质学校 (18 items) and 某办 (1 item). "
        "Add them to wpanalysis/resources/unit_aliases.yaml if they name known units.")


def test_unknown_units_none_listed_and_all_known():
    empty = pd.DataFrame({"spelling": [], "n_items": []})
    assert sn.unknown_units_statement(empty, n_listed=0) == "No plan lists units, so no name needed the alias table."
    assert sn.unknown_units_statement(empty, n_listed=5) == (
        "Every unit name the plans print is in the alias table (wpanalysis/resources/unit_aliases.yaml).")
