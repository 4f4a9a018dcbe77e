"""The answer wing: question → analysis → evidence and the abstention rule → a cited, grounded answer.

It owns question analysis (query) and follow-ups (followup), the evidence measures and the abstention rule
(evidence), the intent table and its answerers (intents, who, figures, compare, quotes), the draft being
composed (draft), the grounding check (grounding) and the optional LLM wording (llm).
"""
