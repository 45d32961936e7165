"""The rules package imports and runs without Django: a lawyer can read and test the law on its own."""

import os
import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import rummelig.rules as rules
for module in pkgutil.iter_modules(rules.__path__):
    if module.name != "tests":
        importlib.import_module(f"rummelig.rules.{module.name}")
from rummelig.rules.ratio import max_supported_placements
assert max_supported_placements(25) == 5
assert "django" not in sys.modules, sorted(m for m in sys.modules if m.startswith("django"))
print("pure")
"""


def test_every_rules_module_imports_without_django():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pure"


def test_rules_modules_import_one_way():
    """No two rules modules import each other (directly or round a loop), not even inside a function."""
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[1]
    imports = {}
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports[path.stem] = {
            (node.module or "").split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
        }

    def reaches(start, target, seen=()):
        return any(n == target or (n not in seen and reaches(n, target, (*seen, n))) for n in imports.get(start, ()))

    loops = sorted(name for name in imports if reaches(name, name))
    assert not loops, f"rules modules in an import loop: {loops}"
