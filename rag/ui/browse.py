"""The browse tab's tables: responsibilities, targets and deadlines across plans, as pandas DataFrames."""
from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from rag.corpus.rows import fact_rows, responsibility_rows
from rag.corpus.units import unit_matches
from rag.normalize import normalize
from rag.types import Corpus, Responsibility
from rag.ui.i18n import header, words

if TYPE_CHECKING:
    import pandas as pd

RESPONSIBILITY_COLUMNS = ("方案 plan", "任务 task", "牵头 lead", "配合 cooperating", "落实 implementing",
                          "期限 deadline", "条款 clause")
TARGET_COLUMNS = ("方案 plan", "指标 indicator", "数值 value", "单位 unit", "原文 as written", "要求 comparator",
                  "年份 year", "条款 clause")
DEADLINE_COLUMNS = ("方案 plan", "期限 deadline", "年份 year", "月 month", "类型 kind", "内容 task", "条款 clause")
# A chart's fields as its tooltip names them: both languages, like the CSV headers, because the plot names a
# field by its column and cannot rename it when the page language changes.
PLOT_FIELDS = {"plan": "方案 plan", "indicator": "指标 indicator", "value": "数值 value", "unit": "单位 unit",
               "year": "年份 year", "clause": "条款 clause", "deadline": "期限 deadline", "kind": "类型 kind"}
# 污水处理率 first: every seed plan has it, so the chart opens with each plan in its legend.
COMPARE_INDICATORS = ("污水处理率", "再生水利用率", "水质优良比例", "化肥利用率", "污泥无害化处理处置率", "漏损率")


def _frame(rows: list[list], columns: tuple[str, ...]) -> "pd.DataFrame":
    import pandas as pd

    return pd.DataFrame(rows, columns=list(columns))


def _joined(names: list[str]) -> str:
    return "、".join(names)


def _involves(note: Responsibility, unit: str) -> bool:
    """Whether the unit named by the user leads, cooperates on or implements this task."""
    units = (*note.lead_units, *note.cooperating_units, *note.implementing_units, *note.inherited)
    return any(unit_matches(unit, u) for u in units)


def responsibility_table(corpus: Corpus, plan_id: str = "", unit: str = "") -> "pd.DataFrame":
    """The task table, filtered by plan and by a unit name matched through its canonical form."""
    rows = responsibility_rows(corpus, plan_id or None)
    notes = [r for r in corpus.responsibilities if not plan_id or r.plan_id == plan_id]  # same order as rows
    unit = unit.strip()
    table = []
    for row, note in zip(rows, notes, strict=True):
        if unit and not _involves(note, unit):
            continue
        implementing = row["implementing_units"] or row["inherited_units"]
        table.append([corpus.display_name(row["plan_id"]), row["task"], _joined(row["lead_units"]),
                      _joined(row["cooperating_units"]),
                      _joined(implementing), _joined(row["deadlines"]), row["clause_id"]])
    return _frame(table, RESPONSIBILITY_COLUMNS)


TASK_CHARS = 60  # a table cell shows a task's first sentence up to this many characters; a click shows it all


def task_summary(text: str, limit: int = TASK_CHARS) -> str:
    """A task's first sentence (or its first `limit` characters and "…"): rows stay a few lines tall."""
    end = min((at for at in (text.find("。"), text.find("；")) if at >= 0), default=-1)
    if 0 <= end < limit:
        return text[:end + 1] + ("…" if end + 1 < len(text) else "")
    return text if len(text) <= limit else text[:limit] + "…"


def short_tasks(frame: "pd.DataFrame") -> "pd.DataFrame":
    """The responsibility table for the screen: each task shortened (the CSV keeps the whole text)."""
    shown = frame.copy()
    shown[RESPONSIBILITY_COLUMNS[1]] = [task_summary(str(task)) for task in shown[RESPONSIBILITY_COLUMNS[1]]]
    return shown


def target_table(corpus: Corpus, plan_id: str = "") -> "pd.DataFrame":
    """Quantified targets of one plan, or of all."""
    table = [[corpus.display_name(t["plan_id"]), t["indicator"], t["value"], t["unit"], t["value_text"],
              t["comparator"], t["year"],
              t["clause_id"]]
             for t in fact_rows(corpus, "target", plan_id or None)]
    return _frame(table, TARGET_COLUMNS)


def deadline_table(corpus: Corpus, plan_id: str = "") -> "pd.DataFrame":
    """Deadlines in time order (undated ones, such as 每季度, last)."""
    rows = sorted(fact_rows(corpus, "deadline", plan_id or None),
                  key=lambda d: (d["year"] is None, d["year"] or 0, d["month"] or 12, d["plan_id"]))
    table = [[corpus.display_name(d["plan_id"]), d["text"], d["year"], d["month"], d["kind"], d["span"],
              d["clause_id"]] for d in rows]
    return _frame(table, DEADLINE_COLUMNS)


