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


# --- 8. a parse-time limit per file --------------------------------------------------------------


@pytest.fixture
def one_file_is_slow(monkeypatch):
    """Parsing the file VICTIM hangs (a slow fake parse stage), the others parse at once."""
    import time

    real = build.parse_clean

    def slow(clean, info=None):
        if info is not None and str(info.source).endswith(VICTIM):
            time.sleep(30)
        return real(clean, info)

    monkeypatch.setattr(build, "parse_clean", slow)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_over_the_time_limit_is_that_files_error(one_file_is_slow, workers):
    import time

    began = time.monotonic()
    corpus = build_corpus(SEED_REGISTRY, SEED_RAW, workers=workers, time_limit=0.5)
    assert time.monotonic() - began < 25  # stopped, not waited for
    assert corpus.failed_files == [VICTIM]
    assert corpus.warnings.loc[corpus.warnings["level"] == "error", "message"].tolist() == [
        f"{VICTIM}: failed at the parse stage (stopped after the time limit of 0.5 s per file; the file is "
        "unusually large or pathological: split it, or raise the limit with `wpanalysis build --time-limit "
        "SECONDS` (or WPANALYSIS_TIME_LIMIT)); the other files are not affected"]
    assert len(corpus.documents) == 8


def test_cli_build_time_limit(one_file_is_slow, tmp_path, capsys):
    assert main(["build", "--registry", str(SEED_REGISTRY), "--raw-dir", str(SEED_RAW), "--out-dir",
                 str(tmp_path), "--time-limit", "0.5"]) == 1
    captured = capsys.readouterr()
    assert "stopped after the time limit of 0.5 s per file" in captured.out
    assert f"1 file(s) failed: {VICTIM}" in captured.err
    assert len(pd.read_parquet(tmp_path / "documents.parquet")) == 8


def test_the_default_time_limit_leaves_a_large_plan_alone(tmp_path):
    """The default is generous: a 2 MB plan of 10,000 items parses well inside it (and the alarm is off after)."""
    import signal
    import time

    assert build.TIME_LIMIT == 300
    text = "某市教育局2024年工作要点\n一、总体要求\n" + "".join(
        f"{i}.第{i}项工作。加强学校党建工作，推进教育高质量发展，办好人民满意的教育。（责任单位：基教科）\n"
        for i in range(1, 10_001))
    path = tmp_path / "large.txt"
    path.write_text(text, encoding="utf-8")
    began = time.monotonic()
    plan = parse_file(path, time_limit=build.TIME_LIMIT)
    assert len(plan.documents[0].items) == 10_000 and time.monotonic() - began < build.TIME_LIMIT / 10
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# --- 9. messages that point the right way ----------------------------------------------------------


def test_a_password_protected_docx_is_named_as_such():
    """An encrypted .docx is an OLE container holding the encrypted zip, not a legacy .doc. (The input
    is a three-paragraph python-docx document encrypted with the password 'secret' by msoffcrypto-tool
    5.4.2, installed only to make it.)"""
    data = (BAD / "password_protected.docx").read_bytes()
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    with pytest.raises(ReadError) as err:
        parse_file(BAD / "password_protected.docx")
    message = str(err.value)
    assert "a password-protected (encrypted) Word file" in message and "legacy" not in message
    assert "remove the password" in message and "msoffcrypto-tool -p PASSWORD in.docx out.docx" in message


def _ascii_pdf(path: Path, **encryption) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="1. Strengthen the work of the bureau this year and report on it.")
    if encryption:
        from fpdf.enums import EncryptionMethod

        pdf.set_encryption(encryption_method=EncryptionMethod.RC4, **encryption)
    pdf.output(str(path))
    return path


def test_a_user_password_pdf_is_named_encrypted(tmp_path):
    path = _ascii_pdf(tmp_path / "locked.pdf", owner_password="owner", user_password="secret")
    with pytest.raises(ReadError) as err:
        parse_file(path)
    assert str(err.value) == (
        f"{path}: an encrypted (password-protected) PDF, which wpanalysis cannot read: open it with its password "
        "and save or print a copy without one, or run `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`; then "
        "read the copy")
    # an owner password alone (printing or copying restricted) does not stop reading
    free = _ascii_pdf(tmp_path / "owner_only.pdf", owner_password="owner")
    assert "Strengthen the work" in parse_file(free).clean.raw


