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
``torch.manual_seed(seed)`` (default 1) comes first; then the three models are
created in the notebook's order and nothing else draws from the global RNG in
between: ``TorchGradientModel()`` (task 1),
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

Float64 and tolerances
----------------------
Every layer case and every task also runs in float64 from the same inputs and
initial weights (task 3 from the digits prepared in float64). Each case.json
gets, per expected tensor, the tolerance ``tolerances.py`` derives from the
measured float32 rounding (atol, rtol, spread); the manifest repeats them under
"tolerances", records each task's float64 summed error and trace spreads under
tasks.<task>.float64, and the prepared digits' tolerance under
tasks.task3.prepared.

Sets
----
The default export is the handout's set, "visibility": "public"; ``--private``
marks a hidden one. ``--seeds 1-10`` writes compact private sets instead, one
``seed-NN/`` per seed sharing one ``digits/``: no traces and no Tensor golden
cases, but PyTorch's float64 results of every layer case
(``layers/<case>/float64/``) and task (``<task>/float64/loss.csv``).

Tensors are stored one ``onnx.TensorProto`` per ``.pb`` file, named after the
file stem. ``MANIFEST.json`` lists every file with its sha256, size, and dtype
and shape (or ONNX initializers). Two runs with the same seed write identical
bytes.

``--check`` re-exports into a temporary directory and compares with --out
(``reference_check.py``): byte-identical files agree; any other file is
compared by content, numbers within a tolerance derived from the float32
rounding measured for that file (at least 1e-6), dtypes, shapes, ONNX graphs
and the rest of the JSON exactly. The manifest's hashes, sizes and versions are
not compared with the fresh export (they follow the platform), but every hash
must still match its file in --out, and version changes are reported as
warnings. Exit status: 0 agreement, 1 differences, 2 errors.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import io
import json
import math
import os
import platform
import re
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

    import reference_check
    import reference_layers
    import tensor_golden
    import tolerances
except ImportError as missing:
    print(f"error: Python module '{missing.name}' is missing; "
          f"install scripts/requirements.txt first", file=sys.stderr)
    sys.exit(2)

SCRIPTS_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = SCRIPTS_DIR.parent / "reference-data"
DEFAULT_SEEDS_OUT = SCRIPTS_DIR.parent / "grader" / "src" / "test" / "resources" / "seeds"
DEFAULT_SEED = 1
FORMAT_VERSION = 2
TOLERANCE = 1e-6
OWNED_ENTRIES = ("MANIFEST.json", "digits", "task1", "task2", "task3", "layers", "tensor-ops")
COMPACT_ENTRIES = ("MANIFEST.json", "task1", "task2", "task3", "layers")
SHARED_DIGITS = "../digits"
VISIBILITIES = ("public", "private")
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


@dataclass(frozen=True)
class SetKind:
    """visibility: "public" for the handout's set, "private" for a hidden one. compact: a seed
    fixture without traces and Tensor golden cases, with float64 outputs, its digits in
    ../digits."""

    visibility: str = "public"
    compact: bool = False


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


def digits_split(dtype: torch.dtype = torch.float32) -> DigitsSplit:
    """The course's recipe in float32; in float64 for measuring its rounding."""
    digits = load_digits()
    count = len(digits.target)
    images = torch.tensor(digits.images, dtype=dtype).reshape(count, 1, 8, 8)
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


def prepared_tolerance(split: DigitsSplit, split64: DigitsSplit) -> dict:
    """The tolerance for a submission's prepared digits, from every prepared image (training and
    validation) in float32 and float64. A float32 preparation that keeps its sums in float64
    rounds like PyTorch's; one that sums the squared deviations in a float32 accumulator moves
    std by ~1e-4 relative, and that must not pass."""
    prepared = torch.cat([split.train_x, split.val_x])
    prepared64 = torch.cat([split64.train_x, split64.val_x])
    return tolerances.derive(prepared, prepared64)


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


def float64_task(spec: TaskSpec, initial: nn.Module) -> TaskSpec:
    """The same task from the same initial weights, in float64."""
    return TaskSpec(spec.name, copy.deepcopy(initial).double(), spec.epochs, spec.num_classes,
                    spec.input_size, spec.lr)


def trace_tensors(trace: Trace) -> dict[str, np.ndarray]:
    """A trace's per-epoch tensors by the file stem they are written under."""
    tensors = {"logits": np.stack(trace.logits)}
    for name, values in trace.params.items():
        tensors[name] = np.stack(values)
        tensors[name + ".grad"] = np.stack(trace.grads[name])
    for name, values in trace.running_stats.items():
        tensors[name] = np.stack(values)
    return tensors