def indicator_comparison(corpus: Corpus, indicator: str) -> "pd.DataFrame":
    """One indicator's numeric targets across plans, one row (one bar) per target, in its most common unit.

    Each row has its own label, so two values from one sentence (85% and 95%) are two bars, never a sum.
    The label leads with plan and value: the axis cuts long labels at the end, and the indicator can go."""
    wanted = normalize(indicator.strip())
    found = [t for t in corpus.targets if wanted and t.value is not None and wanted in normalize(t.indicator)]
    if found:
        unit = Counter(t.unit for t in found).most_common(1)[0][0]  # one axis holds one unit
        found = [t for t in found if t.unit == unit]
    rows, seen = [], Counter()
    for t in found:
        label = f"{corpus.display_name(t.plan_id)} · {t.value_text} · {t.indicator}"
        seen[label] += 1
        label = label if seen[label] == 1 else f"{label} ({seen[label]})"
        rows.append([label, corpus.display_name(t.plan_id), t.indicator, t.value, t.unit, t.year, t.clause_id])
    return _frame(rows, ("label", "plan", "indicator", "value", "unit", "year", "clause"))


def for_plot(frame: "pd.DataFrame") -> "pd.DataFrame":
    """A chart's frame with its fields named for the tooltip ("方案 plan: 昌邑区", never a bare "plan")."""
    return frame.rename(columns=PLOT_FIELDS)


def plot_field(name: str) -> str:
    """The column a plot draws for one of its frame's fields."""
    return PLOT_FIELDS.get(name, name)


def chart_legend(frame: "pd.DataFrame", colors: dict[str, str]) -> dict[str, str]:
    """Colour of each plan drawn, in the order drawn: the legend lists exactly these and nothing else.

    The plot rebuilds its colour scale only when this mapping changes, so it must never name absent plans."""
    return {plan: colors[plan] for plan in dict.fromkeys(frame["plan"])}


def value_title(frame: "pd.DataFrame", language: str = "zh") -> str:
    """The value axis title with its one unit, in the page language."""
    units = sorted(set(frame["unit"])) if not frame.empty else []
    title = words(language)["chart_value"]
    if len(units) == 1 and units[0]:
        return f"{title}（{units[0]}）" if language != "en" else f"{title} ({units[0]})"
    return title


def kind_word(kind: str, language: str = "zh") -> str:
    """A deadline's kind (by, from, periodic, in) in the page language; an unknown kind as stored."""
    return words(language).get(f"kind_{kind}", kind)


def localized(frame: "pd.DataFrame", language: str) -> "pd.DataFrame":
    """A browse table for the screen in one language: "方案 plan" headers become "方案" or "Plan", and a
    deadline's kind its word. The CSV download keeps both languages in its header, for either reader."""
    shown = frame.rename(columns={name: header(name, language) for name in frame.columns})
    kind = header(DEADLINE_COLUMNS[4], language)
    if kind in shown.columns:
        shown[kind] = [kind_word(str(k), language) for k in shown[kind]]
    return shown


def chart_range(frame: "pd.DataFrame") -> list[float] | None:
    """The value axis from 0: to 100 for percentages (or the largest value, when above), else automatic."""
    if frame.empty:
        return None
    top = float(frame["value"].max())
    return [0, max(100.0, top)] if set(frame["unit"]) == {"%"} else [0, top * 1.1 if top > 0 else 1]


def deadline_timeline(corpus: Corpus, plan_id: str = "", language: str = "zh") -> "pd.DataFrame":
    """Dated deadlines as points per plan, for a scatter plot; "2017年底前" (no month) falls on 1 December."""
    import pandas as pd

    rows = [[pd.Timestamp(d.year, d.month or 12, 1), corpus.display_name(d.plan_id), kind_word(d.kind, language),
             d.text, d.clause_id]
            for d in corpus.deadlines if d.year is not None and (not plan_id or d.plan_id == plan_id)]
    frame = _frame(rows, ("when", "plan", "kind", "deadline", "clause"))
    frame["when"] = pd.to_datetime(frame["when"])  # keeps a time axis even when no row is left
    return frame


def write_csv(frame: "pd.DataFrame", folder: Path, name: str) -> Path:
    """Write a table as UTF-8 CSV with a BOM, so spreadsheet programs read the Chinese correctly."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
    frame.to_csv(partial, index=False, encoding="utf-8-sig")
    partial.replace(path)  # atomic: a concurrent download never sees half a file
    return path


def target_years_note(corpus: Corpus, this_year: int) -> tuple[str, str]:
    """A notice, in Chinese and English, that the plans' years have passed (those that have); ("", "") if none."""
    years = sorted({t.year for t in corpus.targets if t.year} | {int(p.date[:4]) for p in corpus.plans
                                                                   if p.date[:4].isdigit()})
    passed = [y for y in years if y < this_year]
    if not passed:
        return "", ""
    span = f"{passed[0]}–{passed[-1]}" if passed[0] != passed[-1] else str(passed[0])
    return (f"ℹ️ 这些方案的目标年份（{span} 年）已经过去：答案给出的是方案当时定下的要求，并注明所依据方案的年份；"
            f"现行要求请查最新文件。",
            f"ℹ️ The plans' target years ({span}) have passed: answers give what each plan set at the time and name "
            f"the plan's year; check current documents for today's rules.")
