#!/usr/bin/env bash
# Installs what the real-browser notebook checks need, when missing: Debian's chromium, and for the
# Jupyter route nbclient + nbconvert and the .NET Interactive kernel spec. Safe to run again.
# The tests that use them carry Category=Browser and say why they skip when something is absent.
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian's python, which the python3-* packages serve (a pyenv shim on PATH may shadow it).
py=/usr/bin/python3
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
"$py" -c "import nbclient" >/dev/null 2>&1 || missing+=(python3-nbclient)
"$py" -c "import nbconvert" >/dev/null 2>&1 || missing+=(python3-nbconvert)
"$py" -c "import ipykernel" >/dev/null 2>&1 || missing+=(python3-ipykernel)
if [ ${#missing[@]} -gt 0 ]; then
  echo "browser.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || echo "browser.sh: apt-get update failed" >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || echo "browser.sh: apt-get install failed; Browser tests will skip" >&2
fi

# The Jupyter kernel (.net-csharp) from the local dotnet-interactive tool (.config/dotnet-tools.json).
jupyter_dir=$("$py" -c "import jupyter_core.paths as p; print(p.jupyter_data_dir())" 2>/dev/null || echo "$HOME/.local/share/jupyter")
if [ ! -d "$jupyter_dir/kernels/.net-csharp" ]; then
  mkdir -p "$jupyter_dir/kernels"   # the installer refuses a missing kernels folder
  dotnet tool restore >/dev/null && dotnet tool run dotnet-interactive -- jupyter install >/dev/null \
    || echo "browser.sh: dotnet interactive jupyter install failed; the Jupyter route test will skip" >&2
fi
command -v chromium >/dev/null 2>&1 && chromium --version 2>/dev/null || true
exit 0
