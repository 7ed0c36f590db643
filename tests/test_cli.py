"""The command line as a user meets it: every sub-command, its exit status and its messages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from tests.seeds import SEED_RAW
from wpanalysis.build import TABLES
from wpanalysis.cli import build_parser, main


def test_help_lists_every_command():
    help_text = build_parser().format_help()
    for command in ("build", "parse", "segment", "targets", "kwic"):
        assert command in help_text


def test_python_dash_m_runs_the_cli():
    done = subprocess.run([sys.executable, "-m", "wpanalysis", "--help"], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert done.returncode == 0 and "build" in done.stdout


def test_no_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2 and "command" in capsys.readouterr().err


def test_build_writes_every_table_and_a_per_plan_report(tmp_path, capsys):
    assert main(["build", "--out-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    written = sorted(f"{table}.{ext}" for table in TABLES for ext in ("csv", "parquet"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*written, "manifest.json"])
    assert out.splitlines()[0].startswith("documents: 9  items: 274  targets: 287  warnings: 6  errors: 0")
    assert "  rongcheng_2025         6 sections   0 sub-sections  28 items  ok, 1 warning\n" in out
    assert "      - numbering starts at item 14: the document may be partial\n" in out
    assert "  shenzhen_2024          0 sections   0 sub-sections  34 items  ok\n" in out


def test_build_with_a_missing_file_builds_the_rest_and_fails(tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(SEED_RAW, raw)
    (raw / "003_10673799d0bd0e53.txt").unlink()  # ningbo_2024
    code = main(["build", "--registry", str(raw / "documents.csv"), "--raw-dir", str(raw),
                 "--out-dir", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 1
    assert "FAILED: 1 registered file(s) not built" in captured.out
    assert "  ERROR 003_10673799d0bd0e53.txt: cannot open file (No such file or directory)\n" in captured.out
    assert "1 file(s) failed: 003_10673799d0bd0e53.txt" in captured.err
    built = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert len(built) == 8 and "ningbo_2024" not in set(built["doc_id"])


def test_parse_json_contract(capsys):
    assert main(["parse", str(SEED_RAW / "004_236a691b5ab1fb66.txt"), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert parsed["encoding"] == "utf-8" and parsed["format"] == "txt"
    assert [len(d["items"]) for d in parsed["documents"]] == [30]


def test_parse_missing_file_says_so(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "none.txt")]) == 1
    assert "none.txt" in capsys.readouterr().err


def test_build_reads_a_registry_saved_by_excel_in_gb18030_and_says_so(tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(SEED_RAW, raw)
    registry = raw / "documents.csv"
    registry.write_bytes(registry.read_text(encoding="utf-8").encode("gb18030"))
    assert main(["build", "--registry", str(registry), "--raw-dir", str(raw), "--out-dir", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "note: documents.csv is GB18030-encoded" in captured.err.replace(str(registry.parent) + "/", "")
    assert captured.out.startswith("documents: 9  items: 274")


def test_build_names_the_row_and_column_of_a_bad_registry_cell(tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(SEED_RAW, raw)
    registry = raw / "documents.csv"
    registry.write_text(registry.read_text(encoding="utf-8").replace(",2023,", ",2023年,", 1), encoding="utf-8")
    assert main(["build", "--registry", str(registry), "--raw-dir", str(raw)]) == 2
    err = capsys.readouterr().err
    assert "column year: found '2023年', expected a year" in err and "(doc_id jishou_2023)" in err
