"""Domain codebook version 2: community and competitive sport as its own domain; 小学 no longer read
inside 中小学 / 大中小学."""

from __future__ import annotations

import pandas as pd
import pytest

from wpanalysis.coding.codebook import assign_domains, load_codebook


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def _primary(codebook, title: str, body: str = "") -> str:
    items = pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [1], "title": [title], "body": [body]})
    assigned = assign_domains(items, codebook)
    return assigned.loc[assigned["primary"], "domain"].iloc[0]


CASES = [
    ("深入实施全民健身国家战略", "community_sport"),
    ("办好第七届市运动会和系列精品体育赛事", "community_sport"),
    ("推进体育场馆向社会开放", "community_sport"),
    ("提升竞技体育水平,加强体校建设", "community_sport"),
    ("促进体育产业发展", "community_sport"),
    ("开齐开足体育课,落实大课间活动", "health_pe_arts_labour"),
    ("加强学生心理健康教育", "health_pe_arts_labour"),
    ("推进中小学思政课建设", "moral"),
    ("推进大中小学思政课一体化建设", "moral"),
    ("加强小学科学教育", "compulsory"),  # 小学 alone still counts: it ties with 科学教育 and comes first
]


@pytest.mark.parametrize(("title", "expected"), CASES, ids=[e + ":" + t[:6] for t, e in CASES])
def test_v2_assigns(codebook, title, expected):
    assert _primary(codebook, title) == expected


def test_v2_shape(codebook):
    assert codebook.version == 2
    assert codebook.ids.index("community_sport") == codebook.ids.index("health_pe_arts_labour") + 1
    assert {"中小学", "大中小学"} <= set(codebook.ignore)
    sport = next(d for d in codebook.domains if d.id == "community_sport")
    assert {"全民健身", "竞技体育", "体育赛事", "体育场馆", "体育产业"} <= set(sport.seed_terms)
    assert "体育" in next(d for d in codebook.domains if d.id == "health_pe_arts_labour").seed_terms


def test_xiaoxue_still_marks_primary_schools(codebook):
    assert _primary(codebook, "推进小学和初中衔接") == "compulsory"
