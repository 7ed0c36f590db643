"""Targets, tables: the targets table and its files, one plan file, targets per plan, section and domain."""

from __future__ import annotations

import pandas as pd

from tests.seeds import SEED_RAW
from wpanalysis.build import FILE_TARGET_COLUMNS, targets_of_file
from wpanalysis.targets import TARGET_COLUMNS, targets_table
from wpanalysis.targets.tables import (
    attach_domains,
    most_targets,
    plan_with_most_targets,
    targets_per_document,
    targets_per_domain,
    targets_per_section,
)


def test_targets_table_columns_and_offsets(items, predicted):
    assert list(predicted.columns) == TARGET_COLUMNS
    texts = items.set_index(["doc_id", "item_seq"])["text"]
    for row in predicted.itertuples():
        assert texts[(row.doc_id, row.item_seq)][row.start:row.end] == row.raw
    assert str(predicted["year"].dtype) == "Int64"
    assert predicted["value"].dtype == float
    if "domain" not in items.columns:  # no codebook yet
        assert predicted["domain"].isna().all()
    assert len(predicted) == 287  # 286 annotated + 1 in the outline-only unknown_city_2024 (2次以上)


def test_targets_table_empty_and_domain():
    empty = targets_table(pd.DataFrame({"doc_id": [], "item_seq": [], "item_number": [], "text": []}))
    assert list(empty.columns) == TARGET_COLUMNS and empty.empty
    one = targets_table(pd.DataFrame({"doc_id": ["d"], "item_seq": [1], "item_number": [1], "text": ["新增10所"],
                                      "domain": ["基础教育"]}))
    assert one["domain"].tolist() == ["基础教育"]


def test_the_build_writes_the_targets_table(items, tmp_path):
    from wpanalysis.build import item_targets

    found = item_targets(items.head(10))
    assert list(found.columns) == TARGET_COLUMNS
    assert len(found) == 3  # rongcheng items 14-23
    assert len(item_targets(items)) == 287


def test_targets_of_file_numbers_documents_and_items():
    found = targets_of_file(SEED_RAW / "001_f29dea3288537dee.txt")
    assert list(found.columns) == FILE_TARGET_COLUMNS
    first = found.iloc[0]
    assert (first["document"], first["item_number"], first["indicator"], first["comparator"], first["value"],
            first["unit"], first["raw"]) == (1, 1, "学前三年毛入园率", ">=", 94.5, "%", "94.5%以上")
    assert set(found["document"]) == {1, 2, 3}  # hebei, shenzhen, and one in document 3
    assert set(found["doc_id"]) == {"001_f29dea3288537dee"}


def test_targets_of_file_unregistered_and_empty(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("一、重点任务\n1.扩大学位。新增学位1200个,毛入园率达到92%以上。\n", encoding="utf-8")
    assert targets_of_file(path)[["item_seq", "value", "unit"]].values.tolist() == [[1, 1200.0, "个"], [1, 92.0, "%"]]
    path.write_text("一、重点任务\n1.加强党的建设。\n", encoding="utf-8")
    empty = targets_of_file(path)
    assert empty.empty and list(empty.columns) == FILE_TARGET_COLUMNS


def test_targets_per_document_counts_every_target(seed_targets):
    documents, items, found = seed_targets
    per_doc = targets_per_document(found, items, documents)
    assert per_doc["doc_id"].tolist() == documents["doc_id"].tolist()
    assert per_doc["n_targets"].sum() == len(found)
    busiest = plan_with_most_targets(per_doc)  # the rule the notebook uses, not an id
    assert per_doc.loc[per_doc["doc_id"] == busiest, "n_targets"].item() == per_doc["n_targets"].max()
    per_section = targets_per_section(found, items, busiest)
    assert per_section["n_targets"].sum() == (found["doc_id"] == busiest).sum()


def test_plan_choice_and_compact_table_by_rule():
    per_doc = pd.DataFrame({"doc_id": list("abcd"), "n_targets": [3, 9, 9, 0]})
    assert plan_with_most_targets(per_doc) == "b"  # ties: registry order
    assert plan_with_most_targets(per_doc.iloc[:0]) is None
    assert plan_with_most_targets(per_doc.assign(n_targets=0)) is None
    assert most_targets(per_doc, 4) is per_doc
    assert most_targets(per_doc, 3)["doc_id"].tolist() == ["b", "c", "a"]


def test_tables_of_an_empty_targets_table(seed_targets):
    documents, items, found = seed_targets
    none = found.iloc[:0]
    assert targets_per_document(none, items, documents)["n_targets"].sum() == 0
    per_domain = targets_per_domain(attach_domains(none, items))
    assert per_domain.empty and "n_targets" in per_domain.columns


def test_domains_attach_to_every_target(seed_targets):
    _, items, found = seed_targets
    with_domains = attach_domains(found, items)
    assert len(with_domains) == len(found)
    assert with_domains["domain"].notna().all() and with_domains["domain_zh"].notna().all()
    per_domain = targets_per_domain(with_domains)
    assert per_domain["n_targets"].sum() == len(found)
    assert per_domain["n_targets"].is_monotonic_decreasing


def test_attach_domains_reuses_the_domains_the_build_stored(items):
    from wpanalysis.build import item_targets

    stored = item_targets(items)  # the build's table: every target carries its item's primary domain
    assert stored["domain"].notna().all()
    reused = attach_domains(stored, items)
    coded = attach_domains(stored.drop(columns="domain"), items)
    assert reused["domain"].tolist() == coded["domain"].tolist()
    assert reused["domain_zh"].tolist() == coded["domain_zh"].tolist()
    assert list(reused.columns) == list(coded.columns)
