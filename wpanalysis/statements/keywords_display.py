"""Figure titles and displayed tables of the keyword notebook (02), in English or Chinese: the
titles carry the N of plans (:mod:`wpanalysis.statements.keywords` re-exports them), and
:func:`shown` is a table as the notebook displays it in *language*. Example::

    from wpanalysis.statements import keywords as said
    said.top_terms_title(30, 6, "zh")                     # '前 30 个词（N = 6 份有正文的要点）'
    said.shown(with_without, "zh")                        # Chinese headers, 是/否, 政策套话 …
"""

from __future__ import annotations

import ast

import pandas as pd

from .. import labels

__all__ = ["top_terms_title", "cloud_title", "clouds_title", "others_pooled", "keyness_title", "network_title",
           "frame_title", "group_names", "shown"]


# --------------------------------------------------------------------------- figure titles


def top_terms_title(n_terms: int, n_plans: int, language: str = "en") -> str:
    """Title of the top-terms bar chart.

    >>> top_terms_title(30, 6), top_terms_title(30, 6, "zh")
    ('Top 30 terms (N = 6 plans with body text)', '前 30 个词（N = 6 份有正文的要点）')
    """
    return labels.figure_text("terms.top_terms_title", language, n_terms=n_terms, n=n_plans)


def cloud_title(n_plans: int, language: str = "en") -> str:
    """Title of the overall word cloud.

    >>> cloud_title(180), cloud_title(180, "zh")
    ('All plans with body text (N = 180 plans)', '全部有正文的要点（N = 180 份）')
    """
    return labels.figure_text("terms.cloud_title", language, n=n_plans)


def clouds_title(n_shown: int, n_plans: int, n_words: int, language: str = "en") -> str:
    """Title of the per-plan word clouds: every plan, or the largest and the others pooled.

    >>> clouds_title(6, 6, 100, "zh"), clouds_title(11, 120, 100, "zh")
    ('每份要点的前 100 个词（N = 6 份）', '最大的 11 份要点与其余要点合并的前 100 个词（N = 120 份）')
    >>> clouds_title(11, 120, 100)
    'Top 100 terms of each of the 11 largest plans and of the others pooled (N = 120 plans)'
    """
    if n_shown >= n_plans:
        return labels.figure_text("terms.clouds_title", language, n_words=n_words, n=n_plans)
    return labels.figure_text("terms.clouds_title_largest", language, n_words=n_words, n_shown=n_shown, n=n_plans)


def others_pooled(language: str = "en") -> str:
    """The title of the word-cloud panel that pools the plans without a panel of their own, with
    ``{n}`` their number (the *others* of :func:`wpanalysis.features.cloud_panels`).

    >>> others_pooled().format(n=169), others_pooled("zh").format(n=169)
    ('other 169 plans', '其他 169 份')
    """
    return labels.label("figure", "terms.others_pooled", language)


def keyness_title(column: str, pair: tuple[str, str], members: pd.DataFrame, language: str = "en") -> str:
    """Title of the keyness figure, with the groups' names (:func:`wpanalysis.labels.group_label`)
    and their plans (*members*: :func:`wpanalysis.features.group_members`).

    >>> m = pd.DataFrame({"group": ["target"] * 4 + ["reference"] * 2})
    >>> keyness_title("admin_level", ("city", "county-level city"), m, "zh")
    '地级市（4 份）与县级市（2 份）：校正后显著的关键词'
    >>> keyness_title("admin_level", ("city", "county-level city"), m)
    'Key terms significant after correction: city vs county-level city (N = 4 + 2 plans)'
    """
    a, b = (labels.group_label(column, g, language, default=str(g)) for g in pair)
    n_a, n_b = (int((members["group"] == g).sum()) for g in ("target", "reference"))
    return labels.figure_text("terms.keyness_title", language, a=a, n_a=n_a, b=b, n_b=n_b)


