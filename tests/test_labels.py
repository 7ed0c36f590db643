"""The bilingual label table (wpanalysis/resources/labels.yaml) and wpanalysis.labels."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pandas as pd
import pytest
from seeds import SEED_PROCESSED, SEED_REGISTRY

from wpanalysis import align, config, inference, labels, lexicon, overview, registry, units
from wpanalysis.build import load_corpus
from wpanalysis.coding import load_codebook
from wpanalysis.coding.instruments import load_instrument_codebook
from wpanalysis.labels import LabelError, foreign_words

TABLE = labels.load_labels()
FIELD = re.compile(r"\{[^{}]*\}")


def _entries():
    for section, vocabularies in (("groups", TABLE.groups), ("values", TABLE.values)):
        for vocabulary, entries in vocabularies.items():
            for key, entry in entries.items():
                yield f"{section}.{vocabulary}.{key}", entry
    yield from ((f"columns.{k}", e) for k, e in TABLE.columns.items())
    yield from ((f"figure.{k}", e) for k, e in TABLE.figure.items())


# --------------------------------------------------------------------------- the table


def test_the_issues_group_names():
    """The group names issue 21 lists, exactly."""
    zh = {c: [labels.group_label(c, v, "zh") for v in registry.GROUP_ORDER[c]] for c in registry.GROUP_ORDER}
    assert zh["region"] == ["东部", "中部", "西部", "东北"]
    assert zh["admin_level"] == ["省级", "地级市", "县级市", "县", "区"]
    assert zh["completeness"] == ["全文", "部分", "仅提纲"]
    assert [labels.group_label("completeness", v, "en") for v in registry.GROUP_ORDER["completeness"]] == [
        "full text", "partial", "outline only"]


def test_every_controlled_registry_value_has_both_languages():
    for column, values in (("region", registry.REGIONS), ("admin_level", registry.ADMIN_LEVELS),
                           ("completeness", registry.COMPLETENESS)):
        for value in [*values, registry.UNKNOWN]:
            assert labels.group_label(column, value, "en") and labels.group_label(column, value, "zh")


def test_every_grouping_column_of_the_seed_corpus_is_labelled():
    """Each value registry.group_values and inference.remit give on the seeds has a label; years pass through."""
    documents = load_corpus(SEED_PROCESSED).documents
    for column in registry.GROUP_COLUMNS:
        for value in registry.group_values(documents, column).unique():
            zh = labels.group_label(column, value, "zh")
            assert zh == value if column == "year" else zh != value or value in ("", "区", "县")
    remits = inference.remit(documents).unique()
    assert {labels.group_label("remit", v, "zh") for v in remits} <= {"教育", "教育和体育", "未记录"}
    assert labels.group_label("remit", "education and sports", "zh") == "教育和体育"


def test_every_remit_value_inference_can_give():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "issuer": ["吉首市教育和体育局", "宁波市教育局", None]})
    assert [labels.group_label("remit", v, "en") for v in inference.remit(docs)] == [
        "education and sports", "education", "unknown"]


def test_other_vocabularies_cover_the_package_codes():
    assert set(TABLE.values["alignment"]) == set(align.LABELS)
    assert set(TABLE.values["unit_kind"]) == set(units.KINDS)
    assert set(TABLE.values["stop_layer"]) == set(lexicon.STOPWORD_LAYERS)
    assert labels.label("alignment", "dropped", "zh") == "未延续"
    assert labels.label("comparator", ">=", "zh") == "不低于、以上"


def test_registry_and_overview_columns_are_labelled():
    documents = load_corpus(SEED_PROCESSED).documents
    shown = [*registry.REGISTRY_COLUMNS, *overview.registry_table(documents).columns]
    assert labels.column_labels(shown, "zh")["admin_level"] == "行政层级"
    assert labels.column_labels(shown, "en")["n_items"] == "items"
    assert len(labels.column_labels(shown, "zh")) == len(set(shown))


def test_codebook_names_are_read_from_the_codebooks_not_copied():
    domains, instruments = load_codebook(), load_instrument_codebook()
    first = domains.ids[0]
    assert labels.label("domain", first, "zh") == domains.names("zh")[first]
    assert labels.label("domain", first, "en") == domains.names("en")[first]
    assert labels.label("instrument", "supply", "zh") == "供给型" == instruments.names("zh")["supply"]
    assert labels.label("domain", "none", "zh") == "未归类"
    assert not set(domains.ids) & set(TABLE.columns)  # no domain name duplicated as a column entry


def test_every_entry_is_in_its_own_language():
    """English labels hold no Chinese and Chinese labels no English words (fields, codes and names aside)."""
    wrong = []
    for where, entry in _entries():
        for language in labels.LANGUAGES:
            found = foreign_words(FIELD.sub(" ", entry[language]), language)
            if found:
                wrong.append(f"{where}.{language}: {found}")
    assert not wrong


def test_figure_templates_have_the_same_fields_in_both_languages():
    def fields(text):
        return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)

    differ = [k for k, e in TABLE.figure.items() if fields(e["en"]) != fields(e["zh"])]
    assert not differ
    assert labels.figure_text("corpus.sizes_title", "zh", n=1200) == "各份工作要点的篇幅（N = 1,200 份）"
    assert labels.figure_text("network.title", "en", how="pooled", plans=7, n_plans=9) == (
        "Co-responsibility network of units (pooled; plans listing units N = 7, of 9)")


# --------------------------------------------------------------------------- errors


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "labels.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = ("groups: {region: {east: {en: east, zh: 东部}}}\npass_through: [year]\nvalues: {}\ncodebooks: {}\n"
           "figure: {}\nproper_names: []\n")


def test_an_entry_without_a_language_is_refused_naming_key_and_file(tmp_path):
    path = _write(tmp_path, MINIMAL + "columns: {n_items: {en: items}, n_chars: {en: characters, zh: ''}}\n")
    with pytest.raises(LabelError) as err:
        labels.load_labels(path)
    message = str(err.value)
    assert message.startswith("labels.yaml: 2 problem(s)") and str(path) in message
    assert "columns.n_items lacks zh" in message and "columns.n_chars.zh is empty" in message


def test_missing_labels_name_the_key_and_the_fix(tmp_path):
    path = _write(tmp_path, MINIMAL + "columns: {n_items: {en: items, zh: 条目数}}\n")
    with pytest.raises(LabelError, match=r"no label for groups\.region\.west .*add it under groups: region:"):
        labels.group_label("region", "west", "zh", path=path)
    with pytest.raises(LabelError, match=r"no label for columns\.n_chars .*add `n_chars: \{en: …, zh: …\}`"):
        labels.column_label("n_chars", "zh", path=path)
    with pytest.raises(LabelError, match="the grouping column 'issuer'.*pass_through"):
        labels.group_label("issuer", "宁波市教育局", "zh", path=path)
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh', got 'fr'"):
        labels.column_label("n_items", "fr", path=path)
    assert labels.group_label("year", "2024", "zh", path=path) == "2024"


def test_a_figure_field_left_out_is_named():
    with pytest.raises(LabelError, match="figure.corpus.sizes_title needs the field 'n'"):
        labels.figure_text("corpus.sizes_title", "zh")


# --------------------------------------------------------------------------- foreign words


@pytest.mark.parametrize(("text", "found"), [
    ("主题数 k 的选择：NPMI 与 UMass 一致性（越高越好）", []),
    ("条目数（N = 9 份），TF-IDF、G²、Bonferroni 校正后显著，Cohen's κ", []),
    ("图保存在 `figures/` 中（300 dpi 的 PNG 和 PDF），`doc_id` 为 ningbo_2024", []),
    ("见 https://example.org/plans 与 documents.csv", ["documents.csv"]),
    ("各部分的条目数 by section", ["by", "section"]),
    ("Outline-only 要点", ["Outline-only"]),
])
def test_foreign_words_in_chinese(text, found):
    assert foreign_words(text, "zh") == found


@pytest.mark.parametrize(("text", "allow", "found"), [
    ("Items per plan in the work plans (工作要点)", [], []),
    ("the term “课后服务” and 《中国教育现代化2035》 and 「双减」", [], []),
    ("Plans of 宁波 and 深圳; section 三 of 宁波", ["宁波 2024", "三"], ["深圳"]),
    ("*语料概览：来源与篇幅*", [], ["语料概览", "来源与篇幅"]),
    ("the `field_工作措施` column", [], []),
    ("a (工作要点, 2024) gloss", [], ["工作要点"]),
    ("the plans for 二〇二四年 and 各地", [], ["二〇二四年", "各地"]),
])
def test_foreign_words_in_english(text, allow, found):
    assert foreign_words(text, "en", allow=allow) == found


def test_corpus_words_allow_the_seed_places_and_labels():
    documents = registry.load_registry(SEED_REGISTRY)
    allow = labels.corpus_words(documents)
    sentence = "The largest plan is " + " and ".join(registry.doc_labels(documents)) + ", section 二."
    assert foreign_words(sentence, "en") and foreign_words(sentence, "en", allow=allow) == []


def test_figure_strings_read_a_real_figure(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar([labels.group_label("region", v, "en") for v in ("east", "west")], [3, 2], label="plans")
    ax.set_title(labels.figure_text("corpus.sizes_title", "en", n=5))
    ax.set_xlabel(labels.column_label("region", "en"))
    ax.legend(title=labels.figure_text("corpus.completeness_legend", "en"))
    fig.canvas.draw()
    texts = labels.figure_strings(fig)
    plt.close(fig)
    assert {"Length of each work plan (N = 5 plans)", "region", "east", "west", "plans", "completeness"} <= set(texts)
    assert all(foreign_words(t, "en") == [] for t in texts)


def test_the_resource_lives_with_the_others():
    assert labels.LABELS_PATH == config.RESOURCES_DIR / "labels.yaml"
    assert TABLE.path.read_text(encoding="utf-8").startswith("# labels.yaml — the bilingual label table")


def test_a_key_defined_twice_is_refused_naming_both_lines(tmp_path):
    """YAML keeps the last of two equal keys silently; seven editors append to this table."""
    text = labels.LABELS_PATH.read_text(encoding="utf-8")
    assert labels.duplicate_keys(text) == []
    twice = text.replace("columns:\n", "columns:\n  n_items: {en: \"items\", zh: \"条目\"}\n", 1)
    (tmp_path / "labels.yaml").write_text(twice, encoding="utf-8")
    first = twice.splitlines().index("  n_items: {en: \"items\", zh: \"条目\"}") + 1
    later = next(i for i, line in enumerate(twice.splitlines(), 1) if line.startswith("  n_items:") and i != first)
    with pytest.raises(labels.LabelError, match=f"line {later}: columns.n_items is defined twice "
                                                f"\\(first on line {first}\\); keep one"):
        labels.load_labels(tmp_path / "labels.yaml")


# --------------------------------------------------------------------------- one header, one code


def test_no_two_columns_share_a_chinese_header_unless_they_mean_the_same():
    """Every zh header two codes share is allowed by same_meaning, and every group there is in use."""
    by_header: dict[str, set[str]] = {}
    for code, entry in TABLE.columns.items():
        by_header.setdefault(entry["zh"], set()).add(code)
    shared = {frozenset(codes) for codes in by_header.values() if len(codes) > 1}
    assert shared == set(TABLE.same_meaning)
    assert {frozenset({"n_plans", "n_docs"}), frozenset({"plan", "topics.document"})} <= set(TABLE.same_meaning)


@pytest.mark.parametrize(("a", "b"), [("evidence", "basis"), ("remit", "function"), ("plans", "plan"),
                                      ("docs_target", "n_plans_target"), ("docs_reference", "n_plans_reference"),
                                      ("kind", "category"), ("encoding", "instrument_code"), ("n_files", "documents"),
                                      ("note", "description"), ("term", "terms"), ("n_codebook", "codebook"),
                                      ("item_number", "item_numbers")])
def test_different_concepts_have_different_chinese_headers(a, b):
    assert labels.column_label(a, "zh") != labels.column_label(b, "zh")


def test_a_plan_is_yaodian_in_every_column_header():
    """The statements and the prose call a plan 要点; no column header calls it 计划."""
    assert labels.column_label("doc_id", "zh") == "要点编号"
    assert [code for code, entry in TABLE.columns.items() if "计划" in entry["zh"]] == []


def test_a_shared_header_outside_same_meaning_is_a_problem(tmp_path):
    columns = "columns: {evidence: {en: evidence, zh: 依据}, basis: {en: basis, zh: 依据}}\n"
    path = _write(tmp_path, MINIMAL + columns)
    with pytest.raises(LabelError, match="columns evidence, basis share the zh label '依据'.*same_meaning"):
        labels.load_labels(path)
    assert labels.load_labels(_write(tmp_path, MINIMAL + columns + "same_meaning: [[evidence, basis]]\n"))


@pytest.mark.parametrize(("same_meaning", "problem"), [
    ("[[n_plans]]", "names fewer than two codes"),
    ("[[n_plans, n_nothing]]", "no columns.n_nothing"),
    ("[[n_plans, n_items]]", "their zh labels differ"),
    ("{n_plans: n_docs}", "not a list of lists"),
])
def test_a_malformed_or_stale_same_meaning_is_a_problem(tmp_path, same_meaning, problem):
    columns = ("columns: {n_plans: {en: plans, zh: 要点份数}, n_docs: {en: plans, zh: 要点份数}, "
               "n_items: {en: items, zh: 条目数}}\n")
    path = _write(tmp_path, MINIMAL + columns + f"same_meaning: {same_meaning}\n")
    with pytest.raises(LabelError, match=problem):
        labels.load_labels(path)


def test_localised_refuses_two_synonyms_in_one_table():
    """n_plans and n_docs are both 要点份数: one table showing both would have two equal headers."""
    table = pd.DataFrame({"group": ["east"], "n_plans": [2], "n_docs": [2]})
    with pytest.raises(ValueError, match="columns n_plans and n_docs would both be shown as '要点份数'"):
        labels.localised(table, "zh")
    assert labels.localised(table, "en") is table
    assert labels.localised(table.drop(columns="n_docs"), "zh").columns.tolist() == ["组", "要点份数"]
    indexed = pd.DataFrame({"n_docs": [2]}, index=pd.Index(["east"], name="n_plans"))
    with pytest.raises(ValueError, match="n_plans and n_docs"):
        labels.localised(indexed.reset_index(), "zh")
    for a, b in (("evidence", "basis"), ("plans", "plan"), ("docs_target", "n_plans_target")):
        shown = labels.localised(pd.DataFrame({a: [1], b: [2]}), "zh")
        assert shown.columns.is_unique, (a, b)
