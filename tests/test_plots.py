"""Tests for wpanalysis.plots: CJK font discovery, house style, saving and word clouds."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from wpanalysis.plots import style  # noqa: E402
from wpanalysis.plots import terms as term_plots  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
CHINESE = "教立德树人双减课后服务工作要点"
DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
HAVE_MPLFONTS = importlib.util.find_spec("mplfonts") is not None


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch):
    """No font/figure env overrides leak in; rcParams and open figures are restored."""
    monkeypatch.delenv(style.FONT_ENV_VAR, raising=False)
    monkeypatch.delenv(style.FIGURES_ENV_VAR, raising=False)
    with matplotlib.rc_context():
        yield
    plt.close("all")


@pytest.fixture
def house_style() -> str:
    return style.set_house_style()


def _chinese_figure():
    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.bar(["立德树人", "双减", "课后服务"], [12, -3, 5])
    ax.set_title("教育工作要点：主题频次")
    ax.set_xlabel("主题")
    ax.set_ylabel("频次（次）")
    ax.legend(["二〇二四年"])
    return fig, ax


def _subprocess_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != style.FONT_ENV_VAR}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "Agg"
    return env


# ----------------------------------------------------------------------- font discovery


@pytest.mark.skipif(not HAVE_MPLFONTS, reason="mplfonts not installed")
def test_default_font_is_noto_from_mplfonts():
    path = style.cjk_font_path()
    assert path.name == "NotoSansCJKsc-Regular.otf"
    assert "mplfonts" in path.parts
    assert path.is_file()


def test_font_covers_chinese():
    font = FT2Font(str(style.cjk_font_path()))
    missing = [ch for ch in CHINESE if font.get_char_index(ord(ch)) == 0]
    assert missing == []
    # The check is meaningful: matplotlib's default font has none of these glyphs.
    assert FT2Font(str(DEJAVU)).get_char_index(ord("教")) == 0


def test_wordcloud_font_path_is_same_file():
    assert Path(style.wordcloud_font_path()) == style.cjk_font_path()


def test_env_override(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(style.FONT_ENV_VAR, str(DEJAVU))
    assert style.cjk_font_path() == DEJAVU.resolve()
    assert style.wordcloud_font_path() == str(DEJAVU.resolve())
    assert style.use_cjk_font() == "DejaVu Sans"
    assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"


def test_env_override_missing_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    missing = tmp_path / "no-such-font.otf"
    monkeypatch.setenv(style.FONT_ENV_VAR, str(missing))
    with pytest.raises(FileNotFoundError, match=style.FONT_ENV_VAR) as info:
        style.cjk_font_path()
    assert str(missing) in str(info.value)


def test_env_override_not_a_font(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    junk = tmp_path / "junk.ttf"
    junk.write_text("not a font", encoding="utf-8")
    monkeypatch.setenv(style.FONT_ENV_VAR, str(junk))
    with pytest.raises(ValueError, match="not a font"):
        style.cjk_font_path()


def test_empty_env_override_is_ignored(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(style.FONT_ENV_VAR, "  ")
    assert style.cjk_font_path() == (style._mplfonts_font() or style._system_cjk_font())


def test_system_font_fallback(monkeypatch: pytest.MonkeyPatch):
    # Make a CJK font known to matplotlib's font manager, then hide the mplfonts copy.
    style.use_cjk_font()
    monkeypatch.setattr(style, "_mplfonts_font", lambda: None)
    path = style.cjk_font_path()
    font = FT2Font(str(path))
    assert all(font.get_char_index(ord(ch)) != 0 for ch in CHINESE)


def test_no_font_at_all_raises_helpful_error(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(style, "_mplfonts_font", lambda: None)
    monkeypatch.setattr(style, "_system_cjk_font", lambda: None)
    with pytest.raises(RuntimeError, match="pip install mplfonts") as info:
        style.cjk_font_path()
    assert style.FONT_ENV_VAR in str(info.value)


def test_import_is_silent_and_does_not_execute_mplfonts():
    code = textwrap.dedent(
        """
        import sys
        import wpanalysis.plots.style as p
        p.cjk_font_path()
        sys.stderr.write(str("mplfonts" in sys.modules))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_subprocess_env(),
        check=True,
    )
    assert out.stdout == ""
    assert out.stderr == "False"


