"""An offline hand-out: the executed notebooks, the figures and the teaching guide as one folder of static HTML.

:func:`build_handout` renders the notebooks in ``notebooks/`` with their committed outputs (they are
not executed) through nbconvert's ``lab`` template, with the scripts it would load from a CDN
(require.js, MathJax, mermaid) left out — no notebook output needs them; LaTeX in Markdown would
show as its source — and each output image written beside the page. The teaching guide
(``docs/teaching/*.md``) is rendered with mistune, the exercise solutions with Pygments, and
``index.html`` links everything with relative links. Copy the folder to a student's machine and
open ``index.html``: no Python, no server, no network. Output file names are ASCII, so the folder
survives zip tools and USB sticks that mangle Chinese names.

>>> guide_name("课堂计划.md"), guide_name("solutions/exercise_03.py")
('plan.html', 'solutions/exercise_03.html')
"""

from __future__ import annotations

import argparse
import ast
import html
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from . import config

__all__ = ["GUIDE_DIR", "GUIDE_PAGES", "build_handout", "check_handout", "guide_name", "main"]

GUIDE_DIR = config.PACKAGE_DIR.parent / "docs" / "teaching"
"""The teaching guide's Markdown and the exercise solutions (``docs/teaching/``)."""

GUIDE_PAGES: dict[str, str] = {"README.md": "readme.html", "课堂计划.md": "plan.html",
                               "常见误读.md": "misreadings.html", "练习.md": "exercises.html"}
"""Guide page → its ASCII file name in the hand-out's ``guide/`` folder, in reading order."""

