"""The page's words in Chinese and English for gr.I18n, and the language of a question.

Gradio's i18n picks the page language in the browser (its locale, or the one chosen under Settings). The server
learns that choice from a hidden textbox whose value is the key "ui_language", translated by the page like
every label; the text the server writes (sources panel, notices) follows it."""
from __future__ import annotations

import re

# Keys used by the layout; Gradio shows Chinese to Chinese browsers and English to the others (its fallback).
TRANSLATIONS = {
    "zh": {
        "ui_language": "zh", "all_plans": "全部方案", "corpus_notice": "语料提示：以下文件未载入或有问题",
        "sources_empty": "提问后，这里列出答案引用的条款原文。点击回答可查看它自己的来源。",
        "context_empty": "选择一条来源，查看它的上下文。", "row_context_empty": "点选表中一行，查看该条款的上下文。",
        "title": "## 水污染防治方案问答\n问一个关于水污染防治方案的问题：答案旁边列出所依据的条款原文。",
        "tab_chat": "问答", "tab_browse": "浏览", "tab_resp": "职责", "tab_targets": "目标", "tab_deadlines": "期限",
        "plan": "方案", "conversation": "对话", "question": "问题", "ask": "提问",
        "question_placeholder": "例如：周村区推进污泥安全处置由哪个部门牵头？",
        "examples": "示例问题", "new_conversation": "新对话", "sources": "### 来源",
        "show_context": "查看上下文", "comment": "对这条回答的意见（可选）", "send_comment": "提交意见",
        "export_md": "导出对话 Markdown", "export_json": "导出对话 JSON",
        "unit": "单位（输入即筛选，如 区住建局、环保局）", "download_csv": "下载 CSV",
        "compare_indicator": "对比指标", "target_plan": "目标表的方案",
        "chart_title": "各方案目标值", "timeline_title": "期限时间线",
        "feedback_hint": "点回答下方的赞或踩按钮评价回答；意见针对所选（默认最新）的回答。",
        "chart_y": "方案 · 数值 · 指标", "chart_value": "目标值", "timeline_x": "年份", "kind": "类型",
        "kind_by": "截止", "kind_from": "起始", "kind_periodic": "定期", "kind_in": "年内",
        "ex_lead": "谁牵头", "ex_target": "目标", "ex_deadline": "期限", "ex_obligation": "义务",
        "ex_comparison": "比较", "ex_follow_up": "追问", "ex_not_found": "没有答案",
        # Gradio's own labels inside its components, which it leaves in the page's first language.
        "gradio_like": "赞", "gradio_dislike": "踩", "gradio_clear": "清空对话", "gradio_copy": "复制消息",
        "gradio_more_tabs": "更多标签页",
        "plan_missing": "没有编号为 {plan} 的方案。",
    },
    "en": {
        "ui_language": "en", "all_plans": "All plans",
        "corpus_notice": "Corpus notice: these files were skipped or have problems",
        "sources_empty": "After a question, the clauses its answer cites are listed here. Click an answer to "
                         "see its own sources.",
        "context_empty": "Pick a source to see the clauses around it.",
        "row_context_empty": "Pick a row of the table to see the clauses around it.",
        "title": "## Water-pollution plan assistant\nAsk about the water-pollution-prevention plans: each answer lists "
                 "the clauses it rests on, verbatim.",
        "tab_chat": "Chat", "tab_browse": "Browse", "tab_resp": "Responsibilities", "tab_targets": "Targets",
        "tab_deadlines": "Deadlines", "plan": "Plan", "conversation": "Conversation", "question": "Question",
        "ask": "Ask", "question_placeholder": "e.g. Who leads the sludge disposal work in Zhoucun?",
        "examples": "Example questions", "new_conversation": "New conversation", "sources": "### Sources",
        "show_context": "Show surrounding clauses", "comment": "Comment on this answer (optional)",
        "send_comment": "Send comment", "export_md": "Export conversation (Markdown)",
        "export_json": "Export conversation (JSON)", "unit": "Unit (filters as you type, e.g. 区住建局, 环保局)",
        "download_csv": "Download CSV", "compare_indicator": "Compare an indicator", "target_plan": "Plan for the table",
        "chart_title": "Targets by plan", "timeline_title": "Deadline timeline",
        "feedback_hint": "Rate an answer with the thumb buttons under it; a comment applies to the selected "
                         "(else the latest) answer.",
        "chart_y": "Plan · value · indicator", "chart_value": "Target", "timeline_x": "Year", "kind": "Kind",
        "kind_by": "by", "kind_from": "from", "kind_periodic": "periodic", "kind_in": "within",
        "ex_lead": "Who leads", "ex_target": "Target", "ex_deadline": "Deadline", "ex_obligation": "Obligation",
        "ex_comparison": "Comparison", "ex_follow_up": "Follow-up", "ex_not_found": "Not in the plans",
        "gradio_like": "Like", "gradio_dislike": "Dislike", "gradio_clear": "Clear", "gradio_copy": "Copy message",
        "gradio_more_tabs": "More tabs",
        "plan_missing": "No plan {plan}.",
    },
}

_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u3400-\u9fff]")


def language_of(text: str) -> str:
    """"en" when a text has more Latin letters than Chinese characters, else "zh"."""
    return "en" if len(_LATIN.findall(text or "")) > len(_CJK.findall(text or "")) else "zh"


def ui_language(value: str | None) -> str:
    """The page language sent back by the hidden "ui_language" textbox: "en" or "zh" (anything else)."""
    return "en" if (value or "").strip() == "en" else "zh"


def words(language: str) -> dict[str, str]:
    """The page's words in one language ("en", else Chinese)."""
    return TRANSLATIONS["en" if language == "en" else "zh"]


def header(name: str, language: str) -> str:
    """One language's half of a bilingual column name: "方案 plan" → "方案" or "Plan"."""
    zh, _, en = name.partition(" ")
    return (en[:1].upper() + en[1:]) if language == "en" and en else zh


def make_i18n(gr, **extra: tuple[str, str]):
    """gr.I18n with our words, plus (Chinese, English) pairs computed from the corpus (e.g. years_note)."""
    translations = {lang: dict(words) for lang, words in TRANSLATIONS.items()}
    for key, (zh, en) in extra.items():
        translations["zh"][key], translations["en"][key] = zh, en
    return gr.I18n(**translations)
