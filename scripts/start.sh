#!/usr/bin/env bash
# README command 1: installs everything, builds hubdesk and starts it signed
# in to the built-in demo tenant. Run it as root or with sudo (for apt).
#
#   bash scripts/start.sh [--isolated]
#
#   --isolated  keep the app's data in a temporary folder, deleted at exit,
#               instead of the normal app data folder
#
# With no display ($DISPLAY empty) the app runs in a private Xvfb (1280x800)
# and a screenshot, refreshed while it runs, shows what it displays. With no
# Secret Service on the session bus, the app gets a private D-Bus session
# with a throwaway gnome-keyring (so it forgets its tokens at exit).
# Ctrl-C stops everything the script started. A second run skips what is
# already installed or built and starts in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

SCREENSHOT=/tmp/hubdesk-screenshot.png
SCREENSHOT_EVERY=10
APP=target/debug/hubdesk

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

isolated=0 in_session=0
for arg in "$@"; do
  case "$arg" in
    --isolated) isolated=1 ;;
    --in-session) in_session=1 ;;
    -h | --help) usage ;;
    *) echo "unknown option: $arg" >&2; usage 2 ;;
  esac
done

# Drops what dbus-daemon and the accessibility bus it starts for GTK print
# (fd limits, service activations, "Bus killed by signal 2" on Ctrl-C).
# It ignores Ctrl-C itself, so the cleanup can still print.
without_bus_chatter() {
  trap '' INT
  grep --line-buffered -v -E '^(dbus-daemon\[[0-9]+\]|SpiRegistry daemon|Failed to launch bus: Bus killed)'
}

install_and_build() {
  say "system packages (build, run)"
  bash scripts/system-packages.sh build run
  require_toolchains
  ensure_node_modules
  build_ui_if_changed
  say "cargo build -p hubdesk"
  cargo build -p hubdesk </dev/null
}

# The app embeds ui/dist; rebuild it only when a file under ui/ is newer.
build_ui_if_changed() {
  if [ -f ui/dist/index.html ] && [ -z "$(find ui -path ui/node_modules -prune -o -path ui/dist -prune -o \
    -type f -newer ui/dist/index.html -print -quit)" ]; then
    echo "ui/dist is up to date"
    return
  fi
  say "npm run build (ui/)"
  (cd ui && npm run build) </dev/null
}

# ---- running ----

APP_PID="" XVFB_PID="" REFRESHER_PID="" DATA_DIR=""

cleanup() {
  set +e
  for pid in "$REFRESHER_PID" "$APP_PID" "$XVFB_PID"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  stop_throwaway_keyring
  if [ -n "$DATA_DIR" ]; then
    # The demo tenant outlives the window (until idle); not an isolated one.
    demo_pid=$(sed -n 's/.*"pid":\([0-9]*\).*/\1/p' "$DATA_DIR/demo-tenant.json" 2>/dev/null)
    [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null
    rm -rf "$DATA_DIR" && echo "removed the isolated data folder $DATA_DIR"
  fi
  echo "hubdesk stopped"
}

# Starts Xvfb on a free display (it writes the number to fd 3) and exports DISPLAY.
start_xvfb() {
  local number_file
  number_file=$(mktemp)
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$number_file" 2>/tmp/hubdesk-xvfb.log &
  XVFB_PID=$!
  local tries
  for tries in $(seq 100); do
    [ -s "$number_file" ] && break
    kill -0 "$XVFB_PID" 2>/dev/null || die "Xvfb failed to start (see /tmp/hubdesk-xvfb.log)"
    sleep 0.1
  done
  [ -s "$number_file" ] || die "Xvfb did not report a display (see /tmp/hubdesk-xvfb.log)"
  export DISPLAY=":$(tr -d '\n' <"$number_file")"
  rm -f "$number_file"
}

# Prints the id of the app's window once it is mapped (fails if the app
# exits). GTK also creates a hidden 10x10 window with the same name.
wait_for_window() {
  local id=""
  until id=$(xdotool search --onlyvisible --name '^hubdesk$' 2>/dev/null | head -1) && [ -n "$id" ]; do
    kill -0 "$APP_PID" 2>/dev/null || die "hubdesk exited before opening its window (see $1)"
    sleep 0.5
  done
  echo "$id"
}

# Keeps $SCREENSHOT current; written beside it first, so it is never half a PNG.
refresh_screenshot() {
  local window=$1
  local second
  while kill -0 "$APP_PID" 2>/dev/null; do
    import -window "$window" "$SCREENSHOT.tmp.png" 2>/dev/null && mv "$SCREENSHOT.tmp.png" "$SCREENSHOT"
    for second in $(seq "$SCREENSHOT_EVERY"); do
      kill -0 "$APP_PID" 2>/dev/null && sleep 1
    done
  done
}

run_on_screen() {
  say "starting hubdesk on display $DISPLAY (Ctrl-C to stop)"
  "$APP" --demo &
  APP_PID=$!
  wait "$APP_PID"
}

run_headless() {
  local log=/tmp/hubdesk-app.log
  start_xvfb
  "$APP" --demo >"$log" 2>&1 &
  APP_PID=$!
  say "waiting for the hubdesk window on the virtual display $DISPLAY"
  local window
  window=$(wait_for_window "$log")
  sleep 3 # the first frames: WebKit paints after the window maps
  refresh_screenshot "$window" &
  REFRESHER_PID=$!
  sleep 1
  cat <<INFO

hubdesk is running, signed in to the demo tenant, on a virtual display
($DISPLAY: this machine has no screen).

  To see it, open the screenshot $SCREENSHOT
  (refreshed every ${SCREENSHOT_EVERY}s), e.g. copy it to your computer:
      scp $(hostname):$SCREENSHOT .
  A screenshot right now:   DISPLAY=$DISPLAY import -window root /tmp/now.png
  The app's output:         $log

Press Ctrl-C to stop hubdesk.
INFO
  wait "$APP_PID"
}

run_app() {
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  if [ "$isolated" -eq 1 ]; then
    DATA_DIR=$(mktemp -d -t hubdesk-data.XXXXXX)
    export HUBDESK_DATA_DIR=$DATA_DIR
    echo "app data goes to the isolated folder $DATA_DIR (deleted at exit)"
  fi
  if [ -n "${DISPLAY:-}" ]; then run_on_screen; else run_headless; fi
}

if [ "$in_session" -eq 1 ]; then
  trap cleanup EXIT
  start_throwaway_keyring
  run_app
  exit
fi

install_and_build
if secret_service_available; then
  run_app
else
  say "no Secret Service (keyring) on a D-Bus session bus: starting a private session"
  echo "with a throwaway gnome-keyring; hubdesk keeps its tokens there, so they are gone at exit"
  exec dbus-run-session -- bash "$0" --in-session "$@" > >(without_bus_chatter) 2> >(without_bus_chatter >&2)
fi
