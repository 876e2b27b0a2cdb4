# Helpers shared by scripts/start.sh and scripts/test.sh. Source it from the
# repository root; it only defines functions and never exits on its own.

say() { printf '\n==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# version_at_least 1.85.0 1.95.0: is the second version >= the first?
version_at_least() {
  [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]
}

# Rust and Node come from rustup and a Node 20 install on this kind of
# machine; Debian 12's own packages are too old for Tauri 2 and Vite.
require_toolchains() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs), then rerun"
  command -v npm >/dev/null || die "npm not found: install Node.js 20.19 or newer, then rerun"
  local rust node
  rust=$(rustc --version | awk '{print $2}')
  node=$(node --version | tr -d v)
  version_at_least 1.85.0 "$rust" || die "Rust $rust is too old: 1.85 or newer is needed (rustup update)"
  version_at_least 20.19.0 "$node" || die "Node.js $node is too old: 20.19 or newer is needed"
}

# npm ci only when node_modules is missing or package-lock.json changed since
# the last successful install (its hash is kept inside node_modules).
ensure_node_modules() {
  local stamp=ui/node_modules/.hubdesk-package-lock.sha256
  local want
  want=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "ui/node_modules is up to date with package-lock.json"
    return
  fi
  say "npm ci (ui/)"
  (cd ui && npm ci --no-audit --no-fund) </dev/null
  echo "$want" >"$stamp"
}

# tauri-driver goes into .tools/ (gitignored), once.
ensure_tauri_driver() {
  if [ -x .tools/bin/tauri-driver ]; then
    echo "tauri-driver is installed in .tools/bin"
    return
  fi
  say "cargo install tauri-driver (into .tools/)"
  cargo install tauri-driver --version '^2' --locked --root "$PWD/.tools" </dev/null
}

# Is a Secret Service reachable on the current session bus (running, or
# startable by D-Bus activation)?
secret_service_available() {
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || return 1
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.ListActivatableNames 2>/dev/null | grep -q '"org.freedesktop.secrets"' && return 0
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}

# Starts gnome-keyring's Secret Service on the current (private) session bus,
# with a new login keyring unlocked by a throwaway password, stored in a
# temporary dir so a developer's own keyrings are never touched.
# Sets KEYRING_PID and KEYRING_HOME; stop_throwaway_keyring undoes it.
start_throwaway_keyring() {
  KEYRING_HOME=$(mktemp -d -t hubdesk-keyring.XXXXXX)
  # setsid: a Ctrl-C in the terminal must not stop the keyring before the
  # programs using it (an unanswered request would make D-Bus start a
  # default gnome-keyring on the developer's own keyring files).
  printf 'throwaway' | XDG_DATA_HOME="$KEYRING_HOME" \
    setsid gnome-keyring-daemon --foreground --unlock --components=secrets >"$KEYRING_HOME/daemon.log" 2>&1 &
  KEYRING_PID=$!
  local tries
  for tries in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && return 0
    kill -0 "$KEYRING_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$KEYRING_HOME/daemon.log" >&2
  die "gnome-keyring-daemon did not come up on the session bus"
}

stop_throwaway_keyring() {
  if [ -n "${KEYRING_PID:-}" ]; then
    if kill "$KEYRING_PID" 2>/dev/null; then
      wait "$KEYRING_PID" 2>/dev/null
    else
      warn "gnome-keyring-daemon (pid $KEYRING_PID) had already exited; its output:"
      cat "$KEYRING_HOME/daemon.log" >&2
    fi
  fi
  [ -n "${KEYRING_HOME:-}" ] && rm -rf "$KEYRING_HOME"
  KEYRING_PID="" KEYRING_HOME=""
}

# Round trip through the Secret Service, as the app's keyring crate does.
check_secret_service() {
  local value
  printf 'v' | secret-tool store --label 'hubdesk check' service hubdesk-check account a &&
    value=$(secret-tool lookup service hubdesk-check account a) &&
    secret-tool clear service hubdesk-check account a &&
    [ "$value" = v ]
}
