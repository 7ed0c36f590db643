"""The round trip to qualitative-coding tools (wpanalysis.exchange): REFI-QDA .qdpx read back by an
independent parser (pyrefiqda) and validated against the published schema, and the Excel sheet
exported, filled in by a "coder" (openpyxl), imported and compared with the machine's codes.

Hand-made data first (every position and kappa computed by hand below), then the frozen seed corpus.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree
from openpyxl import load_workbook
from pyrefiqda.refiproject import RefiProject

from tests.seeds import SEED_PROCESSED
from wpanalysis import cli, exchange
from wpanalysis.build import load_corpus

SCHEMA = Path(__file__).parent / "refi_qda" / "Project-mrt2019.xsd"

INSTRUMENTS_YAML = """\
types:
  - id: supply
    zh: 供给型
    en: supply-side
    instruments:
      - {id: talent, zh: 人才培养, en: talent, description: training teachers}
      - {id: funding, zh: 资金投入, en: funding}
      - {id: infrastructure, zh: 基础设施, en: infrastructure}
  - id: environment
    zh: 环境型
    en: environment
    instruments:
      - {id: supervision_evaluation, zh: 督导评价, en: supervision and evaluation}
  - id: demand
    zh: 需求型
    en: demand
    instruments:
      - {id: exchange_cooperation, zh: 交流合作, en: exchange and cooperation}
  - id: none
    zh: 无政策工具
    en: no instrument
"""

DOMAINS_YAML = """\
domains:
  - {id: teachers, zh: 教师队伍, en: Teachers, description: teachers}
  - {id: resources, zh: 资源保障, en: Resources, description: money and buildings}
  - {id: exchange, zh: 交流合作, en: Exchange, description: opening up}
