#!/usr/bin/env bash
# README command 2: every check the project has, as CI runs it (.ci/run).
#
#   bash scripts/test.sh
#
# Installs what the tests need (Debian packages, tauri-driver into .tools/,
# ui/node_modules), then runs, inside one throwaway D-Bus session with an
# unlocked throwaway keyring (scripts/with-test-session.sh):
#   a Secret Service round trip; ui: npm run check, npm test, npm run build;
#   cargo test --workspace (unit, integration, and the end-to-end tests,
#   which drive the built app under Xvfb)
# Exits non-zero if any step fails; prints a summary at the end. Works
# without a terminal (CI=true, no stdin). A rerun skips what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

if [ "${1:-}" != --checks ]; then
  started=$SECONDS
  say "system packages (build, run, test)"
  bash scripts/system-packages.sh build run test
  require_toolchains
  ensure_tauri_driver
  ensure_node_modules
  echo "setup took $((SECONDS - started))s"
  say "starting a private D-Bus session with a throwaway keyring"
  exec bash scripts/with-test-session.sh bash "$0" --checks
fi

# ---- the checks, inside the test session ----

results=()
failed=0

# run_step NAME COMMAND...: runs it with no stdin, records pass/fail and time.
run_step() {
  local name=$1 started=$SECONDS status=0
  shift
  say "$name"
  "$@" </dev/null || status=$?
  local took=$((SECONDS - started))
  if [ "$status" -eq 0 ]; then
    results+=("$(printf 'PASS %5ss  %s' "$took" "$name")")
  else
    results+=("$(printf 'FAIL %5ss  %s (exit %s)' "$took" "$name" "$status")")
    failed=1
  fi
  return "$status"
}

skip_step() {
  results+=("$(printf 'SKIP %6s  %s (%s)' "" "$1" "$2")")
  failed=1
}

print_summary() {
  say "summary"
  printf '  %s\n' "${results[@]}"
  if [ "$failed" -eq 0 ]; then echo "all checks passed"; else echo "SOME CHECKS FAILED"; fi
}

# Backtraces for panics, as the environment asks, but not for every error
# value a test returns: the end-to-end harness's errors already say where.
export RUST_LIB_BACKTRACE=${RUST_LIB_BACKTRACE:-0}

run_step "Secret Service round trip (secret-tool)" check_secret_service || true
run_step "ui: npm run check" bash -c 'cd ui && npm run check' || true
run_step "ui: npm test" bash -c 'cd ui && npm test' || true
if run_step "ui: npm run build" bash -c 'cd ui && npm run build'; then
  # --no-fail-fast: one failing test binary must not hide the others' results.
  run_step "cargo test --workspace" cargo test --workspace --no-fail-fast || true
else
  skip_step "cargo test --workspace" "the app embeds ui/dist, which did not build"
fi
print_summary
exit "$failed"
