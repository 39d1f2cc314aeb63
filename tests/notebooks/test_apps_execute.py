"""Every Voila app notebook executes from top to bottom without an error, in both languages,
and stays thin: it imports a view and shows it (the logic lives in the package)."""

import os
import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = sorted((ROOT / "simulators" / "apps").glob("*.ipynb"))


def test_there_are_apps():
    assert [p.name for p in APPS] and "late_payment.ipynb" in [p.name for p in APPS]


@pytest.mark.parametrize("path", APPS, ids=lambda p: p.name)
@pytest.mark.parametrize("query", ["", "lang=zh"])
def test_app_notebook_executes(path, query, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", query)
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) <= 3 and sum(len(c.source.splitlines()) for c in code) <= 12, "keep apps thin"
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT)}}).execute()
    for cell in code:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", "".join(out.get("traceback", []))
            assert "Traceback" not in str(out.get("text", ""))
    widget_views = [o for c in code for o in c.get("outputs", [])
                    if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert widget_views, "the app shows a widget"
