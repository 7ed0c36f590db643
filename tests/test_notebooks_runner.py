"""The notebook runner (``python -m wpanalysis.notebooks --execute``): progress output never reaches a
saved notebook, outputs are byte-identical run to run, the terminal status line names the notebook
and the cell, and ``--keep-timing`` keeps the cell timestamps a benchmark reads."""

from __future__ import annotations

import copy

import nbformat
import pytest

from wpanalysis import notebooks
from wpanalysis.notebooks import KERNEL_ENV, kernel_env, normalise, strip_progress

BAR = ("\r  0%|          | 0/3 [00:00<?, ?it/s]\r 67%|######6   | 2/3 [00:00<00:00, 19.9it/s]"
       "\r100%|##########| 3/3 [00:00<00:00, 29.9it/s]\n")
STEPS = "\rbuilding tables: targets: 0/2 done [00:00]\rbuilding tables: sentences: 1/2 done [00:08]\r" + " " * 40 + "\r"
WIDGET = {"application/vnd.jupyter.widget-view+json": {"model_id": "3f2a", "version_major": 2, "version_minor": 0},
          "text/plain": "  0%|          | 0/10 [00:00<?, ?it/s]"}


def _stream(name: str, text: str):
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_strip_progress_removes_bars_and_keeps_everything_else():
    outputs = [
        _stream("stdout", "counted 3\n"),
        _stream("stderr", BAR + "UserWarning: a real warning\n" + STEPS),
        nbformat.v4.new_output("display_data", data=WIDGET),
        nbformat.v4.new_output("display_data", data={"text/plain": "<Figure size 640x400 with 1 Axes>"}),
        _stream("stderr", BAR),
    ]
    kept, widget = strip_progress(outputs)
    assert widget is True
    assert [(o["output_type"], o.get("name"), o.get("text")) for o in kept] == [
        ("stream", "stdout", "counted 3\n"),
        ("stream", "stderr", "UserWarning: a real warning\n"),
        ("display_data", None, None),
    ]
    assert kept[2]["data"] == {"text/plain": "<Figure size 640x400 with 1 Axes>"}


def test_strip_progress_keeps_the_text_a_terminal_would_show_after_a_bar():
    # a bar, then a message printed over it on the same line
    kept, _ = strip_progress([_stream("stderr", "\r 50%|#####     | 1/2 [00:01<00:01, 1.0it/s]\rdone.\n")])
    assert kept[0]["text"] == "done.\n"
    # a line that only mentions brackets is no bar
    kept, _ = strip_progress([_stream("stderr", "see [1] and [12:30 on page 4]\n")])
    assert kept[0]["text"] == "see [1] and [12:30 on page 4]\n"


def test_normalise_drops_widget_state_with_a_tqdm_widget_and_keeps_timing_on_request():
    cell = nbformat.v4.new_code_cell("for _ in progress(range(10)): pass", execution_count=5,
                                     outputs=[nbformat.v4.new_output("display_data", data=WIDGET)])
    cell.metadata["execution"] = {"iopub.status.busy": "2026-12-06T17:00:00.000000Z",
                                  "iopub.status.idle": "2026-12-06T17:00:01.500000Z"}
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {}}})
    kept = normalise(copy.deepcopy(nb), keep_timing=True)
    assert kept.cells[0].outputs == [] and "widgets" not in kept.metadata
    assert kept.cells[0].execution_count == 1
    assert kept.cells[0].metadata["execution"]["iopub.status.idle"] == "2026-12-06T17:00:01.500000Z"
    assert "execution" not in normalise(nb).cells[0].metadata


def test_kernel_runs_without_progress_bars():
    assert KERNEL_ENV["WPANALYSIS_PROGRESS"] == "0"
    assert kernel_env({"WPANALYSIS_PROGRESS": "1"})["WPANALYSIS_PROGRESS"] == "0"


CELLS = [
    "import sys, time\nfrom tqdm import tqdm\nfor _ in tqdm(range(20), file=sys.stderr, mininterval=0):\n"
    "    time.sleep(0.002)\nprint('counted 20')",
    "import os\nos.environ['WPANALYSIS_PROGRESS'] = '1'  # as a reader's own kernel would show them\n"
    "from wpanalysis.progress import progress\nsum(progress(range(50), 'summing', leave=True))",
    "import sys\nprint('a real message stays', file=sys.stderr)  # as a warning would (its path varies)",
]


