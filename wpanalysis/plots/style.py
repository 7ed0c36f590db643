"""Figures for wpanalysis: a Chinese-capable font, the house style and reproducible saving.

Chinese labels need a font with CJK glyphs. By default this module uses Noto Sans CJK SC
from the ``mplfonts`` wheel, so it works on a machine without any system CJK font; see
``wpanalysis/resources/FONTS.md`` for the licence and how to override it.

Example::

    import matplotlib.pyplot as plt
    from wpanalysis.plots.style import save_figure, set_house_style

    set_house_style()
    fig, ax = plt.subplots()
    ax.bar(["立德树人", "双减", "课后服务"], [12, 7, 5])
    ax.set_title("工作要点中的主题")
    save_figure("themes", fig)  # -> figures/themes.png, figures/themes.pdf
"""

from __future__ import annotations

import importlib.util
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "CJK_SAMPLE",
    "FIGURES_ENV_VAR",
    "FIGURE_TEXT_LOG_ENV_VAR",
    "FONT_ENV_VAR",
    "HOUSE_PALETTE",
    "OKABE_ITO",
    "cjk_font_path",
    "language_folder",
    "preview_png",
    "save_figure",
    "show_figure",
    "set_house_style",
    "use_cjk_font",
    "wordcloud_font_path",
]

FONT_ENV_VAR = "WPANALYSIS_CJK_FONT"
"""Environment variable naming a font file that overrides the default CJK font."""

FIGURES_ENV_VAR = "WPANALYSIS_FIGURES_DIR"
"""Environment variable naming the default output folder of :func:`save_figure`."""

CJK_SAMPLE = "教育立德树人双减课后服务工作要点"
"""Characters a font must contain to count as usable for our figures."""

_MPLFONTS_FONT_FILE = "NotoSansCJKsc-Regular.otf"

# Families tried, in this order, when looking for a CJK font among the system fonts that
# matplotlib knows about. Matching is by case-insensitive prefix of the family name.
_SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",
)

OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
"""The Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design")."""

HOUSE_PALETTE: tuple[str, ...] = tuple(
    OKABE_ITO[c]
    for c in (
        "blue",
        "vermillion",
        "bluish green",
        "reddish purple",
        "orange",
        "sky blue",
        "black",
        "yellow",
    )
)
"""Okabe–Ito reordered so the first colours are the most distinct on white (yellow last)."""

# Yellow and sky blue are too light for text on a white background.
_PNG_DPI = 300
_SVG_HASHSALT = "wpanalysis"
_IMAGE_SUFFIXES = (".png", ".pdf")


# --------------------------------------------------------------------------- fonts


def _covers(path: Path, sample: str = CJK_SAMPLE) -> bool:
    """True if FreeType can open *path* and it has a glyph for every character of *sample*."""
    try:
        font = FT2Font(str(path))
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(ch)) != 0 for ch in sample)


def _mplfonts_font() -> Path | None:
    """Noto Sans CJK SC shipped in the ``mplfonts`` wheel, or None.

    The package is located with :func:`importlib.util.find_spec`, which does not execute
    it: importing ``mplfonts`` is side-effect free today, but its helpers copy fonts into
    matplotlib's installation and rewrite ``matplotlibrc``, and we want none of that.
    """
    try:
        spec = importlib.util.find_spec("mplfonts")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "fonts" / _MPLFONTS_FONT_FILE
        if candidate.is_file() and _covers(candidate):
            return candidate.resolve()
    return None


def _family_rank(name: str) -> int | None:
    folded = name.casefold()
    for rank, family in enumerate(_SYSTEM_CJK_FAMILIES):
        if folded.startswith(family.casefold()):
            return rank
    return None


def _weight(entry: font_manager.FontEntry) -> int:
    weight = entry.weight
    if isinstance(weight, str):
        return int(font_manager.weight_dict.get(weight, 400))
    return int(weight)


