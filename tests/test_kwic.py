"""Keyword in context: hits on the seed corpus, Simplified matching, display-width alignment, CLI, term overview,
term summary, concordances spread over plans, neighbouring words."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis.build import build_corpus, parse_file
from wpanalysis.cli import main
from wpanalysis.kwic import (
    KWIC_COLUMNS,
    compile_pattern,
    display_width,
    format_concordance,
    kwic,
    neighbours,
    spread_hits,
    term_overview,
    term_summary,
)
from wpanalysis.targets import targets_table

FIXTURES = Path(__file__).parent / "fixtures" / "plans"


@pytest.fixture(scope="module")
def items() -> pd.DataFrame:
    return build_corpus(SEED_REGISTRY, SEED_RAW).items


def test_seed_hits_for_shuangjian(items):
    hits = kwic(items, "双减", window=5)
    assert list(hits.columns) == KWIC_COLUMNS
    assert sorted(hits["doc_id"]) == ["heyuan_2025", "jishou_2023", "ningbo_2024", "rongcheng_2025",
                                      "unknown_city_2024"]
    rc = hits[hits["doc_id"] == "rongcheng_2025"].iloc[0]
    assert (rc["item_number"], rc["left"], rc["match"], rc["right"]) == (23, "统筹推进“", "双减", "”工作。开")
    assert rc["responsible_units"] == "职教科|督导室|基教科|教研中心|各学校"
    nb = hits[hits["doc_id"] == "ningbo_2024"].iloc[0]
    assert (nb["left"], nb["start"]) == ("。\n巩固“", 119)  # line breaks inside an item are kept


def test_exact_row(items):
    hits = kwic(items[items["doc_id"] == "hebei_city_2024"], "新增学位", window=5)
    assert hits.drop(columns="responsible_units").values.tolist() == [
        ["hebei_city_2024", 23, 23, "万平方米,", "新增学位", "12.1万", 55, 59]]


def test_offsets_and_window(items):
    hits = kwic(items, "教师", window=7)
    texts = items.set_index(["doc_id", "item_seq"])["text"]
    assert len(hits) > 100
    for row in hits.itertuples():
        text = texts[(row.doc_id, row.item_seq)]
        assert text[row.start:row.end] == row.match
        assert row.left == text[max(0, row.start - 7):row.start] and row.right == text[row.end:row.end + 7]


def test_list_of_terms_longest_first(items):
    assert len(kwic(items, "县管校聘")) == 6
    hits = kwic(items, ["双减", "双减政策", "县管校聘"])
    assert len(hits) == 11
    assert compile_pattern(["双减", "双减政策"]).pattern == "双减政策|双减"
    assert kwic(pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [1], "text": ["落实双减政策"]}),
                ["双减", "双减政策"])["match"].tolist() == ["双减政策"]


def test_regex(items):
    hits = kwic(items, r"\d+所", regex=True)
    assert len(hits) == 48
    assert hits["match"].str.fullmatch(r"\d+所").all()
    assert len(kwic(items, re.compile(r"\d+所"))) == 48  # a compiled pattern is used as it is
    assert len(kwic(items, ["双减", "县管校聘"], regex=True)) == 11


def test_traditional_text_matched_in_simplified():
    doc = parse_file(FIXTURES / "traditional.txt").documents[0]
    items = pd.DataFrame([{"doc_id": "t", "item_seq": k, "item_number": it.number, "text": it.text,
                           "responsible_units": "|".join(it.responsible_units)}
                          for k, it in enumerate(doc.items, start=1)])
    for query in ("师德", "師德"):
        hits = kwic(items, query, window=4)
        assert hits[["left", "match", "right"]].values.tolist() == [
            ["加強", "師德", "師風建設"], ["設。開展", "師德", "師風專題"], ["育,建立", "師德", "失範行為"]]
        assert set(hits["responsible_units"]) == {"組織人事股|督導室"}


def test_no_hits_and_bad_input(items):
    empty = kwic(items, "不存在的词语")
    assert empty.empty and list(empty.columns) == KWIC_COLUMNS
    assert format_concordance(empty) == ""
    with pytest.raises(ValueError):
        kwic(items, "")
    with pytest.raises(ValueError):
        kwic(items, [])
    with pytest.raises(ValueError):
        kwic(items, "双减", window=-1)
    assert kwic(items, r"x*", regex=True).empty  # empty matches are skipped
    no_units = items[["doc_id", "item_seq", "item_number", "text"]]
    assert set(kwic(no_units, "双减")["responsible_units"]) == {""}


def test_display_width():
    assert display_width("") == 0
    assert display_width("abc") == 3
    assert display_width("双减") == 4
    assert display_width("１２%") == 5  # full-width digits are two columns
    assert display_width("e\u0301") == 1  # a combining accent takes none


def test_concordance_lines_up_by_display_width(items):
    hits = kwic(items, "县管校聘", window=6)
    lines = format_concordance(hits, units=True).splitlines()
    assert len(lines) == 6
    match_cols = {display_width(line[:line.index("县管校聘")]) for line in lines}
    assert len(match_cols) == 1  # every match starts in the same terminal column
    unit_cols = {display_width(line[:line.rindex("[")]) for line in lines}
    assert len(unit_cols) == 1
    assert lines[0].endswith("[政工科|各学校]")
    mixed = pd.DataFrame({"doc_id": ["a", "b"], "item_number": [1, 2], "left": ["ab", "双减\n工作"],
                          "match": ["X", "X"], "right": ["", ""], "responsible_units": ["", ""]})
    assert format_concordance(mixed).splitlines() == ["a:1         ab X", "b:2  双减 工作 X"]


def test_cli_kwic_concordance_and_csv(items, tmp_path, capsys):
    items.to_parquet(tmp_path / "items.parquet", index=False)
    assert main(["kwic", "县管校聘", "--window", "4", "--processed-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "6 hits in 5 items"
    assert len({display_width(line[:line.index("县管校聘")]) for line in out[:-1]}) == 1
    assert main(["kwic", "县管校聘", "--csv", "--processed-dir", str(tmp_path)]) == 0
    table = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert list(table.columns) == KWIC_COLUMNS and len(table) == 6
    assert main(["kwic", r"\d+所", "--regex", "--processed-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("48 hits")


def test_cli_kwic_errors(tmp_path, capsys):
    assert main(["kwic", "双减", "--processed-dir", str(tmp_path)]) == 1  # nothing built there
    err = capsys.readouterr().err
    assert err.startswith("wpanalysis kwic: ") and err.count("\n") == 1 and "wpanalysis build" in err
    pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [1], "text": ["x"]}).to_parquet(
        tmp_path / "items.parquet")
    assert main(["kwic", "(", "--regex", "--processed-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_term_overview_with_targets():
    items = pd.DataFrame({"doc_id": ["d", "d", "e"], "item_seq": [1, 2, 1], "item_number": [1, 2, 1],
                          "text": ["课后服务覆盖率100%,评选10门课后服务课程", "无", "课后服务"]})
    found = targets_table(items)
    out = term_overview(items, ["课后服务", "县管校聘"], found, max_targets=1)
    assert out[["doc_id", "n_hits", "n_items", "n_targets", "targets"]].values.tolist() == [
        ["d", 2, 1, 2, "100%；…"], ["e", 1, 1, 0, ""]]


def test_term_summary_counts_every_term_even_without_hits():
    items = pd.DataFrame({"doc_id": ["d", "d", "e"], "item_seq": [1, 2, 1], "item_number": [1, 2, 1],
                          "text": ["课后服务覆盖率100%,评选10门课后服务课程", "课后服务", "课后服务"]})
    terms = ["课后服务", "县管校聘"]
    summary = term_summary(term_overview(items, terms, targets_table(items)), terms)
    assert summary.values.tolist() == [["课后服务", 2, 4, 3, 2, 1], ["县管校聘", 0, 0, 0, 0, 0]]
    assert list(term_summary(term_overview(items, terms), terms).columns) == ["term", "n_docs", "n_hits", "n_items"]


def test_spread_hits_takes_every_plan_before_a_second_hit(items):
    hits = kwic(items, "课后服务", window=2)
    shown = spread_hits(hits, 4)
    assert len(shown) == 4 and shown["doc_id"].nunique() == 4  # four plans have a hit: one line each
    assert shown.index.is_monotonic_increasing  # in hit order
    assert spread_hits(hits, len(hits)) is hits
    assert spread_hits(hits, 0).empty


def test_neighbours_stay_in_the_clause(items):
    hits = kwic(items, "县管校聘", window=12)
    before = neighbours(hits, "left")
    assert before.index[0] == "深化" and before.iloc[0] == 2
    assert "效率" not in before.index  # "提高交流效率。加大“县管校聘": the full stop ends the clause
    assert neighbours(hits.iloc[:0]).empty
    with pytest.raises(ValueError):
        neighbours(hits, "middle")
