#!/usr/bin/env bash
# asm predict on a folder of images beside asm bench's evaluation speed, alternating in one script (this VM
# drifts: compare only numbers taken together). Pauses this machine's `asm sweep run` processes meanwhile.
# Usage: bench/predict-speed.sh CHECKPOINT IMAGE_DIR [ASM]   (ASM default: dotnet run --project src/Asm.Research.Cli -c Release --)
set -uo pipefail
checkpoint=${1:?usage: bench/predict-speed.sh CHECKPOINT IMAGE_DIR [ASM]}; images=${2:?image folder}
asm=${3:-dotnet run --project src/Asm.Research.Cli -c Release --}
out=$(mktemp -d)
pids=$(pgrep -f "asm.dll sweep run" || true)
[ -n "$pids" ] && kill -STOP $pids
trap '[ -n "$pids" ] && kill -CONT $pids; rm -rf "$out"' EXIT
for round in 1 2; do
  $asm bench --methods bce --sizes 128 --batches 8 --steps 6 --warmup 2 --threads 2 --json 2>/dev/null | tail -1 \
    | jq -r --arg r "$round" '"round \($r): bench eval \(.results[0].eval_images_per_second | .*10|round/10) images/s (oneDNN \(.onednn_isa.isa))"'
  $asm predict --checkpoint "$checkpoint" --input "$images" --out "$out/$round" --threads 2 --json 2>/dev/null | tail -1 \
    | jq -r --arg r "$round" '"round \($r): predict \(.images | length) images in \(.seconds | .*10|round/10) s, \(.images_per_second | .*10|round/10) images/s"'
done
