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
[ ${#targets[@]} -gt 0 ] || targets=(normalise csv_import)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

for target in "${targets[@]}"; do
  # A number is short; a CSV needs room for a header and several rows.
  case "$target" in
    csv_import) max_len=4096 ;;
    *) max_len=256 ;;
  esac
  echo "==> fuzz $target: ${seconds}s or 1,000,000 runs"
  # Seeds (fuzz/seeds/<target>/, checked in) start the corpus; what the
  # fuzzer finds stays in fuzz/corpus/<target>/, which is not checked in.
  seeds=()
  [ -d "fuzz/seeds/$target" ] && seeds=("seeds/$target")
  mkdir -p "fuzz/corpus/$target"
  (cd fuzz && cargo +nightly fuzz run "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -runs=1000000 -max_len="$max_len")
done
