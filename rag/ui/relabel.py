"""Redrawing the page in the language chosen under Settings.

Gradio's i18n translates a component's label when the page language changes only while the component is
mounted: the labels of tabs not yet shown, and the words inside its own components (👍 "赞"), stay in the
first language, and an HTML panel whose first value was a translation key is reset to it. Server-drawn text
(table headers, plot titles, example labels, the sources of an answer) knows nothing of the change at all.
So each part of the page says which components it redraws, from which inputs, and one handler redraws them
all when the page loads and whenever the hidden language box changes."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.ui.i18n import ui_language, words


@dataclass(frozen=True)
class Relabel:
    """Components to redraw (outputs) from the current values of `inputs`: draw(language, *values) → updates."""
    inputs: list
    outputs: list
    draw: Callable[..., list]

    @staticmethod
    def tabs(gr, keys: dict) -> Relabel:
        """Tab labels, given again in the chosen language: Gradio leaves an unseen tab's label untranslated."""
        items = list(keys)
        return Relabel([], items, lambda lang: [gr.Tab(label=words(lang)[keys[item]]) for item in items])

    @staticmethod
    def joined(parts: Sequence[Relabel]) -> Relabel:
        """Several parts as one: their inputs and outputs end to end."""
        def draw(lang: str, *values) -> list:
            updates, at = [], 0
            for part in parts:
                updates.extend(part.draw(lang, *values[at:at + len(part.inputs)]))
                at += len(part.inputs)
            return updates

        return Relabel([i for p in parts for i in p.inputs], [o for p in parts for o in p.outputs], draw)


def relabel_all(gr, triggers: list, language, parts: Sequence[Relabel], then: Sequence[Relabel] = ()) -> None:
    """One handler for the whole page, run on `triggers` (page load, language change); `then` after it.

    A plot given new data and new settings at once may rebuild from its old data (its legend then shows the
    previous language): its data goes in `parts`, its titles in `then`."""
    def handler(whole: Relabel):
        def redraw(page_language: str, *values):
            updates = whole.draw(ui_language(page_language), *values)
            return updates[0] if len(updates) == 1 else updates  # Gradio takes a lone output's value as is
        return redraw, [language, *whole.inputs], whole.outputs

    first = gr.on(triggers, *handler(Relabel.joined(parts)), api_visibility="private", show_progress="hidden",
                  queue=False)
    if then:
        first.then(*handler(Relabel.joined(then)), api_visibility="private", show_progress="hidden", queue=False)


# Gradio's own controls inside its components (the chatbot's 👍 👎 🗑 and copy buttons) take their words once,
# when drawn, in the page's first language, and some have no Chinese at all ("Copy message"). A watcher puts
# them in the language of the hidden language box, for buttons drawn later (a new answer's) too.
GRADIO_WORDS = ("gradio_like", "gradio_dislike", "gradio_clear", "gradio_copy", "gradio_more_tabs")


def own_words_script() -> str:
    """The launch script (a JS function) that keeps Gradio's own button labels in the page language."""
    import json

    pairs = {lang: [words(lang)[key] for key in GRADIO_WORDS] for lang in ("zh", "en")}
    # The chatbot's buttons, and the tab bar's overflow button wherever it is.
    scope = ", ".join(["#chatbot button"] + [f'button[aria-label="{words(lang)["gradio_more_tabs"]}"]'
                                             for lang in ("zh", "en")])
    return """() => {
  const words = WORDS;
  const known = new Map();
  for (const lang of Object.keys(words)) words[lang].forEach((w, i) => known.set(w, i));
  const language = () => document.querySelector('#ui-language textarea, #ui-language input')?.value === 'en' ? 'en' : 'zh';
  const relabel = () => {
    const said = words[language()];
    // Scoped: "Clear" is also the word of other components' buttons, which Gradio translates itself.
    for (const el of document.querySelectorAll(SCOPE)) {
      for (const attr of ['aria-label', 'title']) {
        const was = el.getAttribute(attr);
        if (was !== null && known.has(was) && was !== said[known.get(was)]) el.setAttribute(attr, said[known.get(was)]);
      }
    }
  };
  let queued = false;
  new MutationObserver(() => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; relabel(); }); } })
    .observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'title', 'value']});
  document.addEventListener('input', relabel, true);
  relabel();
}""".replace("WORDS", json.dumps(pairs, ensure_ascii=False)).replace("SCOPE", json.dumps(scope, ensure_ascii=False))
