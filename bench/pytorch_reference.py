#!/usr/bin/env python3
"""PyTorch (CPU) reference timing for `asm bench`: the same U-Net (DESIGN.md), the same BCE and
ASM training steps, batch and thread count, timed the same way (median step after a warm-up).

Usage: python3 bench/pytorch_reference.py [--sizes 64,128,256] [--batch 8] [--threads 2] [--steps 10]
Prints one JSON object per line: {"method", "size", "batch", "threads", "ms_per_step", "train_images_per_second"}.
Uses whatever PyTorch is installed (Debian 12: apt-get install python3-torch, 1.13.1).
"""
import argparse, json, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class UNet(nn.Module):
    def __init__(self, w=16, depth=4):
        super().__init__()
        widths = [w * 2 ** i for i in range(depth + 1)]
        self.down = nn.ModuleList([block(3 if i == 0 else widths[i - 1], widths[i]) for i in range(depth)])
        self.bottom = block(widths[depth - 1], widths[depth])
        self.up = nn.ModuleList([nn.ConvTranspose2d(widths[i + 1], widths[i], 2, stride=2) for i in reversed(range(depth))])
        self.dec = nn.ModuleList([block(2 * widths[i], widths[i]) for i in reversed(range(depth))])
        self.head = nn.Conv2d(w, 1, 1)

    def forward(self, x):
        skips = []
        for b in self.down:
            x = b(x); skips.append(x); x = F.max_pool2d(x, 2)
        x = self.bottom(x)
        for up, dec, skip in zip(self.up, self.dec, reversed(skips)):
            x = dec(torch.cat([up(x), skip], 1))
        return self.head(x)


class Analyzer(nn.Module):
    def __init__(self, widths=(32, 64, 128, 128, 128)):
        super().__init__()
        self.enc = nn.ModuleList([nn.Conv2d(1 if i == 0 else widths[i - 1], widths[i], 3, stride=2, padding=1) for i in range(5)])
        dec, cin = [], widths[4]
        for i in (3, 2, 1, 0):
            dec.append(nn.Conv2d(cin, widths[i], 3, padding=1)); cin = 2 * widths[i]
        self.dec = nn.ModuleList(dec)
        self.head = nn.Conv2d(cin, 1, 1)

    def forward(self, y, deepest=9, reconstruct=True):
        feats, enc, x = [], [], y
        for conv in self.enc:
            f = conv(x); feats.append(f); x = F.relu(f); enc.append(x)
            if len(feats) == deepest and not reconstruct:
                return feats, None
        for conv, i in zip(self.dec, (3, 2, 1, 0)):
            f = conv(x); feats.append(f)
            x = torch.cat([F.interpolate(F.relu(f), size=enc[i].shape[2:], mode="bilinear", align_corners=False), enc[i]], 1)
            if len(feats) == deepest and not reconstruct:
                return feats, None
        return feats, F.interpolate(self.head(x), size=y.shape[2:], mode="bilinear", align_corners=False)


def match(fa, fb, layers):
    return sum(((F.normalize(fa[l - 1], dim=1, eps=1e-12) - F.normalize(fb[l - 1], dim=1, eps=1e-12)) ** 2).sum(1).mean() for l in layers)


def hinge(fa, fb, layers, m=0.8):
    return sum(F.relu(m - ((F.normalize(fa[l - 1], dim=1, eps=1e-12) - F.normalize(fb[l - 1], dim=1, eps=1e-12)) ** 2).sum(1)).mean() for l in layers)


def sgd(params):
    return torch.optim.SGD(params, lr=1e-2, momentum=0.9, weight_decay=5e-4)


def time_steps(step, warmup, steps):
    times = []
    for i in range(warmup + steps):
        t = time.perf_counter(); step(); times.append(time.perf_counter() - t)
    return statistics.median(times[warmup:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="64,128,256")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--methods", default="bce,asm")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    for size in map(int, a.sizes.split(",")):
        x = torch.randn(a.batch, 3, size, size)
        y = (torch.rand(a.batch, 1, size, size) > 0.7).float()
        for method in a.methods.split(","):
            s = UNet(); opt_s = sgd(s.parameters())
            if method == "bce":
                def step():
                    loss = F.binary_cross_entropy_with_logits(s(x), y)
                    opt_s.zero_grad(); loss.backward(); opt_s.step()
            else:
                an = Analyzer(); opt_a = sgd(an.parameters())
                def step():
                    logits = s(x); p = torch.sigmoid(logits)
                    n = (p.detach() > 0.5).float()
                    fy, rec = an(y); fn, _ = an(n, 2, False)
                    la = 0.012 * hinge(fy, fn, (1, 2)) + F.binary_cross_entropy_with_logits(rec, y)
                    opt_a.zero_grad(); la.backward(); opt_a.step()
                    for q in an.parameters(): q.requires_grad_(False)
                    f, _ = an(torch.cat([y, p]), 2, False)
                    b = a.batch
                    ls = match([t[:b] for t in f], [t[b:] for t in f], (1, 2))
                    opt_s.zero_grad(); ls.backward(); opt_s.step()
                    for q in an.parameters(): q.requires_grad_(True)
            sec = time_steps(step, a.warmup, a.steps)
            print(json.dumps({"method": method, "size": size, "batch": a.batch, "threads": a.threads, "torch": torch.__version__,
                              "ms_per_step": sec * 1000, "train_images_per_second": a.batch / sec}), flush=True)


if __name__ == "__main__":
    main()
