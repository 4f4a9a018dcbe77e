"""`rag` command line: thin commands over the Python API. Heavy imports happen inside the commands."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from rag.errors import RagError


class CliError(RagError):
    """A user mistake: printed as one line on stderr, exit status 2."""


def _print_json(row: dict[str, Any], out: TextIO | None = None) -> None:
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
    _warn(corpus.problems)
    _check_plan(args, corpus)
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
        corpus = load_corpus(settings.corpus_dir)
        manifest = build_index(corpus, embedder, settings.index_dir, progress=True, corpus_dir=settings.corpus_dir)
        _warn(corpus.problems)
        print(f"built {manifest.generation}: {manifest.counts}", file=sys.stderr)
        return 0
    store = ensure_index(settings, lambda: load_corpus(settings.corpus_dir), embedder, progress=True)
    _warn(store.corpus.problems)
    print(f"index ready: {store.manifest.generation} ({len(store.rows)} clauses, {embedder.runtime})", file=sys.stderr)
    return 0


def _warn(problems) -> None:
    """Every file skipped or refused and every plans.toml fault, one line each on stderr."""
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)


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
            _print_json(row)
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


def _check_plan(args: argparse.Namespace, corpus) -> None:
    if args.plan and args.plan not in {p.plan_id for p in corpus.plans}:
        raise CliError(f"no plan {args.plan!r}; plans: {', '.join(p.plan_id for p in corpus.plans)}")


def _load_assistant(args: argparse.Namespace):
    from rag.assistant import Assistant

    assistant = Assistant.load(_settings(args))
    _warn(assistant.corpus.problems)
    _check_plan(args, assistant.corpus)
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
            _print_json(answer.to_json(line.question_id))
        return 0
    problem = text_problem(args.question)
    answer = _refused(printable(args.question), problem) if problem else assistant.ask(args.question, plan=args.plan)
    if args.json:
        _print_json(answer.to_json())
    else:
        print(answer.answer)
        for c in answer.citations:
            print(f"\n[{c.n}] {c.plan_title} › {c.path}  ({c.clause_id})\n    {c.text}")
    return 2 if answer.error else 0


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _question_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("question", nargs="?", help='the question (one starting with "-" also works, or after --, or as --question=…)')
    p.add_argument("-q", "--question", dest="question_option", metavar="QUESTION", help="the question, as an option")


# An option-like word ("-x", "--word", "--word=…"); anything else that starts with "-" is a question.
_OPTION_LIKE = re.compile(r"^--?[A-Za-z][\w-]*(=.*)?$")


def _take_dash_question(parser: argparse.ArgumentParser, args: argparse.Namespace, extra: list[str]) -> None:
    """A question that starts with "-" ("-5℃以下…") is the question when it does not look like an option."""
    if getattr(args, "question_option", None) is not None:
        if args.question is not None:
            parser.error("give the question once: as an argument or with --question")
        args.question = args.question_option
    if extra and hasattr(args, "question_option") and args.question is None and len(extra) == 1 \
            and not _OPTION_LIKE.match(extra[0]):
        args.question, extra = extra[0], []
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")


def cmd_add(args: argparse.Namespace) -> int:
    from rag.corpus.catalog import add_plan

    corpus_dir = _settings(args).corpus_dir
    refused = 0
    for path in args.paths:
        added = add_plan(Path(path), corpus_dir)
        if added.plan is None:
            refused += 1
            print(f"rag: refused {added.problem}", file=sys.stderr)
            continue
        plan = added.plan
        print(f"added {plan.source_file} as {plan.plan_id}: {plan.title} | {plan.issuer or '—'} | {plan.level or '—'}"
              f" | {plan.province or '—'} | {'、'.join(plan.regions) or '—'} | {plan.date or '—'}"
              f"  (entry appended to {corpus_dir / 'plans.toml'}: edit it if a field is wrong)")
    return 1 if refused else 0


def cmd_plans(args: argparse.Namespace) -> int:
    from rag.corpus.catalog import plan_rows

    args.plan = None
    for row in plan_rows(_corpus(args)):
        if args.json:
            _print_json(row)
        else:
            print(f"{row['plan_id']}  {row['title']}  [{row['level'] or '—'}, {row['province'] or '—'}, {row['date'] or '—'}]"
                  f"  clauses {row['clauses']}, notes {row['notes']}, targets {row['targets']}, deadlines {row['deadlines']}")
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from rag.feedback import export_jsonl, open_store

    settings = _settings(args)
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
    _question_arguments(p)
    p.add_argument("--plan"), p.add_argument("--k", type=_positive, default=5, help="how many clauses (≥ 1)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_search)
    p = sub.add_parser("ask", help="answer a question with cited clauses")
    _question_arguments(p)
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
    _take_dash_question(parser, args, extra)
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
