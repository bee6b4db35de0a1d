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

MaxPool2d cases store the same tensors as the AvgPool ones. Their tie cases use
small integers, so many windows hold several equal maxima: PyTorch's CPU kernel
(on contiguous NCHW float32 input) sends a window's gradient to its first
maximum in row-major order, and the exporter asserts that rule on every tie
case it writes.

Optimizer cases run the real ``torch.optim`` optimizer (``foreach=False``) for
OPTIMIZER_STEPS steps on the notebook's parameter keys W1, b1, W2, b2. Inputs:
the initial parameters ``W1`` ... and a gradient per parameter and step,
``dW1_step1`` ... ``db2_step3``, drawn independently of the parameters (the b2
gradients scaled by 1e-4, two elements of dW1_step2 exactly 0). Expected after
each step k: the parameters ``W1_step{k}`` ... and the optimizer state under
torch's names, ``W1_momentum_buffer_step{k}`` for SGD with momentum,
``W1_exp_avg_step{k}`` and ``W1_exp_avg_sq_step{k}`` for Adam and AdamW.

Cases (``layer_cases``): conv_task1, conv_multichannel_stride2_pad1,
conv_rect_stride1_pad2, fc_batch4, relu_with_zeros, softmax_large_logits,
cross_entropy_large_logits, batchnorm_c3, batchnorm_c3_eval,
batchnorm_small_variance, avgpool_k3_s2, avgpool_k2_s2, maxpool_k2_s2,
maxpool_k2_s2_ties, maxpool_k3_s2_ties, sgd_step, sgd_momentum,
sgd_momentum_dampening_wd, sgd_nesterov_wd, adam, adam_weight_decay, adamw.

Float64
-------
Every case keeps its inputs (``inputs``) apart from the function that computes what a layer
must produce from them (``compute``), so the exporter runs the very same PyTorch code twice: in
float32, which is the reference, and in float64 on the same inputs upcast, which measures how far
float32 rounding moves each tensor (see ``tolerances.py``). BatchNorm2d in train
mode also has ``float32_alternatives``: PyTorch's kernel sums in float64, so a
hand-written float32 implementation with sequential sums is measured too.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

BATCHNORM_EPS = 1e-5
BATCHNORM_MOMENTUM = 0.1
OPTIMIZER_SHAPES = {"W1": (4, 1, 3, 3), "b1": (4,), "W2": (3, 8), "b2": (3,)}
OPTIMIZER_STEPS = 3
# b2 gradients ~1e-4 give sqrt(v_hat) ~1e-4: eps = 1e-8 added inside the root then changes
# Adam's step by ~30 %, added outside it (as torch does) by ~1e-4.
OPTIMIZER_B2_GRAD_SCALE = 1e-4
# Elements of dW1_step2 set to exactly 0: the step still moves them (momentum, Adam's moments).
OPTIMIZER_ZERO_GRAD = ("dW1_step2", ((0, 0, 0, 0), (2, 0, 1, 2)))


Tensors = dict[str, torch.Tensor]


@dataclass
class LayerCase:
    """One case directory: its case.json fields, its inputs, and how the outputs follow from them.

    ``compute`` maps the inputs (float32 or float64, labels int64) to the produced tensors in the
    inputs' dtype; it must not draw random numbers.
    """

    name: str
    layer: str
    batch: int | None
    attributes: dict
    description: str
    inputs: Tensors
    compute: Callable[[Tensors], Tensors]
    # Other correct float32 computations of the same outputs, for cases where PyTorch's kernel is
    # more accurate than float32 arithmetic allows (see batchnorm_sequential_float32).
    float32_alternatives: Callable[[Tensors], list[Tensors]] | None = None
    _float32: Tensors | None = field(default=None, repr=False)

    def run(self, dtype: torch.dtype) -> Tensors:
        """The produced tensors, computed from the inputs converted to dtype."""
        converted = {name: value.to(dtype) if value.is_floating_point() else value
                     for name, value in self.inputs.items()}
        return {name: value.detach() for name, value in self.compute(converted).items()}

    def outputs(self) -> Tensors:
        """The float32 reference outputs (computed once)."""
        if self._float32 is None:
            self._float32 = self.run(torch.float32)
        return self._float32

    def alternatives(self) -> list[Tensors]:
        """Outputs of the float32_alternatives, as float32 tensors; none for most cases."""
        if self.float32_alternatives is None:
            return []
        return self.float32_alternatives(self.inputs)

    @property
    def tensors(self) -> dict[str, np.ndarray]:
        """Inputs, then outputs, by file stem, as float32 or int64 arrays."""
        return {name: as_array(value) for name, value in {**self.inputs, **self.outputs()}.items()}

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


