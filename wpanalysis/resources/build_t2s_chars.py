"""Build ``t2s_chars.tsv``: a one-to-one Traditional→Simplified character table.

The source is OpenCC's ``TSCharacters.txt`` (Apache-2.0), as shipped in the
PyPI package ``opencc-python-reimplemented``. Get it and rebuild with::

    pip download --no-deps -d /tmp/occ opencc-python-reimplemented==0.1.7
    python -m zipfile -e /tmp/occ/opencc_python_reimplemented-0.1.7-py2.py3-none-any.whl /tmp/occ/x
    python wpanalysis/resources/build_t2s_chars.py /tmp/occ/x/opencc/dictionary/TSCharacters.txt

Each source line is ``TRAD<TAB>SIMP1 [SIMP2 ...]``. We keep, for every single
Traditional character, OpenCC's *first* candidate, provided it is a single
character and differs from the key; then we apply the exclusions below. The
output is sorted by code point, so the same input always gives the same file
(the ``# Built:`` date honours ``SOURCE_DATE_EPOCH``, else it is today, UTC).

Only the standard library is used; run with ``--help`` for the options.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.parser
import hashlib
import os
import sys
from pathlib import Path

# Characters that OpenCC maps but that are also standard characters in
# Simplified Chinese with a meaning of their own (they are in the 2013
# 通用规范汉字表). Mapping them character by character would silently rewrite
# correct Simplified text into different, wrong Simplified text, while gaining
# almost nothing on Traditional text. Evidence: ranking the table's keys by how
# often they occur in the (Simplified) word list of jieba's dict.txt, these are
# the top Simplified uses whose words are not Traditional-only spellings.
EXCLUDED: dict[str, str] = {
    # 乾→干: Simplified keeps 乾 in 乾坤, 乾隆 and in place names (乾县, 乾安县,
    # 乾陵) that appear in local education plans; 干 would corrupt them. The
    # only loss is Traditional 乾淨/乾旱 keeping one unconverted character.
    "乾": "乾坤, 乾隆, 乾县 are correct Simplified; 干 would break them",
    # 薹→苔: 蒜薹, 菜薹, 芸薹 are written with 薹 in Simplified *and* Traditional;
    # OpenCC's first candidate 苔 is wrong for them in both scripts.
    "薹": "蒜薹, 菜薹, 芸薹 are correct Simplified; 苔 would break them",
    # 吒→咤: 哪吒 is written with 吒 in both scripts (叱咤 already uses 咤).
    "吒": "哪吒 is correct Simplified; 咤 would break it",
}

# Dual-script characters that we deliberately KEEP, because they are very
# frequent in Traditional plans and occur in Simplified text only as rare
# surnames or technical terms (none occurs in the seed corpus):
#   於→于 (關於, 對於, 由於, 有利於), 後→后 (以後, 最後, 後勤),
#   徵→征 (特徵, 徵求意見, 徵文), 夥→伙 (合作夥伴).
# Characters whose OpenCC first candidate is the character itself (覆, 藉, 瞭,
# 祇, 衹, 彷, 牴, 阪) are dropped automatically: they are not Traditional-only.

HEADER_TEMPLATE = """\
# t2s_chars.tsv — one-to-one Traditional→Simplified character table for wpanalysis.script
#
# Format: UTF-8, one mapping per line, TRADITIONAL<TAB>SIMPLIFIED, exactly one character
# (code point) on each side, sorted by the code point of the Traditional character.
# Lines starting with '#' are comments. Every Traditional character maps to a different
# Simplified one, so str.translate with this table never changes the text length.
#
# Source package: {package} {version} (PyPI)
# Source file:    {source_name} (OpenCC dictionary data, https://github.com/BYVoid/OpenCC)
# Source SHA-256: {sha256}
# Licence:        Apache License 2.0, https://www.apache.org/licenses/LICENSE-2.0
#                 (OpenCC data, copyright Carbo Kuo (BYVoid) and OpenCC contributors; the
#                 PyPI package is also Apache-2.0). This file is derived, filtered data.
# Built:          {date} by wpanalysis/resources/build_t2s_chars.py
# Selection:      OpenCC's first candidate for each single Traditional character; dropped:
#                 {n_identity} identity mappings, {n_chain} whose target is itself a key ({chain}),
#                 {n_excluded} excluded by hand ({excluded}; reasons in the build script).
# Entries:        {n_entries}
#
# Rebuild:
#   pip download --no-deps -d /tmp/occ {package}=={version}
#   python -m zipfile -e /tmp/occ/<the downloaded .whl> /tmp/occ/x
#   python wpanalysis/resources/build_t2s_chars.py /tmp/occ/x/opencc/dictionary/TSCharacters.txt
"""


def parse_opencc(text: str) -> dict[str, list[str]]:
    """Parse OpenCC dictionary text into ``{key: [candidates...]}``.

    >>> parse_opencc("學\\t学\\n乾\\t干 乾\\n")
    {'學': ['学'], '乾': ['干', '乾']}
    """
    table: dict[str, list[str]] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, sep, values = line.partition("\t")
        if not sep or not values.split():
            raise ValueError(f"line {lineno}: expected KEY<TAB>VALUE[ VALUE...], got {line!r}")
        if key in table:
            raise ValueError(f"line {lineno}: duplicate key {key!r}")
        table[key] = values.split()
    return table


def select(table: dict[str, list[str]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Keep one-to-one character mappings; return ``(mapping, dropped_by_reason)``.

    >>> mapping, dropped = select(
    ...     {"學": ["学"], "覆": ["覆", "复"], "乾": ["干", "乾"], "薴": ["苧"], "苧": ["苎"]}
    ... )
    >>> mapping
    {'學': '学', '苧': '苎'}
    >>> dropped
    {'multichar': [], 'identity': ['覆'], 'excluded': ['乾'], 'chain': ['薴']}
    """
    dropped: dict[str, list[str]] = {"multichar": [], "identity": [], "excluded": [], "chain": []}
    first: dict[str, str] = {}
    for key, candidates in table.items():
        target = candidates[0]
        if len(key) != 1 or len(target) != 1:
            dropped["multichar"].append(key)
        elif target == key:
            dropped["identity"].append(key)
        elif key in EXCLUDED:
            dropped["excluded"].append(key)
        else:
            first[key] = target
    # A target that is itself a key (OpenCC: 薴→苧, 苧→苎) would make the conversion
    # non-idempotent (converted text would change again); such entries are dropped.
    mapping = {}
    for key, target in first.items():
        if target in first:
            dropped["chain"].append(key)
        else:
            mapping[key] = target
    mapping = dict(sorted(mapping.items()))
    return mapping, {reason: sorted(keys) for reason, keys in dropped.items()}


