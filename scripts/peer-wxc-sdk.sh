#!/usr/bin/env bash
# Installs the peer client of the sync benchmark (docs/benchmarks.md,
# "Sync"): Cisco's wxc_sdk, pinned, in a venv under .tools/ (never
# globally). `cargo bench -p hubdesk-core --bench sync_floor` uses it when present.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.tools/wxc-venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet 'wxc-sdk==1.41.0'
"$venv/bin/python" -c 'import wxc_sdk; print("wxc_sdk", wxc_sdk.__version__, "in", "'"$venv"'")'
