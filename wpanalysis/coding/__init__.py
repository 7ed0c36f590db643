"""Coding with codebooks: one home for dictionary coding, its profiles and its agreement with hand coding.

* :mod:`~wpanalysis.coding.codebook` — loading a YAML codebook, matching, assigning codes to items;
* :mod:`~wpanalysis.coding.profiles` — shares and rates per plan or group;
* :mod:`~wpanalysis.coding.agreement` — gold samples, Cohen's κ, Krippendorff's α, precision/recall;
* :mod:`~wpanalysis.coding.instruments` — the policy-instrument codebook and coder (one code per sentence);
* :mod:`~wpanalysis.coding.validation` — the instrument validation sample: coders, consensus, agreement;
* :mod:`~wpanalysis.coding.apply` — coding any CSV of texts (``wpanalysis code``).

The policy-domain codebook (``resources/codebook_domains.yaml``) is the first codebook, the
policy-instrument codebook (``resources/codebook_instruments.yaml``) the second.
The public names of the three modules are available here too::

    from wpanalysis import coding
    book = coding.load_codebook()
    coding.domain_profile(coding.assign_domains(items, book), documents, "region", book)
"""

from .agreement import (
    GOLD_PATH,
    PROMPTED_TERMS,
    SEED_GOLD_CODERS,
    SEED_GOLD_SHA256,
    GoldStatus,
    agreement_for,
    agreement_items,
    agreement_summary,
    agreement_variants,
    coded_gold,
    cohens_kappa,
    domain_kappas,
    gold_sample,
    gold_status,
    load_gold,
    profile_agreement,
    write_gold_template,
)
from .codebook import (
    ASSIGN_COLUMNS,
    CODEBOOK_PATH,
    HIT_COLUMNS,
    NONE,
    Codebook,
    Domain,
    assign_domains,
    codebook_table,
    domain_hits,
    drop_terms,
    item_domains,
    load_codebook,
    match_terms,
)
from .instruments import (
    INSTRUMENT_COLUMNS,
    InstrumentCodebook,
    code_instruments,
    code_sentences,
    load_instrument_codebook,
)
from .profiles import PROFILE_COLUMNS, domain_profile, domain_rates, top_domain_counts, top_domains

__all__ = [
    "ASSIGN_COLUMNS", "CODEBOOK_PATH", "GOLD_PATH", "HIT_COLUMNS", "NONE", "PROFILE_COLUMNS", "PROMPTED_TERMS",
    "SEED_GOLD_CODERS", "SEED_GOLD_SHA256", "Codebook", "Domain", "GoldStatus", "agreement_for", "agreement_items",
    "agreement_summary", "agreement_variants", "assign_domains", "codebook_table", "coded_gold", "cohens_kappa",
    "domain_hits", "domain_kappas", "domain_profile", "domain_rates", "drop_terms", "gold_sample", "gold_status",
    "item_domains", "load_codebook", "load_gold", "match_terms", "profile_agreement", "top_domain_counts",
    "top_domains", "write_gold_template", "INSTRUMENT_COLUMNS", "InstrumentCodebook", "code_instruments",
    "code_sentences", "load_instrument_codebook",
]
