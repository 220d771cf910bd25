#!/usr/bin/env python3
"""The CamVid study's training length from the pilot's `ce` curve (docs/DESIGN.md, "The CamVid study").

m(e) = mean holdout mIoU of epochs e-4..e; E = the smallest epoch e >= 20 after which m never rises by
0.005 or more (m(e') - m(e) < 0.005 for every later e'); none: the pilot's length.
Usage: docs/study/camvid-epochs.py [EPOCHS_JSON]   (default: docs/results/camvid-pilot/ce-seed0/epochs.json)
"""
import json
import sys

WINDOW, FIRST, RISE = 5, 20, 0.005


def choose(miou):
    """(E, moving means by epoch) for per-epoch scores miou[0] = epoch 1."""
    n = len(miou)
    mean = {e: sum(miou[e - WINDOW:e]) / WINDOW for e in range(WINDOW, n + 1)}
    for e in range(FIRST, n + 1):
        if all(mean[later] - mean[e] < RISE for later in range(e + 1, n + 1)):
            return e, mean
    return n, mean


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "docs/results/camvid-pilot/ce-seed0/epochs.json"
    with open(path) as f:
        epochs = json.load(f)
    if isinstance(epochs, dict):  # a checkpoint.json: its history
        epochs = epochs["history"]["epochs"]
    miou = [e["test"]["miou"] for e in epochs]
    chosen, mean = choose(miou)
    print("epoch  mIoU   5-epoch mean")
    for e, m in enumerate(miou, start=1):
        print(f"{e:5d}  {m:.3f}  {mean[e]:.4f}" if e in mean else f"{e:5d}  {m:.3f}")
    print(f"E = {chosen} (of {len(miou)} epochs): after it the 5-epoch mean never rises by {RISE} or more"
          if chosen < len(miou) else f"E = {chosen}: the curve still rises; the pilot's length")


if __name__ == "__main__":
    main()
