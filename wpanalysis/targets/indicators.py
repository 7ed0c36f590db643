"""Targets stage, indicators: standard indicators that several plans state targets for.

``resources/indicators.yaml`` names each indicator with keywords (its header gives the
provenance and the matching rule). :func:`match_indicator` finds the indicator a target's
own words name; :func:`indicator_targets`, :func:`shared_indicators`, :func:`shared_summary` and
:func:`indicator_coverage` tabulate the targets of :func:`wpanalysis.targets.targets_table`
by indicator.

>>> match_indicator("学前三年毛入园率", "%")
'preschool_gross_enrolment'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from .. import config
from ..script import to_simplified
from .measures import MEASURES, measure_label

__all__ = [
    "INDICATORS_PATH",
    "INDICATOR_COLUMNS",
    "Indicator",
    "load_indicators",
    "match_indicator",
    "indicator_targets",
    "shared_indicators",
    "shared_summary",
    "indicator_coverage",
    "references",
]

_DEFAULT_MEASURES = ("level", "amount")

INDICATORS_PATH = config.RESOURCES_DIR / "indicators.yaml"
"""The shared-indicator list (see its header for provenance and the matching rule)."""


@dataclass(frozen=True)
class Indicator:
    """One shared indicator: keywords that find it in a target's ``indicator`` text."""

    id: str
    zh: str
    en: str
    any: tuple[str, ...]
    all: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    note: str = ""
    measures: tuple[str, ...] = ()
    reference: Mapping[str, object] | None = None

    def matches(self, text: str, unit: str = "", measure: str | None = None) -> bool:
        """True when *text* (Simplified) has one ``any`` keyword, every ``all`` one, no ``not``
        one, *unit* is allowed and so is *measure* (when given: one of ``measures``, by default
        ``level`` or ``amount``).

        >>> ind = Indicator("x", "毛入园率", "", ("毛入园率",), units=("%",))
        >>> ind.matches("学前三年毛入园率", "%"), ind.matches("学前三年毛入园率", "%", "relative change")
        (True, False)
        """
        if self.units and unit not in self.units:
            return False
        if measure is not None and measure not in (self.measures or _DEFAULT_MEASURES):
            return False
        return (any(k in text for k in self.any) and all(k in text for k in self.all)
                and not any(k in text for k in self.not_))


