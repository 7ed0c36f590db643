"""Policy instruments: the codebook, the coder's rules, the `code` command, the validation sample and
its agreement, the instrument × domain framework and its figures."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from tests.seeds import SEED_ANNOTATIONS, SEED_PROCESSED
from wpanalysis import framework
from wpanalysis.build import load_corpus
from wpanalysis.cli import main
from wpanalysis.coding.agreement import category_agreement, krippendorff_alpha, precision_recall, sentence_sample
from wpanalysis.coding.instruments import (
    TYPES,
    code_instruments,
    code_sentence,
    instrument_codebook_markdown,
    load_instrument_codebook,
)
from wpanalysis.coding.validation import (
    consensus_codes,
    instrument_agreement,
    load_coder_codes,
    validation_summary,
)
from wpanalysis.sentences import sentence_table

DOCS = Path(__file__).resolve().parents[1] / "docs" / "codebooks" / "instruments.md"


@pytest.fixture(scope="module")
def book():
    return load_instrument_codebook()


# --------------------------------------------------------------------------- the codebook


def test_codebook_has_the_issue_s_types_and_sub_instruments(book):
    by_type = {t: [i.id for i in book.instruments if i.type == t] for t in TYPES}
    assert by_type == {
        "supply": ["talent", "funding", "infrastructure", "info_tech", "public_services"],
        "environment": ["goals_planning", "regulation", "strategic_measures", "finance_tax", "organisation",
                        "supervision_evaluation"],
        "demand": ["procurement_outsourcing", "pilots_demonstration", "exchange_cooperation", "social_participation"],
    }
    assert [r[0] for r in book.rules] == ["R1", "R2", "R3", "R4", "R5", "R6"]
    assert any("Rothwell" in r for r in book.references)
    assert all(i.terms and i.description for i in book.instruments)


def test_codebook_rejects_a_term_under_two_instruments(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("types:\n"
                    "  - {id: supply, instruments: [{id: a, zh: 甲, en: a, description: x, terms: [培训]}]}\n"
                    "  - {id: environment, instruments: [{id: b, zh: 乙, en: b, description: y, terms: [培训]}]}\n"
                    "  - {id: demand, instruments: []}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="term '培训' is under both 'a' and 'b'"):
        load_instrument_codebook(path)


def test_the_coder_s_document_is_generated_from_the_yaml(book):
    assert DOCS.read_text(encoding="utf-8") == instrument_codebook_markdown(book) + "\n"


# --------------------------------------------------------------------------- the rules

RULE_CASES = [
    ("新建改扩建中小学5所", "infrastructure", "R2: a number inside an action is not a goal"),
    ("义务教育巩固率保持在99%以上", "goals_planning", "R2: a target state with no act"),
    ("全市中小学生艺术素质测评合格以上率达到80%", "goals_planning", "R2 before a term inside the indicator"),
    ("开展思政课教师专题培训", "talent", "R3: training is talent, whatever its subject"),
    ("将校园安全工作纳入年度考核", "supervision_evaluation", "R4: 考核 wins its clause"),
    ("深化课程改革,建设实训基地", "strategic_measures", "R1: the first clause with a term decides"),
    ("深化课堂教学改革,推进智慧校园建设", "strategic_measures", "R1"),
    ("推进智慧课堂建设", "info_tech", "R5: a specific instrument beats strategic measures"),
    ("为提升办学质量,开展校长培训", "talent", "R1: a purpose clause is not the act"),
    ("学习宣传贯彻《家庭教育促进法》", "regulation", "a named law; its title's words are not acts"),
    ("制定《教育对外开放行动计划》", "goals_planning", "制定 a plan; 对外开放 inside the title does not count"),
    ("标志性项目不够多,优质教育资源引进力度有待加强。", "none", "R6: a problem description"),
    ("加强薄弱学校建设", "infrastructure", "薄弱 after an act verb is not a problem description"),
    ("坚持以人民为中心", "none", "R6: a principle"),
    ("推进义务教育优质均衡发展", "strategic_measures", "R6: a direction with a verb is an act"),
    ("购买课后服务", "procurement_outsourcing", "buying a service: 购买 is the earliest term"),
    ("通过政府购买服务引入第三方", "procurement_outsourcing", "政府购买 (longest term) at the start"),
    ("鼓励社会力量参与办学", "social_participation", ""),
    ("深化与港澳的交流合作", "exchange_cooperation", ""),
    ("落实助学贷款工作", "finance_tax", ""),
    ("创建全国科学教育实验区", "pilots_demonstration", ""),
    ("", "none", "empty"),
]


@pytest.mark.parametrize(("text", "expected", "why"), RULE_CASES, ids=[f"{e}:{t[:8]}" for t, e, _ in RULE_CASES])
def test_rules(book, text, expected, why):
    instrument, itype, evidence = code_sentence(text, book)
    assert instrument == expected, why
    assert itype == book.type_of[expected] and evidence


def test_every_row_gets_exactly_one_type_and_the_index_is_kept(book):
    texts = pd.Series(["开展教师培训", None, "坚持立德树人", 42], index=[10, 11, 12, 13])
    coded = code_instruments(texts, book)
    assert coded.index.tolist() == [10, 11, 12, 13]
    assert coded["instrument_type"].tolist() == ["supply", "none", "none", "none"]


def test_every_seed_sentence_gets_one_of_the_four_types(book):
    corpus = load_corpus(SEED_PROCESSED)
    sentences = sentence_table(corpus.items)
    coded = code_instruments(sentences["text"], book)
    assert len(coded) == len(sentences)
    assert set(coded["instrument_type"]) <= {*TYPES, "none"}
    assert coded["evidence"].str.len().gt(0).all()


# --------------------------------------------------------------------------- the command line


def test_cli_codes_any_csv(tmp_path, capsys):
    source = tmp_path / "clauses.csv"
    source.write_text("id,clause\n1,新建改扩建中小学5所\n2,\"开展教师培训,提升能力\"\n3,\n", encoding="utf-8")
    out = tmp_path / "coded.csv"
    assert main(["code", "instruments", "--input", str(source), "--column", "clause", "--output", str(out)]) == 0
    coded = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert coded.columns.tolist() == ["id", "clause", "instrument", "instrument_type", "evidence"]
    assert coded["instrument"].tolist() == ["infrastructure", "talent", "none"]
    capsys.readouterr()
    assert main(["code", "domains", "--input", str(source), "--column", "clause"]) == 0
    printed = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert printed["domain"].tolist() == ["resources", "teachers", "none"]
    assert printed["domains"].tolist()[0] == "resources"  # v2: 中小学 no longer reads as compulsory education


def test_cli_names_the_file_and_the_column(tmp_path, capsys):
    source = tmp_path / "clauses.csv"
    source.write_text("id,text\n1,甲\n", encoding="utf-8")
    assert main(["code", "instruments", "--input", str(source), "--column", "body"]) == 2
    err = capsys.readouterr().err
    assert str(source) in err and "no column 'body'" in err and "'text'" in err
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,text\n1,教育\n".encode("gb18030"))
    assert main(["code", "instruments", "--input", str(latin)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


# --------------------------------------------------------------------------- agreement by hand


def test_category_agreement_and_alpha_by_hand():
    # 4 units: A x x y z, B x y y z → 3 alike. Nominal κ: p_o = .75; A: x .5 y .25 z .25, B: x .25 y .5 z .25
    # p_e = .125 + .125 + .0625 = .3125 → κ = .4375 / .6875 = 0.636364
    # α: 8 values x3 y3 z2; D_o = 2/8 = .25; D_e = (8·7 − (3·2 + 3·2 + 2·1)) / (8·7) = 42/56 = .75 → α = 1 − 1/3
    t = category_agreement(list("xxyz"), list("xyyz"), ["x", "y", "z"]).set_index("category")
    assert t.loc["all", "kappa"] == pytest.approx(0.4375 / 0.6875)
    assert t.loc["all", "alpha"] == pytest.approx(2 / 3)
    assert t.loc["z", "kappa"] == pytest.approx(1.0)
    assert krippendorff_alpha(["a", "b", None], ["a", "b", "b"]) == pytest.approx(1.0)
    assert math.isnan(krippendorff_alpha(["a"] * 3, ["a"] * 3))


def test_precision_recall_by_hand():
    pr = precision_recall(["s", "s", "e", "d"], ["s", "e", "e", "e"], ["s", "e", "d"]).set_index("category")
    assert pr.loc["s", ["precision", "recall"]].tolist() == [1.0, 0.5]
    assert pr.loc["e", ["precision", "recall"]].tolist() == pytest.approx([1 / 3, 1.0])
    assert pr.loc["d", "n_predicted"] == 0 and math.isnan(pr.loc["d", "precision"])


def test_sentence_sample_is_stratified_seeded_and_split():
    s = pd.DataFrame({"doc_id": ["a"] * 10 + ["b"] * 3, "item_seq": list(range(10)) + [0, 1, 2],
                      "item_number": 1, "sentence": 1, "text": "x"})
    one, two = sentence_sample(s, n_per_doc=4), sentence_sample(s, n_per_doc=4)
    assert one.equals(two)
    assert one.groupby("doc_id").size().to_dict() == {"a": 4, "b": 3}
    assert one.groupby(["doc_id", "split"]).size().to_dict() == {("a", "dev"): 2, ("a", "heldout"): 2,
                                                                  ("b", "dev"): 1, ("b", "heldout"): 2}


def test_coder_codes_are_checked(tmp_path, book):
    path = tmp_path / "b.csv"
    path.write_text("id,instrument\ns1,talent\ns1,none\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ids coded twice: s1"):
        load_coder_codes(path, book)
    a = pd.DataFrame({"id": ["s1", "s2"], "instrument": ["talent", "funding"]})
    b = pd.DataFrame({"id": ["s1", "s2"], "instrument": ["talent", "regulation"]})
    with pytest.raises(ValueError, match="s2: the coders disagree"):
        consensus_codes(a, b, {}, book)


# --------------------------------------------------------------------------- the seed validation sample


@pytest.fixture(scope="module")
def validation(book):
    a = load_coder_codes(SEED_ANNOTATIONS / "instruments_coder_a.csv", book)
    b = load_coder_codes(SEED_ANNOTATIONS / "instruments_coder_b.csv", book)
    consensus = pd.read_csv(SEED_ANNOTATIONS / "instruments_consensus.csv", dtype=str, keep_default_na=False)
    return a, b, consensus, instrument_agreement(a[["id", "text", "split"]], a, b, consensus, book)


def test_seed_sample_is_the_documented_draw(validation):
    a, b, consensus, _ = validation
    corpus = load_corpus(SEED_PROCESSED)
    drawn = sentence_sample(sentence_table(corpus.items), n_per_doc=18, seed=0)
    assert a[["id", "doc_id", "text", "split"]].values.tolist() == \
        drawn.sort_values("id")[["id", "doc_id", "text", "split"]].values.tolist()
    assert len(a) == 159 and a["split"].value_counts().to_dict() == {"heldout": 80, "dev": 79}
    assert sorted(b["id"]) == sorted(a["id"]) == sorted(consensus["id"])
    agreed = consensus[consensus["source"] == "agreed"]
    assert (agreed["coder_a"] == agreed["coder_b"]).all() and (agreed["instrument"] == agreed["coder_a"]).all()


def test_seed_agreement_as_reported(validation):
    # the numbers of data/annotations/README.md; a change to the codebook that moves them must be recorded there
    summary = validation_summary(validation[3]).set_index(["comparison", "level", "subset"])
    expected = {
        ("coders", "type", "all"): (0.906, 0.907), ("coders", "sub-instrument", "all"): (0.912, 0.913),
        ("coders", "type", "heldout"): (0.933, 0.933),
        ("package vs consensus", "type", "all"): (0.643, 0.644),
        ("package vs consensus", "type", "dev"): (0.756, 0.757),
        ("package vs consensus", "type", "heldout"): (0.537, 0.540),
        ("package vs consensus", "sub-instrument", "heldout"): (0.624, 0.626),
    }
    for key, (kappa, alpha) in expected.items():
        assert summary.loc[key, ["kappa", "alpha"]].astype(float).round(3).tolist() == [kappa, alpha], key


# --------------------------------------------------------------------------- the framework


def test_instrument_domain_table_by_hand():
    coded = pd.DataFrame({"domain": ["teachers", "teachers", "teachers", "safety"],
                          "instrument_type": ["supply", "supply", "environment", "environment"]})
    t = framework.instrument_domain_table(coded).set_index(["domain", "instrument"])
    assert t.loc[("teachers", "supply"), ["n", "share_of_domain", "share_of_instrument", "share_of_all"]].tolist() \
        == pytest.approx([2, 2 / 3, 1.0, 0.5])
    assert t.loc[("safety", "environment"), "share_of_instrument"] == pytest.approx(0.5)
    assert t.loc[("party", "demand"), "n"] == 0
    assert len(t) == (17 + 1) * 4  # every domain (v2: 17, and none) × 3 types and none


def test_plan_structure_and_group_shares_by_hand():
    coded = pd.DataFrame({"doc_id": ["a", "a", "a", "a", "b", "b", "c"],
                          "instrument_type": ["supply", "supply", "environment", "demand", "environment", "none",
                                              "supply"]})
    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "region": ["east", "east", "east", "west"]})
    s = framework.plan_instrument_structure(coded, docs)
    assert s[s["doc_id"] == "a"]["share"].tolist() == [0.5, 0.25, 0.25, 0.0]
    assert s[s["doc_id"] == "d"]["n_sentences"].unique().tolist() == [0]
    g = framework.group_instrument_shares(s, docs, "region", min_plans=3, n_boot=200)
    east = g[(g["group"] == "east") & (g["instrument"] == "supply")].iloc[0]
    assert east["n_plans"] == 3 and east["mean_share"] == pytest.approx((0.5 + 0.0 + 1.0) / 3)
    assert east["basis"] == "bootstrap over plans" and east["ci_low"] <= east["mean_share"] <= east["ci_high"]
    assert "west" not in set(g["group"])  # its one plan has no sentence
    docs.loc[1, "region"] = None  # a plan whose group is not recorded is in no group
    g = framework.group_instrument_shares(s, docs, "region", min_plans=3, n_boot=200)
    assert set(g["group"]) == {"east"} and g["n_plans"].unique().tolist() == [2]
    assert g["basis"].unique().tolist() == ["descriptive only"]


def test_examples_come_from_different_plans_first():
    coded = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "item_number": [1, 2, 3, 4], "sentence": 1,
                          "text": ["甲", "乙", "丙", "丁"], "evidence": "term x", "instrument": "talent"})
    ex = framework.instrument_examples(coded, n=2)
    assert sorted(ex["doc_id"]) == ["a", "b"]


def test_figures_stay_under_the_cap_with_four_colours_and_n_in_the_title():
    import matplotlib

    matplotlib.use("Agg")
    from wpanalysis.plots import instruments as plots

    plans = [f"p{k:03d}" for k in range(300)]
    structure = pd.DataFrame([(p, t, 1, 4, 0.25) for p in plans for t in [*TYPES, "none"]],
                             columns=["doc_id", "instrument", "n", "n_sentences", "share"])
    fig = plots.plot_plan_structure(structure, max_plans=30, title="结构", language="zh")
    assert max(fig.get_size_inches() * 300) <= 4000 and fig.axes[0].get_title() == "结构（N = 300 份）"
    assert plots.plot_plan_structure(structure, title="Structure").axes[0].get_title() == "Structure (N = 300 plans)"
    small = plots.plot_plan_structure(structure[structure["doc_id"].isin(plans[:5])], title="结构")
    assert len({p.get_facecolor() for p in small.axes[0].patches}) == 4
    coded = pd.DataFrame({"doc_id": ["a", "b"], "domain": ["teachers", "safety"],
                          "instrument_type": ["supply", "environment"], "instrument": ["talent", "regulation"]})
    table = framework.instrument_domain_table(coded, "instrument")
    heat = plots.plot_instrument_domain_heatmap(table, n_plans=2, language="zh")
    assert max(heat.get_size_inches() * 300) <= 4000 and heat.axes[0].get_title() == "N = 2 份 / 2 句"
    heat = plots.plot_instrument_domain_heatmap(table, n_plans=2)
    assert max(heat.get_size_inches() * 300) <= 4000 and heat.axes[0].get_title() == "N = 2 plans / 2 sentences"
    assert plots.plot_instrument_distribution(coded, language="zh").axes[0].get_title() == "N = 2 份 / 2 句"
    assert plots.plot_instrument_distribution(coded).axes[0].get_title() == "N = 2 plans / 2 sentences"


# --------------------------------------------------------------------------- the second codebook


def test_mcdonnell_elmore_is_a_switchable_codebook(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from wpanalysis.coding.instruments import MCDONNELL_ELMORE_PATH
    from wpanalysis.plots import instruments as plots

    me = load_instrument_codebook(MCDONNELL_ELMORE_PATH)
    assert me.types == ("mandates", "inducements", "capacity_building", "system_changing", "hortatory")
    texts = ["严禁有偿补课", "对优秀教师给予表彰奖励", "开展教师全员培训", "推进集团化办学", "营造良好教育氛围",
             "学习贯彻《家庭教育促进法》", "坚持立德树人"]
    coded = code_instruments(texts, me)
    assert coded["instrument_type"].tolist() == ["mandates", "inducements", "capacity_building", "system_changing",
                                                 "hortatory", "mandates", "none"]
    table = framework.instrument_domain_table(coded.assign(domain="teachers"), book=me)
    assert set(table["instrument"]) == {*me.types, "none"}
    structure = framework.plan_instrument_structure(coded.assign(doc_id="a"), book=me)
    fig = plots.plot_plan_structure(structure, book=me)
    assert len({p.get_facecolor() for p in fig.axes[0].patches}) == 6
    source = tmp_path / "t.csv"
    source.write_text("text\n开展教师全员培训\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main(["code", "instruments", "--input", str(source), "--codebook", str(MCDONNELL_ELMORE_PATH),
                 "--output", str(out)]) == 0
    assert pd.read_csv(out)["instrument_type"].tolist() == ["capacity_building"]
