"""Responsible units of work-plan items: names normalised through an alias table, lead and
supporting units per item, the unit × item incidence, lead-unit load and multi-unit items.

The build keeps each item's units as printed (``responsible_units``, ``|``-separated, lead unit
first). This module reads them back, maps every spelling to a canonical name through
``resources/unit_aliases.yaml`` (基教科 → 基础教育科; Traditional spellings; 组织处(机关党委) →
组织处), keeps redacted names (``X水产学校``) as they are, and keeps unknown names verbatim so that
:func:`unknown_units` can report them. The lead is the unit of a ``牵头单位`` field when the item
has one, else the first unit listed; the other units support (``配合``).

>>> normalise_unit("基教科").unit, normalise_unit("基 教 科").known, normalise_unit("某某科").known
('基础教育科', True, False)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from . import config
from .clean import find_redactions
from .script import to_simplified
from .structure import split_units

__all__ = ["ALIASES_PATH", "KINDS", "UNIT_COLUMNS", "Unit", "incidence", "lead_load", "load_aliases",
           "normalise_unit", "plan_unit_summary", "plans_without_units", "unit_table", "unknown_units"]

ALIASES_PATH = config.RESOURCES_DIR / "unit_aliases.yaml"
#: Kinds of unit the alias table knows; ``unknown`` for a name not in it.
KINDS = ("office", "institution", "school", "party", "collective", "unknown")
#: Columns of :func:`unit_table` (one row per item × unit).
UNIT_COLUMNS = ["doc_id", "item_seq", "item_number", "position", "spelling", "unit", "role", "kind",
                "function", "known", "redacted"]
_PARENS = str.maketrans({"（": "(", "）": ")"})


@dataclass(frozen=True)
class Unit:
    """A spelling read through the alias table."""

    spelling: str
    unit: str
    kind: str
    function: str
    known: bool
    redacted: bool


def _clean(name: str) -> str:
    """The spelling without extraction spaces, with ASCII parentheses."""
    return "".join(str(name).split()).translate(_PARENS)


@cache
def load_aliases(path: str | Path = ALIASES_PATH) -> Mapping[str, Unit]:
    """Every spelling of the alias table (and its Simplified form) → its :class:`Unit`.

    Raises ``ValueError`` naming the file and entry when a spelling is given to two units or an
    entry has an unknown kind.

    >>> load_aliases()["学前科"].unit, load_aliases()["各學校"].kind
    ('学前教育科', 'collective')
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    table: dict[str, Unit] = {}
    for canonical, entry in (data.get("units") or {}).items():
        kind = entry.get("kind")
        if kind not in KINDS[:-1]:
            raise ValueError(f"{path}: unit {canonical!r} has kind {kind!r}; use one of {', '.join(KINDS[:-1])}")
        for spelling in {canonical, *entry.get("spellings", [])}:
            for form in {_clean(spelling), to_simplified(_clean(spelling))}:
                unit = Unit(form, canonical, kind, str(entry.get("function") or canonical), True,
                            bool(entry.get("redacted", False)))
                if table.get(form, unit).unit != canonical:
                    raise ValueError(f"{path}: spelling {form!r} is given to both {table[form].unit!r} and "
                                     f"{canonical!r}; keep it under one unit")
                table[form] = unit
    return table


def normalise_unit(name: str, aliases: Mapping[str, Unit] | None = None) -> Unit:
    """The canonical unit for a printed *name*; unknown names are kept verbatim (spaces removed).

    A name that starts with 各 and is not in the table is still a collective (各处室 …).

    >>> normalise_unit("組織人事股").unit, normalise_unit("组织处（机关党委）").unit
    ('组织人事股', '组织处')
    >>> u = normalise_unit("X 水产学校"); u.unit, u.redacted
    ('X水产学校', True)
    >>> normalise_unit("各直属单位").kind
    'collective'
    """
    table = load_aliases() if aliases is None else aliases
    spelling = _clean(name)
    hit = table.get(spelling) or table.get(to_simplified(spelling))
    if hit is not None:
        return Unit(spelling, hit.unit, hit.kind, hit.function, True, hit.redacted)
    kind = "collective" if to_simplified(spelling).startswith("各") else "unknown"
    return Unit(spelling, spelling, kind, spelling, False, bool(find_redactions(spelling)))


