"""Money is held as whole cents (fen) in int64, so that every breakdown adds up exactly."""

from __future__ import annotations

import math

import numpy as np


def to_cents(yuan: float) -> int:
    """Round an amount in yuan to whole cents, halves away from zero (the usual bank rounding)."""
    return int(round_cents(float(yuan) * 100.0))


def round_cents(x):
    """Round amounts already expressed in cents to whole cents, halves away from zero.

    ``np.round`` rounds halves to even, which banks do not do; this rounds 12.5 cents to 13.
    Works on scalars and arrays; returns int64 (an array for array input).
    """
    a = np.asarray(x, dtype=float)
    # The small epsilon absorbs binary error such as 0.285 * 100 = 28.499999999999996.
    out = np.sign(a) * np.floor(np.abs(a) + 0.5 + 1e-9)
    out = out.astype(np.int64)
    return out if out.ndim else int(out)


def round_half_up(x: float) -> int:
    """``round_cents`` for one Python number: the fast path for loops over instalments."""
    return int(math.floor(x + 0.5 + 1e-9)) if x >= 0 else -int(math.floor(-x + 0.5 + 1e-9))


def to_yuan(cents: int) -> float:
    """Cents back to yuan, for output. Exact to two decimals."""
    return round(int(cents) / 100.0, 2)
