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
