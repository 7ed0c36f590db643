"""Every public stage function on empty input: an empty result with its documented columns, or a
clear error naming what is missing — never a library traceback (quanteda's test-empty-objects)."""

from __future__ import annotations

import pandas as pd
import pytest

from wpanalysis import build, coding, compare, features, overview, registry, topics
from wpanalysis.registry import REGISTRY_COLUMNS


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> build.Corpus:
    """The build of an empty registry: every table present, with its columns and no rows."""
    raw = tmp_path_factory.mktemp("raw")
    return build.build_corpus(pd.DataFrame(columns=REGISTRY_COLUMNS), raw)


@pytest.fixture(scope="module")
def tokens() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": pd.Series([], dtype=object), "item_seq": pd.Series([], dtype="int64"),
                         "token": pd.Series([], dtype=object), "stop_layer": pd.Series([], dtype=object)})


def test_the_build_of_an_empty_registry_has_every_table_with_its_columns(empty):
    assert list(empty.documents.columns) == build.DOCUMENT_COLUMNS
    assert list(empty.items.columns) == build.ITEM_COLUMNS
    assert list(empty.warnings.columns) == ["source_file", "doc_id", "level", "message"]
    assert "indicator" in empty.targets.columns
    assert sum(len(t) for t in (empty.documents, empty.items, empty.warnings, empty.targets)) == 0


def test_empty_corpus_writes_and_loads_back(empty, tmp_path):
    build.write_corpus(empty, tmp_path)
    back = build.load_corpus(tmp_path)
    assert list(back.documents.columns) == build.DOCUMENT_COLUMNS and len(back.items) == 0


@pytest.mark.parametrize("name, call, columns", [
    ("term_frequency", lambda t: features.term_frequency(t), ["token", "n"]),
    ("document_frequency", lambda t: features.document_frequency(t), ["token"]),
    ("tfidf_distinctive", lambda t: features.tfidf_distinctive(t), ["doc_id", "rank", "token", "tfidf", "n"]),
    ("keyness", lambda t: features.keyness(t, t), ["token", "g2", "p"]),
    ("cooccurrence", lambda t: features.cooccurrence(t), []),
    ("top_terms_with_without", lambda t: features.top_terms_with_without(t), ["kept_token", "removed_token"]),
    ("drop_ubiquitous", lambda t: features.drop_ubiquitous(t), ["token"]),
    ("doc_similarity", lambda t: compare.doc_similarity(t), ["doc_a", "doc_b", "cosine"]),
])
def test_token_functions_return_an_empty_table(tokens, name, call, columns):
    out = call(tokens)
    assert len(out) == 0, name
    assert set(columns) <= set(out.columns), name


def test_token_functions_with_other_results(tokens):
    assert features.document_term_matrix(tokens).matrix.shape == (0, 0)
    assert features.term_counts(tokens) == {} and features.term_counts_by(tokens) == {}
    assert features.rank_table(features.term_frequency(tokens, by="doc_id")).empty
    assert compare.similarity_matrix(compare.doc_similarity(tokens)).shape == (0, 0)
    assert topics.topic_dtm(tokens).matrix.shape == (0, 0)


def test_keyness_between_groups_without_documents_says_which_group(tokens, empty):
    with pytest.raises(ValueError, match=r"no documents in the target group \(region = 'east'\)"):
        features.keyness_groups(tokens, empty.documents, "region", "east", "west")


def test_registry_and_overview_tables_of_an_empty_corpus(empty):
    docs, items = empty.documents, empty.items
    assert registry.doc_labels(docs).empty and registry.full_text_ids(docs) == []
    assert registry.group_values(docs, "region").empty
    for table in (overview.registry_table(docs), overview.document_sizes(docs, items),
                  overview.items_per_section(items), overview.comparability_notes(docs),
                  compare.group_sizes(docs, items, "region"), compare.registry_groups(docs, items),
                  compare.basis_items(items, docs, "text"), features.token_counts(pd.DataFrame(
                      columns=["doc_id", "item_seq", "token", "stop_layer"]), docs)):
        assert len(table) == 0


def test_coding_an_empty_items_table(empty):
    assigned = coding.assign_domains(empty.items)
    assert len(assigned) == 0 and list(assigned.columns) == coding.ASSIGN_COLUMNS
    assert len(coding.domain_hits(empty.items)) == 0
    profile = coding.domain_profile(assigned, empty.documents, "region")
    assert len(profile) == 0 and list(profile.columns) == coding.PROFILE_COLUMNS
    assert len(compare.bootstrap_ci([], [])) == 0
