"""Issue 15, "nothing lost, nothing half-written": one test per class of bad input.

Each test names the class it covers; the inputs are in ``tests/bad_inputs/`` (small files)
or generated here (large ones). The seed corpus is the frozen copy every test reads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis import build
from wpanalysis.build import build_corpus, parse_file, parse_files
from wpanalysis.cli import main
from wpanalysis.read import ReadError

BAD = Path(__file__).parent / "bad_inputs"
VICTIM = "003_10673799d0bd0e53.txt"  # ningbo_2024


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    """A writable copy of the seed raw folder."""
    raw = tmp_path / "raw"
    shutil.copytree(SEED_RAW, raw)
    return raw


# --- 1. per-file isolation -----------------------------------------------------------------


@pytest.fixture
def one_file_crashes(monkeypatch):
    """Parsing the file VICTIM raises an unexpected error (as a parser bug would)."""
    real = build.parse_clean

    def crash(clean, info=None):
        if info is not None and str(info.source).endswith(VICTIM):
            raise RuntimeError("boom in the parser")
        return real(clean, info)

    monkeypatch.setattr(build, "parse_clean", crash)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_exception_in_one_file_is_that_files_error_row(one_file_crashes, workers):
    corpus = build_corpus(workers=workers)
    assert corpus.failed_files == [VICTIM]
    errors = corpus.warnings[corpus.warnings["level"] == "error"]
    assert errors["message"].tolist() == [
        f"{VICTIM}: failed at the parse stage (RuntimeError: boom in the parser); the other files are not affected"]
    assert len(corpus.documents) == 8 and "ningbo_2024" not in set(corpus.documents["doc_id"])


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_build_names_the_failed_file_and_exits_1(one_file_crashes, tmp_path, capsys, workers):
    assert main(["build", "--workers", workers, "--out-dir", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert f"ERROR {VICTIM}: failed at the parse stage (RuntimeError: boom in the parser)" in captured.out
    assert f"1 file(s) failed: {VICTIM}" in captured.err
    assert len(pd.read_parquet(tmp_path / "documents.parquet")) == 8


def test_parse_files_returns_the_stage_error_in_order(one_file_crashes):
    paths = sorted(SEED_RAW.glob("*.txt"))
    results = list(parse_files(paths, workers=2))
    bad = [r for r in results if isinstance(r, ReadError)]
    assert len(bad) == 1 and bad[0].path.endswith(VICTIM) and "parse stage" in str(bad[0])
    assert len(results) == len(paths)


# --- 2. malformed numerals ------------------------------------------------------------------


def test_a_malformed_heading_numeral_is_text_and_a_warning(tmp_path):
    plan = parse_file(BAD / "malformed_numerals.txt")
    doc = plan.documents[0]
    assert [s.number for s in doc.sections] == [1] and [i.number for i in doc.items] == [1, 2]
    assert plan.warnings == [
        "line 4: heading number '十一一' is not a Chinese numeral, the line is read as text: 十一一、重复数字的标题",
        "line 5: heading number '十一一' is not a Chinese numeral, the line is read as text: (十一一)重复数字的小节",
        "line 6: heading number '十一一' is not a Chinese numeral, the line is read as text: "
        "第十一一部分重复数字的部分",
    ]
    assert "十一一、重复数字的标题" in doc.items[0].text  # kept, in the item it follows


def test_build_with_a_malformed_numeral_builds_every_file(raw_copy, tmp_path, capsys):
    shutil.copy(BAD / "malformed_numerals.txt", raw_copy / "malformed.txt")
    with open(raw_copy / "documents.csv", "a", encoding="utf-8") as f:
        f.write("malformed_2024,malformed.txt" + "," * (len(pd.read_csv(raw_copy / "documents.csv").columns) - 2)
                + "\n")
    assert main(["build", "--workers", "2", "--registry", str(raw_copy / "documents.csv"), "--raw-dir",
                 str(raw_copy), "--out-dir", str(tmp_path / "out")]) == 0
    assert "heading number '十一一' is not a Chinese numeral" in capsys.readouterr().out
    assert len(pd.read_parquet(tmp_path / "out" / "documents.parquet")) == 10


# --- 3. registry paths confined to the raw folder ------------------------------------------


def _registry(**columns) -> pd.DataFrame:
    from wpanalysis.registry import REGISTRY_COLUMNS

    return pd.DataFrame(columns).reindex(columns=REGISTRY_COLUMNS)


def test_paths_leaving_the_raw_folder_are_refused_naming_the_row(raw_copy, tmp_path):
    (tmp_path / "outside.txt").write_text("2024年工作要点\n一、总体要求\n1.秘密内容。不得读取。\n", encoding="utf-8")
    (raw_copy / "link.txt").symlink_to(tmp_path / "outside.txt")
    reg = _registry(doc_id=["ok", "up", "abs", "link", "dot"],
                    source_file=[VICTIM, "../outside.txt", "/etc/passwd", "link.txt", ".."])
    corpus = build_corpus(reg, raw_copy)
    assert list(corpus.documents["doc_id"]) == ["ok"]
    assert "秘密内容" not in "".join(corpus.items["text"]) and "root:" not in "".join(corpus.items["text"])
    errors = dict(zip(corpus.warnings["source_file"], corpus.warnings["message"]))
    assert errors["../outside.txt"] == ("../outside.txt: documents.csv row 3 (doc_id up): source_file "
                                        "'../outside.txt' leads out of the raw folder raw/ (refused: a ../ path); "
                                        "the file was not read")
    assert "row 4 (doc_id abs)" in errors["/etc/passwd"] and "refused: an absolute path" in errors["/etc/passwd"]
    assert f"refused: a symlink to {tmp_path / 'outside.txt'}" in errors["link.txt"]
    assert "refused: a ../ path" in errors[".."]


def test_the_registry_schema_refuses_dot_dot(tmp_path):
    from wpanalysis.registry import RegistryError, validate_registry

    with pytest.raises(RegistryError, match=r"row 2 \(doc_id x\), column source_file: found '\.\.'"):
        validate_registry(pd.DataFrame({"doc_id": ["x"], "source_file": [".."]}))


# --- 4. numbering at any count, control characters, Big5 --------------------------------------


def test_items_past_999_and_sections_past_99(tmp_path):
    from wpanalysis.formats import _chinese_number
    from wpanalysis.structure import parse_plan

    text = "2024年工作要点\n一、总体要求\n" + "".join(f"{i}.第{i}项工作。抓好落实。\n" for i in range(1, 5001))
    doc = parse_plan(text).documents[0]
    assert len(doc.items) == 5000 and doc.items[-1].number == 5000 and doc.items[999].title == "第1000项工作"
    text = "2024年工作要点\n" + "".join(f"{_chinese_number(i)}、第{i}部分\n（{_chinese_number(i)}）小节\n"
                                        f"{i}.工作。落实。\n" for i in range(1, 151))
    plan = parse_plan(text)
    assert len(plan.documents) == 1 and [s.number for s in plan.documents[0].sections] == list(range(1, 151))


def test_control_characters_before_a_heading_are_line_breaks_and_reported():
    plan = parse_file(BAD / "form_feed_headings.txt")
    doc = plan.documents[0]
    assert [s.number for s in doc.sections] == [1, 2] and [s.number for s in doc.subsections] == [1]
    assert [i.number for i in doc.items] == [1, 2, 3, 4] and "二、" not in doc.items[0].text
    assert [(a.kind, a.text) for a in plan.clean.artefacts] == [
        ("control_character", "U+000C (form feed) read as a line break"),
        ("control_character", "U+001B (escape) read as a line break"),
        ("control_character", "U+000C (form feed) read as a line break")]
    assert plan.clean.raw == (BAD / "form_feed_headings.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["big5_plan.txt", "big5_page.html"])
def test_big5_is_read_as_big5(name):
    plan = parse_file(BAD / name)
    assert plan.encoding == "big5" and plan.script == "traditional"
    doc = plan.documents[0]
    assert doc.title == "臺北市政府教育局2024年工作要點"
    assert [i.responsible_units for i in doc.items] == [["課程科"], ["資訊室"], ["軍訓室"], ["學生事務科"]]


def test_a_page_declaring_big5_is_read_as_big5(tmp_path):
    """A page too short for detection is read with the charset its <meta> declares."""
    page = '<html><head><meta charset="big5"><title>x</title></head><body><p>一、總體要求</p></body></html>'
    path = tmp_path / "p.html"
    path.write_bytes(page.encode("big5"))
    from wpanalysis.read import read_text

    raw = read_text(path)
    assert raw.encoding == "big5" and "總體要求" in raw.text


# --- 5. format readers that lose nothing silently ---------------------------------------------


def _page(body: str) -> str:
    return ("<!DOCTYPE html><html><head><title>2024年工作要点</title></head><body><h1>2024年工作要点</h1>"
            f"<p>一、总体要求</p>\n{body}</body></html>")


@pytest.mark.parametrize("shape", ["unclosed_font", "nested_3000"])
def test_html_nested_past_lxmls_depth_limit_keeps_every_item(tmp_path, shape):
    items = "".join(f"<p>{i}.第{i}项工作。抓好落实。</p>\n" for i in range(1, 300))
    if shape == "unclosed_font":  # an old government page: a <font> opened on every line, never closed
        body = "".join(f"<font color=red><p>{i}.第{i}项工作。抓好落实。\n" for i in range(1, 300))
    else:
        body = "<div>" * 3000 + items
    path = tmp_path / "page.html"
    path.write_text(_page(body), encoding="utf-8")
    doc = parse_file(path).documents[0]
    assert [i.number for i in doc.items] == list(range(1, 300)) and doc.completeness == "full"


def test_xhtml_with_an_xml_declaration_is_read():
    doc = parse_file(BAD / "xhtml_declared.html").documents[0]
    assert [i.number for i in doc.items] == [1, 2]


def test_docx_text_in_content_controls_insertions_nested_tables_and_text_boxes_is_read():
    plan = parse_file(BAD / "hidden_text.docx")
    doc = plan.documents[0]
    assert [s.number for s in doc.sections] == [1, 2]
    assert [(i.number, i.title) for i in doc.items] == [
        (1, "加强党建"), (2, "内容控件里的条目"), (3, "修订插入的条目"), (4, "表格里的条目"), (5, "嵌套表格里的条目"),
        (6, "正文条目"), (7, "文本框里的条目")]
    assert "已删除的文字" not in plan.text
    assert plan.read_artefacts == (("tracked_deletion", "6 characters of deleted text (tracked changes) not read"),)


# --- 6. one generation of tables; a cache that checks itself ---------------------------------


def test_tables_from_two_builds_are_refused(tmp_path):
    from wpanalysis.build import StaleCorpusError, load_corpus, write_corpus

    corpus = build_corpus(SEED_REGISTRY, SEED_RAW)
    write_corpus(corpus, tmp_path)
    assert len(load_corpus(tmp_path).items) == len(corpus.items)
    manifest = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert '"state": "complete"' in manifest and '"items.parquet": "' in manifest
    # a build killed after the items were rewritten: items from one build, the rest from another
    corpus.items.head(10).to_parquet(tmp_path / "items.parquet", index=False)
    with pytest.raises(StaleCorpusError, match=r"items.parquet does not match the manifest of the build that "
                       r"wrote the tables \(changed\); run `wpanalysis build` again"):
        load_corpus(tmp_path)
    (tmp_path / "manifest.json").write_text('{"state": "writing"}\n', encoding="utf-8")  # killed mid-write
    with pytest.raises(StaleCorpusError, match="the last build did not finish"):
        load_corpus(tmp_path)
    write_corpus(corpus, tmp_path)  # rebuilt: one generation again
    assert len(load_corpus(tmp_path).items) == len(corpus.items)


@pytest.mark.parametrize("damage", ["truncate", "empty", "edit"])
def test_a_damaged_token_cache_is_reported_and_rebuilt(items, tmp_path, damage):
    from wpanalysis import segment

    sample = items.head(20).copy()  # the seed items (conftest)
    first = segment.tokenize_items(sample, cache=tmp_path)
    for arrow in tmp_path.glob("*.arrow"):
        arrow.unlink()  # the finished table: only the per-item store is left
    store = next(tmp_path.glob("*.parquet"))
    if damage == "truncate":
        store.write_bytes(store.read_bytes()[: store.stat().st_size // 2])
    elif damage == "empty":
        store.write_bytes(b"")
    else:  # tokens edited so they no longer match their item text
        df = pd.read_parquet(store)
        df["tokens"] = "篡改"
        df.to_parquet(store, index=False)
    with pytest.warns(RuntimeWarning, match=r"token cache .* is damaged .*segmenting again and rebuilding it"):
        again = segment.tokenize_items(sample, cache=tmp_path)
    pd.testing.assert_frame_equal(first, again)
    for arrow in tmp_path.glob("*.arrow"):
        arrow.unlink()
    pd.testing.assert_frame_equal(first, segment.tokenize_items(sample, cache=tmp_path))  # rebuilt and valid


# --- 7. limits with clear messages ------------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os

    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match=r"plan.txt: a FIFO \(named pipe\), not a regular file: refused"):
        parse_file(fifo)


def test_a_docx_inflating_past_the_limit_is_refused(tmp_path, monkeypatch):
    import io
    import zipfile

    from wpanalysis import read

    monkeypatch.setattr(read, "MAX_DECOMPRESSED_BYTES", 2**20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * (3 * 2**20) + "</w:document>")
    path = tmp_path / "bomb.docx"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 100_000
    with pytest.raises(ReadError, match=r"a .docx that inflates to 3 MB, over the limit of 1 MB \(a zip bomb\?\)"):
        parse_file(path)
