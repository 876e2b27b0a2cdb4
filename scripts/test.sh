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

# The test runners' output is also kept, to add up their counts at the end.
logs=$(mktemp -d -t hubdesk-test-logs.XXXXXX)

# teed LOG COMMAND...: runs COMMAND, showing and keeping its output.
teed() {
  local log=$1
  shift
  "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

# "tests: N passed, M failed" over every vitest and cargo test summary line.
print_test_totals() {
  local passed=0 failed_tests=0 p f
  while read -r p f; do
    passed=$((passed + p))
    failed_tests=$((failed_tests + f))
  done < <(
    cat "$logs"/*.log 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | sed -n -E \
      -e 's/^test result: [A-Za-z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p' \
      -e 's/^ *Tests +([0-9]+) failed \| ([0-9]+) passed.*/\2 \1/p' \
      -e 's/^ *Tests +([0-9]+) passed.*/\1 0/p'
  )
  echo "tests: $passed passed, $failed_tests failed"
}

run_step "Secret Service round trip (secret-tool)" check_secret_service || true
run_step "ui: npm run check" bash -c 'cd ui && npm run check' || true
run_step "ui: npm test" teed "$logs/vitest.log" bash -c 'cd ui && npm test' || true
if run_step "ui: npm run build" bash -c 'cd ui && npm run build'; then
  # --no-fail-fast: one failing test binary must not hide the others' results.
  run_step "cargo test --workspace" teed "$logs/cargo.log" cargo test --workspace --no-fail-fast || true
else
  skip_step "cargo test --workspace" "the app embeds ui/dist, which did not build"
fi
print_summary
print_test_totals
rm -rf "$logs"
exit "$failed"
