#!/usr/bin/env bash
# Runs a command the way the tests need it, e.g. one test binary:
#
#   bash scripts/with-test-session.sh cargo test -p hubdesk --test e2e
#
# inside a throwaway D-Bus session, with a new keyutils session keyring
# (`keyctl session -`), a private XDG_RUNTIME_DIR and a Secret Service from
# gnome-keyring whose login keyring is new, unlocked by a throwaway password
# and deleted afterwards. Nothing touches the developer's own keyrings.
# Exits with the command's status. scripts/test.sh runs its checks this way.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

[ $# -gt 0 ] || die "usage: bash scripts/with-test-session.sh COMMAND [ARG...]"

if [ -z "${HUBDESK_IN_TEST_SESSION:-}" ]; then
  # A new anonymous session keyring, so tokens the app caches in keyutils
  # never leak between runs (some containers forbid it: then say so).
  session_keyring=(keyctl session -)
  if ! keyctl session - true >/dev/null 2>&1; then
    warn "keyctl session is not permitted here: using the inherited session keyring"
    session_keyring=()
  fi
  export HUBDESK_IN_TEST_SESSION=1
  exec dbus-run-session -- "${session_keyring[@]}" bash "$0" "$@"
fi

cleanup() {
  set +e
  stop_throwaway_keyring
  rm -rf "$XDG_RUNTIME_DIR"
}

XDG_RUNTIME_DIR=$(mktemp -d -t hubdesk-runtime.XXXXXX)
chmod 700 "$XDG_RUNTIME_DIR"
export XDG_RUNTIME_DIR
trap cleanup EXIT
start_throwaway_keyring
status=0
"$@" || status=$?
exit "$status"