def load_indicators(path: str | Path = INDICATORS_PATH) -> list[Indicator]:
    """The indicators of *path* in file order (the order :func:`match_indicator` tries them).

    >>> [i.zh for i in load_indicators()][:2]
    ['学前三年毛入园率', '普惠性幼儿园覆盖率']
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out, seen = [], set()
    for entry in data["indicators"]:
        if entry["id"] in seen:
            raise ValueError(f"indicator id {entry['id']!r} is listed twice in {path}")
        if not entry.get("any"):
            raise ValueError(f"indicator {entry['id']!r} needs at least one 'any' keyword")
        seen.add(entry["id"])
        out.append(Indicator(entry["id"], entry["zh"], entry.get("en", ""),
                             tuple(map(str, entry["any"])), tuple(map(str, entry.get("all") or ())),
                             tuple(map(str, entry.get("not") or ())), tuple(map(str, entry.get("units") or ())),
                             str(entry.get("note") or ""), tuple(map(str, entry.get("measures") or ())),
                             _reference(entry, path)))
    return out


_REFERENCE_KEYS = ("value", "comparator", "unit", "measure", "year", "source")


def _reference(entry: Mapping[str, object], path: str | Path) -> dict[str, object] | None:
    ref = entry.get("reference")
    if ref is None:
        return None
    missing = [k for k in _REFERENCE_KEYS if k not in ref]  # type: ignore[operator]
    if missing:
        raise ValueError(f"indicator {entry['id']!r} in {path}: its reference needs {', '.join(missing)}")
    if ref["measure"] not in MEASURES:  # type: ignore[index]
        raise ValueError(f"indicator {entry['id']!r} in {path}: reference measure must be one of {MEASURES}")
    return dict(ref)  # type: ignore[arg-type]


def match_indicator(text: str, unit: str = "", indicators: Sequence[Indicator] | None = None,
                    measure: str | None = None) -> str | None:
    """The id of the first indicator that matches a target's *text*, *unit* and (when given) *measure*, or None.

    >>> match_indicator("全市学前教育三年毛入园率", "%"), match_indicator("新增硕士学位点", "个")
    ('preschool_gross_enrolment', None)
    >>> match_indicator("实现近视率下降", "%", measure="relative change")
    'myopia_decline'
    """
    indicators = load_indicators() if indicators is None else indicators
    simple = to_simplified(text) if isinstance(text, str) else ""
    for ind in indicators:
        if ind.matches(simple, unit or "", measure):
            return ind.id
    return None


def references(indicators: Sequence[Indicator] | None = None) -> pd.DataFrame:
    """The national targets the indicator list quotes (``reference`` in ``indicators.yaml``), one row
    per indicator that has one: ``indicator_id``, ``indicator_zh``, ``comparator``, ``value``, ``unit``,
    ``measure``, ``year``, ``source``, ``kind`` (:func:`~wpanalysis.targets.measures.measure_label`).

    >>> refs = references()
    >>> refs.loc[refs["indicator_id"] == "myopia_decline", ["value", "unit", "kind"]].values.tolist()
    [[0.5, '百分点', 'absolute change (percentage points)']]
    """
    indicators = load_indicators() if indicators is None else list(indicators)
    rows = [{"indicator_id": i.id, "indicator_zh": i.zh, "comparator": i.reference["comparator"],
             "value": float(i.reference["value"]), "unit": str(i.reference["unit"]),  # type: ignore[arg-type]
             "measure": i.reference["measure"], "year": i.reference["year"], "source": i.reference["source"]}
            for i in indicators if i.reference]
    out = pd.DataFrame(rows, columns=["indicator_id", "indicator_zh", "comparator", "value", "unit", "measure", "year",
                                      "source"])
    out["kind"] = [measure_label(m, u) for m, u in zip(out["measure"], out["unit"])]
    return out


INDICATOR_COLUMNS = ["indicator_id", "indicator_zh", "doc_id", "item_number", "indicator", "comparator", "value",
                     "unit", "measure", "year", "plan_year", "raw", "n_mentions"]


def indicator_targets(targets: pd.DataFrame, documents: pd.DataFrame,
                      indicators: Sequence[Indicator] | None = None) -> pd.DataFrame:
    """Every target that matches an indicator, one row per plan × indicator × stated value.

    A value stated twice in one plan (the 目标任务 and 工作措施 fields of a Ningbo item) is one row
    with ``n_mentions`` 2, the first mention's wording kept. Columns: ``indicator_id``,
    ``indicator_zh``, ``doc_id``, ``item_number``, ``indicator`` (the plan's words),
    ``comparator``, ``value``, ``unit``, ``measure`` (the target's, when *targets* has the column:
    an indicator takes only the measures it lists), ``year`` (stated in the sentence, else missing),
    ``plan_year`` (the registry's), ``raw``, ``n_mentions``. Rows follow the indicator list,
    then the registry.

    >>> found = pd.DataFrame({"doc_id": ["a", "a"], "item_number": [1, 9], "indicator": ["毛入园率", "新增学位"],
    ...                       "comparator": [">=", "="], "value": [95.0, 800.0], "unit": ["%", "所"],
    ...                       "year": [pd.NA, pd.NA], "raw": ["95%以上", "800所"]})
    >>> docs = pd.DataFrame({"doc_id": ["a"], "year": [2024]})
    >>> indicator_targets(found, docs)[["indicator_id", "value", "plan_year", "n_mentions"]].values.tolist()
    [['preschool_gross_enrolment', 95.0, 2024, 1]]
    """
    indicators = load_indicators() if indicators is None else list(indicators)
    measures = targets["measure"] if "measure" in targets.columns else pd.Series([None] * len(targets), dtype=object)
    ids = [match_indicator(t, u, indicators, None if pd.isna(m) else str(m))
           for t, u, m in zip(targets["indicator"], targets["unit"], measures)]
    found = targets.assign(indicator_id=ids).dropna(subset=["indicator_id"])
    if "measure" not in found.columns:
        found = found.assign(measure=pd.NA)
    if found.empty:
        return pd.DataFrame(columns=INDICATOR_COLUMNS)
    zh = {i.id: i.zh for i in indicators}
    order = {i.id: k for k, i in enumerate(indicators)}
    doc_order = {d: k for k, d in enumerate(documents["doc_id"])}
    plan_year = dict(zip(documents["doc_id"], documents["year"]))
    keys = ["indicator_id", "doc_id", "comparator", "value", "unit", "measure"]
    out = (found.assign(n_mentions=found.groupby(keys, sort=False, dropna=False)["raw"].transform("size"))
           .drop_duplicates(keys, keep="first").copy())
    out["indicator_zh"] = out["indicator_id"].map(zh)
    out["plan_year"] = out["doc_id"].map(plan_year).astype("Int64")
    out = out.assign(_i=out["indicator_id"].map(order), _d=out["doc_id"].map(doc_order))
    out = out.sort_values(["_i", "_d", "item_number", "value"], kind="stable")
    return out[INDICATOR_COLUMNS].reset_index(drop=True)


def shared_indicators(targets: pd.DataFrame, documents: pd.DataFrame, min_docs: int = 2,
                      indicators: Sequence[Indicator] | None = None) -> pd.DataFrame:
    """:func:`indicator_targets` restricted to indicators stated in at least *min_docs* plans.

    >>> found = pd.DataFrame({"doc_id": ["a", "b"], "item_number": [1, 1], "indicator": ["毛入园率"] * 2,
    ...                       "comparator": ["="] * 2, "value": [95.0, 96.0], "unit": ["%"] * 2,
    ...                       "year": [pd.NA] * 2, "raw": ["95%", "96%"]})
    >>> shared_indicators(found, pd.DataFrame({"doc_id": ["a", "b"], "year": [2024, 2025]}))["doc_id"].tolist()
    ['a', 'b']
    """
    table = indicator_targets(targets, documents, indicators)
    n_docs = table.groupby("indicator_id")["doc_id"].transform("nunique")
    return table[n_docs >= min_docs].reset_index(drop=True)


def shared_summary(shared: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator of :func:`shared_indicators` (its order) and kind of quantity:
    ``indicator_zh``, ``kind`` (:func:`~wpanalysis.targets.measures.measure_label` of the measure and
    unit, so a relative change in % and an absolute change in percentage points are never
    summarised together; an indicator's amounts are one kind, their units joined by ``、``), ``n_docs``,
    ``n_values``, ``min``, ``median``, ``max``, ``n_with_year``
    (values whose sentence states a target year) — the shared values at a glance, for any number of plans.

    >>> shared = pd.DataFrame({"indicator_id": ["x"] * 4, "indicator_zh": ["近视率"] * 4, "doc_id": list("abbc"),
    ...                        "unit": ["%", "%", "%", "百分点"], "value": [1.0, 2.0, 4.0, 0.5],
    ...                        "measure": ["relative change"] * 3 + ["absolute change"],
    ...                        "year": [pd.NA, 2025, pd.NA, pd.NA]})
    >>> summary = shared_summary(shared)
    >>> summary[["kind", "n_docs", "n_values", "n_with_year"]].values.tolist()
    [['relative change (%)', 2, 3, 1], ['absolute change (percentage points)', 1, 1, 0]]
    >>> summary["median"].tolist()
    [2.0, 0.5]
    """
    cols = ["indicator_zh", "kind", "n_docs", "n_values", "min", "median", "max", "n_with_year"]
    measure = shared["measure"] if "measure" in shared.columns else pd.Series("level", index=shared.index)
    measure = measure.astype(object).where(measure.notna(), "level").astype(str)
    # amounts of one indicator are one kind whatever their measure word (新增学位: 个 and 座)
    kinds = ["amount" if m == "amount" else measure_label(m, u) for m, u in zip(measure, shared["unit"])]
    rows = []
    for _, sub in shared.assign(_kind=kinds).groupby(["indicator_id", "_kind"], sort=False):
        kind = sub["_kind"].iloc[0]
        if kind == "amount":
            kind = f"amount ({'、'.join(dict.fromkeys(sub['unit']))})"
        rows.append({"indicator_zh": sub["indicator_zh"].iloc[0], "kind": kind,
                     "n_docs": sub["doc_id"].nunique(), "n_values": len(sub), "min": sub["value"].min(),
                     "median": sub["value"].median(), "max": sub["value"].max(),
                     "n_with_year": int(sub["year"].notna().sum())})
    return pd.DataFrame(rows, columns=cols)


def indicator_coverage(targets: pd.DataFrame, documents: pd.DataFrame,
                       indicators: Sequence[Indicator] | None = None) -> pd.DataFrame:
    """One row per listed indicator: ``zh``, ``en``, ``n_docs``, ``n_values`` (rows of
    :func:`indicator_targets`), ``docs`` (``doc_id`` joined by ``|``, registry order); in list order,
    indicators no plan states included (``n_docs`` 0).

    >>> found = pd.DataFrame({"doc_id": ["a"], "item_number": [1], "indicator": ["毛入园率"], "comparator": ["="],
    ...                       "value": [95.0], "unit": ["%"], "year": [pd.NA], "raw": ["95%"]})
    >>> coverage = indicator_coverage(found, pd.DataFrame({"doc_id": ["a"], "year": [2024]}))
    >>> coverage.loc[coverage["n_docs"] > 0, ["indicator_id", "docs"]].values.tolist()
    [['preschool_gross_enrolment', 'a']]
    """
    indicators = load_indicators() if indicators is None else list(indicators)
    table = indicator_targets(targets, documents, indicators)
    rows = []
    for ind in indicators:
        sub = table[table["indicator_id"] == ind.id]
        docs = list(dict.fromkeys(sub["doc_id"]))
        rows.append({"indicator_id": ind.id, "zh": ind.zh, "en": ind.en, "n_docs": len(docs),
                     "n_values": len(sub), "docs": "|".join(docs)})
    return pd.DataFrame(rows, columns=["indicator_id", "zh", "en", "n_docs", "n_values", "docs"])
