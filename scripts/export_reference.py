"""Exports the PyTorch reference data that the Java grader compares against.

Numerics
--------
``pinned_numerics`` is imported before torch and overrides the caller's
environment: ATen's portable kernels (``ATEN_CPU_CAPABILITY=default``), MKL's
``COMPATIBLE`` code path, one thread, oneDNN and NNPACK off. So every x86-64 CPU
writes the same bytes (checked by exporting under simulated CPUs:
``ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2`` and
``ATEN_CPU_CAPABILITY=default``); the manifest records the settings under
"numerics".

Data recipe
-----------
``torch.manual_seed(seed)`` (default 1) comes first; then the three models are created in the notebook's order and nothing
else draws from the global RNG in between: ``TorchGradientModel()`` (task 1),
``TorchGradientModel2()`` (task 2) and ``TorchGradientModel2(10, input_size=8)``
(task 3). The model classes are copied from the notebook unchanged.

Tasks 1 and 2 train on the notebook's four 5x5 line images (labels 0, 0, 1, 1),
normalised as the notebook does: ``(x - mean(x)) / std(x)`` over the whole
batch, float32, unbiased std. Task 3 uses scikit-learn's digits: the 8x8 images
as float32 [1797, 1, 8, 8], split by
``train_test_split(np.arange(1797), test_size=0.2, stratify=target,
random_state=42)`` (the split does not follow --seed), normalised with the mean
and unbiased std of all training pixels, applied to the validation images too.
Task 3 trains on the first 10 training images and validates on the first 10
validation images.

Each task trains full-batch in train mode with ``CrossEntropyLoss(reduction=
'mean')`` and ``SGD(lr=1)`` without momentum, for 3, 10 and 10 epochs. Every
epoch records the parameters before the forward pass, the logits and the loss,
every parameter's gradient, and the BatchNorm running statistics after the
forward pass; task 3 then computes the validation loss in eval mode. Each model
is exported to ONNX (TorchScript exporter, training mode, so BatchNorm and the
PyTorch parameter names survive) with its initial weights.

Per-layer cases (``reference_layers.py``) and Tensor golden cases
(``tensor_golden.py``) draw from their own generators seeded from --seed.

Tensors are stored one ``onnx.TensorProto`` per ``.pb`` file, named after the
file stem. ``MANIFEST.json`` lists every file with its sha256, size, and dtype
and shape (or ONNX initializers). Two runs with the same seed write identical
bytes.

``--check`` re-exports into a temporary directory and compares with --out:
tensors, CSV values, JSON numbers and ONNX initializers must agree within
TOLERANCE (|a - r| <= 1e-6, NaN never agrees); dtypes, shapes, ONNX graphs and
the rest of the JSON exactly. The manifest's hashes, sizes and versions are not
compared with the fresh export (they follow the platform), but every hash must
still match its file in --out, and version changes are reported as warnings.
Exit status: 0 agreement, 1 differences, 2 errors.
"""

from __future__ import annotations

import argparse
import copy
import csv
import hashlib
import io
import json
import math
import platform
import shutil
import sys
import tempfile
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

# Before torch is imported: the environment chooses its kernels when it loads.
import pinned_numerics

try:
    import numpy as np
    import onnx
    import sklearn
    import torch
    from onnx import numpy_helper
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    from torch import nn

    import reference_layers
    import tensor_golden
except ImportError as missing:
    print(f"error: Python module '{missing.name}' is missing; "
          f"install scripts/requirements.txt first", file=sys.stderr)
    sys.exit(2)

