"""Compare stage: groups, the domain codebook, kappa by hand, the bootstrap, the gold sample, similarity."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis import compare
from wpanalysis.build import build_corpus
from wpanalysis.coding import agreement as coding_agreement
from wpanalysis.coding import codebook as coding_codebook
from wpanalysis.coding.agreement import cohens_kappa, domain_kappas
from wpanalysis.coding.codebook import NONE, assign_domains, load_codebook, match_terms
from wpanalysis.coding.profiles import domain_profile
from wpanalysis.compare import bootstrap_ci, group_sizes
from wpanalysis.plots import compare as compare_plots
from wpanalysis.plots import domains as domain_plots
from wpanalysis.registry import UNKNOWN

NINE = 9
N_ITEMS = 274
OUTLINE_ONLY = {"unknown_city_2024", "county_a_2024", "county_b_2024"}


@pytest.fixture(scope="module")
def corpus():
    built = build_corpus(SEED_REGISTRY, SEED_RAW)
    return built.documents, built.items


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def _items(*rows: tuple[str, str]) -> pd.DataFrame:
    """(title, body) pairs → a minimal items table of one document."""
    return pd.DataFrame({"doc_id": ["d"] * len(rows), "item_seq": range(1, len(rows) + 1),
                         "item_number": range(1, len(rows) + 1), "title": [t for t, _ in rows],
                         "body": [b for _, b in rows]})


# --------------------------------------------------------------------------- Cohen's kappa by hand


def test_kappa_hand_made_binary_example():
    # 50 items: both yes 20, both no 15, only A yes 5, only B yes 10.
    # p_o = 35/50 = 0.7; A yes 0.5, B yes 0.6 → p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4
    a = ["y"] * 20 + ["n"] * 15 + ["y"] * 5 + ["n"] * 10
    b = ["y"] * 20 + ["n"] * 15 + ["n"] * 5 + ["y"] * 10
    assert cohens_kappa(a, b) == pytest.approx(0.4)


def test_kappa_hand_made_three_categories():
    # 10 items, categories P(arty), T(eachers), S(afety):
    # A: P P P P T T T S S S ; B: P P P T T T S S S P
    # agree on items 1-3 (P), 5-6 (T), 8-9 (S) → p_o = 7/10
    # A: P .4, T .3, S .3 ; B: P .4, T .3, S .3 → p_e = .16 + .09 + .09 = .34
    # kappa = (.7 - .34) / (1 - .34) = .36 / .66 = 0.545454...
    a = list("PPPPTTTSSS")
    b = list("PPPTTTSSSP")
    assert cohens_kappa(a, b) == pytest.approx(0.36 / 0.66)


def test_kappa_edge_cases():
    assert cohens_kappa(list("abab"), list("abab")) == pytest.approx(1.0)
    assert math.isnan(cohens_kappa(["a"] * 5, ["a"] * 5))  # p_e = 1: undefined, not 1
    assert cohens_kappa(list("ab"), list("ba")) == pytest.approx(-1.0)
    with pytest.raises(ValueError):
        cohens_kappa(["a"], ["a", "b"])


def test_kappa_agrees_with_scikit_learn():
    from sklearn.metrics import cohen_kappa_score

    rng = np.random.default_rng(3)
    a = rng.integers(0, 4, 200).tolist()
    b = [x if rng.random() < 0.6 else int(rng.integers(0, 4)) for x in a]
    assert cohens_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_per_domain_kappa_and_summary_by_hand(codebook):
    # four items; gold vs codebook domain sets
    agreement = pd.DataFrame({
        "split": ["dev", "dev", "heldout", "heldout"],
        "gold": ["teachers", "teachers|safety", "party", "party"],
        "codebook": ["teachers", "teachers", "party", "moral"],
        "gold_primary": ["teachers", "teachers", "party", "party"],
        "codebook_primary": ["teachers", "teachers", "party", "moral"],
        "primary_match": [True, True, True, False],
        "jaccard": [1.0, 0.5, 1.0, 0.0],
    })
    per = domain_kappas(agreement, codebook).set_index("domain")
    assert per.loc["teachers", "kappa"] == pytest.approx(1.0)  # present in items 1-2 on both sides
    # party: gold T T on items 3-4, codebook T F → p_o = .75, p_e = .5*.25 + .5*.75 = .5 → kappa .5
    assert per.loc["party", "kappa"] == pytest.approx(0.5)
    assert math.isnan(per.loc["digital", "kappa"])  # used by neither side
    summary = coding_agreement.agreement_summary(agreement, codebook).set_index("subset")
    assert summary.loc["all", "primary_agreement"] == pytest.approx(0.75)
    # primary: A = T T P P, B = T T P M → p_o .75; p_e = .5*.5 + .5*.25 = .375 → kappa = .375/.625 = .6
    assert summary.loc["all", "primary_kappa"] == pytest.approx(0.6)
    assert summary.loc["all", "exact_match"] == pytest.approx(0.5)
    assert list(summary.index) == ["all", "dev", "heldout"]


# --------------------------------------------------------------------------- the codebook


def test_codebook_loads_with_documented_shape(codebook):
    assert len(codebook.domains) == 17  # v2: community_sport added
    assert len(set(codebook.ids)) == 17
    for domain in codebook.domains:
        assert domain.zh and domain.en and domain.description and domain.seed_terms
    owners: dict[str, str] = {}
    for domain in codebook.domains:
        for term in domain.seed_terms:
            assert len(term) >= 2
            assert owners.setdefault(term, domain.id) == domain.id
    assert codebook.max_domains == 3 and codebook.title_weight == 2


def test_codebook_rejects_a_term_under_two_domains(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "domains:\n"
        "  - {id: a, zh: 甲, en: A, description: d, seed_terms: [双减]}\n"
        "  - {id: b, zh: 乙, en: B, description: d, seed_terms: [双减]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="双减"):
        load_codebook(path)


def test_matching_is_leftmost_longest_and_ignores_the_bureau_name(codebook):
    found = [(d, t) for d, t, _ in match_terms("筑牢网络安全防线,强化校园安全;为基层减负;落实双减", codebook)]
    assert found == [("digital", "网络安全"), ("safety", "安全"), ("governance", "为基层减负"),
                     ("livelihood", "双减")]
    assert [d for d, _, _ in match_terms("吉首市教育和体育局", codebook)] == [None]


KNOWN_ITEMS = [
    # (title, body, expected primary domain) — items written for this test, not from the gold sample
    ("落实“双减”政策", "规范校外培训,提升课后服务水平", "livelihood"),
    ("加强师德师风建设", "", "teachers"),
    ("推进学前教育普及普惠发展", "", "preschool"),
    ("强化校园安全稳定", "", "safety"),
    ("筑牢网络安全防线", "", "digital"),
    ("推进普通高中多样化有特色发展", "", "senior_secondary"),
    ("深化产教融合", "推进校企合作,建设实训基地", "vocational"),
    ("坚持党对教育工作的全面领导", "", "party"),
    ("加强学生思想政治教育", "", "moral"),
    ("加强学生心理健康教育", "", "health_pe_arts_labour"),
    ("持续深化新时代教育评价改革", "", "governance"),
    ("加快推进学位建设", "新建改扩建学校,增加公办学位", "resources"),
    ("推动高校高质量发展", "", "higher_lifelong"),
    ("提升教育国际化水平", "深化与港澳交流合作", "exchange"),
    ("深化课堂教学改革", "", "teaching"),
    ("推进义务教育优质均衡发展", "", "compulsory"),
]


@pytest.mark.parametrize(("title", "body", "expected"), KNOWN_ITEMS, ids=[e for _, _, e in KNOWN_ITEMS])
def test_codebook_assigns_known_items_to_the_right_domain(codebook, title, body, expected):
    assigned = assign_domains(_items((title, body)), codebook)
    assert assigned.loc[assigned["primary"], "domain"].tolist() == [expected]


def test_known_failure_da_zhong_xiao_xue(codebook):
    # fixed in codebook v2: 中小学 and 大中小学 are ignore phrases, so 小学 no longer matches inside them
    assigned = assign_domains(_items(("推进大中小学思政课一体化建设", "")), codebook)
    assert assigned.loc[assigned["primary"], "domain"].tolist() == ["moral"]


def test_assignment_rules(codebook):
    items = _items(
        ("做好综合协调", ""),                                              # nothing matches → none
        ("加强教师队伍建设", "开展心理健康教育,落实双减,推进数字化,强化安全"),    # title ×2 wins; cap at 3
    )
    a = assign_domains(items, codebook)
    assert a[a["item_seq"] == 1][["domain", "primary", "weight"]].values.tolist() == [[NONE, True, 1.0]]
    second = a[a["item_seq"] == 2]
    assert second["domain"].iloc[0] == "teachers"
    assert len(second) <= codebook.max_domains
    assert second["weight"].sum() == pytest.approx(1.0)
    assert second["rank"].tolist() == list(range(1, len(second) + 1))
    titles_only = assign_domains(items, codebook, text="title")
    assert titles_only[titles_only["item_seq"] == 2]["domain"].tolist() == ["teachers"]


def test_domain_profile_shares_sum_to_one_and_keep_unknown(corpus, codebook):
    documents, items = corpus
    assigned = assign_domains(items, codebook)
    by_doc = domain_profile(assigned, documents, "doc_id", codebook)
    assert by_doc.groupby("group")["share"].sum().round(9).eq(1).all()
    assert by_doc.groupby("group")["share_primary"].sum().round(9).eq(1).all()
    assert by_doc.drop_duplicates("group")["n_items"].sum() == N_ITEMS
    by_region = domain_profile(assigned, documents, "region", codebook)
    assert UNKNOWN in set(by_region["group"])
    sizes = by_region.drop_duplicates("group").set_index("group")
    assert sizes.loc[UNKNOWN, "n_docs"] == 3 and sizes.loc["central", "n_docs"] == 1


# --------------------------------------------------------------------------- groups and bases


def test_group_sizes_count_every_document_once(corpus):
    documents, items = corpus
    sizes = group_sizes(documents, items)
    for _, part in sizes.groupby("grouping"):
        assert part["n_docs"].sum() == NINE
        assert part["n_items"].sum() == N_ITEMS
    region = sizes[sizes["grouping"] == "region"]
    assert region["group"].tolist() == ["east", "central", UNKNOWN]  # unknown shown, last


def test_basis_items_switch(corpus):
    documents, items = corpus
    titles = compare.basis_items(items, documents, "title")
    assert len(titles) == N_ITEMS and (titles["text"] == titles["title"]).all()
    text = compare.basis_items(items, documents, "text")
    assert set(text["doc_id"]).isdisjoint(OUTLINE_ONLY)
    assert len(compare.basis_items(items, documents, "all")) == N_ITEMS
    with pytest.raises(ValueError):
        compare.basis_items(items, documents, "body")


def test_drop_place_names_keeps_policy_words(corpus):
    documents, _ = corpus
    tokens = pd.DataFrame({"token": ["宁波", "河源市", "深圳", "全省", "高校", "广东省"]})
    assert compare.drop_place_names(tokens, documents)["token"].tolist() == ["全省", "高校"]


# --------------------------------------------------------------------------- the bootstrap


def test_bootstrap_ci_covers_each_group_mean():
    rng = np.random.default_rng(11)
    values = np.concatenate([rng.beta(2, 5, 40), rng.beta(5, 2, 7), rng.uniform(0, 1, 120)])
    groups = ["a"] * 40 + ["b"] * 7 + ["c"] * 120
    ci = bootstrap_ci(values, groups, n=2000, seed=0)
    for _, row in ci.iterrows():
        mean = values[np.asarray(groups) == row["group"]].mean()
        assert row["mean"] == pytest.approx(mean)
        assert row["ci_low"] <= mean <= row["ci_high"]
        assert row["ci_low"] < row["ci_high"]
    assert ci["n"].tolist() == [40, 7, 120]


def test_bootstrap_is_reproducible_and_groups_independent():
    values, groups = [0.1, 0.5, 0.9, 0.3, 0.2, 0.8], ["a", "a", "a", "b", "b", "b"]
    first = bootstrap_ci(values, groups, n=500, seed=4)
    pd.testing.assert_frame_equal(first, bootstrap_ci(values, groups, n=500, seed=4))
    alone = bootstrap_ci(values[:3], groups[:3], n=500, seed=4)
    pd.testing.assert_frame_equal(first.iloc[[0]].reset_index(drop=True), alone)  # b does not move a


def test_cluster_bootstrap_resamples_whole_documents():
    # one document: nothing to resample → a point interval at the mean
    one = bootstrap_ci([0.2, 0.4, 0.9], ["g"] * 3, clusters=["d1"] * 3)
    assert one.loc[0, "ci_low"] == one.loc[0, "ci_high"] == pytest.approx(0.5)
    # two documents with means 0.2 (2 items) and 0.8 (1 item): every resample's mean is
    # 0.2, 0.8 or the pooled (0.2+0.2+0.8)/3 = 0.4, so the interval is [0.2, 0.8]
    two = bootstrap_ci([0.2, 0.2, 0.8], ["g"] * 3, clusters=["d1", "d1", "d2"], n=2000)
    assert two.loc[0, "n_clusters"] == 2
    assert (two.loc[0, "ci_low"], two.loc[0, "ci_high"]) == (pytest.approx(0.2), pytest.approx(0.8))


def test_topic_prevalence_carries_sizes_and_covers_means():
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "region": ["east", "east", None]})
    rng = np.random.default_rng(2)
    rows = []
    for doc, n in (("a", 12), ("b", 8), ("c", 5)):
        for seq in range(1, n + 1):
            share = rng.dirichlet([1, 1])
            rows += [(doc, seq, 1, share[0]), (doc, seq, 2, share[1])]
    shares = pd.DataFrame(rows, columns=["doc_id", "item_seq", "topic", "share"])
    prev = compare.topic_prevalence_by_group(shares, documents, "region", n=1000, topic_names={1: "甲"})
    assert prev["group"].tolist() == ["east", "east", UNKNOWN, UNKNOWN]
    assert prev[["n_docs", "n_items"]].values.tolist() == [[2, 20], [2, 20], [1, 5], [1, 5]]
    assert ((prev["ci_low"] <= prev["mean"]) & (prev["mean"] <= prev["ci_high"])).all()
    by_doc = compare.topic_prevalence_by_group(shares, documents, "region", n=1000, unit="document")
    single = by_doc[by_doc["group"] == UNKNOWN]
    assert (single["ci_low"] == single["ci_high"]).all()


# --------------------------------------------------------------------------- the gold sample


def test_gold_sample_is_documented_and_valid(corpus, codebook):
    _, items = corpus
    gold = coding_agreement.load_gold()
    assert len(gold) >= 60
    assert gold["doc_id"].nunique() == NINE
    assert (gold["basis"] == "title").sum() >= 10  # outline-only titles are in the sample
    drawn = coding_agreement.gold_sample(items, n_per_doc=8, seed=0)
    assert gold[["doc_id", "item_seq", "split", "basis"]].values.tolist() == \
        drawn[["doc_id", "item_seq", "split", "basis"]].values.tolist()
    titles = items.astype({"doc_id": object}).set_index(["doc_id", "item_seq"])["title"]
    valid = set(codebook.ids)
    for row in gold.itertuples(index=False):
        domains = row.domains.split("|")
        assert 1 <= len(domains) <= 3 and set(domains) <= valid and len(set(domains)) == len(domains)
        assert row.primary == domains[0]
        assert row.notes.strip()
        assert titles[(row.doc_id, row.item_seq)] == row.title


def test_agreement_items_line_up_with_the_gold(corpus, codebook):
    _, items = corpus
    gold = coding_agreement.load_gold()
    sample = items.astype({"doc_id": object}).merge(gold[["doc_id", "item_seq"]], on=["doc_id", "item_seq"])
    predicted = coding_codebook.item_domains(assign_domains(sample, codebook))
    agreement = coding_agreement.agreement_items(gold, predicted)
    assert len(agreement) == len(gold)
    assert agreement["jaccard"].between(0, 1).all()


# --------------------------------------------------------------------------- similarity and topics


def test_doc_similarity_is_a_proper_cosine():
    tokens = pd.DataFrame({"doc_id": list("aaabbbccd"), "token": ["双减", "作业", "教师", "双减", "作业", "教师",
                                                                  "安全", "校园", "安全"]})
    pairs = compare.doc_similarity(tokens)
    assert len(pairs) == 6
    assert pairs["cosine"].between(0, 1).all()
    lookup = {(a, b): v for a, b, v in pairs.itertuples(index=False)}
    assert lookup[("a", "b")] == pytest.approx(1.0)
    assert lookup[("a", "c")] == pytest.approx(0.0)
    matrix = compare.similarity_matrix(pairs)
    assert np.allclose(matrix.to_numpy(), matrix.to_numpy().T)
    assert np.allclose(np.diag(matrix.to_numpy()), 1.0)


def test_project_topics_reproduces_the_fitted_shares():
    from wpanalysis import topics

    rng = np.random.default_rng(5)
    themes = [["双减", "作业", "课后服务"], ["教师", "编制", "师德"], ["安全", "校园", "防溺水"]]
    rows = []
    for k in range(30):
        words = themes[k % 3]
        for _ in range(6):
            rows.append((f"doc{k % 4}", k, words[int(rng.integers(0, 3))]))
    tokens = pd.DataFrame(rows, columns=["doc_id", "item_seq", "token"])
    model = topics.fit_topics(topics.topic_dtm(tokens, min_df=1, max_share=1.0, min_docs=1), 3, seed=0)
    projected = compare.project_topics(model, tokens)
    fitted = topics.item_topics(model)
    merged = fitted.merge(projected, on=["doc_id", "item_seq", "topic"])
    assert len(merged) == len(fitted)
    assert np.allclose(merged["share_x"], merged["share_y"])


def test_differences_keep_sizes_and_skip_unknown(corpus, codebook):
    documents, items = corpus
    profile = domain_profile(assign_domains(items, codebook), documents, "region", codebook)
    diffs = compare.largest_differences(profile, n=None)
    assert set(diffs["group_a"]) | set(diffs["group_b"]) == {"east", "central"}
    assert np.allclose(diffs["diff"], diffs["value_a"] - diffs["value_b"])
    assert diffs["diff"].abs().is_monotonic_decreasing


def test_figures_draw(corpus, codebook):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    documents, items = corpus
    assigned = assign_domains(items, codebook)
    for fig in (domain_plots.plot_domain_bars(domain_profile(assigned, documents, "doc_id", codebook), codebook),
                domain_plots.plot_domain_heatmap(domain_profile(assigned, documents, ["region", "year"], codebook),
                                            codebook),
                compare_plots.plot_clustermap(pd.DataFrame([[1.0, 0.3], [0.3, 1.0]], index=list("ab"),
                                                     columns=list("ab")))):
        assert fig.axes
        plt.close(fig)


# --------------------------------------------------------------------------- choosing groups by rule


def _registry(regions: list[str | None]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{k}" for k in range(len(regions))], "region": regions})


def test_plan_groups_pools_small_groups_when_the_pool_is_big_enough():
    docs = _registry(["east"] * 3 + ["west", "northeast", None])
    plan = compare.plan_groups(docs, "region", min_docs=2)
    assert plan[["group", "n_docs", "status", "becomes"]].values.tolist() == [
        ["east", 3, "kept", "east"], ["west", 1, "pooled", compare.OTHER],
        ["northeast", 1, "pooled", compare.OTHER], [UNKNOWN, 1, "unknown", UNKNOWN]]
    grouped = compare.regroup(docs, plan)
    assert grouped["region"].tolist() == ["east"] * 3 + [compare.OTHER, compare.OTHER, None]


def test_plan_groups_leaves_out_when_the_pool_is_too_small_or_asked_to():
    docs = _registry(["east"] * 3 + ["west", None])
    pooled = compare.plan_groups(docs, "region", min_docs=2)
    assert pooled.set_index("group").loc["west", "status"] == "left out"
    assert "still fewer than 2" in pooled.set_index("group").loc["west", "reason"]
    dropped = compare.plan_groups(_registry(["east"] * 3 + ["west", "northeast"]), "region", small="drop")
    assert dropped["status"].tolist() == ["kept", "left out", "left out"]
    capped = _registry(["east"] * 3 + ["west"] * 2 + ["central"] * 2)
    assert compare.plan_groups(capped, "region", max_groups=2)["status"].tolist() == ["kept", "kept", "pooled"]
    assert compare.plan_groups(capped, "region", min_docs=3)["status"].tolist() == ["kept", "pooled", "pooled"]


def test_left_out_plans_leave_every_group_table(corpus):
    documents, items = corpus
    plan = compare.plan_groups(documents, ["region", "year"], min_docs=2)
    grouped = compare.regroup(documents, plan)
    assert (grouped.loc[grouped["doc_id"] == "jishou_2023", ["region", "year"]] == compare.LEFT_OUT).all(axis=None)
    sizes = group_sizes(grouped, items, ["region", "year"])
    assert compare.LEFT_OUT not in set(sizes["group"])
    assert sizes.groupby("grouping")["n_docs"].sum().to_dict() == {"region": NINE - 1, "year": NINE - 1}
    capped = group_sizes(grouped, items, "year", max_names=2)
    assert capped.set_index("group").loc["2024", "documents"].endswith("…（另 4 份）")
    shares = pd.DataFrame({"doc_id": items["doc_id"].astype(object), "item_seq": items["item_seq"], "topic": 1,
                           "share": 1.0})
    prevalence = compare.topic_prevalence_by_group(shares, grouped, "region", n=50)
    assert compare.LEFT_OUT not in set(prevalence["group"])


def test_confounds_first_contrast_and_plan_pair_follow_their_rules(corpus):
    documents, items = corpus
    grouped = compare.regroup(documents, compare.plan_groups(documents, ["region", "admin_level", "completeness"]))
    confounds = compare.confounded_groups(grouped, ["region", "admin_level", "completeness"])
    same = confounds[confounds["relation"] == "same plans"]
    assert same[["group_a", "group_b", "n_a"]].values.tolist() == [[UNKNOWN, "outline-only", 3]]
    full = grouped[~grouped["doc_id"].isin(OUTLINE_ONLY)]
    assert compare.first_contrast(full, ["region", "admin_level"]) == ("admin_level", "city", "county-level city")
    assert compare.first_contrast(full, ["region"], min_docs=3) is None
    tokens = pd.DataFrame({"doc_id": ["ningbo_2024"] * 5 + ["hebei_city_2024"] * 4 + ["jishou_2023"] * 3,
                           "token": ["x"] * 12})
    assert compare.plan_pair(documents, tokens, "region") == ("ningbo_2024", "jishou_2023", True)
    assert compare.plan_pair(documents, tokens, "admin_level") == ("ningbo_2024", "jishou_2023", True)
    assert compare.plan_pair(documents, tokens[tokens["doc_id"] != "jishou_2023"], "region") == \
        ("ningbo_2024", "hebei_city_2024", False)
    assert compare.plan_pair(documents, tokens.head(5), "region") is None


def test_keyness_comparisons_mark_impossible_comparisons():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "admin_level": ["city", "county", "county"]})
    tokens = pd.DataFrame({"doc_id": ["a"] * 40 + ["b"] * 40, "token": ["高校"] * 20 + ["教育"] * 60})
    table = compare.keyness_comparisons({"text": tokens, "title": tokens[tokens["doc_id"] == "a"]}, docs,
                                        [("city vs county", "admin_level", "city", "county")])
    assert table[["basis", "n_docs_target", "n_docs_reference", "possible"]].values.tolist() == [
        ["text", 1, 1, True], ["title", 1, 0, False]]
    assert table.loc[0, "terms"].split("、")[0] == "高校" and table.loc[1, "n_tested"] == 0
    assert compare.rule_comparisons(docs, ["admin_level"], min_docs=1) == [
        ("admin_level: county vs city", "admin_level", "county", "city")]


# --------------------------------------------------------------------------- similarity at any N


def test_doc_similarity_matches_a_pairwise_loop():
    rng = np.random.default_rng(1)
    tokens = pd.DataFrame({"doc_id": rng.choice([f"d{k:02d}" for k in range(12)], 600),
                           "token": rng.choice(list("甲乙丙丁戊己庚辛壬癸"), 600)})
    pairs = compare.doc_similarity(tokens)
    matrix = compare.similarity_matrix(pairs)
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    docs = tokens.groupby("doc_id")["token"].apply(" ".join).sort_index()
    counts = CountVectorizer(analyzer=lambda s: s.split()).fit_transform(docs)
    weights = TfidfTransformer().fit_transform(counts)
    expected = (weights @ weights.T).toarray()
    np.fill_diagonal(expected, 1.0)
    assert np.allclose(matrix.loc[docs.index, docs.index].to_numpy(), expected)
    assert len(pairs) == 12 * 11 // 2


def test_similarity_summary_group_means_and_display_sample():
    pairs = pd.DataFrame({"doc_a": ["a", "a", "b"], "doc_b": ["b", "c", "c"], "cosine": [0.8, 0.6, 0.4]})
    summary = compare.similarity_summary(pairs).set_index("doc_id")
    assert summary.loc["a", "mean"] == pytest.approx(0.7) and summary.loc["c", "nearest"] == "a"
    pooled = pd.DataFrame({"doc_id": list("abc"), "region": [compare.OTHER, compare.OTHER, "east"]})
    assert compare.group_similarity(pairs, pooled, "region").values.tolist() == [["east", compare.OTHER, 2, 0.5]]
    docs = pd.DataFrame({"doc_id": [f"p{k:03d}" for k in range(300)], "region": ["east"] * 200 + ["west"] * 100})
    sample = compare.display_sample(docs, docs["doc_id"].tolist(), 30, "region", seed=3)
    assert len(sample) == 30 and len(set(sample)) == 30
    assert sum(d < "p200" for d in sample) == 20  # each region keeps its share
    assert sample == compare.display_sample(docs, docs["doc_id"].tolist(), 30, "region", seed=3)
    assert compare.display_sample(docs, ["p001", "p000"], 30, "region") == ["p001", "p000"]


# --------------------------------------------------------------------------- a sample to code, and its status


def test_gold_template_round_trip_and_status(tmp_path, corpus):
    documents, items = corpus
    path = tmp_path / "annotations" / "domains_gold.csv"
    written = coding_agreement.write_gold_template(items, path, n_per_doc=2, seed=5)
    assert [p.name for p in written] == ["domains_gold.csv", "domains_gold_codes.csv"]
    codes = pd.read_csv(written[1])
    assert codes["domain"].tolist() == [*load_codebook().ids, NONE]
    with pytest.raises(FileExistsError):
        coding_agreement.write_gold_template(items, path)
    status = coding_agreement.gold_status(path, items, n_per_doc=2, seed=5)
    assert (status.exists, status.n_rows, status.n_coded, status.is_draw, status.seed_sample) == \
        (True, 2 * NINE, 0, True, False)
    filled = pd.read_csv(path, dtype=str, keep_default_na=False)
    filled.loc[:3, ["domains", "primary", "coder"]] = ["teachers", "teachers", "李"]
    filled.loc[0, "title"] = "不是这个条目"  # a row whose title no longer matches the corpus
    filled.to_csv(path, index=False)
    status = coding_agreement.gold_status(path, items, n_per_doc=2, seed=5)
    assert (status.n_coded, status.n_matched, status.coders) == (4, 3, ("李",))
    assert not coding_agreement.gold_status(tmp_path / "none.csv", items).exists


def test_the_seed_gold_sample_is_recognised(corpus):
    _, items = corpus
    status = coding_agreement.gold_status(coding_agreement.GOLD_PATH, items)
    assert (status.n_matched, status.n_docs, status.per_doc, status.n_title_only) == (72, NINE, 8, 24)
    assert status.is_draw and status.seed_sample and status.coders == ()


def test_fit_item_topics_declines_a_corpus_too_small():
    items = pd.DataFrame({"doc_id": ["a", "b"], "item_seq": [1, 1], "item_number": [1, 1], "title": ["双减", "教师"],
                          "body": ["", ""], "text": ["落实双减", "建设教师队伍"], "has_body": [True, True],
                          "source": ["body", "body"]})
    assert compare.fit_item_topics(items, 3, cache=False) is None


# --------------------------------------------------------------------------- figures at any N


def _pixels(fig) -> tuple[int, int]:
    import io

    import matplotlib.pyplot as plt
    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=300, bbox_inches="tight")
    plt.close(fig)
    return Image.open(buffer).size


def _profile(n_plans: int, codebook, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    domains = [*codebook.ids, NONE]
    rows = []
    for k in range(n_plans):
        shares = rng.dirichlet(np.ones(len(domains)))
        rows += [("doc_id", f"plan_{k:04d}", 1, 30, d, d, 3, s, s, s) for d, s in zip(domains, shares)]
    return pd.DataFrame(rows, columns=["grouping", "group", "n_docs", "n_items", "domain", "zh", "n_items_domain",
                                       "share_any", "share", "share_primary"])


def test_domains_by_document_switches_form_and_stays_under_the_cap(codebook):
    import matplotlib

    matplotlib.use("Agg")
    small = _profile(30, codebook)
    fig = domain_plots.plot_domains_by_document(small, codebook, max_plans=30, title="各份要点", language="zh")
    assert len(fig.axes[0].patches) == 30 * 18 and "N = 30 份" in fig.axes[0].get_title()  # 17 domains + none (v2)
    assert max(_pixels(fig)) <= 4000
    large = _profile(3000, codebook)
    groups = pd.Series([f"省{k % 12}" for k in range(3000)], index=large["group"].unique())
    fig = domain_plots.plot_domains_by_document(large, codebook, max_plans=30, groups=groups, title="各份要点",
                                                language="zh")
    assert "N = 3,000 份" in fig.axes[0].get_title()
    markers = [c for c in fig.axes[0].collections if c.get_label() and not c.get_label().startswith("_")]
    assert len(markers) == 8  # twelve groups: the seven largest and 其他
    assert max(_pixels(fig)) <= 4000


def test_heatmap_prevalence_and_clustermap_stay_under_the_cap(codebook):
    import matplotlib

    matplotlib.use("Agg")
    rows = []
    for g in range(60):
        rows += [("province", f"省份{g:02d}", 5, 100, d, d, 3, 0.05, 0.05, 0.05) for d in [*codebook.ids, NONE]]
    heat = pd.DataFrame(rows, columns=["grouping", "group", "n_docs", "n_items", "domain", "zh", "n_items_domain",
                                       "share_any", "share", "share_primary"])
    fig = domain_plots.plot_domain_heatmap(heat, codebook, title="各组", language="zh")
    assert "N = 300 份" in fig.axes[0].get_title()
    assert max(_pixels(fig)) <= 4000
    prevalence = pd.DataFrame([("province", f"省份{g:02d}", 5, 100, t, f"主题{t}", 0.3, 0.2, 0.4, "item")
                               for g in range(60) for t in (1, 2, 3)],
                              columns=["grouping", "group", "n_docs", "n_items", "topic", "label", "mean", "ci_low",
                                       "ci_high", "unit"])
    fig = compare_plots.plot_prevalence(prevalence, title="主题", n_plans=3000, language="zh")
    assert "N = 3,000 份" in fig.texts[0].get_text() if fig.texts else "N = 3,000 份" in fig._suptitle.get_text()
    assert max(_pixels(fig)) <= 4000
    ids = [f"plan_{k:02d}" for k in range(30)]
    rng = np.random.default_rng(0)
    values = rng.uniform(0.2, 0.9, (30, 30))
    values = (values + values.T) / 2
    np.fill_diagonal(values, 1.0)
    fig = compare_plots.plot_clustermap(pd.DataFrame(values, index=ids, columns=ids), title="相似度", n_total=3000,
                                        language="zh")
    assert "N = 30 / 3,000 份" in fig._suptitle.get_text()
    assert max(_pixels(fig)) <= 4000


def test_prevalence_draws_at_most_eight_topic_colours():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    prevalence = pd.DataFrame([("region", g, 5, 100, t, f"主题{t}", 0.05 + t / 100, 0.01, 0.2, "item")
                               for g in ("east", "west") for t in range(1, 13)],
                              columns=["grouping", "group", "n_docs", "n_items", "topic", "label", "mean", "ci_low",
                                       "ci_high", "unit"])
    fig = compare_plots.plot_prevalence(prevalence, title="各组的主题占比", language="zh")
    assert len(fig.legends[0].get_texts()) == 8
    assert fig._suptitle.get_text() == "各组的主题占比（占比最大的 8 个主题，共 12 个）（N = 10 份）"
    plt.close(fig)


def test_topic_prevalence_plan_unit_weighs_each_plan_once_and_withholds_small_intervals():
    # east: plan a items 0.2, 0.4 (mean 0.3), plan b one item 0.9 → plan-weighted (0.3 + 0.9) / 2 = 0.6,
    # where pooling items gives (0.2 + 0.4 + 0.9) / 3 = 0.5. Two plans < 5: no interval.
    docs = pd.DataFrame({"doc_id": ["a", "b"], "region": ["east", "east"]})
    shares = pd.DataFrame({"doc_id": ["a", "a", "b"], "item_seq": [1, 2, 1], "topic": [1, 1, 1],
                           "share": [0.2, 0.4, 0.9]})
    plan = compare.topic_prevalence_by_group(shares, docs, "region", n=200, unit="plan").iloc[0]
    item = compare.topic_prevalence_by_group(shares, docs, "region", n=200, unit="item").iloc[0]
    assert plan["mean"] == pytest.approx(0.6) and item["mean"] == pytest.approx(0.5)
    assert (plan["n_docs"], plan["n_items"], plan["unit"]) == (2, 3, "plan")
    assert np.isnan(plan["ci_low"]) and np.isnan(plan["ci_high"])
    wide = compare.topic_prevalence_by_group(shares, docs, "region", n=200, unit="plan", min_plans_interval=2).iloc[0]
    assert wide["ci_low"] <= 0.6 <= wide["ci_high"]


def test_bootstrap_ci_past_max_values_is_the_normal_interval():
    values = [0.0, 1.0] * 3_000  # mean 0.5, sd 0.5 (population), n = 6,000
    ci = compare.bootstrap_ci(values, ["a"] * 6_000, n=200)
    half = 1.959964 * 0.5 / math.sqrt(6_000)
    assert ci[["n", "mean"]].values.tolist() == [[6_000, 0.5]]
    assert ci["ci_low"].iat[0] == pytest.approx(0.5 - half, abs=1e-6)
    assert ci["ci_high"].iat[0] == pytest.approx(0.5 + half, abs=1e-6)
    resampled = compare.bootstrap_ci(values, ["a"] * 6_000, n=2_000, max_values=None)
    assert resampled["ci_low"].iat[0] == pytest.approx(0.5 - half, abs=2e-3)  # the bootstrap agrees at this size
