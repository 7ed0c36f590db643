"""Golden fixtures: plans in shapes the seed corpus does not show (tests/fixtures/plans/, and the web
copies of tests/fixtures/plans/web/: portal pages, document-sharing copies, flattened copies)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from wpanalysis.build import parse_file

PLANS = Path(__file__).parent / "fixtures" / "plans"
# the web copies live in their own folder: the targets gold (targets_gold_fixtures.csv) is exhaustive
# for the fixtures of PLANS itself, not for these
NAMES = sorted(str(p.relative_to(PLANS)).removesuffix(".expected.json")
               for p in [*PLANS.glob("*.expected.json"), *PLANS.glob("web/*.expected.json")])


def _expected(name: str) -> dict:
    return json.loads((PLANS / f"{name}.expected.json").read_text(encoding="utf-8"))


def _actual(name: str) -> dict:
    return parse_file(PLANS / f"{name}.txt").to_json()


ITEM_KEYS = ("number", "title", "section", "subsection", "responsible_units", "fields")


def test_there_are_at_least_five_fixtures():
    assert len(NAMES) >= 5
    assert sum(name.startswith("web/") for name in NAMES) == 15


@pytest.mark.parametrize("name", NAMES)
def test_fixture_documents(name):
    expected, actual = _expected(name), _actual(name)
    assert len(actual["documents"]) == len(expected["documents"])
    for exp, act in zip(expected["documents"], actual["documents"]):
        assert act["title"] == exp["title"]
        assert act["year"] == exp["year"]
        assert act["sections"] == exp["sections"]
        assert act["subsections"] == exp["subsections"]
        assert [i["number"] for i in act["items"]] == [i["number"] for i in exp["items"]]
        for e_item, a_item in zip(exp["items"], act["items"]):
            assert {k: a_item[k] for k in ITEM_KEYS} == {k: e_item[k] for k in ITEM_KEYS}


@pytest.mark.parametrize("name", NAMES)
def test_fixture_artefacts_stay_out_of_items(name):
    expected, actual = _expected(name), _actual(name)
    texts = []
    for doc in actual["documents"]:
        for item in doc["items"]:
            texts += [item["title"], item["text"], *item["responsible_units"], *item["fields"].values()]
    for needle in expected.get("must_not_appear_in_items", []):
        assert not any(needle in t for t in texts), needle


@pytest.mark.parametrize("name", NAMES)
def test_fixture_nothing_unassigned_except_no_structure(name):
    actual = _actual(name)
    if name == "no_structure":
        assert actual["unassigned"], "prose with no structure is reported as unassigned"
        assert any("no recognisable structure" in w for w in actual["documents"][0]["warnings"])
    else:
        assert actual["unassigned"] == []


@pytest.mark.parametrize("name", NAMES)
def test_fixture_spans_trace_back_to_the_raw_text(name):
    """Every item, heading and title span maps back to the raw file: its visible characters are
    there in order (width and spacing aside), and every removed artefact is where it says."""
    plan = parse_file(PLANS / f"{name}.txt")
    raw = plan.clean.raw
    for part in plan.parts:
        rs, re_ = plan.clean.raw_span(part.start, part.end)
        assert 0 <= rs <= re_ <= len(raw)
        first, last = plan.text[part.start], plan.text[part.end - 1]
        assert _same_char(first, raw[rs]) and _same_char(last, raw[re_ - 1]), (part, raw[rs:re_][:30])
    for a in plan.clean.artefacts:
        if a.kind != "control_character":
            assert a.text in raw[a.raw_start:a.raw_end]


def _same_char(cleaned: str, raw: str) -> bool:
    return cleaned == raw or cleaned == unicodedata.normalize("NFKC", raw)
