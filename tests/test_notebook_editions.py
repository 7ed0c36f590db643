"""The other language's edition of every notebook (issue 21).

The committed notebooks are the English run, checked by nbval. Here ``make classroom``'s command
(:func:`wpanalysis.classroom.build_classroom`) runs every notebook in Chinese on the frozen seed
corpus (``tests/seeds.py``) into a temporary folder, and each edition must show a reader no
English word — in its prose, its generated statements and other outputs, its table headers and
every text of every figure (:func:`wpanalysis.editions.edition_problems`) — apart from proper
names, acronyms, codes and the corpus's own words. The hand-out built from that run must be whole
offline (:func:`wpanalysis.handout.check_handout`).
"""

from __future__ import annotations

import base64
import json
import re

import nbformat
import pytest

from tests.seeds import SEED_ROOT
from wpanalysis import config
from wpanalysis.classroom import build_classroom
from wpanalysis.editions import Edition, edition_problems
from wpanalysis.notebooks import find_notebooks

NOTEBOOKS = [p.stem for p in find_notebooks()]


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """The Chinese classroom edition of every notebook, built once for this module (after an earlier
    run's figure was left in figures/zh/, which the hand-out must not show)."""
    stale = SEED_ROOT / "figures" / "zh" / "99_left_by_an_earlier_run.png"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"\x89PNG\r\n\x1a\n")
    return build_classroom("zh", tmp_path_factory.mktemp("classroom"), corpus_root=SEED_ROOT)


def test_every_notebook_runs_in_chinese(classroom):
    assert classroom.failed == {}
    assert [e.name for e in classroom.editions] == NOTEBOOKS


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_the_chinese_edition_shows_no_english(classroom, stem):
    edition = next(e for e in classroom.editions if e.name == stem)
    problems = edition_problems(edition)
    assert problems == [], f"{stem} in Chinese shows English ({len(problems)}):\n" + "\n".join(problems)


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_every_figure_of_the_chinese_edition_is_checked_and_saved_apart(classroom, stem):
    """The figure texts were recorded (the check saw every figure) and the files went to figures/zh/."""
    edition = next(e for e in classroom.editions if e.name == stem)
    source = nbformat.read(config.NOTEBOOKS_DIR / f"{stem}.ipynb", as_version=4)
    drawn = sum("show_figure(" in c.source for c in source.cells if c.cell_type == "code")
    images = sum("image/png" in o.get("data", {}) for c in edition.notebook.cells for o in c.get("outputs", []))
    assert len(edition.figures) >= min(drawn, images) > 0 or drawn == 0
    assert {f["language"] for f in edition.figures} <= {"zh"}
    for figure in edition.figures:
        assert (SEED_ROOT / "figures" / "zh" / f"{figure['name']}.png").is_file(), figure["name"]


def test_the_chinese_handout_is_whole_offline(classroom):
    from wpanalysis.handout import check_handout

    out = classroom.handout.parent
    assert check_handout(out) == []
    index = classroom.handout.read_text(encoding="utf-8")
    for stem in NOTEBOOKS:
        assert f'href="notebooks/{stem}.html"' in index, stem
        page = (out / "notebooks" / f"{stem}.html").read_text(encoding="utf-8")
        executed = nbformat.read(classroom.handout.parent.parent / "notebooks" / f"{stem}.ipynb", as_version=4)
        pngs = [o for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
        assert len(re.findall(r"<img [^>]*src=\"" + re.escape(stem) + r"_files/", page)) == len(pngs), stem
        assert '<html lang="zh">' in page, stem
        assert base64.b64decode(pngs[0]["data"]["image/png"])[:4] == b"\x89PNG" if pngs else True
    assert 'lang="zh-CN"' in index
    shown = sorted(p.name for p in (out / "figures").glob("*.png"))  # the hand-out's copies
    drawn = sorted(f"{f['name']}.png" for e in classroom.editions for f in e.figures)
    assert shown == drawn and "99_left_by_an_earlier_run.png" not in index


def test_the_classroom_never_replaces_the_package_notebooks():
    with pytest.raises(ValueError, match="would replace the notebooks"):
        build_classroom("zh", config.NOTEBOOKS_DIR.parent)
    assert (config.NOTEBOOKS_DIR / "01_corpus_overview.ipynb").is_file()


def test_edition_problems_names_the_cell_the_header_and_the_figure():
    """Hand-made: one English statement, one column code as a header, one English legend entry."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## 各部分的条目数", id="intro"),
        nbformat.v4.new_code_cell("said", id="said", outputs=[nbformat.v4.new_output(
            "execute_result", {"text/markdown": "**9 份计划** from 5 provinces (NPMI, `doc_id`)"})]),
        nbformat.v4.new_code_cell("t", id="table", outputs=[nbformat.v4.new_output(
            "execute_result", {"text/html": "<table><thead><tr><th>n_items</th><th>地区</th></tr></thead></table>"})]),
    ])
    figures = [json.loads('{"name": "01_sizes", "language": "zh", "texts": ["东部", "east", "宁波 2024", "N = 9 份"]}')]
    edition = Edition("01_example", "zh", nb, figures, SEED_ROOT)
    assert edition_problems(edition, allow=["宁波 2024"]) == [
        'said output: from, provinces in "**9 份计划** from 5 provinces (NPMI, `doc_id`)"',
        "table table header: 'n_items' is a column code; show it with labels.localised",
        'figure 01_sizes: east in "east"',
    ]


def test_an_edition_given_a_relative_folder_writes_where_the_caller_means(monkeypatch, tmp_path):
    """The kernel runs in the notebook's folder, so the folder and the figure log are made absolute."""
    import os

    from wpanalysis import editions, notebooks

    seen = {}

    def fake_execute(path, timeout, parameters, output):
        seen.update(output=output, log=os.environ[editions.FIGURE_TEXT_LOG_ENV_VAR], parameters=parameters)
        return nbformat.v4.new_notebook()

    monkeypatch.setattr(notebooks, "execute_notebook", fake_execute)
    monkeypatch.chdir(tmp_path)
    run = editions.run_edition("01", "zh", "classroom/notebooks")
    assert seen["output"] == tmp_path / "classroom" / "notebooks" / "01_corpus_overview.ipynb"
    assert seen["log"] == str(tmp_path / "classroom" / "notebooks" / "01_corpus_overview.figures.jsonl")
    assert seen["parameters"] == {"language": "zh"} and run.figures == []
    with pytest.raises(ValueError, match="another folder than"):
        editions.run_edition("01", "zh", config.NOTEBOOKS_DIR)