def _system_cjk_font() -> Path | None:
    """A system font with CJK coverage known to matplotlib's font manager, or None."""
    candidates = []
    for entry in font_manager.fontManager.ttflist:
        rank = _family_rank(entry.name)
        if rank is not None:
            key = (rank, abs(_weight(entry) - 400), entry.style != "normal", entry.fname)
            candidates.append((key, entry.fname))
    seen: set[str] = set()
    for _, fname in sorted(candidates):
        if fname in seen:
            continue
        seen.add(fname)
        path = Path(fname)
        if path.is_file() and _covers(path):
            return path.resolve()
    return None


def cjk_font_path() -> Path:
    """Path of the font file used for Chinese text.

    Looked up in order: the file named by ``$WPANALYSIS_CJK_FONT``; Noto Sans CJK SC from
    the ``mplfonts`` package; a system CJK font known to matplotlib (Noto Sans CJK, Source
    Han Sans, WenQuanYi, SimHei, ...).

    >>> cjk_font_path().name  # doctest: +SKIP
    'NotoSansCJKsc-Regular.otf'

    Raises:
        FileNotFoundError: ``$WPANALYSIS_CJK_FONT`` is set but is not an existing file.
        ValueError: ``$WPANALYSIS_CJK_FONT`` names a file FreeType cannot read as a font.
        RuntimeError: no CJK font could be found at all.
    """
    override = os.environ.get(FONT_ENV_VAR, "").strip()
    if override:
        path = Path(override).expanduser()
        if not path.is_file():
            raise FileNotFoundError(
                f"{FONT_ENV_VAR}={override!r}: no such font file. Point it at an existing "
                f".ttf/.otf/.ttc file, or unset it to use Noto Sans CJK SC from mplfonts."
            )
        try:
            FT2Font(str(path))
        except (OSError, RuntimeError, ValueError) as exc:
            raise ValueError(
                f"{FONT_ENV_VAR}={override!r} is not a font FreeType can read: {exc}"
            ) from exc
        return path.resolve()
    for finder in (_mplfonts_font, _system_cjk_font):
        found = finder()
        if found is not None:
            return found
    raise RuntimeError(
        "No font with Chinese glyphs was found, so Chinese text would render as empty "
        "boxes. Fix one of: (1) `pip install mplfonts` (ships Noto Sans CJK SC; it is a "
        "dependency of wpanalysis); (2) install a system CJK font, e.g. "
        "`apt install fonts-noto-cjk`, then delete matplotlib's font cache in "
        f"{mpl.get_cachedir()!s}; (3) set {FONT_ENV_VAR}=/path/to/a/cjk-font.otf."
    )


def _same_file(fname: str, target: Path) -> bool:
    if Path(fname).name != target.name:
        return False
    try:
        return Path(fname).resolve() == target
    except OSError:
        return False


def _registered_names(path: Path) -> list[str]:
    names: list[str] = []
    for entry in font_manager.fontManager.ttflist:
        if entry.name not in names and _same_file(entry.fname, path):
            names.append(entry.name)
    return names


def use_cjk_font(path: str | os.PathLike[str] | None = None) -> str:
    """Make matplotlib (and seaborn) draw Chinese text with a CJK font; return its family.

    Registers the font file (default: :func:`cjk_font_path`) with matplotlib's font manager,
    puts its family first in ``font.sans-serif``, sets ``font.family`` to sans-serif and
    ``axes.unicode_minus = False`` (CJK fonts often lack U+2212). Safe to call repeatedly.
    Call it again after ``seaborn.set_theme()``, which resets the font list.

    >>> use_cjk_font()  # doctest: +SKIP
    'Noto Sans CJK SC'
    """
    font_path = Path(path).expanduser() if path is not None else cjk_font_path()
    if not font_path.is_file():
        raise FileNotFoundError(f"Font file not found: {font_path}")
    font_path = font_path.resolve()
    names = _registered_names(font_path)
    if not names:
        font_manager.fontManager.addfont(str(font_path))
        names = _registered_names(font_path)
    if not names:  # pragma: no cover - addfont always records at least one face
        raise RuntimeError(f"matplotlib could not register the font {font_path}")
    ranks = {n: r for n in names if (r := _family_rank(n)) is not None}
    family = min(ranks, key=ranks.__getitem__) if ranks else names[0]

    others = [f for f in mpl.rcParams["font.sans-serif"] if f != family]
    mpl.rcParams["font.family"] = ["sans-serif"]
    mpl.rcParams["font.sans-serif"] = [family, *others]
    mpl.rcParams["axes.unicode_minus"] = False
    return family


