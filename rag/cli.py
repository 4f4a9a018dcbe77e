"""`rag` command line: thin commands over the Python API. Heavy imports happen inside the commands."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rag.cli_common import (
    CliError,
    check_plan,
    print_json,
    settings_of,
    warn,
)
from rag.cli_corpus import cmd_add, cmd_clauses, cmd_facts, cmd_plans
from rag.cli_input import positive, question_arguments, take_dash_question
from rag.errors import RagError


def cmd_index(args: argparse.Namespace) -> int:
    from rag.corpus.loader import load_corpus
    from rag.search.backend import backend_name
    from rag.search.embed import load_embedder
    from rag.search.serving import ensure_index
    from rag.search.store import build_index, index_status

    settings = settings_of(args)
    embedder = load_embedder(settings)
    if backend_name(settings) != "files":
        return _index_in_database(args, settings, embedder)
    if args.action == "status":
        status = index_status(settings.index_dir, settings.corpus_dir, embedder.model, embedder.runtime)
        print(f"{status.state}: {status.reason}")
        return 0 if status.state == "ok" else 1
    if args.rebuild:
        corpus = load_corpus(settings.corpus_dir)
        manifest = build_index(corpus, embedder, settings.index_dir, progress=True, corpus_dir=settings.corpus_dir)
        warn(corpus.problems)
        print(f"built {manifest.generation}: {manifest.counts}", file=sys.stderr)
        return 0
    store = ensure_index(settings, lambda: load_corpus(settings.corpus_dir), embedder, progress=True)
    warn(store.corpus.problems)
    print(f"index ready: {store.manifest.generation} ({len(store.rows)} clauses, {embedder.runtime})", file=sys.stderr)
    return 0


def _index_in_database(args: argparse.Namespace, settings, embedder) -> int:
    """`rag index build|status` when RAG_DATABASE_URL selects PostgreSQL."""
    from rag.corpus.loader import load_corpus
    from rag.search.backend import get_backend

    backend = get_backend(settings, embedder)
    if args.action == "status":
        status = backend.status()
        print(f"{status.state}: {status.reason}")
        return 0 if status.state == "ok" else 1
    if args.rebuild:
        manifest = backend.build(load_corpus(settings.corpus_dir), progress=True)
        print(f"built generation {manifest.generation} in the database: {manifest.counts}", file=sys.stderr)
        return 0
    opened = backend.open(lambda: load_corpus(settings.corpus_dir), progress=True)
    print(f"index ready: database generation {opened.searcher.generation} ({opened.manifest.counts['rows']} clauses)",
          file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from rag.answer.intake import QuestionError, clean_question
    from rag.answer.query import analyze
    from rag.cli_input import text_problem

    if args.question is None:
        raise CliError("give a question to search for")
    if text_problem(args.question):
        raise CliError(text_problem(args.question))
    assistant = _load_assistant(args)
    try:
        question = clean_question(args.question, assistant.settings.max_question_chars)
    except QuestionError as exc:
        raise CliError(str(exc)) from None
    query = analyze(question, assistant.corpus.plans)
    plan_ids = [args.plan] if args.plan else list(query.plan_ids) or None
    for rank, hit in enumerate(assistant.retriever.search(query.search_text, k=args.k, plan_ids=plan_ids), 1):
        row = {"rank": rank, "clause_id": hit.clause.clause_id, "plan_id": hit.clause.plan_id,
               "path": hit.clause.breadcrumb, "score": round(hit.score, 5), "sources": list(hit.sources),
               "text": hit.clause.text}
        if args.json:
            print_json(row)
        else:
            print(f"{rank}. {row['clause_id']}  ({row['score']}, {'+'.join(row['sources'])})\n   {row['text'][:120]}")
    return 0


def _batch(source: str):
    """The input lines of --jsonl, read as bytes so that one bad line spoils only itself."""
    from rag.cli_input import read_batch

    if source == "-":
        yield from read_batch(sys.stdin.buffer)
        return
    with open(source, "rb") as handle:
        yield from read_batch(handle)


def _refused(question: str, error: str):
    from rag.types import Answer

    return Answer(question=question, answer=error, abstained=True, citations=(), intent="invalid", error=error)


def _load_assistant(args: argparse.Namespace):
    from rag.assistant import Assistant

    assistant = Assistant.load(settings_of(args))
    warn(assistant.corpus.problems)
    check_plan(args, assistant.corpus)
    return assistant


def cmd_ask(args: argparse.Namespace) -> int:
    from rag.cli_input import printable, text_problem

    if args.question is None and not args.jsonl:
        raise CliError("give a question, or --jsonl FILE (- for stdin)")
    if args.jsonl and args.jsonl != "-":
        if not Path(args.jsonl).is_file():
            raise CliError(f"no such file: {printable(args.jsonl)}")
        try:
            Path(args.jsonl).open("rb").close()
        except OSError as exc:
            raise CliError(f"cannot read {printable(args.jsonl)}: {exc.strerror}") from None
    assistant = _load_assistant(args)
    if args.jsonl:
        for line in _batch(args.jsonl):
            answer = _refused(line.question, line.error) if line.error else assistant.ask(line.question, plan=args.plan)
            print_json(answer.to_json(line.question_id))
        return 0
    problem = text_problem(args.question)
    answer = _refused(printable(args.question), problem) if problem else assistant.ask(args.question, plan=args.plan)
    if args.json:
        print_json(answer.to_json())
    else:
        print(answer.answer)
        for c in answer.citations:
            print(f"\n[{c.n}] {c.plan_title} › {c.path}  ({c.clause_id})\n    {c.text}")
    return 2 if answer.error else 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from rag.feedback import export_jsonl, open_store

    settings = settings_of(args)
    written = export_jsonl(open_store(settings.data_dir, settings), sys.stdout)
    print(f"{written} feedback rows exported", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rag", description="Clause-grounded answers over Chinese government plans.")
    parser.add_argument("--config", help="settings TOML (default: RAG_CONFIG or ./rag.toml)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("clauses", help="the clause tree")
    p.add_argument("--plan"), p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_clauses)
    p = sub.add_parser("facts", help="responsibilities, targets and deadlines")
    p.add_argument("--plan"), p.add_argument("--json", action="store_true")
    p.add_argument("--kind", choices=("responsibility", "target", "deadline"))
    p.add_argument("--unit", help="responsibilities naming this unit, across plans (e.g. 住建局)")
    p.set_defaults(run=cmd_facts)
    p = sub.add_parser("index", help="build or check the search index")
    p.add_argument("action", choices=("build", "status"))
    p.add_argument("--rebuild", action="store_true", help="build a new generation even if current")
    p.add_argument("--if-missing", action="store_true", help="build only when missing or stale (the default)")
    p.set_defaults(run=cmd_index)
    p = sub.add_parser("search", help="ranked clauses for a question")
    question_arguments(p)
    p.add_argument("--plan"), p.add_argument("--k", type=positive, default=5, help="how many clauses (≥ 1)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_search)
    p = sub.add_parser("ask", help="answer a question with cited clauses")
    question_arguments(p)
    p.add_argument("--plan"), p.add_argument("--json", action="store_true")
    p.add_argument("--jsonl", metavar="FILE", help='one {"id", "question"} per line; - for stdin')
    p.set_defaults(run=cmd_ask)
    p = sub.add_parser("add", help="copy plan files (.txt .html .docx .pdf) into the corpus with a plans.toml entry")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(run=cmd_add)
    p = sub.add_parser("plans", help="the plans loaded, with metadata and counts of clauses and facts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_plans)
    p = sub.add_parser("feedback", help="feedback left in the app (rag feedback export > feedback.jsonl)")
    p.add_argument("action", choices=("export",))
    p.set_defaults(run=cmd_feedback)
    sub.add_parser("eval", help="score the assistant on the gold questions (rag eval --help)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["eval"]:  # the scorer owns its options (rag eval --help)
        from evals.score import main as eval_main

        return eval_main(argv[1:])
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    take_dash_question(parser, args, extra)
    try:
        return args.run(args)
    except CliError as exc:
        print(f"rag: {exc}", file=sys.stderr)
        return 2
    except RagError as exc:  # a failure the user can act on: its message says what to do
        print(f"rag: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the message, not a traceback; RAG_DEBUG=1 shows it
        import os

        if os.environ.get("RAG_DEBUG"):
            raise
        print(f"rag: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