SCRIPTS_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = SCRIPTS_DIR.parent / "reference-data"
DEFAULT_SEED = 1
FORMAT_VERSION = 1
TOLERANCE = 1e-6
OWNED_ENTRIES = ("MANIFEST.json", "digits", "task1", "task2", "task3", "layers", "tensor-ops")
ANCHORS_FOR_SEED_ONE = {"task1": 0.93615, "task2": 0.80133}
ANCHOR_PRECISION = 1e-4
DIGITS_SPLIT = {"test_size": 0.2, "stratify": True, "random_state": 42}
TASK3_SLICE = (0, 10)
ONNX_EXPORT_FLAGS = {
    "dynamo": False,
    "training": "TRAINING",
    "do_constant_folding": False,
    "export_params": True,
    "input_names": ["input"],
    "output_names": ["logits"],
    "opset_version": 17,
}
NORMALIZATION_RECIPE = (
    "Pixels are digits.images as float32 reshaped to [N, 1, 8, 8]. The split is "
    "train_test_split(np.arange(1797), test_size=0.2, stratify=digits.target, "
    "random_state=42), indices kept in the returned order. mean and std are "
    "torch.mean and torch.std (unbiased) over all pixels of the training images "
    "in float32; training and validation images both become (x - mean) / std."
)


class ExportError(Exception):
    """A broken invariant: the data would be wrong, so nothing is written."""


# --- Models, copied from the notebook ---------------------------------------

class TorchGradientModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, kernel_size=5, padding=0, bias=True)
        self.act1 = nn.ReLU()
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(4 * 1 * 1, 2)
        # PyTorch автоматически применяет LogSoftmax при использовании CrossEntropyloss

    def forward(self, x):
        x = self.conv1(x)
        x = self.act1(x)

        x = self.flatten(x)
        x = self.fc1(x)

        return x


class TorchGradientModel2(nn.Module):
    def __init__(self, num_classes=2, input_size=5):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, kernel_size=3, padding=0, bias=True)
        self.bn1 = nn.BatchNorm2d(4)
        self.act1 = nn.ReLU()
        self.pool1 = nn.AvgPool2d(kernel_size=2, stride=2)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(4 * int((input_size - 2) / 2) * int((input_size - 2) / 2), num_classes)
        # PyTorch автоматически применяет LogSoftmax при использовании CrossEntropyloss

    def forward(self, x):
        x = self.conv1(x)
        x = self.bn1(x)
        x = self.act1(x)
        x = self.pool1(x)

        x = self.flatten(x)
        x = self.fc1(x)

        return x


@dataclass
class TaskSpec:
    name: str
    model: nn.Module
    epochs: int
    num_classes: int
    input_size: int
    lr: float = 1.0


def create_models(seed: int) -> list[TaskSpec]:
    torch.manual_seed(seed)
    return [
        TaskSpec("task1", TorchGradientModel(), 3, 2, 5),
        TaskSpec("task2", TorchGradientModel2(), 10, 2, 5),
        TaskSpec("task3", TorchGradientModel2(10, input_size=8), 10, 10, 8),
    ]


# --- Data -------------------------------------------------------------------

def get_data():
    # Задача классификации вертикальных и горизонтальных линий (из ноутбука)
    vert1 = [[0, 0, 250, 0, 0],
             [0, 0, 250, 0, 0],
             [0, 0, 250, 0, 0],
             [0, 0, 250, 0, 0],
             [0, 0, 250, 0, 0]]

    vert2 = [[0, 0, 220, 40, 0],
             [0, 0, 250, 10, 0],
             [0, 0, 250, 0, 0],
             [0, 10, 250, 0, 0],
             [0, 40, 220, 0, 0]]

    hor1 = [[0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0],
            [250, 250, 250, 250, 250],
            [0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0]]

    hor2 = [[0, 0, 0, 0, 0],
            [0, 0, 0, 0, 20],
            [220, 250, 250, 250, 200],
            [10, 0, 0, 0, 0],
            [0, 0, 0, 0, 0]]

    data = [vert1, vert2, hor1, hor2]
    labels = [0, 0, 1, 1]

    train_x = torch.tensor(data, dtype=torch.float32).unsqueeze(1)
    labels = torch.tensor(labels, dtype=torch.long)

    return train_x, labels


def lines_batch():
    train_x, labels = get_data()
    batch = (train_x - torch.mean(train_x)) / torch.std(train_x)
    return batch, labels