def find_package_metadata(source: Path) -> tuple[str, str]:
    """Name and version of the opencc distribution that holds ``source``, if found."""
    for folder in source.resolve().parents:
        for meta in sorted(folder.glob("*.dist-info/METADATA")) + sorted(folder.glob("PKG-INFO")):
            headers = email.parser.Parser().parsestr(meta.read_text(encoding="utf-8"))
            name = headers.get("Name", "")
            if "opencc" in name.lower():
                return name, headers.get("Version", "unknown")
    return "unknown", "unknown"


def build_date() -> str:
    """``SOURCE_DATE_EPOCH`` as an ISO date if set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()


def render(mapping: dict[str, str], dropped: dict[str, list[str]], **info: str) -> str:
    """The complete ``t2s_chars.tsv`` text: header comment block plus sorted rows."""
    header = HEADER_TEMPLATE.format(
        n_identity=len(dropped["identity"]),
        n_chain=len(dropped["chain"]),
        chain=" ".join(dropped["chain"]) or "none",
        n_excluded=len(dropped["excluded"]),
        excluded=" ".join(dropped["excluded"]) or "none",
        n_entries=len(mapping),
        **info,
    )
    return header + "".join(f"{trad}\t{simp}\n" for trad, simp in mapping.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="path to OpenCC's TSCharacters.txt")
    parser.add_argument(
        "-o",
        "--output",
        default=str(Path(__file__).with_name("t2s_chars.tsv")),
        help="output file, '-' for stdout (default: t2s_chars.tsv next to this script)",
    )
    parser.add_argument("--package", help="source package name (default: found from metadata)")
    parser.add_argument("--version", help="source package version (default: from metadata)")
    args = parser.parse_args(argv)

    raw = args.source.read_bytes()
    mapping, dropped = select(parse_opencc(raw.decode("utf-8-sig")))
    if dropped["multichar"]:
        print(f"note: skipped multi-character entries: {dropped['multichar']}", file=sys.stderr)
    package, version = find_package_metadata(args.source)
    text = render(
        mapping,
        dropped,
        package=args.package or package,
        version=args.version or version,
        source_name=args.source.name,
        sha256=hashlib.sha256(raw).hexdigest(),
        date=build_date(),
    )
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {len(mapping)} mappings to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
