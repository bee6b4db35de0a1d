"""Golden cases for the Java Tensor class, computed by PyTorch.

``golden.json`` is a list of cases::

    {"name": str, "op": str, "args": {...},
     "inputs": [{"shape": [...], "data": [...]}, ...],
     "output": {"shape": [...], "data": [...]}}

``data`` is the row-major flattening. Every number is a float32 value written
as the Python float (double) equal to it, so parsing it and narrowing to float
gives the float32 back exactly. Boolean results (``gt``) and indices
(``argmax``, ``argmin``; the index inputs of ``index_select`` and ``gather``)
are written as 0/1 and index floats.

Reductions take ``dims`` (an empty list means all dimensions, giving shape [])
and ``keepdim``; ``pad`` follows ``torch.nn.functional.pad``: pairs of
(before, after) starting from the last dimension.
"""

from __future__ import annotations

import json
import pathlib

import torch
import torch.nn.functional as F

GOLDEN_FILE = "golden.json"


class _Cases:
    """Collects cases; inputs are drawn in order from one generator."""

    def __init__(self, seed: int):
        self.gen = torch.Generator().manual_seed(seed)
        self.cases: list[dict] = []

    def randn(self, *shape: int) -> torch.Tensor:
        return torch.randn(*shape, generator=self.gen, dtype=torch.float32)

    def positive(self, *shape: int) -> torch.Tensor:
        # Kept away from 0 so log, sqrt, pow(0.5) and division stay well conditioned.
        return torch.rand(*shape, generator=self.gen, dtype=torch.float32) * 4.0 + 0.25

    def add(self, name: str, op: str, inputs: list[torch.Tensor], output: torch.Tensor,
            args: dict | None = None) -> None:
        self.cases.append({
            "name": name,
            "op": op,
            "args": args or {},
            "inputs": [_encode(t) for t in inputs],
            "output": _encode(output),
        })


def _encode(tensor: torch.Tensor) -> dict:
    values = tensor.detach().to(torch.float32).contiguous()
    return {"shape": list(values.shape), "data": values.reshape(-1).tolist()}


def _elementwise(c: _Cases) -> None:
    a, b = c.randn(2, 3, 4), c.randn(3, 1)
    c.add("add_broadcast_3d_with_column", "add", [a, b], a + b)
    a, b = c.randn(3, 4), c.randn(3, 4)
    c.add("add_same_shape", "add", [a, b], a + b)
    a, b = c.randn(2, 3, 4), c.randn(4)
    c.add("sub_broadcast_row", "sub", [a, b], a - b)
    a, b = c.randn(4, 1), c.randn(1, 5)
    c.add("mul_outer_broadcast", "mul", [a, b], a * b)
    a, b = c.randn(2, 3, 4), c.randn(3, 1)
    c.add("mul_broadcast_3d_with_column", "mul", [a, b], a * b)
    a, b = c.randn(2, 3, 4), c.positive(3, 1)
    c.add("div_broadcast_3d_by_column", "div", [a, b], a / b)
    a, b = c.randn(4, 1), c.positive(1, 5)
    c.add("div_outer_broadcast", "div", [a, b], a / b)
    a, b = c.randn(2, 3, 4), c.randn(3, 1)
    c.add("maximum_broadcast", "maximum", [a, b], torch.maximum(a, b))
    a, b = c.randn(3, 4), c.randn(3, 4)
    c.add("gt_same_shape", "gt", [a, b], (a > b).float())
    a, b = c.randn(2, 3, 4), c.randn(4)
    c.add("gt_broadcast_row", "gt", [a, b], (a > b).float())
    condition, a, b = (c.randn(3, 4) > 0).float(), c.randn(3, 4), c.randn(3, 4)
    c.add("where_same_shape", "where", [condition, a, b], torch.where(condition > 0, a, b))


