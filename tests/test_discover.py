"""Lexicon discovery: cohesive, free n-grams rank high; fragments and known words do not."""

from __future__ import annotations

import math

from wpanalysis.discover import discover_terms, jieba_vocabulary

TEXTS = [
    "推进县管校聘改革。深化县管校聘管理。",
    "落实县管校聘政策,完善县管校聘机制。",
    "县管校聘工作取得成效,开展县管校聘试点。",
]


def test_whole_term_found_and_fragments_rejected():
    out = discover_terms(TEXTS, min_count=3, min_pmi=0.5, min_entropy=0.5, top=None)
    terms = out["term"].tolist()
    assert "县管校聘" in terms
    # "县管校" is always followed by 聘: its right entropy is 0, so it is not proposed
    assert "县管校" not in terms and "管校聘" not in terms


def test_scores_are_computed_as_documented():
    out = discover_terms(TEXTS, min_count=3, min_pmi=0.5, min_entropy=0.5, top=None).set_index("term")
    row = out.loc["县管校聘"]
    assert row["n"] == 6
    # six occurrences, each with a different left context (推进/深化 contexts or a run start)
    assert row["left_entropy"] > 1.0 and row["right_entropy"] > 1.0
    assert row["score"] == min(row["left_entropy"], row["right_entropy"]) * math.log(6)


def test_known_terms_are_left_out():
    out = discover_terms(TEXTS, min_count=3, min_pmi=0.5, min_entropy=0.5, known={"县管校聘"}, top=None)
    assert "县管校聘" not in out["term"].tolist()


def test_jieba_vocabulary_is_the_default_dictionary():
    vocab = jieba_vocabulary()
    assert len(vocab) > 300_000 and "教育" in vocab
