"""The layering promises in docs/architecture.md, checked by reading the source."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "groupwcc"
CORE_ALLOWED = {"groupwcc.models", "groupwcc.errors", "groupwcc.i18n", "groupwcc.core"}
HEAVY = ("pandas", "jinja2", "icalendar", "sqlalchemy", "openpyxl", "xlsxwriter", "weasyprint",
         "matplotlib", "holidays", "yaml")


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_core_imports_only_stdlib_models_and_errors():
    stdlib = sys.stdlib_module_names
    bad = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            allowed = top in stdlib or any(name == a or name.startswith(a + ".")
                                           for a in CORE_ALLOWED)
            if not allowed:
                bad.append(f"{path.relative_to(ROOT)}: {name}")
    assert bad == []


def test_core_never_reads_the_clock():
    offenders = [str(p.relative_to(ROOT)) for p in (PACKAGE / "core").rglob("*.py")
                 if "date.today()" in p.read_text() or "datetime.now(" in p.read_text()]
    assert offenders == []


def test_help_does_not_import_heavy_libraries():
    code = ("import sys\nfrom groupwcc.cli import get_app\nfrom typer.testing import CliRunner\n"
            "r = CliRunner().invoke(get_app(), ['--help'])\nassert r.exit_code == 0, r.output\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == ""


def test_nothing_imports_the_cli_outside_it():
    bad = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
           if "cli" not in p.relative_to(PACKAGE).parts[:1]
           and p.name != "__main__.py"
           and any(n.startswith("groupwcc.cli") for n in _imports(p))]
    assert bad == []
