#!/usr/bin/env bash
# Installs the Debian packages hubdesk needs. Idempotent: checks dpkg first,
# so a second run takes a second. Usage: system-packages.sh build|run|test
set -euo pipefail

build_pkgs=(build-essential pkg-config curl wget file libwebkit2gtk-4.1-dev
  libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  libdbus-1-dev)
run_pkgs=(xvfb xauth x11-utils xdotool imagemagick fonts-dejavu-core
  fonts-noto-core dbus dbus-x11 gnome-keyring libsecret-tools keyutils)
test_pkgs=(webkit2gtk-driver)

wanted=()
for set in "$@"; do
  case "$set" in
    build) wanted+=("${build_pkgs[@]}") ;;
    run) wanted+=("${run_pkgs[@]}") ;;
    test) wanted+=("${test_pkgs[@]}") ;;
    *) echo "unknown package set: $set" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing system packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
