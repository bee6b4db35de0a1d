"""Per-layer reference cases computed with PyTorch autograd.

Every case describes one layer y = f(x) of the homework. An upstream gradient G
of y's shape is drawn and autograd differentiates (y * G).sum(), so G plays the
role of the student's ``dZ``: the gradient of the *summed* loss with respect to
the layer output.

The homework's convention is that ``backward(dZ)`` returns dX of the summed loss
unchanged, while dW and db are divided by the batch size N (the number of
images) to emulate ``CrossEntropyLoss(reduction='mean')``. The cases store the
tensors the same way: ``grad_input`` as autograd gives it, ``grad_weight`` and
``grad_bias`` divided by N.

Inputs come from a ``torch.Generator`` per case whose seed is derived from the
main seed and the case name, so adding or reordering cases never changes the
others, and the global RNG that initialises the models is never touched.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

BATCHNORM_EPS = 1e-5
BATCHNORM_MOMENTUM = 0.1


@dataclass
class LayerCase:
    """One case directory: its case.json fields and its tensors by file stem."""

    name: str
    layer: str
    batch: int | None
    attributes: dict
    description: str
    tensors: dict[str, np.ndarray] = field(default_factory=dict)

    def case_json(self) -> dict:
        return {
            "layer": self.layer,
            "batch": self.batch,
            "attributes": self.attributes,
            "description": self.description,
            "tensors": list(self.tensors),
        }


def case_generator(seed: int, case_name: str) -> torch.Generator:
    # The CPU generator keeps only 32 bits of its seed, so seed and name are
    # mixed into 32 bits; crc32 rather than hash(), which Python salts per process.
    return torch.Generator().manual_seed(zlib.crc32(f"{seed}/{case_name}".encode()))


def as_array(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().cpu().numpy().copy()


def randn(gen: torch.Generator, *shape: int) -> torch.Tensor:
    return torch.randn(*shape, generator=gen, dtype=torch.float32)


def with_upstream_gradient(gen, output: torch.Tensor, *leaves: torch.Tensor):
    """Returns G and the gradients of (output * G).sum() for each leaf."""
    grad_output = randn(gen, *output.shape)
    grads = torch.autograd.grad((output * grad_output).sum(), leaves)
    return grad_output, grads


def conv_case(seed, name, batch, in_channels, out_channels, kernel, stride, padding, height, width):
    gen = case_generator(seed, name)
    x = randn(gen, batch, in_channels, height, width).requires_grad_()
    weight = randn(gen, out_channels, in_channels, kernel, kernel).requires_grad_()
    bias = randn(gen, out_channels).requires_grad_()
    y = F.conv2d(x, weight, bias, stride=stride, padding=padding)
    grad_output, (dx, dw, db) = with_upstream_gradient(gen, y, x, weight, bias)
    return LayerCase(
        name, "Conv", batch,
        {"in_channels": in_channels, "out_channels": out_channels, "kernel": kernel,
         "stride": stride, "padding": padding},
        f"Conv2d {in_channels}->{out_channels}, kernel {kernel}, stride {stride}, "
        f"padding {padding} on {height}x{width} input; grad_weight/grad_bias divided by N.",
        {"input": as_array(x), "weight": as_array(weight), "bias": as_array(bias),
         "output": as_array(y), "grad_output": as_array(grad_output),
         "grad_input": as_array(dx), "grad_weight": as_array(dw / batch),
         "grad_bias": as_array(db / batch)},
    )


def fc_case(seed):
    name, batch, in_features, out_features = "fc_batch4", 4, 6, 3
    gen = case_generator(seed, name)
    x = randn(gen, batch, in_features).requires_grad_()
    weight = randn(gen, out_features, in_features).requires_grad_()
    bias = randn(gen, out_features).requires_grad_()
    y = F.linear(x, weight, bias)
    grad_output, (dx, dw, db) = with_upstream_gradient(gen, y, x, weight, bias)
    return LayerCase(
        name, "Fc", batch, {"in_features": in_features, "out_features": out_features},
        "Linear layer, weight [out, in] as nn.Linear; grad_weight/grad_bias divided by N.",
        {"input": as_array(x), "weight": as_array(weight), "bias": as_array(bias),
         "output": as_array(y), "grad_output": as_array(grad_output),
         "grad_input": as_array(dx), "grad_weight": as_array(dw / batch),
         "grad_bias": as_array(db / batch)},
    )


def relu_case(seed):
    name = "relu_with_zeros"
    gen = case_generator(seed, name)
    values = randn(gen, 2, 3, 4, 4)
    # Exact zeros test the derivative at 0, which PyTorch defines as 0.
    values.view(-1)[::5] = 0.0
    x = values.requires_grad_()
    y = torch.relu(x)
    grad_output, (dx,) = with_upstream_gradient(gen, y, x)
    return LayerCase(
        name, "ReLU", 2, {},
        "ReLU on values with exact zeros and negatives; the derivative at 0 is 0.",
        {"input": as_array(x), "output": as_array(y),
         "grad_output": as_array(grad_output), "grad_input": as_array(dx)},
    )


def large_logits(gen, rows: int, classes: int) -> torch.Tensor:
    # Values far outside exp()'s float32 range: a softmax without max-subtraction
    # overflows to inf/NaN here, while the correct answer is finite.
    logits = randn(gen, rows, classes)
    logits[0, :4] = torch.tensor([1000.0, -1000.0, 88.0, 89.0])
    logits[1, :3] = torch.tensor([-1000.0, -999.0, -1000.0])
    logits[2, :] = torch.tensor([89.0, 88.0, 87.5, -90.0, 0.0])
    return logits


def softmax_case(seed):
    name = "softmax_large_logits"
    x = large_logits(case_generator(seed, name), 3, 5)
    return LayerCase(
        name, "Softmax", 3, {"dim": 1},
        "Softmax over classes (dim 1) of logits as large as +-1000; no NaN or inf expected.",
        {"input": as_array(x), "output": as_array(torch.softmax(x, dim=1))},
    )


def cross_entropy_case(seed):
    name, batch, classes = "cross_entropy_large_logits", 4, 5
    gen = case_generator(seed, name)
    x = large_logits(gen, batch, classes)
    x[3, :] = torch.tensor([-1000.0, 1000.0, 0.0, 50.0, -50.0])
    x.requires_grad_()
    labels = torch.randint(0, classes, (batch,), generator=gen, dtype=torch.int64)
    loss = F.cross_entropy(x, labels, reduction="mean")
    (autograd_dx,) = torch.autograd.grad(loss, x)
    delta = torch.softmax(x.detach(), dim=1) - F.one_hot(labels, classes).float()
    if not torch.allclose(delta, autograd_dx * batch, atol=1e-6, rtol=0):
        raise AssertionError("softmax - onehot differs from N x autograd of the mean loss")
    return LayerCase(
        name, "CrossEntropyLoss", batch, {"reduction": "mean"},
        "Mean cross-entropy of large logits; grad_input is softmax - onehot "
        "(the student's deltaL, not divided by N).",
        {"input": as_array(x), "labels": as_array(labels), "output": as_array(loss),
         "grad_input": as_array(delta)},
    )


def batchnorm_tensors(seed, source: str, scale: float):
    """Tensors shared by the train- and eval-mode cases, so they differ only in mode."""
    gen = case_generator(seed, source)
    batch, channels = 4, 3
    return {
        "input": randn(gen, batch, channels, 4, 4) * scale + 0.5,
        "weight": randn(gen, channels),
        "bias": randn(gen, channels),
        "running_mean_before": randn(gen, channels),
        "running_var_before": torch.rand(channels, generator=gen) + 0.5,
        "grad_output": randn(gen, batch, channels, 4, 4),
    }


def batchnorm_case(seed, training: bool, small_variance: bool = False):
    # The small-variance input (variance ~2.5e-5, near eps) is where eps matters: there an eps
    # of 1e-20 instead of 1e-5 changes the output by ~20 %, while on unit variance by ~5e-6.
    source, scale = ("batchnorm_small_variance", 0.005) if small_variance else ("batchnorm_c3", 2.0)
    t = batchnorm_tensors(seed, source, scale)
    batch = t["input"].shape[0]
    x = t["input"].clone().requires_grad_()
    weight = t["weight"].clone().requires_grad_()
    bias = t["bias"].clone().requires_grad_()
    running_mean = t["running_mean_before"].clone()
    running_var = t["running_var_before"].clone()
    y = F.batch_norm(x, running_mean, running_var, weight, bias, training=training,
                     momentum=BATCHNORM_MOMENTUM, eps=BATCHNORM_EPS)
    dx, dw, db = torch.autograd.grad((y * t["grad_output"]).sum(), (x, weight, bias))
    tensors = {name: as_array(value) for name, value in t.items()}
    tensors.update(output=as_array(y), grad_input=as_array(dx))
    attributes = {"eps": BATCHNORM_EPS, "momentum": BATCHNORM_MOMENTUM, "training": training}
    if training:
        tensors.update(grad_weight=as_array(dw / batch), grad_bias=as_array(db / batch),
                       running_mean=as_array(running_mean), running_var=as_array(running_var))
        if small_variance:
            return LayerCase(
                source, "BatchNorm2d", batch, attributes,
                "BatchNorm2d in train mode on an input whose variance (~2.5e-5) is close to "
                "eps, so that eps = 1e-5 visibly matters.",
                tensors)
        return LayerCase(
            "batchnorm_c3", "BatchNorm2d", batch, attributes,
            "BatchNorm2d in train mode: normalises with the biased batch variance, updates "
            "running_var with the unbiased one; grad_weight/grad_bias divided by N.",
            tensors)
    return LayerCase(
        "batchnorm_c3_eval", "BatchNorm2d", batch, attributes,
        "The batchnorm_c3 layer in eval mode: normalises with running_mean_before and "
        "running_var_before, which stay unchanged.",
        tensors)


def avgpool_case(seed, name, batch, channels, size, kernel, stride):
    gen = case_generator(seed, name)
    x = randn(gen, batch, channels, size, size).requires_grad_()
    y = F.avg_pool2d(x, kernel_size=kernel, stride=stride)
    grad_output, (dx,) = with_upstream_gradient(gen, y, x)
    return LayerCase(
        name, "AvgPool", batch, {"kernel": kernel, "stride": stride, "padding": 0},
        f"AvgPool2d kernel {kernel}, stride {stride} on {size}x{size} input.",
        {"input": as_array(x), "output": as_array(y),
         "grad_output": as_array(grad_output), "grad_input": as_array(dx)},
    )


def sgd_case(seed):
    name, lr = "sgd_step", 0.5
    gen = case_generator(seed, name)
    shapes = {"W1": (4, 1, 5, 5), "b1": (4,), "W2": (2, 4), "b2": (2,)}
    params = {key: randn(gen, *shape).requires_grad_() for key, shape in shapes.items()}
    grads = {key: randn(gen, *shape) for key, shape in shapes.items()}
    tensors = {}
    for key, param in params.items():
        tensors[key] = as_array(param)
        tensors["d" + key] = as_array(grads[key])
        param.grad = grads[key].clone()
    torch.optim.SGD(params.values(), lr=lr, momentum=0, dampening=0,
                    weight_decay=0, nesterov=False).step()
    tensors.update({key + "_next": as_array(param) for key, param in params.items()})
    return LayerCase(
        name, "SGD", None, {"lr": lr, "parameters": list(shapes)},
        "One plain SGD step (no momentum, no weight decay): X_next = X - lr * dX.",
        tensors)


def layer_cases(seed: int) -> list[LayerCase]:
    return [
        conv_case(seed, "conv_task1", 2, 1, 4, 5, 1, 0, 5, 5),
        conv_case(seed, "conv_multichannel_stride2_pad1", 2, 3, 2, 3, 2, 1, 7, 7),
        conv_case(seed, "conv_rect_stride1_pad2", 3, 2, 3, 3, 1, 2, 6, 5),
        fc_case(seed),
        relu_case(seed),
        softmax_case(seed),
        cross_entropy_case(seed),
        batchnorm_case(seed, training=True),
        batchnorm_case(seed, training=False),
        batchnorm_case(seed, training=True, small_variance=True),
        avgpool_case(seed, "avgpool_k3_s2", 2, 3, 7, 3, 2),
        avgpool_case(seed, "avgpool_k2_s2", 2, 4, 6, 2, 2),
        sgd_case(seed),
    ]
