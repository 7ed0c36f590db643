"""Bad input through the whole pipeline (build_corpus and the CLI).

Each bad file gives a clear message — an error row naming the file in the warnings
table, or a warning when a file has no structure — and the other documents still
build. A 5 MB single-line file parses in linear time.
"""

from __future__ import annotations

import json
import time

import pandas as pd
import pytest

from wpanalysis.build import REGISTRY_COLUMNS, build_corpus, parse_file
from wpanalysis.cli import main
from wpanalysis.structure import parse_plan

GOOD_PLAN = """\
桐江市教育局2024年工作要点
一、坚持党建引领
1.深入开展理论学习。全年集中学习不少于12次。(责任单位:办公室、组织人事股)
2.落实党组织领导的校长负责制。完善议事规则。
二、推进教育均衡
3.扩大普惠性学前教育资源。新增公办学位1200个。(责任单位:学前教育科)
"""

FULLWIDTH_PLAN = """\
青山县教育局2024年工作要点
一、坚持党建引领，筑牢教育发展根基
（一）加强党的政治建设
1、深入开展理论学习。全年组织集中学习不少于１２次。（责任单位：办公室、组织人事股）
2、落实校长负责制。年内实现全覆盖。（责任单位：组织人事股，各乡镇中心学校）
二、扩充优质资源
（一）办好普惠学前教育
3、新增公办学位１２００个。新建幼儿园２所。（责任单位：计划财务股；学前教育股）
"""

PROSE = """\
2月20日上午，鹤鸣县召开全县教育工作会议，总结去年全县教育工作，部署今年重点任务。
会议指出，过去一年，全县教育系统坚持立德树人根本任务，新建改扩建学校6所，新增学位2100个。
会议强调，今年要重点抓好三方面工作：一是扩大优质教育资源供给，二是提升教育教学质量，三是守牢安全底线。
"""

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 200
MB = 1_000_000


def _long_plan() -> str:
    """A plan of a realistic size (about 6 KB): 4 sections of 5 items with bodies and notes."""
    sections = ["坚持党建引领,筑牢教育发展根基", "推进各类教育协调发展", "建设高素质专业化教师队伍", "守牢安全底线"]
    verbs = ["加强", "推进", "深化", "落实", "完善"]
    objects = ["党建工作", "课后服务", "学前教育", "思政课建设", "校园安全管理"]
    lines = ["桐江市教育局2024年工作要点",
             "2024年,全市教育工作坚持以习近平新时代中国特色社会主义思想为指导,落实立德树人根本任务。"]
    n = 0
    for k, title in enumerate(sections):
        lines.append(f"{'一二三四'[k]}、{title}")
        for v in verbs:
            n += 1
            lines.append(f"{n}.{v}{objects[n % 5]}。完善{objects[k]}工作机制,年内新增公办学位{100 * n}个,"
                         f"全年开展专项督导检查不少于{n}次。(责任单位:基教科、教研中心,各学校)")
    return "\n".join(lines) + "\n"


LONG_PLAN = _long_plan()


