#!/usr/bin/env bash
# The long form of the kill -9 reliability test (CI runs 20 rounds):
#
#   bash scripts/kill-test.sh [ROUNDS]    # default 100
#
# Kills a headless `hubdesk sync` at spread-out moments, checking after each
# kill that the database passes PRAGMA integrity_check and holds no
# half-synced resource, then that the next sync completes.
set -euo pipefail
cd "$(dirname "$0")/.."
HUBDESK_KILL_ROUNDS=${1:-100} exec cargo test -p hubdesk --test cli kill_9 -- --nocapture
