"""How ``export_reference.py --check`` compares a fresh export with the committed one.

With the numerics pinned (``pinned_numerics``) a fresh export is byte-identical on every x86-64 CPU
tried, and a byte-identical file needs no further comparison. A file whose bytes differ (another
C library rounding a last bit differently, say) is compared by content: dtypes, shapes, ONNX graphs,
CSV layout and JSON structure exactly; numbers within a tolerance derived like the grader's, from
the float32 rounding the fresh export measured for that very file:

- a layer case's output tensor: its ``spread`` (max |float32 - float64|), at least TOLERANCE;
- a task's loss curve: the float64 run's summed error; a trace tensor: its ``trace_spread``;
  task 3's prepared images: the preparation's spread; each at least TOLERANCE;
- everything else (inputs, weights, digits, float64 results): TOLERANCE (1e-6);
- JSON numbers measured from rounding (spreads, derived atol, summed errors), which themselves
  move with the last bits: within a factor of two; other JSON numbers within TOLERANCE.

A re-export further from the committed data than float32 rounding itself moves it is a change of
the data, not of the platform.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

TOLERANCE = 1e-6
MEASURED_KEYS = frozenset({"spread", "spread_sequential", "atol", "summed_error", "trace_spread"})
MEASURED_FACTOR = 2.0


def check_tolerances(manifest: dict, prefix: str = "") -> dict[str, float]:
    """Per file (relative to the compared root, under prefix), the tolerance --check allows."""
    limits = {}

    def allow(rel: str, measured: float) -> None:
        limits[prefix + rel] = max(TOLERANCE, float(measured))

    for case, tensors in manifest.get("tolerances", {}).get("layers", {}).items():
        for name, entry in tensors.items():
            allow(f"layers/{case}/{name}.pb", entry["spread"])
    for task, entry in manifest.get("tasks", {}).items():
        float64 = entry.get("float64", {})
        allow(f"{task}/loss.csv", max(float64.get("summed_error", {}).values(), default=0.0))
        for name, value in float64.get("trace_spread", {}).items():
            allow(f"{task}/trace/{name}.pb", value)
        if "prepared" in entry:
            allow(f"{task}/input.pb", entry["prepared"]["spread"])
            allow(f"{task}/val_input.pb", entry["prepared"]["spread"])
    return limits


def largest_difference(fresh: np.ndarray, reference: np.ndarray) -> tuple[float, tuple]:
    diff = np.abs(fresh.astype(np.float64) - reference.astype(np.float64))
    # np.where keeps 0-d results arrays, and makes NaN the worst possible difference.
    diff = np.where(np.isnan(diff), math.inf, diff)
    if diff.size == 0:
        return 0.0, ()
    index = np.unravel_index(np.argmax(diff), diff.shape)
    return float(diff[index]), tuple(int(i) for i in index)


def compare_arrays(label: str, fresh: np.ndarray, reference: np.ndarray, tolerance: float) -> str | None:
    if fresh.dtype != reference.dtype or fresh.shape != reference.shape:
        return (f"{label}: expected {fresh.dtype}{list(fresh.shape)} "
                f"but found {reference.dtype}{list(reference.shape)}")
    worst, index = largest_difference(fresh, reference)
    if worst > tolerance:
        return f"{label}: max |a-r| = {worst:.3g} at index {list(index)} (allowed {tolerance:.3g})"
    return None


def compare_pb(fresh: bytes, reference: bytes, tolerance: float) -> str | None:
    fresh_t, ref_t = onnx.TensorProto.FromString(fresh), onnx.TensorProto.FromString(reference)
    if fresh_t.name != ref_t.name:
        return f"tensor name {ref_t.name!r}, expected {fresh_t.name!r}"
    return compare_arrays("tensor", numpy_helper.to_array(fresh_t), numpy_helper.to_array(ref_t),
                          tolerance)


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def compare_csv(fresh: bytes, reference: bytes, tolerance: float) -> str | None:
    fresh_rows, ref_rows = read_csv(fresh), read_csv(reference)
    if fresh_rows[:1] != ref_rows[:1] or len(fresh_rows) != len(ref_rows):
        return f"header or row count differs: {ref_rows[:1]} x{len(ref_rows)}"
    header = fresh_rows[0]
    worst, where = 0.0, ""
    for line, (f_row, r_row) in enumerate(zip(fresh_rows[1:], ref_rows[1:])):
        if len(f_row) != len(r_row) or f_row[0] != r_row[0]:
            return f"row {line} differs: {r_row}, expected {f_row}"
        for column, f_value, r_value in zip(header[1:], f_row[1:], r_row[1:]):
            diff = abs(float(f_value) - float(r_value))
            diff = math.inf if math.isnan(diff) else diff
            if diff > worst:
                worst, where = diff, f"epoch {f_row[0]}, {column}"
    if worst > tolerance:
        return f"max |a-r| = {worst:.3g} at {where} (allowed {tolerance:.3g})"
    return None


def node_signature(node) -> tuple:
    attributes = sorted((a.name, repr(onnx.helper.get_attribute_value(a))) for a in node.attribute)
    return node.op_type, list(node.input), list(node.output), attributes


def graph_difference(fresh_g, ref_g) -> str | None:
    if [str(v) for v in fresh_g.input] != [str(v) for v in ref_g.input]:
        return "graph inputs differ"
    if [str(v) for v in fresh_g.output] != [str(v) for v in ref_g.output]:
        return "graph outputs differ"
    if len(fresh_g.node) != len(ref_g.node):
        return f"{len(ref_g.node)} nodes, expected {len(fresh_g.node)}"
    for index, (f_node, r_node) in enumerate(zip(fresh_g.node, ref_g.node)):
        if node_signature(f_node) != node_signature(r_node):
            return f"node {index} ({r_node.op_type}) differs: {node_signature(r_node)}"
    return None


def compare_onnx(fresh: bytes, reference: bytes, tolerance: float) -> str | None:
    fresh_g, ref_g = onnx.load_from_string(fresh).graph, onnx.load_from_string(reference).graph
    structure = graph_difference(fresh_g, ref_g)
    if structure:
        return structure
    fresh_init = {i.name: numpy_helper.to_array(i) for i in fresh_g.initializer}
    ref_init = {i.name: numpy_helper.to_array(i) for i in ref_g.initializer}
    if fresh_init.keys() != ref_init.keys():
        return f"initializers {sorted(ref_init)}, expected {sorted(fresh_init)}"
    for name, value in fresh_init.items():
        problem = compare_arrays(f"initializer {name}", value, ref_init[name], tolerance)
        if problem:
            return problem
    return None


def numbers_agree(fresh: float, reference: float, measured: bool) -> bool:
    diff = abs(fresh - reference)
    if math.isnan(diff):
        return False
    if diff <= TOLERANCE:
        return True
    if measured and fresh > 0 and reference > 0:
        return max(fresh, reference) / min(fresh, reference) <= MEASURED_FACTOR
    return False


def json_differences(fresh, reference, where="$", measured=False):
    """Yields (location, difference) for every leaf that does not agree."""
    numbers = (int, float)
    if isinstance(fresh, dict) and isinstance(reference, dict):
        for key in sorted(fresh.keys() | reference.keys()):
            if key not in fresh or key not in reference:
                yield f"{where}.{key}", math.inf
            else:
                yield from json_differences(fresh[key], reference[key], f"{where}.{key}",
                                            measured or key in MEASURED_KEYS)
    elif isinstance(fresh, list) and isinstance(reference, list):
        if len(fresh) != len(reference):
            yield f"{where} (length)", math.inf
        else:
            for i, (f_item, r_item) in enumerate(zip(fresh, reference)):
                yield from json_differences(f_item, r_item, f"{where}[{i}]", measured)
    elif (isinstance(fresh, numbers) and isinstance(reference, numbers)
          and not isinstance(fresh, bool) and not isinstance(reference, bool)):
        if not numbers_agree(fresh, reference, measured):
            diff = abs(fresh - reference)
            yield where, math.inf if math.isnan(diff) else diff
    elif fresh != reference or type(fresh) is not type(reference):
        yield where, math.inf


def manifest_without_volatile(manifest: dict) -> dict:
    """Drops what legitimately changes between platforms: bytes, hashes, versions."""
    stripped = copy.deepcopy(manifest)
    stripped.pop("versions", None)
    for entry in stripped.get("files", {}).values():
        entry.pop("sha256", None)
        entry.pop("bytes", None)
    return stripped


def compare_json(fresh: bytes, reference: bytes, is_manifest: bool) -> str | None:
    fresh_v, ref_v = json.loads(fresh), json.loads(reference)
    if is_manifest:
        fresh_v, ref_v = manifest_without_volatile(fresh_v), manifest_without_volatile(ref_v)
    worst = max(json_differences(fresh_v, ref_v), key=lambda item: item[1], default=None)
    return None if worst is None else f"{worst[0]} differs (|a-r| = {worst[1]:.3g})"


def compare_file(rel: str, fresh: bytes, reference: bytes, tolerance: float = TOLERANCE) -> str | None:
    """None when the two versions of a file agree, else what differs first or most."""
    suffix = Path(rel).suffix
    if suffix == ".pb":
        return compare_pb(fresh, reference, tolerance)
    if suffix == ".csv":
        return compare_csv(fresh, reference, tolerance)
    if suffix == ".onnx":
        return compare_onnx(fresh, reference, tolerance)
    if suffix == ".json":
        return compare_json(fresh, reference, Path(rel).name == "MANIFEST.json")
    return None if fresh == reference else "bytes differ"
