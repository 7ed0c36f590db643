"""The raw data are the seed files byte for byte, and the registry is sound."""

from __future__ import annotations

import hashlib

import pandas as pd

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis.registry import REGISTRY_COLUMNS, load_registry

RAW = SEED_RAW


def test_seed_files_match_checksums():
    lines = (RAW / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    expected = dict(reversed(line.split()) for line in lines if line.strip())
    assert len(expected) == 5
    for name, digest in expected.items():
        assert hashlib.sha256((RAW / name).read_bytes()).hexdigest() == digest, name


def test_registry_has_nine_documents_with_stable_ids():
    reg = load_registry(SEED_REGISTRY)
    assert list(reg.columns[: len(REGISTRY_COLUMNS)]) == REGISTRY_COLUMNS
    assert list(reg["doc_id"]) == [
        "rongcheng_2025", "hebei_city_2024", "shenzhen_2024", "unknown_city_2024",
        "county_a_2024", "county_b_2024", "jishou_2023", "ningbo_2024", "heyuan_2025",
    ]
    assert reg.groupby("source_file")["part"].apply(list).to_dict()[
        "001_f29dea3288537dee.txt"] == [1, 2, 3, 4, 5]


def test_unknown_places_stay_empty():
    reg = load_registry(SEED_REGISTRY).set_index("doc_id")
    for doc_id in ("unknown_city_2024", "county_a_2024", "county_b_2024"):
        assert pd.isna(reg.loc[doc_id, "province"]) and pd.isna(reg.loc[doc_id, "region"])
    assert pd.isna(reg.loc["hebei_city_2024", "city"])  # redacted as XX
    assert reg.loc["jishou_2023", "region"] == "central"


def test_every_evidence_quote_occurs_in_its_source_file():
    reg = load_registry(SEED_REGISTRY)
    n_quotes = 0
    for _, row in reg.iterrows():
        text = (RAW / row["source_file"]).read_text(encoding="utf-8")
        for clause in str(row["evidence"]).split(";"):
            attribute, _, quotes = clause.strip().partition("=")
            assert attribute in REGISTRY_COLUMNS, (row["doc_id"], attribute)
            for quote in quotes.split("|"):
                assert quote in text, (row["doc_id"], attribute, quote)
                n_quotes += 1
    assert n_quotes >= 9 * 3
