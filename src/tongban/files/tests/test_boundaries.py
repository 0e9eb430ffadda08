"""The files app sits low in the dependency graph: it may use core and audit, nothing else of Tongban."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent
ALLOWED = ("tongban.core", "tongban.audit", "tongban.files")


def _tongban_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m == "tongban" or m.startswith("tongban.")}


def test_files_imports_only_core_and_audit():
    offending = {
        str(path.relative_to(APP)): sorted(m for m in _tongban_imports(path) if not m.startswith(ALLOWED))
        for path in APP.rglob("*.py")
        if "tests" not in path.relative_to(APP).parts
    }
    assert {k: v for k, v in offending.items() if v} == {}
