"""tongban.clock must stay free of Django: it is imported by pure domain code and by the benchmark."""

import ast
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


def test_no_module_in_the_package_imports_django():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "django"]
    assert offenders == []


def test_default_outside_django_uses_chinesecalendar():
    code = (
        "import sys; from datetime import date; from tongban.clock import WorkCalendar; "
        "c = WorkCalendar.default(); print(c.add_workdays(date(2025, 1, 20), 20), c.years[0], c.years[-1]); "
        "print('django' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert out.split() == ["2025-02-21", "2004", "2026", "False"]
