#!/usr/bin/env bash
# Brings docs/ up to date with the study's finished runs, in one command (from the repository root):
# collects every finished run of the study's sweeps (runs/structure-study, runs/ablations, runs/second-stage,
# runs/budget-control; the CamVid study's runs/camvid-study and runs/camvid-pilot) with collect-record.sh (a run already collected is skipped), rewrites RESULTS.md's
# study tables (study-table.py) and its `asm summarize` block, and, with --figures, redraws docs/figures
# (needs chromium).
# Usage: docs/study/refresh.sh [--figures] [ASM]   (ASM: the asm command, default: dotnet run --project
# src/Asm.Research.Cli -c Release --)
set -euo pipefail
figures=false
if [ "${1:-}" = "--figures" ]; then figures=true; shift; fi
asm=${1:-dotnet run --project src/Asm.Research.Cli -c Release --}
[ -f docs/RESULTS.md ] || { echo "refresh: run from the repository root (docs/RESULTS.md not found)" >&2; exit 2; }

# Q1's runs are named like the baselines' records; the other sweeps' keep their own folders.
for pair in structure-study:docs/results ablations:docs/results/ablations second-stage:docs/results/second-stage \
    budget-control:docs/results/budget-control camvid-study:docs/results/camvid camvid-pilot:docs/results/camvid-pilot; do
  sweep=${pair%%:*}
  [ -d "runs/$sweep" ] || continue
  find "runs/$sweep" -name result.json -printf '%h\n' | sort | while read -r run; do
    RECORDS=${pair#*:} docs/study/collect-record.sh "$run" "$asm"
  done
done

python3 docs/study/study-table.py --update docs/RESULTS.md

# The blocks between the summarize markers are the command's own output, so the tests can compare them.
# Usage: block END COMMAND...; the start marker is "<!-- asm ARGS -->" for the command's arguments.
block() {
  local end=$1; shift
  local start="<!-- asm $* -->"
  grep -qF -- "$start" docs/RESULTS.md || { echo "refresh: no '$start' marker in docs/RESULTS.md; block skipped" >&2; return 0; }
  local summary
  summary=$(mktemp)
  $asm "$@" > "$summary"
  python3 - "$summary" "$start" "$end" <<'PY'
import sys
summary, start, end = sys.argv[1:4]
path = 'docs/RESULTS.md'
text = open(path).read()
a = text.index(start) + len(start)
b = text.index(end, a)
open(path, 'w').write(text[:a] + '\n' + open(summary).read().strip('\n') + '\n' + text[b:])
PY
  rm -f "$summary"
}
block '<!-- /asm summarize -->' summarize --records docs/results --task figure-ground --markdown
if [ -d ../shared/data/camvid ]; then
  block '<!-- /asm data -->' data --data ../shared/data/camvid --size 144x192 --markdown
fi
if [ -d docs/results/camvid ]; then
  block '<!-- /asm summarize camvid -->' summarize --records docs/results/camvid --classes --markdown
fi
echo "refresh: docs/RESULTS.md tables and summarize block rewritten"

if $figures; then
  $asm figures --records docs/results --methods bce,cgan,asm,asm+bce,bce+dice,bce+lovasz,aaf \
    --questions docs/study/questions.json --out docs/figures
fi
