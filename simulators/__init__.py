"""The Borrower's Handbook simulators: a pure model of loan costs, late payment and credit records.

The engine (``schedule``, ``late``, ``rates``) is pure functions over small immutable dataclasses
and NumPy arrays. Views (``simulators.ui``) and the command line translate to and from it.
"""

__version__ = "0.1.0"