def _item_units(row: Mapping[str, object]) -> list[tuple[str, str]]:
    """(spelling, role) of one item, lead first; a 牵头单位 field names the leads."""
    raw = row.get("responsible_units")
    listed = [u for u in raw.split("|") if u.strip()] if isinstance(raw, str) else []
    lead_field = row.get("field_牵头单位")
    if isinstance(lead_field, str) and lead_field.strip():
        leads = split_units(lead_field)
        return [(u, "lead" if u in leads else "support") for u in listed]
    return [(u, "lead" if i == 0 else "support") for i, u in enumerate(listed)]


def unit_table(items: pd.DataFrame, aliases: Mapping[str, Unit] | None = None) -> pd.DataFrame:
    """One row per item × unit (:data:`UNIT_COLUMNS`), in item order, lead first.

    ``spelling`` is the name as printed, ``unit`` the canonical name, ``role`` lead / support.
    A unit printed twice in one item (组织处, 组织处(机关党委)) is kept once, with its first role.

    >>> items = pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 2], "item_number": [1, 2],
    ...                       "responsible_units": ["基教科|教研中心|各学校", None]})
    >>> unit_table(items)[["unit", "role", "kind"]].values.tolist()
    [['基础教育科', 'lead', 'office'], ['教研中心', 'support', 'institution'], ['各学校', 'support', 'collective']]
    """
    rows = []
    cols = [c for c in ("doc_id", "item_seq", "item_number", "responsible_units", "field_牵头单位") if c in items]
    for row in items[cols].to_dict("records"):
        seen: set[str] = set()
        for spelling, role in _item_units(row):
            u = normalise_unit(spelling, aliases)
            if u.unit in seen:
                continue
            seen.add(u.unit)
            rows.append({"doc_id": row["doc_id"], "item_seq": int(row["item_seq"]),
                         "item_number": row.get("item_number"), "position": len(seen), "spelling": u.spelling,
                         "unit": u.unit, "role": role, "kind": u.kind, "function": u.function,
                         "known": u.known, "redacted": u.redacted})
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


def _named(units: pd.DataFrame, include_collective: bool) -> pd.DataFrame:
    return units if include_collective else units[units["kind"] != "collective"]


def incidence(units: pd.DataFrame, doc_id: str | None = None, include_collective: bool = False) -> pd.DataFrame:
    """The unit × item 0/1 table of one plan (*doc_id*) or of all plans (columns ``doc_id#item_seq``).

    Rows are units sorted by name, columns items in plan order.

    >>> t = unit_table(pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 2], "item_number": [1, 2],
    ...                              "responsible_units": ["基教科|教研中心", "教研中心"]}))
    >>> incidence(t, "a").values.tolist()
    [[1, 0], [1, 1]]
    """
    t = _named(units, include_collective)
    if doc_id is not None:
        t = t[t["doc_id"] == doc_id]
        cols = t["item_seq"]
    else:
        cols = t["doc_id"].astype(str) + "#" + t["item_seq"].astype(str)
    table = pd.crosstab(t["unit"], pd.Categorical(cols, categories=list(dict.fromkeys(cols))), dropna=False)
    table.columns.name, table.index.name = "item", "unit"
    return table.clip(upper=1).astype(int)


def lead_load(units: pd.DataFrame) -> pd.DataFrame:
    """Per plan and unit: items led (``n_led``), items taken part in (``n_items``), the share of the
    plan's items with units that the unit leads (``share_led``); most items led first.

    >>> t = unit_table(pd.DataFrame({"doc_id": ["a"] * 3, "item_seq": [1, 2, 3], "item_number": [1, 2, 3],
    ...                              "responsible_units": ["甲科|乙科", "乙科", "甲科"]}))
    >>> lead_load(t)[["unit", "n_led", "n_items", "share_led"]].values.tolist()
    [['甲科', 2, 2, 0.666667], ['乙科', 1, 2, 0.333333]]
    """
    cols = ["doc_id", "unit", "kind", "n_led", "n_items", "share_led"]
    if units.empty:
        return pd.DataFrame(columns=cols)
    g = units.assign(_led=(units["role"] == "lead").astype(int)).groupby(["doc_id", "unit", "kind"], sort=False)
    out = pd.DataFrame({"n_led": g["_led"].sum(), "n_items": g["item_seq"].nunique()}).reset_index()
    per_plan = units.groupby("doc_id")["item_seq"].nunique()
    out["share_led"] = (out["n_led"] / out["doc_id"].map(per_plan)).round(6)
    order = {d: i for i, d in enumerate(dict.fromkeys(units["doc_id"]))}
    out = out.assign(_o=out["doc_id"].map(order)).sort_values(["_o", "n_led", "n_items", "unit"],
                                                               ascending=[True, False, False, True])
    return out.drop(columns="_o")[cols].reset_index(drop=True)


