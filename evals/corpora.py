"""The corpus each gold set is asked against: the seeds, or the seeds with the plans-dev excerpts added to them
as a user would add plans (files in the corpus folder, no plans.toml entries)."""
from __future__ import annotations

import shutil
from pathlib import Path

from evals import GENRE_PLANS_DIR, GOLD_SETS


def gold_set_path(name: str) -> Path:
    """The gold file of a set, with the valid names in the error."""
    if name not in GOLD_SETS:
        raise ValueError(f"gold set must be one of {', '.join(GOLD_SETS)}, not {name!r}")
    return GOLD_SETS[name]


def held_out_plans() -> frozenset[str]:
    """Plan ids (file stems) of the plans-dev folders kept for the test split only: their README's title says
    "held-out". No data entry and no test may be fitted to them (composed9: written to measure unseen plans)."""
    folders = [readme.parent for readme in GENRE_PLANS_DIR.rglob("README.md")
               if "held-out" in readme.read_text(encoding="utf-8").splitlines()[0].lower()]
    return frozenset(p.stem for folder in folders for p in folder.iterdir() if p.suffix in (".txt", ".html", ".docx"))


def eval_settings(name: str, settings=None):
    """Settings whose corpus and index serve the gold set `name` (the genre set gets its own corpus and index)."""
    from dataclasses import replace

    from rag.config import Settings

    settings = settings or Settings.load()
    gold_set_path(name)
    if name != "genre":
        return settings
    root = settings.index_dir / "eval-genre"
    corpus_dir = _genre_corpus(settings.corpus_dir, root / "corpus")
    return replace(settings, corpus_dir=corpus_dir, index_dir=root / "index")


def _genre_corpus(seeds: Path, target: Path) -> Path:
    """seeds/* + plans-dev/**/*.{txt,html,docx} copied into target (refreshed when a source changed; extra files
    removed)."""
    target.mkdir(parents=True, exist_ok=True)
    sources = {p.name: p for p in sorted(seeds.iterdir()) if p.is_file() and not p.name.startswith(".")}
    # excerpts and composed plans, as text files, saved web pages and Word files
    sources.update({p.name: p for suffix in ("*.txt", "*.html", "*.docx")
                    for p in sorted(GENRE_PLANS_DIR.rglob(suffix))})
    for stale in set(p.name for p in target.iterdir()) - set(sources):
        (target / stale).unlink()
    for name, source in sources.items():
        copy = target / name
        if not copy.exists() or copy.read_bytes() != source.read_bytes():
            shutil.copyfile(source, copy)
    return target
