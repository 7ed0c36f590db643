"""Figures of policy-domain attention: bars per plan (or a distribution past a number of plans) and a
heatmap per group.

Every figure stays under about 4,000 pixels a side at the 300-dpi save, whatever the number of plans
or groups, and its title carries the number of plans it shows (``N = 9 份``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import labels as lab_
from ..coding.codebook import NONE, Codebook, load_codebook
from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["MAX_INCHES", "plot_domain_bars", "plot_domain_distribution", "plot_domains_by_document",
           "plot_domain_heatmap", "titled", "grouping_name", "group_name", "bracketed"]

MAX_INCHES = 12.5
"""Largest side of a figure in inches (3,750 px at 300 dpi, leaving room for the tight bounding box)."""

# One colour per domain, by family: Party/moral reds, health orange, community sport yellow, stages blue-green,
# teachers/teaching purples, then digital, safety, governance, resources, livelihood, exchange.
# Seventeen categories are too many to tell apart by colour alone, so every figure also names the
# domain where it is drawn (bar labels, axis labels) and the legend is laid out in full rows.
_DOMAIN_COLOURS = ["#B2182B", "#EF8A62", "#F4A582", "#FEE08B", "#C6DBEF", "#6BAED6", "#2171B5", "#08214F", "#74C476",
                   "#9E9AC8", "#54278F", "#01665E", "#8C510A", "#BF812D", "#DFC27D", "#DE77AE", "#1B7837"]

_NONE_COLOUR = "#D9D9D9"

_DARK = {"party", "compulsory", "senior_secondary", "vocational", "teaching", "digital", "safety", "exchange"}

_MAX_GROUP_COLOURS = 8


def titled(title: str | None, n: int, unit: str = "份", total: int | None = None, language: str | None = None
           ) -> str:
    """*title* with the number of plans it shows: ``"…（N = 9 份）"``, or ``"…（N = 30 / 180 份）"`` for a sample.
    With *language* (``"en"`` or ``"zh"``) the count and brackets are that language's (*unit* is then
    not used); without it, the Chinese form with *unit* (for callers not yet bilingual).

    >>> titled("各份要点的政策领域构成", 9), titled(None, 30, total=180)
    ('各份要点的政策领域构成（N = 9 份）', 'N = 30 / 180 份')
    >>> titled("Policy domains", 9, language="en")
    'Policy domains (N = 9 plans)'
    """
    if language is None:
        count = f"N = {n:,} / {total:,} {unit}" if total is not None and total != n else f"N = {n:,} {unit}"
        return f"{title}（{count}）" if title else count
    count = (lab_.figure_text("n_plans_of", language, n=n, total=total) if total is not None and total != n
             else lab_.figure_text("n_plans", language, n=n))
    return bracketed(title, count, language) if title else count


def bracketed(text: str, note: str, language: str = "en") -> str:
    """*text* with *note* in brackets: ``"east (3 plans)"``, ``"东部（3 份）"``.

    >>> bracketed("east", "3 plans"), bracketed("东部", "3 份", "zh")
    ('east (3 plans)', '东部（3 份）')
    """
    return f"{text}（{note}）" if language == "zh" else f"{text} ({note})"


def grouping_name(column: str, language: str = "en") -> str:
    """The name of registry grouping *column* in *language* (a column without a label: as it is).

    >>> grouping_name("admin_level", "zh"), grouping_name("admin_level"), grouping_name("my_column", "zh")
    ('行政层级', 'administrative level', 'my_column')
    """
    return lab_.column_label(column, language, default=column)


def group_name(column: str, value: object, language: str = "en") -> str:
    """The label of group *value* of grouping *column* in *language*; a value or column without a
    label (a researcher's own) as it is.

    >>> group_name("region", "east", "zh"), group_name("region", "other", "zh"), group_name("x", "y", "zh")
    ('东部', '其他', 'y')
    """
    found = lab_.group_label(column, value, language, default=None)
    return found if found is not None else lab_.label("_all", value, language, default=str(value))


def _domain_colours(codebook: Codebook) -> dict[str, str]:
    colours = {d: _DOMAIN_COLOURS[k % len(_DOMAIN_COLOURS)] for k, d in enumerate(codebook.ids)}
    colours[NONE] = _NONE_COLOUR
    return colours


def _clip(value: float) -> float:
    return float(min(value, MAX_INCHES))


def plot_domain_bars(profile: pd.DataFrame, codebook: Codebook | None = None, value: str = "share",
                     labels: Mapping[str, str] | pd.Series | None = None, title: str | None = None,
                     marks: Mapping[str, str] | None = None, language: str = "en") -> Figure:
    """Stacked horizontal bars: each group's (or document's) items split over the domains.

    *profile* is one grouping of :func:`domain_profile` (*value* ``share`` or
    ``share_primary``, which sum to 1). Bars top-down in the profile's order, labelled by
    *labels* plus ``n=`` items; *marks* adds a note to a bar's label (e.g. ``仅提纲``). The
    legend sits below the axes in full rows; the title gets the number of bars.
    """
    import matplotlib.pyplot as plt

    codebook = codebook or load_codebook()
    use_cjk_font()
    names, colours = codebook.names(language), _domain_colours(codebook)
    groups = list(pd.unique(profile["group"]))
    grid = profile.pivot_table(index="group", columns="domain", values=value, aggfunc="sum").reindex(groups)
    domains = [d for d in [*codebook.ids, NONE] if d in grid.columns]
    sizes = profile.drop_duplicates("group").set_index("group")["n_items"]
    lab, marks = (dict(labels) if labels is not None else {}), dict(marks or {})
    ticks = [f"{bracketed(str(lab.get(g, g)), marks[g], language) if g in marks else lab.get(g, g)}  n={int(sizes[g])}"
             for g in groups]
    row = min(0.42, 9.0 / max(len(groups), 1))
    fig, ax = plt.subplots(figsize=(10.0, _clip(row * len(groups) + 3.2)))
    left, y = np.zeros(len(groups)), np.arange(len(groups))
    font = 7 if row >= 0.3 else 5.5
    for d in domains:
        width = grid[d].fillna(0).to_numpy()
        ax.barh(y, width, left=left, color=colours[d], edgecolor="white", linewidth=0.4, label=names[d])
        for yi, (l0, w) in enumerate(zip(left, width)):
            if w >= 0.07:
                ax.text(l0 + w / 2, yi, f"{w:.2f}", ha="center", va="center", fontsize=font,
                        color="white" if d in _DARK else "#222222")
        left += width
    ax.set_yticks(y, ticks, fontsize=9 if row >= 0.3 else 7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(lab_.figure_text("domains.share_axis", language))
    ax.grid(axis="y", visible=False)
    ax.set_title(titled(title, len(groups), language=language))
    fig.legend(*ax.get_legend_handles_labels(), ncols=6, loc="lower center", bbox_to_anchor=(0.5, 0.0), fontsize=8,
               handlelength=1.0, columnspacing=0.8, frameon=False)
    legend_rows = -(-len(domains) // 6)
    fig.tight_layout(rect=(0, (0.25 + 0.2 * legend_rows) / fig.get_figheight(), 1, 1))
    return fig


def _top_groups(groups: pd.Series, limit: int = _MAX_GROUP_COLOURS, other: str = "其他") -> pd.Series:
    """Group per plan with at most *limit* groups: past it, the largest ``limit - 1`` and *other*."""
    counts = groups.value_counts(sort=True)
    if len(counts) <= limit:
        return groups
    keep = set(counts.index[: limit - 1])
    return groups.where(groups.isin(keep), other)


def plot_domain_distribution(profile: pd.DataFrame, codebook: Codebook | None = None, value: str = "share",
                             groups: pd.Series | None = None, group_name: str = "", title: str | None = None,
                             language: str = "en") -> Figure:
    """Per domain, the distribution of the plans' shares: a box over all plans, one dot per plan, and,
    when *groups* (``doc_id`` → group, as it is to be shown) is given, each group's median as a marker.

    The compact form of :func:`plot_domain_bars` for many plans: its size does not grow with
    the number of plans. Domains are named on the axis (no 16-colour legend); at most eight
    groups get a colour (past that, the seven largest and ``其他``).
    """
    import matplotlib.pyplot as plt

    codebook = codebook or load_codebook()
    use_cjk_font()
    names, colours = codebook.names(language), _domain_colours(codebook)
    grid = profile.pivot_table(index="group", columns="domain", values=value, aggfunc="sum").fillna(0.0)
    domains = [d for d in [*codebook.ids, NONE] if d in grid.columns]
    fig, ax = plt.subplots(figsize=(10.0, 0.42 * len(domains) + 2.4))
    rng = np.random.default_rng(0)
    for k, d in enumerate(domains):
        values = grid[d].to_numpy()
        ax.boxplot(values, positions=[k], orientation="horizontal", widths=0.6, whis=(5, 95), showfliers=False,
                   patch_artist=True, boxprops={"facecolor": colours[d], "alpha": 0.45, "linewidth": 0.8},
                   medianprops={"color": "#222222", "linewidth": 1.2})
        ax.scatter(values, k + rng.uniform(-0.22, 0.22, len(values)), s=4, color="#555555", alpha=0.35,
                   linewidths=0, rasterized=True)
    if groups is not None:
        other, unknown = lab_.label("_all", "other", language), lab_.label("_all", "unknown", language)
        by = _top_groups(groups.reindex(grid.index).fillna(unknown).astype(str),
                         other=other)
        order = [g for g in by.value_counts().index if g != other] + ([other] if other in set(by) else [])
        for j, g in enumerate(order):
            medians = grid[by == g][domains].median()
            ax.scatter(medians.to_numpy(), np.arange(len(domains)), marker="D", s=26, zorder=3,
                       color=HOUSE_PALETTE[j % len(HOUSE_PALETTE)], edgecolor="white", linewidths=0.5,
                       label=lab_.figure_text("domains.median_legend", language, group=g, n=int((by == g).sum())))
        ax.legend(title=group_name or None, fontsize=8, title_fontsize=8, loc="lower right")
    ax.set_yticks(range(len(domains)), [names[d] for d in domains], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, max(0.05, float(grid[domains].to_numpy().max()) * 1.05))
    ax.set_xlabel(lab_.figure_text("domains.distribution_axis", language))
    ax.grid(axis="y", visible=False)
    ax.set_title(titled(title, len(grid), language=language))
    fig.tight_layout()
    return fig


def plot_domains_by_document(profile: pd.DataFrame, codebook: Codebook | None = None, max_plans: int = 30,
                             labels: Mapping[str, str] | pd.Series | None = None,
                             marks: Mapping[str, str] | None = None, groups: pd.Series | None = None,
                             group_name: str = "", title: str | None = None, language: str = "en") -> Figure:
    """One bar per plan (:func:`plot_domain_bars`) up to *max_plans* plans, past that the
    distribution over plans (:func:`plot_domain_distribution`, group medians from *groups*)."""
    if profile["group"].nunique() <= max_plans:
        return plot_domain_bars(profile, codebook, labels=labels, title=title, marks=marks, language=language)
    return plot_domain_distribution(profile, codebook, groups=groups, group_name=group_name, title=title,
                                    language=language)


def plot_domain_heatmap(profile: pd.DataFrame, codebook: Codebook | None = None, value: str = "share",
                        grouping_names: Mapping[str, str] | None = None, title: str | None = None,
                        n_plans: int | None = None, language: str = "en") -> Figure:
    """Heatmap of domain shares per group: rows = groups of every grouping in *profile*
    (labelled ``grouping · group (docs plans / items items)``), columns = domains (``none`` last);
    groupings and groups named in *language* unless *grouping_names* names a grouping.
    Rows shrink (and their annotations go) as groups multiply, so the figure keeps its size
    cap; the title gets *n_plans* (default: the plans of the first grouping)."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    codebook = codebook or load_codebook()
    use_cjk_font()
    names = codebook.names(language)
    gnames = dict(grouping_names or {})
    keys = list(dict.fromkeys(zip(profile["grouping"], profile["group"])))
    sizes = profile.drop_duplicates(["grouping", "group"]).set_index(["grouping", "group"])
    grid = profile.pivot_table(index=["grouping", "group"], columns="domain", values=value, aggfunc="sum")
    grid = grid.reindex(index=pd.MultiIndex.from_tuples(keys))
    grid = grid[[d for d in [*codebook.ids, NONE] if d in grid.columns]]
    grid.index = [bracketed(f"{gnames.get(g, grouping_name(g, language))} · {group_name(g, v, language)}",
                            lab_.figure_text("plans_and_items", language, plans=int(sizes.loc[(g, v), "n_docs"]),
                                             items=int(sizes.loc[(g, v), "n_items"])), language) for g, v in keys]
    width = 4 if language == "zh" else 20  # English names stand upright on two lines: they do not fit across
    grid.columns = ["\n".join(textwrap.wrap(names[d], width)) for d in grid.columns]
    row = min(0.42, 9.5 / max(grid.shape[0], 1))
    below = 0.0 if language == "zh" else 1.2  # room for the upright English domain names
    fig, ax = plt.subplots(figsize=(_clip(0.52 * grid.shape[1] + 3.6), _clip(row * grid.shape[0] + 2.2 + below)))
    colourbar = {"label": lab_.figure_text("domains.share_colourbar", language), "shrink": 0.6}
    sns.heatmap(grid.astype(float), annot=row >= 0.3, fmt=".2f", cmap="viridis", vmin=0, linewidths=0.5,
                linecolor="white", cbar_kws=colourbar, annot_kws={"fontsize": 6.5}, ax=ax)
    previous = None
    for k, (g, _) in enumerate(keys):
        if previous is not None and g != previous:
            ax.axhline(k, color="white", linewidth=3)
        previous = g
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.grid(False)
    ax.tick_params(axis="both", length=0)
    ax.tick_params(axis="x", rotation=0 if language == "zh" else 90, labelsize=7.5)
    ax.tick_params(axis="y", labelsize=9 if row >= 0.3 else 7)
    if n_plans is None:
        first = profile[profile["grouping"] == profile["grouping"].iloc[0]] if len(profile) else profile
        n_plans = int(first.drop_duplicates("group")["n_docs"].sum())
    ax.set_title(titled(title, n_plans, language=language))
    fig.tight_layout()
    return fig