def summed_error(curve: list[float], curve64: list[float]) -> float:
    # fsum: the exact sum, so no summation order can make the figure depend on the platform.
    return math.fsum(abs(a - b) for a, b in zip(curve, curve64, strict=True))


def float64_measurement(trace: Trace, trace64: Trace) -> dict:
    """What the manifest records of a task's float64 run: the notebook's summed error of the
    float64 curves against the float32 ones, and the spread of every trace tensor."""
    summed = {"train": tolerances.three_digits(summed_error(trace.losses, trace64.losses))}
    if trace.val_losses:
        summed["val"] = tolerances.three_digits(summed_error(trace.val_losses, trace64.val_losses))
    traced64 = trace_tensors(trace64)
    return {
        "summed_error": summed,
        "trace_spread": {name: tolerances.three_digits(tolerances.spread(values, traced64[name]))
                         for name, values in trace_tensors(trace).items()},
    }


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


NUMBER_LIST = re.compile(r"\[\s*(-?[0-9][0-9.e+-]*(?:,\s*-?[0-9][0-9.e+-]*)*)\s*\]")


def write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(value, indent=2, sort_keys=True)
    # Shapes and slices on one line: [4, 1, 3, 3] rather than six lines.
    text = NUMBER_LIST.sub(lambda m: "[" + ", ".join(re.split(r",\s*", m.group(1))) + "]", text)
    path.write_text(text + "\n", encoding="utf-8")


