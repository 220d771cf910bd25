#!/usr/bin/env bash
# Copies one finished run of the study into docs/results/<name>/ (below): its result.json, its
# per-epoch history (epochs.json, written beside result.json by the kit since 2026-12-02; from the
# checkpoint for runs made before) and boundary-iou-disk.json, `asm eval` of its final checkpoint with
# the disk erosion the twelve older records used, so their boundary IoU can be compared.
# Usage, from the repository root: docs/study/collect-record.sh RUN_FOLDER [ASM]   (ASM: the asm command,
# default: dotnet run --project src/Asm.Research.Cli -c Release --). RECORDS=DIR puts the record under DIR
# instead of docs/results (e.g. docs/results/second-stage: those runs share method and seed with the baselines).
set -euo pipefail
run=${1:?usage: docs/study/collect-record.sh RUN_FOLDER [ASM]}
asm=${2:-dotnet run --project src/Asm.Research.Cli -c Release --}
[ -f "$run/result.json" ] || { echo "collect-record: $run/result.json not found (is the run complete?)" >&2; exit 2; }
# <method>-seed<N>, or for a sweep setting with axis values (asm+bce/asm.margin=0.4/seed1) its name with
# the folders joined by "_" (asm+bce_asm.margin=0.4-seed1), so that the settings of one method stay apart.
name=$(jq -r '(.sweep_run // "" | split("/") | .[:-1]) as $s
  | (if ($s | length) > 1 then ($s | join("_")) else .method end) + "-seed" + (.seed | tostring)' "$run/result.json")
dest=${RECORDS:-docs/results}/$name
# Collecting a run again is a no-op: its record is complete and from this very result.json.
# Multi-class records (CamVid) have no boundary IoU, so no disk-erosion file either.
multiclass=$(jq -r 'if .config.task.kind == "Softmax" then "yes" else "no" end' "$run/result.json")
if cmp -s "$run/result.json" "$dest/result.json" && [ -f "$dest/epochs.json" ] && { [ "$multiclass" = yes ] || [ -f "$dest/boundary-iou-disk.json" ]; }; then
  echo "already collected: $run -> $dest"; exit 0
fi
mkdir -p "$dest"
cp "$run/result.json" "$dest/result.json"
if [ -f "$run/epochs.json" ]; then cp "$run/epochs.json" "$dest/epochs.json"
else jq '.history.epochs' "$run/checkpoint/checkpoint.json" > "$dest/epochs.json"; fi
if [ "$multiclass" = yes ]; then echo "collected $run -> $dest"; exit 0; fi
# The records' setting: oneDNN capped at AVX, one thread.
ONEDNN_MAX_CPU_ISA=AVX $asm eval --checkpoint "$run" --set evaluation.boundaryIouErosion=disk --threads 1 --json \
  > "$dest/boundary-iou-disk.json.tmp" && mv "$dest/boundary-iou-disk.json.tmp" "$dest/boundary-iou-disk.json"
echo "collected $run -> $dest"
