"""The plan grammar has one owner: the labels the clean stage keeps on their own line are
the labels the structure stage reads as fields, in Simplified and Traditional characters."""

from __future__ import annotations

import pytest

from wpanalysis.grammar import CANONICAL_FIELDS, UNIT_FIELDS, UNIT_LABELS, label_forms, starts_label, to_traditional
from wpanalysis.script import display_width, to_simplified
from wpanalysis.structure import parse_plan

WIDTH = 24  # cells: the width at which the copies below are hard-wrapped
VALUE = "基教科、教研中心"

# (title, section, body phrase, next item) of a Simplified and a Traditional plan
TEMPLATES = {
    "simplified": ("青山县教育局2024年工作要点", "一、加强党的建设",
                   "深入开展理论学习完善党组织领导的校长负责制健全议事决策规则推动党建与业务深度融合",
                   "2.加强师德师风建设。"),
    "traditional": ("青山縣教育局2024年工作要點", "一、加強黨的建設",
                    "深入開展理論學習完善黨組織領導的校長負責制健全議事決策規則推動黨建與業務深度融合",
                    "2.加強師德師風建設。"),
}


def wrapped_plan(label: str, script: str) -> str:
    """A PDF copy: item 1's paragraph hard-wrapped at WIDTH cells (six full lines that do not
    end a sentence), then a line opening with ``label``. Without the label rule the clean
    stage would join that line to the full line before it."""
    title, section, phrase, next_item = TEMPLATES[script]
    chars = (phrase * 4)[:WIDTH - 1 + 5 * WIDTH]
    lines = ["1." + chars[:WIDTH - 1]] + [chars[k:k + WIDTH] for k in range(WIDTH - 1, len(chars), WIDTH)]
    assert len(lines) == 6 and {display_width(ln) for ln in lines} == {WIDTH}
    colon = "：" if script == "simplified" else ":"
    return "\n".join([title, section, *lines, f"{label}{colon}{VALUE}", next_item]) + "\n"


CASES = [(label, name, "simplified") for label, name in CANONICAL_FIELDS.items()] + [
    (to_traditional(label), name, "traditional") for label, name in CANONICAL_FIELDS.items()
]


def test_the_cases_cover_every_label_the_grammar_knows():
    assert {label for label, _, _ in CASES} == set(label_forms())
    assert set(UNIT_LABELS.split("|")) <= set(CANONICAL_FIELDS), "every unit label is a field"
    assert {CANONICAL_FIELDS[label] for label in UNIT_LABELS.split("|")} == set(UNIT_FIELDS)


def test_templates_are_one_plan_in_two_scripts():
    simplified, traditional = TEMPLATES["simplified"], TEMPLATES["traditional"]
    assert [to_simplified(t) for t in traditional] == list(simplified)


@pytest.mark.parametrize("label", sorted(set(CANONICAL_FIELDS) | set(UNIT_LABELS.split("|"))))
def test_traditional_form_reads_back_as_the_label(label):
    trad = to_traditional(label)
    assert to_simplified(trad) == label
    assert starts_label(f"{label}:{VALUE}") and starts_label(f"{trad}：{VALUE}")


@pytest.mark.parametrize("label,name,script", CASES, ids=[f"{label}-{script}" for label, _, script in CASES])
def test_field_survives_a_hard_wrap(label, name, script):
    plan = parse_plan(wrapped_plan(label, script))
    assert plan.script == script
    assert plan.clean.wrap_width == WIDTH, "the copy is recognised as hard-wrapped"
    (doc,) = plan.documents
    assert [i.number for i in doc.items] == [1, 2]
    item = doc.items[0]
    assert item.fields == {name: VALUE}
    if name in UNIT_FIELDS:
        assert item.responsible_units == ["基教科", "教研中心"]
    assert label not in item.text


@pytest.mark.parametrize("script", TEMPLATES)
def test_a_line_without_label_is_joined(script):
    """The control: the same copy with a word that is no label, which the wrap joins."""
    plan = parse_plan(wrapped_plan("工作内容", script))
    assert plan.clean.wrap_width == WIDTH
    item = plan.documents[0].items[0]
    assert item.fields == {}
    assert "\n工作内容" not in plan.text and "工作内容" in item.text
