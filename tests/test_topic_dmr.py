"""DMR topic prevalence by covariate: a toy corpus whose answer is known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wpanalysis import topic_dmr, topics

THEMES = [["双减", "作业", "课后服务", "校外培训"], ["教师", "编制", "职称", "师德"]]
EAST_SHARE = 0.8  # share of 双减 items in an eastern plan; 0.2 in a western one


def _corpus():
    """12 plans × 20 items of 8 tokens, each item from one theme; region decides the mix, level and
    year do not."""
    rng = np.random.default_rng(0)
    rows, cov = [], []
    for p in range(12):
        region = "东部" if p < 6 else "西部"
        cov.append((f"plan{p:02d}", region, "市" if p % 2 else "县", 2023 + p % 3))
        for i in range(20):
            theme = 0 if rng.random() < (EAST_SHARE if region == "东部" else 1 - EAST_SHARE) else 1
            rows += [(f"plan{p:02d}", i + 1, w, theme) for w in rng.choice(THEMES[theme], size=8)]
    tokens = pd.DataFrame(rows, columns=["doc_id", "item_seq", "token", "theme"])
    return tokens, pd.DataFrame(cov, columns=["doc_id", "region", "level", "year"])


@pytest.fixture(scope="module")
def toy():
    tokens, cov = _corpus()
    dtm = topics.topic_dtm(tokens, 1, 1.0, 1)
    reference = topics.fit_topics(dtm, 2, seed=0)
    return tokens, cov, dtm, reference, topic_dmr.dmr_prevalence(dtm, cov, 2, seed=0, n_boot=8, reference=reference)


def test_table_shape_and_sums(toy):
    _, _, dtm, _, result = toy
    table = result.table
    assert table.columns.tolist() == topic_dmr.DMR_COLUMNS
    # region 2 values + level 2 + year 3, × 2 topics
    assert len(table) == (2 + 2 + 3) * 2
    assert table[["covariate", "value"]].drop_duplicates().values.tolist() == [
        ["region", "东部"], ["region", "西部"], ["level", "县"], ["level", "市"],
        ["year", "2023"], ["year", "2024"], ["year", "2025"]]
    sums = table.groupby(["covariate", "value"])["prevalence"].sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)
    east = table[table["value"] == "东部"].iloc[0]
    assert (east["n_plans"], east["n_items"]) == (6, 120)
    assert table.loc[table["covariate"] == "year", "n_plans"].tolist() == [4] * 6
    assert (table["n_boot"] == 8).all()
    assert ((table["ci_low"] <= table["prevalence"]) & (table["prevalence"] <= table["ci_high"])).all()
    assert result.topic_term.shape == (2, dtm.shape[1]) and result.facts["n_boot"] == 8


def test_prevalence_recovers_the_regional_mix(toy):
    tokens, _, _, reference, result = toy
    # the reference's topic holding 双减 is the 双减 theme; the known answer is the share of 双减 items per region
    topic = 1 + int(np.argmax(reference.topic_term[:, list(reference.vocabulary).index("双减")]))
    items = tokens.drop_duplicates(["doc_id", "item_seq"]).assign(east=lambda d: d["doc_id"] < "plan06")
    truth = items.groupby("east")["theme"].apply(lambda t: float((t == 0).mean()))
    table = result.table.set_index(["value", "topic"])
    assert table.loc[("东部", topic), "prevalence"] == pytest.approx(truth[True], abs=0.08)
    assert table.loc[("西部", topic), "prevalence"] == pytest.approx(truth[False], abs=0.08)
    assert table.loc[("东部", topic), "ci_low"] > table.loc[("西部", topic), "ci_high"]  # a clear difference
    assert (result.match_cosine > 0.99).all()  # the DMR finds the reference's two topics
    # level plays no part: its two values overlap
    assert table.loc[("县", topic), "ci_low"] < table.loc[("市", topic), "ci_high"]


def test_same_seed_same_table_and_cache(toy, tmp_path):
    _, cov, dtm, reference, result = toy
    again = topic_dmr.dmr_prevalence(dtm, cov, 2, seed=0, n_boot=8, reference=reference, n_jobs=2,
                                     cache_dir=tmp_path)
    pd.testing.assert_frame_equal(result.table, again.table)
    assert len(list(tmp_path.glob("dmr-*.pkl"))) == 1
    cached = topic_dmr.dmr_prevalence(dtm, cov, 2, seed=0, n_boot=8, reference=reference, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(cached.table, result.table)


def test_missing_covariates_and_no_reference(toy):
    _, cov, dtm, _, _ = toy
    with pytest.raises(ValueError, match=r"no row for plans \['plan11'\]"):
        topic_dmr.dmr_prevalence(dtm, cov[cov["doc_id"] != "plan11"], 2, n_boot=0)
    alone = topic_dmr.dmr_prevalence(dtm, cov, 2, columns=["region"], n_boot=1)
    assert alone.match_cosine is None and alone.table["ci_low"].isna().all()  # one replicate: no interval
    assert len(alone.table) == 2 * 2 and (alone.table["n_boot"] == 1).all()
