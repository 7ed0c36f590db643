"""Your corpus, not ours: the seed plans plus three a researcher adds (a GB18030 text with CRLF, a
UTF-8 text with full-width punctuation, a .docx), registered with ``wpanalysis register``, built,
and every notebook executed against them with ``corpus_root`` as a parameter. The generated
statements the notebooks show must agree with the tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from tests.extra_plans import write_extra_plans
from tests.seeds import SEED_RAW
from wpanalysis import config, notebooks
from wpanalysis.build import load_corpus
from wpanalysis.cli import main

NOTEBOOKS = sorted(p.stem for p in config.NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def compendium(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("your_corpus")
    raw = config.paths(root).raw
    shutil.copytree(SEED_RAW, raw)
    incoming = write_extra_plans(root / "incoming")
    registry = config.paths(root).registry
    assert main(["register", str(incoming), "--raw-dir", str(raw), "--registry", str(registry)]) == 0
    assert main(["build", "--registry", str(registry), "--raw-dir", str(raw),
                 "--out-dir", str(root / "data" / "processed")]) == 0
    return root


@pytest.fixture(scope="module")
def executed(compendium: Path) -> dict[str, nbformat.NotebookNode]:
    out = compendium / "executed"
    assert notebooks.main(["--execute", "-p", "corpus_root", str(compendium), "--output-dir", str(out)]) == 0
    return {p.stem: nbformat.read(p, as_version=4) for p in sorted(out.glob("*.ipynb"))}


def shown_text(nb: nbformat.NotebookNode) -> str:
    """Everything the notebook displays as Markdown or text (its generated statements and printouts)."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(data.get("text/markdown", "") or output.get("text", "") or data.get("text/plain", ""))
    return "\n".join(parts)


def test_register_adds_a_row_per_new_plan(compendium):
    registry = pd.read_csv(config.paths(compendium).registry, dtype=str)
    assert len(registry) == 12
    added = registry.iloc[9:].set_index("source_file")
    assert added.loc["kunshan_2025.txt", "province"] == "江苏省"
    assert added.loc["changsha_county_2024.docx", "admin_level"] == "county"


def test_the_build_reads_every_format_and_encoding(compendium):
    corpus = load_corpus(compendium / "data" / "processed")
    assert len(corpus.documents) == 12 and corpus.failed_files == []
    formats = corpus.documents.set_index("source_file")[["format", "encoding"]]
    assert formats.loc["changsha_county_2024.docx", "format"] == "docx"
    assert formats.loc["kunshan_2025.txt", "encoding"] == "gb18030"


def test_every_notebook_runs_on_the_new_corpus(executed):
    assert sorted(executed) == NOTEBOOKS
    for name, nb in executed.items():
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, name


def test_the_corpus_statement_is_the_one_the_tables_give(compendium, executed):
    from wpanalysis.statements import corpus as said

    documents = load_corpus(compendium / "data" / "processed").documents
    statement = said.describe_corpus(documents)
    assert statement in shown_text(executed["01_corpus_overview"])
    n_body = int(documents["completeness"].isin(["full", "partial"]).sum())
    assert statement.startswith("**12 plans**") and f"{n_body} have body text" in statement


def test_the_targets_statement_counts_the_built_targets(compendium, executed):
    corpus = load_corpus(compendium / "data" / "processed")
    text = shown_text(executed["05_targets_and_context"])
    assert f"**{len(corpus.targets):,} targets** in " in text


def test_no_notebook_names_the_seed_count_on_the_new_corpus(executed):
    for name, nb in executed.items():
        text = shown_text(nb)
        assert "**9 plans**" not in text and "nine plans" not in text.lower(), name
