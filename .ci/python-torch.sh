#!/usr/bin/env bash
# Installs Debian's PyTorch (python3-torch) when missing, so that the test that reads `asm export`'s file with
# torch.load (and torch.save's back) runs instead of skipping. Safe to run again; a failed install only skips it.
set -uo pipefail
if ! /usr/bin/python3 -c "import torch" >/dev/null 2>&1; then
  echo "python-torch.sh: installing python3-torch"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -qq --no-install-recommends python3-torch >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends python3-torch >/dev/null; }; } \
    || echo "python-torch.sh: apt-get install python3-torch failed; the PyTorch interop test will skip" >&2
fi
exit 0
