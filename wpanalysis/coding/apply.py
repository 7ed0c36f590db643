"""Coding any table of texts (a researcher's own clause spreadsheet): the engine of
``wpanalysis code instruments|domains --input FILE.csv --column text [--output OUT.csv]``.

Example::

    from wpanalysis.coding.apply import code_csv
    coded = code_csv("clauses.csv", "text", "instruments")   # the rows plus instrument columns
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from .codebook import NONE, Codebook, assign_domains, item_domains, load_codebook
from .instruments import InstrumentCodebook, code_instruments, load_instrument_codebook

__all__ = ["DOMAIN_COLUMNS", "code_domains", "code_table", "read_text_table", "code_csv"]

DOMAIN_COLUMNS = ["domain", "domains", "domain_evidence"]
"""Columns :func:`code_domains` adds: the primary domain, all domains (``|``), the terms matched."""


def code_domains(texts: pd.Series, codebook: Codebook | None = None) -> pd.DataFrame:
    """The policy domains of each text, read as one item with that text as its title (so every
    text is weighed alike). Columns :data:`DOMAIN_COLUMNS`; the index of *texts*.

    >>> code_domains(pd.Series(["加强师德师风建设", "做好综合协调"])).values.tolist()
    [['teachers', 'teachers', '师德、师风'], ['none', 'none', '']]
    """
    codebook = codebook or load_codebook()
    items = pd.DataFrame({"doc_id": "input", "item_seq": range(1, len(texts) + 1),
                          "title": texts.fillna("").astype(str).tolist(), "body": ""})
    assigned = assign_domains(items, codebook)
    per_item = item_domains(assigned).set_index("item_seq")
    terms = assigned[assigned["primary"]].set_index("item_seq")["terms"]
    seqs = list(range(1, len(texts) + 1))
    return pd.DataFrame({"domain": [per_item["primary"].get(s, NONE) for s in seqs],
                         "domains": [per_item["domains"].get(s, NONE) for s in seqs],
                         "domain_evidence": [str(terms.get(s, "") or "") for s in seqs]}, index=texts.index)


def code_table(table: pd.DataFrame, column: str, what: Literal["instruments", "domains"],
               book: InstrumentCodebook | Codebook | None = None) -> pd.DataFrame:
    """*table* with the coding columns of *what* added (replacing columns of the same name).

    >>> t = pd.DataFrame({"id": [1], "text": ["新建改扩建学校3所"]})
    >>> code_table(t, "text", "instruments").columns.tolist()
    ['id', 'text', 'instrument', 'instrument_type', 'evidence']
    """
    if what == "instruments":
        coded = code_instruments(table[column], book if isinstance(book, InstrumentCodebook) else None)
    elif what == "domains":
        coded = code_domains(table[column], book if isinstance(book, Codebook) else None)
    else:
        raise ValueError(f"what must be 'instruments' or 'domains', got {what!r}")
    return pd.concat([table.drop(columns=[c for c in coded.columns if c in table]), coded], axis=1)


def read_text_table(path: str | Path, column: str) -> pd.DataFrame:
    """Read a UTF-8 CSV that has a text column *column* (every column read as text); a clear
    :class:`ValueError` naming the file and the column when it cannot be used."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file; give the path of a UTF-8 CSV with a column {column!r}")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: not UTF-8 text (byte {err.start}); save the file as UTF-8 CSV") from err
    except pd.errors.EmptyDataError as err:
        raise ValueError(f"{path}: the file is empty; it needs a header row with a column {column!r}") from err
    except pd.errors.ParserError as err:
        raise ValueError(f"{path}: not a readable CSV ({str(err).splitlines()[0]})") from err
    if column not in table.columns:
        raise ValueError(f"{path}: no column {column!r}; its columns are {', '.join(map(repr, table.columns))}. "
                         "Name the text column with --column")
    return table


def code_csv(path: str | Path, column: str, what: Literal["instruments", "domains"],
             output: str | Path | None = None, codebook: str | Path | None = None) -> pd.DataFrame:
    """Read *path* (:func:`read_text_table`), code column *column* (:func:`code_table`) with the
    default codebook of *what* or the YAML file *codebook* (e.g. the McDonnell & Elmore instrument
    codebook), write the result to *output* as UTF-8 CSV when given, and return it."""
    book = None
    if codebook is not None:
        book = load_instrument_codebook(codebook) if what == "instruments" else load_codebook(codebook)
    coded = code_table(read_text_table(path, column), column, what, book)
    if output is not None:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        coded.to_csv(output, index=False, encoding="utf-8", lineterminator="\n")
    return coded