def wordcloud_font_path() -> str:
    """The CJK font file as a string, for ``wordcloud.WordCloud(font_path=...)``.

    >>> WordCloud(font_path=wordcloud_font_path())  # doctest: +SKIP
    """
    return str(cjk_font_path())


# --------------------------------------------------------------------------- style


def set_house_style(font_scale: float = 1.0) -> str:
    """Apply the project style to matplotlib and seaborn; return the CJK font family used.

    White background, light grey grid behind the data, no top/right spines, 11 pt text
    (use ``font_scale=1.4`` for slides), the Okabe–Ito colour-blind-safe palette as the
    colour cycle (blue, vermillion, bluish green, reddish purple, orange, sky blue, black,
    yellow; continuous data keeps matplotlib's viridis), a CJK font via
    :func:`use_cjk_font`, and settings for reproducible files: ``svg.hashsalt`` fixed,
    ``pdf.fonttype = 3`` (glyphs embedded as subsetted Type 3 outlines, which works for
    CFF-flavoured ``.otf`` fonts such as Noto Sans CJK).

    >>> set_house_style()  # doctest: +SKIP
    'Noto Sans CJK SC'
    """
    import seaborn as sns

    s = float(font_scale)
    rc: dict[str, Any] = {
        "figure.figsize": (6.4, 4.0),
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "figure.titlesize": 14 * s,
        "savefig.dpi": _PNG_DPI,
        "savefig.facecolor": "white",
        "axes.facecolor": "white",
        "axes.edgecolor": "#333333",
        "axes.linewidth": 0.8,
        "axes.grid": True,
        "axes.axisbelow": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 13 * s,
        "axes.labelsize": 11 * s,
        "axes.prop_cycle": mpl.cycler(color=list(HOUSE_PALETTE)),
        "grid.color": "#E6E6E6",
        "grid.linewidth": 0.8,
        "font.size": 11 * s,
        "xtick.labelsize": 10 * s,
        "ytick.labelsize": 10 * s,
        "legend.fontsize": 10 * s,
        "legend.title_fontsize": 10 * s,
        "legend.frameon": False,
        "lines.linewidth": 1.8,
        "image.cmap": "viridis",
        "pdf.fonttype": 3,
        "ps.fonttype": 3,
        "svg.fonttype": "path",
        "svg.hashsalt": _SVG_HASHSALT,
        "axes.unicode_minus": False,
    }
    sns.set_theme(context="notebook", style="whitegrid", palette=list(HOUSE_PALETTE), rc=rc)
    return use_cjk_font()


# --------------------------------------------------------------------------- saving


def _figure_stem(name: str) -> Path:
    stem = Path(name)
    if stem.suffix.lower() in _IMAGE_SUFFIXES:
        stem = stem.with_suffix("")
    if not stem.name or stem.is_absolute() or ".." in stem.parts:
        raise ValueError(
            f"Figure name must be a relative name such as 'themes' or 'ch3/themes', got {name!r}"
        )
    return stem


def language_folder(figures_dir: str | os.PathLike[str], language: str = "en") -> Path:
    """Where figures drawn in *language* go: *figures_dir* itself for English (the edition papers
    use), its sub-folder ``<language>/`` otherwise.

    >>> language_folder("figures", "zh").as_posix(), language_folder("figures").as_posix()
    ('figures/zh', 'figures')
    """
    return Path(figures_dir) if language == "en" else Path(figures_dir) / language


FIGURE_TEXT_LOG_ENV_VAR = "WPANALYSIS_FIGURE_TEXT_LOG"
"""When set, :func:`save_figure` appends each figure's texts to this file (JSON lines)."""