def write_loss_csv(path: Path, losses: list[float], val_losses: list[float]) -> None:
    if val_losses:
        rows = ["epoch,loss_train_pt,loss_val_pt"]
        rows += [f"{e},{t!r},{v!r}" for e, (t, v) in enumerate(zip(losses, val_losses))]
    else:
        rows = ["epoch,loss_pt"] + [f"{e},{loss!r}" for e, loss in enumerate(losses)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def write_task(out: Path, spec: TaskSpec, onnx_bytes: bytes, trace: Trace, trace64: Trace,
               tensors: dict, kind: SetKind) -> dict:
    task_dir = out / spec.name
    task_dir.mkdir(parents=True, exist_ok=True)
    (task_dir / "model.onnx").write_bytes(onnx_bytes)
    for stem, value in tensors.items():
        write_tensor(task_dir / f"{stem}.pb", value)
    write_loss_csv(task_dir / "loss.csv", trace.losses, trace.val_losses)
    prefix = spec.name + "/"
    entry = {
        "model": type(spec.model).__name__,
        "epochs": spec.epochs,
        "lr": spec.lr,
        "num_classes": spec.num_classes,
        "input_size": spec.input_size,
        "onnx": prefix + "model.onnx",
        "train_batch": prefix + "input.pb",
        "labels": prefix + "labels.pb",
        "loss_csv": prefix + "loss.csv",
        "parameters": list(trace.params),
        "running_stats": list(trace.running_stats),
        "float64": float64_measurement(trace, trace64),
    }
    if kind.compact:
        write_loss_csv(task_dir / "float64" / "loss.csv", trace64.losses, trace64.val_losses)
        entry["float64"]["loss_csv"] = prefix + "float64/loss.csv"
    else:
        for stem, values in trace_tensors(trace).items():
            write_tensor(task_dir / "trace" / f"{stem}.pb", values)
        entry["trace_dir"] = prefix + "trace"
    return entry


def write_digits(digits_dir: Path, split: DigitsSplit, split64: DigitsSplit) -> None:
    write_tensor(digits_dir / "pixels.pb", split.pixels)
    write_tensor(digits_dir / "targets.pb", split.targets)
    write_tensor(digits_dir / "train_index.pb", split.train_index)
    write_tensor(digits_dir / "val_index.pb", split.val_index)
    write_json(digits_dir / "normalization.json", {
        "mean": split.mean.item(),
        "std": split.std.item(),
        "mean_float64": split64.mean.item(),
        "std_float64": split64.std.item(),
        "split": DIGITS_SPLIT,
        "recipe": NORMALIZATION_RECIPE,
    })


def write_layer_cases(out: Path, seed: int, kind: SetKind) -> dict[str, dict]:
    """Writes every case with its tolerances; returns the tolerances by case, in case order."""
    written = {}
    for case in reference_layers.layer_cases(seed):
        case_dir = out / "layers" / case.name
        for stem, value in case.tensors.items():
            write_tensor(case_dir / f"{stem}.pb", value)
        outputs, outputs64 = case.outputs(), case.run(torch.float64)
        alternatives = case.alternatives()
        case_tolerances = {
            name: tolerances.derive(value, outputs64[name], [alt[name] for alt in alternatives])
            for name, value in outputs.items()}
        description = dict(case.case_json(), tolerances=case_tolerances)
        if kind.compact:
            # As a float64 implementation hands them back: in a float32 tensor.
            for name, value in outputs64.items():
                write_tensor(case_dir / "float64" / f"{name}.pb", value.to(torch.float32))
            description["float64"] = list(outputs64)
        write_json(case_dir / "case.json", description)
        written[case.name] = case_tolerances
    return written


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


def files_under(root: Path, entries) -> list[str]:
    """Every file below the given entries of root, as sorted POSIX paths relative to root."""
    files = []
    for entry in entries:
        top = root / entry
        candidates = [top] if top.is_file() else sorted(top.rglob("*"))
        files += [Path(os.path.relpath(p, root)).as_posix() for p in candidates if p.is_file()]
    return sorted(files)


def owned_files(root: Path, kind: SetKind = SetKind()) -> list[str]:
    """The files of one set; a compact set's digits are its parent's, listed as ../digits/..."""
    if kind.compact:
        return files_under(root, COMPACT_ENTRIES + (SHARED_DIGITS,))
    return files_under(root, OWNED_ENTRIES)


def write_manifest(out: Path, seed: int, kind: SetKind, tasks: dict, layer_tolerances: dict) -> None:
    manifest = {
        "format_version": FORMAT_VERSION,
        "seed": seed,
        "visibility": kind.visibility,
        "compact": kind.compact,
        "digits_dir": SHARED_DIGITS if kind.compact else "digits",
        "versions": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "onnx": onnx.__version__,
            "numpy": np.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "exporter_flags": ONNX_EXPORT_FLAGS,
        "numerics": pinned_numerics.describe(torch),
        "check_tolerance": TOLERANCE,
        "tolerances": dict(tolerances.summary(), layers=layer_tolerances),
        "tasks": tasks,
        "layer_cases": list(layer_tolerances),
    }
    if not kind.compact:
        manifest["tensor_golden"] = "tensor-ops/" + tensor_golden.GOLDEN_FILE
    manifest["files"] = {rel: describe_file(out / rel) for rel in owned_files(out, kind)
                         if rel != "MANIFEST.json"}
    write_json(out / "MANIFEST.json", manifest)


# --- Export -----------------------------------------------------------------

def export_into(out: Path, seed: int, kind: SetKind = SetKind()) -> dict[str, Trace]:
    """Writes a complete data set into an empty directory (a compact one expects its digits in
    ../digits, written by export_seed_sets)."""
    pinned_numerics.apply(torch)
    specs = create_models(seed)
    initial = {spec.name: copy.deepcopy(spec.model) for spec in specs}
    batch, labels = lines_batch()
    split, split64 = digits_split(), digits_split(torch.float64)
    start, stop = TASK3_SLICE
    task3_val = (split.val_x[start:stop], split.val_label[start:stop])
    inputs = {
        "task1": {"input": batch, "labels": labels},
        "task2": {"input": batch, "labels": labels},
        "task3": {"input": split.train_x[start:stop], "labels": split.train_label[start:stop],
                  "val_input": task3_val[0], "val_labels": task3_val[1]},
    }
    # The float64 runs start from the same weights and the same data: tasks 1 and 2 from the
    # float32 batch, task 3 from the digits prepared in float64, as a float64 solution does.
    inputs64 = {
        "task1": (batch.double(), labels, None),
        "task2": (batch.double(), labels, None),
        "task3": (split64.train_x[start:stop], split.train_label[start:stop],
                  (split64.val_x[start:stop], task3_val[1])),
    }
    onnx_models = {spec.name: export_onnx(spec.model, inputs[spec.name]["input"]) for spec in specs}
    traces = {spec.name: train(spec, inputs[spec.name]["input"], inputs[spec.name]["labels"],
                               task3_val if spec.name == "task3" else None) for spec in specs}
    check_anchors(seed, traces)
    traces64 = {spec.name: train(float64_task(spec, initial[spec.name]), *inputs64[spec.name])
                for spec in specs}

    tasks = {}
    for spec in specs:
        tasks[spec.name] = write_task(out, spec, onnx_models[spec.name], traces[spec.name],
                                      traces64[spec.name], inputs[spec.name], kind)
    tasks["task3"].update(val_batch="task3/val_input.pb", val_labels="task3/val_labels.pb",
                          train_slice=list(TASK3_SLICE), val_slice=list(TASK3_SLICE),
                          prepared=prepared_tolerance(split, split64))
    if not kind.compact:
        write_digits(out / "digits", split, split64)
        tensor_golden.write_tensor_golden(out / "tensor-ops", seed)
    layer_tolerances = write_layer_cases(out, seed, kind)
    write_manifest(out, seed, kind, tasks, layer_tolerances)
    return traces


def export_seed_sets(out: Path, seeds: list[int]) -> None:
    """Compact private sets for the given seeds, seed-NN/, sharing one digits/ directory."""
    pinned_numerics.apply(torch)
    write_digits(out / "digits", digits_split(), digits_split(torch.float64))
    for seed in seeds:
        export_into(out / seed_set_name(seed), seed, SetKind("private", compact=True))


def seed_set_name(seed: int) -> str:
    return f"seed-{seed:02d}"


def publish(out: Path, write, entries) -> None:
    """Exports next to the old data, then swaps it in, so a failure leaves the old set intact.

    write(staging) writes the new data; entries(root) names the top-level entries it owns."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        write(staging)
        for entry in sorted(set(entries(out)) | set(entries(staging))):
            remove(out / entry)
            if (staging / entry).exists():
                (staging / entry).rename(out / entry)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def seed_set_entries(root: Path) -> list[str]:
    return ["digits"] + sorted(p.name for p in root.glob("seed-*") if p.is_dir())


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


# --- Check ------------------------------------------------------------------

def read_manifest(root: Path) -> dict:
    return json.loads((root / "MANIFEST.json").read_text(encoding="utf-8"))


def version_warnings(fresh_root: Path, reference_root: Path) -> list[str]:
    fresh = read_manifest(fresh_root)["versions"]
    reference = read_manifest(reference_root).get("versions", {})
    return [f"warning: {name} {reference.get(name)} made the reference data, this run has {version}"
            for name, version in sorted(fresh.items()) if reference.get(name) != version]


def stale_manifest_entries(root: Path, shown_as: str = "") -> list[str]:
    """Files whose bytes no longer match their manifest entry (edited by hand, say)."""
    stale = []
    for rel, entry in sorted(read_manifest(root).get("files", {}).items()):
        path = root / rel
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != entry.get("sha256"):
            stale.append(f"STALE {shown_as}{rel}: sha256 differs from its MANIFEST.json entry")
    return stale


@dataclass
class Comparison:
    problems: list[str] = field(default_factory=list)
    compared: int = 0
    identical: int = 0


def compare_exports(fresh_root: Path, out: Path, fresh_files: list[str], ref_files: list[str],
                    limits: dict[str, float], comparison: Comparison) -> None:
    fresh_set, ref_set = set(fresh_files), set(ref_files)
    comparison.problems += [f"MISSING {rel}" for rel in sorted(fresh_set - ref_set)]
    comparison.problems += [f"UNEXPECTED {rel}" for rel in sorted(ref_set - fresh_set)]
    comparison.compared += len(fresh_set | ref_set)
    for rel in sorted(fresh_set & ref_set):
        fresh, reference = (fresh_root / rel).read_bytes(), (out / rel).read_bytes()
        if fresh == reference:
            comparison.identical += 1
            continue
        problem = reference_check.compare_file(rel, fresh, reference,
                                               limits.get(rel, reference_check.TOLERANCE))
        if problem:
            comparison.problems.append(f"DIFF {rel}: {problem}")


def report(comparison: Comparison, out: Path, what: str) -> int:
    for line in comparison.problems:
        print(line)
    if comparison.problems:
        print(f"check FAILED: {len(comparison.problems)} problem(s) in {comparison.compared} files "
              f"compared with a fresh export {what}")
        return 1
    rest = comparison.compared - comparison.identical
    print(f"check OK: {comparison.compared} files in {out} match a fresh export {what} "
          f"({comparison.identical} byte-identical"
          + (f", {rest} within their derived check tolerances)" if rest else ")"))
    return 0


def check(out: Path, seed: int, kind: SetKind) -> int:
    if not (out / "MANIFEST.json").is_file():
        raise ExportError(f"no reference data to check: {out / 'MANIFEST.json'} does not exist")
    comparison = Comparison(problems=stale_manifest_entries(out))
    with tempfile.TemporaryDirectory(prefix="reference-check-") as tmp:
        fresh_root = Path(tmp)
        export_into(fresh_root, seed, kind)
        compare_exports(fresh_root, out, owned_files(fresh_root), owned_files(out),
                        reference_check.check_tolerances(read_manifest(fresh_root)), comparison)
        for line in version_warnings(fresh_root, out):
            print(line)
    return report(comparison, out, f"with seed {seed}")


def check_seed_sets(out: Path, seeds: list[int]) -> int:
    if not (out / "digits").is_dir():
        raise ExportError(f"no seed sets to check: {out / 'digits'} does not exist")
    comparison = Comparison()
    for name in seed_set_entries(out)[1:]:
        comparison.problems += stale_manifest_entries(out / name, name + "/")
    with tempfile.TemporaryDirectory(prefix="reference-check-") as tmp:
        fresh_root = Path(tmp)
        export_seed_sets(fresh_root, seeds)
        limits = {}
        for seed in seeds:
            name = seed_set_name(seed)
            limits.update(reference_check.check_tolerances(read_manifest(fresh_root / name), name + "/"))
        compare_exports(fresh_root, out, files_under(fresh_root, seed_set_entries(fresh_root)),
                        files_under(out, seed_set_entries(out)), limits, comparison)
        for line in version_warnings(fresh_root / seed_set_name(seeds[0]), out / seed_set_name(seeds[0])):
            print(line)
    return report(comparison, out, f"with seeds {seeds[0]}-{seeds[-1]}")


def print_summary(out: Path, traces: dict[str, Trace]) -> None:
    for task, trace in traces.items():
        print(f"{task} loss: {trace.losses}")
        if trace.val_losses:
            print(f"{task} val loss: {trace.val_losses}")
    print_size(out, owned_files(out))


def print_size(out: Path, files: list[str]) -> None:
    size = sum((out / rel).stat().st_size for rel in files)
    print(f"wrote {len(files)} files, {size} bytes, to {out}")


def seed_list(text: str) -> list[int]:
    """"1-10" or "1,4,7" as a sorted list of distinct seeds."""
    seeds = set()
    try:
        for part in text.split(","):
            low, _, high = part.partition("-")
            seeds.update(range(int(low), int(high or low) + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a seed list such as 1-10 or 1,4,7")
    if not seeds or min(seeds) < 0:
        raise argparse.ArgumentTypeError(f"{text!r} names no seed")
    return sorted(seeds)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help="seed for model initialisation and random cases (default 1)")
    parser.add_argument("--out", type=Path,
                        help=f"output directory (default {DEFAULT_OUT}; with --seeds {DEFAULT_SEEDS_OUT})")
    parser.add_argument("--private", action="store_true",
                        help='mark the set "visibility": "private" (a hidden set, not the handout\'s)')
    parser.add_argument("--seeds", type=seed_list, metavar="LIST",
                        help="write compact private sets for these seeds (e.g. 1-10) instead of one "
                             "set: seed-NN/ each, sharing digits/, with PyTorch's float64 results")
    parser.add_argument("--check", action="store_true",
                        help="compare --out with a fresh export instead of writing it")
    args = parser.parse_args(argv)
    if args.seeds and (args.private or args.seed != DEFAULT_SEED):
        parser.error("--seeds writes private sets for its own seeds; drop --seed and --private")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    out = (args.out or (DEFAULT_SEEDS_OUT if args.seeds else DEFAULT_OUT)).resolve()
    kind = SetKind("private" if args.private else "public")
    try:
        if args.seeds:
            if args.check:
                return check_seed_sets(out, args.seeds)
            publish(out, lambda staging: export_seed_sets(staging, args.seeds), seed_set_entries)
            print_size(out, files_under(out, seed_set_entries(out)))
            return 0
        if args.check:
            return check(out, args.seed, kind)
        if args.seed != DEFAULT_SEED and not args.private:
            print(f"note: seed {args.seed} is written as a public set; pass --private for a "
                  f"hidden one", file=sys.stderr)
        traces = {}
        publish(out, lambda staging: traces.update(export_into(staging, args.seed, kind)),
                lambda root: OWNED_ENTRIES)
        print_summary(out, traces)
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
