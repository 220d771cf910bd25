#!/usr/bin/env bash
# Side by side, alternating in rounds on an idle machine (issue 13's targets):
#   kit under the old AVX cap | kit under the ISA it chooses | PyTorch (Debian's python3-torch) with the kit's malloc settings.
# Each kit run is `asm bench --methods bce,asm --sizes 128 --batches 8 --steps 6 --warmup 2 --threads 2 --json`;
# it reports its own float32 matmul rate (matmul_gflops) and the ISA it ran with (onednn_isa).
#
#   bench/isa-side-by-side.sh [rounds=2]          (build first: dotnet build -c Release)
# Raw JSON goes to bench-isa-side-by-side-<date>/ ; the table and ratios to stdout.
set -euo pipefail
rounds=${1:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
asm="dotnet $root/src/Asm.Research.Cli/bin/Release/net10.0/asm.dll"
args=(bench --methods bce,asm --sizes 128 --batches 8 --steps 6 --warmup 2 --threads 2 --json)
# The CLI relaunches itself with these (GlibcAllocator.Tunables); PyTorch gets the same.
tunables="glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=2147483647:glibc.malloc.top_pad=268435456"
python=/usr/bin/python3
out="$root/bench-isa-side-by-side-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
[ -f "$root/src/Asm.Research.Cli/bin/Release/net10.0/asm.dll" ] || { echo "build first: dotnet build -c Release" >&2; exit 2; }
have_torch=1
$python -c "import torch" 2>/dev/null || { have_torch=0; echo "no PyTorch for $python (apt-get install python3-torch): its column is skipped" >&2; }

# Fill the self-check cache outside the timed runs.
$asm "${args[@]}" --steps 1 --warmup 1 > /dev/null

for r in $(seq 1 "$rounds"); do
  echo "round $r: kit, AVX cap" >&2
  ONEDNN_MAX_CPU_ISA=AVX $asm "${args[@]}" > "$out/kit-avx-$r.json"
  echo "round $r: kit, chosen ISA" >&2
  $asm "${args[@]}" > "$out/kit-chosen-$r.json"
  if [ $have_torch = 1 ]; then
    echo "round $r: PyTorch" >&2
    GLIBC_TUNABLES=$tunables $python "$root/bench/pytorch_reference.py" --sizes 128 --batch 8 --threads 2 --steps 6 --warmup 2 > "$out/pytorch-$r.jsonl"
  fi
done

$python - "$out" "$rounds" <<'PY'
import json, sys, os
out, rounds = sys.argv[1], int(sys.argv[2])
def kit(name, r):
    d = json.load(open(f"{out}/{name}-{r}.json"))
    return d, {x["method"]: x for x in d["results"]}
def torch_(r):
    p = f"{out}/pytorch-{r}.jsonl"
    if not os.path.exists(p): return None
    return {x["method"]: x for x in map(json.loads, filter(str.strip, open(p)))}
print("| round | run | ISA | BCE img/s | ASM img/s | ASM/BCE step | BCE GFLOP/s | matmul GFLOP/s | BCE / matmul |")
print("|---|---|---|---|---|---|---|---|---|")
ratios = []
for r in range(1, rounds + 1):
    avx, a = kit("kit-avx", r); cho, c = kit("kit-chosen", r); pt = torch_(r)
    for label, d, m in (("kit, AVX cap", avx, a), ("kit, chosen", cho, c)):
        bce, asm = m["bce"], m["asm"]
        print(f"| {r} | {label} | {d['onednn_isa']['isa']} | {bce['train_images_per_second']:.1f} | {asm['train_images_per_second']:.1f} | "
              f"{asm['ms_per_step'] / bce['ms_per_step']:.2f} | {bce['achieved_gflops']:.1f} | {d['matmul_gflops']:.1f} | {bce['achieved_gflops'] / d['matmul_gflops']:.0%} |")
    if pt:
        print(f"| {r} | PyTorch {pt['bce'].get('torch', '')} | its default | {pt['bce']['train_images_per_second']:.1f} | {pt['asm']['train_images_per_second']:.1f} | "
              f"{pt['asm']['ms_per_step'] / pt['bce']['ms_per_step']:.2f} | | | |")
    ratios.append((r, c, a, pt, cho))
print()
print("| round | chosen/AVX BCE (≥1.3) | chosen/AVX ASM (≥1.3) | chosen/PyTorch BCE (≥1.8) | chosen/PyTorch ASM (≥1.6) | ASM/BCE step (≤1.3) | BCE/matmul (≥0.8) |")
print("|---|---|---|---|---|---|---|")
for r, c, a, pt, cho in ratios:
    rate = lambda m, k: m[k]["train_images_per_second"]
    vs_pt = (f"{rate(c, 'bce') / rate(pt, 'bce'):.2f}", f"{rate(c, 'asm') / rate(pt, 'asm'):.2f}") if pt else ("—", "—")
    print(f"| {r} | {rate(c, 'bce') / rate(a, 'bce'):.2f} | {rate(c, 'asm') / rate(a, 'asm'):.2f} | {vs_pt[0]} | {vs_pt[1]} | "
          f"{c['asm']['ms_per_step'] / c['bce']['ms_per_step']:.2f} | {c['bce']['achieved_gflops'] / cho['matmul_gflops']:.0%} |")
print(f"\nraw output: {out}")
PY