def flat_line(n_bytes: int, sep: str = " ", plan: str = LONG_PLAN) -> bytes:
    """``plan`` flattened into one line (line breaks → ``sep``), repeated to ``n_bytes`` UTF-8 bytes.

    With ``sep=" "`` this is a web copy whose line breaks became spaces (the cleaner splits it
    again before structure markers); with ``sep=""`` the breaks are simply gone.
    """
    one = sep.join(plan.splitlines()) + sep
    data = (one * (n_bytes // len(one.encode()) + 1)).encode()[:n_bytes]
    return data.decode("utf-8", "ignore").encode()  # no cut character at the end


FILES = {
    "good.txt": GOOD_PLAN.encode(),
    "empty.txt": b"",
    "scan.txt": PNG,
    "gb.txt": GOOD_PLAN.encode("gb18030"),
    "fullwidth.txt": FULLWIDTH_PLAN.encode(),
    "prose.txt": PROSE.encode(),
    "flat.txt": flat_line(5 * MB),
}
REGISTERED = [*FILES, "missing.txt"]


def registry(names: list[str]) -> pd.DataFrame:
    """A registry as load_registry returns it: one document per file, everything else missing."""
    rows = [{"doc_id": name.removesuffix(".txt"), "source_file": name} for name in names]
    reg = pd.DataFrame(rows).reindex(columns=REGISTRY_COLUMNS).astype(object)
    reg = reg.where(reg.notna(), pd.NA)
    reg["part"] = pd.array([1] * len(names), dtype="Int64")
    return reg


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("raw")
    for name, data in FILES.items():
        (d / name).write_bytes(data)
    return d


@pytest.fixture(scope="module")
def corpus(raw_dir):
    return build_corpus(registry(REGISTERED), raw_dir)


def _messages(corpus, source: str, level: str | None = None) -> list[str]:
    w = corpus.warnings
    rows = w[(w["source_file"] == source) & ((w["level"] == level) if level else True)]
    return list(rows["message"])


# --- build_corpus ------------------------------------------------------------------------


def test_other_documents_still_build(corpus):
    assert sorted(corpus.documents["doc_id"]) == ["flat", "fullwidth", "gb", "good", "prose"]
    assert set(corpus.items["doc_id"]) == {"flat", "fullwidth", "gb", "good"}


@pytest.mark.parametrize("name,problem", [
    ("empty.txt", "empty file (0 bytes)"),
    ("scan.txt", "binary content"),
    ("missing.txt", "cannot open file"),
])
def test_unreadable_file_is_one_error_row_naming_it(corpus, raw_dir, name, problem):
    errors = _messages(corpus, name, "error")
    assert len(errors) == 1
    assert errors[0].startswith(f"{name}: {problem}")  # the path as registered, not where raw/ is
    assert str(raw_dir) not in errors[0]
    assert name.removesuffix(".txt") not in set(corpus.documents["doc_id"])


def test_only_the_unreadable_files_are_errors(corpus):
    errors = corpus.warnings[corpus.warnings["level"] == "error"]
    assert sorted(errors["source_file"]) == ["empty.txt", "missing.txt", "scan.txt"]
    assert errors["doc_id"].isna().all()


def _doc(corpus, doc_id: str) -> pd.Series:
    return corpus.documents.set_index("doc_id").loc[doc_id]


def _items(corpus, doc_id: str) -> pd.DataFrame:
    return corpus.items[corpus.items["doc_id"] == doc_id]


def test_gb18030_file_builds_like_utf8(corpus):
    good, gb = _doc(corpus, "good"), _doc(corpus, "gb")
    assert (good["encoding"], gb["encoding"]) == ("utf-8", "gb18030")
    cols = ["item_number", "section", "title", "text", "responsible_units"]
    gb_items, good_items = (_items(corpus, d)[cols].reset_index(drop=True) for d in ("gb", "good"))
    assert gb_items.equals(good_items)
    assert list(good_items["title"]) == ["深入开展理论学习", "落实党组织领导的校长负责制", "扩大普惠性学前教育资源"]
    assert (gb["n_sections"], gb["n_items"], gb["parsed_year"], gb["check"]) == (2, 3, 2024, "ok")


def test_fullwidth_plan(corpus):
    doc, items = _doc(corpus, "fullwidth"), _items(corpus, "fullwidth")
    assert (doc["n_sections"], doc["n_subsections"], doc["n_items"]) == (2, 2, 3)
    assert list(items["title"]) == ["深入开展理论学习", "落实校长负责制", "新增公办学位1200个"]
    assert list(items["responsible_units"]) == [
        "办公室|组织人事股", "组织人事股|各乡镇中心学校", "计划财务股|学前教育股"]
    assert list(items["section_title"]) == ["坚持党建引领,筑牢教育发展根基"] * 2 + ["扩充优质资源"]
    assert list(items["subsection_title"]) == ["加强党的政治建设"] * 2 + ["办好普惠学前教育"]


def test_no_structure_is_a_warning(corpus):
    doc = _doc(corpus, "prose")
    assert (doc["n_sections"], doc["n_items"]) == (0, 0)
    w = corpus.warnings
    doc_warnings = list(w[(w["doc_id"] == "prose")]["message"])
    assert any("no recognisable structure" in m for m in doc_warnings)
    assert any("could not be placed" in m for m in _messages(corpus, "prose.txt", "warning"))
    assert doc["n_unassigned_chars"] > 0


def test_five_megabyte_line_builds(corpus):
    doc = _doc(corpus, "flat")
    # the title is lost: flattened, it runs into the preamble ("…工作要点2024年,全市…")
    assert (doc["n_sections"], doc["n_items"], doc["first_item"], doc["last_item"]) == (4, 20, 1, 20)
    assert _messages(corpus, "flat.txt", "error") == []
    n_copies = 5 * MB // len((" ".join(LONG_PLAN.splitlines()) + " ").encode())
    found = [m for m in _messages(corpus, "flat.txt") if m.startswith("registry lists 1 documents")]
    assert len(found) == 1 and int(found[0].rsplit(" ", 1)[1]) in (n_copies, n_copies + 1)


def _cpu_seconds(run, arg) -> float:
    start = time.process_time()
    run(arg)
    return time.process_time() - start


def _best_times(run, small, big, limit: float, min_rounds: int, max_rounds: int = 6) -> tuple[float, float]:
    """Best times of ``run(small)`` and ``run(big)``: a guard against quadratic behaviour (100x for
    10x the input), not a benchmark. Robust to load: CPU time leaves out what other processes take,
    the two sizes are timed in turn (a busy spell slows both), and rounds go on past ``min_rounds``
    only while the ratio of the best times is over ``limit`` -- a quadratic parse fails every round."""
    t_small = t_big = float("inf")
    for k in range(max_rounds):
        t_small = min(t_small, _cpu_seconds(run, small))
        t_big = min(t_big, _cpu_seconds(run, big))
        if k + 1 >= min_rounds and t_big / t_small < limit:
            break
    return t_small, t_big


def test_five_megabyte_line_parses_in_linear_time(raw_dir, tmp_path):
    """A guard against catastrophic (quadratic or worse) regexes, not a benchmark."""
    small = tmp_path / "small.txt"
    small.write_bytes(flat_line(MB // 2))
    t_small, t_big = _best_times(parse_file, small, raw_dir / "flat.txt", 25, min_rounds=2)
    assert t_big < 30, f"5 MB took {t_big:.1f} s"
    assert t_big / t_small < 25, f"0.5 MB: {t_small:.2f} s, 5 MB: {t_big:.2f} s"


def test_line_without_spaces_parses_in_linear_time(tmp_path):
    """The same plan as the 5 MB line, its line breaks removed without a trace."""
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_bytes(flat_line(MB // 20, sep=""))
    big.write_bytes(flat_line(MB // 2, sep=""))
    t_small, t_big = _best_times(parse_file, small, big, 25, min_rounds=3)
    assert t_big / t_small < 25, f"50 KB: {t_small:.2f} s, 500 KB: {t_big:.2f} s"


# --- CLI -----------------------------------------------------------------------------------

ITEM_KEYS = {"number", "title", "text", "section", "subsection", "responsible_units", "fields"}


def test_cli_parse_json(raw_dir, capsys):
    path = raw_dir / "fullwidth.txt"
    assert main(["parse", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert err == ""
    assert {"source", "encoding", "documents", "unassigned", "warnings"} <= set(result)
    assert (result["source"], result["encoding"]) == (str(path), "utf-8")
    (doc,) = result["documents"]
    assert {"title", "year", "sections", "subsections", "items"} <= set(doc)
    assert (doc["title"], doc["year"]) == ("青山县教育局2024年工作要点", 2024)
    assert doc["sections"] == [{"number": 1, "title": "坚持党建引领,筑牢教育发展根基"},
                               {"number": 2, "title": "扩充优质资源"}]
    assert doc["subsections"] == [{"section": 1, "number": 1, "title": "加强党的政治建设"},
                                  {"section": 2, "number": 1, "title": "办好普惠学前教育"}]
    assert all(set(item) >= ITEM_KEYS for item in doc["items"])
    assert doc["items"][0] == {
        "number": 1, "title": "深入开展理论学习", "text": "深入开展理论学习。全年组织集中学习不少于12次。",
        "section": 1, "subsection": 1, "responsible_units": ["办公室", "组织人事股"], "fields": {}}
    assert result["unassigned"] == [] and result["warnings"] == []


def test_cli_parse_summary(raw_dir, capsys):
    assert main(["parse", str(raw_dir / "good.txt")]) == 0
    out = capsys.readouterr().out
    assert "document 1: 桐江市教育局2024年工作要点" in out and "3 items" in out


@pytest.mark.parametrize("name,data", [
    ("broken.txt", "一、总体要求\n".encode() + b"\x80\x80"),
    ("empty.txt", b""),
    ("scan.txt", PNG),
])
def test_cli_parse_unreadable_file(tmp_path, capsys, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["parse", str(path), "--json"]) != 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.endswith("\n") and "\n" not in err.rstrip("\n"), "one line"
    assert str(path) in err


def test_cli_parse_missing_file(tmp_path, capsys):
    assert main(["parse", str(tmp_path / "nope.txt"), "--json"]) != 0
    err = capsys.readouterr().err
    assert str(tmp_path / "nope.txt") in err and err.count("\n") == 1


def test_many_small_documents_parse_in_linear_time():
    tiny = "一、加强党建 1.抓好支部建设。 "  # 43 bytes, one document each
    small, big = tiny * 2000, tiny * 20000
    t_small, t_big = _best_times(_parse_all, small, big, 25, min_rounds=3)
    assert t_big / t_small < 25, f"2000 documents: {t_small:.3f} s, 20000: {t_big:.2f} s"


def _parse_all(text: str) -> None:
    plan = parse_plan(text)
    assert len(plan.documents) == text.count("一、")
