"""Segmentation: lexicon terms stay whole, tokens trace to their items, cache and workers."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.seeds import SEED_RAW, SEED_REGISTRY
from wpanalysis import backends
from wpanalysis import segment as seg
from wpanalysis.build import build_corpus
from wpanalysis.lexicon import LEXICON_MIN_FREQ
from wpanalysis.script import to_simplified

KEY_TERMS = ["立德树人", "双减", "县管校聘", "教联体", "大思政课", "课后服务", "集团化办学", "产教融合",
             "科教融汇", "职普融通", "优质均衡", "普惠性幼儿园", "毛入园率", "思政课", "五育并举", "师德师风",
             "教共体", "强基计划", "校外培训", "控辍保学"]


@pytest.fixture(scope="module")
def items() -> pd.DataFrame:
    return build_corpus(SEED_REGISTRY, SEED_RAW).items


@pytest.fixture(scope="module")
def tokens(items) -> pd.DataFrame:
    return seg.tokenize_items(items, cache=False)


def test_lexicon_size_and_sources():
    lexicon = seg.load_lexicon()
    assert len(lexicon) >= 300
    terms = [t for t, _ in lexicon]
    assert len(terms) == len(set(terms))
    assert set(KEY_TERMS) <= set(terms)
    assert all(len(t) >= 2 and not re.search(r"\s", t) for t in terms)


def test_every_lexicon_term_in_the_corpus_is_one_token(items, tokens):
    """Each occurrence of a lexicon term is one token, or lies inside a longer lexicon term
    (教育集团 inside 教育集团化…), or meets an overlapping lexicon term (智慧|教育督导);
    no occurrence is cut by ordinary words."""
    lexicon = {t for t, _ in seg.load_lexicon()}
    texts = {(d, s): to_simplified(t) for d, s, t in zip(items.doc_id, items.item_seq, items.text)}
    spans: dict[tuple, list[tuple[int, int, str]]] = {}
    for row in tokens.itertuples(index=False):
        spans.setdefault((row.doc_id, row.item_seq), []).append((row.start, row.end, row.token))
    whole, outcome = set(), {"whole": 0, "inside lexicon": 0, "overlap": 0, "cut": []}
    for key, text in texts.items():
        toks = spans.get(key, [])
        for term in lexicon:
            for m in re.finditer(re.escape(term), text):
                touching = [(s, e, t) for s, e, t in toks if s < m.end() and e > m.start()]
                if len(touching) == 1 and touching[0][2] == term:
                    outcome["whole"] += 1
                    whole.add(term)
                elif len(touching) == 1 and touching[0][2] in lexicon:
                    outcome["inside lexicon"] += 1
                elif any(t in lexicon for _, _, t in touching):
                    outcome["overlap"] += 1
                else:
                    outcome["cut"].append((term, key))
    assert len(whole) >= 300, "most of the lexicon is found, whole, in the seed corpus"
    assert set(KEY_TERMS) - {"教共体", "强基计划"} <= whole
    assert outcome["cut"] == []
    assert outcome["overlap"] <= 0.01 * outcome["whole"]


def test_tokens_trace_back_to_their_item_text(items, tokens):
    texts = {(d, s): to_simplified(t) for d, s, t in zip(items.doc_id, items.item_seq, items.text)}
    assert list(tokens.columns) == seg.TOKEN_COLUMNS
    assert all(texts[(r.doc_id, r.item_seq)][r.start:r.end] == r.token for r in tokens.itertuples())
    positions = tokens.groupby(["doc_id", "item_seq"])["position"].agg(["min", "max", "size"])
    assert (positions["min"] == 0).all() and (positions["max"] + 1 == positions["size"]).all()


def test_stopword_layers(tokens):
    assert set(tokens.stop_layer) == {"", *seg.STOPWORD_LAYERS}
    boiler = seg.load_stopwords("policy_boilerplate")
    assert {"进一步", "全面", "工作"} <= boiler
    assert not {"加强", "坚持", "促进", "深入", "开展"} & boiler
    content = seg.remove_stopwords(tokens)
    assert not set(content.stop_layer) - {""}
    no_boiler = seg.remove_stopwords(tokens, ["function_words", "punctuation_numbers"])
    assert "进一步" in set(no_boiler.token) and "进一步" not in set(content.token)
    assert seg.stop_layer("X") == seg.stop_layer("XX") == "punctuation_numbers"


def test_segment_text_cli_contract(capsys):
    from wpanalysis.cli import main

    assert main(["segment", "--text", "落实双减政策,深化县管校聘改革", "--stopwords", "none"]) == 0
    assert capsys.readouterr().out == "落实 双减 政策 , 深化 县管校聘 改革\n"
    assert main(["segment", "--text", "进一步落实双减政策"]) == 0
    assert capsys.readouterr().out == "落实 双减 政策\n"


def test_backends_give_the_same_table_shape_and_trace(items):
    sample = items.head(40)
    a = seg.tokenize_items(sample, backend="jieba", cache=False)
    b = seg.tokenize_items(sample, backend="rjieba", cache=False)
    assert list(a.columns) == list(b.columns)
    agree = (a.groupby(["doc_id", "item_seq"])["token"].apply(tuple)
             == b.groupby(["doc_id", "item_seq"])["token"].apply(tuple)).mean()
    assert agree >= 0.9
    texts = dict(zip(zip(sample.doc_id, sample.item_seq), sample.text))
    assert all(texts[(r.doc_id, r.item_seq)][r.start:r.end] == r.token for r in b.itertuples())


def test_pos_tags_on_request(items):
    t = seg.tokenize_items(items.head(5), pos=True, cache=False)
    assert t["pos"].ne("").all()
    assert t.loc[t.token == "立德树人", "pos"].isin(["nz", "n", "l", "vn"]).all()


def test_cache_is_reused_and_keyed_by_settings(items, tmp_path, monkeypatch):
    sample = items.head(20).copy()
    first = seg.tokenize_items(sample, cache=tmp_path)
    assert len(list(tmp_path.glob("*-table-*.arrow"))) == 1  # the finished table
    assert len(list(tmp_path.glob("*.parquet"))) == 1  # plus the per-item store

    calls: list[list[str]] = []
    real = backends._run_segmentation

    def spy(texts, *args, **kwargs):
        calls.append(list(texts))
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(backends, "_run_segmentation", spy)
    again = seg.tokenize_items(sample, cache=tmp_path)
    pd.testing.assert_frame_equal(first, again)
    assert calls == []
    sample.loc[sample.index[3], "text"] = "推进集团化办学。"  # one changed item
    seg.tokenize_items(sample, cache=tmp_path)
    assert calls == [["推进集团化办学。"]]  # only that item is segmented again
    seg.tokenize_items(sample, cache=tmp_path, lexicon=False)  # other settings, other key
    assert len(calls[-1]) == 20


def test_two_workers_give_the_same_table(items):
    one = seg.tokenize_items(items, cache=False, workers=1)
    two = seg.tokenize_items(items, cache=False, workers=2)
    pd.testing.assert_frame_equal(one, two)


# --- batch segmentation: texts joined by a separator cut exactly as one by one ------------------

_ALPHABET = list("教育局推进集团化办学双减课后服务立德树人县管校聘学校幼儿园高中") + list("0123456789abcXYZ") \
    + list("，。、；：（）()-.%+#&_ 　\t\n\r\x1f\ue000\ue001") + ["１", "２", "學", "國", "😀"]


def _one_by_one(texts: list[str], backend: str, pos: bool = False) -> list[list[tuple[str, str]]]:
    s = seg.make_segmenter(backend, pos=pos)
    out = []
    for text in texts:
        text = to_simplified(text).replace("\x1f", " ")
        out.append([(w, f) for w, f in s.tokens(text) if not re.match(r"^\s+$", w)])
    return out


def _batched(texts: list[str], backend: str, pos: bool = False) -> list[list[tuple[str, str]]]:
    items = pd.DataFrame({"doc_id": "d", "item_seq": range(len(texts)), "item_number": 1, "text": texts})
    table = seg.tokenize_items(items, backend=backend, pos=pos, cache=False)
    out: list[list[tuple[str, str]]] = [[] for _ in texts]
    for row in table.itertuples():
        out[row.item_seq].append((row.token, row.pos))
        assert to_simplified(texts[row.item_seq][row.start:row.end]).replace("\x1f", " ") == row.token
    return out


@pytest.mark.parametrize("backend", seg.BACKENDS)
def test_batches_cut_like_single_texts_on_the_corpus(items, backend):
    texts = list(items["text"])
    expected = [[(w, "") for w, _ in toks] for toks in _one_by_one(texts, backend)]
    assert _batched(texts, backend) == expected


@pytest.mark.parametrize("backend", seg.BACKENDS)
def test_batches_cut_like_single_texts_with_pos(items, backend):
    texts = list(items["text"].head(40))
    assert _batched(texts, backend, pos=True) == _one_by_one(texts, backend, pos=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=30), max_size=150))
def test_batches_cut_like_single_texts_property(texts):
    """Any texts — with whitespace, the cache's control character, private-use characters
    (the separator candidates), emoji, Traditional characters, empty texts — and more texts
    than one batch: the token table equals segmenting each text alone."""
    expected = _one_by_one(texts, "rjieba")
    got = _batched(texts, "rjieba")
    assert got == [[(w, "") for w, _ in toks] for toks in expected]


def test_counts_matrix_matches_the_token_table(items):
    """The fast DTM path counts exactly the non-stopword tokens of the token table."""
    counts, vocab = seg.token_counts_matrix(items, cache=False)
    table = seg.remove_stopwords(seg.tokenize_items(items, cache=False))
    assert list(vocab) == sorted(table["token"].unique())
    row_of = {key: i for i, key in enumerate(zip(items["doc_id"], items["item_seq"]))}
    col_of = {t: j for j, t in enumerate(vocab)}
    rows = [row_of[k] for k in zip(table["doc_id"], table["item_seq"])]
    expected = pd.Series(1, index=pd.MultiIndex.from_arrays([rows, table["token"].map(col_of)]))
    expected = expected.groupby(level=[0, 1]).sum()
    coo = counts.tocoo()
    got = pd.Series(coo.data, index=pd.MultiIndex.from_arrays([coo.row, coo.col])).sort_index()
    assert counts.nnz == len(expected) == 11043
    assert (got.to_numpy() == expected.sort_index().to_numpy()).all()


@pytest.mark.parametrize("workers", [1, 2])
def test_cached_tags_and_offsets_equal_uncached(items, tmp_path, workers):
    """The per-item store (tokens and POS tags split back per item) and the finished table
    give exactly the uncached table, with POS tags, in one process or two."""
    sample = items.head(150)
    direct = seg.tokenize_items(sample, pos=True, cache=False)
    cold = seg.tokenize_items(sample, pos=True, cache=tmp_path, workers=workers)
    pd.testing.assert_frame_equal(direct, cold)
    for table in tmp_path.glob("*-table-*.arrow"):
        table.unlink()  # force the table to be rebuilt from the per-item store
    pd.testing.assert_frame_equal(direct, seg.tokenize_items(sample, pos=True, cache=tmp_path, workers=workers))
    pd.testing.assert_frame_equal(direct, seg.tokenize_items(sample, pos=True, cache=tmp_path))  # warm


def test_cache_identity_follows_every_key_column(tmp_path):
    """The finished table is found again only for the same item keys and texts, whatever the
    columns' types (here a doc_id column mixing numbers and strings)."""
    items = pd.DataFrame({"doc_id": [1, "b"], "item_seq": [1, 2], "item_number": [1, None],
                          "text": ["推进集团化办学", "落实双减政策"]})
    first = seg._table_identity(items, "text")
    assert seg._table_identity(items.copy(), "text") == first
    for col, value in (("doc_id", "c"), ("item_seq", 3), ("item_number", 2), ("text", "落实双减政策。")):
        changed = items.copy()
        changed.loc[1, col] = value
        assert seg._table_identity(changed, "text") != first, col
    items["doc_id"] = ["a", "b"]
    table = seg.tokenize_items(items, cache=tmp_path)
    pd.testing.assert_frame_equal(table, seg.tokenize_items(items, cache=tmp_path))
    assert table["token"].tolist() == ["推进", "集团化办学", "落实", "双减", "政策"]


