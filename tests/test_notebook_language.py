"""Notebook prose in a second language (wpanalysis.notebook_language): extract, check, localise, the CLI."""

from __future__ import annotations

import hashlib

import nbformat
import pytest
import yaml

from wpanalysis import config
from wpanalysis import notebook_language as nl
from wpanalysis.labels import foreign_words

INTRO = "# Items per section\n\nColumns are each plan's own section numbers."
HOW = "How to read the figure: one row per plan."


def _toy(tmp_path, intro: str = INTRO):
    """A notebook of two Markdown cells around a code cell, saved as tmp/nb/02_toy.ipynb."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(intro, id="intro"),
        nbformat.v4.new_code_cell("x = 1\nx", id="code"),
        nbformat.v4.new_markdown_cell(HOW, id="how-md"),
    ])
    folder = tmp_path / "nb"
    folder.mkdir(exist_ok=True)
    path = folder / "02_toy.ipynb"
    nbformat.write(nb, path)
    return path


def _translate(path, texts):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for cell_id, text in texts.items():
        data["cells"][cell_id]["text"] = text
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


ZH = {"intro": "# 各部分的条目数\n\n列是各份要点自身的部分编号。", "how-md": "读图方法：每份要点一行。"}


def test_extract_writes_a_skeleton_keyed_by_cell_id(tmp_path):
    path = _toy(tmp_path)
    report = nl.extract(path, "zh", prose_dir=tmp_path / "prose")
    assert report.path == tmp_path / "prose" / "02_toy.zh.yaml"
    assert (report.added, report.stale, report.orphaned) == (["intro", "how-md"], [], [])
    text = report.path.read_text(encoding="utf-8")
    assert text.startswith("# The zh text of the Markdown cells of notebooks/02_toy.ipynb")
    data = yaml.safe_load(text)
    assert list(data["cells"]) == ["intro", "how-md"]
    assert data["cells"]["intro"] == {"source_sha1": hashlib.sha1(INTRO.encode("utf-8")).hexdigest(),
                                      "source": INTRO, "text": ""}
    assert "    source: |-\n      # Items per section\n" in text  # multi-line prose as a literal block


def test_localise_swaps_markdown_and_leaves_code(tmp_path):
    path = _toy(tmp_path)
    prose = tmp_path / "prose"
    _translate(nl.extract(path, "zh", prose_dir=prose).path, ZH)
    assert nl.check(path, "zh", prose_dir=prose) == []
    nb = nl.localise(path, "zh", prose_dir=prose)
    assert [c.source for c in nb.cells] == [ZH["intro"], "x = 1\nx", ZH["how-md"]]
    assert nb.metadata["wpanalysis"]["language"] == "zh"
    assert nbformat.read(path, as_version=4).cells[0].source == INTRO  # the file itself is not changed
    assert nl.localise(path, "en", prose_dir=prose).cells[0].source == INTRO


def test_a_missing_translation_names_the_cell_and_the_file(tmp_path):
    path = _toy(tmp_path)
    prose = tmp_path / "prose"
    _translate(nl.extract(path, "zh", prose_dir=prose).path, {"intro": ZH["intro"]})
    with pytest.raises(nl.TranslationError) as err:
        nl.localise(path, "zh", prose_dir=prose)
    file = prose / "02_toy.zh.yaml"
    assert err.value.problems == [f"cell how-md: the translation in {file} is empty; write its text"]
    (prose / "02_toy.zh.yaml").unlink()
    with pytest.raises(nl.TranslationError, match="cell intro: no translation in .*02_toy.zh.yaml; run extract"):
        nl.localise(path, "zh", prose_dir=prose)


def test_a_changed_english_cell_is_stale_until_accepted(tmp_path):
    path = _toy(tmp_path)
    prose = tmp_path / "prose"
    _translate(nl.extract(path, "zh", prose_dir=prose).path, ZH)
    changed = INTRO.replace("own section numbers", "own section numbers (一、二、…)")
    path = _toy(tmp_path, intro=changed)
    problems = nl.check(path, "zh", prose_dir=prose)
    assert len(problems) == 1 and problems[0].startswith("cell intro: stale — the English cell changed")
    assert "extract --accept intro" in problems[0]
    assert "-Columns are each plan's own section numbers." in problems[0]
    assert "+Columns are each plan's own section numbers (一、二、…)." in problems[0]
    with pytest.raises(nl.TranslationError, match="cell intro: stale"):
        nl.localise(path, "zh", prose_dir=prose)
    report = nl.extract(path, "zh", prose_dir=prose)  # extract keeps a stale translation and reports it
    assert (report.added, report.stale) == ([], ["intro"])
    assert nl.check(path, "zh", prose_dir=prose) == problems
    report = nl.extract(path, "zh", prose_dir=prose, accept=["intro"])
    assert report.accepted == ["intro"] and nl.check(path, "zh", prose_dir=prose) == []
    assert nl.localise(path, "zh", prose_dir=prose).cells[0].source == ZH["intro"]


def test_translations_of_removed_cells_are_kept_and_reported(tmp_path):
    path = _toy(tmp_path)
    prose = tmp_path / "prose"
    _translate(nl.extract(path, "zh", prose_dir=prose).path, ZH)
    nb = nbformat.read(path, as_version=4)
    del nb.cells[2]
    nbformat.write(nb, path)
    assert nl.check(path, "zh", prose_dir=prose) == [
        f"cell how-md: translated in {prose / '02_toy.zh.yaml'} but no longer in the notebook; delete the entry or "
        "rename its key"]
    assert nl.localise(path, "zh", prose_dir=prose).cells[0].source == ZH["intro"]
    assert nl.extract(path, "zh", prose_dir=prose).orphaned == ["how-md"]
    assert yaml.safe_load((prose / "02_toy.zh.yaml").read_text(encoding="utf-8"))["cells"]["how-md"]["text"] == (
        ZH["how-md"])


def test_a_notebook_object_needs_its_name(tmp_path):
    nb = nbformat.read(_toy(tmp_path), as_version=4)
    with pytest.raises(ValueError, match="name the notebook"):
        nl.localise(nb, "zh", prose_dir=tmp_path)
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh', got 'de'"):
        nl.localise(nb, "de", "02_toy", prose_dir=tmp_path)
    with pytest.raises(nl.TranslationError, match="--accept names no Markdown cell of 02_toy: code"):
        nl.extract(nb, "zh", "02_toy", prose_dir=tmp_path, accept=["code"])


def test_the_command_line(tmp_path, capsys):
    path = _toy(tmp_path)
    args = ["--notebooks-dir", str(path.parent)]
    assert nl.main(["extract", "02", *args]) == 0
    assert "02_toy.zh.yaml: 2 added, 0 accepted, 0 stale" in capsys.readouterr().out
    assert nl.main(["check", "02", *args]) == 1
    captured = capsys.readouterr()
    assert "02_toy.ipynb  zh  2 problem(s)" in captured.out and "cell intro: the translation" in captured.err
    _translate(path.parent / "prose" / "02_toy.zh.yaml", ZH)
    assert nl.main(["check", "02_toy", *args]) == 0
    assert nl.main(["check", "09", *args]) == 2
    assert "'09' names 0 notebooks" in capsys.readouterr().err


# --------------------------------------------------------------------------- the pilot: notebook 01 in Chinese


NOTEBOOK_01 = config.NOTEBOOKS_DIR / "01_corpus_overview.ipynb"


def test_notebook_01_has_current_chinese_prose_for_every_markdown_cell():
    assert nl.check(NOTEBOOK_01, "zh") == []
    nb = nl.localise(NOTEBOOK_01, "zh")
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(markdown) == 7 and markdown[0].source.startswith("# 01 · 语料概览")
    assert [c.id for c in markdown] == ["intro", "registry-md", "sizes-md", "sizes-fig-md", "sections-md",
                                       "warnings-md", "limits-md"]
    assert {c.id: foreign_words(c.source, "zh") for c in markdown} == {c.id: [] for c in markdown}


TRANSLATED = sorted(p for p in config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")
                    if (config.NOTEBOOKS_DIR / "prose" / f"{p.stem}.zh.yaml").is_file())


@pytest.mark.parametrize("path", TRANSLATED, ids=[p.stem for p in TRANSLATED])
def test_every_translated_notebook_has_current_chinese_prose_free_of_english_words(path):
    assert nl.check(path, "zh") == []
    markdown = [c for c in nl.localise(path, "zh").cells if c.cell_type == "markdown"]
    assert {c.id: foreign_words(c.source, "zh") for c in markdown} == {c.id: [] for c in markdown}


def test_visible_text_reads_prose_outputs_and_table_headers_not_stderr():
    html = "<table><thead><tr><th></th><th>doc_id</th><th>地区</th></tr></thead><tbody><tr><th>0</th></tr></tbody>"
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## 登记表", id="md"),
        nbformat.v4.new_code_cell("x", id="run", outputs=[
            nbformat.v4.new_output("stream", name="stderr", text="UserWarning: font"),
            nbformat.v4.new_output("stream", name="stdout", text="共 9 份"),
            nbformat.v4.new_output("display_data", {"text/markdown": "**9 plans** from 5 provinces"}),
            nbformat.v4.new_output("execute_result", {"text/html": html, "text/plain": "table"}),
        ]),
    ])
    assert nl.visible_text(nb) == [("md", "markdown", "## 登记表"), ("run", "output", "共 9 份"),
                                   ("run", "output", "**9 plans** from 5 provinces"),
                                   ("run", "table header", "doc_id"), ("run", "table header", "地区")]
    found = [w for _, _, text in nl.visible_text(nb) for w in foreign_words(text, "zh")]
    assert found == ["plans", "from", "provinces"]
