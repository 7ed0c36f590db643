"""Build stage: parsing the registered files, in one process or several."""

from __future__ import annotations

import pandas as pd

from wpanalysis import config
from wpanalysis.build import build_corpus, parse_files
from wpanalysis.read import ReadError


def test_parse_files_in_two_processes_gives_the_same_corpus(tmp_path):
    """Parsing in worker processes changes nothing: same tables, same order, and an
    unreadable file still comes back as its error (ReadError pickles)."""
    one = build_corpus()
    two = build_corpus(workers=2)
    for name in ("documents", "items", "warnings"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = [tmp_path / "empty.txt", *sorted(config.RAW_DATA_DIR.glob("*.txt"))[:2]]
    results = list(parse_files(paths, workers=2))
    assert isinstance(results[0], ReadError) and "empty file" in str(results[0])
    assert [len(p.documents) for p in results[1:]] == [len(p.documents) for p in parse_files(paths[1:])]
