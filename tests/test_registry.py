"""The registry's schema: one error listing every problem by spreadsheet row and column, any
encoding Excel saves, and evidence quotes checked against the files.

Every test works on a temporary copy of the seed registry (the session's frozen seed corpus,
``SEED_RAW``); nothing is written next to the real data.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis.registry import (
    REGISTRY_COLUMNS,
    RegistryError,
    RegistryWarning,
    check_evidence,
    load_registry,
    read_registry,
)

SEED_REGISTRY = SEED_REGISTRY
SEED_TEXT = SEED_REGISTRY.read_text(encoding="utf-8")


def _rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(SEED_TEXT)))


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8", newline: str = "\n") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _set(rows: list[list[str]], doc_id: str, column: str, value: str) -> None:
    row = next(r for r in rows if r[0] == doc_id)
    row[REGISTRY_COLUMNS.index(column)] = value


def test_seed_registry_loads_as_before():
    reg = load_registry(SEED_REGISTRY)
    assert list(reg.columns) == REGISTRY_COLUMNS and len(reg) == 9
    assert {str(reg[c].dtype) for c in ("part", "year", "expected_items")} == {"Int64"}
    assert reg.loc[reg["doc_id"] == "rongcheng_2025", "title"].isna().all()   # empty cell → missing
    assert reg["year"].tolist() == [2025, 2024, 2024, 2024, 2024, 2024, 2023, 2024, 2025]


def test_a_year_written_2025nian_names_row_and_column(tmp_path):
    rows = _rows()
    _set(rows, "jishou_2023", "year", "2025年")
    with pytest.raises(RegistryError) as err:
        load_registry(_write(tmp_path / "documents.csv", rows))
    assert err.value.problems == [
        "documents.csv row 8 (doc_id jishou_2023), column year: found '2025年', expected a year "
        f"1949–{pd.Timestamp.today().year + 1}, digits only (2025, not 2025年)"]
    assert isinstance(err.value, ValueError)


def test_every_problem_is_listed_in_one_error_in_row_order(tmp_path):
    rows = _rows()
    _set(rows, "heyuan_2025", "region", "East")
    _set(rows, "rongcheng_2025", "notice_date", "2025/3/1")
    _set(rows, "ningbo_2024", "doc_id", "jishou_2023")
    _set(rows, "shenzhen_2024", "part", "0")
    _set(rows, "county_a_2024", "completeness", "complete")
    _set(rows, "county_b_2024", "part", "4")  # the same part of 001 as county_a
    _set(rows, "hebei_city_2024", "evidence", "titel=市教育局2024年工作要点")
    _set(rows, "unknown_city_2024", "source_file", "")
    with pytest.raises(RegistryError) as err:
        load_registry(_write(tmp_path / "documents.csv", rows))
    found = [p.partition(": found")[0] for p in err.value.problems]
    assert found == [
        "documents.csv row 2 (doc_id rongcheng_2025), column notice_date",
        "documents.csv row 3 (doc_id hebei_city_2024), column evidence",
        "documents.csv row 4 (doc_id shenzhen_2024), column part",
        "documents.csv row 5 (doc_id unknown_city_2024), column source_file",
        "documents.csv row 6 (doc_id county_a_2024), column part",
        "documents.csv row 6 (doc_id county_a_2024), column completeness",
        "documents.csv row 7 (doc_id county_b_2024), column part",
        "documents.csv row 8 (doc_id jishou_2023), column doc_id",
        "documents.csv row 9 (doc_id jishou_2023), column doc_id",
        "documents.csv row 10 (doc_id heyuan_2025), column region",
    ]
    message = str(err.value)
    assert message.startswith("documents.csv: 10 problems in the registry:\n")
    assert "found 'East', expected one of east, central, west, northeast" in message
    assert "found '2025/3/1', expected an ISO date YYYY-MM-DD" in message
    assert "found '4', expected a part number no other row of the same source_file uses (also in row 6)" in message
    assert "'titel' is not a registry column" in message
    assert "found '', expected a value (the column is required)" in message
    assert "expected a doc_id no other row uses (also in row 9)" in message


def test_an_impossible_date_and_a_missing_column_are_reported(tmp_path):
    rows = _rows()
    _set(rows, "jishou_2023", "notice_date", "2023-02-30")
    k = REGISTRY_COLUMNS.index("notes")
    rows = [r[:k] + r[k + 1:] for r in rows]
    with pytest.raises(RegistryError) as err:
        load_registry(_write(tmp_path / "documents.csv", rows))
    assert err.value.problems[0].startswith("documents.csv: the header lacks column notes")
    assert "row 8 (doc_id jishou_2023), column notice_date: found '2023-02-30'" in err.value.problems[1]


def test_a_row_with_an_unquoted_comma_is_reported_not_misread(tmp_path):
    text = SEED_TEXT.replace(",2023,2023-03-21,", ",2023,2023-03-21,extra,", 1)
    path = tmp_path / "documents.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match=r"row 8 \(doc_id jishou_2023\): 21 cells, but the header has 20"):
        load_registry(path)


def test_a_gbk_registry_saved_by_excel_loads_with_a_warning(tmp_path):
    path = tmp_path / "documents.csv"
    path.write_bytes(SEED_TEXT.replace("\n", "\r\n").encode("gbk"))  # what Excel writes on a Chinese system
    with pytest.warns(RegistryWarning, match=r"documents.csv is GB18030-encoded \(saved by Excel\?\); read it as "
                                             "such — save as UTF-8 to silence this"):
        reg = load_registry(path)
    pd.testing.assert_frame_equal(reg, load_registry(SEED_REGISTRY))
    assert read_registry(path)[1] == ["documents.csv is GB18030-encoded (saved by Excel?); read it as such — save "
                                      "as UTF-8 to silence this"]


def test_utf8_with_bom_loads_silently(tmp_path):
    path = tmp_path / "documents.csv"
    path.write_bytes(SEED_TEXT.encode("utf-8-sig"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        reg = load_registry(path)
    assert reg.columns[0] == "doc_id" and read_registry(path)[1] == []


def test_seed_evidence_is_verbatim_and_a_changed_quote_is_reported(tmp_path):
    assert check_evidence(SEED_REGISTRY, SEED_RAW) == []
    reg = load_registry(SEED_REGISTRY)
    reg.loc[reg["doc_id"] == "ningbo_2024", "evidence"] = "issuer=宁波市教育局印发2024年工作要点; city=宁波市教育厅"
    assert check_evidence(reg, SEED_RAW) == [
        "documents.csv row 9 (doc_id ningbo_2024), evidence for city: '宁波市教育厅' is not in "
        "003_10673799d0bd0e53.txt"]


def test_evidence_is_checked_in_any_encoding_and_format(tmp_path):
    import docx

    shutil.copy(SEED_RAW / "002_b78361d9c286d65f.txt", tmp_path / "plan.txt")
    text = (tmp_path / "plan.txt").read_text(encoding="utf-8")
    (tmp_path / "plan.txt").write_bytes(text.encode("gb18030"))
    document = docx.Document()
    for line in text.splitlines()[:6]:
        document.add_paragraph(line)
    document.save(tmp_path / "plan.docx")
    reg = pd.DataFrame({"doc_id": ["a", "b", "c"], "source_file": ["plan.txt", "plan.docx", "gone.txt"],
                        "evidence": ["issuer=吉首市教育和体育局关于印发", "notice_date=2023年3月21日", "year=2023年"]})
    problems = check_evidence(reg, tmp_path)
    assert len(problems) == 1 and problems[0].startswith("documents.csv row 4 (doc_id c): cannot check its evidence")


def test_importing_the_registry_prints_nothing_and_loads_no_pandera():
    code = "import sys, wpanalysis.registry; print(sorted(m for m in ('pandera', 'jionlp') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n" and done.stderr == ""
