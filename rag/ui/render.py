"""Safe rendering for the app: answers, sources and clause context as escaped text, never live HTML."""
from __future__ import annotations

import html
import re

from rag.types import Answer, Citation, Clause, Corpus

# Markdown syntax that could format, link or load an image; escaped so corpus and user text shows as written.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")
ABSTAIN_NOTICE = "⚠️ 方案中没有找到答案（abstained）：以下条款只是最接近的内容，不能作为依据。"
ERROR_NOTICE = "⚠️ 无法回答这个问题。"
SIBLING_WINDOW = 3  # top-level clauses have dozens of siblings; a few either side is the useful context


def escape(text: str) -> str:
    """HTML-escape any text for gr.HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def plain_markdown(text: str) -> str:
    """Text for a markdown-rendering component (the chatbot) that displays literally: no tags, links or images."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(text))


def answer_message(answer: Answer) -> str:
    """The chatbot's reply: the answer with its [n] markers, a notice first when it abstained or failed."""
    lines = []
    if answer.error:
        lines.append(ERROR_NOTICE)
    elif answer.abstained:
        lines.append(ABSTAIN_NOTICE)
    lines.append(answer.answer or "（没有可以给出的答案。）")
    return plain_markdown("\n\n".join(lines))


def highlight(text: str, quote: str) -> str:
    """Escaped clause text with the quoted span wrapped in <mark>; unmarked when the quote is not verbatim."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return escape(text)
    end = at + len(quote)
    return f"{escape(text[:at])}<mark>{escape(text[at:end])}</mark>{escape(text[end:])}"


def citation_html(citation: Citation) -> str:
    """One source card: number, plan title, breadcrumb, clause id and verbatim text with the quote marked."""
    return (
        f'<div class="source" id="source-{citation.n}">'
        f'<div class="source-head"><b>[{citation.n}]</b> {escape(citation.plan_title)}</div>'
        f'<div class="source-path">{escape(citation.path)}</div>'
        f'<div class="source-id"><code>{escape(citation.clause_id)}</code></div>'
        f'<p class="source-text">{highlight(citation.text, citation.quote)}</p></div>'
    )


def sources_html(answer: Answer | None) -> str:
    """The sources panel for one answer."""
    if answer is None:
        return '<div class="sources-empty">提问后，这里列出答案引用的条款原文。</div>'
    parts = []
    if answer.abstained:
        parts.append(f'<div class="abstain-notice">{escape(ABSTAIN_NOTICE)}</div>')
    if not answer.citations:
        parts.append('<div class="sources-empty">没有引用的条款。</div>')
    parts.extend(citation_html(c) for c in answer.citations)
    return "\n".join(parts)


def source_choices(answer: Answer) -> list[tuple[str, str]]:
    """(label, clause id) pairs for the "show surrounding clauses" selector."""
    return [(f"[{c.n}] {c.clause_id}", c.clause_id) for c in answer.citations]


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


def context_html(corpus: Corpus, clause_id: str) -> str:
    """The selected clause among its parent and siblings, the selected one marked."""
    if not clause_id:
        return '<div class="sources-empty">选择一条来源，查看它的上下文。</div>'
    try:
        parent, siblings = surrounding(corpus, clause_id)
    except KeyError:
        return f'<div class="sources-empty">找不到条款 {escape(clause_id)}。</div>'
    parts = [f'<div class="context-head">{escape(corpus.plan(siblings[0].plan_id).title)}</div>']
    if parent is not None:
        parts.append(f'<div class="context-parent"><code>{escape(parent.clause_id)}</code> {escape(parent.text)}</div>')
    for sibling in siblings:
        css = "context-clause selected" if sibling.clause_id == clause_id else "context-clause"
        parts.append(f'<div class="{css}"><code>{escape(sibling.clause_id)}</code> {escape(sibling.text)}</div>')
    return "\n".join(parts)
