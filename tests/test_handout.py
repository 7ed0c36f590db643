"""The offline hand-out: built from the committed notebooks (not executed), every link and image
resolves inside the folder, nothing needs the network, and index.html links every page."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import pytest

from wpanalysis import config
from wpanalysis.handout import GUIDE_DIR, GUIDE_PAGES, _Refs, build_handout, check_handout, guide_name

NOTEBOOKS = config.NOTEBOOKS_DIR


def _refs(page: Path) -> _Refs:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _png_outputs(path: Path) -> list[bytes]:
    nb = nbformat.read(path, as_version=4)
    return [base64.b64decode(o["data"]["image/png"]) for c in nb.cells for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]


@pytest.fixture(scope="module")
def handout(tmp_path_factory) -> Path:
    """The hand-out of the committed notebooks, with one figure (a notebook's first PNG output)."""
    figures = tmp_path_factory.mktemp("figures")
    first = next(png for nb in sorted(NOTEBOOKS.glob("*.ipynb")) for png in _png_outputs(nb))
    (figures / "example_figure.png").write_bytes(first)
    out = tmp_path_factory.mktemp("handout") / "handout"
    index = build_handout(NOTEBOOKS, figures, out)
    assert index == out / "index.html"
    return out


def test_every_local_link_and_image_resolves_inside_the_folder(handout):
    assert sorted(handout.rglob("*.html"))
    assert check_handout(handout) == []


def test_the_check_names_a_missing_image_a_remote_script_and_an_outside_link(tmp_path):
    (tmp_path / "index.html").write_text('<img src="gone.png"><script src="https://cdn.example/x.js"></script>'
                                         '<a href="../elsewhere.html">x</a><a href="https://example.org">ok</a>')
    (tmp_path.parent / "elsewhere.html").write_text("")
    assert check_handout(tmp_path) == [
        "index.html: <img src='gone.png'> does not resolve to a file",
        "index.html: <script src='https://cdn.example/x.js'> is not relative (loads from outside)",
        "index.html: <a href='../elsewhere.html'> points outside the hand-out",
    ]


def test_nothing_is_loaded_from_the_network(handout):
    for page in handout.rglob("*.html"):
        refs = _refs(page)
        remote = [(tag, v) for tag, _, v in refs.refs if tag != "a" and re.match(r"^(https?:)?//", v)]
        assert not remote, f"{page.name} loads {remote}"
        css = "\n".join(refs.styles)
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css), f"{page.name}: CSS loads a remote file"
        assert "cdnjs" not in page.read_text(encoding="utf-8").split("</head>")[0], page.name


def test_index_links_every_notebook_guide_page_and_solution(handout):
    linked = {v for tag, _, v in _refs(handout / "index.html").refs if tag == "a"}
    for nb in NOTEBOOKS.glob("*.ipynb"):
        assert f"notebooks/{nb.stem}.html" in linked, nb.name
    for source, name in GUIDE_PAGES.items():
        assert (GUIDE_DIR / source).is_file(), source
        assert f"guide/{name}" in linked, source
    for script in (GUIDE_DIR / "solutions").glob("exercise_*.py"):
        assert f"guide/{guide_name('solutions/' + script.name)}" in linked, script.name
    assert "figures/example_figure.png" in linked


def test_notebook_images_are_files_beside_the_page(handout):
    for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
        page = handout / "notebooks" / f"{nb.stem}.html"
        images = [v for tag, _, v in _refs(page).refs if tag == "img"]
        assert len(images) == len(_png_outputs(nb)), nb.name
        assert all(v.startswith(f"{nb.stem}_files/") for v in images), nb.name
        assert not [v for v in images if v.startswith("data:")], nb.name


def test_the_guide_links_are_rewritten_to_the_handout(handout):
    exercises = (handout / "guide" / GUIDE_PAGES["练习.md"]).read_text(encoding="utf-8")
    assert 'href="solutions/exercise_01.html"' in exercises
    readme = (handout / "guide" / GUIDE_PAGES["README.md"]).read_text(encoding="utf-8")
    assert 'href="../notebooks/01_corpus_overview.html"' in readme and 'href="plan.html"' in readme
    assert (handout / "guide" / "solutions" / "exercise_01.py").read_bytes() == \
        (GUIDE_DIR / "solutions" / "exercise_01.py").read_bytes()


def test_the_embedded_font_covers_every_character_of_every_page(handout):
    """Pages read the same on a machine with no Chinese font: the subset font has every character."""
    from fontTools.ttLib import TTFont

    font = handout / "fonts" / "cjk.woff"
    assert 0 < font.stat().st_size < 2_000_000
    cmap = TTFont(font).getBestCmap()
    for page in sorted(handout.rglob("*.html")):
        han = {c for c in page.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"}
        assert han and not han - set(map(chr, cmap)), page.name
    assert "fonts.css" in (handout / "notebooks" / "01_corpus_overview.html").read_text(encoding="utf-8")
