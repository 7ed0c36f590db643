"""Figures of responsible units (wpanalysis.plots.network): capped canvas from 1 to 3,000 plans,
N in the titles, at most six colours, labels in the language asked for (English by default)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from tests.seeds import SEED_PROCESSED  # noqa: E402
from wpanalysis.build import load_corpus  # noqa: E402
from wpanalysis.plots.network import KIND_COLOURS, MAX_PANELS, plot_lead_load, plot_unit_networks  # noqa: E402
from wpanalysis.units import lead_load, load_aliases, unit_table  # noqa: E402

DPI = 300


def _pixels(fig) -> tuple[float, float]:
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return box.width * DPI, box.height * DPI


def _node_colours(fig) -> set[str]:
    return {to_hex(c) for ax in fig.axes for coll in ax.collections for c in coll.get_facecolors()
            if coll.get_offsets().size}


def _many_plans(n_plans: int) -> pd.DataFrame:
    """Items of *n_plans* generated plans, each naming 1–5 units from the alias table."""
    rng = np.random.default_rng(0)
    names = sorted({u.unit for u in load_aliases().values()})
    rows = []
    for k in range(n_plans):
        for seq in range(1, 6):
            picked = rng.choice(names, size=int(rng.integers(1, 6)), replace=False)
            rows.append({"doc_id": f"plan_{k:04d}", "item_seq": seq, "item_number": seq,
                         "responsible_units": "|".join(picked)})
    return unit_table(pd.DataFrame(rows))


@pytest.fixture(scope="module")
def seed_units() -> tuple[int, pd.DataFrame]:
    corpus = load_corpus(SEED_PROCESSED)
    return len(corpus.documents), unit_table(corpus.items)


def test_seed_networks_one_panel_per_plan(seed_units):
    n, t = seed_units
    fig = plot_unit_networks(t, n, labels={"ningbo_2024": "宁波 2024"}, language="zh")
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["rongcheng_2025(17 个单位)", "宁波 2024(22 个单位,显示前 20 个)"]
    assert "N = 2 份,共 9 份" in fig._suptitle.get_text()
    assert max(_pixels(fig)) <= 4000
    assert _node_colours(fig) <= {c.lower() for c in KIND_COLOURS.values()}
    plt.close(fig)


@pytest.mark.parametrize("n_plans", [3, 3000])
def test_network_figure_is_capped(n_plans):
    t = _many_plans(n_plans)
    fig = plot_unit_networks(t, n_plans, max_panels=6)
    width, height = _pixels(fig)
    assert width <= 4000 and height <= 4000
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert len(panels) == (3 if n_plans == 3 else 1)
    assert f"N = {n_plans:,}".replace(",", "") in fig._suptitle.get_text().replace(",", "")
    assert len(_node_colours(fig)) <= 6
    plt.close(fig)


def test_panels_never_exceed_the_cap():
    t = _many_plans(MAX_PANELS + 1)
    fig = plot_unit_networks(t, MAX_PANELS + 1, max_panels=100, language="zh")
    assert [ax.get_title() for ax in fig.axes if ax.get_title()][0].startswith("合并网络")
    plt.close(fig)
    fig = plot_unit_networks(t, MAX_PANELS + 1, max_panels=100)
    assert [ax.get_title() for ax in fig.axes if ax.get_title()][0].startswith("pooled network")
    plt.close(fig)


@pytest.mark.parametrize("n_plans", [2, 3000])
def test_lead_load_figure_is_capped(n_plans):
    t = _many_plans(n_plans)
    fig = plot_lead_load(lead_load(t), n_plans, top_n=15, language="zh")
    assert max(_pixels(fig)) <= 4000
    assert f"N = {n_plans} 份" in fig._suptitle.get_text()
    assert all(len(ax.patches) <= 30 for ax in fig.axes)  # ≤ 15 units × (led, supported)
    plt.close(fig)


def test_seed_networks_in_english(seed_units):
    n, t = seed_units
    fig = plot_unit_networks(t, n, labels={"ningbo_2024": "宁波 2024"})
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["rongcheng_2025 (17 units)", "宁波 2024 (22 units, top 20 shown)"]
    assert fig._suptitle.get_text() == ("Co-responsibility network of units (one panel per plan; plans listing units "
                                        "N = 2, of 9)")
    plt.close(fig)
