"""models/attendance.py is the one attendance file contract: the exporter writes it, the
reader reads it, and neither defines it."""

from __future__ import annotations

import ast
import io
from pathlib import Path

from groupwcc.models import attendance as contract
from groupwcc.readers.attendance import normalise_status

PACKAGE = Path(contract.__file__).resolve().parents[1]


def test_every_status_and_alias_reads_back_as_a_status() -> None:
    assert [normalise_status(s.upper()) for s in contract.STATUSES] == list(contract.STATUSES)
    assert all(normalise_status(a) in contract.STATUSES for a in contract.STATUS_ALIASES)


def test_the_readme_text_names_every_status_and_the_header_row() -> None:
    text = " ".join(contract.README_TEXT)
    assert all(s in text for s in contract.STATUSES)
    assert f"Row {contract.HEADER_ROW}" in text
    assert set(contract.REQUIRED_COLUMNS) <= set(contract.COLUMNS)


def test_the_exported_workbook_follows_the_contract() -> None:
    from openpyxl import load_workbook

    from groupwcc.exporters.workbook import render_workbook

    book = load_workbook(io.BytesIO(render_workbook([])))
    assert book.sheetnames == [contract.README_SHEET]
    cells = [c.value for c in book[contract.README_SHEET]["A"]]
    assert cells[0] == contract.README_TITLE
    assert cells[2:] == list(contract.README_TEXT)


def test_only_the_model_defines_the_layout() -> None:
    """Readers never import exporters; no reader or exporter assigns the contract's names."""
    names = {"STATUSES", "COLUMNS", "HEADER_ROW", "README_SHEET"}
    for path in [*(PACKAGE / "readers").glob("*.py"), PACKAGE / "exporters" / "workbook.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign | ast.AnnAssign)
                    for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                    if isinstance(t, ast.Name)}
        assert not assigned & names, path.name
        if path.parent.name == "readers":
            imported = [n.module for n in ast.walk(tree)
                        if isinstance(n, ast.ImportFrom) and n.module]
            assert not [m for m in imported if m.startswith("groupwcc.exporters")], path.name