def _unary(c: _Cases) -> None:
    a = c.randn(3, 4)
    c.add("exp", "exp", [a], torch.exp(a))
    a = c.positive(3, 4)
    c.add("log_positive", "log", [a], torch.log(a))
    a = c.positive(3, 4)
    c.add("sqrt_positive", "sqrt", [a], torch.sqrt(a))
    a = c.randn(3, 4)
    c.add("pow_square", "pow", [a], torch.pow(a, 2.0), {"exponent": 2.0})
    a = c.positive(3, 4)
    c.add("pow_half_positive", "pow", [a], torch.pow(a, 0.5), {"exponent": 0.5})
    a = c.randn(3, 4)
    c.add("clamp", "clamp", [a], torch.clamp(a, -0.5, 0.5), {"min": -0.5, "max": 0.5})


def _matmul(c: _Cases) -> None:
    a, b = c.randn(3, 4), c.randn(4, 5)
    c.add("matmul_2d", "matmul", [a, b], a @ b)
    a, b = c.randn(2, 3, 4), c.randn(4, 5)
    c.add("matmul_batched_by_matrix", "matmul", [a, b], a @ b)
    a, b = c.randn(2, 1, 3, 4), c.randn(3, 4, 2)
    c.add("matmul_broadcast_batch", "matmul", [a, b], a @ b)


def _reductions(c: _Cases) -> None:
    for op, fn in (("sum", torch.sum), ("mean", torch.mean)):
        a = c.randn(2, 3, 4)
        c.add(f"{op}_dim1", op, [a], fn(a, dim=[1], keepdim=False),
              {"dims": [1], "keepdim": False})
        a = c.randn(2, 3, 4)
        c.add(f"{op}_dims0_2_keepdim", op, [a], fn(a, dim=[0, 2], keepdim=True),
              {"dims": [0, 2], "keepdim": True})
        a = c.randn(2, 3, 4)
        c.add(f"{op}_all", op, [a], fn(a), {"dims": [], "keepdim": False})
    a = c.randn(3, 5)
    c.add("max_dim1", "max", [a], torch.max(a, dim=1, keepdim=False).values,
          {"dim": 1, "keepdim": False})
    a = c.randn(2, 4, 3)
    c.add("max_dim1_keepdim", "max", [a], torch.max(a, dim=1, keepdim=True).values,
          {"dim": 1, "keepdim": True})
    a = c.randn(4, 5)
    c.add("argmax_dim1", "argmax", [a], torch.argmax(a, dim=1).float(), {"dim": 1})
    a = c.randn(3, 4, 2)
    c.add("argmax_dim1_keepdim", "argmax", [a], torch.argmax(a, dim=1, keepdim=True).float(),
          {"dim": 1, "keepdim": True})
    a = c.randn(3, 4)
    c.add("argmax_all", "argmax", [a], torch.argmax(a).float(), {})
    a = torch.tensor([[1.0, 3.0, 3.0], [2.0, 2.0, 0.0]])
    c.add("argmax_ties_first", "argmax", [a], torch.argmax(a, dim=1).float(), {"dim": 1})
    a = c.randn(4, 5)
    c.add("argmin_dim0", "argmin", [a], torch.argmin(a, dim=0).float(), {"dim": 0})
    for unbiased in (False, True):
        a = c.randn(4, 3, 2, 2) * 3.0 + 1.0
        c.add(f"std_batchnorm_dims_{'unbiased' if unbiased else 'biased'}", "std", [a],
              torch.std(a, dim=[0, 2, 3], unbiased=unbiased, keepdim=True),
              {"dims": [0, 2, 3], "unbiased": unbiased, "keepdim": True})
    a = c.randn(3, 5)
    c.add("std_last_dim", "std", [a], torch.std(a, dim=[-1], unbiased=True, keepdim=False),
          {"dims": [-1], "unbiased": True, "keepdim": False})
    a = c.randn(2, 3, 4)
    c.add("std_all", "std", [a], torch.std(a), {"dims": [], "unbiased": True, "keepdim": False})
    a = c.randn(3, 4)
    c.add("var_dim0", "var", [a], torch.var(a, dim=[0], unbiased=True, keepdim=False),
          {"dims": [0], "unbiased": True, "keepdim": False})
    for unbiased in (False, True):
        a = c.randn(4, 3, 2, 2) * 3.0 + 1.0
        c.add(f"var_batchnorm_dims_{'unbiased' if unbiased else 'biased'}", "var", [a],
              torch.var(a, dim=[0, 2, 3], unbiased=unbiased, keepdim=True),
              {"dims": [0, 2, 3], "unbiased": unbiased, "keepdim": True})


