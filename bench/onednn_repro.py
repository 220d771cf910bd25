#!/usr/bin/env python3
"""Minimal reproducer for wrong oneDNN convolutions (docs/ONEDNN.md): float32 conv2d forward and
backward against float64 (which PyTorch computes without oneDNN), for a few shapes.

    ONEDNN_MAX_CPU_ISA=AVX2 ONEDNN_VERBOSE=1 python3 bench/onednn_repro.py
Prints one line per shape: relative L1 error of output, input gradient, weight gradient.
"""
import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)
print(f"torch {torch.__version__}, mkldnn {torch.backends.mkldnn.is_available()}, {torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, 'cpu') else ''}")
for (n, ic, oc, hw) in [(4, 16, 4, 16), (4, 16, 12, 16), (4, 12, 16, 16), (4, 24, 16, 16), (4, 16, 8, 16), (4, 16, 16, 16)]:
    x = torch.randn(n, ic, hw, hw, dtype=torch.float64)
    w = torch.randn(oc, ic, 3, 3, dtype=torch.float64) / (ic * 9) ** 0.5
    gy = torch.randn(n, oc, hw, hw, dtype=torch.float64)
    out = {}
    for dt in (torch.float32, torch.float64):
        xi = x.to(dt).requires_grad_(); wi = w.to(dt).requires_grad_()
        y = F.conv2d(xi, wi, padding=1); y.backward(gy.to(dt))
        out[dt] = (y.detach().double(), xi.grad.double(), wi.grad.double())
    err = [float((a - b).abs().sum() / b.abs().sum()) for a, b in zip(out[torch.float32], out[torch.float64])]
    flag = "  WRONG" if max(err) > 1e-3 else ""
    print(f"conv b{n} {ic}->{oc} {hw}x{hw} k3 s1 p1: output {err[0]:.1e}  input grad {err[1]:.1e}  weight grad {err[2]:.1e}{flag}")
