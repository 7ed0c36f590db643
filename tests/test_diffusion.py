"""Diffusion of policy terms (wpanalysis.diffusion) on the constructed series (tests/fixtures/series/):
three plans of 示例县 (2022–2024) and one of 邻近县 (2023). Every expected value below was read off the
four texts by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wpanalysis import align, diffusion

SERIES = Path(__file__).parent / "fixtures" / "series"
SERIES_BUREAU, NEIGHBOUR = "示例省/示例市/示例县", "示例省/示例市/邻近县"
TERMS = ["教育家精神", "双减", "县管校聘", "課後服務", "从未出现的词"]


@pytest.fixture(scope="module")
def corpus():
    return align.load_series(SERIES)


def test_term_use_by_plan(corpus):
    use = diffusion.term_use(corpus, TERMS)
    rows = {(r.doc_id, r.term): (r.n_items, r.item_numbers, r.place, r.year) for r in use.itertuples()}
    assert rows == {
        ("shiliexian_2022", "双减"): (1, "5", "示例县", 2022),
        ("shiliexian_2022", "课后服务"): (1, "5", "示例县", 2022),
        ("linjinxian_2023", "双减"): (1, "2", "邻近县", 2023),
        ("linjinxian_2023", "课后服务"): (1, "2", "邻近县", 2023),
        ("linjinxian_2023", "教育家精神"): (1, "1", "邻近县", 2023),
        ("shiliexian_2023", "双减"): (1, "5", "示例县", 2023),
        ("shiliexian_2023", "课后服务"): (1, "5", "示例县", 2023),
        ("shiliexian_2023", "县管校聘"): (1, "3", "示例县", 2023),
        ("shiliexian_2024", "县管校聘"): (1, "3", "示例县", 2024),
        ("shiliexian_2024", "教育家精神"): (1, "7", "示例县", 2024),
    }
    assert use["year"].is_monotonic_increasing


def test_first_use(corpus):
    first = diffusion.first_use(corpus, TERMS).set_index("term")
    assert first.loc["双减", ["first_year", "first_places", "first_docs", "n_plans", "n_bureaus", "n_years"]].tolist() \
        == [2022, "示例县", "shiliexian_2022", 3, 2, 2]
    # 教育家精神 is first found in the neighbour's plan, a year before the series uses it
    assert first.loc["教育家精神", ["first_year", "first_places", "n_plans", "n_plans_total"]].tolist() == [
        2023, "邻近县", 2, 4]
    assert first.loc["县管校聘", ["first_year", "first_places", "n_bureaus"]].tolist() == [2023, "示例县", 1]
    assert "从未出现的词" not in first.index
    assert first.index.tolist() == ["双减", "课后服务", "县管校聘", "教育家精神"]


def test_adoption_by_year(corpus):
    table = diffusion.adoption_by_year(corpus, ["双减", "教育家精神"])
    rows = table.set_index(["term", "year"])
    cols = ["n_plans_year", "n_using", "share_using", "n_adopters_cum", "n_bureaus_cum", "share_adopted_cum"]
    assert rows.loc[("双减", 2022), cols].tolist() == [1, 1, 1.0, 1, 1, 1.0]
    assert rows.loc[("双减", 2023), cols].tolist() == [2, 2, 1.0, 2, 2, 1.0]
    assert rows.loc[("双减", 2024), cols].tolist() == [1, 0, 0.0, 2, 2, 1.0]  # dropped, but adopted before
    assert rows.loc[("教育家精神", 2022), cols].tolist() == [1, 0, 0.0, 0, 1, 0.0]
    assert rows.loc[("教育家精神", 2023), cols].tolist() == [2, 1, 0.5, 1, 2, 0.5]
    assert rows.loc[("教育家精神", 2024), cols].tolist() == [1, 1, 1.0, 2, 2, 1.0]


def test_event_history_risk_sets(corpus):
    eh = diffusion.event_history(corpus, ["教育家精神", "县管校聘", "双减"])
    def rows(term):
        part = eh[eh["term"] == term]
        return part[["bureau", "year", "period", "adopted", "left_censored"]].values.tolist()
    assert rows("教育家精神") == [[SERIES_BUREAU, 2022, 1, 0, False], [SERIES_BUREAU, 2023, 2, 0, False],
                             [SERIES_BUREAU, 2024, 3, 1, False], [NEIGHBOUR, 2023, 1, 1, True]]
    # the series adopts in 2023 and leaves the risk set; the neighbour never adopts (right-censored)
    assert rows("县管校聘") == [[SERIES_BUREAU, 2022, 1, 0, False], [SERIES_BUREAU, 2023, 2, 1, False],
                            [NEIGHBOUR, 2023, 1, 0, False]]
    assert rows("双减") == [[SERIES_BUREAU, 2022, 1, 1, True], [NEIGHBOUR, 2023, 1, 1, True]]
    assert eh.groupby(["term", "bureau"])["adopted"].sum().max() == 1


def test_substrings_and_traditional_forms_count():
    find = diffusion._finder(["课后服务", "服务", "课后服务质量"])
    assert find("提升课后服务质量") == {"课后服务质量", "课后服务", "服务"}
    assert find("") == set()
    assert diffusion._finder([])("任何") == set()


def test_lexicon_terms_by_default(corpus):
    use = diffusion.term_use(corpus)
    assert set(use["term"]) <= set(diffusion.policy_terms())
    assert {"双减", "教育家精神", "教联体", "县中"} <= set(use["term"])


def test_write_continuity_tables(corpus, tmp_path):
    written = diffusion.write_continuity_tables(corpus, tmp_path, terms=["双减", "教育家精神"])
    assert [p.name for p in written] == list(diffusion.CONTINUITY_TABLES)
    for path in written:
        table = pd.read_csv(path, encoding="utf-8")
        assert table.columns.tolist() == diffusion.CONTINUITY_TABLES[path.name], path.name
    summary = pd.read_csv(tmp_path / "continuity_summary.csv", encoding="utf-8")
    assert summary[["year_a", "year_b", "continued", "changed", "new", "dropped"]].values.tolist() == [
        [2022, 2023, 4, 3, 1, 1], [2023, 2024, 4, 2, 2, 2]]
    pair = pd.read_csv(tmp_path / "alignment_pair.csv", encoding="utf-8")
    assert set(pair["doc_a"]) == {"shiliexian_2023"} and set(pair["doc_b"]) == {"linjinxian_2023"}
    # 双减: one row per bureau (both adopt in their first year); 教育家精神: 3 + 1
    assert len(pd.read_csv(tmp_path / "term_event_history.csv", encoding="utf-8")) == 2 + 4
