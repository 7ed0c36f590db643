"""Keyword glue on the built seed corpus: document selection, layer comparison, tables, keyness groups.

The expected values are those of the seed corpus segmented by the default backend with the
shipped lexicon and stopword layers; like the segmenter pins in test_segment.py they catch
change (a new lexicon term, a new boilerplate word), and a deliberate change updates them.
"""

from __future__ import annotations

import pandas as pd
import pytest

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis import compare, discover, features, registry, segment
from wpanalysis.build import build_corpus
from wpanalysis.features import term_frequency, tfidf_distinctive
from wpanalysis.registry import doc_labels

FULL_TEXT = ["rongcheng_2025", "hebei_city_2024", "shenzhen_2024", "jishou_2023", "ningbo_2024", "heyuan_2025"]
OUTLINE_ONLY = ["unknown_city_2024", "county_a_2024", "county_b_2024"]


@pytest.fixture(scope="session")
def built():
    return build_corpus(SEED_REGISTRY, SEED_RAW)


@pytest.fixture(scope="session")
def documents(built) -> pd.DataFrame:
    return built.documents


@pytest.fixture(scope="session")
def tokens(built) -> pd.DataFrame:
    return segment.tokenize_items(built.items, cache=False)


@pytest.fixture(scope="session")
def full(tokens, documents) -> pd.DataFrame:
    return registry.keep_full_text(tokens, documents)


@pytest.fixture(scope="session")
def content(full) -> pd.DataFrame:
    return segment.remove_stopwords(full)


# --------------------------------------------------------------------------- documents


def test_full_text_ids_leave_out_the_outline_only_plans(documents):
    assert registry.full_text_ids(documents) == FULL_TEXT
    assert set(documents.loc[documents["completeness"] == "outline-only", "doc_id"]) == set(OUTLINE_ONLY)


def test_keep_full_text_keeps_every_token_of_the_full_text_plans(tokens, full):
    assert set(full["doc_id"]) == set(FULL_TEXT)
    assert len(full) == (tokens["doc_id"].isin(FULL_TEXT)).sum() == 20_417
    assert len(tokens) - len(full) == 205 + 98 + 64  # the three outline-only plans


def test_token_counts_per_document_and_layer(tokens, documents):
    counts = features.token_counts(tokens, documents, doc_labels(documents)).set_index("doc_id")
    assert counts.index.tolist() == documents["doc_id"].tolist()
    ningbo = counts.loc["ningbo_2024"]
    assert ningbo["label"] == "宁波 2024"
    assert (ningbo["n_items"], ningbo["n_tokens"], ningbo["n_content"]) == (31, 5239, 3606)
    assert (ningbo["function_words"], ningbo["punctuation_numbers"], ningbo["policy_boilerplate"]) == (304, 1196, 133)
    assert counts.loc["county_a_2024", "n_tokens"] == 98
    layers = ["function_words", "punctuation_numbers", "policy_boilerplate", "n_content"]
    assert (counts[layers].sum(axis=1) == counts["n_tokens"]).all()
    assert counts["n_tokens"].sum() == len(tokens) == 20_784
    assert counts["policy_boilerplate"].sum() == (tokens["stop_layer"] == "policy_boilerplate").sum() == 830


def test_token_counts_give_zeros_to_a_document_without_tokens(tokens, documents):
    counts = features.token_counts(tokens[tokens["doc_id"] != "ningbo_2024"], documents).set_index("doc_id")
    assert counts.loc["ningbo_2024", ["n_items", "n_tokens", "n_content"]].tolist() == [0, 0, 0]
    assert counts.loc["ningbo_2024", "label"] == "ningbo_2024"


# --------------------------------------------------------------------------- frequencies


def test_top_terms_with_and_without_the_boilerplate_layer(full):
    table = features.top_terms_with_without(full, n=30)
    assert table["rank"].tolist() == list(range(1, 31))
    # 工作 (5th) and 持续 (30th) are boilerplate; removing the layer lets 校园 and 课程 in
    assert table.loc[table["kept_in_layer"], "kept_token"].tolist() == ["工作", "持续"]
    assert table.loc[table["removed_new"], "removed_token"].tolist() == ["校园", "课程"]
    assert table["kept_token"].head(5).tolist() == ["建设", "教育", "推进", "学校", "工作"]
    assert table["removed_token"].head(5).tolist() == ["建设", "教育", "推进", "学校", "开展"]
    # rates are per 10,000 tokens left after removal: 14,493 with the layer kept, 13,695 without
    top = table.iloc[0]
    assert (top["kept_n"], top["removed_n"]) == (204, 204)
    assert top["kept_per_10k"] == pytest.approx(204 / 14_493 * 10_000)
    assert top["removed_per_10k"] == pytest.approx(204 / 13_695 * 10_000)


def test_top_terms_with_without_rejects_an_unknown_layer(full):
    with pytest.raises(ValueError, match="unknown stopword layer"):
        features.top_terms_with_without(full, layer="boilerplate")


def test_rank_table_per_document_in_registry_order(content, documents):
    labels = doc_labels(documents)
    table = features.rank_table(term_frequency(content, by="doc_id"), labels=labels, n=30,
                                order=registry.full_text_ids(documents))
    assert table.shape == (30, 6)
    assert table.index.tolist() == list(range(1, 31))
    assert table.columns.tolist() == ["荣成 2025", "河北某市 2024", "深圳 2024", "吉首 2023", "宁波 2024", "河源 2025"]
    assert table.loc[1, "宁波 2024"] == "建设 177.5"  # 64 of Ningbo's 3,606 content tokens
    assert table.loc[1, "荣成 2025"] == "教师 138.5"


