"""Targets in context: glue for notebook 05 (targets per plan and domain, shared indicators,
the extractor's scores, and the items around a term).

Every function takes the tables of :func:`wpanalysis.corpus.load_corpus` and
:func:`wpanalysis.targets.targets_table` and returns a tidy :class:`pandas.DataFrame`
whose columns its docstring lists; the ``plot_*`` functions return a figure with Chinese
labels (save it with :func:`wpanalysis.plots.save_figure`). Nothing is printed.

* **Where the targets are** — :func:`targets_per_document`, :func:`targets_per_section`,
  :func:`attach_domains` (each target gets its item's primary policy domain from
  :func:`wpanalysis.compare.assign_domains`) and :func:`targets_per_domain`.
* **Shared indicators** — ``resources/indicators.yaml`` names standard indicators with
  keywords (its header gives the provenance and the rule): :func:`load_indicators`,
  :func:`match_indicator`, :func:`indicator_targets`, :func:`shared_indicators`,
  :func:`indicator_coverage`, :func:`plot_shared_indicators`.
* **How good the extractor is** — :func:`fixture_targets` (the targets found in the
  synthetic fixture plans, numbered by position as ``targets_gold_fixtures.csv`` is) and
  :func:`evaluation_table` (one row per annotated sample).
* **A term in context** — :func:`term_overview` (hits, items and targets per plan).

Example::

    from wpanalysis import context, corpus, targets
    documents, items = corpus.load_corpus()
    found = targets.targets_table(items)
    context.shared_indicators(found, documents)     # indicators stated by two plans or more
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from . import config
from .kwic import kwic
from .plots import HOUSE_PALETTE, use_cjk_font
from .script import to_simplified

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .compare import Codebook
    from .targets import Evaluation

__all__ = [
    "INDICATORS_PATH",
    "FIXTURES_DIR",
    "Indicator",
    "load_indicators",
    "match_indicator",
    "indicator_targets",
    "shared_indicators",
    "indicator_coverage",
    "targets_per_document",
    "targets_per_section",
    "attach_domains",
    "targets_per_domain",
    "fixture_targets",
    "evaluation_table",
    "term_overview",
    "plot_shared_indicators",
    "plot_targets_by_domain",
]

INDICATORS_PATH = config.RESOURCES_DIR / "indicators.yaml"
"""The shared-indicator list (see its header for provenance and the matching rule)."""

FIXTURES_DIR = config.PROJECT_ROOT / "tests" / "fixtures" / "plans"
"""The synthetic fixture plans that ``data/annotations/targets_gold_fixtures.csv`` annotates."""

_COMPARATOR_MARKERS = {"=": "o", ">=": ">", ">": ">", "<=": "<", "<": "<"}
_COMPARATOR_NAMES = {"o": "等于（达到、保持）", ">": "不低于、以上", "<": "不超过、以内"}


# --------------------------------------------------------------------------- indicators


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

    def matches(self, text: str, unit: str = "") -> bool:
        """True when *text* (Simplified) has one ``any`` keyword, every ``all`` one, no ``not``
        one, and *unit* is allowed.

        >>> Indicator("x", "毛入园率", "", ("毛入园率",), units=("%",)).matches("学前三年毛入园率", "%")
        True
        """
        if self.units and unit not in self.units:
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
                             str(entry.get("note") or "")))
    return out


def match_indicator(text: str, unit: str = "", indicators: Sequence[Indicator] | None = None) -> str | None:
    """The id of the first indicator that matches a target's *text* and *unit*, or None.

    >>> match_indicator("全市学前教育三年毛入园率", "%"), match_indicator("新增硕士学位点", "个")
    ('preschool_gross_enrolment', None)
    """
    indicators = load_indicators() if indicators is None else indicators
    simple = to_simplified(text) if isinstance(text, str) else ""
    for ind in indicators:
        if ind.matches(simple, unit or ""):
            return ind.id
    return None


INDICATOR_COLUMNS = ["indicator_id", "indicator_zh", "doc_id", "item_number", "indicator", "comparator", "value",
                     "unit", "year", "plan_year", "raw", "n_mentions"]


def indicator_targets(targets: pd.DataFrame, documents: pd.DataFrame,
                      indicators: Sequence[Indicator] | None = None) -> pd.DataFrame:
    """Every target that matches an indicator, one row per plan × indicator × stated value.

    A value stated twice in one plan (the 目标任务 and 工作措施 fields of a Ningbo item) is one row
    with ``n_mentions`` 2, the first mention's wording kept. Columns: ``indicator_id``,
    ``indicator_zh``, ``doc_id``, ``item_number``, ``indicator`` (the plan's words),
    ``comparator``, ``value``, ``unit``, ``year`` (stated in the sentence, else missing),
    ``plan_year`` (the registry's), ``raw``, ``n_mentions``. Rows follow the indicator list,
    then the registry.
    """
    indicators = load_indicators() if indicators is None else list(indicators)
    ids = [match_indicator(t, u, indicators) for t, u in zip(targets["indicator"], targets["unit"])]
    found = targets.assign(indicator_id=ids).dropna(subset=["indicator_id"])
    if found.empty:
        return pd.DataFrame(columns=INDICATOR_COLUMNS)
    zh = {i.id: i.zh for i in indicators}
    order = {i.id: k for k, i in enumerate(indicators)}
    doc_order = {d: k for k, d in enumerate(documents["doc_id"])}
    plan_year = dict(zip(documents["doc_id"], documents["year"]))
    keys = ["indicator_id", "doc_id", "comparator", "value", "unit"]
    out = (found.assign(n_mentions=found.groupby(keys, sort=False)["raw"].transform("size"))
           .drop_duplicates(keys, keep="first").copy())
    out["indicator_zh"] = out["indicator_id"].map(zh)
    out["plan_year"] = out["doc_id"].map(plan_year).astype("Int64")
    out = out.assign(_i=out["indicator_id"].map(order), _d=out["doc_id"].map(doc_order))
    out = out.sort_values(["_i", "_d", "item_number", "value"], kind="stable")
    return out[INDICATOR_COLUMNS].reset_index(drop=True)


def shared_indicators(targets: pd.DataFrame, documents: pd.DataFrame, min_docs: int = 2,
                      indicators: Sequence[Indicator] | None = None) -> pd.DataFrame:
    """:func:`indicator_targets` restricted to indicators stated in at least *min_docs* plans."""
    table = indicator_targets(targets, documents, indicators)
    n_docs = table.groupby("indicator_id")["doc_id"].transform("nunique")
    return table[n_docs >= min_docs].reset_index(drop=True)


def indicator_coverage(targets: pd.DataFrame, documents: pd.DataFrame,
                       indicators: Sequence[Indicator] | None = None) -> pd.DataFrame:
    """One row per listed indicator: ``zh``, ``en``, ``n_docs``, ``n_values`` (rows of
    :func:`indicator_targets`), ``docs`` (``doc_id`` joined by ``|``, registry order); in list order,
    indicators no plan states included (``n_docs`` 0)."""
    indicators = load_indicators() if indicators is None else list(indicators)
    table = indicator_targets(targets, documents, indicators)
    rows = []
    for ind in indicators:
        sub = table[table["indicator_id"] == ind.id]
        docs = list(dict.fromkeys(sub["doc_id"]))
        rows.append({"indicator_id": ind.id, "zh": ind.zh, "en": ind.en, "n_docs": len(docs),
                     "n_values": len(sub), "docs": "|".join(docs)})
    return pd.DataFrame(rows, columns=["indicator_id", "zh", "en", "n_docs", "n_values", "docs"])


# --------------------------------------------------------------------------- where the targets are


def targets_per_document(targets: pd.DataFrame, items: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """One row per registered plan (registry order): ``doc_id``, ``completeness``, ``n_items``,
    ``n_items_with_body``, ``n_items_with_targets``, ``n_targets``, ``targets_per_10_items``
    (per 10 items with body text; missing when the plan has none).

    >>> docs = pd.DataFrame({"doc_id": ["a"], "completeness": ["full"]})
    >>> items = pd.DataFrame({"doc_id": ["a", "a"], "item_seq": [1, 2], "has_body": [True, True]})
    >>> t = pd.DataFrame({"doc_id": ["a"], "item_seq": [1]})
    >>> out = targets_per_document(t, items, docs)
    >>> out["n_items_with_targets"].tolist(), out["n_targets"].tolist(), out["targets_per_10_items"].tolist()
    ([1], [1], [5.0])
    """
    rows = []
    for doc in documents.itertuples(index=False):
        its = items[items["doc_id"] == doc.doc_id]
        ts = targets[targets["doc_id"] == doc.doc_id]
        with_body = int(its["has_body"].sum())
        rows.append({"doc_id": doc.doc_id, "completeness": doc.completeness, "n_items": len(its),
                     "n_items_with_body": with_body, "n_items_with_targets": int(ts["item_seq"].nunique()),
                     "n_targets": len(ts), "targets_per_10_items": 10 * len(ts) / with_body if with_body else None})
    out = pd.DataFrame(rows)
    out["targets_per_10_items"] = out["targets_per_10_items"].astype(float)
    return out


def targets_per_section(targets: pd.DataFrame, items: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """One plan's targets by section: ``section``, ``section_title``, ``n_items``, ``n_targets``
    (sections in the plan's order; items outside any section are section ``<NA>``)."""
    its = items[items["doc_id"] == doc_id]
    counts = targets[targets["doc_id"] == doc_id].groupby("item_seq").size()
    its = its.assign(n_targets=its["item_seq"].map(counts).fillna(0).astype(int))
    out = (its.groupby(["section", "section_title"], sort=False, dropna=False)
           .agg(n_items=("item_seq", "size"), n_targets=("n_targets", "sum")).reset_index())
    return out


def attach_domains(targets: pd.DataFrame, items: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """*targets* with ``domain`` (the item's primary domain id, ``none`` when no seed term matches)
    and ``domain_zh``, from :func:`wpanalysis.compare.assign_domains` on the items' title and body."""
    from . import compare

    codebook = codebook or compare.load_codebook()
    primary = compare.item_domains(compare.assign_domains(items, codebook, text="text"))
    primary = primary.rename(columns={"primary": "domain"})[["doc_id", "item_seq", "domain"]]
    out = targets.drop(columns=["domain"], errors="ignore").astype({"doc_id": object})
    out = out.merge(primary.astype({"doc_id": object}), on=["doc_id", "item_seq"], how="left")
    out["domain"] = out["domain"].fillna(compare.NONE)
    out["domain_zh"] = out["domain"].map(codebook.names("zh"))
    return out


def targets_per_domain(with_domains: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """One row per primary domain that has targets: ``domain``, ``zh``, ``n_targets``, ``n_items``,
    ``n_docs``, ``n_percent`` (targets in %), ``examples`` (the three most frequent indicator
    wordings); most targets first, ties in codebook order."""
    from . import compare

    codebook = codebook or compare.load_codebook()
    order = {d: k for k, d in enumerate([*codebook.ids, compare.NONE])}
    rows = []
    for domain, sub in with_domains.groupby("domain", sort=False):
        words = sub["indicator"][sub["indicator"].str.len() > 0].value_counts(sort=False)
        words = words.sort_values(ascending=False, kind="stable")
        rows.append({"domain": domain, "zh": codebook.names("zh").get(domain, domain), "n_targets": len(sub),
                     "n_items": sub[["doc_id", "item_seq"]].drop_duplicates().shape[0],
                     "n_docs": sub["doc_id"].nunique(), "n_percent": int((sub["unit"] == "%").sum()),
                     "examples": "、".join(words.index[:3]), "_o": order.get(domain, len(order))})
    out = pd.DataFrame(rows).sort_values(["n_targets", "_o"], ascending=[False, True], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


# --------------------------------------------------------------------------- evaluation


def fixture_targets(fixtures_dir: str | Path = FIXTURES_DIR) -> pd.DataFrame:
    """The targets the extractor finds in the fixture plans: ``doc_id`` (file stem),
    ``item_number`` (the item's **position** in its document, as in ``targets_gold_fixtures.csv``),
    ``comparator``, ``value``, ``unit``, ``raw``, ``indicator``, ``year``."""
    from .build import parse_file
    from .targets import extract_targets

    rows = []
    for path in sorted(Path(fixtures_dir).glob("*.txt")):
        for doc in parse_file(path).documents:
            for seq, item in enumerate(doc.items, start=1):
                rows += [{"doc_id": path.stem, "item_number": seq, "comparator": t.comparator, "value": t.value,
                          "unit": t.unit, "raw": t.raw, "indicator": t.indicator, "year": t.year}
                         for t in extract_targets(item.text)]
    cols = ["doc_id", "item_number", "comparator", "value", "unit", "raw", "indicator", "year"]
    return pd.DataFrame(rows, columns=cols)


def _share_equal(matched: pd.DataFrame, a: str, b: str) -> float:
    return float((matched[a] == matched[b]).mean()) if len(matched) else float("nan")


def evaluation_table(results: Mapping[str, Evaluation], notes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per sample: ``sample``, ``n_gold``, ``n_predicted``, ``n_matched``, ``precision``,
    ``recall``, ``f1``, ``raw_equal`` and ``indicator_equal`` (shares of matched pairs whose
    ``raw`` / ``indicator`` are the same string), ``indicator_f1`` (character-overlap F1), ``note``."""
    notes = notes or {}
    rows = []
    for name, e in results.items():
        m = e.matched
        rows.append({"sample": name, "n_gold": e.n_gold, "n_predicted": e.n_predicted, "n_matched": e.n_matched,
                     "precision": e.precision, "recall": e.recall, "f1": e.f1,
                     "raw_equal": _share_equal(m, "gold_raw", "pred_raw"),
                     "indicator_equal": _share_equal(m, "gold_indicator", "pred_indicator"),
                     "indicator_f1": e.indicator_agreement, "note": notes.get(name, "")})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- terms


def term_overview(items: pd.DataFrame, terms: Iterable[str], targets: pd.DataFrame | None = None,
                  max_targets: int = 6) -> pd.DataFrame:
    """Per term and plan (plans with a hit, in items order): ``term``, ``doc_id``, ``n_hits``,
    ``n_items``, ``item_numbers`` (joined by ``,``) and, when *targets* is given, ``targets``:
    ``n_targets`` and ``targets``, the targets stated in those items (``raw`` joined by ``；``, the
    first *max_targets*, then ``…``).

    >>> items = pd.DataFrame({"doc_id": ["d", "d"], "item_seq": [1, 2], "item_number": [1, 2],
    ...                       "text": ["提升课后服务质量,课后服务覆盖率100%", "无"]})
    >>> term_overview(items, ["课后服务"])[["doc_id", "n_hits", "n_items"]].values.tolist()
    [['d', 2, 1]]
    """
    rows = []
    for term in terms:
        hits = kwic(items, term, window=0)
        for doc_id, sub in hits.groupby("doc_id", sort=False):
            seqs = list(dict.fromkeys(sub["item_seq"]))
            row = {"term": term, "doc_id": doc_id, "n_hits": len(sub), "n_items": len(seqs),
                   "item_numbers": ",".join(str(n) for n in dict.fromkeys(sub["item_number"]))}
            if targets is not None:
                ts = targets[(targets["doc_id"] == doc_id) & targets["item_seq"].isin(seqs)]
                raws = list(dict.fromkeys(ts["raw"]))
                row["n_targets"] = len(ts)
                row["targets"] = "；".join(raws[:max_targets]) + ("；…" if len(raws) > max_targets else "")
            rows.append(row)
    cols = ["term", "doc_id", "n_hits", "n_items", "item_numbers"]
    cols += ["n_targets", "targets"] if targets is not None else []
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------- figures


def _plan_colours(doc_ids: Iterable[str], labels: Mapping[str, str] | pd.Series | None) -> dict[str, str]:
    """One house colour per plan, by its position in *labels* (registry order) so that a plan has
    the same colour in every figure; plans missing from *labels* follow in order of appearance."""
    order = list(labels.index if isinstance(labels, pd.Series) else (labels or {}))
    order += [d for d in dict.fromkeys(doc_ids) if d not in order]
    return {d: HOUSE_PALETTE[k % len(HOUSE_PALETTE)] for k, d in enumerate(order)}


def plot_shared_indicators(table: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None,
                           title: str | None = None) -> Figure:
    """Dot plot of :func:`shared_indicators`: one row per indicator, one dot per plan and value.

    Percentages share the left panel (0–100 %); counts go to a panel of their own, in 万 when
    large. Colour = plan (its label from *labels*), marker = comparator (● level, ▶ at least,
    ◀ at most). A stated target year is written next to its dot.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    use_cjk_font()
    colours = _plan_colours(table["doc_id"], labels)
    labels = dict(labels) if labels is not None else {}
    docs = [d for d in colours if d in set(table["doc_id"])]
    pct = table[table["unit"] == "%"]
    other = table[table["unit"] != "%"]
    panels = [p for p in (pct, other) if len(p)]
    heights = [max(p["indicator_zh"].nunique(), 1) + 0.6 for p in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(7.6, 0.5 * sum(heights) + 1.6), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    for ax, panel in zip(axes[:, 0], panels):
        names = list(dict.fromkeys(panel["indicator_zh"]))[::-1]
        scale = 10_000 if panel is other and panel["value"].max() >= 10_000 else 1
        for row in panel.itertuples(index=False):
            docs_here = list(dict.fromkeys(panel.loc[panel["indicator_zh"] == row.indicator_zh, "doc_id"]))
            offset = (docs_here.index(row.doc_id) - (len(docs_here) - 1) / 2) * 0.18
            y = names.index(row.indicator_zh) + offset
            x = row.value / scale
            ax.scatter(x, y, s=55, color=colours[row.doc_id], marker=_COMPARATOR_MARKERS.get(row.comparator, "o"),
                       zorder=3, edgecolors="white", linewidths=0.5)
            if pd.notna(row.year):
                ax.annotate(f"{int(row.year)}年", (x, y), xytext=(6, -3), textcoords="offset points", fontsize=8,
                            color="#555555")
        ax.set_yticks(range(len(names)), names)
        ax.set_ylim(-0.6, len(names) - 0.4)
        if panel is pct:
            ax.set_xlim(-2, 104)
            ax.set_xlabel("目标值（%）")
        else:
            ax.set_xlim(0, panel["value"].max() / scale * 1.12)
            unit = "、".join(dict.fromkeys(panel["unit"]))
            ax.set_xlabel(f"目标值（{'万' if scale > 1 else ''}{unit}）")
    plan_handles = [Line2D([], [], marker="o", ls="", color=colours[d], label=labels.get(d, d)) for d in docs]
    used = dict.fromkeys(_COMPARATOR_MARKERS.get(c, "o") for c in table["comparator"])
    cmp_handles = [Line2D([], [], marker=m, ls="", color="#555555", label=_COMPARATOR_NAMES[m]) for m in used]
    axes[0, 0].legend(handles=plan_handles + cmp_handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if title:
        axes[0, 0].set_title(title, loc="left")
    fig.tight_layout()
    return fig


def plot_targets_by_domain(with_domains: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None,
                           title: str | None = None) -> Figure:
    """Horizontal stacked bars: targets per primary domain (``domain_zh``), split by plan."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    colours = _plan_colours(with_domains["doc_id"], labels)
    labels = dict(labels) if labels is not None else {}
    counts = with_domains.groupby(["domain_zh", "doc_id"], sort=False).size().unstack(fill_value=0)
    counts = counts.loc[counts.sum(axis=1).sort_values(kind="stable").index]
    docs = [d for d in colours if d in counts.columns]
    fig, ax = plt.subplots(figsize=(7.2, 0.32 * len(counts) + 1.4))
    left = pd.Series(0, index=counts.index)
    for d in docs:
        ax.barh(counts.index, counts[d], left=left, color=colours[d],
                label=labels.get(d, d), height=0.7)
        left = left + counts[d]
    ax.set_xlabel("目标数（条目首要领域）")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right")
    if title:
        ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig
