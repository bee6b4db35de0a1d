"""Trains the digits CNN in PyTorch: the baseline the Java homework is timed and compared against.

The data are the reference set's digits split (``DIR/digits``, written by
``export_reference.py``): 1437 training and 360 validation images [N, 1, 8, 8],
float32, normalised with the mean and unbiased std of all training pixels
exactly as the exporter's ``digits_split`` does; labels are int64. The stored
``normalization.json`` must agree with the recomputed mean and std.

Network (``DigitsNet``; attribute names are the ONNX initializer prefixes)::

    input   [B,  1, 8, 8]
    conv1   Conv2d(1, 16, kernel 3, stride 1, padding 1, bias)   -> [B, 16, 8, 8]
    bn1     BatchNorm2d(16, eps 1e-5, momentum 0.1)              -> [B, 16, 8, 8]
    relu1   ReLU
    pool1   AvgPool2d(kernel 2, stride 2)                        -> [B, 16, 4, 4]
    conv2   Conv2d(16, 32, kernel 3, stride 1, padding 1, bias)  -> [B, 32, 4, 4]
    bn2     BatchNorm2d(32, eps 1e-5, momentum 0.1)              -> [B, 32, 4, 4]
    relu2   ReLU
    pool2   AvgPool2d(kernel 2, stride 2)                        -> [B, 32, 2, 2]
    flatten NCHW                                                 -> [B, 128]
    fc1     Linear(128, 10)                                      -> [B, 10] logits

It is the known-good submission's ``DigitsNet``
(grader/src/test/resources/submissions/reference/homework/DigitsNet.java), trained here with
the known-good ``OwnNetwork``'s hyperparameters, so that scripts/bench_optional compares the two
on equal terms.

Recipe: ``torch.manual_seed(seed)``, then the network is built (PyTorch's
default initialisation). Epoch e visits the training images in the order of the
e-th ``torch.randperm(1437, generator=torch.Generator().manual_seed(seed))``,
in batches of --batch (the last one smaller); each batch does, in train mode,
``loss = F.cross_entropy(model(x), y)`` (mean), ``zero_grad``, ``backward``,
``step``. After each epoch the whole validation set is evaluated in eval mode
under ``torch.no_grad()``. Defaults: Adam, lr 5e-3, weight decay 1e-4 (L2 added
to the gradient, as torch.optim.Adam does), betas (0.9, 0.999), eps 1e-8,
batch 64, 40 epochs.

Only the training is timed (``time.perf_counter`` around the loop over the
epochs, per-epoch evaluation included; not the data loading, the export or the
writing). With --repeat R the training runs R times, each from the same initial
weights and in the same order; every run must give the same curves.

Output files in --out:

``init.onnx``
    The network with its initial weights, exported like the reference tasks
    (``export_reference.export_onnx``: TorchScript exporter, training mode, no
    constant folding, opset 17, input ``input`` [B, 1, 8, 8], output
    ``logits``). Initializers keep PyTorch's names: ``conv1.weight``,
    ``conv1.bias``, ``bn1.weight``, ``bn1.bias``, ``bn1.running_mean``,
    ``bn1.running_var``, the same for ``conv2``/``bn2``, ``fc1.weight``,
    ``fc1.bias``; they hold the values before any forward pass.
``order.csv``
    No header; line e (0-based) is epoch e's permutation of the training
    indices 0..1436, comma-separated. Index i is row i of the normalised
    training images, that is image ``train_index[i]`` of ``pixels.pb``.
``torch.json``
    ``torch`` (version), ``threads`` (``torch.get_num_threads()``),
    ``architecture`` (the layer sequence as one line), ``optimizer`` (``name``
    and the constructor's hyperparameters: ``lr``, ``weight_decay``, and
    ``betas``/``eps`` or ``momentum``/``dampening``/``nesterov``), ``seed``,
    ``epochs``, ``batch``, ``train_size``, ``val_size``, ``seconds`` (median
    training time), ``all_seconds`` (one per run), ``val_accuracy`` (fraction
    correct after the last epoch), and per epoch: ``train_loss`` (sum over the
    batches of mean batch loss times batch size, divided by 1437, so the mean
    over the epoch's samples of the loss at the time each was seen),
    ``val_loss`` (mean cross-entropy) and ``val_accuracy_curve``.

Example::

    python scripts/optional_torch.py --reference reference-data --out /tmp/torch-run --threads 1 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import export_reference  # exits with a message when a Python module is missing
import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from torch import nn

DEFAULTS = {"epochs": 40, "batch": 64, "seed": 0, "optimizer": "adam"}
# name -> (class, default lr, default weight decay, fixed hyperparameters)
OPTIMIZERS = {
    "adam": (torch.optim.Adam, 5e-3, 1e-4, {"betas": (0.9, 0.999), "eps": 1e-8}),
    "adamw": (torch.optim.AdamW, 5e-3, 1e-2, {"betas": (0.9, 0.999), "eps": 1e-8}),
    "sgd": (torch.optim.SGD, 0.1, 0.0, {"momentum": 0.0, "dampening": 0.0, "nesterov": False}),
    "sgd-momentum": (torch.optim.SGD, 0.05, 5e-4,
                     {"momentum": 0.9, "dampening": 0.0, "nesterov": False}),
}
NORMALIZATION_TOLERANCE = 1e-6


class DigitsNet(nn.Module):
    """conv1-bn1-relu-avgpool-conv2-bn2-relu-avgpool-fc1 for 8x8 digits (see the module docstring)."""

    ARCHITECTURE = ("conv1 Conv2d(1,16,k3,s1,p1) - bn1 BatchNorm2d(16) - ReLU - AvgPool2d(2,2) - "
                    "conv2 Conv2d(16,32,k3,s1,p1) - bn2 BatchNorm2d(32) - ReLU - AvgPool2d(2,2) - "
                    "flatten(128) - fc1 Linear(128,10)")

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, stride=1, padding=1, bias=True)
        self.bn1 = nn.BatchNorm2d(16, eps=1e-5, momentum=0.1)
        self.relu1 = nn.ReLU()
        self.pool1 = nn.AvgPool2d(kernel_size=2, stride=2)
        self.conv2 = nn.Conv2d(16, 32, kernel_size=3, stride=1, padding=1, bias=True)
        self.bn2 = nn.BatchNorm2d(32, eps=1e-5, momentum=0.1)
        self.relu2 = nn.ReLU()
        self.pool2 = nn.AvgPool2d(kernel_size=2, stride=2)
        self.flatten = nn.Flatten()
        self.fc1 = nn.Linear(32 * 2 * 2, 10)

    def forward(self, x):
        x = self.pool1(self.relu1(self.bn1(self.conv1(x))))
        x = self.pool2(self.relu2(self.bn2(self.conv2(x))))
        return self.fc1(self.flatten(x))


class DataError(Exception):
    """The reference digits are missing or disagree with the exporter's recipe."""


