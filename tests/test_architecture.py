"""The layout is checked, not described: import-linter's contracts in pyproject.toml (the four wings as layers,
the search wing kept off the parser, no cycles inside a wing)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from rag.config import PROJECT_ROOT


def _lint_imports() -> subprocess.CompletedProcess:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    return subprocess.run([command, "--no-cache"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    result = _lint_imports()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_manifest_hashes_the_parser_without_importing_it():
    # A fresh interpreter: computing the parser version must not load any module of the corpus wing.
    code = ("import sys; from rag.search.manifest import parser_version; v = parser_version(); "
            "print(v, any(m.startswith('rag.corpus') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT)
    version, imported = out.stdout.split()
    assert version.startswith("3+") and len(version) == 14 and imported == "False"