# ----------------------------------------------------------------------- style


def test_use_cjk_font_is_idempotent():
    family = style.use_cjk_font()
    fname = str(style.cjk_font_path())
    n_entries = sum(e.fname == fname for e in font_manager.fontManager.ttflist)
    assert style.use_cjk_font() == family
    assert sum(e.fname == fname for e in font_manager.fontManager.ttflist) == n_entries
    assert matplotlib.rcParams["font.sans-serif"].count(family) == 1
    assert matplotlib.rcParams["font.sans-serif"][0] == family
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert font_manager.findfont(font_manager.FontProperties(family=["sans-serif"])) == fname


def test_house_style(house_style: str):
    import seaborn as sns

    rc = matplotlib.rcParams
    assert house_style == style.use_cjk_font()
    assert rc["font.sans-serif"][0] == house_style
    assert rc["axes.spines.top"] is False and rc["axes.spines.right"] is False
    assert rc["axes.grid"] is True
    assert to_hex(rc["axes.facecolor"]) == "#ffffff"
    assert [c.upper() for c in rc["axes.prop_cycle"].by_key()["color"]] == list(style.HOUSE_PALETTE)
    assert [to_hex(c).upper() for c in sns.color_palette()] == list(style.HOUSE_PALETTE)
    assert set(style.HOUSE_PALETTE) == set(style.OKABE_ITO.values())
    assert rc["svg.hashsalt"]
    assert rc["pdf.fonttype"] == 3
    assert style.set_house_style(font_scale=1.4) == house_style
    assert matplotlib.rcParams["font.size"] == pytest.approx(11 * 1.4)


# ----------------------------------------------------------------------- rendering


def test_missing_glyphs_are_detected_without_cjk_font():
    """Sanity check for the next test: without a CJK font matplotlib does warn."""
    matplotlib.rcParams["font.family"] = ["sans-serif"]
    matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    fig, _ = _chinese_figure()
    with pytest.warns(UserWarning, match="missing from font"):
        fig.canvas.draw()


