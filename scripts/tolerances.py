"""Tolerances derived from measured float32 rounding, per tensor.

The grader accepts a value a against PyTorch's float32 value r when

    |a - r| <= atol + rtol * |r|          element-wise; NaN and infinity never pass.

For every tensor a layer case produces, the exporter computes the same thing with the same PyTorch
code from the same inputs twice: in float32 (the reference r) and in float64 (e, as good as exact
here). d = |r - e| element-wise is how far float32 rounding moved each value in PyTorch's own
kernel; its maximum is the tensor's ``spread``. Where PyTorch's kernel is more accurate than
float32 arithmetic can be (BatchNorm2d in train mode accumulates in float64), d also takes the
larger distance of a plain float32 implementation with sequential sums (``spread_sequential``,
see ``reference_layers.batchnorm_sequential_float32``). Then

    atol = max(FLOOR_ATOL, max_i(SAFETY_FACTOR * d_i - FLOOR_RTOL * |r_i|)), rounded up to two
           significant digits,
    rtol = FLOOR_RTOL:

the smallest absolute tolerance under which SAFETY_FACTOR times each element's measured rounding
still passes the rule. So PyTorch's own float64 result passes with a margin of at least
SAFETY_FACTOR everywhere, and so does any implementation that rounds like one of the measured ones.

SAFETY_FACTOR = 10, FLOOR_ATOL = FLOOR_RTOL = 1e-5 (the grader's former fixed tolerance). Measured
by ``audit_tolerances.py`` over seeds 1-60 on batchnorm_small_variance, the only case whose
rounding reaches past the floor: float32 implementations that sum in other orders than the
measured ones (NumPy's pairwise sums; sequential loops in channel-last or reversed order) used at
most 0.48 of the derived tolerance, float64 ones 0.10, while the smallest real mistakes failed by
at least 989 tolerances (backward without the mean term; eps 1e-20: 3000; the swapped momentum:
32500). On every other case PyTorch's rounding uses less than 0.1 of the floor, so their
tolerance stays the floor. README, "How tolerances are derived", has the table.
"""

from __future__ import annotations

import math

import numpy as np
import torch

SAFETY_FACTOR = 10.0
FLOOR_ATOL = 1e-5
FLOOR_RTOL = 1e-5
SIGNIFICANT_DIGITS = 2
RULE = "|a - r| <= atol + rtol * |r| element-wise; NaN and infinity never pass"
DERIVATION = (
    f"d = |float32 - float64| per element, PyTorch's own results from the same inputs (for "
    f"BatchNorm2d in train mode also a float32 implementation with sequential sums); "
    f"atol = max({FLOOR_ATOL:g}, max(safety_factor * d - rtol * |r|)) rounded up to "
    f"{SIGNIFICANT_DIGITS} significant digits; rtol = {FLOOR_RTOL:g}")


class SpreadError(Exception):
    """float32 and float64 disagree about which values are finite: the case itself is broken."""


def as_float64(values) -> np.ndarray:
    if isinstance(values, torch.Tensor):
        values = values.detach().numpy()
    return np.asarray(values, dtype=np.float64)


def differences(float32, float64) -> np.ndarray:
    """|float32 - float64| element-wise (0 where both hold the same infinity)."""
    a, b = as_float64(float32), as_float64(float64)
    if a.shape != b.shape:
        raise SpreadError(f"shapes {list(a.shape)} and {list(b.shape)} differ")
    finite = np.isfinite(a)
    if not np.array_equal(finite, np.isfinite(b)) or not np.array_equal(a[~finite], b[~finite]):
        raise SpreadError("float32 and float64 differ in which values are finite")
    return np.where(finite, np.abs(np.where(finite, a, 0.0) - np.where(finite, b, 0.0)), 0.0)


def spread(float32, float64) -> float:
    """max |float32 - float64|; 0 for empty tensors."""
    d = differences(float32, float64)
    return float(d.max()) if d.size else 0.0


def round_up(value: float, digits: int = SIGNIFICANT_DIGITS) -> float:
    """value rounded up to `digits` significant digits, as a short decimal (1.3412e-3 -> 0.0014)."""
    if value <= 0:
        return 0.0
    exponent = math.floor(math.log10(value)) - (digits - 1)
    mantissa = math.ceil(round(value / 10 ** exponent, 9))
    return float(f"{mantissa}e{exponent}")


def three_digits(value: float) -> float:
    return float(f"{value:.3g}")


def derive(reference, float64, alternatives=()) -> dict:
    """The tolerance of one tensor: atol, rtol and the measured spreads.

    reference: PyTorch's float32 result; float64: the same computation in float64; alternatives:
    other correct float32 results of the same computation, where PyTorch's kernel is more accurate
    than float32 arithmetic (their distance to float64 counts too).
    """
    r = as_float64(reference)
    d = differences(reference, float64)
    entry = {"spread": three_digits(float(d.max())) if d.size else 0.0}
    if alternatives:
        others = [differences(alternative, float64) for alternative in alternatives]
        entry["spread_sequential"] = three_digits(max(float(o.max()) if o.size else 0.0 for o in others))
        d = np.maximum.reduce([d, *others])
    finite = np.isfinite(r)
    needed = float(np.max(SAFETY_FACTOR * d[finite] - FLOOR_RTOL * np.abs(r[finite]))) if finite.any() else 0.0
    entry["atol"] = max(FLOOR_ATOL, round_up(needed))
    entry["rtol"] = FLOOR_RTOL
    return entry


def summary() -> dict:
    """The manifest's account of how the tolerances were made."""
    return {
        "rule": RULE,
        "derivation": DERIVATION,
        "safety_factor": SAFETY_FACTOR,
        "floor_atol": FLOOR_ATOL,
        "floor_rtol": FLOOR_RTOL,
    }
