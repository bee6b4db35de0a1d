"""Pins PyTorch's CPU numerics so that every x86-64 CPU exports the same bytes.

Import this module before anything imports torch: it overwrites the environment variables
that choose kernels when the libraries load, whatever the caller set.

- ``ATEN_CPU_CAPABILITY=default``: ATen's portable kernels instead of the AVX2 or AVX-512 ones
  picked for the CPU at hand (their reductions and ``randn`` round differently).
- ``MKL_CBWR=COMPATIBLE``: MKL's conditional numerical reproducibility, one code path on Intel
  and AMD processors, whatever ``MKL_ENABLE_INSTRUCTIONS`` says; checked after loading.
- ``OMP_NUM_THREADS=1``, ``MKL_NUM_THREADS=1`` and ``torch.set_num_threads(1)``: one intra-op
  thread, so no reduction is split by the core count.

``apply(torch)`` then disables oneDNN (mkldnn) and NNPACK, which choose their own kernels by CPU,
and asks for deterministic algorithms. ``describe(torch)`` reports what is in force, for the
manifest.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

PINNED_ENVIRONMENT = {
    "ATEN_CPU_CAPABILITY": "default",
    "MKL_CBWR": "COMPATIBLE",
    "MKL_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}
# mkl_service.h: MKL_CBWR_BRANCH selects the branch query, MKL_CBWR_COMPATIBLE is its answer.
_MKL_CBWR_BRANCH = 1
_MKL_CBWR_COMPATIBLE = 3


class NumericsError(Exception):
    """The pinned settings did not take effect."""


def pin_environment() -> None:
    if "torch" in sys.modules:
        raise NumericsError("torch was imported before pinned_numerics; the kernel choice is made "
                            "on import, so import the exporter before torch")
    os.environ.update(PINNED_ENVIRONMENT)


pin_environment()


def apply(torch) -> None:
    """Settings made through torch's API after it is imported; checks that all took effect."""
    torch.set_num_threads(1)
    torch.backends.mkldnn.enabled = False
    torch.backends.nnpack.set_flags(False)
    torch.use_deterministic_algorithms(True)
    capability = torch.backends.cpu.get_cpu_capability()
    if capability != "DEFAULT":
        raise NumericsError(f"ATen runs {capability} kernels although ATEN_CPU_CAPABILITY=default")
    branch = mkl_cbwr_branch(torch)
    if branch is not None and branch != _MKL_CBWR_COMPATIBLE:
        raise NumericsError(f"MKL's CBWR branch is {branch}, not COMPATIBLE ({_MKL_CBWR_COMPATIBLE})")


def mkl_cbwr_branch(torch) -> int | None:
    """MKL's code-path branch as MKL reports it, or None where MKL is not linked in this way."""
    library = Path(torch.__file__).parent / "lib" / "libtorch_cpu.so"
    try:
        query = ctypes.CDLL(str(library)).mkl_serv_cbwr_get
    except (OSError, AttributeError):
        return None
    query.restype, query.argtypes = ctypes.c_int, [ctypes.c_int]
    return int(query(_MKL_CBWR_BRANCH))


def describe(torch) -> dict:
    """What the manifest records under "numerics"."""
    branch = mkl_cbwr_branch(torch)
    return {
        "environment": dict(sorted(PINNED_ENVIRONMENT.items())),
        "aten_cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "mkl_cbwr_branch": "COMPATIBLE" if branch == _MKL_CBWR_COMPATIBLE else branch,
        "mkldnn_enabled": torch.backends.mkldnn.enabled,
        "nnpack_enabled": bool(torch._C._get_nnpack_enabled()),
        "num_threads": torch.get_num_threads(),
        "deterministic_algorithms": torch.are_deterministic_algorithms_enabled(),
    }
