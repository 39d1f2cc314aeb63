"""The apps show a hidden widget again with ``layout.display = ""``, never ``None``.

Under Voila both work; under the in-browser kernel (Pyodide) ``None`` reaches the page as
JavaScript ``undefined``, which ipywidgets ignores, so a widget once hidden stays hidden: no
disclosure opens, no error summary appears. This walks the source of every view for an assignment
of ``None`` (directly or as either branch of a conditional) to a ``display`` attribute.
"""

import ast
from pathlib import Path

import simulators

UI = Path(simulators.__file__).parent / "ui"


def _none_branches(node):
    if isinstance(node, ast.Constant) and node.value is None:
        return True
    if isinstance(node, ast.IfExp):
        return _none_branches(node.body) or _none_branches(node.orelse)
    return False


def test_no_view_sets_display_to_none():
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and _none_branches(node.value):
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and target.attr == "display":
                        found.append(f"{path.name}:{node.lineno}")
    assert not found, f"display set to None (use \"\"): {found}"


def test_the_check_sees_a_none_display():
    tree = ast.parse('w.layout.display = None if shown else "none"')
    node = tree.body[0]
    assert _none_branches(node.value) and node.targets[0].attr == "display"
