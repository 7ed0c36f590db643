"""The generated statements of notebook 01 (wpanalysis.statements.corpus): the exact sentence for
each branch, on small hand-made tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wpanalysis.statements import corpus as said


def _docs(*rows: tuple) -> pd.DataFrame:
    """Documents from (doc_id, province, city, region, admin_level, year, completeness, n_items, n_body) rows."""
    columns = ["doc_id", "province", "city", "region", "admin_level", "year", "completeness", "n_items",
               "n_items_with_body"]
    docs = pd.DataFrame(list(rows), columns=columns)
    docs["county"] = None
    docs["first_item"] = 1
    docs["last_item"] = docs["n_items"]
    return docs


NINGBO = ("ningbo_2024", "浙江省", "宁波市", "east", "city", 2024, "full", 31, 31)
SHENZHEN = ("shenzhen_2024", "广东省", "深圳市", "east", "city", 2024, "full", 34, 34)
HEYUAN = ("heyuan_2025", "广东省", "河源市", "east", "city", 2025, "full", 30, 30)
JISHOU = ("jishou_2023", "湖南省", "湘西州", "central", "city", 2023, "partial", 35, 35)
COUNTY = ("county_x", None, None, None, "county", 2024, "outline-only", 15, 0)


def _sizes(*rows: tuple) -> pd.DataFrame:
    """Sizes from (label, completeness, n_items, n_chars) rows."""
    sizes = pd.DataFrame(list(rows), columns=["label", "completeness", "n_items", "n_chars"])
    sizes["doc_id"] = sizes["label"]
    sizes["chars_per_item"] = (sizes["n_chars"] / sizes["n_items"].where(sizes["n_items"] > 0)).round(1)
    return sizes


# ----------------------------------------------------------------------- describe_corpus


def test_describe_corpus_of_no_plans():
    assert said.describe_corpus(_docs()) == (
        "The registry holds no plans: add rows to `data/raw/documents.csv` and build the corpus.")


def test_describe_corpus_of_one_plan():
    assert said.describe_corpus(_docs(NINGBO)) == (
        "**1 plan** from 1 province (浙江省), 2024. It has body text (full).\n\n"
        "- by region: east (1)\n- by administrative level: city (1)\n- by year: 2024 (1)\n"
        "- by province: 浙江省 (1)")


def test_describe_corpus_of_a_mixed_corpus():
    assert said.describe_corpus(_docs(NINGBO, SHENZHEN, HEYUAN, JISHOU, COUNTY)) == (
        "**5 plans** from 3 provinces (1 plan with no province), 2023–2025. 4 have body text (3 full, "
        "1 partial); 1 is outline-only (item titles only).\n\n"
        "- by region: east (3), central (1) and unknown (1)\n"
        "- by administrative level: city (4) and county (1)\n"
        "- by year: 2023 (1), 2024 (3) and 2025 (1)\n"
        "- by province: 广东省 (2), 浙江省 (1), 湖南省 (1) and unknown (1)")


def test_describe_corpus_all_with_body_text():
    text = said.describe_corpus(_docs(NINGBO, SHENZHEN, HEYUAN))
    assert text.startswith("**3 plans** from 2 provinces, 2024–2025. All 3 have body text (all full).\n\n")


def test_describe_corpus_without_body_text_province_or_year():
    county = _docs(COUNTY, ("county_y", None, None, None, "county", None, "outline-only", 10, 0))
    assert said.describe_corpus(county).split("\n\n")[0] == (
        "**2 plans** with no province recorded, 2024 (1 plan without a year). None has body text, so "
        "measures of body text (length, fields, responsible units, term frequencies) cannot be made on this "
        "corpus.")


def test_describe_corpus_unrecorded_completeness():
    docs = _docs(NINGBO, ("x_2024", "浙江省", "杭州市", "east", "city", 2024, None, 5, 5))
    assert said.describe_corpus(docs).split("\n\n")[0] == (
        "**2 plans** from 1 province (浙江省), 2024. 1 has body text (full); 1 has no completeness recorded "
        "(counted as without body text).")


def test_describe_corpus_names_many_provinces_briefly():
    rows = [(f"p{k}", f"省{k:02d}", None, "west", "province", 2024, "full", 3, 3) for k in range(12)]
    by_province = said.describe_corpus(_docs(*rows)).splitlines()[-1]
    assert by_province == ("- by province: 省00 (1), 省01 (1), 省02 (1), 省03 (1), 省04 (1), 省05 (1), "
                           "省06 (1), 省07 (1) and 4 others")


# ----------------------------------------------------------------------- describe_sizes


def test_describe_sizes_of_no_plans():
    assert said.describe_sizes(_sizes()) == "There are no plans, so there are no sizes to describe."


def test_describe_sizes_of_one_plan():
    assert said.describe_sizes(_sizes(("宁波 2024", "full", 31, 10548))) == (
        "The one plan, 宁波 2024, has 31 items and 10,548 characters of item text.")


def test_describe_sizes_names_largest_and_smallest_and_contrasts_outlines():
    sizes = _sizes(("A", "full", 30, 6000), ("B", "full", 50, 9000), ("C", "partial", 20, 3000),
                   ("D", "outline-only", 25, 250), ("E", "outline-only", 15, 150))
    assert said.describe_sizes(sizes, n_named=2) == (
        "Per plan, items from 15 to 50 (median 25); characters of item text from 150 to 9,000 (median 3,000). "
        "Largest by characters: B (9,000) and A (6,000); smallest: E (150) and D (250). Most items: B (50). "
        "Per item, outline-only plans have a median of 10 characters, plans with body text 180 (18 times as "
        "many): an outline-only plan's item count can be compared with other plans', its character count "
        "cannot.")


def test_describe_sizes_outline_plans_with_text():
    sizes = _sizes(("A", "full", 10, 1000), ("B", "outline-only", 10, 500))
    assert said.describe_sizes(sizes).endswith(
        "Per item, outline-only plans have a median of 50 characters, plans with body text 100 (less than 3 "
        "times as many): the outline-only plans hold more than titles; check their completeness in the "
        "registry.")


def test_describe_sizes_ties_keep_registry_order_and_plans_without_items():
    sizes = _sizes(("A", "full", 10, 500), ("B", "full", 10, 500), ("C", "full", 10, 500), ("D", "full", 0, 0))
    assert said.describe_sizes(sizes, n_named=1) == (
        "Per plan, items from 0 to 10 (median 10); characters of item text from 0 to 500 (median 500). "
        "Largest by characters: A (500); smallest: D (0). Most items: A (10), B (10) and C (10). "
        "1 plan (D) has no items: the parser found none (see the warnings).")


def test_describe_sizes_all_alike():
    sizes = _sizes(("A", "full", 10, 500), ("B", "full", 10, 500))
    assert said.describe_sizes(sizes) == (
        "Per plan, items: 10 in every plan; characters of item text: 500 in every plan. "
        "Largest by characters: A (500); smallest: B (500).")


# ----------------------------------------------------------------------- describe_sections


def _sections(*rows: tuple) -> pd.DataFrame:
    table = pd.DataFrame(list(rows), columns=["doc_id", "section", "n_items"])
    table["section"] = table["section"].astype("Int64")
    return table


def test_describe_sections_without_items():
    assert said.describe_sections(_sections(), _docs()) == (
        "No plan has items, so there are no sections to describe.")


def test_describe_sections_all_straight_through():
    assert said.describe_sections(_sections(("shenzhen_2024", None, 34)), _docs(SHENZHEN)) == (
        "The plan numbers its items straight through, with no section headings.")
    both = _sections(("shenzhen_2024", None, 34), ("ningbo_2024", None, 31))
    assert said.describe_sections(both, _docs(SHENZHEN, NINGBO)) == (
        "All 2 plans number their items straight through, with no section headings.")


def test_describe_sections_straight_mixed_and_largest():
    table = _sections(("ningbo_2024", 1, 3), ("ningbo_2024", 2, 5), ("shenzhen_2024", None, 34),
                      ("heyuan_2025", None, 2), ("heyuan_2025", 1, 5), ("heyuan_2025", 2, 4),
                      ("heyuan_2025", 3, 1))
    assert said.describe_sections(table, _docs(NINGBO, SHENZHEN, HEYUAN)) == (
        "Sections holding items per plan: from 0 to 3 (median 2). 1 plan numbers its items straight through, "
        "with no section headings: 深圳 2024. In 1 plan, some items sit outside any section (before the first "
        "heading, or under a heading that was lost): 河源 2025 (2 of 12). The largest section holds 5 items "
        "(section 二 of 宁波 2024 and section 一 of 河源 2025).")


def test_describe_sections_one_plan_and_equal_counts():
    assert said.describe_sections(_sections(("ningbo_2024", 1, 3), ("ningbo_2024", 2, 5)), _docs(NINGBO)) == (
        "The plan has 2 sections holding items. The largest section holds 5 items (section 二 of 宁波 2024).")
    table = _sections(("ningbo_2024", 1, 3), ("shenzhen_2024", 1, 4))
    assert said.describe_sections(table, _docs(NINGBO, SHENZHEN)) == (
        "Every plan has 1 section holding items. The largest section holds 4 items (section 一 of 深圳 2024).")


# ----------------------------------------------------------------------- describe_warnings


def _warnings(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["source_file", "doc_id", "level", "message"])


def test_describe_warnings_of_a_clean_build():
    assert said.describe_warnings(_warnings(), _docs(NINGBO)) == (
        "The build reported nothing: no warnings, no errors and no artefacts removed by cleaning.")


MIXED_WARNINGS = (
    ("a.txt", "ningbo_2024", "warning", "item numbering jumps from 2 to 4 (items 3 missing)"),
    ("a.txt", "ningbo_2024", "warning", "item numbering jumps from 7 to 9 (items 8 missing)"),
    ("b.txt", "shenzhen_2024", "warning", "title taken from the table of contents"),
    ("b.txt", None, "warning", "registry lists 1 documents, the parser found 4"),
    ("b.txt", None, "info", "removed web chrome: 版权所有"),
    ("c.txt", None, "info", "removed page marker: - 3 -"),
    ("c.txt", None, "info", "removed page marker: - 4 -"),
)
"""Warnings of two plans and a whole file, and three cleaning artefacts (also read by test_edition_01)."""


def test_describe_warnings_plans_files_and_artefacts():
    warnings = _warnings(*MIXED_WARNINGS)
    assert said.describe_warnings(warnings, _docs(NINGBO, SHENZHEN, HEYUAN)) == (
        "2 of 3 plans have warnings (3 messages); no errors. 1 message concerns a whole file. Cleaning "
        "removed 3 artefacts from 2 files (page marker ×2 and web chrome ×1); they are not warnings.\n\n"
        "- gap in the item numbering: 2 messages in 1 plan\n"
        "- number of plans in the file differs from the registry: 1 message in 1 file\n"
        "- title from the table of contents: 1 message in 1 plan")


def test_describe_warnings_errors_first():
    warnings = _warnings(("a.txt", "ningbo_2024", "error", "part 2 not found: the file holds 1 documents"),
                         ("b.txt", None, "error", "/x/b.txt: file listed in the registry does not exist"))
    assert said.describe_warnings(warnings, _docs(NINGBO, SHENZHEN)) == (
        "1 of 2 plans has warnings (1 message); **2 errors**: what they name was not built — fix it before "
        "reading further. 1 message concerns a whole file.\n\n"
        "- **error** — registered file missing: 1 message in 1 file\n"
        "- **error** — registered part not in the file: 1 message in 1 plan")


def test_describe_warnings_one_plan_without_warnings():
    warnings = _warnings(("a.txt", None, "info", "removed web chrome: 版权所有"))
    assert said.describe_warnings(warnings, _docs(NINGBO)) == (
        "No plan has warnings; no errors. Cleaning removed 1 artefact from 1 file (web chrome ×1); they are not "
        "warnings.")


def test_describe_warnings_many_kinds_are_cut():
    rows = [("a.txt", f"d{k}", "warning", f"unusual message number {k} of its kind {'x' * k}") for k in range(10)]
    text = said.describe_warnings(_warnings(*rows), pd.DataFrame({"doc_id": [f"d{k}" for k in range(10)]}))
    assert text.startswith("All 10 plans have warnings (10 messages); no errors.")
    assert text.endswith("- … and 2 other kinds (see the table below)")


# ----------------------------------------------------------------------- describe_comparability


def test_describe_comparability_without_plans():
    assert said.describe_comparability(_docs()) == "There are no plans to compare."


def test_describe_comparability_nothing_limits():
    assert said.describe_comparability(_docs(NINGBO, SHENZHEN)) == (
        "No plan limits comparisons. 2 plans (full, of known place) enter every comparison.")


def test_describe_comparability_lists_each_limit():
    docs = _docs(NINGBO, JISHOU, COUNTY)
    assert said.describe_comparability(docs) == (
        "2 of 3 plans limit comparisons:\n\n"
        "- 1 outline-only plan (county_x): item titles only, so it counts for title-level comparisons, not for "
        "measures of body text\n"
        "- 1 partial plan (湘西州 2023): items are missing, so its counts and shares understate the whole plan\n"
        "- 1 plan of unknown place (county_x): no province or region, so it drops out of regional comparisons"
        "\n\n1 plan (full, of known place) enters every comparison.")


def test_describe_comparability_everything_limited_and_unrecorded():
    county_y = ("county_y", None, None, None, "county", 2024, "outline-only", 10, 0)
    assert said.describe_comparability(_docs(COUNTY, county_y)).endswith(
        "they drop out of regional comparisons\n\nNo plan enters every comparison.")
    docs = _docs(NINGBO, ("x_2024", "浙江省", "杭州市", "east", "city", 2024, None, 5, 5))
    assert said.describe_comparability(docs) == (
        "No plan limits comparisons. 1 plan (full, of known place) enters every comparison. 1 plan has no "
        "completeness recorded and is treated as without body text.")


# ----------------------------------------------------------------------- rows_shown


@pytest.mark.parametrize("n_rows, max_rows, sentence", [
    (0, 30, "The table has no rows (full table: `data/processed/warnings.csv`)."),
    (1, 30, "The table's one row is shown (full table: `data/processed/warnings.csv`)."),
    (30, 30, "All 30 rows are shown (full table: `data/processed/warnings.csv`)."),
    (31, 30, "The first 30 of 31 rows are shown; the other row is in the full table, "
             "`data/processed/warnings.csv`."),
    (3000, 30, "The first 30 of 3,000 rows are shown; the other 2,970 are in the full table, "
               "`data/processed/warnings.csv`."),
])
def test_rows_shown(n_rows: int, max_rows: int, sentence: str):
    root = Path("/plans")
    assert said.rows_shown(n_rows, max_rows, root / "data" / "processed" / "warnings.csv", root) == sentence


def test_rows_shown_names_a_table_in_words():
    assert said.rows_shown(2, 30, "`overview.comparability_notes(documents)`") == (
        "All 2 rows are shown (full table: `overview.comparability_notes(documents)`).")