def network_title(n_terms: int, n_plans: int, min_npmi: float, language: str = "en") -> str:
    """Title of the co-occurrence network.

    >>> network_title(40, 6, 0.2, "zh")
    '前 40 个高频词的共现网络（同一条目，NPMI ≥ 0.2；N = 6 份）'
    """
    return labels.figure_text("terms.network_title", language, n_terms=n_terms, n=n_plans, min_npmi=min_npmi)


def frame_title(language: str = "en") -> str:
    """Title of the sample frame of the plans with body text (:func:`wpanalysis.plots.compare.plot_sample_frame`).

    >>> frame_title("zh")
    '有正文要点的样本框架'
    """
    return labels.figure_text("terms.frame_title", language)


def group_names(column: str, pair: tuple[str, str] | None, language: str = "en",
                figure: bool = False) -> tuple[str, str] | None:
    """The two compared groups as sentences (*figure* False: the codes in English, as the tables show
    them) or figures (*figure* True) name them; None when there is no pair.

    >>> group_names("admin_level", ("city", "county"), "zh"), group_names("completeness", ("full", "partial"))
    (('地级市', '县'), ('full', 'partial'))
    >>> group_names("completeness", ("full", "partial"), figure=True)
    ('full text', 'partial')
    """
    if pair is None:
        return None
    if language == "en" and not figure:
        return str(pair[0]), str(pair[1])
    return (labels.group_label(column, pair[0], language, default=str(pair[0])),
            labels.group_label(column, pair[1], language, default=str(pair[1])))


# --------------------------------------------------------------------------- displayed tables


def _word(value: object, language: str) -> object:
    """A cell of the package's fixed vocabulary in *language* (``values: keywords_word``, ``stop_layer``)."""
    if isinstance(value, bool):
        return labels.label("keywords_word", str(value).lower(), language)
    if not (isinstance(value, str) and value):
        return value
    for kind in ("keywords_word", "stop_layer"):
        found = labels.label(kind, value, language, default=None)
        if found is not None:
            return found
    return value


def _setting(switch: object, setting: object, language: str) -> object:
    """A setting of :func:`wpanalysis.inference.robustness_table` by its label; a list of stopword
    layers by the layers' labels.

    >>> _setting("basis", "title", "zh"), _setting("stopwords", ["function_words", "punctuation_numbers"], "zh")
    ('只用条目标题', '只删除虚词、标点与数字')
    """
    if isinstance(setting, str) and setting.startswith("["):
        try:
            setting = ast.literal_eval(setting)
        except (ValueError, SyntaxError):
            return setting
    if isinstance(setting, list | tuple):
        try:
            return labels.label("keywords_word", "only", language).format(
                layers="、".join(labels.label("stop_layer", layer, language) for layer in setting))
        except labels.LabelError:
            return setting
    return labels.label("robustness_setting", f"{switch}={setting}", language, default=setting)


def shown(table: pd.DataFrame | None, language: str = "en") -> pd.DataFrame | None:
    """*table* as notebook 02 displays it: in ``"en"`` unchanged; in ``"zh"`` with Chinese headers and
    group values (:func:`wpanalysis.labels.localised`), 是/否 for booleans, stopword layers and the
    robustness table's switches and settings by their labels. None stays None (a skipped step).

    >>> t = pd.DataFrame({"kept_token": ["工作"], "kept_in_layer": [True], "stop_layer": ["policy_boilerplate"]})
    >>> shown(t, "zh").to_dict("list")
    {'保留的词': ['工作'], '保留词所在层': ['是'], '停用词层': ['政策套话']}
    >>> shown(t) is t
    True
    """
    if table is None or language == "en":
        return labels.localised(table, language) if table is not None else None
    out = table.copy()
    for column in out.columns:
        if column == "setting" and "switch" in out.columns:
            out[column] = [_setting(a, b, language) for a, b in zip(table["switch"], table["setting"])]
        elif out[column].dtype == bool or column in ("stop_layer", "switch", "correction"):
            out[column] = out[column].map(lambda v: _word(v, language))
    return labels.localised(out, language)