@dataclass
class DigitsSplit:
    pixels: np.ndarray
    targets: np.ndarray
    train_index: np.ndarray
    val_index: np.ndarray
    mean: torch.Tensor
    std: torch.Tensor
    train_x: torch.Tensor
    train_label: torch.Tensor
    val_x: torch.Tensor
    val_label: torch.Tensor


def digits_split() -> DigitsSplit:
    digits = load_digits()
    count = len(digits.target)
    images = torch.tensor(digits.images, dtype=torch.float32).reshape(count, 1, 8, 8)
    targets = torch.tensor(digits.target, dtype=torch.int64)
    train_index, val_index = train_test_split(
        np.arange(count), test_size=DIGITS_SPLIT["test_size"], stratify=digits.target,
        random_state=DIGITS_SPLIT["random_state"])
    train_x = images[train_index]
    mean, std = torch.mean(train_x), torch.std(train_x)
    return DigitsSplit(
        pixels=digits.data.astype(np.float32),
        targets=digits.target.astype(np.int64),
        train_index=train_index.astype(np.int64),
        val_index=val_index.astype(np.int64),
        mean=mean, std=std,
        train_x=(train_x - mean) / std,
        train_label=targets[train_index],
        val_x=(images[val_index] - mean) / std,
        val_label=targets[val_index],
    )


# --- Training ---------------------------------------------------------------

@dataclass
class Trace:
    losses: list[float] = field(default_factory=list)
    val_losses: list[float] = field(default_factory=list)
    logits: list[np.ndarray] = field(default_factory=list)
    params: dict[str, list[np.ndarray]] = field(default_factory=dict)
    grads: dict[str, list[np.ndarray]] = field(default_factory=dict)
    running_stats: dict[str, list[np.ndarray]] = field(default_factory=dict)


