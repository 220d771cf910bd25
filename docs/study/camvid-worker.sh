#!/usr/bin/env bash
# One worker of the CamVid study: trains the sweep's unfinished runs, one at a time, until none is left.
# Start two (one per core), from the repository root:  docs/study/camvid-worker.sh [ASM] &
# Workers share the runs through each run's lock (`sweep run --all` skips a run another worker holds). A run
# that fails (a native fault, a killed process) is retried by index, from its last complete epoch, up to
# three times; a run that still fails stays failed (failed.json in its folder) and the worker goes on.
set -uo pipefail
asm=${1:-dotnet run --project src/Asm.Research.Cli -c Release --}
sweep=docs/study/camvid-study.json
[ -f "$sweep" ] || { echo "camvid-worker: run from the repository root ($sweep not found)" >&2; exit 2; }
for attempt in 1 2 3 4; do
  $asm sweep run "$sweep" --all --threads 1 && exit 0
  # Failed runs nobody holds: resume each from its checkpoint (`--index` retries a failed run).
  for index in $($asm sweep list "$sweep" --json | tail -n 1 | jq -r '.runs[] | select(.state == "failed" and .running == null) | .index'); do
    $asm sweep run "$sweep" --index "$index" --threads 1 || echo "camvid-worker: run $index failed again (attempt $attempt)" >&2
  done
done
echo "camvid-worker: runs still failing after 4 attempts; see 'asm sweep list $sweep'" >&2
exit 1