def differentiate(t: Tensors, forward, batch: int | None = None) -> Tensors:
    """output = forward(input, weight, bias) and the gradients of (output * grad_output).sum();
    grad_weight and grad_bias divided by batch, as the homework's convention wants them."""
    leaves = {name: t[name].clone().requires_grad_() for name in ("input", "weight", "bias")
              if name in t}
    y = forward(**leaves)
    grads = torch.autograd.grad((y * t["grad_output"]).sum(), list(leaves.values()))
    result = {"output": y}
    for name, grad in zip(leaves, grads):
        result["grad_" + name] = grad if name == "input" else grad / batch
    return result


def output_shape(forward, t: Tensors) -> torch.Size:
    """The shape of forward's output, so grad_output can be drawn before anything is differentiated."""
    with torch.no_grad():
        return forward(**{name: t[name] for name in ("input", "weight", "bias") if name in t}).shape


def conv_case(seed, name, batch, in_channels, out_channels, kernel, stride, padding, height, width):
    gen = case_generator(seed, name)
    inputs = {"input": randn(gen, batch, in_channels, height, width),
              "weight": randn(gen, out_channels, in_channels, kernel, kernel),
              "bias": randn(gen, out_channels)}

    def forward(input, weight, bias):
        return F.conv2d(input, weight, bias, stride=stride, padding=padding)

    inputs["grad_output"] = randn(gen, *output_shape(forward, inputs))
    return LayerCase(
        name, "Conv", batch,
        {"in_channels": in_channels, "out_channels": out_channels, "kernel": kernel,
         "stride": stride, "padding": padding},
        f"Conv2d {in_channels}->{out_channels}, kernel {kernel}, stride {stride}, "
        f"padding {padding} on {height}x{width} input; grad_weight/grad_bias divided by N.",
        inputs, lambda t: differentiate(t, forward, batch))


def fc_case(seed):
    name, batch, in_features, out_features = "fc_batch4", 4, 6, 3
    gen = case_generator(seed, name)
    inputs = {"input": randn(gen, batch, in_features),
              "weight": randn(gen, out_features, in_features),
              "bias": randn(gen, out_features)}
    inputs["grad_output"] = randn(gen, batch, out_features)
    return LayerCase(
        name, "Fc", batch, {"in_features": in_features, "out_features": out_features},
        "Linear layer, weight [out, in] as nn.Linear; grad_weight/grad_bias divided by N.",
        inputs, lambda t: differentiate(t, F.linear, batch))


def relu_case(seed):
    name = "relu_with_zeros"
    gen = case_generator(seed, name)
    values = randn(gen, 2, 3, 4, 4)
    # Exact zeros test the derivative at 0, which PyTorch defines as 0.
    values.view(-1)[::5] = 0.0
    inputs = {"input": values, "grad_output": randn(gen, 2, 3, 4, 4)}
    return LayerCase(
        name, "ReLU", 2, {},
        "ReLU on values with exact zeros and negatives; the derivative at 0 is 0.",
        inputs, lambda t: differentiate(t, torch.relu))


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
    inputs = {"input": large_logits(case_generator(seed, name), 3, 5)}
    return LayerCase(
        name, "Softmax", 3, {"dim": 1},
        "Softmax over classes (dim 1) of logits as large as +-1000; no NaN or inf expected.",
        inputs, lambda t: {"output": torch.softmax(t["input"], dim=1)})


