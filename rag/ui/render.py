"""Safe rendering for the app: answers, sources and clause context as escaped text, never live HTML."""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from urllib.parse import quote as url_quote

from rag.types import Answer, Citation, Clause, Corpus
from rag.ui.i18n import TRANSLATIONS, language_of

# Markdown syntax that could format, link or load an image; escaped so corpus and user text shows as written.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")
_MARKER = re.compile(r"\\\[(\d+)\\\]")  # an [n] marker after plain_markdown
_SENTENCE = re.compile(r"(?<=[。！？!?])\s*|(?<=\.)\s+")
NOTICES = {
    "zh": {"abstain": "⚠️ 方案中没有找到答案：下面的条款只是最接近的内容，不能作为依据。",
           "abstain_alone": "⚠️ 方案中没有找到答案。", "error": "⚠️ 无法回答这个问题。", "empty_answer": "（没有可以给出的答案。）",
           "from": "依据", "sources": "来源", "year": "年", "no_sources": "没有引用的条款。",
           "nothing_to_rate": "还没有回答可以评价。", "write_first": "请先写下意见。",
           "saved": "已记下对第 {n} 条回答的意见，谢谢。", "open": "查看原文 ↗", "number": "文号",
           "issuer": "发布", "date": "日期", "answer": "回答", "not_found": "找不到条款"},
    "en": {"abstain": "⚠️ The plans do not answer this: the clauses below are only the closest found, "
                      "not a basis for an answer.",
           "abstain_alone": "⚠️ The plans do not answer this.", "error": "⚠️ This question cannot be answered.", "empty_answer": "(No answer can be given.)",
           "from": "From", "sources": "Sources", "year": "", "no_sources": "No clause cited.",
           "nothing_to_rate": "There is no answer to rate yet.", "write_first": "Please write a comment first.",
           "saved": "Thank you: your feedback on answer {n} is saved.", "open": "Open the plan text ↗",
           "number": "No.", "issuer": "Issued by", "date": "Date", "answer": "Answer",
           "not_found": "No clause"},
}
for _language, _words in NOTICES.items():  # the empty panels' words, also shown by gr.I18n before any event
    _words.update({key: TRANSLATIONS[_language][key] for key in ("sources_empty", "context_empty")})
SIBLING_WINDOW = 3  # top-level clauses have dozens of siblings; a few either side is the useful context


def escape(text: str) -> str:
    """HTML-escape any text for gr.HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def plain_markdown(text: str) -> str:
    """Text for a markdown-rendering component (the chatbot) that displays literally: no tags, links or images."""
    # Quotes stay as they are: they are harmless outside attributes, and the chatbot shows &#x27; literally.
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


# One sentence said twice, Chinese then English, with its markers after both: "相近的条款 Closest clauses: [1][2]".
_BILINGUAL = re.compile(r"^(?P<zh>[^A-Za-z]*[\u3400-\u9fff][^A-Za-z]*?)\s+(?P<en>[A-Za-z][^\u3400-\u9fff]*?)\s*"
                        r"(?P<markers>(?:\[\d+\])*)\s*$")


def _in_language(sentence: str, language: str) -> str:
    """A sentence's words in `language` (its markers kept), or "" when it is in the other language."""
    both = _BILINGUAL.match(sentence.strip())
    if both:
        return f"{both[language]} {both['markers']}".strip()
    return sentence if language_of(sentence) == language else ""


def in_language(text: str, language: str) -> str:
    """The sentences of a bilingual message written in `language`; the whole text when none is."""
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    kept = [k for k in (_in_language(s, language) for s in sentences) if k]
    if not kept or kept == sentences:
        return text
    # Chinese sentences follow each other with no space, unless one ends without a Chinese full stop.
    return "".join(k if not i or (language == "zh" and kept[i - 1][-1] in "。！？") else f" {k}"
                   for i, k in enumerate(kept))