# --- the stopword switch: one name (stopwords=), one layer order -----------------------------------


def test_stopword_switch_values():
    assert seg.STOPWORD_LAYERS == ("function_words", "punctuation_numbers", "policy_boilerplate")
    assert seg.stopword_layers("all") == seg.stopword_layers("default") == seg.STOPWORD_LAYERS
    assert seg.stopword_layers("none") == seg.stopword_layers(None) == seg.stopword_layers([]) == ()
    # any spelling of a subset comes back in the canonical order
    assert seg.stopword_layers("punctuation_numbers,function_words") == ("function_words", "punctuation_numbers")
    assert seg.stopword_layers(" function_words , punctuation_numbers") == ("function_words", "punctuation_numbers")
    assert seg.stopword_layers(iter(["policy_boilerplate"])) == ("policy_boilerplate",)
    for bad in ("boilerplate", "function_words,", "", ["none"]):
        with pytest.raises(ValueError, match="unknown stopword layers"):
            seg.stopword_layers(bad)


def test_a_named_subset_of_layers_keeps_the_boilerplate(items, tokens):
    subset = ["function_words", "punctuation_numbers"]
    as_list = seg.remove_stopwords(tokens, subset)
    pd.testing.assert_frame_equal(as_list, seg.remove_stopwords(tokens, stopwords=",".join(subset)))
    assert set(as_list.stop_layer) == {"", "policy_boilerplate"}
    assert {"进一步", "全面", "工作"} <= set(as_list.token)
    pd.testing.assert_frame_equal(seg.remove_stopwords(tokens), seg.remove_stopwords(tokens, stopwords="all"))
    assert seg.remove_stopwords(tokens, stopwords="none") is tokens
    assert seg.segment_text("进一步落实双减政策", stopwords=subset) == ["进一步", "落实", "双减", "政策"]
    counts, vocab = seg.token_counts_matrix(items.head(30), stopwords="function_words,punctuation_numbers",
                                            cache=False)
    assert "进一步" in set(vocab)
    assert "进一步" not in set(seg.token_counts_matrix(items.head(30), cache=False)[1])


