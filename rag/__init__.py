"""A clause-grounded assistant over Chinese government plans."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Assistant", "Settings"]

if TYPE_CHECKING:
    from rag.assistant import Assistant
    from rag.config import Settings


def __getattr__(name: str) -> Any:
    # Lazy so `import rag` stays cheap: the assistant pulls in faiss and the embedder.
    if name == "Assistant":
        from rag.assistant import Assistant

        return Assistant
    if name == "Settings":
        from rag.config import Settings

        return Settings
    raise AttributeError(name)