def test_term_counts_for_word_clouds(content, documents):
    overall = features.term_counts(content, n=5)
    assert overall == {"建设": 204, "教育": 201, "推进": 185, "学校": 183, "开展": 154}
    by_doc = features.term_counts_by(content, labels=doc_labels(documents), n=100)
    assert list(by_doc) == ["荣成 2025", "河北某市 2024", "深圳 2024", "吉首 2023", "宁波 2024", "河源 2025"]
    assert all(len(freqs) == 100 for freqs in by_doc.values())
    assert by_doc["宁波 2024"]["宁波"] == 28


def test_drop_ubiquitous_makes_tfidf_distinctive(content):
    shared = content.groupby("token")["doc_id"].nunique()
    assert (shared == 6).sum() == 3411 - 3290 == 121
    rest = features.drop_ubiquitous(content)
    assert rest["token"].nunique() == 3290
    assert rest.groupby("token")["doc_id"].nunique().max() == 5
    assert {"教育", "学校", "推进", "建设"}.isdisjoint(rest["token"])
    first = tfidf_distinctive(rest, top=1).set_index("doc_id")["token"].to_dict()
    assert first == {"hebei_city_2024": "达到", "heyuan_2025": "河源市", "jishou_2023": "教体",
                     "ningbo_2024": "宁波", "rongcheng_2025": "成长", "shenzhen_2024": "高校"}


# --------------------------------------------------------------------------- keyness


def test_group_members_city_vs_county_level(content, documents):
    members = features.group_members(content, documents, "admin_level", "city", "county-level city",
                                     doc_labels(documents))
    assert members[["group", "doc_id"]].values.tolist() == [
        ["target", "hebei_city_2024"], ["target", "shenzhen_2024"], ["target", "ningbo_2024"],
        ["target", "heyuan_2025"], ["reference", "rongcheng_2025"], ["reference", "jishou_2023"]]
    assert members["n_tokens"].sum() == len(content) == 13_695
    # the outline-only city plan has no tokens here, so it is not a member
    assert "unknown_city_2024" not in set(members["doc_id"])


def test_keyness_city_vs_county_level_cities(content, documents):
    k = features.keyness_groups(content, documents, "admin_level", "city", "county-level city")
    assert len(k) == 556  # terms with at least 5 occurrences: the Bonferroni factor
    sig = k[k["significant"]]
    assert sig.loc[sig["g2"] > 0, "token"].tolist() == ["市", "区", "达到", "宁波", "高校"]
    assert sig.loc[sig["g2"] < 0, "token"].tolist() == ["健身", "坚持", "体育", "教体"]
    row = k.set_index("token").loc["教体"]
    assert (row["n_target"], row["n_reference"], row["docs_target"], row["docs_reference"]) == (1, 13, 1, 2)
    assert row["p_bonferroni"] == pytest.approx(min(row["p"] * 556, 1.0))
    assert k.set_index("token").loc["宁波", "docs_target"] == 1  # key to the group, but one document's word


def test_notebook_rule_chooses_the_two_largest_groups_with_body_text(content, documents):
    with_text = documents[documents["doc_id"].isin(content["doc_id"].unique())]
    assert compare.contrast_groups(with_text, "admin_level") == ("city", "county-level city")
    # the county plans are outline-only: among the plans with body text there are none
    assert "county" not in set(compare.comparable_groups(with_text, "admin_level")["group"])
    assert compare.contrast_groups(with_text, "region") is None  # 5 east plans, 1 central
    assert compare.contrast_groups(with_text, "admin_level", min_docs=3) is None


def test_keyness_of_the_chosen_groups_and_of_their_largest_plans(content, documents):
    pair = ("city", "county-level city")
    members = features.group_members(content, documents, "admin_level", *pair)
    assert features.largest_of_each_group(members) == ("ningbo_2024", "jishou_2023")
    k = features.keyness_groups(content, documents, "admin_level", *pair)
    assert int(k["significant"].sum()) == 9
    top = features.key_terms(k, n=2)
    assert top["token"].tolist() == ["市", "区", "教体", "体育"]


def test_cloud_panels_of_the_seeds(content, documents):
    labels = doc_labels(documents)
    every = features.cloud_panels(content, labels, max_panels=12, order=registry.full_text_ids(documents))
    assert list(every) == ["荣成 2025", "河北某市 2024", "深圳 2024", "吉首 2023", "宁波 2024", "河源 2025"]
    three = features.cloud_panels(content, labels, max_panels=3, order=registry.full_text_ids(documents))
    assert list(three) == ["河北某市 2024", "宁波 2024", "其他 4 份"]  # the two largest, registry order


def test_keyness_between_two_documents(content, documents):
    k = features.keyness_groups(content, documents, "doc_id", "ningbo_2024", ["heyuan_2025"])
    assert len(k) == 234
    assert set(k.loc[k["significant"], "token"]) == {"宁波", "不够", "河源", "继续", "落实", "河源市"}


def test_keyness_groups_needs_documents_in_both_groups(content, documents):
    with pytest.raises(ValueError, match="reference group"):
        features.keyness_groups(content, documents, "admin_level", "city", "county")  # county plans: outline-only


# --------------------------------------------------------------------------- lexicon discovery


def test_known_terms_hold_jieba_and_the_lexicon():
    known = discover.known_terms()
    lexicon = {term for term, _ in segment.load_lexicon()}
    assert lexicon <= known
    assert "县管校聘" in lexicon and "教育" in known
    assert "全覆盖" not in known  # the top candidate of notebook 02's discovery step