def test_cli_accepts_a_comma_list_of_layers(capsys):
    from wpanalysis.cli import main

    text = "进一步落实双减政策,2024年"
    assert main(["segment", "--text", text, "--stopwords", "function_words,punctuation_numbers"]) == 0
    assert capsys.readouterr().out == "进一步 落实 双减 政策\n"
    assert main(["segment", "--text", text, "--stopwords", "policy_boilerplate"]) == 0
    assert capsys.readouterr().out == "落实 双减 政策 , 2024 年\n"
    assert main(["segment", "--text", text, "--stopwords", "all"]) == 0
    assert capsys.readouterr().out == "落实 双减 政策\n"
    with pytest.raises(SystemExit) as err:
        main(["segment", "--text", text, "--stopwords", "boilerplate"])
    assert err.value.code == 2


def test_lexicon_module_imports_no_pandas_or_numpy():
    """tools/check_lexicon.py imports its constants from wpanalysis.lexicon."""
    import subprocess
    import sys

    code = "import sys, wpanalysis.lexicon; print(sorted({'pandas', 'numpy'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the backend registry ------------------------------------------------------------------------


def _direct_jieba(terms, pos):
    import jieba
    import jieba.posseg

    tok = jieba.Tokenizer()
    tok.initialize()
    for term, tag in terms:
        tok.add_word(term, max(LEXICON_MIN_FREQ, tok.suggest_freq(term, tune=False)), tag)
    if pos:
        tagger = jieba.posseg.POSTokenizer(tok)
        return lambda text: [(p.word, p.flag) for p in tagger.cut(text)]
    return lambda text: [(w, "") for w in tok.cut(text)]


