"""The teaching guide (docs/teaching/): every exercise has a runnable solution, and each solution
prints values that agree with the same quantities computed here, by hand, from the frozen seed tables."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.seeds import SEED_PROCESSED, SEED_REGISTRY, SEED_ROOT
from wpanalysis.build import load_corpus
from wpanalysis.registry import doc_labels, load_registry, place_names
from wpanalysis.segment import tokenize_items

REPO = Path(__file__).resolve().parent.parent
TEACHING = REPO / "docs" / "teaching"
SOLUTIONS = TEACHING / "solutions"


def run(name: str, *args: str) -> str:
    """stdout of a solution script run on the frozen seed corpus (fails the test on a non-zero exit)."""
    done = subprocess.run([sys.executable, str(SOLUTIONS / f"{name}.py"), "--root", str(SEED_ROOT), *args],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, f"{name}.py failed:\n{done.stderr}"
    return done.stdout


def value(out: str, label: str) -> str:
    """What a solution printed after ``label：`` (up to the end of the line or the next ；)."""
    m = re.search(rf"^{re.escape(label)}：([^；\n]*)", out, re.M)
    assert m, f"no line starting {label}： in\n{out}"
    return m.group(1).strip()


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(SEED_PROCESSED)


@pytest.fixture(scope="module")
def names(seeds) -> dict[str, str]:
    return doc_labels(seeds.documents).to_dict()


def test_every_exercise_has_a_solution_and_every_solution_an_exercise():
    text = (TEACHING / "练习.md").read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(r"^## 练习 (\d+)：", text, re.M)]
    assert numbers == list(range(1, len(numbers) + 1)) and 6 <= len(numbers) <= 10
    scripts = sorted(int(p.stem.split("_")[1]) for p in SOLUTIONS.glob("exercise_*.py"))
    assert scripts == numbers
    for n in numbers:  # each exercise links its own solution
        assert f"(solutions/exercise_{n:02d}.py)" in text


def test_guide_states_nothing_about_the_seed_corpus():
    """The fixed prose must hold for any corpus: no seed doc_id or place name appears in it."""
    registry = load_registry(SEED_REGISTRY)
    banned = set(registry["doc_id"]) | place_names(registry)
    for page in TEACHING.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not [name for name in banned if name in text], page.name


def test_exercise_01_after_school_service(seeds, names):
    term = "课后服务"
    items, targets = seeds.items, seeds.targets
    counts = items["text"].fillna("").str.count(term)
    hit_items = items[counts > 0]
    keys = set(zip(hit_items["doc_id"], hit_items["item_seq"]))
    mine = targets[[k in keys for k in zip(targets["doc_id"], targets["item_seq"])]]
    texts = items.set_index(["doc_id", "item_seq"])["text"]
    same = 0
    for d, s, start in zip(mine["doc_id"], mine["item_seq"], mine["start"]):
        for m in re.finditer(r"[^。；;！？!?\n]+[。；;！？!?\n]?", texts[(d, s)]):
            if m.start() <= start < m.end():
                same += term in m.group(0)
    out = run("exercise_01")
    assert int(value(out, "命中次数")) == int(counts.sum()) > 0
    assert int(value(out, "含该词的条目数")) == len(hit_items)
    assert int(value(out, "这些条目中的量化目标数")) == len(mine)
    assert int(value(out, "其中与该词同在一句的量化目标数")) == same
    assert value(out, "提到该词的计划数") == f"{hit_items['doc_id'].nunique()} / {len(seeds.documents)}"
    for label in names.values():  # every plan is in the table, hits or not
        assert label in out


def test_exercise_02_stopword_layers(seeds):
    tokens = tokenize_items(seeds.items, cache=False)
    content = Counter(t for t, layer in zip(tokens["token"], tokens["stop_layer"]) if layer == "")
    base = Counter(t for t, layer in zip(tokens["token"], tokens["stop_layer"]) if layer in ("", "policy_boilerplate"))
    rank = lambda c: [t for t, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))][:15]  # noqa: E731
    out = run("exercise_02")
    assert int(value(out, "词次总数（不去停用词）")) == len(tokens)
    assert value(out, "再去政策套话（全部三层）").startswith(f"剩余词次 {sum(content.values())}")
    left = [t for t in rank(base) if t not in rank(content)]
    assert value(out, "去掉政策套话层后离开前列的词") == ("、".join(left) or "（无）")
    assert value(out, "离开的词都属于政策套话层") == "是"


def test_exercise_03_responsible_units(seeds, names):
    items = seeds.items.assign(units=seeds.items["responsible_units"].fillna("").astype(str).str.strip())
    named = items[items["units"] != ""]
    order = [d for d in seeds.documents["doc_id"] if d in set(named["doc_id"])]
    ranked = sorted(order, key=lambda d: (-(named["doc_id"] == d).sum(), order.index(d)))
    out = run("exercise_03")
    assert value(out, "写明责任单位的计划数") == f"{len(ranked)} / {len(seeds.documents)}"
    assert len(ranked) >= 2, "the seed corpus has two plans with units"
    sets = {}
    for doc in ranked[:2]:
        sets[doc] = {u.strip() for cell in named.loc[named["doc_id"] == doc, "units"] for u in cell.split("|")} - {""}
        assert (f"{names[doc]}：条目 {(items['doc_id'] == doc).sum()}，写明责任单位的条目 "
                f"{(named['doc_id'] == doc).sum()}，不同的责任单位 {len(sets[doc])}") in out
    a, b = ranked[:2]
    assert value(out, "两份计划都出现的单位名（字面相同）").startswith(str(len(sets[a] & sets[b])))


def test_exercise_04_kappa_from_hand_codes(tmp_path):
    # p_o = 8/10; each coder says 甲 4 times: p_e = 0.4·0.4 + 0.6·0.6 = 0.52; κ = 0.28 / 0.48 = 0.5833
    codes = pd.DataFrame({"编号": range(1, 11), "编码员A": list("甲甲甲甲乙乙乙乙乙乙"),
                          "编码员B": list("甲甲甲乙乙乙乙乙乙甲")})
    path = tmp_path / "codes.csv"
    codes.to_csv(path, index=False, encoding="utf-8-sig")
    out = run("exercise_04", "--codes", str(path))
    assert value(out, "一致的句子") == "8 / 10"
    assert value(out, "Cohen's κ") == "0.583"


def test_exercise_04_template_draws_ten_titles_by_the_rule(seeds, tmp_path):
    items = seeds.items
    body = items[items["has_body"]].groupby("doc_id").size()
    order = [d for d in seeds.documents["doc_id"] if d in body.index]
    doc = max(order, key=lambda d: (body[d], -order.index(d)))
    mine = items[items["doc_id"] == doc].sort_values("item_seq")
    picks = np.unique(np.round(np.linspace(0, len(mine) - 1, 10)).astype(int))
    path = tmp_path / "template.csv"
    run("exercise_04", "--template", str(path))
    sheet = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert sheet["句子"].tolist() == mine["title"].iloc[picks].tolist()
    assert len(sheet) == 10 and (sheet["编码员A"] == "").all()
    demo = run("exercise_04")
    agree, n = map(int, value(demo, "一致的句子").split(" / "))
    assert n == 10 and 0 <= agree <= 10


def test_exercise_05_kwic_across_plans(seeds, names):
    counts = seeds.items.assign(n=seeds.items["text"].fillna("").str.count("教师")).groupby("doc_id")["n"].sum()
    out = run("exercise_05")
    assert value(out, "检索词") == "教师"
    assert f"命中次数：{int(counts.sum())}" in out
    docs = seeds.documents.set_index("doc_id")
    for doc_id, n in counts.items():
        rate = round(n / docs.loc[doc_id, "n_chars"] * 10_000, 1)
        assert re.search(rf"^\s*{re.escape(names[doc_id])}\s+\S+\s+{docs.loc[doc_id, 'n_chars']}\s+{n}\s+{rate}$",
                         out, re.M), doc_id


def test_exercise_06_items_per_section_of_the_longest_plan(seeds, names):
    docs = seeds.documents
    doc = docs["doc_id"].iloc[int(np.argmax(docs["n_chars"].to_numpy()))]
    mine = seeds.items[seeds.items["doc_id"] == doc]
    per_section = mine.groupby("section").size()
    out = run("exercise_06")
    assert value(out, "篇幅最长的计划") == f"{names[doc]}（{doc}）"
    assert value(out, "部分数") == str(len(per_section))
    assert value(out, "条目最多的部分").split("（")[1].startswith(f"{per_section.max()} 条")


def test_exercise_07_outline_and_full_text(seeds):
    items = seeds.items.merge(seeds.documents[["doc_id", "completeness"]], on="doc_id")
    out = run("exercise_07")
    for completeness, part in items.groupby("completeness"):
        row = rf"^\s*{completeness}\s+{part['doc_id'].nunique()}\s+{len(part)}\s+{int(part['has_body'].sum())}\s"
        assert re.search(row, out, re.M), completeness
    assert re.search(r"^两份词表共有的词：\d+ / 10$", out, re.M)


def test_exercise_08_groups_too_small(seeds):
    regions = seeds.documents["region"].dropna()
    sizes = regions.value_counts()
    out = run("exercise_08")
    assert int(value(out, "可用的组")) == int((sizes >= 2).sum())
    unknown = int(seeds.documents["region"].isna().sum())
    one = int((sizes == 1).sum()) + (unknown == 1)
    assert int(value(out, "只有一份计划的组")) == one
