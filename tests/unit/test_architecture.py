"""The shape of the package that the architecture sets (README, "How it is built"): one registry
of simulators, the same four modules each, an acyclic import graph counting every import
statement, no app module importing another, no chart drawn by a module that imports ipywidgets,
and presets refused when their shape is wrong."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import simulators
from simulators import registry
from simulators.core import presets

PACKAGE = Path(simulators.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict:
    """Module -> the package's modules it imports, from every import statement (function-level
    ones too)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            deps.update(t for t in targets if t in modules and t != name)
        graph[name] = deps
    return graph


def cycles(graph: dict) -> list:
    """The import cycles of ``graph`` (strongly connected components of more than one module,
    or a module importing itself)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_has_no_cycle():
    assert cycles(import_graph()) == []


def test_the_cycle_check_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": set(), "b": {"a"}}) == []


def test_no_app_module_imports_another():
    graph = import_graph()
    apps = {f"simulators.ui.{s.key}" for s in registry.SIMULATORS}
    assert apps <= set(graph)
    for app in apps:
        assert not graph[app] & (apps - {app}), f"{app} imports {graph[app] & apps}"


def test_no_chart_module_imports_ipywidgets():
    charts = sorted((PACKAGE / "ui" / "charts").glob("*.py"))
    assert len(charts) >= 4
    graph = import_graph()
    for path in charts:
        # Directly, or through any module of the package it imports.
        seen, todo = set(), [_module_name(path)]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            todo.extend(graph[name])
        for name in seen:
            source = (PACKAGE.parent / (name.replace(".", "/") + ".py"))
            if not source.exists():
                source = PACKAGE.parent / name.replace(".", "/") / "__init__.py"
            tree = ast.parse(source.read_text(encoding="utf-8"))
            imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
            imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
            assert "ipywidgets" not in imported, f"{path.name} reaches ipywidgets through {name}"


@pytest.mark.parametrize("simulator", registry.SIMULATORS, ids=lambda s: s.key)
def test_every_simulator_has_the_same_modules_and_names(simulator):
    folder = PACKAGE / simulator.key
    assert sorted(p.stem for p in folder.glob("*.py")) == sorted(("__init__", *registry.PARTS))
    inputs, engine, report = (simulator.module(p) for p in ("inputs", "engine", "report"))
    for module, name in ((inputs, "from_dict"), (inputs, "to_dict"), (engine, "compute"),
                         (report, "run_command")):
        assert callable(getattr(module, name, None)), f"{module.__name__}.{name}"
    assert (PACKAGE / simulator.app).exists()
    assert (PACKAGE / "ui" / f"{simulator.key}.py").exists()


def test_every_app_is_in_the_registry():
    notebooks = sorted(p.stem for p in (PACKAGE / "apps").glob("*.ipynb"))
    assert notebooks == sorted(s.key for s in registry.SIMULATORS)


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROUND_TRIPS = [("late_payment", "late-3-4.json"), ("credit_record", "credit-late-45.json"),
               ("true_cost", "offer-monthly-fee.json"), ("true_cost", "offer-loan.json"),
               ("true_cost", "offer-payments.json"), ("minimum_payment", "card-minimum-vs-more.json"),
               ("repayment_plan", "plan-with-interest.json")]


@pytest.mark.parametrize("key, example", ROUND_TRIPS)
def test_an_input_survives_to_dict_and_back(key, example):
    """``to_dict`` gives a file that ``from_dict`` reads back into the same input, which
    computes the same answer."""
    inputs = registry.get(key).module("inputs")
    report = registry.get(key).module("report")
    data = json.loads((EXAMPLES / example).read_text(encoding="utf-8"))
    first = inputs.from_dict(data)
    again = inputs.from_dict(json.loads(json.dumps(inputs.to_dict(first))))
    assert inputs.to_dict(again) == inputs.to_dict(first)
    assert report.run_command(inputs.to_dict(first), "en") == report.run_command(data, "en")


def test_a_preset_of_the_wrong_shape_is_refused():
    good = presets.load("cards")["cn_credit_card"]
    assert presets.check(good, "cards/cn_credit_card.json") is good
    no_source = {**good, "rules": {**good["rules"], "min_rate": {"value": 0.1}}}
    with pytest.raises(presets.PresetError, match="rules.min_rate"):
        presets.check(no_source, "x.json")
    unknown = {**good, "rules": {**good["rules"], "min_rate": {"value": 0.1, "source": "nowhere"}}}
    with pytest.raises(presets.PresetError, match="nowhere"):
        presets.check(unknown, "x.json")
    english_only = {**good, "name": {"en": "A card"}}
    with pytest.raises(presets.PresetError, match="name"):
        presets.check(english_only, "x.json")
