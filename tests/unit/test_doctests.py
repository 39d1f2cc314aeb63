"""The examples in the package's docstrings are run: a docstring example that no longer holds
fails the test command (it would mislead whoever reads the code)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import simulators

MODULES = sorted(m.name for m in pkgutil.walk_packages(simulators.__path__, "simulators.")
                 if not m.name.endswith("__main__"))


def test_the_package_has_docstring_examples():
    attempted = sum(doctest.testmod(importlib.import_module(name)).attempted for name in MODULES)
    assert attempted >= 20


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_of_a_module_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"