"""

# Two plans; p1 has a section title and an item with a line end; p2 has no title and a CJK Extension B
# character (U+20000, outside the Basic Multilingual Plane) inside its first sentence.
ITEMS = pd.DataFrame({
    "doc_id": ["p1", "p1", "p2"], "item_seq": [1, 2, 1], "item_number": [1, 2, 3],
    "section": [1, 1, None], "section_title": ["加强队伍建设", "加强队伍建设", None],
    "title": ["加强教师培训", "新建学校5所", "推进\U00020000村小学建设"],
    "text": ["加强教师培训。开展校长研修;落实经费\n建立督导制度", "新建学校5所。",
             "推进\U00020000村小学建设。开展交流合作。"],
})
DOCUMENTS = pd.DataFrame({"doc_id": ["p1", "p2"], "title": ["甲市教育局2025年工作要点", None],
                          "province": ["甲省", "乙省"], "year": [2025, 2024]})
CODED = pd.DataFrame([
    ("p1", 1, 1, "加强教师培训。", 0, 7, "supply", "talent", "teachers"),
    ("p1", 1, 2, "开展校长研修;", 7, 14, "supply", "talent", "teachers"),
    ("p1", 1, 3, "落实经费", 14, 18, "supply", "funding", "resources"),
    ("p1", 1, 4, "建立督导制度", 19, 25, "environment", "supervision_evaluation", "teachers|resources"),
    ("p1", 2, 1, "新建学校5所。", 0, 7, "supply", "infrastructure", "resources"),
    ("p2", 1, 1, "推进\U00020000村小学建设。", 0, 9, "supply", "infrastructure", "resources"),
    ("p2", 1, 2, "开展交流合作。", 9, 16, "demand", "exchange_cooperation", "exchange"),
], columns=["doc_id", "item_seq", "sentence", "text", "start", "end", "instrument_type", "instrument", "domain"])


@pytest.fixture(scope="module")
def codes(tmp_path_factory) -> exchange.CodeSystem:
    folder = tmp_path_factory.mktemp("codebooks")
    (folder / "instruments.yaml").write_text(INSTRUMENTS_YAML, encoding="utf-8")
    (folder / "domains.yaml").write_text(DOMAINS_YAML, encoding="utf-8")
    return exchange.load_code_system({"domains": folder / "domains.yaml", "instruments": folder / "instruments.yaml"})


def read_back(path: Path, extract: Path) -> tuple[dict[str, str], list[tuple], dict[str, tuple[str, str, str]]]:
    """Read a .qdpx with pyrefiqda: {source name: text}, [(source, selection name, start, end, code guids)],
    {code guid: (root name, code id, parent id)}."""
    project = RefiProject.load(path, extract_dir=str(extract))
    codes: dict[str, tuple[str, str, str]] = {}

    def walk(code, root: str, parent: str) -> None:
        cid = code.name.rsplit("(", 1)[1].rstrip(")") if root else ""
        codes[code.guid] = (root or code.name, cid, parent)
        for child in code.code:
            walk(child, root or code.name, cid)

    for top in project.code_book.codes.code:
        walk(top, "", "")
    texts, selections = {}, []
    for source in project.sources.text_source:
        file = RefiProject.resolve_source_path(source.plain_text_path, extract)
        texts[source.name] = file.read_bytes().decode("utf-8")
        for sel in source.plain_text_selection:
            selections.append((source.name, sel.name, sel.start_position, sel.end_position,
                               {c.code_ref.target_guid for c in sel.coding}))
    return texts, selections, codes


def utf16_slice(text: str, start: int, end: int) -> str:
    """What NVivo shows for positions counted in UTF-16 code units."""
    return text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le")


def check_round_trip(path: Path, coded: pd.DataFrame, extract: Path) -> int:
    """Every selection cuts out exactly its sentence; every sentence's codes come back under the right
    root and parent; returns the number of selections checked."""
    texts, selections, codes = read_back(path, extract)
    assert set(texts) == set(coded["doc_id"].astype(str))
    by_id = coded.assign(key=coded["doc_id"].astype(str) + ":" + coded["item_seq"].astype(int).astype(str) + ":"
                         + coded["sentence"].astype(int).astype(str)).set_index("key")
    assert len(selections) == len(by_id)
    roots = {"instruments": "政策工具 (Policy instruments)", "domains": "政策领域 (Policy domains)"}
    for source, name, start, end, guids in selections:
        row = by_id.loc[name]
        assert source == row["doc_id"]
        assert utf16_slice(texts[source], start, end) == row["text"], name
        got = {(codes[g][0], codes[g][1]) for g in guids}
        want = {(roots[exchange.CODE_COLUMNS[c][0]], code) for c in ("instrument_type", "instrument", "domain")
                for code in str(row[c]).split("|")}
        assert got == want, name
        for g in guids:
            root, cid, parent = codes[g]
            if root == roots["instruments"] and cid == row["instrument"] and cid != row["instrument_type"]:
                assert parent == row["instrument_type"]  # the type is the sub-instrument's parent code
    return len(selections)


def validate(path: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    with zipfile.ZipFile(path) as archive:
        project = etree.fromstring(archive.read("project.qde"))
    assert schema.validate(project), schema.error_log


# ---------------------------------------------------------------------------------------------- hand-made


def test_code_system_reads_the_tree(codes):
    assert codes.allowed("instrument_type") == ["supply", "environment", "demand", "none"]
    assert codes.allowed("human_instrument") == ["talent", "funding", "infrastructure", "supervision_evaluation",
                                                 "exchange_cooperation", "none"]
    assert codes.allowed("human_domain") == ["teachers", "resources", "exchange", "none"]  # none added
    assert codes.parent("instruments", "funding") == "supply"


def test_plan_sources_by_hand():
    texts, where = exchange.plan_sources(CODED, DOCUMENTS, ITEMS)
    assert texts["p1"] == ("甲市教育局2025年工作要点\n\n加强队伍建设\n"
                           "1. 加强教师培训。开展校长研修;落实经费\n建立督导制度\n"
                           "2. 新建学校5所。\n")
    assert texts["p2"] == "p2\n\n3. 推进\U00020000村小学建设。开展交流合作。\n"
    # 16 characters of title lines + 7 of the section line + "1. " → the item starts at 26; 落实经费 at 14–18
    assert where.iloc[2][["source_start", "source_end"]].tolist() == [40, 44]
    for (doc, text), (s, e) in zip(zip(CODED["doc_id"], CODED["text"]), where[["source_start", "source_end"]].values):
        assert texts[doc][s:e] == text


def test_qdpx_positions_schema_and_codes(codes, tmp_path):
    path = tmp_path / "hand.qdpx"
    report = exchange.export_qdpx(CODED, DOCUMENTS, codes, path, items=ITEMS)
    assert (report.n_sources, report.n_selections, report.n_codings, report.n_uncoded, report.n_wide_sources) \
        == (2, 7, 22, 0, 1)  # 7 × (type + instrument + domain) + 1 second domain
    validate(path)
    assert check_round_trip(path, CODED, tmp_path / "x") == 7
    _, selections, _ = read_back(path, tmp_path / "y")
    positions = {name: (s, e) for _, name, s, e, _ in selections}
    # p2: "p2\n\n3. " puts the item at 7; U+20000 (at 9) counts as two UTF-16 code units, as in NVivo
    assert positions["p2:1:1"] == (7, 17) and positions["p2:1:2"] == (17, 24)
    assert positions["p1:1:3"] == (40, 44)


def test_qdpx_is_reproducible_and_has_cases(codes, tmp_path):
    a, b = tmp_path / "a.qdpx", tmp_path / "b.qdpx"
    exchange.export_qdpx(CODED, DOCUMENTS, codes, a, items=ITEMS)
    exchange.export_qdpx(CODED.iloc[::-1].iloc[::-1], DOCUMENTS, codes, b, items=ITEMS)
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        assert za.read("project.qde") == zb.read("project.qde")
        assert sorted(za.namelist()) == sorted(zb.namelist())
    project = RefiProject.load(a, extract_dir=str(tmp_path / "x"))
    assert [c.name for c in project.cases.case] == ["p1", "p2"]
    assert [v.name for v in project.variables.variable] == ["province", "year"]
    assert project.cases.case[0].variable_value[1].integer_value == 2025


def test_qdpx_without_items_rebuilds_items_from_sentences(codes, tmp_path):
    path = tmp_path / "sentences_only.qdpx"
    coded = CODED.drop(columns=["start", "end"])
    exchange.export_qdpx(coded, None, codes, path)
    validate(path)
    assert check_round_trip(path, coded, tmp_path / "x") == 7
    texts, _ = exchange.plan_sources(coded)
    # a sentence without an end mark (落实经费) ends its line; the others run on
    assert texts["p1"] == "p1\n\n1. 加强教师培训。开展校长研修;落实经费\n建立督导制度\n2. 新建学校5所。\n"


def test_qdpx_refuses_bad_input(codes, tmp_path):
    with pytest.raises(ValueError, match="not in the instruments codebook: talnt"):
        exchange.export_qdpx(CODED.assign(instrument="talnt"), None, codes, tmp_path / "a.qdpx")
    with pytest.raises(ValueError, match=r"p1:1:1 is not items.text\[start:end\]"):
        exchange.export_qdpx(CODED.assign(start=CODED["start"] + 1), None, codes, tmp_path / "a.qdpx", items=ITEMS)
    assert not (tmp_path / "a.qdpx").exists()


HUMAN_INSTRUMENT = ["talent", "funding", "funding", "supervision_evaluation", "infrastructure", None, "none"]
HUMAN_DOMAIN = ["teachers", "teachers", "exchange", "resources", None, None, None]


def fill(path: Path, instrument: list, domain: list) -> None:
    """A coder fills in the hand columns (rows 2… in sheet order)."""
    book = load_workbook(path)
    sheet = book["sentences"]
    header = [c.value for c in sheet[1]]
    for k, (a, b) in enumerate(zip(instrument, domain), start=2):
        sheet.cell(row=k, column=header.index("human_instrument") + 1, value=a)
        sheet.cell(row=k, column=header.index("human_domain") + 1, value=b)
    book.save(path)


def test_xlsx_layout(codes, tmp_path):
    path = exchange.export_xlsx(CODED, codes, tmp_path / "code.xlsx", documents=DOCUMENTS, items=ITEMS)
    book = load_workbook(path)
    sheet = book["sentences"]
    header = [c.value for c in sheet[1]]
    assert header == ["doc_id", "item_seq", "item_number", "sentence", "plan", "item", "text", "instrument_type",
                      "instrument", "domain", "human_instrument", "human_domain", "notes"]
    assert [c.value for c in sheet[2]][:7] == ["p1", 1, 1, 1, "甲市教育局2025年工作要点", "加强教师培训",
                                               "加强教师培训。"]
    assert sheet[7][4].value == "乙省 2024"  # a plan without a title is named by place and year
    assert sheet.freeze_panes == "A2" and sheet.max_row == 8
    assert sheet.column_dimensions["G"].width >= 16  # the text column is wide enough to read
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"K2:K8": "=lists!$A$2:$A$7", "L2:L8": "=lists!$B$2:$B$5"}
    assert [r[0].value for r in book["lists"]["A2:A7"]] == codes.allowed("human_instrument")
    assert book["lists"].sheet_state == "hidden"


def test_xlsx_round_trip_and_kappa_by_hand(codes, tmp_path):
    path = exchange.export_xlsx(CODED, codes, tmp_path / "code.xlsx", documents=DOCUMENTS, items=ITEMS)
    fill(path, HUMAN_INSTRUMENT, HUMAN_DOMAIN)
    human = exchange.import_xlsx(path, codes)
    assert len(human) == 7 and human["row"].tolist() == list(range(2, 9))
    assert human["human_instrument"].tolist() == [v or "" for v in HUMAN_INSTRUMENT]
    assert exchange.coding_counts(human).values.tolist() == [["human_instrument", 7, 6, 1],
                                                             ["human_domain", 7, 4, 3]]
    table = exchange.agreement_table(human, codes).set_index("human")
    # instrument, 6 coded rows: 4 alike (p_o = 4/6); human talent 1, funding 2, supervision 1,
    # infrastructure 1, none 1; machine talent 2, funding 1, supervision 1, infrastructure 1, exchange 1:
    # p_e = (1·2 + 2·1 + 1·1 + 1·1)/36 = 1/6, κ = (4/6 − 1/6)/(5/6) = 0.6
    assert table.loc["human_instrument", "n"] == 6
    assert table.loc["human_instrument", "kappa"] == pytest.approx(0.6)
    # type: 5 of 6 alike; human supply 4, environment 1, none 1; machine supply 4, environment 1, demand 1:
    # p_e = (16 + 1)/36, κ = (30/36 − 17/36)/(19/36) = 13/19
    assert table.loc["human_instrument (type)", "kappa"] == pytest.approx(13 / 19)
    # domain (machine primary = first of teachers|resources), 4 coded: 2 alike; human teachers 2, exchange 1,
    # resources 1; machine teachers 3, resources 1: p_e = (2·3 + 1·1)/16 = 7/16, κ = (8/16 − 7/16)/(9/16) = 1/9
    assert table.loc["human_domain", "kappa"] == pytest.approx(1 / 9)
    assert table.loc["human_domain", "agreement"] == pytest.approx(0.5)
    again = exchange.human_coded(human, codes)  # the analyses can run on the hand codes
    assert again["instrument_type"].tolist() == ["supply", "supply", "supply", "environment", "supply", "", "none"]
    stored = exchange.store_human_codes(human, tmp_path / "annotations", path.stem)
    back = pd.read_csv(stored, encoding="utf-8", keep_default_na=False)
    assert stored.name == "coding_code.csv" and back["human_domain"].tolist() == [v or "" for v in HUMAN_DOMAIN]


def test_xlsx_bad_codes_name_the_rows(codes, tmp_path):
    path = exchange.export_xlsx(CODED, codes, tmp_path / "code.xlsx")
    instrument = list(HUMAN_INSTRUMENT)
    domain = list(HUMAN_DOMAIN)
    instrument[2], domain[4], domain[5] = "talnt", "schools", "资源保障"
    fill(path, instrument, domain)
    with pytest.raises(exchange.CodeError) as err:
        exchange.import_xlsx(path, codes)
    message = str(err.value)
    assert "code.xlsx" in message and "3 code(s) not in the codebook" in message
    assert "row 4: human_instrument 'talnt'" in message and "row 6: human_domain 'schools'" in message
    assert "row 7: human_domain '资源保障' (the code of '资源保障' is 'resources')" in message


def test_xlsx_rows_without_an_id_are_an_error(codes, tmp_path):
    path = exchange.export_xlsx(CODED, codes, tmp_path / "code.xlsx")
    book = load_workbook(path)
    book["sentences"].cell(row=3, column=1).value = None  # a coder cleared a doc_id
    book.save(path)
    with pytest.raises(ValueError, match=r"row\(s\) \[3\] lack a sentence id"):
        exchange.import_xlsx(path, codes)


# ---------------------------------------------------------------------------------------------- seed corpus


@pytest.fixture(scope="module")
def seed_coded():
    corpus = load_corpus(SEED_PROCESSED)
    return corpus, exchange.coded_sentences(corpus.items)


def test_seed_qdpx_round_trip(seed_coded, tmp_path):
    corpus, coded = seed_coded
    codes = exchange.load_code_system()
    path = tmp_path / "seeds.qdpx"
    report = exchange.export_qdpx(coded, corpus.documents, codes, path, items=corpus.items)
    assert report.n_sources == corpus.documents["doc_id"].nunique() == 9
    assert report.n_selections == len(coded) and report.n_uncoded == 0
    validate(path)
    assert check_round_trip(path, coded, tmp_path / "x") == len(coded)


@pytest.fixture(scope="module")
def seed_xlsx(tmp_path_factory) -> Path:
    """The seed corpus exported to Excel by the CLI (once; tests fill in copies)."""
    out = tmp_path_factory.mktemp("seed_xlsx") / "seeds.xlsx"
    assert cli.main(["export-coding", "--format", "xlsx", str(out), "--processed-dir", str(SEED_PROCESSED)]) == 0
    return out


def test_seed_xlsx_round_trip_through_the_cli(seed_coded, seed_xlsx, tmp_path, capsys):
    _, coded = seed_coded
    out = tmp_path / "coder_b.xlsx"
    shutil.copy(seed_xlsx, out)
    # the coder agrees with the machine on every sentence but codes only every other one
    machine = coded["instrument"].tolist()
    fill(out, [m if k % 2 == 0 else None for k, m in enumerate(machine)], [None] * len(machine))
    capsys.readouterr()
    assert cli.main(["import-coding", str(out), "--annotations-dir", str(tmp_path / "annotations")]) == 0
    printed = capsys.readouterr().out
    n_coded = (len(machine) + 1) // 2
    assert f"human_instrument: {n_coded} of {len(machine)} sentences coded, {len(machine) - n_coded} blank" in printed
    stored = pd.read_csv(tmp_path / "annotations" / "coding_coder_b.csv", encoding="utf-8", keep_default_na=False)
    assert len(stored) == len(coded)
    assert stored[["doc_id", "item_seq", "sentence"]].values.tolist() == \
        coded[["doc_id", "item_seq", "sentence"]].astype(object).values.tolist()
    table = exchange.agreement_table(stored, exchange.load_code_system()).set_index("human")
    assert table.loc["human_instrument", "n"] == n_coded
    assert table.loc["human_instrument", "kappa"] == pytest.approx(1.0)


def test_cli_import_reports_a_bad_code(seed_xlsx, tmp_path, capsys):
    out = tmp_path / "bad.xlsx"
    shutil.copy(seed_xlsx, out)
    fill(out, [None, None, "funds"], [None, None, None])
    assert cli.main(["import-coding", str(out), "--annotations-dir", str(tmp_path / "annotations")]) == 2
    assert "row 4: human_instrument 'funds'" in capsys.readouterr().err
    assert not (tmp_path / "annotations").exists()
