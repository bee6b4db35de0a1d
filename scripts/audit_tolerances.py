"""Measures the derived tolerances against correct and wrong implementations, over many seeds.

    .venv/bin/python scripts/audit_tolerances.py --seeds 1-10    # the README's tables

For every layer case and expected tensor, over the given seeds: the spread (max |float32 - float64|
of PyTorch's own results), the derived atol, and how much of the tolerance PyTorch's float64 result
uses. For BatchNorm2d in train mode, the one layer whose rounding reaches past the floor, also
hand-written implementations that round differently, which must pass, and the smallest real
mistakes, which must fail by at least 10x:

- correct: float64 throughout; float32 with NumPy's pairwise sums; float32 with sequential sums
  over the channel's values in channel-last order (h, w, n) and in reversed (w, n, h) order;
- mistakes: eps 1e-20, the running statistics' momentum swapped (0.9 for the batch), backward
  without the mean-of-gradient term.

"uses" is max over elements of |a - r| / (atol + rtol * |r|): below 1 passes, above 1 fails.
Nothing here is written anywhere; the exporter does not depend on it.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

import pinned_numerics  # noqa: F401  (before torch)

import numpy as np
import torch

import export_reference
import reference_layers
import tolerances

MISTAKES = ("eps 1e-20", "momentum swapped", "no mean term")


def uses(actual, reference, tolerance: dict) -> float:
    a, r = tolerances.as_float64(actual), tolerances.as_float64(reference)
    ratio = np.abs(a - r) / (tolerance["atol"] + tolerance["rtol"] * np.abs(r))
    return float(np.nan_to_num(ratio, nan=np.inf).max()) if ratio.size else 0.0


def ordered_sum(order, reverse):
    """A sequential float32 sum over a channel's [N, H, W] values in the given axis order."""
    def total(values):
        flat = np.transpose(values, order).ravel()
        return np.add.accumulate(flat[::-1] if reverse else flat, dtype=np.float32)[-1]
    return total


def batchnorm(t, dtype, total=None, eps=reference_layers.BATCHNORM_EPS,
              momentum=reference_layers.BATCHNORM_MOMENTUM, swap_momentum=False, mean_term=True):
    """BatchNorm2d in train mode by the textbook formula, in dtype, each sum by `total`."""
    total = total or (lambda values: values.sum(dtype=dtype))
    cast = {name: t[name].numpy().astype(dtype) for name in
            ("input", "weight", "bias", "running_mean_before", "running_var_before", "grad_output")}
    x, dy = cast["input"], cast["grad_output"]
    batch, channels = x.shape[:2]
    m = dtype(x.size // channels)
    out = {"output": np.zeros_like(x), "grad_input": np.zeros_like(x)}
    for name in ("grad_weight", "grad_bias", "running_mean", "running_var"):
        out[name] = np.zeros(channels, dtype)
    keep, new = (dtype(momentum), dtype(1 - momentum)) if swap_momentum else (dtype(1 - momentum), dtype(momentum))
    for c in range(channels):
        xc, dyc = x[:, c], dy[:, c]
        mean = dtype(total(xc) / m)
        deviation = xc - mean
        var = dtype(total(deviation * deviation) / m)
        inv_std = dtype(1) / np.sqrt(var + dtype(eps))
        xhat = deviation * inv_std
        out["output"][:, c] = cast["weight"][c] * xhat + cast["bias"][c]
        dxhat = dyc * cast["weight"][c]
        mean_of_gradient = total(dxhat) if mean_term else dtype(0)
        out["grad_input"][:, c] = inv_std / m * (m * dxhat - mean_of_gradient - xhat * total(dxhat * xhat))
        out["grad_weight"][c] = total(dyc * xhat) / dtype(batch)
        out["grad_bias"][c] = total(dyc) / dtype(batch)
        out["running_mean"][c] = keep * cast["running_mean_before"][c] + new * mean
        out["running_var"][c] = keep * cast["running_var_before"][c] + new * var * m / (m - dtype(1))
    return {name: value.astype(np.float32) for name, value in out.items()}


def batchnorm_variants(t) -> dict[str, dict]:
    return {
        "float64": batchnorm(t, np.float64),
        "float32 pairwise": batchnorm(t, np.float32),
        "float32 (h, w, n)": batchnorm(t, np.float32, ordered_sum((1, 2, 0), False)),
        "float32 (w, n, h) reversed": batchnorm(t, np.float32, ordered_sum((2, 0, 1), True)),
        "eps 1e-20": batchnorm(t, np.float64, eps=1e-20),
        "momentum swapped": batchnorm(t, np.float64, swap_momentum=True),
        "no mean term": batchnorm(t, np.float64, mean_term=False),
    }


def audit(seeds: list[int]) -> None:
    spreads = defaultdict(list)      # (case, tensor) -> [(spread, atol, float64 uses)]
    correct = defaultdict(float)     # (case, tensor) -> worst use by a correct variant
    worst_variant = {}
    mistakes = defaultdict(lambda: np.inf)  # (case, mistake) -> smallest, over seeds, of its worst use
    for seed in seeds:
        for case in reference_layers.layer_cases(seed):
            outputs, outputs64 = case.outputs(), case.run(torch.float64)
            alternatives = case.alternatives()
            derived = {name: tolerances.derive(value, outputs64[name], [a[name] for a in alternatives])
                       for name, value in outputs.items()}
            for name, value in outputs.items():
                stem = name.rsplit("_step", 1)[0] + "_stepK" if name[-1].isdigit() else name
                spreads[(case.name, stem)].append(
                    (derived[name]["spread"], derived[name]["atol"], uses(outputs64[name], value, derived[name])))
            if case.layer != "BatchNorm2d" or not case.attributes["training"]:
                continue
            for variant, result in batchnorm_variants(case.inputs).items():
                if variant in MISTAKES:
                    worst = max(uses(result[n], outputs[n], derived[n]) for n in outputs)
                    mistakes[(case.name, variant)] = min(mistakes[(case.name, variant)], worst)
                    continue
                for name in outputs:
                    use = uses(result[name], outputs[name], derived[name])
                    if use > correct[(case.name, name)]:
                        correct[(case.name, name)] = use
                        worst_variant[(case.name, name)] = f"{variant}, seed {seed}"

    print(f"seeds {seeds[0]}-{seeds[-1]}; safety factor {tolerances.SAFETY_FACTOR:g}, "
          f"floor atol = rtol = {tolerances.FLOOR_ATOL:g}\n")
    print("| case | tensor | max spread | atol (seed 1 / max) | float64 uses | other rounding uses |")
    print("| --- | --- | --- | --- | --- | --- |")
    for (case, tensor), rows in spreads.items():
        spread = max(row[0] for row in rows)
        atol_first, atol_max = rows[0][1], max(row[1] for row in rows)
        atol = f"{atol_first:g}" if atol_first == atol_max else f"{atol_first:g} / {atol_max:g}"
        other = correct.get((case, tensor))
        other = "" if other is None else f"{other:.2f} ({worst_variant[(case, tensor)]})"
        print(f"| {case} | {tensor} | {spread:.2g} | {atol} | {max(row[2] for row in rows):.2f} | {other} |")
    print("\n| case | mistake | smallest margin (worst tensor's use, lowest over seeds) |")
    print("| --- | --- | --- |")
    for (case, mistake), margin in mistakes.items():
        print(f"| {case} | {mistake} | {margin:.3g} |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=export_reference.seed_list, default=list(range(1, 11)),
                        help="seeds to measure (default 1-10)")
    args = parser.parse_args(argv)
    pinned_numerics.apply(torch)
    audit(args.seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