def cross_entropy_case(seed):
    name, batch, classes = "cross_entropy_large_logits", 4, 5
    gen = case_generator(seed, name)
    x = large_logits(gen, batch, classes)
    x[3, :] = torch.tensor([-1000.0, 1000.0, 0.0, 50.0, -50.0])
    labels = torch.randint(0, classes, (batch,), generator=gen, dtype=torch.int64)

    def compute(t):
        logits = t["input"].clone().requires_grad_()
        loss = F.cross_entropy(logits, t["labels"], reduction="mean")
        (autograd_dx,) = torch.autograd.grad(loss, logits)
        delta = torch.softmax(logits.detach(), dim=1) - F.one_hot(t["labels"], classes).to(logits.dtype)
        if not torch.allclose(delta, autograd_dx * batch, atol=1e-6, rtol=0):
            raise AssertionError("softmax - onehot differs from N x autograd of the mean loss")
        return {"output": loss, "grad_input": delta}

    return LayerCase(
        name, "CrossEntropyLoss", batch, {"reduction": "mean"},
        "Mean cross-entropy of large logits; grad_input is softmax - onehot "
        "(the student's deltaL, not divided by N).",
        {"input": x, "labels": labels}, compute)


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
    inputs = batchnorm_tensors(seed, source, scale)
    batch = inputs["input"].shape[0]

    def compute(t):
        running_mean = t["running_mean_before"].clone()
        running_var = t["running_var_before"].clone()

        def forward(input, weight, bias):
            return F.batch_norm(input, running_mean, running_var, weight, bias, training=training,
                                momentum=BATCHNORM_MOMENTUM, eps=BATCHNORM_EPS)

        result = differentiate(t, forward, batch)
        if not training:
            return {"output": result["output"], "grad_input": result["grad_input"]}
        return dict(result, running_mean=running_mean, running_var=running_var)

    attributes = {"eps": BATCHNORM_EPS, "momentum": BATCHNORM_MOMENTUM, "training": training}
    if not training:
        return LayerCase(
            "batchnorm_c3_eval", "BatchNorm2d", batch, attributes,
            "The batchnorm_c3 layer in eval mode: normalises with running_mean_before and "
            "running_var_before, which stay unchanged.",
            inputs, compute)

    def alternatives(t):
        return [batchnorm_sequential_float32(t, reverse) for reverse in (False, True)]

    if small_variance:
        return LayerCase(
            source, "BatchNorm2d", batch, attributes,
            "BatchNorm2d in train mode on an input whose variance (~2.5e-5) is close to "
            "eps, so that eps = 1e-5 visibly matters.",
            inputs, compute, alternatives)
    return LayerCase(
        "batchnorm_c3", "BatchNorm2d", batch, attributes,
        "BatchNorm2d in train mode: normalises with the biased batch variance, updates "
        "running_var with the unbiased one; grad_weight/grad_bias divided by N.",
        inputs, compute, alternatives)


def sequential_sum(values: np.ndarray, reverse: bool) -> np.float32:
    """The float32 sum a plain loop computes: one element after the other, in row-major order or
    its reverse, rounding after every addition."""
    flat = values.ravel()
    return np.add.accumulate(flat[::-1] if reverse else flat, dtype=np.float32)[-1]


