"""The benchmark's scaled-corpus generator: deterministic, every copy varied, still parseable."""

from __future__ import annotations

import hashlib

from benchmarks.scale import make_scaled_corpus, vary
from tests.seeds import SEED_RAW
from wpanalysis.build import parse_file

SEEDS = sorted(SEED_RAW.glob("*.txt"))


def _digests(paths):
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_generator_is_deterministic(tmp_path):
    a = make_scaled_corpus(3, tmp_path / "a")
    b = make_scaled_corpus(3, tmp_path / "b")
    assert [p.name for p in a] == [p.name for p in b]
    assert _digests(a) == _digests(b)
    assert len(a) == 3 * len(SEEDS)


def test_every_copy_is_varied(tmp_path):
    paths = make_scaled_corpus(4, tmp_path)
    digests = _digests(paths)
    assert len(set(digests)) == len(digests), "no two copies are the same file"
    seed_digests = set(_digests(SEEDS))
    copies = [d for p, d in zip(paths, digests) if not p.name.startswith("c0000_")]
    assert not seed_digests & set(copies), "only copy 0 is the seed itself"
    # items are shuffled and renumbered: the first item line of a varied 004 differs
    text = SEEDS[-1].read_text(encoding="utf-8")
    import random

    varied = vary(text, random.Random("0:1:x"))
    assert varied != text and len(varied.splitlines()) == len(text.splitlines())


def test_varied_copies_parse_like_the_seeds(tmp_path):
    paths = make_scaled_corpus(2, tmp_path)
    counts = {}
    for p in paths:
        plan = parse_file(p)
        counts.setdefault(p.name.split("_", 1)[1], []).append([len(d.items) for d in plan.documents])
    for name, per_copy in counts.items():
        assert per_copy[0] == per_copy[1], name
    assert counts["001_f29dea3288537dee.txt"][1] == [53, 34, 25, 23, 15]
