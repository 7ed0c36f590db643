"""Build stage: parsing the registered files, in one process or several."""

from __future__ import annotations

import pandas as pd

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis.build import build_corpus, parse_files
from wpanalysis.read import ReadError


def test_parse_files_in_two_processes_gives_the_same_corpus(tmp_path):
    """Parsing in worker processes changes nothing: same tables, same order, and an
    unreadable file still comes back as its error (ReadError pickles)."""
    one = build_corpus(SEED_REGISTRY, SEED_RAW)
    two = build_corpus(workers=2)
    for name in ("documents", "items", "warnings"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = [tmp_path / "empty.txt", *sorted(SEED_RAW.glob("*.txt"))[:2]]
    results = list(parse_files(paths, workers=2))
    assert isinstance(results[0], ReadError) and "empty file" in str(results[0])
    assert [len(p.documents) for p in results[1:]] == [len(p.documents) for p in parse_files(paths[1:])]


def test_cli_build_with_workers_writes_the_same_tables(tmp_path, capsys):
    """`wpanalysis build --workers 2` writes the tables `wpanalysis build` writes."""
    from wpanalysis.cli import main

    assert main(["build", "--out-dir", str(tmp_path / "one")]) == 0
    one = capsys.readouterr().out
    assert main(["build", "--workers", "2", "--out-dir", str(tmp_path / "two")]) == 0
    two = capsys.readouterr().out
    assert "heyuan_2025           10 sections   0 sub-sections  30 items  ok" in two
    assert one.replace(str(tmp_path / "one"), "OUT") == two.replace(str(tmp_path / "two"), "OUT")
    names = sorted(p.name for p in (tmp_path / "one").glob("*.csv"))
    assert names == sorted(p.name for p in (tmp_path / "two").glob("*.csv")) and "items.csv" in names
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_build_progress_is_drawn_only_when_asked(tmp_path, capsys, monkeypatch):
    """`wpanalysis build` draws its bars on stderr only when that is a terminal (or WPANALYSIS_PROGRESS=1),
    never with --quiet, and the tables are the same either way."""
    from wpanalysis.cli import main

    monkeypatch.delenv("WPANALYSIS_PROGRESS", raising=False)
    seeds = ["--registry", str(SEED_REGISTRY), "--raw-dir", str(SEED_RAW)]
    assert main(["build", *seeds, "--out-dir", str(tmp_path / "plain")]) == 0
    assert capsys.readouterr().err == ""  # pytest's stderr is no terminal
    monkeypatch.setenv("WPANALYSIS_PROGRESS", "1")
    assert main(["build", *seeds, "--quiet", "--out-dir", str(tmp_path / "quiet")]) == 0
    assert capsys.readouterr().err == ""
    assert main(["build", *seeds, "--out-dir", str(tmp_path / "bars")]) == 0
    err = capsys.readouterr().err
    # the first frame of each bar (later ones are drawn at most every 0.1 s)
    assert "reading and parsing:   0%" in err and "0/5 [" in err  # the seeds' five files
    assert "building tables: targets: 0/2 done" in err and "building tables: sentences: 1/2 done" in err
    assert "writing tables:   0%" in err and "0/5 [" in err  # five tables
    for name in ("items.csv", "sentences.csv"):
        assert (tmp_path / "plain" / name).read_bytes() == (tmp_path / "bars" / name).read_bytes()


def test_build_corpus_is_silent_by_default(capsys, monkeypatch):
    monkeypatch.setenv("WPANALYSIS_PROGRESS", "1")
    assert len(build_corpus(SEED_REGISTRY, SEED_RAW).documents) == 9
    assert capsys.readouterr().err == ""
