"""What every `rag` command shares: the user-error type, settings and corpus read from the arguments, the plan
id checked, warnings on stderr and one valid-UTF-8 JSON line out."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from rag.errors import RagError


class CliError(RagError):
    """A user mistake: printed as one line on stderr, exit status 2."""


def print_json(row: dict[str, Any], out: TextIO | None = None) -> None:
    """One JSON line, always valid UTF-8 whatever the terminal's encoding or the text's surrogates."""
    from rag.cli_input import json_line

    out = out or sys.stdout
    data = json_line(row)
    if hasattr(out, "buffer"):
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
    else:
        out.write(data.decode("utf-8"))


def settings_of(args: argparse.Namespace):
    """Settings from --config (or RAG_CONFIG and RAG_* variables); a bad setting is a user error."""
    from rag.config import ConfigError, Settings

    try:
        return Settings.load(Path(args.config) if args.config else None)
    except ConfigError as exc:
        raise CliError(str(exc)) from None


def corpus_of(args: argparse.Namespace):
    """The corpus the arguments select: the database's when configured, else parsed from the corpus folder."""
    from rag.corpus.loader import load_corpus
    from rag.search.backend import stored_corpus

    settings = settings_of(args)
    corpus = stored_corpus(settings) or load_corpus(settings.corpus_dir)  # the database's, when configured
    warn(corpus.problems)
    check_plan(args, corpus)
    return corpus


def warn(problems) -> None:
    """Every file skipped or refused and every plans.toml fault, one line each on stderr."""
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)


def check_plan(args: argparse.Namespace, corpus) -> None:
    if args.plan and args.plan not in {p.plan_id for p in corpus.plans}:
        raise CliError(f"no plan {args.plan!r}; plans: {', '.join(p.plan_id for p in corpus.plans)}")
