"""Input formats: .docx (plain and auto-numbered), text-layer PDF, saved web page, legacy .doc.

Each format's copy of a plan must parse to exactly what the ``.txt`` original parses to: the
synthetic golden plan and two real seed plans from ``tests/seed_corpus/`` (Heyuan 2025: ten ``一、``
sections, thirty ``1.`` items; Jishou 2023: notice header, ``(一)`` sub-sections, 35 items).
Fixtures: ``tests/fixtures/formats/`` (PDFs made by ``make_pdf.py``, seed web pages by
``make_html.py`` there); the .docx files are written here with python-docx.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from tests.seeds import SEED_RAW
from wpanalysis.build import REGISTRY_COLUMNS, build_corpus, parse_file
from wpanalysis.cli import main
from wpanalysis.formats import _chinese_number, sniff_format
from wpanalysis.read import ReadError, read_text

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = SEED_RAW  # the frozen seed corpus
TXT = FIXTURES / "plans" / "fullwidth_county.txt"
PDF = FIXTURES / "formats" / "fullwidth_county.pdf"
HTML = FIXTURES / "formats" / "fullwidth_county.html"
ITEM_KEYS = ("number", "title", "section", "subsection", "responsible_units", "fields")


@dataclass(frozen=True)
class Plan:
    """A plan as ``.txt`` and its copies in the other formats."""

    txt: Path
    pdf: Path
    html: Path
    docx_title: str  # core property written into the test's .docx
    headline: str  # the web page's <h1> / ArticleTitle
    pub_date: str  # the web page's PubDate
    n_items: int
    headline_year: int | None = None  # the .txt has no title line: the page headline supplies title and year


PLANS = {
    "golden": Plan(TXT, PDF, HTML, "青山县教育局2024年工作要点",
                   "青山县教育局关于印发《青山县教育局2024年工作要点》的通知", "2024-02-27", 8),
    "heyuan_2025": Plan(SEEDS / "004_236a691b5ab1fb66.txt", FIXTURES / "formats" / "heyuan_2025.pdf",
                        FIXTURES / "formats" / "heyuan_2025.html", "河源市教育局2025年工作要点",
                        "河源市教育局2025年工作要点", "2025-03-04", 30, headline_year=2025),
    "jishou_2023": Plan(SEEDS / "002_b78361d9c286d65f.txt", FIXTURES / "formats" / "jishou_2023.pdf",
                        FIXTURES / "formats" / "jishou_2023.html", "2023年全市教育和体育工作要点",
                        "吉首市教育和体育局关于印发《2023年全市教育和体育工作要点》的通知", "2023-03-22", 35),
}


def _structure(path: Path) -> list:
    result = parse_file(path).to_json()
    return [(d["title"], d["year"], d["notice_date"], d["sections"], d["subsections"],
             [{k: i[k] for k in ITEM_KEYS} for i in d["items"]]) for d in result["documents"]]


@pytest.fixture(scope="module")
def expected():
    return _structure(TXT)


@pytest.fixture(scope="module", params=list(PLANS))
def plan(request) -> tuple[Plan, list]:
    """Each plan with the structure its ``.txt`` parses to."""
    p = PLANS[request.param]
    return p, _structure(p.txt)


def test_plans_item_counts(plan):
    p, structure = plan
    assert [len(d[5]) for d in structure] == [p.n_items]


# --- .docx written by the test ----------------------------------------------------------

_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_ITEM = re.compile(r"^\d+[、.．]")


def _add_list(document, levels: list[tuple[str, str]]) -> str:
    """Add an abstract numbering with ``levels`` [(numFmt, lvlText)] and a num using it; return numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    ids = [int(a.get(a.tag.replace("abstractNum", "abstractNumId"))) for a in numbering.iterchildren()
           if a.tag.endswith("}abstractNum")]
    nums = [int(n.get(n.tag.replace("}num", "}numId"))) for n in numbering.iterchildren() if n.tag.endswith("}num")]
    abstract_id, num_id = max(ids, default=0) + 1, max(nums, default=0) + 1
    lvls = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for k, (fmt, text) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    first_num = next((c for c in numbering.iterchildren() if c.tag.endswith("}num")), None)
    if first_num is not None:
        first_num.addprevious(abstract)  # abstractNum elements come before num elements
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return str(num_id)