def _layout(c: _Cases) -> None:
    a = c.randn(2, 3, 4, 5)
    c.add("permute_nchw_to_nhwc", "permute", [a], a.permute(0, 2, 3, 1), {"dims": [0, 2, 3, 1]})
    a = c.randn(3, 4)
    c.add("transpose_2d", "transpose", [a], a.transpose(0, 1), {"dim0": 0, "dim1": 1})
    a = c.randn(2, 3, 4)
    c.add("reshape_infer_dim", "reshape", [a], a.reshape(6, -1), {"shape": [6, -1]})
    a = c.randn(2, 3, 4)
    c.add("pad_last_two_dims", "pad", [a], F.pad(a, [1, 1, 2, 0]), {"pads": [1, 1, 2, 0]})


def _indexing(c: _Cases) -> None:
    a = c.randn(5, 3)
    index = torch.tensor([4, 0, 0, 2])
    c.add("index_select_rows", "index_select", [a, index.float()], torch.index_select(a, 0, index), {"dim": 0})
    a = c.randn(2, 3, 4)
    index = torch.tensor([3, 1])
    c.add("index_select_last_dim", "index_select", [a, index.float()], torch.index_select(a, 2, index),
          {"dim": 2})
    logits = c.randn(4, 5)
    labels = torch.tensor([[1], [4], [0], [1]])
    c.add("gather_label_column", "gather", [logits, labels.float()], torch.gather(logits, 1, labels),
          {"dim": 1})
    a = c.randn(3, 4)
    index = torch.tensor([[2, 0, 1, 2], [1, 1, 0, 0]])
    c.add("gather_dim0_smaller_index", "gather", [a, index.float()], torch.gather(a, 0, index), {"dim": 0})


def _fold(c: _Cases) -> None:
    cols = c.randn(2, 2 * 9, 16)
    c.add("fold_3x3_padding1", "fold", [cols],
          F.fold(cols, output_size=(4, 4), kernel_size=3, padding=1),
          {"output_size": [4, 4], "kernel_size": [3, 3], "dilation": [1, 1], "padding": [1, 1],
           "stride": [1, 1]})
    cols = c.randn(1, 3 * 4, 6)
    c.add("fold_2x2_stride2_rectangular", "fold", [cols],
          F.fold(cols, output_size=(4, 6), kernel_size=2, stride=2),
          {"output_size": [4, 6], "kernel_size": [2, 2], "dilation": [1, 1], "padding": [0, 0],
           "stride": [2, 2]})
    cols = c.randn(2 * 6, 20)
    c.add("fold_unbatched_overlapping_dilated", "fold", [cols],
          F.fold(cols, output_size=(5, 6), kernel_size=(2, 3), dilation=(2, 1), padding=(1, 0),
                 stride=(1, 1)),
          {"output_size": [5, 6], "kernel_size": [2, 3], "dilation": [2, 1], "padding": [1, 0],
           "stride": [1, 1]})


def write_tensor_golden(out_dir: pathlib.Path, seed: int) -> None:
    """Writes out_dir/golden.json; the same seed always gives the same bytes."""
    cases = _Cases(seed)
    for group in (_elementwise, _unary, _matmul, _reductions, _layout, _indexing, _fold):
        group(cases)
    out_dir.mkdir(parents=True, exist_ok=True)
    # One case per line keeps the file small and its diffs readable.
    lines = ",\n".join(json.dumps(case, sort_keys=True) for case in cases.cases)
    (out_dir / GOLDEN_FILE).write_text("[\n" + lines + "\n]\n", encoding="utf-8")
