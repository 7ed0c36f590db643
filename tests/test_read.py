"""Decoding plan files: every supported encoding, and clear errors for what cannot be read."""

from __future__ import annotations

import codecs

import pytest

from wpanalysis.read import ReadError, decode_bytes, read_text

PLAN = (
    "青山县教育局2024年工作要点\n"
    "一、坚持党建引领\n"
    "1.深入开展理论学习。全年集中学习不少于12次。（责任单位：办公室、组织人事股）\n"
    "2.落实党组织领导的校长负责制。\n"
    "二、推进教育均衡\n"
    "3.扩大普惠性学前教育资源。新增公办学位1200个。\n"
)

# (id, bytes on disk, encoding reported)
ENCODED = [
    ("utf-8", PLAN.encode("utf-8"), "utf-8"),
    ("utf-8-bom", codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig"),
    ("utf-16-le-bom", codecs.BOM_UTF16_LE + PLAN.encode("utf-16-le"), "utf-16"),
    ("utf-16-be-bom", codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), "utf-16"),
    ("gb18030", PLAN.encode("gb18030"), "gb18030"),
    ("gbk", PLAN.encode("gbk"), "gb18030"),  # GBK is a subset of GB18030 and reported as such
    pytest.param(
        "utf-16-le-no-bom", PLAN.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom",
    ),
]


@pytest.mark.parametrize("name,data,encoding", ENCODED, ids=[e[0] if isinstance(e, tuple) else None
                                                                for e in ENCODED])
def test_encodings(tmp_path, name, data, encoding):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    raw = read_text(path)
    assert raw.text == PLAN
    assert raw.encoding == encoding
    assert raw.n_bytes == len(data)
    assert raw.path == str(path)


def test_line_endings_kept(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(PLAN.replace("\n", "\r\n").encode("gb18030"))
    assert read_text(path).text == PLAN.replace("\n", "\r\n")


def _read_error(tmp_path, name: str, data: bytes) -> ReadError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_text(path)
    assert str(path) in str(info.value), "the message names the file"
    assert info.value.path == str(path)
    return info.value


@pytest.mark.parametrize("data,offset", [
    (b"\x81\x30", 0),  # a GB18030 four-byte sequence cut short
    (b"1. plan\n\xff\n", 8),  # 0xFF starts no character in UTF-8 or GB18030
    ("一、总体要求\n".encode() + b"\x80\x80", 19),  # 0x80 0x80: invalid in both
])
def test_undecodable_names_file_and_byte_offset(tmp_path, data, offset):
    err = _read_error(tmp_path, "broken.txt", data)
    assert err.offset == offset
    assert f"at byte offset {offset}" in str(err)
    assert "cannot decode as utf-8, gb18030" in str(err)
    assert "\n" not in str(err)


def test_undecodable_gb18030_names_the_bad_byte(tmp_path):
    good = PLAN.encode("gb18030")
    cut = len(PLAN.splitlines(keepends=True)[0].encode("gb18030"))
    assert cut == 27
    err = _read_error(tmp_path, "gb_broken.txt", good[:cut] + b"\xff" + good[cut:])
    assert err.offset == cut


def test_empty_file(tmp_path):
    err = _read_error(tmp_path, "empty.txt", b"")
    assert str(err) == f"{tmp_path / 'empty.txt'}: empty file (0 bytes)"


def test_whitespace_only_file(tmp_path):
    err = _read_error(tmp_path, "blank.txt", b" \r\n\t\n")
    assert "no text: the file holds only whitespace (5 bytes)" in str(err)


def test_binary_file(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    err = _read_error(tmp_path, "scan.txt", png)
    assert "binary content" in str(err) and "not a text file" in str(err)
    assert err.offset == 8


def test_binary_offset_counts_the_bom():
    with pytest.raises(ReadError) as info:
        decode_bytes(codecs.BOM_UTF8 + b"ab\x00cd", "f.txt")
    assert info.value.offset == 5


def test_missing_file(tmp_path):
    path = tmp_path / "missing.txt"
    with pytest.raises(ReadError) as info:
        read_text(path)
    assert str(path) in str(info.value) and "cannot open file" in str(info.value)


def test_directory_is_not_a_file(tmp_path):
    with pytest.raises(ReadError, match="cannot open file"):
        read_text(tmp_path)


def test_decode_bytes_without_a_file():
    assert decode_bytes("责任单位".encode("utf-16")) == ("责任单位", "utf-16")
    with pytest.raises(ReadError, match="^<bytes>: empty file"):
        decode_bytes(b"")