def batchnorm_sequential_float32(t: Tensors, reverse: bool) -> Tensors:
    """BatchNorm2d in train mode as a hand-written float32 implementation computes it.

    PyTorch's CPU kernel accumulates the batch statistics and the gradient's sums in float64
    even for float32 tensors, so its float32 result is far closer to the exact one than float32
    arithmetic with float32 sums can be: the float32 rounding of the batch mean alone, magnified
    by 1/sigma ~ 170 on batchnorm_small_variance, moves grad_input by ~1e-4. This is the
    textbook formula in float32 with every sum over a channel's N*H*W values a sequential float32
    loop, so that the tolerances also absorb that rounding.
    """
    f32 = np.float32
    x, dy = t["input"].numpy(), t["grad_output"].numpy()
    weight, bias = t["weight"].numpy(), t["bias"].numpy()
    running_mean, running_var = t["running_mean_before"].numpy(), t["running_var_before"].numpy()
    batch, channels = x.shape[:2]
    m = f32(x.size // channels)
    out = {name: np.zeros_like(x) for name in ("output", "grad_input")}
    per_channel = {name: np.zeros(channels, dtype=f32)
                   for name in ("grad_weight", "grad_bias", "running_mean", "running_var")}
    keep, momentum = f32(1 - BATCHNORM_MOMENTUM), f32(BATCHNORM_MOMENTUM)
    for c in range(channels):
        xc, dyc = x[:, c], dy[:, c]
        mean = sequential_sum(xc, reverse) / m
        deviation = xc - mean
        var = sequential_sum(deviation * deviation, reverse) / m
        inv_std = f32(1) / np.sqrt(var + f32(BATCHNORM_EPS))
        xhat = deviation * inv_std
        out["output"][:, c] = weight[c] * xhat + bias[c]
        dxhat = dyc * weight[c]
        out["grad_input"][:, c] = inv_std / m * (m * dxhat - sequential_sum(dxhat, reverse)
                                                 - xhat * sequential_sum(dxhat * xhat, reverse))
        per_channel["grad_weight"][c] = sequential_sum(dyc * xhat, reverse) / f32(batch)
        per_channel["grad_bias"][c] = sequential_sum(dyc, reverse) / f32(batch)
        per_channel["running_mean"][c] = keep * running_mean[c] + momentum * mean
        per_channel["running_var"][c] = keep * running_var[c] + momentum * var * m / (m - f32(1))
    return {name: torch.from_numpy(value) for name, value in {**out, **per_channel}.items()}


def avgpool_case(seed, name, batch, channels, size, kernel, stride):
    gen = case_generator(seed, name)
    inputs = {"input": randn(gen, batch, channels, size, size)}

    def forward(input):
        return F.avg_pool2d(input, kernel_size=kernel, stride=stride)

    inputs["grad_output"] = randn(gen, *output_shape(forward, inputs))
    return LayerCase(
        name, "AvgPool", batch, {"kernel": kernel, "stride": stride, "padding": 0},
        f"AvgPool2d kernel {kernel}, stride {stride} on {size}x{size} input.",
        inputs, lambda t: differentiate(t, forward))


def first_maximum_gradient(x: torch.Tensor, grad_output: torch.Tensor, kernel: int,
                           stride: int) -> tuple[torch.Tensor, torch.Tensor]:
    """grad_input when each window's gradient goes to its first maximum in row-major order,
    and how many windows chose each input element."""
    grad = torch.zeros_like(x)
    chosen = torch.zeros(x.shape, dtype=torch.int64)
    batch, channels, out_h, out_w = grad_output.shape
    for n in range(batch):
        for c in range(channels):
            for i in range(out_h):
                for j in range(out_w):
                    window = x[n, c, i * stride:i * stride + kernel, j * stride:j * stride + kernel]
                    first = int(torch.argmax((window == window.max()).flatten().to(torch.int64)))
                    at = (n, c, i * stride + first // kernel, j * stride + first % kernel)
                    grad[at] += grad_output[n, c, i, j]
                    chosen[at] += 1
    return grad, chosen


def tied_windows(x: torch.Tensor, kernel: int, stride: int) -> int:
    windows = x.unfold(2, kernel, stride).unfold(3, kernel, stride)
    windows = windows.reshape(*windows.shape[:4], -1)
    return int(((windows == windows.amax(dim=-1, keepdim=True)).sum(dim=-1) > 1).sum())


def maxpool_case(seed, name, batch, channels, size, kernel, stride, integers=None):
    gen = case_generator(seed, name)
    if integers is None:
        values = randn(gen, batch, channels, size, size)
    else:
        low, high = integers
        values = torch.randint(low, high, (batch, channels, size, size), generator=gen,
                               dtype=torch.int64).to(torch.float32)
    inputs = {"input": values}

    def forward(input):
        # The channels-last kernel breaks ties differently; these cases pin the NCHW one.
        if not input.is_contiguous():
            raise AssertionError(f"{name}: input must be contiguous NCHW")
        return F.max_pool2d(input, kernel_size=kernel, stride=stride)

    inputs["grad_output"] = randn(gen, *output_shape(forward, inputs))
    description = f"MaxPool2d kernel {kernel}, stride {stride} on {size}x{size} input"
    if integers is not None:
        description += (
            f" of integers in [{low}, {high}), so many windows have tied maxima: each window's "
            "gradient goes to its first maximum in row-major order (PyTorch's CPU kernel on "
            "contiguous NCHW input; checked on this grad_input)")
        if kernel > stride:
            description += ("; the windows overlap, so an input element that is the first "
                            "maximum of several windows receives the sum of their gradients")
    case = LayerCase(
        name, "MaxPool2d", batch, {"kernel": kernel, "stride": stride, "padding": 0},
        description + ".", inputs, lambda t: differentiate(t, forward))
    check_first_maximum_rule(case, kernel, stride, integers is not None)
    return case


def check_first_maximum_rule(case: LayerCase, kernel: int, stride: int, ties: bool) -> None:
    x, grad_output = case.inputs["input"], case.inputs["grad_output"]
    if x.dtype != torch.float32 or not x.is_contiguous():
        raise AssertionError(f"{case.name}: input must be contiguous NCHW float32")
    expected, chosen = first_maximum_gradient(x, grad_output, kernel, stride)
    if not torch.allclose(case.outputs()["grad_input"], expected, atol=1e-6, rtol=0):
        raise AssertionError(f"{case.name}: grad_input does not follow the first-maximum rule")
    if ties:
        if tied_windows(x, kernel, stride) == 0:
            raise AssertionError(f"{case.name}: no window has a tied maximum")
        if kernel > stride and int(chosen.max()) < 2:
            raise AssertionError(f"{case.name}: no input element is the maximum of two windows")


def sgd_case(seed):
    name, lr = "sgd_step", 0.5
    gen = case_generator(seed, name)
    shapes = {"W1": (4, 1, 5, 5), "b1": (4,), "W2": (2, 4), "b2": (2,)}
    params = {key: randn(gen, *shape) for key, shape in shapes.items()}
    grads = {key: randn(gen, *shape) for key, shape in shapes.items()}
    inputs = {}
    for key in shapes:
        inputs[key] = params[key]
        inputs["d" + key] = grads[key]

    def compute(t):
        stepped = {key: t[key].clone().requires_grad_() for key in shapes}
        for key, param in stepped.items():
            param.grad = t["d" + key].clone()
        torch.optim.SGD(stepped.values(), lr=lr, momentum=0, dampening=0,
                        weight_decay=0, nesterov=False).step()
        return {key + "_next": param for key, param in stepped.items()}

    return LayerCase(
        name, "SGD", None, {"lr": lr, "parameters": list(shapes)},
        "One plain SGD step (no momentum, no weight decay): X_next = X - lr * dX.",
        inputs, compute)


OPTIMIZER_STATE_NAMES = {"SGD": ("momentum_buffer",), "Adam": ("exp_avg", "exp_avg_sq"),
                         "AdamW": ("exp_avg", "exp_avg_sq")}


def optimizer_case(seed, name, layer, hyper: dict, description: str) -> LayerCase:
    """Runs torch.optim's SGD, Adam or AdamW for OPTIMIZER_STEPS steps on given gradients.

    hyper holds the case.json attributes: for SGD lr, momentum, dampening, weight_decay,
    nesterov; for Adam and AdamW lr, beta1, beta2, eps, weight_decay.
    """
    gen = case_generator(seed, name)
    params = {key: randn(gen, *shape) for key, shape in OPTIMIZER_SHAPES.items()}
    grads = {}
    for step in range(1, OPTIMIZER_STEPS + 1):
        for key, shape in OPTIMIZER_SHAPES.items():
            grads[f"d{key}_step{step}"] = randn(gen, *shape)
        grads[f"db2_step{step}"] *= OPTIMIZER_B2_GRAD_SCALE
    zero_name, zero_at = OPTIMIZER_ZERO_GRAD
    for index in zero_at:
        grads[zero_name][index] = 0.0

    def compute(t):
        stepped = {key: t[key].clone().requires_grad_() for key in OPTIMIZER_SHAPES}
        if layer == "SGD":
            optimizer = torch.optim.SGD(
                stepped.values(), lr=hyper["lr"], momentum=hyper["momentum"],
                dampening=hyper["dampening"], weight_decay=hyper["weight_decay"],
                nesterov=hyper["nesterov"], maximize=False, foreach=False)
        else:
            kind = {"Adam": torch.optim.Adam, "AdamW": torch.optim.AdamW}[layer]
            optimizer = kind(
                stepped.values(), lr=hyper["lr"], betas=(hyper["beta1"], hyper["beta2"]),
                eps=hyper["eps"], weight_decay=hyper["weight_decay"], amsgrad=False,
                maximize=False, foreach=False)
        result = {}
        for step in range(1, OPTIMIZER_STEPS + 1):
            for key, param in stepped.items():
                param.grad = t[f"d{key}_step{step}"].clone()
            optimizer.step()
            for key, param in stepped.items():
                result[f"{key}_step{step}"] = param.detach().clone()
            for key, param in stepped.items():
                for state_name in OPTIMIZER_STATE_NAMES[layer]:
                    result[f"{key}_{state_name}_step{step}"] = optimizer.state[param][state_name].clone()
        return result

    attributes = dict(hyper, steps=OPTIMIZER_STEPS, parameters=list(OPTIMIZER_SHAPES))
    return LayerCase(name, layer, None, attributes, description, {**params, **grads}, compute)


def optimizer_cases(seed) -> list[LayerCase]:
    common = (f"{OPTIMIZER_STEPS} steps of torch.optim.{{}} (foreach=False) from W1, b1, W2, b2 "
              f"with the gradients dX_stepK; expected: the parameters X_stepK and the state "
              f"{{}} after each step K. The b2 gradients are scaled by "
              f"{OPTIMIZER_B2_GRAD_SCALE:g} and two elements of dW1_step2 are exactly 0. ")
    sgd_state, adam_state = "X_momentum_buffer_stepK", "X_exp_avg_stepK and X_exp_avg_sq_stepK"
    sgd_rule = ("g = dX + weight_decay * X; step 1: buf = g (no dampening); later steps: "
                "buf = momentum * buf + (1 - dampening) * g; ")
    return [
        optimizer_case(
            seed, "sgd_momentum", "SGD",
            {"lr": 0.1, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0,
             "nesterov": False},
            common.format("SGD", sgd_state) + sgd_rule + "X -= lr * buf."),
        optimizer_case(
            seed, "sgd_momentum_dampening_wd", "SGD",
            {"lr": 0.1, "momentum": 0.9, "dampening": 0.3, "weight_decay": 0.05,
             "nesterov": False},
            common.format("SGD", sgd_state) + sgd_rule
            + "X -= lr * buf. Weight decay enters g before the momentum buffer."),
        optimizer_case(
            seed, "sgd_nesterov_wd", "SGD",
            {"lr": 0.05, "momentum": 0.8, "dampening": 0.0, "weight_decay": 0.05,
             "nesterov": True},
            common.format("SGD", sgd_state) + sgd_rule + "Nesterov: X -= lr * (g + momentum * buf)."),
        optimizer_case(
            seed, "adam", "Adam",
            {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
            common.format("Adam", adam_state)
            + "m = beta1 * m + (1 - beta1) * g; v = beta2 * v + (1 - beta2) * g^2; "
              "X -= lr * (m / (1 - beta1^k)) / (sqrt(v / (1 - beta2^k)) + eps), eps outside the root."),
        optimizer_case(
            seed, "adam_weight_decay", "Adam",
            {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-8, "weight_decay": 0.1},
            common.format("Adam", adam_state)
            + "L2 weight decay: g = dX + weight_decay * X enters both moments; otherwise as adam."),
        optimizer_case(
            seed, "adamw", "AdamW",
            {"lr": 0.05, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.2},
            common.format("AdamW", adam_state)
            + "Decoupled weight decay before the step: X *= 1 - lr * weight_decay, then the Adam "
              "update with g = dX (the moments never see the decay)."),
    ]


def layer_cases(seed: int) -> list[LayerCase]:
    """Every case, in the order of MANIFEST.json's layer_cases (listed in the module docstring)."""
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
        maxpool_case(seed, "maxpool_k2_s2", 2, 3, 6, 2, 2),
        maxpool_case(seed, "maxpool_k2_s2_ties", 2, 3, 6, 2, 2, integers=(-2, 3)),
        maxpool_case(seed, "maxpool_k3_s2_ties", 2, 2, 7, 3, 2, integers=(-1, 2)),
        sgd_case(seed),
        *optimizer_cases(seed),
    ]