# nbconvert's lab template without the three <script src="https://cdnjs…"> blocks
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<link rel="stylesheet" href="../fonts.css">{%- endblock html_head_css -%}
"""

_FONTS_CSS = ("@font-face{font-family:\"wpanalysis CJK\";src:url(fonts/cjk.woff) format(\"woff\");font-display:block}\n"
              ":root{--jp-content-font-family:\"wpanalysis CJK\",system-ui,sans-serif;"
              "--jp-ui-font-family:\"wpanalysis CJK\",system-ui,sans-serif;"
              "--jp-code-font-family:Menlo,Consolas,\"DejaVu Sans Mono\",monospace,\"wpanalysis CJK\"}\n")
"""Every page's text is set in the bundled Noto Sans CJK SC (the figures' font), subset to the
hand-out's characters, so it reads the same on a machine with no Chinese font (a Linux lab image).
It comes first in the list: Chromium, measured headless, showed empty boxes for some table cells
when it was only a fallback after system-ui."""

_CSS = """body{font-family:"wpanalysis CJK","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;
max-width:52em;margin:2em auto;padding:0 1em;line-height:1.7;color:#222}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}
code,pre{background:#f5f5f5}pre{padding:.6em;overflow-x:auto}nav{margin-bottom:1.5em;font-size:.9em}
img{max-width:100%}.figs img{max-width:15em;vertical-align:top;margin:.3em}
"""


def guide_name(source: str) -> str:
    """The hand-out file (relative to ``guide/``) for a guide page or solution script.

    >>> guide_name("README.md"), guide_name("solutions/_common.py")
    ('readme.html', 'solutions/_common.html')
    """
    if source in GUIDE_PAGES:
        return GUIDE_PAGES[source]
    return re.sub(r"\.(py|md)$", ".html", source)


def _page(title: str, body: str, depth: int) -> str:
    up = "../" * depth
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<link rel="stylesheet" href="{up}fonts.css"><link rel="stylesheet" href="{up}style.css"></head><body>'
            f'<nav><a href="{up}index.html">← 讲义目录</a></nav>\n{body}\n</body></html>\n')


def _notebook_title(nb: dict, fallback: str) -> str:
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            m = re.search(r"^#\s+(.+)$", "".join(cell.get("source", "")), re.M)
            if m:
                return m.group(1).strip()
    return fallback


def _render_notebooks(notebooks_dir: Path, out: Path) -> list[tuple[str, str]]:
    """Each ``*.ipynb`` → ``notebooks/NAME.html`` plus ``notebooks/NAME_files/`` (its images)."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExtractOutputPreprocessor

    exporter = HTMLExporter(template_name="lab", extra_loaders=[DictLoader({"handout.html.j2": _TEMPLATE})],
                            template_file="handout.html.j2")
    exporter.register_preprocessor(ExtractOutputPreprocessor(output_filename_template="{cell_index}_{index}{extension}"),
                                   enabled=True)
    pages = []
    for path in sorted(notebooks_dir.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        # <html lang>: the edition's language (notebook_language.localise records it), so browsers pick CJK forms
        exporter.language_code = nb.metadata.get("wpanalysis", {}).get("language", "en")
        resources = {"unique_key": path.stem, "output_files_dir": f"{path.stem}_files",
                     "metadata": {"name": path.stem}}
        body, resources = exporter.from_notebook_node(nb, resources=resources)
        for name, data in resources.get("outputs", {}).items():
            target = out / "notebooks" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (out / "notebooks" / f"{path.stem}.html").write_text(body, encoding="utf-8")
        pages.append((f"notebooks/{path.stem}.html", _notebook_title(nb, path.stem)))
    return pages


def _relink(body: str) -> str:
    """Point the guide's links at the hand-out's files: pages, solutions, notebooks."""
    def fix(m: re.Match[str]) -> str:
        target = unquote(html.unescape(m.group(2)))
        if re.match(r"^[a-z]+:|^#", target):
            return m.group(0)
        path, _, anchor = target.partition("#")
        nb = re.search(r"notebooks/([^/]+)\.ipynb$", path)
        if nb:
            new = f"../notebooks/{nb.group(1)}.html"
        elif path.endswith((".md", ".py")) and not path.startswith("../"):
            new = guide_name(path)
        else:
            return m.group(0)
        return f'{m.group(1)}="{html.escape(new + ("#" + anchor if anchor else ""))}"'

    return re.sub(r'(href)="([^"]*)"', fix, body)


def _render_guide(guide_dir: Path, out: Path) -> list[tuple[str, str]]:
    """The guide's Markdown pages → ``guide/*.html``; solutions → highlighted HTML plus the ``.py`` itself."""
    import mistune
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

    markdown = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])
    pages = []
    (out / "guide" / "solutions").mkdir(parents=True, exist_ok=True)
    for source, name in GUIDE_PAGES.items():
        path = guide_dir / source
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
        (out / "guide" / name).write_text(_page(title, _relink(markdown(text)), 1), encoding="utf-8")
        pages.append((f"guide/{name}", title))
    formatter = HtmlFormatter(noclasses=True)
    for script in sorted((guide_dir / "solutions").glob("*.py")):
        code = script.read_text(encoding="utf-8")
        shutil.copyfile(script, out / "guide" / "solutions" / script.name)
        body = (f"<h1>{html.escape(script.name)}</h1><p><a href=\"{script.name}\">下载脚本</a>（运行："
                f"<code>python docs/teaching/solutions/{script.name} --root 语料文件夹</code>）</p>"
                + highlight(code, PythonLexer(), formatter))
        name = f"guide/solutions/{script.stem}.html"
        doc = ast.get_docstring(ast.parse(code)) or ""
        title = f"{script.name}：{doc.splitlines()[0]}" if doc else script.name
        (out / name).write_text(_page(title, body, 2), encoding="utf-8")
        pages.append((name, title))
    return pages


def _copy_figures(figures_dir: Path, out: Path) -> list[str]:
    names = []
    if figures_dir.is_dir():
        (out / "figures").mkdir(exist_ok=True)
        for png in sorted(figures_dir.glob("*.png")):
            shutil.copyfile(png, out / "figures" / png.name)
            names.append(f"figures/{png.name}")
    return names


def _embed_font(out: Path) -> Path:
    """Write ``fonts/cjk.woff``: the package's CJK font (:func:`wpanalysis.plots.style.cjk_font_path`,
    SIL OFL 1.1) subset with fontTools to the characters of the hand-out's pages (≈ 0.4 MB instead of
    16 MB), and ``fonts.css``, which every page links."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from .plots.style import cjk_font_path

    text = "".join(sorted({c for page in out.rglob("*.html") for c in page.read_text(encoding="utf-8")}))
    options = subset.Options()
    options.notdef_outline = True
    path = cjk_font_path()
    # a collection (.ttc/.otc, e.g. a system Noto or WenQuanYi) holds several faces: take the first
    font = TTFont(path, fontNumber=0) if path.suffix.lower() in (".ttc", ".otc") else TTFont(path)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    font.flavor = "woff"
    target = out / "fonts" / "cjk.woff"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    (out / "fonts.css").write_text(_FONTS_CSS, encoding="utf-8")
    return target


def _index(notebooks: list[tuple[str, str]], guide: list[tuple[str, str]], figures: list[str]) -> str:
    def links(pages: list[tuple[str, str]]) -> str:
        return "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in pages)

    solutions = [p for p in guide if p[0].startswith("guide/solutions/")]
    body = ("<h1>wpanalysis 课堂讲义</h1><p>离线版：不需要 Python，也不需要网络。"
            "笔记本是已执行的版本（保留执行时的输出），不能在这里运行代码。</p>"
            f"<h2>教学指南</h2><ul>{links([p for p in guide if p not in solutions])}</ul>"
            f"<h2>笔记本</h2><ul>{links(notebooks)}</ul>"
            f"<h2>练习参考答案</h2><ul>{links(solutions)}</ul>"
            "<h2>图表</h2><div class=\"figs\">"
            + "".join(f'<a href="{html.escape(f)}"><img src="{html.escape(f)}" alt="{html.escape(Path(f).stem)}"></a>'
                      for f in figures) + "</div>")
    return _page("wpanalysis 课堂讲义", body, 0).replace('<nav><a href="index.html">← 讲义目录</a></nav>', "")


def build_handout(notebooks_dir: str | Path = config.NOTEBOOKS_DIR, figures_dir: str | Path = config.FIGURES_DIR,
                  out_dir: str | Path = "handout", guide_dir: str | Path = GUIDE_DIR) -> Path:
    """Write the hand-out folder *out_dir* (emptied first) and return its ``index.html``.

    Notebooks are rendered with their committed outputs, never executed; PNG figures are copied;
    the guide's Markdown pages and solution scripts are rendered. Every link is relative.
    """
    out = Path(out_dir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "style.css").write_text(_CSS, encoding="utf-8")
    notebooks = _render_notebooks(Path(notebooks_dir), out)
    guide = _render_guide(Path(guide_dir), out)
    figures = _copy_figures(Path(figures_dir), out)
    index = out / "index.html"
    index.write_text(_index(notebooks, guide, figures), encoding="utf-8")
    _embed_font(out)
    return index


class _Refs(HTMLParser):
    """Every (tag, attribute, value) of src/href attributes, and the text of <style> blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        self.refs.extend((tag, name, value or "") for name, value in attrs if name in ("src", "href"))

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def check_handout(out_dir: str | Path) -> list[str]:
    """Everything that would break the hand-out in *out_dir* offline, one line each (page, tag,
    target): a link or image that is not relative, does not resolve to a file or points outside
    the folder; anything loaded from the network (scripts, images, CSS ``@import``/``url(//…)``).
    Links a reader may follow (``<a href="https://…">``) and anchors are fine. [] when it is whole.
    """
    out = Path(out_dir).resolve()
    problems = [] if (out / "index.html").is_file() else [f"{out}: no index.html"]
    for page in sorted(out.rglob("*.html")):
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(out).as_posix()
        for tag, attr, value in refs.refs:
            if tag == "a" and re.match(r"^(https?:|mailto:)", value) or value.startswith("#"):
                continue
            if re.match(r"^([a-z]+:|/)", value):
                problems.append(f"{where}: <{tag} {attr}={value!r}> is not relative (loads from outside)")
                continue
            target = (page.parent / unquote(value.split("#")[0].split("?")[0])).resolve()
            if not target.is_file():
                problems.append(f"{where}: <{tag} {attr}={value!r}> does not resolve to a file")
            elif out not in target.parents:
                problems.append(f"{where}: <{tag} {attr}={value!r}> points outside the hand-out")
        css = "\n".join(refs.styles)
        if re.search(r"@import|url\(\s*['\"]?(https?:)?//", css):
            problems.append(f"{where}: its CSS loads a remote file")
    for sheet in sorted(out.rglob("*.css")):
        where = sheet.relative_to(out).as_posix()
        for value in re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if re.match(r"^([a-z]+:|/)", value) or not (sheet.parent / value).resolve().is_file():
                problems.append(f"{where}: url({value}) is not a file of the hand-out")
    return problems


def main(argv: list[str] | None = None) -> int:
    """``python -m wpanalysis.handout [--out DIR]``: build the hand-out and print where it is."""
    p = argparse.ArgumentParser(prog="python -m wpanalysis.handout", description=__doc__.splitlines()[0])
    p.add_argument("--out", default="handout", help="output folder (emptied first; default: handout/)")
    p.add_argument("--notebooks", default=str(config.NOTEBOOKS_DIR), help="folder of executed notebooks")
    p.add_argument("--figures", default=str(config.FIGURES_DIR), help="folder of PNG figures")
    args = p.parse_args(argv)
    start = time.perf_counter()
    index = build_handout(args.notebooks, args.figures, args.out)
    size = sum(f.stat().st_size for f in index.parent.rglob("*") if f.is_file())
    print(f"hand-out written: {index} ({size / 1e6:.1f} MB, {time.perf_counter() - start:.1f} s); "
          "copy the folder and open index.html in a browser")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