@pytest.mark.parametrize("damage", ["objects_unfindable", "cut_in_half"])
def test_a_damaged_pdf_is_named_damaged_not_a_scan(tmp_path, damage):
    data = (Path(__file__).parent / "fixtures" / "formats" / "fullwidth_county.pdf").read_bytes()
    xref = data.rindex(b"xref")
    if damage == "objects_unfindable":  # the cross-reference table points at nothing the reader can find
        data = data[:xref].replace(b" obj", b" obk") + data[xref:]
    else:
        data = data[:len(data) // 2]
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        parse_file(path)
    message = str(err.value)
    assert "a damaged PDF:" in message and "cross-reference table is broken or the file is cut short" in message
    assert "OCR will not help: download the file again" in message and "run OCR first" not in message


def test_a_truncated_docx_is_named_cut_short(tmp_path):
    data = (BAD / "hidden_text.docx").read_bytes()
    path = tmp_path / "plan.docx"
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ReadError) as err:
        parse_file(path)
    message = str(err.value)
    assert message.startswith(f"{path}: a Word .docx that is cut short or damaged (")
    assert "download or copy it again" in message and "not a Word .docx" not in message


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_a_bom_is_read(tmp_path, encoding):
    import codecs

    bom = codecs.BOM_UTF32_LE if encoding.endswith("le") else codecs.BOM_UTF32_BE
    path = tmp_path / "plan.txt"
    path.write_bytes(bom + (BAD / "form_feed_headings.txt").read_text(encoding="utf-8").encode(encoding))
    plan = parse_file(path)
    assert plan.encoding == "utf-32"
    assert [i.number for i in plan.documents[0].items] == [1, 2, 3, 4]
    page = tmp_path / "page.html"
    page.write_bytes(bom + _page("<p>1.第1项工作。抓好落实。</p>").encode(encoding))
    assert [i.title for i in parse_file(page).documents[0].items] == ["第1项工作"]


@pytest.mark.parametrize("encoding,offset", [("utf-16", 2 + 3 * 2), ("utf-32", 4 + 3 * 4)])
def test_binary_content_in_utf16_or_utf32_names_the_true_byte_offset(encoding, offset):
    from wpanalysis.read import decode_bytes

    data = "一、总\x01要求".encode(encoding)  # with its BOM
    with pytest.raises(ReadError, match=f"control character U\\+0001.* at byte offset {offset}$"):
        decode_bytes(data, "plan.txt")
    assert data[offset:offset + 1] == b"\x01"


def test_a_table_of_contents_only_file_says_so(tmp_path, capsys):
    with pytest.raises(ReadError, match=r"toc_only.txt: only a table of contents was found \(4 lines\), no plan "
                       r"text: the file is the contents page of a compilation; find the full document"):
        parse_file(BAD / "toc_only.txt")
    assert main(["parse", str(BAD / "toc_only.txt")]) == 1
    assert "only a table of contents was found" in capsys.readouterr().err