def test_chinese_figure_renders_png_and_pdf(house_style: str, tmp_path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would fail here
        fig, ax = _chinese_figure()
        paths = style.save_figure("chinese", fig, figures_dir=tmp_path)

    assert paths == [tmp_path / "chinese.png", tmp_path / "chinese.pdf"]
    png, pdf = (p.read_bytes() for p in paths)
    assert png.startswith(b"\x89PNG")
    assert pdf.startswith(b"%PDF")
    assert b"NotoSansCJKsc" in pdf or not HAVE_MPLFONTS
    assert b"/Type3" in pdf  # glyphs embedded as Type 3, valid for the CFF-based .otf
    expected = str(style.cjk_font_path())
    for text in (ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels()):
        assert font_manager.findfont(text.get_fontproperties()) == expected

    image = plt.imread(paths[0])
    assert image.shape[0] > 500 and image.shape[1] > 500  # 300 dpi
    assert (image[..., :3] < 0.5).any()  # dark text/bars on white


def test_save_figure_is_reproducible(house_style: str, tmp_path: Path):
    fig, _ = _chinese_figure()
    first = [p.read_bytes() for p in style.save_figure("again", fig, figures_dir=tmp_path)]
    fig2, _ = _chinese_figure()
    second = [p.read_bytes() for p in style.save_figure("again", fig2, figures_dir=tmp_path)]
    assert first[0] == second[0], "PNG differs between runs"
    assert first[1] == second[1], "PDF differs between runs"
    assert b"CreationDate" not in first[1]
    assert b"Software" not in first[0]


def test_save_figure_is_reproducible_across_processes(tmp_path: Path):
    code = textwrap.dedent(
        """
        import sys
        import matplotlib.pyplot as plt
        from wpanalysis.plots.style import save_figure, set_house_style
        set_house_style()
        fig, ax = plt.subplots()
        ax.bar(["立德树人", "双减", "课后服务"], [3, 1, 2])
        ax.set_title("工作要点")
        save_figure("fig", fig, figures_dir=sys.argv[1])
        """
    )
    outputs = []
    for seed in ("1", "2"):
        out_dir = tmp_path / seed
        env = {**_subprocess_env(), "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(out_dir)], env=env, check=True)
        outputs.append([(out_dir / f"fig.{ext}").read_bytes() for ext in ("png", "pdf")])
    assert outputs[0] == outputs[1]


def test_save_figure_default_dir_and_names(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(style.FIGURES_ENV_VAR, raising=False)
    monkeypatch.setattr("wpanalysis.config.FIGURES_DIR", tmp_path / "figures")
    fig, _ = plt.subplots()
    assert style.save_figure("a", fig) == [tmp_path / "figures" / f"a.{e}" for e in ("png", "pdf")]

    monkeypatch.setenv(style.FIGURES_ENV_VAR, "out")
    plt.figure()  # save_figure(fig=None) uses the current figure
    assert style.save_figure("b.png") == [tmp_path / "out" / f"b.{e}" for e in ("png", "pdf")]
    assert style.save_figure("ch3/c", fig)[1] == tmp_path / "out" / "ch3" / "c.pdf"
    assert (tmp_path / "out" / "ch3" / "c.png").is_file()

    for bad in ("", "../escape", str(tmp_path / "abs")):
        with pytest.raises(ValueError):
            style.save_figure(bad, fig)


# ----------------------------------------------------------------------- word clouds


def test_wordcloud_renders_chinese():
    freqs = {"立德树人": 30, "双减": 25, "课后服务": 20, "教育": 12, "工作要点": 8}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wc = term_plots.make_wordcloud(freqs, width=400, height=200)
        array = wc.to_array()
        again = term_plots.make_wordcloud(freqs, width=400, height=200).to_array()

    assert wc.font_path == style.wordcloud_font_path()
    assert array.shape == (200, 400, 3)
    ink = (array != 255).any(axis=2).mean()
    assert ink > 0.05
    assert {w for (w, _), *_ in wc.layout_} == set(freqs)
    np.testing.assert_array_equal(array, again)  # random_state=0 by default


def test_wordcloud_uses_house_palette_and_accepts_overrides():
    wc = term_plots.make_wordcloud({"双减": 1.0}, width=200, height=100, random_state=3)
    (_, _, _, _, color), *_ = wc.layout_
    assert color in style.HOUSE_PALETTE
    assert (wc.width, wc.height) == (200, 100)
    wc = term_plots.make_wordcloud({"双减": 1.0}, width=200, height=100, colormap="viridis")
    assert wc.color_func is not term_plots._house_color_func


def test_wordcloud_rejects_empty_frequencies():
    with pytest.raises(ValueError, match="positive frequency"):
        term_plots.make_wordcloud({})


# ----------------------------------------------------------------------- analysis figures


def test_analysis_figures_render_chinese_without_warnings(tmp_path: Path):
    import pandas as pd

    from wpanalysis.features import cooccurrence, cooccurrence_graph, keyness, term_frequency

    tokens = pd.DataFrame({
        "doc_id": ["a"] * 6 + ["b"] * 6,
        "item_seq": [1, 1, 2, 2, 3, 3] * 2,
        "token": ["双减", "课后服务", "双减", "教师", "立德树人", "双减",
                  "教师", "县管校聘", "教师", "课后服务", "教师", "立德树人"],
    })
    style.set_house_style()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figs = {
            "top": term_plots.plot_top_terms(term_frequency(tokens), n=5, title="高频词"),
            "clouds": term_plots.plot_wordclouds({"甲": {"双减": 3, "教师": 1}, "乙": {"教师": 4}}),
            "keyness": term_plots.plot_keyness(
                keyness(tokens[tokens.doc_id == "a"], tokens[tokens.doc_id == "b"], min_count=1),
                significant_only=False, target="甲", reference="乙"),
            "network": term_plots.plot_network(cooccurrence_graph(cooccurrence(tokens, min_count=1), min_units=1)),
        }
        for name, fig in figs.items():
            paths = style.save_figure(name, fig, figures_dir=tmp_path)
            assert all(p.stat().st_size > 1000 for p in paths)
            plt.close(fig)


# ----------------------------------------------------------------------- term figures at any corpus size

PNG_DPI = 300


def _pixels(fig) -> tuple[float, float]:
    """Size of the saved figure in pixels at the 300-dpi save (tight bounding box, as save_figure does)."""
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return box.width * PNG_DPI, box.height * PNG_DPI


def _generated_tokens(n_plans: int, per_plan: int = 40):
    import pandas as pd

    rng = np.random.default_rng(0)
    words = ["双减", "课后服务", "教师", "立德树人", "县管校聘", "学前教育", "职业教育", "体育", "校园安全", "教研"]
    return pd.DataFrame({"doc_id": np.repeat([f"plan_{k:04d}" for k in range(n_plans)], per_plan),
                         "item_seq": np.tile(np.arange(per_plan) // 8 + 1, n_plans),
                         "token": rng.choice(words, n_plans * per_plan)})


def test_wordcloud_grid_keeps_the_canvas_capped():
    for n_panels in (1, 6, 12, 60, 3000):
        rows, cols, scale = term_plots.wordcloud_grid(n_panels)
        width, height = term_plots.PANEL_INCHES
        assert width * cols * scale <= term_plots.MAX_INCHES + 1e-9
        assert height * rows * scale + 0.4 <= term_plots.MAX_INCHES + 1e-9
        # past FULL_SIZE_PANELS the panels share the area of that many: the files stay the same size
        assert rows * cols * scale ** 2 <= max(term_plots.FULL_SIZE_PANELS, n_panels) * 1.6


def test_wordclouds_of_many_plans_stay_within_4000_px_and_carry_n():
    from wpanalysis.features import cloud_panels

    style.set_house_style()
    tokens = _generated_tokens(180)
    panels = cloud_panels(tokens, max_panels=12, n=20)
    assert len(panels) == 12 and "其他 169 份" in panels
    fig = term_plots.plot_wordclouds(panels, title="最大的 11 份要点与其余要点合并的前 20 个词（N = 180 份）")
    width, height = _pixels(fig)
    assert width <= 4000 and height <= 4000
    assert "N = 180" in fig._suptitle.get_text()
    plt.close(fig)
    sixty = term_plots.plot_wordclouds({f"p{k}": {"双减": 3, "教师": 1} for k in range(60)})
    assert max(_pixels(sixty)) <= 4000
    plt.close(sixty)


def test_wordcloud_palette_has_at_most_eight_colours():
    assert 2 <= len(set(term_plots._WORDCLOUD_PALETTE)) <= 8


def test_top_terms_keyness_and_network_sizes_do_not_grow_with_the_corpus():
    from wpanalysis.features import cooccurrence, cooccurrence_graph, keyness, term_frequency

    style.set_house_style()
    sizes = []
    for n_plans in (3, 3000):
        tokens = _generated_tokens(n_plans)
        half = tokens["doc_id"] < f"plan_{n_plans // 2:04d}"
        figs = [term_plots.plot_top_terms(term_frequency(tokens), n=30, title=f"前 30 个词（N = {n_plans} 份）"),
                term_plots.plot_keyness(keyness(tokens[half], tokens[~half], min_count=1), n=15,
                                        significant_only=False),
                term_plots.plot_network(cooccurrence_graph(cooccurrence(tokens, min_count=1), min_units=1))]
        sizes.append([tuple(f.get_size_inches()) for f in (figs[0], figs[2])])
        assert figs[1].get_size_inches()[1] <= 0.24 * 30 + 1.4  # at most 15 bars a side, whatever the corpus
        assert all(max(_pixels(f)) <= 4000 for f in figs)
        assert f"N = {n_plans}" in figs[0].axes[0].get_title()
        for f in figs:
            plt.close(f)
    assert sizes[0] == sizes[1]


def test_term_figures_of_nothing_say_so():
    import networkx as nx
    import pandas as pd

    style.set_house_style()
    empty_key = pd.DataFrame({"token": ["双减"], "g2": [1.0], "log_ratio": [0.5], "significant": [False]})
    for language, start in (("zh", "没有"), ("en", "no ")):
        figs = [term_plots.plot_top_terms(pd.DataFrame({"token": [], "n": [], "per_10k": []}), language=language),
                term_plots.plot_wordclouds({}, language=language),
                term_plots.plot_wordclouds({"甲": {}}, language=language),
                term_plots.plot_keyness(empty_key, language=language),
                term_plots.plot_network(nx.Graph(), language=language)]
        for fig in figs:
            texts = [t.get_text() for ax in fig.axes for t in ax.texts]
            assert any(t.startswith(start) for t in texts)
            plt.close(fig)