def read_tensor(path: Path) -> torch.Tensor:
    """Reads one ``.pb`` file as written by ``export_reference.write_tensor``."""
    if not path.is_file():
        raise DataError(f"{path} does not exist")
    return torch.from_numpy(numpy_helper.to_array(onnx.TensorProto.FromString(path.read_bytes())).copy())


def load_digits_split(reference: Path):
    """Returns (train_x, train_y, val_x, val_y) exactly as ``export_reference.digits_split``."""
    digits = reference / "digits"
    pixels = read_tensor(digits / "pixels.pb")
    targets = read_tensor(digits / "targets.pb")
    train_index = read_tensor(digits / "train_index.pb")
    val_index = read_tensor(digits / "val_index.pb")
    images = pixels.reshape(len(targets), 1, 8, 8)
    train_x = images[train_index]
    mean, std = torch.mean(train_x), torch.std(train_x)
    stored = json.loads((digits / "normalization.json").read_text(encoding="utf-8"))
    for name, value in (("mean", mean), ("std", std)):
        if abs(value.item() - stored[name]) > NORMALIZATION_TOLERANCE:
            raise DataError(f"{digits / 'normalization.json'}: {name} is {stored[name]}, "
                            f"the training pixels give {value.item()}")
    return ((train_x - mean) / std, targets[train_index],
            (images[val_index] - mean) / std, targets[val_index])


def epoch_orders(seed: int, count: int, epochs: int) -> list[torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    return [torch.randperm(count, generator=generator) for _ in range(epochs)]


def make_optimizer(name: str, parameters, lr: float, weight_decay: float):
    cls, _, _, fixed = OPTIMIZERS[name]
    return cls(parameters, lr=lr, weight_decay=weight_decay, **fixed)


def train(model, optimizer, data, orders, batch: int) -> dict:
    """Trains in place; returns the per-epoch curves and the training seconds."""
    train_x, train_y, val_x, val_y = data
    count = len(train_y)
    train_loss, val_loss, val_accuracy = [], [], []
    start = time.perf_counter()
    for order in orders:
        model.train()
        total = 0.0
        for first in range(0, count, batch):
            index = order[first:first + batch]
            loss = F.cross_entropy(model(train_x[index]), train_y[index])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(index)
        train_loss.append(total / count)
        model.eval()
        with torch.no_grad():
            logits = model(val_x)
            val_loss.append(F.cross_entropy(logits, val_y).item())
            val_accuracy.append((logits.argmax(dim=1) == val_y).double().mean().item())
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "train_loss": train_loss, "val_loss": val_loss,
            "val_accuracy_curve": val_accuracy}


