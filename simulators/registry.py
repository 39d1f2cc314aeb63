"""The simulators, in one list that the command line, the apps and the book read.

Every simulator is a package ``simulators/<key>/`` with the same four modules, each with the
same names:

- ``model``: its immutable dataclasses (what it is asked and what it answers);
- ``inputs``: its input contract, ``from_dict(data)`` (every value checked at the boundary, each
  problem a ``FieldError`` in ``ScenarioError``) and ``to_dict(input)``, its inverse;
- ``engine``: ``compute(input)``, pure functions over the model;
- ``report``: the answer in the reader's language: ``run_command(data, lang)`` gives the command
  line's (JSON document, text table).

Its app is ``simulators/apps/<key>.ipynb``, a thin notebook that shows the view
``simulators/ui/<key>.py``.

>>> [s.command for s in SIMULATORS]
['late-payment', 'true-cost', 'credit-record', 'credit-card', 'repayment-plan']
>>> get("credit-card").key
'minimum_payment'
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

#: The four modules of every simulator.
PARTS = ("model", "inputs", "engine", "report")


@dataclass(frozen=True)
class Simulator:
    """One simulator: its package (``key``), its command-line name and what the command says."""

    key: str
    command: str
    help: str
    file_help: str

    def module(self, part: str) -> ModuleType:
        """One of its four modules (imported when first asked for: the command line starts
        without importing the simulators it is not asked to run)."""
        if part not in PARTS:
            raise ValueError(f"part must be one of {PARTS}")
        return importlib.import_module(f"simulators.{self.key}.{part}")

    @property
    def app(self) -> str:
        """The app's notebook, relative to ``simulators/``."""
        return f"apps/{self.key}.ipynb"

    def run(self, data, lang: str):
        """Check ``data``, compute, and report: (JSON document, text table)."""
        return self.module("report").run_command(data, lang)


SIMULATORS = (
    Simulator("late_payment", "late-payment", "what paying late costs, for a scenario file",
              "scenario JSON file (see the methodology page), or - for stdin"),
    Simulator("true_cost", "true-cost",
              "what a loan offer really costs: its annual rate on the money received",
              "offer JSON file (see the methodology page), or - for stdin"),
    Simulator("credit_record", "credit-record",
              "how late payment shows up in a credit record, and for how long",
              "scenario JSON file (see the methodology page), or - for stdin"),
    Simulator("minimum_payment", "credit-card",
              "paying off a credit card: months and interest for each way of paying",
              "card JSON file (see the methodology page), or - for stdin"),
    Simulator("repayment_plan", "repayment-plan",
              "staying overdue, an instalment plan or a new loan, side by side",
              "plan JSON file (see the methodology page), or - for stdin"),
)


def get(name: str) -> Simulator:
    """A simulator by its command-line name or its package name."""
    for s in SIMULATORS:
        if name in (s.command, s.key):
            return s
    raise KeyError(name)
