"""Figures of comparisons: topic prevalence with intervals, keyness bars, similarity clustermaps.

Each figure keeps under about 4,000 pixels a side at the 300-dpi save however many plans or groups
it shows, and its title carries the number of plans (``N = 6 份``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import labels as lab_
from .domains import MAX_INCHES, bracketed, group_name, grouping_name, titled
from .style import HOUSE_PALETTE, use_cjk_font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["GROUPING_NAMES", "plot_prevalence", "plot_keyness_bars", "plot_clustermap", "plot_sample_frame"]

GROUPING_NAMES: dict[str, str] = {"region": "地区", "admin_level": "行政层级", "year": "年份",
                                  "completeness": "完整程度", "province": "省份", "city": "城市", "county": "区县",
                                  "remit": "职能"}
"""Chinese names of registry grouping columns (kept for callers; figures name a grouping with
:func:`wpanalysis.plots.domains.grouping_name` in their language)."""


_MAX_TOPICS = len(HOUSE_PALETTE)


def plot_prevalence(prevalence: pd.DataFrame, grouping_names: Mapping[str, str] | None = None,
                    title: str | None = None, n_plans: int | None = None, language: str = "en") -> Figure:
    """Dot plot of mean topic share per group with its confidence interval, one panel per
    grouping; topics are colours, rows are groups labelled with ``n`` documents / items. With
    more than eight topics only the eight with the largest mean share are drawn (eight colours
    stay distinguishable) and the title says so. The title gets *n_plans* (default: the plans
    of the first grouping). Groupings and groups are named in *language* (a grouping
    *grouping_names* names keeps that name)."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    shown = prevalence.groupby("topic")["mean"].mean().sort_values(ascending=False, kind="stable")
    if len(shown) > _MAX_TOPICS:
        prevalence = prevalence[prevalence["topic"].isin(shown.index[:_MAX_TOPICS])]
        title = (title or "") + lab_.figure_text("compare.top_topics", language, n=_MAX_TOPICS, total=len(shown))
    gnames = dict(grouping_names or {})
    groupings = list(pd.unique(prevalence["grouping"]))
    heights = [prevalence.loc[prevalence["grouping"] == g, "group"].nunique() + 0.6 for g in groupings]
    row = min(0.42, (MAX_INCHES - 2.0) / max(sum(heights), 1))
    fig, axes = plt.subplots(len(groupings), 1, figsize=(8.0, row * sum(heights) + 1.6), sharex=True,
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    topics = sorted(prevalence["topic"].unique())
    labels = prevalence.drop_duplicates("topic").set_index("topic")["label"]
    offsets = np.linspace(-0.22, 0.22, len(topics)) if len(topics) > 1 else np.zeros(1)
    for ax, grouping in zip(axes[:, 0], groupings):
        part = prevalence[prevalence["grouping"] == grouping]
        groups = list(pd.unique(part["group"]))
        for t, off in zip(topics, offsets):
            rows = part[part["topic"] == t].set_index("group").reindex(groups)
            y = np.arange(len(groups)) + off
            colour = HOUSE_PALETTE[(int(t) - 1) % len(HOUSE_PALETTE)]
            low, high = (rows["mean"] - rows["ci_low"]).fillna(0), (rows["ci_high"] - rows["mean"]).fillna(0)
            ax.errorbar(rows["mean"], y, xerr=[low, high],
                        fmt="o", color=colour, markersize=5, capsize=2, linewidth=1.2,
                        label=f"{t} {labels[t]}" if grouping == groupings[0] else None)
        sizes = part.drop_duplicates("group").set_index("group")
        ax.set_yticks(range(len(groups)), [
            bracketed(group_name(grouping, g, language),
                      lab_.figure_text("plans_and_items", language, plans=int(sizes.loc[g, "n_docs"]),
                                       items=int(sizes.loc[g, "n_items"])), language) for g in groups])
        ax.invert_yaxis()
        ax.set_title(gnames.get(grouping, grouping_name(grouping, language)), fontsize=11, loc="left")
        ax.grid(axis="y", visible=False)
    by_plan = "unit" in prevalence and (prevalence["unit"] == "plan").any()
    axes[-1, 0].set_xlabel(lab_.figure_text("compare.prevalence_plan_axis" if by_plan
                                            else "compare.prevalence_item_axis", language))
    upper = float(prevalence[["mean", "ci_high"]].max().max()) if len(prevalence) else 1.0
    axes[-1, 0].set_xlim(0, min(1.0, math.ceil((upper + 0.05) * 10) / 10))
    fig.legend(loc="upper center", ncols=min(len(topics), 4), bbox_to_anchor=(0.5, 1.0), fontsize=9)
    if n_plans is None:
        first = prevalence[prevalence["grouping"] == groupings[0]] if groupings else prevalence
        n_plans = int(first.drop_duplicates("group")["n_docs"].sum())
    fig.suptitle(titled(title, n_plans, language=language), y=1.04)
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    return fig



def plot_keyness_bars(table: pd.DataFrame, n: int = 10, target: str = "target", reference: str = "reference",
                      title: str | None = None, language: str = "en") -> Figure:
    """Diverging bars of signed G² for the *n* most key terms of each side of a keyness table
    (:func:`wpanalysis.keywords.keyness_groups`), **whether significant or not**: terms
    significant after the Bonferroni correction are drawn solid, the others pale and
    hatched, so a reader sees both the ranking and how little of it survives correction.
    Bar ends carry the log ratio."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    use_cjk_font()
    pos = table[table["g2"] > 0].nlargest(n, "g2")
    neg = table[table["g2"] < 0].nsmallest(n, "g2")
    shown = pd.concat([pos, neg]).sort_values(["g2", "token"], kind="stable")
    fig, ax = plt.subplots(figsize=(7.0, 0.26 * max(len(shown), 4) + 1.6))
    for y, row in enumerate(shown.itertuples(index=False)):
        colour = HOUSE_PALETTE[1] if row.g2 > 0 else HOUSE_PALETTE[0]
        ax.barh(y, row.g2, color=colour if row.significant else "white", edgecolor=colour,
                hatch=None if row.significant else "///", linewidth=0.8)
        ax.text(row.g2, y, f" {row.log_ratio:+.1f} ", va="center", ha="left" if row.g2 > 0 else "right", fontsize=8)
    ax.set_yticks(range(len(shown)), shown["token"].tolist())
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(lab_.figure_text("terms.keyness_axis", language, reference=reference, target=target))
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(facecolor="#777777", edgecolor="#777777",
                             label=lab_.figure_text("compare.significant", language)),
                       Patch(facecolor="white", edgecolor="#777777", hatch="///",
                             label=lab_.figure_text("compare.not_significant", language))],
              loc="lower right", fontsize=8)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig



def plot_clustermap(matrix: pd.DataFrame, title: str | None = None, method: str = "average",
                    n_total: int | None = None, language: str = "en") -> Figure:
    """Clustered heatmap (seaborn ``clustermap``) of a square similarity matrix.

    Rows and columns are ordered by hierarchical clustering (*method* linkage, SciPy) of
    the distance 1 − similarity; the dendrogram shows which documents join first. Cells
    carry the similarity to two decimals up to 12 plans; the canvas and labels shrink with
    more, within the size cap. The title gets the number of plans (of *n_total* when the
    matrix is a sample).
    """
    import matplotlib.pyplot as plt
    import seaborn as sns
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    use_cjk_font()
    values = matrix.to_numpy(dtype=float)
    distance = np.clip(1.0 - values, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    link = linkage(squareform((distance + distance.T) / 2, checks=False), method=method)
    off_diagonal = values[~np.eye(len(values), dtype=bool)]
    n = len(matrix)
    size = min(max(0.75 * n + 2.8, 6.0), MAX_INCHES - 1.5)
    labelsize = 9 if n <= 16 else max(4.5, 9 - (n - 16) * 0.15)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        grid = sns.clustermap(matrix, row_linkage=link, col_linkage=link, annot=n <= 12, fmt=".2f", cmap="viridis",
                              vmin=float(off_diagonal.min()) if off_diagonal.size else 0.0,
                              vmax=float(off_diagonal.max()) if off_diagonal.size else 1.0,
                              linewidths=0.5 if n <= 30 else 0, linecolor="white", figsize=(size, size),
                              dendrogram_ratio=0.15, cbar_pos=(0.02, 0.83, 0.025, 0.14),
                              xticklabels=True, yticklabels=True,
                              annot_kws={"fontsize": 8},
                              cbar_kws={"label": lab_.figure_text("compare.cosine", language)})
    grid.ax_heatmap.set_xlabel("")
    grid.ax_heatmap.set_ylabel("")
    grid.ax_heatmap.tick_params(axis="x", rotation=45, labelsize=labelsize)
    grid.ax_heatmap.tick_params(axis="y", rotation=0, labelsize=labelsize)
    for label in grid.ax_heatmap.get_xticklabels():
        label.set_horizontalalignment("right")
    grid.figure.suptitle(titled(title, n, total=n_total, language=language), y=1.02)
    plt.setp(grid.ax_heatmap.get_yticklabels(), rotation=0)
    return grid.figure


def _frame_rows(frame: pd.DataFrame, columns: list[str], max_rows: int, language: str = "en") -> pd.DataFrame:
    """The *max_rows* − 1 largest combinations and one row pooling the rest, when there are more."""
    if len(frame) <= max_rows:
        return frame
    head, rest = frame.head(max_rows - 1), frame.iloc[max_rows - 1:]
    other = lab_.figure_text("compare.other_combinations", language, n=len(rest))
    pooled = {c: other if k == 0 else "" for k, c in enumerate(columns)}
    return pd.concat([head, pd.DataFrame([{**pooled, "n_plans": int(rest["n_plans"].sum())}])], ignore_index=True)


def plot_sample_frame(frame: pd.DataFrame, columns: list[str] | None = None, title: str | None = None,
                      max_rows: int = 25, language: str = "en") -> Figure:
    """The sample frame as a grid: one row per combination of attributes that occurs
    (:func:`wpanalysis.inference.sample_frame`), one column per attribute (cells coloured by value,
    the value written in), and a bar of the plans in each row. Attributes that travel together
    show as columns whose colours change on the same rows. Past *max_rows* combinations the
    smallest are pooled into one row; the title gets the number of plans. Attribute names and
    values are written in *language* (years and places as they are)."""
    import matplotlib.pyplot as plt

    use_cjk_font()
    columns = columns or [c for c in frame.columns if c not in ("n_plans", "plans")]
    rows = _frame_rows(frame.reset_index(drop=True), columns, max_rows, language)
    n = len(rows)
    fig, (grid, bars) = plt.subplots(1, 2, figsize=(8.0, min(MAX_INCHES, 0.32 * n + 1.6)),
                                     gridspec_kw={"width_ratios": [len(columns) * 1.3, 2.0]}, sharey=True)
    for j, column in enumerate(columns):
        values = [v for v in pd.unique(rows[column]) if v not in ("", "unknown")]
        colours = {v: HOUSE_PALETTE[k % len(HOUSE_PALETTE)] for k, v in enumerate(values)}
        for i, value in enumerate(rows[column]):
            colour = colours.get(value, "#eeeeee") if len(values) <= len(HOUSE_PALETTE) else "#dddddd"
            grid.add_patch(plt.Rectangle((j, i - 0.5), 1, 1, facecolor=colour, alpha=0.45, edgecolor="white"))
            shown = group_name(column, value, language) if isinstance(value, str) and value else str(value)
            grid.text(j + 0.5, i, shown, ha="center", va="center", fontsize=7)
    grid.set_xlim(0, len(columns))
    grid.set_ylim(n - 0.5, -0.5)
    grid.set_xticks(np.arange(len(columns)) + 0.5, [grouping_name(c, language) for c in columns], fontsize=9)
    grid.xaxis.tick_top()
    grid.set_yticks([])
    grid.grid(False)
    bars.barh(range(n), rows["n_plans"], color=HOUSE_PALETTE[0])
    for i, value in enumerate(rows["n_plans"]):
        bars.text(value, i, f" {int(value)}", va="center", fontsize=8)
    bars.set_xlabel(lab_.figure_text("compare.plans_axis", language))
    bars.grid(axis="y", visible=False)
    fig.suptitle(titled(title or lab_.figure_text("compare.frame_title", language), int(frame["n_plans"].sum()),
                        language=language))
    fig.tight_layout()
    return fig