def _log_figure_text(name: str, fig: Figure, language: str) -> None:
    log = os.environ.get(FIGURE_TEXT_LOG_ENV_VAR)
    if not log:
        return
    import json

    from ..labels import figure_strings

    line = json.dumps({"name": name, "language": language, "texts": figure_strings(fig)}, ensure_ascii=False)
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def save_figure(
    name: str,
    fig: Figure | None = None,
    figures_dir: str | os.PathLike[str] | None = None,
    language: str = "en",
) -> list[Path]:
    """Save *fig* as ``NAME.png`` (300 dpi) and ``NAME.pdf`` in *figures_dir*; return both paths.

    A figure drawn in another *language* than English goes to the sub-folder of that name
    (``figures/zh/``), so the Chinese edition never overwrites the English figures a paper uses.
    With ``$WPANALYSIS_FIGURE_TEXT_LOG`` set, every text the figure shows is appended to that file
    as one JSON line ``{"name": …, "language": …, "texts": […]}`` (for the test of the editions).

    *fig* defaults to the current pyplot figure. *figures_dir* defaults to
    ``$WPANALYSIS_FIGURES_DIR`` or the project's ``figures/`` (``config.FIGURES_DIR``);
    a relative path is taken from the working directory. It is created if needed. Both
    files use a tight bounding box and carry no timestamps or version strings in their
    metadata, so re-running gives byte-identical files on the same software versions.
    The PDF embeds fonts as Type 3 (see :func:`set_house_style`).

    >>> save_figure("themes", fig)  # doctest: +SKIP
    [PosixPath('.../figures/themes.png'), PosixPath('.../figures/themes.pdf')]
    """
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.gcf()
    stem = _figure_stem(name)
    if figures_dir is None:
        from .. import config

        figures_dir = os.environ.get(FIGURES_ENV_VAR) or config.FIGURES_DIR
    out_dir = Path(figures_dir).expanduser()
    if not out_dir.is_absolute():
        out_dir = Path.cwd() / out_dir
    target = language_folder(out_dir, language) / stem
    target.parent.mkdir(parents=True, exist_ok=True)
    _log_figure_text(str(stem), fig, language)

    png = target.with_name(target.name + ".png")
    pdf = target.with_name(target.name + ".pdf")
    # Type 42 would embed the CFF-based Noto .otf as a TrueType (FontFile2) stream, which
    # strict PDF readers reject; Type 3 is valid everywhere and still text-searchable.
    with mpl.rc_context({"pdf.fonttype": 3, "svg.hashsalt": _SVG_HASHSALT}):
        fig.savefig(
            png, format="png", dpi=_PNG_DPI, bbox_inches="tight", metadata={"Software": None}
        )
        fig.savefig(pdf, format="pdf", bbox_inches="tight", metadata={"CreationDate": None})
    return [png, pdf]


def show_figure(name: str, fig: Figure, width: int = 760, preview_dpi: int | None = None,
                figures_dir: str | os.PathLike[str] | None = None, language: str = "en") -> Any:
    """Save *fig* with :func:`save_figure` (in *language*'s folder), close it, and return an image
    for a notebook to display.

    The image is the saved 300-dpi PNG shown *width* pixels wide, or, with *preview_dpi*,
    a smaller copy rendered at that resolution (:func:`preview_png`; for word clouds and
    networks, whose 300-dpi PNG is megabytes).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> show_figure("example", fig, figures_dir=getfixture("tmp_path")).width
    760
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image

    png, _ = save_figure(name, fig, figures_dir=figures_dir, language=language)
    preview = preview_png(fig, dpi=preview_dpi) if preview_dpi else None
    plt.close(fig)
    return Image(data=preview, width=width) if preview is not None else Image(filename=str(png), width=width)


# --------------------------------------------------------------------------- word clouds


def preview_png(fig: Figure, dpi: int = 100) -> bytes:
    """*fig* as PNG bytes at a screen resolution, for ``IPython.display.Image(data=...)``.

    Word clouds and networks saved at 300 dpi are megabytes; a notebook embeds this
    smaller copy instead, while :func:`save_figure` keeps the 300-dpi PNG
    and the PDF as the publication files. Tight bounding box, no software tag in the
    metadata (the same bytes on every run).

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 1))
    >>> preview_png(fig)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> plt.close(fig)
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()