def test_build_counts_a_table_of_contents_only_file_as_failed(raw_copy, tmp_path, capsys):
    shutil.copy(BAD / "toc_only.txt", raw_copy / "toc.txt")
    registry = pd.read_csv(raw_copy / "documents.csv", dtype=str)
    row = pd.DataFrame([{"doc_id": "toc_2024", "source_file": "toc.txt"}])
    pd.concat([registry, row]).to_csv(raw_copy / "documents.csv", index=False)
    assert main(["build", "--registry", str(raw_copy / "documents.csv"), "--raw-dir", str(raw_copy),
                 "--out-dir", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert "ERROR toc.txt: only a table of contents was found (4 lines)" in captured.out
    assert "1 file(s) failed: toc.txt" in captured.err


def test_private_use_characters_and_emoji_do_not_stop_segmentation():
    """Texts holding every preferred item separator (private-use characters, as icon fonts leave
    them) and emoji segment like each item alone."""
    from wpanalysis.backends import _ITEM_SEPS
    from wpanalysis.segment import segment_text, tokenize_items

    texts = ["推进集团化办学" + "".join(_ITEM_SEPS) + "😀落实双减政策", "深化县管校聘改革🏫\ue002", "加强党建"]
    items = pd.DataFrame({"doc_id": "d", "item_seq": [1, 2, 3], "item_number": [1, 2, 3], "text": texts})
    tokens = tokenize_items(items, cache=False)
    for seq, text in enumerate(texts, start=1):
        mine = tokens[tokens["item_seq"] == seq]
        assert mine["token"].tolist() == segment_text(text, stopwords="none")
        assert [text[s:e] for s, e in zip(mine["start"], mine["end"])] == mine["token"].tolist()


# --- 10. `parse --json` accounts for every character ---------------------------------------------


def _json_of(path: Path, capsys) -> dict:
    import json

    assert main(["parse", "--json", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def _accounted(result: dict) -> None:
    """From the JSON alone: the parts, the artefacts with offsets and the blank stretches tile the
    raw text; parts never overlap; the blank stretches are whitespace only."""
    n = result["n_raw_chars"]
    owner = [None] * n
    pos = 0
    for p in result["parts"]:
        assert pos <= p["start"] <= p["end"] <= n and len(p["text"]) == p["end"] - p["start"], p
        pos = p["end"]
        owner[p["start"]:p["end"]] = ["part"] * (p["end"] - p["start"])
    for a in result["artefacts"]:
        if a["start"] is not None:
            owner[a["start"]:a["end"]] = [o or "artefact" for o in owner[a["start"]:a["end"]]]
    for b in result["blank"]:
        assert not b["text"].strip() and len(b["text"]) == b["end"] - b["start"]
        assert set(owner[b["start"]:b["end"]]) == {None}
        owner[b["start"]:b["end"]] = ["blank"] * (b["end"] - b["start"])
    assert None not in owner


SEED_FILES = sorted(p.name for p in SEED_RAW.iterdir() if p.suffix == ".txt")
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_FILES = sorted(f"plans/{p.name}" for p in (FIXTURES / "plans").glob("*.txt")) + sorted(
    f"formats/{p.name}" for p in (FIXTURES / "formats").iterdir() if p.suffix in (".html", ".pdf"))


@pytest.mark.parametrize("name", SEED_FILES + FIXTURE_FILES)
def test_parse_json_accounts_for_every_character(name, capsys):
    from wpanalysis.read import read_text

    path = SEED_RAW / name if name in SEED_FILES else FIXTURES / name
    result = _json_of(path, capsys)
    _accounted(result)
    raw = read_text(path).text  # and the JSON is true to the file
    assert result["n_raw_chars"] == len(raw)
    assert all(raw[p["start"]:p["end"]] == p["text"] for p in result["parts"] + result["blank"])
    kinds = {p["kind"] for p in result["parts"]}
    assert "item" in kinds or "unassigned" in kinds
    numbers = [p["text"] for p in result["parts"] if p["kind"] == "item"]
    assert not numbers or numbers[0].lstrip()[:1].isdigit() or numbers[0].lstrip()[:1] in "(（"


def test_parse_json_parts_name_the_toc_preamble_and_numbers(capsys):
    """The parts the old JSON left out, on the seed compilation (TOC, preamble, heading and item
    numbers), and control characters reported with their offsets."""
    result = _json_of(SEED_RAW / "001_f29dea3288537dee.txt", capsys)
    kinds = {p["kind"] for p in result["parts"]}
    assert {"toc", "title", "preamble", "heading", "item"} <= kinds
    heading = next(p for p in result["parts"] if p["kind"] == "heading" and p["ref"] == "section 1")
    item = next(p for p in result["parts"] if p["kind"] == "item" and p["ref"] == "item 5")
    assert heading["text"].startswith("一、") and item["text"].startswith("5.")  # the numbers are in the parts
    result = _json_of(BAD / "form_feed_headings.txt", capsys)
    _accounted(result)
    raw = (BAD / "form_feed_headings.txt").read_text(encoding="utf-8")
    assert [(a["start"], raw[a["start"]]) for a in result["artefacts"]] == [
        (raw.index("\f"), "\f"), (raw.index("\x1b"), "\x1b"), (raw.rindex("\f"), "\f")]


def test_warning_paths_are_relative_to_the_compendium(raw_copy):
    """The same inputs in another folder give the same warnings table."""
    here = build_corpus(SEED_REGISTRY, SEED_RAW).warnings
    there = build_corpus(raw_copy / "documents.csv", raw_copy).warnings
    pd.testing.assert_frame_equal(here, there)
    assert not any(str(SEED_RAW) in m or str(raw_copy) in m for m in there["message"])
    assert not any(s.startswith("/") for s in there["source_file"])


# --- 11. the finished token table checks itself --------------------------------------------------


@pytest.mark.parametrize("damage", ["truncate", "empty", "edit", "no_digest"])
def test_a_damaged_token_table_is_reported_and_rebuilt(items, tmp_path, damage):
    import pyarrow as pa
    import pyarrow.feather as feather

    from wpanalysis import segment

    sample = items.head(20).copy()
    first = segment.tokenize_items(sample, cache=tmp_path)
    table = next(tmp_path.glob("*.arrow"))
    assert table.with_name(table.name + ".sha256").exists()
    if damage == "truncate":
        table.write_bytes(table.read_bytes()[: table.stat().st_size // 2])
    elif damage == "empty":
        table.write_bytes(b"")
    elif damage == "edit":  # a valid Arrow file whose tokens no longer match their items
        edited = first.copy()
        edited["token"] = "篡改"
        feather.write_feather(pa.Table.from_pandas(edited, preserve_index=False), table, compression="uncompressed")
    else:
        table.with_name(table.name + ".sha256").unlink()
    with pytest.warns(RuntimeWarning, match=r"token table cache .*\.arrow is damaged .*segmenting again and "
                      r"rebuilding it"):
        again = segment.tokenize_items(sample, cache=tmp_path)
    pd.testing.assert_frame_equal(first, again)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # rebuilt and valid: read back without a warning
        pd.testing.assert_frame_equal(first, segment.tokenize_items(sample, cache=tmp_path))


# --- 12. the registry: every cell problem names the file, the row, the column and the form ------


def _registry_file(tmp_path: Path, cells: dict[str, str], encoding: str = "utf-8") -> Path:
    from wpanalysis.registry import REGISTRY_COLUMNS

    first = {"doc_id": "ningbo_2024", "source_file": VICTIM, "year": "2024"}
    lines = [",".join(REGISTRY_COLUMNS)] + [",".join(row.get(c, "") for c in REGISTRY_COLUMNS)
                                            for row in (first, cells)]
    path = tmp_path / "documents.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


REGISTRY_CASES = {
    "stray quote in one cell": ({"doc_id": "x_2024", "source_file": "x.txt", "title": '"十四五"规划工作要点,',
                                 "year": "2024"},
                                "documents.csv row 3 (line 3), column title: a stray double quote inside the cell "
                                "(\"十四五\"规划工作要点), which a CSV reader drops or lets shift the columns after "
                                "it; expected a cell without double quotes, or the whole cell in double quotes with "
                                "each quote inside doubled"),
    "unbalanced quote": ({"doc_id": "x_2024", "source_file": "x.txt", "title": '"某市教育局工作要点', "year": "2024"},
                         "documents.csv row 3 (line 3), column title: a double quote opens the cell "
                         "(\"某市教育局工作要点,,,,,,,2024,,,,,,,,,) and is never closed, so everything after it on "
                         "line 3 would be read into this one cell"),
    "part=0": ({"doc_id": "x_2024", "source_file": "x.txt", "part": "0"},
               "documents.csv row 3 (doc_id x_2024), column part: found '0', expected a whole number ≥ 1 (the "
               "plan's position in its file)"),
    "empty source_file": ({"doc_id": "x_2024", "source_file": ""},
                          "documents.csv row 3 (doc_id x_2024), column source_file: found '', expected a value (the "
                          "column is required)"),
    "2024年 in the year column": ({"doc_id": "x_2024", "source_file": "x.txt", "year": "2024年"},
                                 "documents.csv row 3 (doc_id x_2024), column year: found '2024年', expected a year "
                                 "1949–"),
}


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030"])
@pytest.mark.parametrize("case", sorted(REGISTRY_CASES))
def test_a_registry_problem_names_file_row_column_and_form(tmp_path, capsys, case, encoding):
    cells, message = REGISTRY_CASES[case]
    path = _registry_file(tmp_path, cells, encoding)
    assert main(["build", "--registry", str(path), "--raw-dir", str(SEED_RAW), "--out-dir",
                 str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "wpanalysis build: documents.csv: 1 problem in the registry:\n" + message in err
    assert not (tmp_path / "out").exists()


def test_a_gbk_registry_is_read_and_reported(tmp_path, capsys):
    path = _registry_file(tmp_path, {"doc_id": "x_2024", "source_file": "x.txt", "title": "某市教育局工作要点"}, "gbk")
    assert main(["build", "--registry", str(path), "--raw-dir", str(SEED_RAW), "--out-dir",
                 str(tmp_path / "out")]) == 1  # x.txt does not exist: that file fails, ningbo builds
    err = capsys.readouterr().err
    assert "note: documents.csv is GB18030-encoded (saved by Excel?); read it as such" in err
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert documents["doc_id"].tolist() == ["ningbo_2024"]


def test_a_registry_frame_with_part_0_or_no_source_file_is_refused_by_the_build():
    """A registry given as a DataFrame (not validated) never takes the last document for part 0
    and never drops a row without a file."""
    from wpanalysis.registry import load_registry

    reg = load_registry(SEED_REGISTRY)
    reg.loc[reg["doc_id"] == "ningbo_2024", "part"] = 0
    reg.loc[reg.index[0], "source_file"] = pd.NA
    first = reg.loc[reg.index[0], "doc_id"]
    corpus = build_corpus(reg, SEED_RAW)
    errors = corpus.warnings[corpus.warnings["level"] == "error"]
    assert errors["message"].tolist() == [
        f"documents.csv row 2 (doc_id {first}): source_file is empty, so the row names no file: fill it in or "
        "remove the row",
        "part 0 is not a part number: write the plan's position in its file (1 for the first) in documents.csv"]
    assert "ningbo_2024" not in set(corpus.documents["doc_id"]) and first not in set(corpus.documents["doc_id"])
    assert corpus.failed_files == ["documents.csv (a row without source_file)", VICTIM]


# --- 13. writes: a failed or interrupted build never leaves two generations loadable -------------


def _digests(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_an_output_file_that_cannot_be_replaced_fails_the_build_clearly(tmp_path, capsys):
    import os

    from wpanalysis.build import StaleCorpusError, load_corpus

    out = tmp_path / "out"
    args = ["build", "--registry", str(SEED_REGISTRY), "--raw-dir", str(SEED_RAW), "--out-dir", str(out)]
    assert main(args) == 0
    os.chmod(out / "warnings.csv", 0o444)  # a read-only file is replaced (renamed over), not left stale
    assert main(args) == 0 and load_corpus(out) is not None
    (out / "warnings.parquet").unlink()
    (out / "warnings.parquet").mkdir()  # something no build can replace
    (out / "warnings.parquet" / "keep").write_text("x", encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"wpanalysis build: cannot write the tables to {out} (" in err
    assert "nothing there can be loaded until a build finishes: fix the folder (permissions, space) and build again" \
        in err
    assert (out / "documents.parquet").exists()  # rewritten beside the old warnings …
    with pytest.raises(StaleCorpusError, match="the last build did not finish"):  # … and refused
        load_corpus(out)


def test_sigint_during_the_targets_step_leaves_the_previous_generation(tmp_path, monkeypatch):
    import os
    import signal

    from wpanalysis.build import load_corpus

    out = tmp_path / "out"
    args = ["build", "--registry", str(SEED_REGISTRY), "--raw-dir", str(SEED_RAW), "--out-dir", str(out)]
    assert main(args) == 0
    before = _digests(out)

    def interrupted(items):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the targets are extracted
        raise AssertionError("not reached: SIGINT raises KeyboardInterrupt")

    monkeypatch.setattr(build, "item_targets", interrupted)
    with pytest.raises(KeyboardInterrupt):
        main(args)
    assert _digests(out) == before  # nothing written: the previous build is whole
    assert len(load_corpus(out).targets) > 0


def test_sigint_while_the_tables_are_written_is_refused_on_load(tmp_path, monkeypatch):
    import os
    import signal

    from wpanalysis.build import StaleCorpusError, load_corpus

    out = tmp_path / "out"
    args = ["build", "--registry", str(SEED_REGISTRY), "--raw-dir", str(SEED_RAW), "--out-dir", str(out)]
    assert main(args) == 0
    real = build.write_atomically

    def write(path, how):
        if Path(path).name == "targets.csv":
            os.kill(os.getpid(), signal.SIGINT)
        return real(path, how)

    monkeypatch.setattr(build, "write_atomically", write)
    with pytest.raises(KeyboardInterrupt):
        main(args)
    assert not list(out.glob(".*.tmp"))  # no half-written file left
    with pytest.raises(StaleCorpusError, match="the last build did not finish"):
        load_corpus(out)
