"""The co-responsibility network of responsible units: per plan and pooled, centralities, and
export as GraphML and as node/edge CSV (Gephi's column names) for Gephi, UCINET or R.

Two units are linked when one item lists both; the edge weight is the number of items they share.
Collective names (各学校, 各相关处室 …: many actors under one name) are left out unless
``include_collective=True``. Centralities are networkx's: ``degree`` (neighbours),
``weighted_degree`` (items shared, summed over neighbours), ``betweenness`` (normalised, on hops:
a weight is a strength, not a distance), ``eigenvector`` (weighted, unit length; in a network of
several components it concentrates on the component with the largest eigenvalue).

>>> import pandas as pd
>>> from wpanalysis.units import unit_table
>>> t = unit_table(pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 2], "item_number": [1, 2],
...                              "responsible_units": ["甲科|乙科|各学校", "甲科|乙科"]}))
>>> g = plan_network(t, "a"); sorted(g.edges(data="weight"))
[('乙科', '甲科', 2)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from .files import write_atomically
from .units import lead_load, plan_unit_summary, unit_table, unknown_units

if TYPE_CHECKING:
    from .build import Corpus

__all__ = ["CENTRALITY_COLUMNS", "EDGE_COLUMNS", "NODE_COLUMNS", "centrality_table", "edge_table",
           "network_tables", "networks", "node_table", "plan_network", "pooled_network", "write_graphml",
           "write_network_tables"]

CENTRALITY_COLUMNS = ["unit", "kind", "n_items", "n_led", "degree", "weighted_degree", "betweenness",
                      "eigenvector"]
#: Node CSV: Gephi's ``Id`` and ``Label``, then attributes; ``network`` is a doc_id or ``pooled``.
NODE_COLUMNS = ["network", "Id", "Label", "kind", "function", "n_items", "n_led", "n_plans", "degree",
                "weighted_degree", "betweenness", "eigenvector"]
#: Edge CSV: Gephi's ``Source``, ``Target``, ``Type``, ``Weight``; ``items`` lists the shared items.
EDGE_COLUMNS = ["network", "Source", "Target", "Type", "Weight", "items"]
POOLED = "pooled"
_DIGITS = 6  # centralities rounded: the same tables on every run and platform
_NODE_TYPES = {"n_items": "int64", "n_led": "int64", "n_plans": "int64", "degree": "int64", "weighted_degree": "int64",
               "betweenness": "float64", "eigenvector": "float64"}
_EDGE_TYPES = {"Weight": "int64"}


def _graphs(units: pd.DataFrame, key: str, item_label: Iterable[str], network: Iterable[str]) -> dict[str, nx.Graph]:
    """One graph per value of *network*: nodes = values of *key*, edges = items shared (weight and
    the items' labels). Built for all networks at once (one group-by, one self-join), so the cost
    grows with the rows of *units*, not with rows × networks."""
    t = units.assign(_net=list(network), _item=list(item_label), _node=units[key].astype(str),
                     _led=(units["role"] == "lead").astype(int))
    nodes = t.groupby(["_net", "_node"], sort=True).agg(kind=("kind", "first"), function=("function", "first"),
                                                         n_items=("_item", "nunique"), n_led=("_led", "sum"),
                                                         n_plans=("doc_id", "nunique")).reset_index()
    # pairs of distinct nodes named by one item (a self-join on the item), in item order
    pairs = t[["_net", "_item", "_node"]].drop_duplicates()
    pairs = pairs.merge(pairs, on=["_net", "_item"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["_node_a"] < pairs["_node_b"]]
    edges = pairs.groupby(["_net", "_node_a", "_node_b"], sort=True)["_item"].agg(["size", ";".join]).reset_index()
    graphs: dict[str, nx.Graph] = {}
    for net, name, kind, function, n_items, n_led, n_plans in zip(
            nodes["_net"], nodes["_node"], nodes["kind"], nodes["function"], nodes["n_items"], nodes["n_led"],
            nodes["n_plans"]):
        graphs.setdefault(str(net), nx.Graph()).add_node(
            str(name), kind=str(kind), function=str(function), n_items=int(n_items), n_led=int(n_led),
            n_plans=int(n_plans))
    for net, a, b, w, items in zip(edges["_net"], edges["_node_a"], edges["_node_b"], edges["size"], edges["join"]):
        graphs[str(net)].add_edge(a, b, weight=int(w), items=items)
    return graphs


def _graph(units: pd.DataFrame, key: str, item_label: Iterable[str]) -> nx.Graph:
    """Nodes = values of *key*, edges = items shared (weight and the items' labels)."""
    return _graphs(units, key, item_label, [""] * len(units)).get("", nx.Graph())


def _kept(units: pd.DataFrame, include_collective: bool) -> pd.DataFrame:
    return units if include_collective else units[units["kind"] != "collective"]


def plan_network(units: pd.DataFrame, doc_id: str, include_collective: bool = False) -> nx.Graph:
    """The co-responsibility network of one plan (nodes: canonical units; edge labels: item_seq).

    Node attributes: ``kind``, ``function``, ``n_items``, ``n_led``, ``n_plans``; edge attributes:
    ``weight`` (items shared) and ``items`` (their ``item_seq``, ``;``-separated).
    """
    t = _kept(units[units["doc_id"] == doc_id], include_collective)
    return _graph(t, "unit", t["item_seq"].astype(str))


def pooled_network(units: pd.DataFrame, by: str = "unit", include_collective: bool = False) -> nx.Graph:
    """All plans in one network: nodes are canonical names (``by="unit"``) or lines of work
    (``by="function"``: 基础教育科 and 基础教育处 become 基础教育). One name in several plans is one
    node; weights add up over plans; edge ``items`` are ``doc_id#item_seq``.

    >>> from wpanalysis.units import unit_table
    >>> t = unit_table(pd.DataFrame({"doc_id": ["a", "b"], "item_seq": [1, 1], "item_number": [1, 1],
    ...                              "responsible_units": ["基教科|教研室", "基教处|教研室"]}))
    >>> sorted(pooled_network(t, by="function").edges(data="weight"))
    [('基础教育', '教研', 2)]
    """
    if by not in ("unit", "function"):
        raise ValueError(f"pooled_network: by must be 'unit' or 'function', not {by!r}")
    t = _kept(units, include_collective)
    return _graph(t, by, t["doc_id"].astype(str) + "#" + t["item_seq"].astype(str))


def _eigenvector(g: nx.Graph) -> dict[str, float]:
    if g.number_of_edges() == 0:
        return dict.fromkeys(g, 0.0)
    ev = nx.eigenvector_centrality_numpy(g, weight="weight")
    return {n: abs(v) for n, v in ev.items()}  # the sign of an eigenvector is arbitrary


def centrality_table(g: nx.Graph) -> pd.DataFrame:
    """One row per node (:data:`CENTRALITY_COLUMNS`), most central first (weighted degree, then
    eigenvector, then name). Values are networkx's, rounded to 6 decimals.

    >>> g = nx.Graph(); g.add_edge("甲", "乙", weight=2); g.add_edge("乙", "丙", weight=1)
    >>> centrality_table(g)[["unit", "degree", "weighted_degree", "betweenness"]].values.tolist()
    [['乙', 2, 3, 1.0], ['甲', 1, 2, 0.0], ['丙', 1, 1, 0.0]]
    """
    if g.number_of_nodes() == 0:
        return pd.DataFrame(columns=CENTRALITY_COLUMNS)
    betweenness = nx.betweenness_centrality(g, normalized=True)
    eigen = _eigenvector(g)
    rows = [{"unit": n, "kind": a.get("kind", ""), "n_items": a.get("n_items", 0), "n_led": a.get("n_led", 0),
             "degree": int(g.degree(n)), "weighted_degree": int(g.degree(n, weight="weight")),
             "betweenness": round(betweenness[n], _DIGITS), "eigenvector": round(eigen[n], _DIGITS)}
            for n, a in g.nodes(data=True)]
    out = pd.DataFrame(rows, columns=CENTRALITY_COLUMNS)
    out = out.sort_values(["weighted_degree", "eigenvector", "unit"], ascending=[False, False, True])
    return out.reset_index(drop=True)


def node_table(g: nx.Graph, network: str, centralities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Nodes with their attributes and centralities (:data:`NODE_COLUMNS`); *centralities* is
    :func:`centrality_table` of *g* when already computed."""
    c = centrality_table(g) if centralities is None else centralities
    out = pd.DataFrame({"network": network, "Id": c["unit"], "Label": c["unit"], "kind": c["kind"],
                        "function": [g.nodes[n].get("function", "") for n in c["unit"]],
                        "n_items": c["n_items"], "n_led": c["n_led"],
                        "n_plans": [g.nodes[n].get("n_plans", 1) for n in c["unit"]]})
    return pd.concat([out, c[["degree", "weighted_degree", "betweenness", "eigenvector"]]], axis=1)[NODE_COLUMNS]


def edge_table(g: nx.Graph, network: str) -> pd.DataFrame:
    """Edges (:data:`EDGE_COLUMNS`), heaviest first; ``Type`` is ``Undirected``.

    >>> g = nx.Graph(); g.add_edge("甲", "乙", weight=2, items="1;3")
    >>> edge_table(g, "a").values.tolist()
    [['a', '乙', '甲', 'Undirected', 2, '1;3']]
    """
    rows = [{"network": network, "Source": min(a, b), "Target": max(a, b), "Type": "Undirected",
             "Weight": int(d.get("weight", 1)), "items": d.get("items", "")} for a, b, d in g.edges(data=True)]
    out = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    return out.sort_values(["Weight", "Source", "Target"], ascending=[False, True, True]).reset_index(drop=True)


def write_graphml(g: nx.Graph, path: str | Path, centralities: pd.DataFrame | None = None) -> Path:
    """Write *g* with its centralities as node attributes to a GraphML file (UTF-8); *centralities*
    is :func:`centrality_table` of *g* (or rows of :func:`node_table`) when already computed."""
    h = g.copy()
    c = centrality_table(g) if centralities is None else centralities.rename(columns={"Id": "unit"})
    for row in c.to_dict("records"):
        h.nodes[row["unit"]].update({k: row[k] for k in ("degree", "weighted_degree", "betweenness", "eigenvector")})
        h.nodes[row["unit"]]["label"] = row["unit"]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda tmp: nx.write_graphml(h, tmp, encoding="utf-8"))
    return path


def networks(units: pd.DataFrame, include_collective: bool = False) -> dict[str, nx.Graph]:
    """Each plan's network (plans in table order; plans with units only), then the pooled one.

    >>> from wpanalysis.units import unit_table
    >>> t = unit_table(pd.DataFrame({"doc_id": ["a", "b", "b"], "item_seq": [1, 1, 2], "item_number": [1, 1, 2],
    ...                              "responsible_units": ["甲科|乙科", "甲科|乙科", "乙科|丙科|各学校"]}))
    >>> g = networks(t); list(g), sorted(g["b"].edges(data="weight"))
    (['a', 'b', 'pooled'], [('丙科', '乙科', 1), ('乙科', '甲科', 1)])
    >>> sorted(g["pooled"].edges(data="weight"))
    [('丙科', '乙科', 1), ('乙科', '甲科', 2)]
    """
    t = _kept(units, include_collective)
    per_plan = _graphs(t, "unit", t["item_seq"].astype(str), t["doc_id"].astype(str))
    out = {d: per_plan.get(str(d), nx.Graph()) for d in dict.fromkeys(units["doc_id"])}
    out[POOLED] = pooled_network(units, include_collective=include_collective)
    return out


def network_tables(units: pd.DataFrame, include_collective: bool = False,
                   graphs: dict[str, nx.Graph] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node and edge tables of every plan's network and of the pooled one, stacked; *graphs* is
    :func:`networks` of *units* when already built."""
    graphs = networks(units, include_collective) if graphs is None else graphs
    empty_nodes, empty_edges = pd.DataFrame(columns=NODE_COLUMNS), pd.DataFrame(columns=EDGE_COLUMNS)
    nodes = pd.concat([empty_nodes, *(node_table(g, k) for k, g in graphs.items() if len(g))], ignore_index=True)
    edges = pd.concat([empty_edges, *(edge_table(g, k) for k, g in graphs.items() if g.number_of_edges())],
                      ignore_index=True)
    return nodes.astype(_NODE_TYPES), edges.astype(_EDGE_TYPES)


def _safe(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name)


def write_network_tables(corpus: Corpus, out_dir: str | Path, units: pd.DataFrame | None = None,
                         graphs: dict[str, nx.Graph] | None = None,
                         tables: tuple[pd.DataFrame, pd.DataFrame] | None = None) -> dict[str, Path]:
    """Write the unit tables and networks of *corpus* to *out_dir*; return name → path.

    ``unit_items.csv`` (:func:`~wpanalysis.units.unit_table`), ``unit_plans.csv``
    (:func:`~wpanalysis.units.plan_unit_summary`), ``unit_lead_load.csv``, ``unit_unknown.csv``,
    ``unit_network_nodes.csv`` and ``unit_network_edges.csv`` (every plan and ``pooled``),
    ``unit_network_pooled.graphml`` and ``unit_networks/<doc_id>.graphml`` per plan with units.
    What a notebook has already computed can be passed instead of being computed again: *units*
    (:func:`~wpanalysis.units.unit_table` of the corpus's items), *graphs* (:func:`networks` of
    them) and *tables* (:func:`network_tables`: nodes and edges, whose centralities the GraphML
    files then carry).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    units = unit_table(corpus.items) if units is None else units
    graphs = networks(units) if graphs is None else graphs
    nodes, edges = network_tables(units, graphs=graphs) if tables is None else tables
    frames = {"unit_items": units, "unit_plans": plan_unit_summary(corpus.documents, corpus.items, units),
              "unit_lead_load": lead_load(units), "unit_unknown": unknown_units(units),
              "unit_network_nodes": nodes, "unit_network_edges": edges}
    written: dict[str, Path] = {}
    for name, table in frames.items():
        path = out / f"{name}.csv"
        write_atomically(path, lambda tmp, t=table: t.to_csv(tmp, index=False, encoding="utf-8"))
        written[name] = path
    by_network = dict(iter(nodes.groupby("network", sort=False)))
    for key, g in graphs.items():
        name = "unit_network_pooled" if key == POOLED else f"unit_networks/{_safe(key)}"
        written[name] = write_graphml(g, out / f"{name}.graphml", by_network.get(key, nodes.iloc[:0]))
    return written
