"""Claims come from printed numbers: every number in a notebook's fixed prose is printed above it.

A notebook's markdown cells explain methods and how to read; a number they state about the
corpus must be printed by a code cell above (its source or its output). What may stand in prose
without being printed is listed below, each with its reason: method constants, cross-references
to other notebooks, citation years, and quotations of national targets with their source.
The check reads the committed notebooks, whatever corpus they were last run on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wpanalysis import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))

NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
CODE_SPAN = re.compile(r"`[^`]*`")
LINK = re.compile(r"\]\([^)]*\)|https?://\S+")
CITATION = re.compile(r"[A-Z][A-Za-z\-]+(?:\set al\.|\sand\s[A-Z][A-Za-z\-]+|\s&\s[A-Z][A-Za-z\-]+)?,?\s"
                      r"\(?(?:19|20)\d\d[a-z]?")
NOTEBOOK_REFERENCE = re.compile(r"notebooks? 0\d(?:(?:,| and| or|–) ?0\d)*")
NEIGHBOUR = re.compile(r"k [−+-] 1\b")  # "k − 1 and k + 1": the neighbours of the chosen k, a method
SECTION_REFERENCE = re.compile(r"sections? \d+(?:\.\d+)*(?:(?:,| and| or|–) ?\d+(?:\.\d+)*)*")
HEADING_NUMBER = re.compile(r"^\s*#+\s*[\d.]+", re.M)
LIST_NUMBER = re.compile(r"^\s*\d+\.\s", re.M)

# Method constants a notebook's prose may state without printing them, with the reason.
METHOD_CONSTANTS = {
    "300": "figure resolution in dpi (plots.style)",
    "1.5": "Tukey's box-plot whiskers at 1.5 × IQR",
    "10,000": "the base of every rate (per 10,000 tokens or words)",
    "80": "the held-out split of the perplexity check (80% fit, 20% held out)",
    "20": "the held-out split of the perplexity check (80% fit, 20% held out)",
    "1.96": "the normal 95% quantile of a normal-approximation interval",
}
# Quotations and examples of form, per notebook: not claims about the corpus.
QUOTED = {
    "02": {"2024": "an example of a number token the stopword layer removes",
           "150": "the word-cloud size set in the code cell below (features.term_counts(n=150))",
           "100": "the per-plan word-cloud size set in the code cell below (cloud_panels(n=100))"},
}

def _outputs(cell: dict) -> str:
    parts = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        parts += ["".join(data[kind]) for kind in ("text/markdown", "text/plain", "text/html") if kind in data]
        parts.append("".join(output.get("text", "")))
    return "\n".join(parts)


def unprinted_numbers(notebook: dict, allowed: dict[str, str] | None = None) -> list[tuple[int, str, str]]:
    """(cell index, number, context) of each number in prose that no cell above prints."""
    allowed = {**METHOD_CONSTANTS, **(allowed or {})}
    printed, found = "", []
    for index, cell in enumerate(notebook["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] != "markdown":
            printed += "\n" + source + "\n" + _outputs(cell)
            continue
        text = source
        for pattern in (CODE_SPAN, LINK, CITATION, NOTEBOOK_REFERENCE, SECTION_REFERENCE, NEIGHBOUR,
                        HEADING_NUMBER, LIST_NUMBER):
            text = pattern.sub(" ", text)
        for match in NUMBER.finditer(text):
            number = match.group()
            if number not in printed and number not in allowed:
                found.append((index, number, text[max(0, match.start() - 40):match.end() + 30].replace("\n", " ")))
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_number_in_prose_is_printed_above(path: Path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert unprinted_numbers(notebook, QUOTED.get(path.stem[:2])) == []


def test_the_check_finds_a_number_printed_nowhere_and_accepts_one_printed_above():
    def md(text):
        return {"cell_type": "markdown", "source": [text]}

    code = {"cell_type": "code", "source": ["n"], "outputs": [{"output_type": "execute_result",
                                                             "data": {"text/plain": ["42"]}}]}
    notebook = {"cells": [md("## 2. Counts\n1. first"), code,
                          md("There are 42 plans, 17 of them full texts (Blei et al. 2003; notebook 04).")]}
    assert [(i, n) for i, n, _ in unprinted_numbers(notebook)] == [(2, "17")]
    assert unprinted_numbers({"cells": [md("Printed later: 42"), code]})[0][1] == "42"