_TABLE_ROW = re.compile(r"^\|.*\|$")
_RULE_ROW = re.compile(r"^\|(\s*:?-+:?\s*\|)+$")


def safe_markdown(text: str, linked=lambda escaped: escaped) -> str:
    """Answer text for the chatbot: every word escaped, except the pipes of a comparison table, which stays a
    table (each cell escaped, so no cell can add a column, a link or a tag); `linked` turns escaped [n] to links."""
    out: list[str] = []
    for line in text.split("\n"):
        row = line.strip()
        in_table = bool(_TABLE_ROW.match(row))
        if out and out[-1] and in_table != bool(_TABLE_ROW.match(out[-1])):
            out.append("")  # a table starts and ends at a blank line, or the next line would become a row
        if _RULE_ROW.match(row):
            out.append(row)
        elif in_table:
            out.append("| " + " | ".join(linked(plain_markdown(cell.strip())) for cell in row[1:-1].split("|")) + " |")
        else:
            out.append(linked(plain_markdown(line)))
    return "\n".join(out)


def anchor(clause_id: str) -> str:
    """A stable HTML id for a clause (clause ids hold slashes and Chinese)."""
    return "c-" + hashlib.sha1(clause_id.encode("utf-8")).hexdigest()[:12]


def plan_year(corpus: Corpus, plan_id: str) -> str:
    """The year a plan was issued, from its date, else from its id ("zhoucun-2016")."""
    plan = corpus.plan(plan_id)
    found = re.search(r"(19|20)\d\d", plan.date or plan_id)
    return found.group(0) if found else ""


def _marker_link(turn: int, citation: Citation) -> str:
    title = f"{citation.plan_title} › {citation.path}: {citation.text[:120]}"
    title = title.replace('"', "'").replace("\\", "").replace("\n", " ")
    return f'[\\[{citation.n}\\]](#src-{turn}-{citation.n} "{html.escape(title, quote=False)}")'


def answer_message(answer: Answer, turn: int = 0, corpus: Corpus | None = None) -> str:
    """The chatbot's reply: notice, answer with linked [n] markers, the plans' years and its own sources."""
    language = language_of(answer.question)
    words = NOTICES[language]
    lines = []
    text = answer.answer or words["empty_answer"]
    if answer.abstained or answer.error:
        text = in_language(text, language)
    if answer.error:
        lines.append(plain_markdown(words["error"]))
    elif answer.abstained and answer.citations:
        lines.append(plain_markdown(words["abstain"]))
    elif answer.abstained:  # nothing cited: the refusal itself, flagged, without a notice about clauses below
        text = f"⚠️ {text}"
    by_n = {c.n: c for c in answer.citations}

    def linked(escaped: str) -> str:
        return _MARKER.sub(lambda m: _marker_link(turn, by_n[int(m.group(1))]) if int(m.group(1)) in by_n
                           else m.group(0), escaped)

    lines.append(safe_markdown(text, linked))
    if answer.citations and corpus is not None and not answer.abstained:
        plans = dict.fromkeys(c.plan_id for c in answer.citations)
        years = "；".join(f"{c_title(corpus, p)}（{plan_year(corpus, p)}{words['year']}）" for p in plans)
        lines.append(f"*{words['from']}: {plain_markdown(years)}*")
    if answer.citations:
        listed = "  \n".join(f"{_marker_link(turn, c)} {plain_markdown(c.path or c.clause_id)}"
                             for c in answer.citations)
        lines.append(f"**{words['sources']}**  \n{listed}")
    return "\n\n".join(lines)


def c_title(corpus: Corpus, plan_id: str) -> str:
    return corpus.plan(plan_id).title


_QUOTED = re.compile(r"「([^「」]+)」")


@dataclass(frozen=True)
class Marks:
    """What to mark in a clause: the sentences the answer quotes, and the words that answer (value, lead, deadline)."""

    quoted: tuple[str, ...] = ()
    answering: tuple[str, ...] = ()