def _set_numbering(paragraph, num_id: str, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = int(num_id)


def _label_style(lines: list[str], pattern: re.Pattern, default: tuple[str, str]) -> tuple[str, str]:
    """The text around the counter in the plan's first label of this kind: ``("", "、")``, ``("(", ")")``."""
    label = next((pattern.match(ln).group() for ln in lines if pattern.match(ln)), None)
    if label is None:
        return default
    return label[0] if label[0] in "（(" else "", label[-1]


def write_docx(path: Path, auto_numbered: bool, plan: Plan = PLANS["golden"]) -> Path:
    """The plan as Word would save it; with ``auto_numbered`` the 一、 (一) 1、/1. are Word numbering.

    The numbering levels reproduce the plan's own label style (``（一）`` or ``(一)``, ``1、`` or ``1.``).
    """
    import docx

    lines = plan.txt.read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    heading_list = item_list = None
    if auto_numbered:
        open_, close = _label_style(lines, _SUBSECTION, ("（", "）"))
        _, item_end = _label_style(lines, _ITEM, ("", "、"))
        heading_list = _add_list(document, [("chineseCounting", "%1、"), ("chineseCounting", f"{open_}%2{close}")])
        item_list = _add_list(document, [("decimal", f"%1{item_end}")])
    for line in lines:
        if not auto_numbered:
            document.add_paragraph(line)
            continue
        for pattern, num_id, ilvl in ((_SECTION, heading_list, 0), (_SUBSECTION, heading_list, 1),
                                      (_ITEM, item_list, 0)):
            if pattern.match(line):
                _set_numbering(document.add_paragraph(pattern.sub("", line)), num_id, ilvl)
                break
        else:
            document.add_paragraph(line)
    document.core_properties.title = plan.docx_title
    document.save(path)
    return path


@pytest.mark.parametrize("auto_numbered", [False, True], ids=["plain", "auto-numbered"])
def test_docx_parses_like_txt(tmp_path, plan, auto_numbered):
    p, expected = plan
    path = write_docx(tmp_path / "plan.docx", auto_numbered, p)
    raw = read_text(path)
    assert (raw.format, raw.title) == ("docx", p.docx_title)
    assert _structure(path) == expected


def test_docx_auto_numbered_text_is_the_txt(tmp_path, plan):
    """Word's numbers written back out give the .txt lines exactly (counters, restarts, label style)."""
    p, _ = plan
    path = write_docx(tmp_path / "plan.docx", True, p)
    import docx

    lines = p.txt.read_text(encoding="utf-8").splitlines()
    assert sum(bool(_ITEM.match(ln)) for ln in lines) == p.n_items
    assert not any(_ITEM.match(para.text) for para in docx.Document(path).paragraphs), "numbers only in numPr"
    assert read_text(path).text.splitlines() == lines


def test_docx_auto_numbers_are_in_the_text(tmp_path):
    path = write_docx(tmp_path / "plan.docx", auto_numbered=True)
    import docx

    assert not any(_ITEM.match(p.text) for p in docx.Document(path).paragraphs), "numbers only in numPr"
    lines = read_text(path).text.splitlines()
    assert "一、坚持党建引领，筑牢教育发展根基" in lines
    assert "（二）推进义务教育优质均衡" in lines  # sub-section numbers restart in section 二
    assert [ln.split("、")[0] for ln in lines if _ITEM.match(ln)] == [str(n) for n in range(1, 9)]


def test_docx_table_rows(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、重点任务")
    table = document.add_table(rows=2, cols=2)
    for r, (a, b) in enumerate([("序号", "任务"), ("1", "推进集团化办学")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    document.add_paragraph("二、保障措施")
    document.save(tmp_path / "t.docx")
    assert read_text(tmp_path / "t.docx").text.splitlines() == ["一、重点任务", "序号 任务", "1 推进集团化办学",
                                                                "二、保障措施"]


def test_chinese_numbers():
    assert [_chinese_number(n) for n in (3, 10, 11, 20, 99)] == ["三", "十", "十一", "二十", "九十九"]


# --- PDF with a text layer -------------------------------------------------------------


def test_pdf_fixture_is_small(plan):
    p, _ = plan
    assert p.pdf.stat().st_size < (200_000 if p.pdf == PDF else 250_000)


def test_pdf_parses_like_txt(plan):
    p, expected = plan
    assert _structure(p.pdf) == expected


def test_pdf_pages_and_artefacts_reported():
    result = parse_file(PDF).to_json()
    assert (result["format"], result["pages"]) == ("pdf", 2)
    kinds = [(a["kind"], a["text"]) for a in result["artefacts"]]
    assert kinds.count(("running_header", "青山县教育局文件")) == 2
    assert ("page_marker", "- 1 -") in kinds and ("page_marker", "- 2 -") in kinds
    assert result["unassigned"] == [] and result["warnings"] == []


def test_scanned_pdf_asks_for_ocr(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 170, 250, style="F")  # a page image stands in for the scan
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match="no text layer — run OCR first"):
        read_text(path)


# --- saved web page ---------------------------------------------------------------------


def _expected_html(p: Plan, expected: list) -> list:
    """The .txt structure; a .txt without a title line gets the page headline (extract_html puts it first)."""
    if p.headline_year is None:
        return expected
    assert [d[:2] for d in expected] == [(None, None)]
    return [(p.headline, p.headline_year, *expected[0][2:])]


def test_html_parses_like_txt(plan):
    p, expected = plan
    assert _structure(p.html) == _expected_html(p, expected)


def test_seed_html_title_and_date_kept(plan):
    p, _ = plan
    raw = read_text(p.html)
    assert (raw.format, raw.encoding, raw.title, raw.date) == ("html", "utf-8", p.headline, p.pub_date)
    for chrome in ("首页", "版权所有", "扫一扫", "无障碍浏览", "发布时间", "打印本页", "关闭窗口"):
        assert chrome not in raw.text


def test_html_title_and_date_kept():
    raw = read_text(HTML)
    assert (raw.format, raw.encoding) == ("html", "utf-8")
    assert raw.title == "青山县教育局关于印发《青山县教育局2024年工作要点》的通知"
    assert raw.date == "2024-02-27"
    for chrome in ("首页", "版权所有", "相关链接", "扫一扫", "无障碍浏览"):
        assert chrome not in raw.text


def test_html_fallback_without_trafilatura_text(monkeypatch, plan):
    import trafilatura

    p, expected = plan
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    assert _structure(p.html) == _expected_html(p, expected)


# --- detection and legacy files ---------------------------------------------------------


@pytest.mark.parametrize("data,kind", [
    (b"%PDF-1.4\n", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "ole"),
    (b"<html><body>x</body></html>", "html"),
    ("\ufeff<!DOCTYPE html>\n<html>".encode(), "html"),
    ("<!doctype HTML>".encode("utf-16"), "html"),
    ("一、总体要求\n".encode("gb18030"), "txt"),
    ("<p>不是网页</p>".encode(), "txt"),
])
def test_sniff_format(data, kind):
    assert sniff_format(data) == kind


def test_format_comes_from_content_not_name(tmp_path):
    named_txt = tmp_path / "plan.txt"
    named_txt.write_bytes(PDF.read_bytes())
    assert read_text(named_txt).format == "pdf"


@pytest.mark.parametrize("name", ["old.doc", "old.wps"])
def test_legacy_word_names_the_conversion(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(ReadError, match=re.escape(f"soffice --headless --convert-to docx {path}")):
        read_text(path)


def test_zip_that_is_not_docx(tmp_path):
    import zipfile

    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "x")
    with pytest.raises(ReadError, match="not a Word .docx"):
        read_text(path)


# --- CLI and build ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def all_formats(tmp_path_factory):
    d = tmp_path_factory.mktemp("formats")
    files = {"plan.txt": TXT, "plan.pdf": PDF, "plan.html": HTML}
    for name, src in files.items():
        (d / name).write_bytes(src.read_bytes())
    write_docx(d / "plan.docx", auto_numbered=True)
    (d / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    return d


@pytest.mark.parametrize("name,fmt", [("plan.txt", "txt"), ("plan.docx", "docx"), ("plan.pdf", "pdf"),
                                      ("plan.html", "html")])
def test_cli_parse_json_every_format(all_formats, capsys, name, fmt):
    assert main(["parse", str(all_formats / name), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["format"] == fmt
    assert ("pages" in result) == (fmt == "pdf")
    assert {"source", "encoding", "script", "documents", "unassigned", "artefacts", "warnings"} <= set(result)
    assert len(result["documents"][0]["items"]) == 8


def test_cli_parse_legacy_word_is_one_line_error(all_formats, capsys):
    assert main(["parse", str(all_formats / "old.doc"), "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "soffice --headless --convert-to docx" in err and err.count("\n") == 1


def test_build_takes_every_format(all_formats):
    names = ["plan.txt", "plan.docx", "plan.pdf", "plan.html", "old.doc"]
    rows = [{"doc_id": n.replace(".", "_"), "source_file": n} for n in names]
    reg = pd.DataFrame(rows).reindex(columns=REGISTRY_COLUMNS).astype(object)
    reg = reg.where(reg.notna(), pd.NA)
    reg["part"] = pd.array([1] * len(names), dtype="Int64")
    corpus = build_corpus(reg, all_formats)
    assert sorted(corpus.documents["doc_id"]) == ["plan_docx", "plan_html", "plan_pdf", "plan_txt"]
    per_doc = corpus.items.groupby("doc_id")[["item_number", "title"]].apply(lambda g: g.values.tolist())
    assert per_doc["plan_docx"] == per_doc["plan_txt"] == per_doc["plan_pdf"] == per_doc["plan_html"]
    errors = corpus.warnings[corpus.warnings["level"] == "error"]
    assert list(errors["source_file"]) == ["old.doc"]
