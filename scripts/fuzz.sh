#!/usr/bin/env bash
# Fuzzes the parsers that take what spreadsheets and directories hold: each
# target runs for 10 minutes or 1,000,000 inputs, whichever ends first, on
# the nightly toolchain. Not part of scripts/test.sh or CI.
#
#   bash scripts/fuzz.sh [TARGET...] [-- SECONDS]
#
# Installs cargo-fuzz into ~/.cargo/bin if it is missing. A crash leaves the
# input under fuzz/artifacts/<target>/ and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; seconds=${1:-600}; shift || true ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(normalise)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

for target in "${targets[@]}"; do
  echo "==> fuzz $target: ${seconds}s or 1,000,000 runs"
  (cd fuzz && cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -runs=1000000 -max_len=256)
done