def run(args) -> dict:
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    data = load_digits_split(args.reference)
    torch.manual_seed(args.seed)
    initial = DigitsNet()
    orders = epoch_orders(args.seed, len(data[1]), args.epochs)

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "init.onnx").write_bytes(export_reference.export_onnx(initial, data[0][:args.batch]))
    (args.out / "order.csv").write_text(
        "".join(",".join(str(i) for i in order.tolist()) + "\n" for order in orders), encoding="utf-8")

    initial_state = {name: value.clone() for name, value in initial.state_dict().items()}
    runs = []
    for _ in range(args.repeat):
        model = DigitsNet()
        model.load_state_dict(initial_state)
        optimizer = make_optimizer(args.optimizer, model.parameters(), args.lr, args.weight_decay)
        runs.append(train(model, optimizer, data, orders, args.batch))
    curves = {key: value for key, value in runs[0].items() if key != "seconds"}
    for index, other in enumerate(runs[1:], start=2):
        if any(other[key] != value for key, value in curves.items()):
            raise RuntimeError(f"run {index} of {args.repeat} gave other curves than run 1: "
                               "training is not deterministic with these threads")

    defaults = make_optimizer(args.optimizer, initial.parameters(), args.lr, args.weight_decay).defaults
    hyper = ["lr", "weight_decay", *OPTIMIZERS[args.optimizer][3]]
    all_seconds = [r["seconds"] for r in runs]
    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "architecture": DigitsNet.ARCHITECTURE,
        "optimizer": {"name": args.optimizer, **{key: defaults[key] for key in hyper}},
        "seed": args.seed,
        "epochs": args.epochs,
        "batch": args.batch,
        "train_size": len(data[1]),
        "val_size": len(data[3]),
        "seconds": statistics.median(all_seconds),
        "all_seconds": all_seconds,
        "val_accuracy": curves["val_accuracy_curve"][-1],
        **curves,
    }
    export_reference.write_json(args.out / "torch.json", result)
    return result


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, required=True,
                        help="reference data directory (the one holding digits/)")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--epochs", type=positive_int, default=DEFAULTS["epochs"])
    parser.add_argument("--batch", type=positive_int, default=DEFAULTS["batch"])
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"],
                        help="seeds the initial weights and the epoch orders")
    parser.add_argument("--optimizer", choices=sorted(OPTIMIZERS), default=DEFAULTS["optimizer"])
    parser.add_argument("--lr", type=float,
                        help="learning rate (default: " + ", ".join(
                            f"{name} {spec[1]:g}" for name, spec in OPTIMIZERS.items()) + ")")
    parser.add_argument("--weight-decay", type=float,
                        help="weight decay (default: " + ", ".join(
                            f"{name} {spec[2]:g}" for name, spec in OPTIMIZERS.items()) + ")")
    parser.add_argument("--threads", type=positive_int,
                        help="torch.set_num_threads (default: PyTorch's choice)")
    parser.add_argument("--repeat", type=positive_int, default=1,
                        help="train this many times from the same weights; report the median time")
    args = parser.parse_args(argv)
    _, default_lr, default_decay, _ = OPTIMIZERS[args.optimizer]
    args.lr = default_lr if args.lr is None else args.lr
    args.weight_decay = default_decay if args.weight_decay is None else args.weight_decay
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        result = run(args)
    except (DataError, export_reference.ExportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"torch {result['torch']}, {result['threads']} thread(s), {args.optimizer} "
          f"lr {args.lr:g} wd {args.weight_decay:g}, {args.epochs} epochs, batch {args.batch}, "
          f"seed {args.seed}: val accuracy {result['val_accuracy']:.4f}, final train loss "
          f"{result['train_loss'][-1]:.4f}, val loss {result['val_loss'][-1]:.4f}; training "
          f"{result['seconds']:.3f} s median of {args.repeat} "
          f"({', '.join(f'{s:.3f}' for s in result['all_seconds'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