def plan_unit_summary(documents: pd.DataFrame, items: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """One row per plan (registry order): items, items with units, distinct named units, items with
    several units (all kinds: ``n_multi``; collectives left out: ``n_multi_named``) and its share of
    the items with units (``share_multi``), and ``has_units``.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"]})
    >>> items = pd.DataFrame({"doc_id": ["a", "a", "b"], "item_seq": [1, 2, 1], "item_number": [1, 2, 1],
    ...                       "responsible_units": ["甲科|各学校", "甲科|乙科", None]})
    >>> s = plan_unit_summary(docs, items, unit_table(items))
    >>> s[["doc_id", "n_items_with_units", "n_units", "n_multi", "n_multi_named", "share_multi"]].values.tolist()
    [['a', 2, 2, 2, 1, 1.0], ['b', 0, 0, 0, 0, 0.0]]
    """
    per_item = units.assign(_named=(units["kind"] != "collective").astype(int)).groupby(["doc_id", "item_seq"]).agg(
        n=("unit", "size"), n_named=("_named", "sum"))
    per_item = per_item.assign(multi=(per_item["n"] > 1).astype(int), multi_named=(per_item["n_named"] > 1).astype(int))
    by_doc = per_item.groupby(level="doc_id").agg(
        n_items_with_units=("n", "size"), n_multi=("multi", "sum"), n_multi_named=("multi_named", "sum"))
    named = _named(units, False).groupby("doc_id")["unit"].nunique().rename("n_units")
    out = documents[["doc_id"]].copy()
    out["n_items"] = out["doc_id"].map(items.groupby("doc_id").size()).fillna(0).astype(int)
    out = out.join(by_doc, on="doc_id").join(named, on="doc_id")
    for col in ("n_items_with_units", "n_multi", "n_multi_named", "n_units"):
        out[col] = out[col].fillna(0).astype(int)
    with_units = out["n_items_with_units"].where(out["n_items_with_units"] > 0)
    out["share_multi"] = (out["n_multi"] / with_units).fillna(0.0).round(6)
    out["has_units"] = out["n_items_with_units"] > 0
    return out[["doc_id", "n_items", "n_items_with_units", "n_units", "n_multi", "n_multi_named", "share_multi",
                "has_units"]].reset_index(drop=True)


def plans_without_units(documents: pd.DataFrame, items: pd.DataFrame) -> list[str]:
    """The plans (registry order) none of whose items lists a responsible unit.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b"]})
    >>> plans_without_units(docs, pd.DataFrame({"doc_id": ["a", "b"], "responsible_units": ["甲科", ""]}))
    ['b']
    """
    listed = items["responsible_units"].fillna("").astype(str).str.len() > 0
    with_units = set(items.loc[listed, "doc_id"])
    return [d for d in documents["doc_id"] if d not in with_units]


def unknown_units(units: pd.DataFrame) -> pd.DataFrame:
    """Spellings not in the alias table: how many items and plans print each, and which plans
    (``doc_ids``, ``|``-separated); most frequent first. Add them to ``unit_aliases.yaml``.

    >>> t = unit_table(pd.DataFrame({"doc_id": ["a"], "item_seq": [1], "item_number": [1],
    ...                              "responsible_units": ["基教科|某某办"]}))
    >>> unknown_units(t)[["spelling", "n_items", "doc_ids"]].values.tolist()
    [['某某办', 1, 'a']]
    """
    cols = ["spelling", "kind", "n_items", "n_plans", "doc_ids"]
    t = units[~units["known"]]
    if t.empty:
        return pd.DataFrame(columns=cols)
    g = t.groupby(["spelling", "kind"])
    out = pd.DataFrame({"n_items": g.size(), "n_plans": g["doc_id"].nunique(),
                        "doc_ids": g["doc_id"].agg(lambda d: "|".join(dict.fromkeys(d)))}).reset_index()
    return out.sort_values(["n_items", "spelling"], ascending=[False, True])[cols].reset_index(drop=True)