@pytest.fixture
def tiny(tmp_path):
    """A three-cell notebook whose cells draw tqdm bars (directly and through wpanalysis.progress)."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Tiny"),
                                         *(nbformat.v4.new_code_cell(c) for c in CELLS)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    return path


def test_executed_notebook_has_no_progress_and_is_byte_identical_run_to_run(tiny, tmp_path, monkeypatch):
    raw = []
    real = notebooks.normalise
    monkeypatch.setattr(notebooks, "normalise", lambda nb, **kw: real(raw.append(copy.deepcopy(nb)) or nb, **kw))
    first = notebooks.execute_notebook(tiny, output=tmp_path / "a.ipynb")
    notebooks.execute_notebook(tiny, output=tmp_path / "b.ipynb")
    assert (tmp_path / "a.ipynb").read_bytes() == (tmp_path / "b.ipynb").read_bytes()
    # the kernel did draw the bars: tqdm's own, and wpanalysis.progress's once the cell turned it on
    before = [" ".join(o.get("text", "") for o in c.outputs if o.get("name") == "stderr") for c in raw[0].cells[1:]]
    assert "20/20 [" in before[0] and "summing" in before[1]
    code = first.cells[1:]
    assert [o["text"] for o in code[0].outputs] == ["counted 20\n"]
    assert [(o["output_type"], o["data"]["text/plain"]) for o in code[1].outputs] == [("execute_result", "1225")]
    assert [o["name"] for o in code[2].outputs] == ["stderr"]
    assert code[2].outputs[0]["text"] == "a real message stays\n"
    assert [c.execution_count for c in code] == [1, 2, 3]
    assert all("execution" not in c.metadata for c in first.cells)


def test_runner_status_line_names_the_notebook_and_the_cell(tiny, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WPANALYSIS_PROGRESS", "1")
    assert notebooks.main(["--execute", str(tiny), "--output-dir", str(tmp_path / "out"), "--keep-timing"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("tiny.ipynb  ok  ")
    assert "tiny (" in captured.err and "In [1] of 3" in captured.err and "In [3] of 3" in captured.err
    assert "In [2] of 3, 0 s: import os" in captured.err
    saved = nbformat.read(tmp_path / "out" / "tiny.ipynb", as_version=4)
    assert all({"iopub.status.busy", "iopub.status.idle"} <= set(c.metadata["execution"]) for c in saved.cells[1:])


def test_runner_quiet_draws_no_status_line(tiny, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WPANALYSIS_PROGRESS", "1")
    assert notebooks.main(["--execute", str(tiny), "--output-dir", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "In [1]" not in err and "tiny (" not in err


def test_a_run_in_another_language_is_never_written_in_place(tiny):
    before = tiny.read_bytes()
    with pytest.raises(ValueError, match="--output-dir"):
        notebooks.execute_notebook(tiny, parameters={"language": "zh"})
    assert tiny.read_bytes() == before


def test_a_notebook_without_a_translation_says_which_cells_lack_one(tiny, tmp_path):
    from wpanalysis.notebook_language import TranslationError

    with pytest.raises(TranslationError, match="tiny"):
        notebooks.execute_notebook(tiny, parameters={"language": "zh"}, output=tmp_path / "zh.ipynb")
    assert not (tmp_path / "zh.ipynb").exists()


def test_the_chinese_run_of_notebook_01_has_chinese_prose_and_the_same_code(tmp_path):
    from wpanalysis import config

    english = config.NOTEBOOKS_DIR / "01_corpus_overview.ipynb"
    before = english.read_bytes()
    run = notebooks.execute_notebook(english, parameters={"language": "zh"}, output=tmp_path / "01.zh.ipynb")
    assert english.read_bytes() == before
    source = nbformat.read(english, as_version=4)
    assert run.metadata["wpanalysis"]["language"] == "zh"
    assert run.cells[0].source.startswith("# 01 · 语料概览")
    injected = [c.source for c in run.cells if "injected-parameters" in c.metadata.get("tags", [])]
    code = [c.source for c in run.cells if c.cell_type == "code" and c.source not in injected]
    assert code == [c.source for c in source.cells if c.cell_type == "code"]
    assert len(injected) == 1 and 'language = "zh"' in injected[0]