_ANY_MARKER = re.compile(r"\[(\d+)\]")


def cited_text(answer_text: str, n: int) -> str:
    """The parts of an answer that cite source n: the text before each [n] back to the previous marker
    (the whole answer when it has no markers), so one source's card never marks another's words."""
    pieces = _ANY_MARKER.split(answer_text)  # text, number, text, number, …, text
    if len(pieces) == 1:
        return answer_text
    return "".join(pieces[i - 1] for i in range(1, len(pieces), 2) if pieces[i] == str(n))


def answer_spans(corpus: Corpus | None, citation: Citation, answer_text: str) -> Marks:
    """The quoted sentences of a clause, and within them the words that answer: a lead note whose units the
    answer names, a target value or a deadline the answer states in its own words (outside its quotes)."""
    answer_text = cited_text(answer_text, citation.n)
    quoted = [citation.quote] if citation.quote else []
    quoted += [q for q in _QUOTED.findall(answer_text) if q in citation.text]
    if corpus is None:
        return Marks(tuple(dict.fromkeys(quoted)))
    stated = _QUOTED.sub("", answer_text)  # a value only quoted is context, not the answer
    answering = []
    for note in corpus.notes_of(citation.clause_id):
        if any(unit.name in answer_text or unit.text in answer_text for unit in note.lead_units):
            bracketed = [f"{o}{note.note}{c}" for o, c in ("（）", "()")]  # mark the brackets with the note
            answering.append(next((b for b in bracketed if b in citation.text), note.note))
    answering += [t.value_text for t in corpus.targets_of(citation.clause_id) if t.value_text and t.value_text in stated]
    answering += [d.text for d in corpus.deadlines_of(citation.clause_id) if d.text and d.text in stated]
    return Marks(tuple(dict.fromkeys(q for q in quoted if q)), tuple(dict.fromkeys(a for a in answering if a)))


def _levels(text: str, spans: tuple[str, ...], level: int, levels: list[int]) -> None:
    for span in spans:
        at = text.find(span)
        while at >= 0:
            levels[at:at + len(span)] = [max(v, level) for v in levels[at:at + len(span)]]
            at = text.find(span, at + len(span))


def highlight(text: str, marks: Marks | str) -> str:
    """Escaped clause text, quoted sentences in <mark>, the answering words in <mark class="answering">."""
    marks = Marks((marks,)) if isinstance(marks, str) else marks
    levels = [0] * len(text)
    _levels(text, marks.quoted, 1, levels)
    _levels(text, marks.answering, 2, levels)
    out, at = [], 0
    while at < len(text):
        end = at
        while end < len(text) and levels[end] == levels[at]:
            end += 1
        piece = escape(text[at:end])
        out.append({0: piece, 1: f"<mark>{piece}</mark>", 2: f'<mark class="answering">{piece}</mark>'}[levels[at]])
        at = end
    return "".join(out)


def plan_meta_html(corpus: Corpus | None, plan_id: str, language: str = "zh") -> str:
    """文号 · issuer · date of a plan, the parts it has."""
    if corpus is None:
        return ""
    plan, words = corpus.plan(plan_id), NOTICES[language]
    parts = [f"{words['number']} {plan.doc_number}" if plan.doc_number else "",
             f"{words['issuer']} {plan.issuer}" if plan.issuer else "",
             f"{words['date']} {plan.date}" if plan.date else ""]
    return escape(" · ".join(p for p in parts if p))