def snapshot(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().clone().numpy()


def running_stat_buffers(model: nn.Module):
    # num_batches_tracked only counts forwards; the homework's BatchNorm has no such state.
    return [(name, buf) for name, buf in model.named_buffers()
            if not name.endswith("num_batches_tracked")]


def train(spec: TaskSpec, x, y, validation=None) -> Trace:
    model, trace = spec.model, Trace()
    ce = nn.CrossEntropyLoss(reduction='mean')
    optimizer = torch.optim.SGD(model.parameters(), lr=spec.lr, momentum=0, dampening=0,
                                weight_decay=0, nesterov=False)
    model.train()
    for _ in range(spec.epochs):
        for name, param in model.named_parameters():
            trace.params.setdefault(name, []).append(snapshot(param))
        pred = model(x)
        loss = ce(pred, y)
        trace.losses.append(loss.item())
        trace.logits.append(snapshot(pred))
        optimizer.zero_grad()
        loss.backward()
        for name, param in model.named_parameters():
            trace.grads.setdefault(name, []).append(snapshot(param.grad))
        optimizer.step()
        for name, buf in running_stat_buffers(model):
            trace.running_stats.setdefault(name, []).append(snapshot(buf))
        if validation is not None:
            model.eval()
            with torch.no_grad():
                trace.val_losses.append(ce(model(validation[0]), validation[1]).item())
            model.train()
    return trace


def check_anchors(seed: int, traces: dict[str, Trace]) -> None:
    if seed != 1:
        return
    for task, expected in ANCHORS_FOR_SEED_ONE.items():
        actual = traces[task].losses[0]
        if abs(actual - expected) >= ANCHOR_PRECISION:
            raise ExportError(f"{task} epoch-0 loss is {actual!r}, the notebook gives "
                              f"{expected}...; model creation order or data changed")


# --- ONNX -------------------------------------------------------------------

def expected_initializers(model: nn.Module) -> dict[str, np.ndarray]:
    return {name: snapshot(value) for name, value in model.state_dict().items()
            if not name.endswith("num_batches_tracked")}


def export_onnx(model: nn.Module, example: torch.Tensor) -> bytes:
    """Serialises the model's current weights; leaves the model and the RNG untouched."""
    state_before = {k: v.clone() for k, v in model.state_dict().items()}
    rng_before = torch.get_rng_state()
    training_mode = getattr(torch.onnx.TrainingMode, ONNX_EXPORT_FLAGS["training"])
    flags = dict(ONNX_EXPORT_FLAGS, training=training_mode)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # The TorchScript exporter is deprecated, but the dynamo one drops
        # BatchNorm from train-mode models; its warnings are expected noise.
        warnings.simplefilter("ignore")
        torch.onnx.export(copy.deepcopy(model), (example,), buffer, **flags)
    proto = onnx.load_from_string(buffer.getvalue())
    # Tracing in training mode runs forward passes that move the copy's
    # BatchNorm running statistics before they are serialised.
    restore_initializers(proto, expected_initializers(model))
    onnx.checker.check_model(proto)
    if not torch.equal(rng_before, torch.get_rng_state()):
        raise ExportError("ONNX export consumed the global RNG")
    for name, value in model.state_dict().items():
        if not torch.equal(value, state_before[name]):
            raise ExportError(f"ONNX export changed {name} of the exported model")
    return proto.SerializeToString()


def restore_initializers(proto, expected: dict[str, np.ndarray]) -> None:
    present = {init.name for init in proto.graph.initializer}
    missing = sorted(set(expected) - present)
    if missing:
        raise ExportError(f"ONNX export lost initializers {missing}; found {sorted(present)}")
    for init in proto.graph.initializer:
        if init.data_location == onnx.TensorProto.EXTERNAL:
            raise ExportError(f"initializer {init.name} is stored outside the model file")
        if init.name in expected:
            init.CopyFrom(numpy_helper.from_array(expected[init.name], name=init.name))


# --- Writing ----------------------------------------------------------------

def write_tensor(path: Path, array) -> None:
    if isinstance(array, torch.Tensor):
        array = snapshot(array)
    # asarray rather than ascontiguousarray, which turns a 0-d scalar into shape [1].
    array = np.asarray(array, order="C")
    if array.dtype not in (np.float32, np.int64):
        raise ExportError(f"{path.name}: unexpected dtype {array.dtype}")
    path.parent.mkdir(parents=True, exist_ok=True)
    stem = path.name[:-len(".pb")]
    path.write_bytes(numpy_helper.from_array(array, name=stem).SerializeToString())


def write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def write_loss_csv(path: Path, trace: Trace) -> None:
    if trace.val_losses:
        rows = ["epoch,loss_train_pt,loss_val_pt"]
        rows += [f"{e},{t!r},{v!r}" for e, (t, v) in enumerate(zip(trace.losses, trace.val_losses))]
    else:
        rows = ["epoch,loss_pt"] + [f"{e},{loss!r}" for e, loss in enumerate(trace.losses)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_task(out: Path, spec: TaskSpec, onnx_bytes: bytes, trace: Trace, tensors: dict) -> dict:
    task_dir = out / spec.name
    task_dir.mkdir(parents=True, exist_ok=True)
    (task_dir / "model.onnx").write_bytes(onnx_bytes)
    for stem, value in tensors.items():
        write_tensor(task_dir / f"{stem}.pb", value)
    write_loss_csv(task_dir / "loss.csv", trace)
    trace_dir = task_dir / "trace"
    write_tensor(trace_dir / "logits.pb", np.stack(trace.logits))
    for name, values in trace.params.items():
        write_tensor(trace_dir / f"{name}.pb", np.stack(values))
        write_tensor(trace_dir / f"{name}.grad.pb", np.stack(trace.grads[name]))
    for name, values in trace.running_stats.items():
        write_tensor(trace_dir / f"{name}.pb", np.stack(values))
    prefix = spec.name + "/"
    return {
        "model": type(spec.model).__name__,
        "epochs": spec.epochs,
        "lr": spec.lr,
        "num_classes": spec.num_classes,
        "input_size": spec.input_size,
        "onnx": prefix + "model.onnx",
        "train_batch": prefix + "input.pb",
        "labels": prefix + "labels.pb",
        "loss_csv": prefix + "loss.csv",
        "trace_dir": prefix + "trace",
        "parameters": list(trace.params),
        "running_stats": list(trace.running_stats),
    }


def write_digits(out: Path, split: DigitsSplit) -> None:
    digits_dir = out / "digits"
    write_tensor(digits_dir / "pixels.pb", split.pixels)
    write_tensor(digits_dir / "targets.pb", split.targets)
    write_tensor(digits_dir / "train_index.pb", split.train_index)
    write_tensor(digits_dir / "val_index.pb", split.val_index)
    write_json(digits_dir / "normalization.json", {
        "mean": split.mean.item(),
        "std": split.std.item(),
        "split": DIGITS_SPLIT,
        "recipe": NORMALIZATION_RECIPE,
    })


def write_layer_cases(out: Path, seed: int) -> list[str]:
    names = []
    for case in reference_layers.layer_cases(seed):
        case_dir = out / "layers" / case.name
        for stem, value in case.tensors.items():
            write_tensor(case_dir / f"{stem}.pb", value)
        write_json(case_dir / "case.json", case.case_json())
        names.append(case.name)
    return names


def describe_file(path: Path) -> dict:
    data = path.read_bytes()
    entry = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    if path.suffix == ".pb":
        tensor = onnx.TensorProto.FromString(data)
        entry["dtype"] = str(numpy_helper.to_array(tensor).dtype)
        entry["shape"] = list(tensor.dims)
    elif path.suffix == ".onnx":
        graph = onnx.load_from_string(data).graph
        entry["initializers"] = {init.name: list(init.dims) for init in graph.initializer}
    return entry


def owned_files(root: Path) -> list[str]:
    files = []
    for entry in OWNED_ENTRIES:
        top = root / entry
        candidates = [top] if top.is_file() else sorted(top.rglob("*"))
        files += [p.relative_to(root).as_posix() for p in candidates if p.is_file()]
    return sorted(files)


def write_manifest(out: Path, seed: int, tasks: dict, layer_cases: list[str]) -> None:
    write_json(out / "MANIFEST.json", {
        "format_version": FORMAT_VERSION,
        "seed": seed,
        "versions": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "onnx": onnx.__version__,
            "numpy": np.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "exporter_flags": ONNX_EXPORT_FLAGS,
        "numerics": pinned_numerics.describe(torch),
        "tolerance": TOLERANCE,
        "tasks": tasks,
        "layer_cases": layer_cases,
        "tensor_golden": "tensor-ops/" + tensor_golden.GOLDEN_FILE,
        "files": {rel: describe_file(out / rel) for rel in owned_files(out)
                  if rel != "MANIFEST.json"},
    })


# --- Export -----------------------------------------------------------------

def export_into(out: Path, seed: int) -> dict[str, Trace]:
    """Writes a complete data set into an empty directory."""
    pinned_numerics.apply(torch)
    specs = create_models(seed)
    batch, labels = lines_batch()
    split = digits_split()
    start, stop = TASK3_SLICE
    task3_val = (split.val_x[start:stop], split.val_label[start:stop])
    inputs = {
        "task1": {"input": batch, "labels": labels},
        "task2": {"input": batch, "labels": labels},
        "task3": {"input": split.train_x[start:stop], "labels": split.train_label[start:stop],
                  "val_input": task3_val[0], "val_labels": task3_val[1]},
    }
    onnx_models = {spec.name: export_onnx(spec.model, inputs[spec.name]["input"]) for spec in specs}
    traces = {spec.name: train(spec, inputs[spec.name]["input"], inputs[spec.name]["labels"],
                               task3_val if spec.name == "task3" else None) for spec in specs}
    check_anchors(seed, traces)

    tasks = {}
    for spec in specs:
        tasks[spec.name] = write_task(out, spec, onnx_models[spec.name], traces[spec.name],
                                      inputs[spec.name])
    tasks["task3"].update(val_batch="task3/val_input.pb", val_labels="task3/val_labels.pb",
                          train_slice=list(TASK3_SLICE), val_slice=list(TASK3_SLICE))
    write_digits(out, split)
    layer_cases = write_layer_cases(out, seed)
    tensor_golden.write_tensor_golden(out / "tensor-ops", seed)
    write_manifest(out, seed, tasks, layer_cases)
    return traces


def publish(out: Path, seed: int) -> dict[str, Trace]:
    """Exports next to the old data, then swaps it in, so a failure leaves the old set intact."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        traces = export_into(staging, seed)
        for entry in OWNED_ENTRIES:
            remove(out / entry)
            (staging / entry).rename(out / entry)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return traces


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


# --- Check ------------------------------------------------------------------

def largest_difference(fresh: np.ndarray, reference: np.ndarray) -> tuple[float, tuple]:
    diff = np.abs(fresh.astype(np.float64) - reference.astype(np.float64))
    # np.where keeps 0-d results arrays, and makes NaN the worst possible difference.
    diff = np.where(np.isnan(diff), math.inf, diff)
    if diff.size == 0:
        return 0.0, ()
    index = np.unravel_index(np.argmax(diff), diff.shape)
    return float(diff[index]), tuple(int(i) for i in index)


def compare_arrays(label: str, fresh: np.ndarray, reference: np.ndarray) -> str | None:
    if fresh.dtype != reference.dtype or fresh.shape != reference.shape:
        return (f"{label}: expected {fresh.dtype}{list(fresh.shape)} "
                f"but found {reference.dtype}{list(reference.shape)}")
    worst, index = largest_difference(fresh, reference)
    if worst > TOLERANCE:
        return f"{label}: max |a-r| = {worst:.3g} at index {list(index)}"
    return None


def compare_pb(fresh: bytes, reference: bytes) -> str | None:
    fresh_t, ref_t = onnx.TensorProto.FromString(fresh), onnx.TensorProto.FromString(reference)
    if fresh_t.name != ref_t.name:
        return f"tensor name {ref_t.name!r}, expected {fresh_t.name!r}"
    return compare_arrays("tensor", numpy_helper.to_array(fresh_t), numpy_helper.to_array(ref_t))


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def compare_csv(fresh: bytes, reference: bytes) -> str | None:
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
    return f"max |a-r| = {worst:.3g} at {where}" if worst > TOLERANCE else None


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


def compare_onnx(fresh: bytes, reference: bytes) -> str | None:
    fresh_g, ref_g = onnx.load_from_string(fresh).graph, onnx.load_from_string(reference).graph
    structure = graph_difference(fresh_g, ref_g)
    if structure:
        return structure
    fresh_init = {i.name: numpy_helper.to_array(i) for i in fresh_g.initializer}
    ref_init = {i.name: numpy_helper.to_array(i) for i in ref_g.initializer}
    if fresh_init.keys() != ref_init.keys():
        return f"initializers {sorted(ref_init)}, expected {sorted(fresh_init)}"
    for name, value in fresh_init.items():
        problem = compare_arrays(f"initializer {name}", value, ref_init[name])
        if problem:
            return problem
    return None


def json_differences(fresh, reference, where="$"):
    """Yields (location, difference) for every leaf that does not agree."""
    numbers = (int, float)
    if isinstance(fresh, dict) and isinstance(reference, dict):
        for key in sorted(fresh.keys() | reference.keys()):
            if key not in fresh or key not in reference:
                yield f"{where}.{key}", math.inf
            else:
                yield from json_differences(fresh[key], reference[key], f"{where}.{key}")
    elif isinstance(fresh, list) and isinstance(reference, list):
        if len(fresh) != len(reference):
            yield f"{where} (length)", math.inf
        else:
            for i, (f_item, r_item) in enumerate(zip(fresh, reference)):
                yield from json_differences(f_item, r_item, f"{where}[{i}]")
    elif (isinstance(fresh, numbers) and isinstance(reference, numbers)
          and not isinstance(fresh, bool) and not isinstance(reference, bool)):
        diff = abs(fresh - reference)
        if math.isnan(diff) or diff > TOLERANCE:
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


def compare_file(rel: str, fresh: bytes, reference: bytes) -> str | None:
    suffix = Path(rel).suffix
    if suffix == ".pb":
        return compare_pb(fresh, reference)
    if suffix == ".csv":
        return compare_csv(fresh, reference)
    if suffix == ".onnx":
        return compare_onnx(fresh, reference)
    if suffix == ".json":
        return compare_json(fresh, reference, rel == "MANIFEST.json")
    return None if fresh == reference else "bytes differ"


def version_warnings(fresh_root: Path, reference_root: Path) -> list[str]:
    fresh = json.loads((fresh_root / "MANIFEST.json").read_text(encoding="utf-8"))["versions"]
    reference = json.loads((reference_root / "MANIFEST.json").read_text(encoding="utf-8"))
    reference = reference.get("versions", {})
    return [f"warning: {name} {reference.get(name)} made the reference data, this run has {version}"
            for name, version in sorted(fresh.items()) if reference.get(name) != version]


def stale_manifest_entries(root: Path) -> list[str]:
    """Files whose bytes no longer match their manifest entry (edited by hand, say)."""
    listed = json.loads((root / "MANIFEST.json").read_text(encoding="utf-8")).get("files", {})
    stale = []
    for rel, entry in sorted(listed.items()):
        path = root / rel
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != entry.get("sha256"):
            stale.append(f"STALE {rel}: sha256 differs from its MANIFEST.json entry")
    return stale


def check(out: Path, seed: int) -> int:
    if not (out / "MANIFEST.json").is_file():
        raise ExportError(f"no reference data to check: {out / 'MANIFEST.json'} does not exist")
    with tempfile.TemporaryDirectory(prefix="reference-check-") as tmp:
        fresh_root = Path(tmp)
        export_into(fresh_root, seed)
        fresh_files, ref_files = set(owned_files(fresh_root)), set(owned_files(out))
        problems = stale_manifest_entries(out)
        problems += [f"MISSING {rel}" for rel in sorted(fresh_files - ref_files)]
        problems += [f"UNEXPECTED {rel}" for rel in sorted(ref_files - fresh_files)]
        identical = 0
        for rel in sorted(fresh_files & ref_files):
            fresh, reference = (fresh_root / rel).read_bytes(), (out / rel).read_bytes()
            if fresh == reference:
                identical += 1
                continue
            problem = compare_file(rel, fresh, reference)
            if problem:
                problems.append(f"DIFF {rel}: {problem}")
        for line in version_warnings(fresh_root, out):
            print(line)
    for line in problems:
        print(line)
    if problems:
        print(f"check FAILED: {len(problems)} problem(s) in {len(fresh_files | ref_files)} files "
              f"compared with a fresh export with seed {seed}")
        return 1
    print(f"check OK: {len(fresh_files)} files in {out} match a fresh export with seed {seed} "
          f"({identical} byte-identical, the rest within {TOLERANCE:g})")
    return 0


def print_summary(out: Path, traces: dict[str, Trace]) -> None:
    for task, trace in traces.items():
        print(f"{task} loss: {trace.losses}")
        if trace.val_losses:
            print(f"{task} val loss: {trace.val_losses}")
    files = owned_files(out)
    size = sum((out / rel).stat().st_size for rel in files)
    print(f"wrote {len(files)} files, {size} bytes, to {out}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help="seed for model initialisation and random cases (default 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output directory (default {DEFAULT_OUT})")
    parser.add_argument("--check", action="store_true",
                        help="compare --out with a fresh export instead of writing it")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    out = args.out.resolve()
    try:
        if args.check:
            return check(out, args.seed)
        print_summary(out, publish(out, args.seed))
        return 0
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
    except OSError as error:
        reason = error.strerror or error
        print(f"error: cannot use {error.filename or out}: {reason}", file=sys.stderr)
    except Exception:
        # Exit status 1 means "data differs"; a crash must not be mistaken for that.
        traceback.print_exc()
        print("error: the export failed unexpectedly (traceback above)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
