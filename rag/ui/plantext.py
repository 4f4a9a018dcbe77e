"""A plan's text as one page, every clause anchored, so a source card can open the plan at that clause."""
from __future__ import annotations

from rag.types import Corpus
from rag.ui.i18n import ui_language, words
from rag.ui.render import anchor, escape, plan_meta_html

_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title><style>
body {{ font-family: system-ui, "Noto Sans CJK SC", sans-serif; max-width: 52em; margin: 1em auto; padding: 0 1em;
       line-height: 1.7; color: #111827; background: #fff; }}
.meta {{ color: #374151; }} .clause {{ margin: .4em 0; padding: 2px 6px; white-space: pre-wrap; }}
.clause code {{ color: #374151; font-size: .8em; }}
.clause:target {{ background: #fef3c7; border-left: 4px solid #b45309; }}
</style></head><body><h1>{title}</h1><p class="meta">{meta}</p>{clauses}</body></html>"""


def plan_page(corpus: Corpus, plan_id: str, language: str = "zh") -> str | None:
    """The whole plan as HTML, clause by clause in document order; None for an unknown plan.

    The page's own words (metadata labels) are in `language`, the page language of the app that linked here;
    the plan's title and text stay as written."""
    try:
        plan = corpus.plan(plan_id)
    except KeyError:
        return None
    clauses = "\n".join(
        f'<div class="clause" id="{anchor(c.clause_id)}"><code>{escape(c.clause_id)}</code>\n{escape(c.text)}</div>'
        for c in corpus.clauses if c.plan_id == plan_id)
    return _PAGE.format(lang="en" if language == "en" else "zh-CN", title=escape(plan.title),
                        meta=plan_meta_html(corpus, plan_id, language), clauses=clauses)


def add_plan_route(app, corpus: Corpus) -> None:
    """Serve /plan/{plan_id} from the app's FastAPI server, ahead of Gradio's own routes."""
    from fastapi.responses import HTMLResponse

    def show_plan(plan_id: str, lang: str = "zh") -> HTMLResponse:
        language = ui_language(lang)
        page = plan_page(corpus, plan_id, language)
        if page is None:
            return HTMLResponse(f"<p>{escape(words(language)['plan_missing'].format(plan=plan_id))}</p>",
                                status_code=404)
        return HTMLResponse(page)

    app.add_api_route("/plan/{plan_id}", show_plan, methods=["GET"], include_in_schema=False)
    app.router.routes.insert(0, app.router.routes.pop())  # before any catch-all route of Gradio's
