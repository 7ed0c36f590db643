"""wpanalysis.network: co-responsibility networks, centralities checked by hand and against
networkx, GraphML and Gephi CSV export."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from tests.seeds import SEED_PROCESSED
from wpanalysis import network, units
from wpanalysis.build import load_corpus


def _table(*notes: str, doc_id: str = "p") -> pd.DataFrame:
    items = pd.DataFrame({"doc_id": doc_id, "item_seq": range(1, len(notes) + 1),
                          "item_number": range(1, len(notes) + 1), "responsible_units": list(notes)})
    return units.unit_table(items)


@pytest.fixture(scope="module")
def hand() -> pd.DataFrame:
    # items: 甲乙丙, 甲乙, 丙丁, 丁 alone, 甲 + a collective (left out of the network)
    return _table("甲科|乙科|丙科", "甲科|乙科", "丙科|丁科", "丁科", "甲科|各学校")


def test_edges_are_items_shared(hand):
    g = network.plan_network(hand, "p")
    assert sorted(g.nodes) == ["丁科", "丙科", "乙科", "甲科"]
    assert sorted((*sorted((a, b)), d["weight"], d["items"]) for a, b, d in g.edges(data=True)) == [
        ("丁科", "丙科", 1, "3"), ("丙科", "乙科", 1, "1"), ("丙科", "甲科", 1, "1"), ("乙科", "甲科", 2, "1;2")]
    assert g.nodes["甲科"] == {"kind": "unknown", "function": "甲科", "n_items": 3, "n_led": 3, "n_plans": 1}
    with_collective = network.plan_network(hand, "p", include_collective=True)
    assert with_collective["甲科"]["各学校"]["weight"] == 1


def test_centralities_by_hand(hand):
    c = network.centrality_table(network.plan_network(hand, "p")).set_index("unit")
    assert c["degree"].to_dict() == {"丙科": 3, "乙科": 2, "甲科": 2, "丁科": 1}
    assert c["weighted_degree"].to_dict() == {"丙科": 3, "乙科": 3, "甲科": 3, "丁科": 1}
    # 丙科 lies on the only shortest paths 甲–丁 and 乙–丁: 2 of the (4-1)(4-2)/2 = 3 pairs
    assert c["betweenness"].to_dict() == {"丙科": round(2 / 3, 6), "乙科": 0.0, "甲科": 0.0, "丁科": 0.0}
    # ordered by weighted degree, then eigenvector (乙科 and 甲科 share their heaviest edge), then name
    assert c.index.tolist() == ["乙科", "甲科", "丙科", "丁科"]


def test_eigenvector_by_hand_on_a_star():
    # a hub sharing one item with each of three units: eigenvalue √3, vector (√3, 1, 1, 1) / √6
    t = _table("中心|甲", "中心|乙", "中心|丙")
    c = network.centrality_table(network.plan_network(t, "p")).set_index("unit")["eigenvector"]
    assert c["中心"] == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert [c[u] for u in ("甲", "乙", "丙")] == pytest.approx([1 / math.sqrt(6)] * 3, abs=1e-6)


def test_centralities_equal_networkx(hand):
    g = network.plan_network(hand, "p")
    c = network.centrality_table(g).set_index("unit")
    eigen = nx.eigenvector_centrality_numpy(g, weight="weight")
    between = nx.betweenness_centrality(g)
    for n in g:
        assert c.loc[n, "degree"] == g.degree(n)
        assert c.loc[n, "weighted_degree"] == g.degree(n, weight="weight")
        assert c.loc[n, "betweenness"] == pytest.approx(between[n], abs=1e-6)
        assert c.loc[n, "eigenvector"] == pytest.approx(abs(eigen[n]), abs=1e-6)


def test_no_edges_and_no_nodes():
    lone = network.centrality_table(network.plan_network(_table("甲科"), "p"))
    assert lone[["unit", "degree", "weighted_degree", "betweenness", "eigenvector"]].values.tolist() == [
        ["甲科", 0, 0, 0.0, 0.0]]
    empty = network.centrality_table(nx.Graph())
    assert empty.empty and list(empty.columns) == network.CENTRALITY_COLUMNS
    nodes, edges = network.network_tables(_table("", ""))
    assert nodes.empty and edges.empty and list(nodes.columns) == network.NODE_COLUMNS


def test_pooled_by_unit_and_by_function():
    t = pd.concat([_table("基教科|教研室", doc_id="a"), _table("基教处|教研室", "基教处|教研室", doc_id="b")])
    by_unit = network.pooled_network(t)
    assert sorted(by_unit.edges(data="weight")) == [("基础教育处", "教研室", 2), ("基础教育科", "教研室", 1)]
    assert by_unit.nodes["教研室"]["n_plans"] == 2 and by_unit["基础教育处"]["教研室"]["items"] == "b#1;b#2"
    assert sorted(network.pooled_network(t, by="function").edges(data="weight")) == [("基础教育", "教研", 3)]
    with pytest.raises(ValueError, match="by must be 'unit' or 'function'"):
        network.pooled_network(t, by="kind")


def test_graphml_reads_back_with_networkx(hand, tmp_path):
    g = network.plan_network(hand, "p")
    path = network.write_graphml(g, tmp_path / "p.graphml")
    back = nx.read_graphml(path)
    assert sorted(back.nodes) == sorted(g.nodes)
    assert sorted((*sorted((a, b)), int(w)) for a, b, w in back.edges(data="weight")) == sorted(
        (*sorted((a, b)), w) for a, b, w in g.edges(data="weight"))
    assert back.nodes["丙科"]["betweenness"] == pytest.approx(2 / 3, abs=1e-6)
    assert back.nodes["甲科"]["kind"] == "unknown" and back.nodes["甲科"]["label"] == "甲科"


def test_edge_and_node_tables_use_gephi_columns(hand):
    g = network.plan_network(hand, "p")
    edges = network.edge_table(g, "p")
    assert list(edges.columns) == ["network", "Source", "Target", "Type", "Weight", "items"]
    assert edges.iloc[0].tolist() == ["p", "乙科", "甲科", "Undirected", 2, "1;2"]
    nodes = network.node_table(g, "p")
    assert nodes["Id"].tolist() == nodes["Label"].tolist() == ["乙科", "甲科", "丙科", "丁科"]


def test_write_network_tables_on_the_seeds(tmp_path):
    corpus = load_corpus(SEED_PROCESSED)
    written = network.write_network_tables(corpus, tmp_path)
    assert sorted(written) == ["unit_items", "unit_lead_load", "unit_network_edges", "unit_network_nodes",
                               "unit_network_pooled", "unit_networks/ningbo_2024", "unit_networks/rongcheng_2025",
                               "unit_plans", "unit_unknown"]
    nodes = pd.read_csv(written["unit_network_nodes"])
    assert sorted(nodes["network"].unique()) == ["ningbo_2024", "pooled", "rongcheng_2025"]
    # weighted degree counted another way: for each item of the unit, the other named units it lists
    t = units.unit_table(corpus.items)
    named = t[t["kind"] != "collective"]
    size = named.groupby(["doc_id", "item_seq"])["unit"].transform("size")
    expected = (size - 1).groupby([named["doc_id"], named["unit"]]).sum()
    for doc in ("rongcheng_2025", "ningbo_2024"):
        part = nodes[nodes["network"] == doc].set_index("Id")["weighted_degree"]
        assert part.to_dict() == expected[doc].to_dict()
    top = {d: nodes[nodes["network"] == d].iloc[0]["Id"] for d in ("rongcheng_2025", "ningbo_2024")}
    assert top == {"rongcheng_2025": "基础教育科", "ningbo_2024": "基础教育处"}
    assert nx.read_graphml(written["unit_networks/ningbo_2024"]).number_of_nodes() == 22


def test_networks_built_once_equal_each_plan_built_alone():
    t = pd.concat([_table("甲科|乙科|丙科", "甲科|乙科", doc_id="a"), _table("丙科|丁科", "各学校", doc_id="b"),
                   _table("各学校", doc_id="c")])
    built = network.networks(t)
    assert list(built) == ["a", "b", "c", "pooled"]
    for doc in ("a", "b", "c"):
        alone = network.plan_network(t, doc)
        assert sorted(built[doc].nodes(data=True)) == sorted(alone.nodes(data=True))
        assert sorted(built[doc].edges(data=True)) == sorted(alone.edges(data=True))
    assert sorted(built["a"].edges(data="items")) == [
        ("丙科", "乙科", "1"), ("丙科", "甲科", "1"), ("乙科", "甲科", "1;2")]
    assert built["c"].number_of_nodes() == 0  # only a collective name: an empty network, still listed


def test_write_network_tables_reuses_what_the_notebook_computed(tmp_path):
    corpus = load_corpus(SEED_PROCESSED)
    fresh = network.write_network_tables(corpus, tmp_path / "fresh")
    t = units.unit_table(corpus.items)
    graphs = network.networks(t)
    reused = network.write_network_tables(corpus, tmp_path / "reused", units=t, graphs=graphs,
                                          tables=network.network_tables(t, graphs=graphs))
    assert sorted(fresh) == sorted(reused)
    for name, path in fresh.items():
        assert path.read_bytes() == reused[name].read_bytes(), name