def citation_html(citation: Citation, turn: int = 0, corpus: Corpus | None = None, answer_text: str = "",
                  language: str = "zh") -> str:
    """One source card: number, plan title and metadata, breadcrumb, verbatim text with the answering words
    marked, and a link to the plan's text at that clause."""
    # The plan page's own words (metadata labels) follow the page language; the plan text stays as written.
    link = f"/plan/{url_quote(citation.plan_id)}?lang={language}#{anchor(citation.clause_id)}"
    return (
        f'<div class="source" id="src-{turn}-{citation.n}">'
        f'<div class="source-head"><b>[{citation.n}]</b> {escape(citation.plan_title)}</div>'
        f'<div class="source-meta">{plan_meta_html(corpus, citation.plan_id, language)}</div>'
        f'<div class="source-path">{escape(citation.path)}</div>'
        f'<div class="source-id"><code>{escape(citation.clause_id)}</code> '
        f'<a class="source-open" href="{escape(link)}" target="_blank" rel="noopener">'
        f'{escape(NOTICES[language]["open"])}</a></div>'
        f'<p class="source-text">{highlight(citation.text, answer_spans(corpus, citation, answer_text))}</p></div>'
    )


def sources_html(answer: Answer | None, turn: int = 0, corpus: Corpus | None = None, language: str = "zh") -> str:
    """The sources panel for one answer (the turn-th of its conversation)."""
    words = NOTICES[language]
    if answer is None:
        return f'<div class="sources-empty">{escape(words["sources_empty"])}</div>'
    parts = [f'<div class="sources-for">{escape(words["answer"])} {turn + 1}: {escape(answer.question[:80])}</div>']
    if answer.abstained:
        notice = NOTICES[language_of(answer.question)]["abstain" if answer.citations else "abstain_alone"]
        parts.append(f'<div class="abstain-notice">{escape(notice)}</div>')
    if not answer.citations:
        parts.append(f'<div class="sources-empty">{escape(words["no_sources"])}</div>')
    parts.extend(citation_html(c, turn, corpus, answer.answer, language) for c in answer.citations)
    return "\n".join(parts)


def empty_panel(words) -> str:
    """An empty panel's notice; `words` may be a gr.I18n key, which the page translates inside the HTML."""
    return f'<div class="sources-empty">{words}</div>'


def source_choices(answer: Answer | None) -> list[tuple[str, str]]:
    """(label, clause id) pairs for the "show surrounding clauses" selector."""
    return [(f"[{c.n}] {c.clause_id}", c.clause_id) for c in answer.citations] if answer else []


def surrounding(corpus: Corpus, clause_id: str, window: int = SIBLING_WINDOW) -> tuple[Clause | None, list[Clause]]:
    """A clause's parent and up to `window` siblings either side (the clause included), in document order."""
    clause = corpus.clause(clause_id)
    parent = None
    if clause.parent_id:
        try:
            parent = corpus.clause(clause.parent_id)
        except KeyError:  # a table row or paragraph may hang off a path with no clause of its own
            parent = None
    siblings = [c for c in corpus.clauses if c.plan_id == clause.plan_id and c.parent_id == clause.parent_id]
    at = siblings.index(clause)
    return parent, siblings[max(0, at - window):at + window + 1]


def context_html(corpus: Corpus, clause_id: str, language: str = "zh") -> str:
    """The selected clause among its parent and siblings, the selected one marked."""
    words = NOTICES[language]
    if not clause_id:
        return f'<div class="sources-empty">{escape(words["context_empty"])}</div>'
    try:
        parent, siblings = surrounding(corpus, clause_id)
    except KeyError:
        return f'<div class="sources-empty">{escape(words["not_found"])} {escape(clause_id)}。</div>'
    parts = [f'<div class="context-head">{escape(corpus.plan(siblings[0].plan_id).title)}</div>']
    if parent is not None:
        parts.append(f'<div class="context-parent"><code>{escape(parent.clause_id)}</code> {escape(parent.text)}</div>')
    for sibling in siblings:
        css = "context-clause selected" if sibling.clause_id == clause_id else "context-clause"
        parts.append(f'<div class="{css}"><code>{escape(sibling.clause_id)}</code> {escape(sibling.text)}</div>')
    return "\n".join(parts)