def _direct_rjieba(terms, pos):
    import rjieba

    tok = rjieba.Jieba()
    for term, tag in terms:
        tok.add_word(term, max(LEXICON_MIN_FREQ, tok.suggest_freq(term)), tag)
    if pos:
        return lambda text: [tuple(p) for p in tok.tag(text, True)]
    return lambda text: [(w, "") for w in tok.cut(text, True)]


DIRECT = {"jieba": _direct_jieba, "rjieba": _direct_rjieba}


def test_every_registered_backend_has_a_direct_reference():
    assert set(seg.BACKENDS) == set(DIRECT)
    assert seg.DEFAULT_BACKEND in seg.BACKENDS
    assert all(b.name == name for name, b in seg.BACKENDS.items())
    with pytest.raises(ValueError, match="unknown backend"):
        backends.get_backend("pkuseg")
    with pytest.raises(ValueError, match="unknown backend"):
        seg.tokenize_items(pd.DataFrame(columns=["doc_id", "item_seq", "item_number", "text"]),
                           backend="pkuseg", cache=False)


@pytest.mark.parametrize("pos", [False, True])
@pytest.mark.parametrize("lexicon", [False, True])
@pytest.mark.parametrize("backend", seg.BACKENDS)
def test_registered_backend_cuts_like_the_library(items, backend, lexicon, pos):
    """The registry's backend object gives exactly what the library gives when called directly."""
    texts = [to_simplified(t) for t in items["text"].head(60)] + ["2022-2025年，推进集团化办学 Ｘ"]
    direct = DIRECT[backend](seg.load_lexicon() if lexicon else (), pos)
    segmenter = seg.make_segmenter(backend, lexicon=lexicon, pos=pos)
    assert [segmenter.tokens(t) for t in texts] == [direct(t) for t in texts]
