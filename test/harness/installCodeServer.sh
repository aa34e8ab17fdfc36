#!/usr/bin/env bash
# Installs code-server 4.100.3 (= VS Code 1.100.3, the last line that runs on Node 20) and
# Debian's Chromium without any download other than the npm registry and Debian's packages.
# code-server's own postinstall fetches ripgrep from GitHub and fails offline, so every step it
# would run is done here by hand. Idempotent: a marker written at the very end makes a re-run a
# no-op, and a half-finished install (no marker) is wiped and redone.
#
# Usage: test/harness/installCodeServer.sh [target-dir]
#   default target: <repo>/.vscode-test/code-server-4.100.3
set -euo pipefail

version=4.100.3
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${1:-$repo_root/.vscode-test/code-server-$version}"
marker="$target/.installed"

apt_packages=(build-essential python3 pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev
  libx11-dev ripgrep chromium)

log() { printf '[install-code-server] %s\n' "$*" >&2; }

install_apt_packages() {
  local missing=()
  for p in "${apt_packages[@]}"; do
    # dpkg -s also succeeds for removed-but-configured packages; check the status line instead.
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return
  fi
  log "apt packages missing: ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  # The package lists of a fresh machine are empty or stale; one update is cheap next to the install.
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
}

install_apt_packages

if [[ -f "$marker" ]]; then
  log "already installed at $target"
  exit 0
fi

start=$(date +%s)
rm -rf "$target"
mkdir -p "$target"
cd "$target"

# A package.json of its own keeps code-server's tree out of the project's lockfile.
cat >package.json <<JSON
{ "name": "code-server-cache", "private": true, "version": "0.0.0" }
JSON

export npm_config_yes=true
# node-gyp would download Node's headers; Debian's nodejs ships them under /usr/include/node.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false

log "npm install code-server@$version"
npm install --ignore-scripts --save-exact --no-package-lock "code-server@$version" >&2
npm rebuild argon2 >&2

vscode="$target/node_modules/code-server/lib/vscode"
log "installing VS Code's own dependencies"
(
  cd "$vscode"
  npm install --omit=dev --ignore-scripts >&2
  # --ignore-scripts skipped the native builds; these are the modules the server and the
  # extension host load at start.
  npm rebuild @parcel/watcher @vscode/spdlog @vscode/deviceid kerberos native-watchdog node-pty >&2
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  # The server resolves some modules through the Electron-style asar path.
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
)
log "installing built-in extensions' dependencies"
(cd "$vscode/extensions" && npm install --omit=dev --ignore-scripts >&2)

date -u +%Y-%m-%dT%H:%M:%SZ >"$marker"
log "done in $(($(date +%s) - start)) s"
