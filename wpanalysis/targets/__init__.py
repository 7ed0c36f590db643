"""Targets stage: the quantitative targets (指标) each item states, and what is done with them.

* :mod:`~wpanalysis.targets.extract` — :func:`extract_targets`: the targets in one text (the edge rules).
* :mod:`~wpanalysis.targets.tables` — :func:`targets_table` (the ``targets`` table the build
  writes) and targets per document, section and policy domain; the plan with most targets.
* :mod:`~wpanalysis.targets.measures` — the kind of quantity each target states (``measure``:
  level, relative change, absolute change, amount), so a 下降1% is never read as percentage points.
* :mod:`~wpanalysis.targets.plans` — the plan as the unit: plan-weighted beside pooled figures,
  and the per-plan rates the plan-level tests of :mod:`wpanalysis.inference` compare.
* :mod:`~wpanalysis.targets.indicators` — standard indicators several plans share
  (``resources/indicators.yaml``, with the national references some of them echo).
* :mod:`~wpanalysis.targets.evaluate` — precision and recall against an annotated sample (per
  ``split``, on the items it lists), and :func:`~wpanalysis.targets.evaluate.draw_sample`, which
  draws the items of a new sample to annotate.

No module here imports matplotlib; the figures are in :mod:`wpanalysis.plots.targets`.

>>> [(t.raw, t.comparator) for t in extract_targets("毛入园率达到94.5%以上")]
[('94.5%以上', '>=')]
"""

from .extract import Target, extract_targets
from .tables import TARGET_COLUMNS, targets_table

__all__ = ["TARGET_COLUMNS", "Target", "extract_targets", "targets_table"]
