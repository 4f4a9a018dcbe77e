"""corpus/ → Corpus: every plan file read, cleaned, parsed and its facts extracted; bad files reported, not fatal."""
from __future__ import annotations

from pathlib import Path

from rag.corpus.clauses import parse_clauses
from rag.corpus.extract import extract_facts
from rag.corpus.formats import PLAN_SUFFIXES
from rag.corpus.ingest import PlanFileError, PlanText, load_plan_file, read_manifest
from rag.types import Corpus


def plan_files(corpus_dir: Path) -> list[Path]:
    """The plan files of a corpus folder, in a stable order."""
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in PLAN_SUFFIXES)


def read_plans(corpus_dir: Path) -> tuple[list[PlanText], list[str]]:
    """Decoded, cleaned plans and the problems met (empty, undecodable, duplicate files are skipped)."""
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {corpus_dir}")
    manifest = read_manifest(corpus_dir)
    plans: list[PlanText] = []
    problems: list[str] = []
    by_hash: dict[str, str] = {}
    # Listed plans first, so an unlisted copy of a listed plan is the one reported as the duplicate.
    for path in sorted(plan_files(corpus_dir), key=lambda p: (p.name not in manifest, p.name)):
        try:
            plan_text = load_plan_file(path, manifest.get(path.name))
        except PlanFileError as exc:
            problems.append(f"skipped {exc}")
            continue
        plan = plan_text.plan
        twin = by_hash.get(plan.content_hash)
        if twin:
            problems.append(f"skipped {path.name}: a duplicate of {twin}")
            continue
        if any(p.plan.plan_id == plan.plan_id for p in plans):
            problems.append(f"skipped {path.name}: plan id {plan.plan_id!r} is already used")
            continue
        if plan_text.encoding == "gb18030":
            problems.append(f"{path.name}: decoded as {plan_text.encoding}")
        by_hash[plan.content_hash] = path.name
        plans.append(plan_text)
    missing = sorted(set(manifest) - {p.plan.source_file for p in plans} - _mentioned(problems))
    problems.extend(f"plans.toml lists {name}, which is not in {corpus_dir.name}/" for name in missing)
    return plans, problems


def _mentioned(problems: list[str]) -> set[str]:
    return {word.rstrip(":") for problem in problems for word in problem.split()}


def load_corpus(corpus_dir: Path) -> Corpus:
    """Parse every plan in corpus_dir into clauses and facts."""
    plan_texts, problems = read_plans(Path(corpus_dir))
    clauses, responsibilities, targets, deadlines = [], [], [], []
    for plan_text in plan_texts:
        plan_clauses = parse_clauses(plan_text)
        facts = extract_facts(plan_clauses)
        clauses.extend(plan_clauses)
        responsibilities.extend(facts.responsibilities)
        targets.extend(facts.targets)
        deadlines.extend(facts.deadlines)
    return Corpus(
        plans=tuple(p.plan for p in plan_texts),
        clauses=tuple(clauses),
        responsibilities=tuple(responsibilities),
        targets=tuple(targets),
        deadlines=tuple(deadlines),
        problems=tuple(problems),
    )
