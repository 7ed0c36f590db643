"""Sentences of items (wpanalysis.sentences): splitting, offsets into the item and the raw file,
titles of outline-only items, labelled fields."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.seeds import SEED_PROCESSED, SEED_RAW
from wpanalysis.build import load_corpus, parse_file
from wpanalysis.sentences import SENTENCE_COLUMNS, sentence_table, split_sentences


def _cut(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_split_at_every_end_mark_full_and_half_width():
    assert _cut("甲。乙；丙！丁？戊;己!庚?辛") == ["甲。", "乙；", "丙！", "丁？", "戊;", "己!", "庚?", "辛"]


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    assert _cut("开展“读书月”活动。”下一句。）再一句") == ["开展“读书月”活动。”", "下一句。）", "再一句"]


def test_line_ends_split_and_whitespace_is_trimmed_or_dropped():
    assert _cut("  标题 \n\n   \n正文一。 正文二\n") == ["标题", "正文一。", "正文二"]
    assert split_sentences("") == [] and split_sentences("  \n 。") == [(4, 5)]
    assert split_sentences(None) == []  # type: ignore[arg-type]


def _items(**columns) -> pd.DataFrame:
    base = {"doc_id": ["d"], "item_seq": [1], "item_number": [3], "has_body": [True]}
    base.update(columns)
    return pd.DataFrame(base)


def test_a_title_only_item_is_one_sentence_whatever_it_holds():
    items = _items(title=["加强党建。提升质量"], text=["加强党建。提升质量"], has_body=[False])
    t = sentence_table(items)
    assert t[["sentence", "text", "start", "end", "part"]].values.tolist() == [[1, "加强党建。提升质量", 0, 9, "title"]]


def test_offsets_into_the_item_and_the_raw_text():
    # raw: "3." then the title on its own line, then two sentences; the item's raw span starts at 2
    raw = "前言\n3.加强师德建设\n开展全员培训。落实考核\n"
    text = "加强师德建设\n开展全员培训。落实考核"
    start = raw.index("加强")
    items = _items(title=["加强师德建设"], text=[text], raw_start=[start], raw_end=[start + len(text)])
    t = sentence_table(items, {"d": raw})
    assert t.columns.tolist() == SENTENCE_COLUMNS
    assert t["text"].tolist() == ["加强师德建设", "开展全员培训。", "落实考核"]
    assert t[["start", "end"]].values.tolist() == [[0, 6], [7, 14], [14, 18]]
    assert t[["raw_start", "raw_end"]].values.tolist() == [[start, start + 6], [start + 7, start + 14],
                                                             [start + 14, start + 18]]
    assert t["part"].tolist() == ["title", "body", "body"]
    assert t["item_number"].tolist() == [3, 3, 3]


def test_a_sentence_cleaning_changed_has_no_raw_offsets():
    raw = "1.推进 集团化 办学。深化改革。"  # extraction spaces the cleaned item text no longer has
    items = _items(title=["推进集团化办学。"], text=["推进集团化办学。深化改革。"], raw_start=[2], raw_end=[len(raw)])
    t = sentence_table(items, {"d": raw})
    assert t["raw_start"].isna().tolist() == [True, False]
    assert raw[int(t.loc[1, "raw_start"]):int(t.loc[1, "raw_end"])] == "深化改革。"
    assert sentence_table(items)["raw_start"].isna().all()  # no raw text given


def test_labelled_fields_are_recorded():
    text = "提升质量\n标志性项目不够多。\n持续拓展合作。举办论坛。"
    items = _items(title=["提升质量"], text=[text], **{"field_问题描述": ["标志性项目不够多。"],
                                                      "field_目标任务": ["持续拓展合作。举办论坛。"],
                                                      "field_责任处室": ["国交处"]})
    t = sentence_table(items)
    assert t["field"].fillna("").tolist() == ["", "问题描述", "目标任务", "目标任务"]


@pytest.fixture(scope="module")
def seed_sentences():
    corpus = load_corpus(SEED_PROCESSED)
    docs = corpus.documents.set_index("doc_id")
    raws = {d: parse_file(SEED_RAW / docs.loc[d, "source_file"]).clean.raw for d in docs.index}
    return corpus.items, sentence_table(corpus.items, raws), raws


def test_seed_sentences_cut_out_their_text_from_item_and_raw_file(seed_sentences):
    items, sentences, raws = seed_sentences
    text = items.set_index(["doc_id", "item_seq"])["text"]
    assert all(text[(d, s)][a:b] == t for d, s, a, b, t in
               zip(sentences["doc_id"], sentences["item_seq"], sentences["start"], sentences["end"], sentences["text"]))
    located = sentences.dropna(subset=["raw_start"])
    assert all(raws[d][int(a):int(b)] == t for d, a, b, t in
               zip(located["doc_id"], located["raw_start"], located["raw_end"], located["text"]))
    assert len(located) > 0.9 * len(sentences)
    assert (sentences["text"].str.strip() == sentences["text"]).all() and (sentences["text"] != "").all()
    ids = sentences[["doc_id", "item_seq", "sentence"]]
    assert not ids.duplicated().any()
    assert (sentences.groupby(["doc_id", "item_seq"])["sentence"].min() == 1).all()


def test_seed_ningbo_item_16_by_hand(seed_sentences):
    # Ningbo item 16 (提升教育国际化发展水平): own-line title, then 问题描述 (1 sentence), 目标任务 (1),
    # 预期成果 (3) and 工作措施 (8) — 14 sentences; its field labels are not in the item text, so
    # each field's sentences are found in the raw file after their label.
    _, sentences, raws = seed_sentences
    ningbo = sentences[(sentences["doc_id"] == "ningbo_2024") & (sentences["item_number"] == 16)]
    assert len(ningbo) == 14
    assert ningbo["text"].iloc[0] == "提升教育国际化发展水平" and ningbo["part"].iloc[0] == "title"
    assert ningbo["field"].fillna("-").tolist() == ["-", "问题描述", "目标任务", *["预期成果"] * 3, *["工作措施"] * 8]
    raw = raws["ningbo_2024"]
    second = ningbo.iloc[1]
    assert raw[int(second["raw_start"]) - 5:int(second["raw_start"])] == "问题描述:"


def test_seed_outline_only_plans_give_one_sentence_per_item(seed_sentences):
    items, sentences, _ = seed_sentences
    outline = items[~items["has_body"].astype(bool)]
    got = sentences.merge(outline[["doc_id", "item_seq"]], on=["doc_id", "item_seq"])
    assert len(got) == len(outline) and (got["sentence"] == 1).all()
