"""Figures of quantitative targets: shared indicators per plan, and targets per policy domain.

The tables come from :mod:`wpanalysis.targets`; each function returns a figure with Chinese
labels (save it with :func:`wpanalysis.plots.style.save_figure`).

Example::

    from wpanalysis.plots.targets import plot_shared_indicators
    from wpanalysis.targets.indicators import shared_indicators
    fig = plot_shared_indicators(shared_indicators(found, documents), labels, title="共有指标")
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_shared_indicators", "plot_targets_by_domain"]

_COMPARATOR_MARKERS = {"=": "o", ">=": ">", ">": ">", "<=": "<", "<": "<"}
_COMPARATOR_NAMES = {"o": "等于（达到、保持）", ">": "不低于、以上", "<": "不超过、以内"}


def _plan_colours(doc_ids: Iterable[str], labels: Mapping[str, str] | pd.Series | None) -> dict[str, str]:
    """One house colour per plan, by its position in *labels* (registry order) so that a plan has
    the same colour in every figure; plans missing from *labels* follow in order of appearance."""
    order = list(labels.index if isinstance(labels, pd.Series) else (labels or {}))
    order += [d for d in dict.fromkeys(doc_ids) if d not in order]
    return {d: HOUSE_PALETTE[k % len(HOUSE_PALETTE)] for k, d in enumerate(order)}


def plot_shared_indicators(table: pd.DataFrame, labels: Mapping[str, str] | pd.Series | None = None,
                           title: str | None = None) -> Figure:
    """Dot plot of :func:`wpanalysis.targets.indicators.shared_indicators`: one row per indicator,
    one dot per plan and value.

    Percentages share the left panel (0–100 %); counts go to a panel of their own, in 万 when
    large. Colour = plan (its label from *labels*), marker = comparator (● level, ▶ at least,
    ◀ at most). A stated target year is written next to its dot.

    Example::

        fig = plot_shared_indicators(shared_indicators(found, documents), doc_labels(documents))
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
    """Horizontal stacked bars: targets per primary domain (``domain_zh`` of
    :func:`wpanalysis.targets.tables.attach_domains`), split by plan.

    Example::

        fig = plot_targets_by_domain(attach_domains(found, items), title="各政策领域的量化目标数")
    """
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
