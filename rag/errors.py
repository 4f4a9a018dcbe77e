"""The one root of the errors a user can see. Library code raises these; only the CLI and the app print them."""
from __future__ import annotations


class RagError(Exception):
    """An error whose message is fit to show the user (it says what went wrong and, where it can, the fix)."""
