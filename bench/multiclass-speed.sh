#!/usr/bin/env bash
# Side by side, one script: BCE on Weizmann vs CE and ASM+CE on CamVid at 144x192, batch 8, 2 threads, two rounds.
# Run from the repository root; ASM may name a built asm (e.g. ASM="dotnet publish-dir/asm.dll").
ASM=${ASM:-dotnet run --project src/Asm.Research.Cli -c Release --}
for round in 1 2; do
  $ASM bench --data ../shared/data/weizmann_horse_db --methods bce --sizes 144x192 --batches 8 --steps 12 --warmup 3 --threads 2 --json | tail -n 1
  $ASM bench --data ../shared/data/camvid --methods ce,asm+ce --sizes 144x192 --batches 8 --steps 12 --warmup 3 --threads 2 --json | tail -n 1
done
