"""Statements and figures of continuity and diffusion (statements/continuity.py, plots/continuity.py) on the
constructed series and on the seeds: the sentences state the tables' numbers, the figures stay under
4,000 px a side however many plans or terms there are."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from tests.seeds import SEED_PROCESSED
from wpanalysis import align, diffusion
from wpanalysis.build import load_corpus
from wpanalysis.plots import continuity as plots
from wpanalysis.statements import continuity as says

matplotlib.use("Agg")
SERIES = Path(__file__).parent / "fixtures" / "series"


@pytest.fixture(scope="module")
def series():
    return align.load_series(SERIES)


def _pixels(fig) -> tuple[float, float]:
    import matplotlib.pyplot as plt

    w, h = fig.get_size_inches() * 300
    plt.close(fig)
    return w, h


def test_continuity_and_attention_statements(series):
    ct = align.continuity_table(series)
    assert says.continuity_statement(ct).splitlines() == [
        "- 示例省/示例市/示例县, 2022 → 2023: of 8 items, 4 continued, 3 changed, 1 dropped; 1 new of 8.",
        "- 示例省/示例市/示例县, 2023 → 2024: of 8 items, 4 continued, 2 changed, 2 dropped; 2 new of 8."]
    lines = says.attention_statement(align.attention_shift(series, continuity=ct), n=2).splitlines()
    # equal shifts are ordered by domain id (digital before health_pe_arts_labour)
    assert lines == ["- 示例省/示例市/示例县 2023: 教育数字化 −12.5 points (removed: 6 推进教育信息化建设)",
                     "- 示例省/示例市/示例县 2023: 体美劳与健康 +12.5 points (added: 6 加强学生心理健康教育)"]
    assert says.continuity_statement(ct.iloc[0:0]).startswith("No bureau has plans in two different years")


def test_alignment_and_validation_statements_on_the_seeds():
    seeds = load_corpus(SEED_PROCESSED)
    table = align.align_plans(seeds, "hebei_city_2024", "shenzhen_2024")
    text = says.alignment_statement(table)
    assert text.startswith("**hebei_city_2024** (53 items) and **shenzhen_2024** (34 items) share **15 items** "
                           "(0 continued, 15 changed) at the threshold 0.2; 38 items of hebei_city_2024 have")
    examples = says.alignment_examples(table, n=1).splitlines()
    assert examples[0].startswith("- shared: hebei_city_2024 39 坚持依法治教 ↔ shenzhen_2024 30 强化依法治教")
    assert says.validation_statement(pd.DataFrame(columns=align.CURVE_COLUMNS)).startswith("This corpus has no")


def test_diffusion_statements(series):
    assert says.diffusion_limits_statement(series.documents).splitlines()[0] == (
        "4 plans of 2 bureaus over 3 years (2022–2024); 1 bureau has plans in two or more years.")
    first = diffusion.first_use(series, ["双减", "教育家精神", "教联体"])
    assert says.first_use_statement(first, n=2) == (
        "Of 3 terms found, 1 first appears in 2024, the latest year (教联体 (示例县)); the most widely used are "
        "双减 (3 of 4 plans, 75%) and 教育家精神 (2 of 4 plans, 50%).")
    assert says.first_use_statement(first.iloc[0:0]) == "None of the terms is found in these plans."


def test_figures_stay_small_at_any_size(series):
    ct = align.continuity_table(series)
    assert max(_pixels(plots.plot_alignment(ct[ct["doc_b"] == "shiliexian_2024"]))) <= 4000
    shift = align.attention_shift(series, continuity=ct)
    assert max(_pixels(plots.plot_attention_shift(shift))) <= 4000
    # 300 bureaus of 12 years: the pooled panel
    many = pd.concat([shift.assign(bureau=f"b{k}", doc_id=shift["doc_id"] + f"_{k}") for k in range(300)])
    assert max(_pixels(plots.plot_attention_shift(many))) <= 4000
    adoption = diffusion.adoption_by_year(series)
    assert max(_pixels(plots.plot_adoption(adoption, n_terms=15))) <= 4000
    years = pd.concat([adoption.assign(year=adoption["year"] + 3 * k) for k in range(20)])  # 60 years
    assert max(_pixels(plots.plot_adoption(years, n_terms=200))) <= 4000
