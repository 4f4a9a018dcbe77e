"""No pickle anywhere: no module imports a pickling library, and every numpy load refuses pickled arrays."""
from __future__ import annotations

import ast

from rag.config import PROJECT_ROOT

PICKLERS = {"pickle", "cPickle", "_pickle", "dill", "shelve", "marshal", "joblib", "cloudpickle"}
SOURCES = sorted([*(PROJECT_ROOT / "rag").rglob("*.py"), *(PROJECT_ROOT / "evals").rglob("*.py"), PROJECT_ROOT / "app.py"])


def pickle_uses(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in PICKLERS]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in PICKLERS:
            found.append(node.module)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            keywords = {k.arg: k.value for k in node.keywords}
            safe = isinstance(keywords.get("allow_pickle"), ast.Constant) and keywords["allow_pickle"].value is False
            if node.func.attr == "load" and getattr(node.func.value, "id", "") in ("np", "numpy") and not safe:
                found.append(f"np.load without allow_pickle=False at line {node.lineno}")
            if node.func.attr in ("load_local", "save_local", "torch_load"):
                found.append(f"{node.func.attr} at line {node.lineno}")
    return found


def test_no_module_pickles():
    uses = {str(p.relative_to(PROJECT_ROOT)): pickle_uses(ast.parse(p.read_text(encoding="utf-8"))) for p in SOURCES}
    assert {name: found for name, found in uses.items() if found} == {}


def test_the_check_sees_a_pickle():
    assert pickle_uses(ast.parse("import pickle\nimport numpy as np\nnp.load('a.npy')\n")) == [
        "pickle", "np.load without allow_pickle=False at line 3"]
