"""`rag` command line: thin commands over the Python API. Heavy imports happen inside the commands."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterable, TextIO

from rag.errors import RagError


class CliError(RagError):
    """A user mistake: printed as one line on stderr, exit status 2."""


def _print_json(row: dict[str, Any], out: TextIO = sys.stdout) -> None:
    out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _settings(args: argparse.Namespace):
    from rag.config import ConfigError, Settings

    try:
        return Settings.load(Path(args.config) if args.config else None)
    except ConfigError as exc:
        raise CliError(str(exc)) from None


def _corpus(args: argparse.Namespace):
    from rag.corpus.loader import load_corpus
    from rag.search.backend import stored_corpus

    settings = _settings(args)
    corpus = stored_corpus(settings) or load_corpus(settings.corpus_dir)  # the database's, when configured
    for problem in corpus.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.plan and args.plan not in {p.plan_id for p in corpus.plans}:
        raise CliError(f"no plan {args.plan!r}; plans: {', '.join(p.plan_id for p in corpus.plans)}")
    return corpus


def cmd_clauses(args: argparse.Namespace) -> int:
    from rag.corpus.rows import clause_rows

    for row in clause_rows(_corpus(args), args.plan):
        if args.json:
            _print_json(row)
        else:
            print(f"{row['clause_id']}  [{row['kind']}]  {row['text'][:80]}")
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    from rag.corpus.rows import FACT_KINDS, fact_rows

    corpus = _corpus(args)
    if args.unit:
        return _facts_of_unit(args, corpus)
    for kind in [args.kind] if args.kind else FACT_KINDS:
        for row in fact_rows(corpus, kind, args.plan):
            if args.json:
                _print_json({"kind": kind, **row})
            else:
                print(_fact_line(kind, row))
    return 0


def _facts_of_unit(args: argparse.Namespace, corpus) -> int:
    """`rag facts --unit 住建局`: every responsibility naming the unit, across plans (one SQL query on PostgreSQL)."""
    from rag.corpus.rows import fact_rows
    from rag.search.backend import responsibilities_of_unit

    wanted = {(r.plan_id, r.clause_id, r.note) for r in
              responsibilities_of_unit(_settings(args), args.unit, [args.plan] if args.plan else None, corpus)}
    for row in fact_rows(corpus, "responsibility", args.plan):
        if (row["plan_id"], row["clause_id"], row["note"]) in wanted:
            _print_json({"kind": "responsibility", **row}) if args.json else print(_fact_line("responsibility", row))
    return 0


def _fact_line(kind: str, row: dict[str, Any]) -> str:
    if kind == "responsibility":
        return (f"{row['clause_id']}  牵头：{'、'.join(row['lead_units']) or '—'}  配合：{'、'.join(row['cooperating_units']) or '—'}"
                f"  落实：{'、'.join(row['implementing_units']) or '—'}  {row['task'][:40]}")
    if kind == "target":
        return f"{row['clause_id']}  {row['indicator']}  {row['comparator']} {row['value_text']}  {row['year'] or ''}"
    return f"{row['clause_id']}  {row['text']}  ({row['kind']})"


def cmd_index(args: argparse.Namespace) -> int:
    from rag.corpus.loader import load_corpus
    from rag.search.embed import load_embedder
    from rag.search.backend import backend_name
    from rag.search.serving import ensure_index
    from rag.search.store import build_index, index_status

    settings = _settings(args)
    embedder = load_embedder(settings)
    if backend_name(settings) != "files":
        return _index_in_database(args, settings, embedder)
    if args.action == "status":
        status = index_status(settings.index_dir, settings.corpus_dir, embedder.model, embedder.runtime)
        print(f"{status.state}: {status.reason}")
        return 0 if status.state == "ok" else 1
    if args.rebuild:
        manifest = build_index(load_corpus(settings.corpus_dir), embedder, settings.index_dir,
                               progress=True, corpus_dir=settings.corpus_dir)
        print(f"built {manifest.generation}: {manifest.counts}", file=sys.stderr)
        return 0
    store = ensure_index(settings, lambda: load_corpus(settings.corpus_dir), embedder, progress=True)
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
    from rag.answer.query import QuestionError, analyze, clean_question
    from rag.assistant import Assistant

    assistant = Assistant.load(_settings(args))
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
            _print_json(row)
        else:
            print(f"{rank}. {row['clause_id']}  ({row['score']}, {'+'.join(row['sources'])})\n   {row['text'][:120]}")
    return 0


def _questions(source: str) -> Iterable[tuple[Any, str]]:
    handle = sys.stdin if source == "-" else open(source, encoding="utf-8")
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield row.get("id", number), str(row.get("question", ""))
            except (json.JSONDecodeError, AttributeError):
                yield number, ""  # the answer carries the error; the stream keeps its order


def cmd_ask(args: argparse.Namespace) -> int:
    from rag.assistant import Assistant

    if not args.question and not args.jsonl:
        raise CliError("give a question, or --jsonl FILE (- for stdin)")
    if args.jsonl and args.jsonl != "-" and not Path(args.jsonl).is_file():
        raise CliError(f"no such file: {args.jsonl}")
    assistant = Assistant.load(_settings(args))
    if args.jsonl:
        for question_id, question in _questions(args.jsonl):
            _print_json(assistant.ask(question, plan=args.plan).to_json(question_id))
            sys.stdout.flush()
        return 0
    answer = assistant.ask(args.question, plan=args.plan)
    if args.json:
        _print_json(answer.to_json())
    else:
        print(answer.answer)
        for c in answer.citations:
            print(f"\n[{c.n}] {c.plan_title} › {c.path}  ({c.clause_id})\n    {c.text}")
    return 2 if answer.error else 0


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
    p.add_argument("question"), p.add_argument("--plan"), p.add_argument("--k", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_search)
    p = sub.add_parser("ask", help="answer a question with cited clauses")
    p.add_argument("question", nargs="?"), p.add_argument("--plan"), p.add_argument("--json", action="store_true")
    p.add_argument("--jsonl", metavar="FILE", help='one {"id", "question"} per line; - for stdin')
    p.set_defaults(run=cmd_ask)
    sub.add_parser("eval", help="score the assistant on the gold questions (rag eval --help)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["eval"]:  # the scorer owns its options (rag eval --help)
        from evals.score import main as eval_main

        return eval_main(argv[1:])
    args = build_parser().parse_args(argv)
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
