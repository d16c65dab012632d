#!/usr/bin/env bash
# Installs what the end-to-end suite (test/e2e/run.mjs) needs: Debian's Chromium and ripgrep, the
# headers code-server's native modules build against, and code-server 4.100.3 (VS Code 1.100.3, the
# last release that runs on Node 20) in a cache outside the repository.
#
# Recipe: /work/shared/docs/real-vscode.md ("Testing in a real VS Code on these machines").
# Idempotent: a second run finds the marker file and returns in about a second.
#
# Environment:
#   ECS_IAM_E2E_CACHE   cache folder (default: $HOME/.cache/ecs-iam-tools)
#   ECS_IAM_E2E_FORCE=1 reinstall code-server even if the marker exists
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
HOME="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
CACHE_ROOT="${ECS_IAM_E2E_CACHE:-$HOME/.cache/ecs-iam-tools}"
CACHE="$CACHE_ROOT/code-server-$CODE_SERVER_VERSION"
MARKER="$CACHE/.installed-ok"
ENTRY="$CACHE/node_modules/code-server/out/node/entry.js"

log() { printf '[e2e-install] %s\n' "$*" >&2; }
die() { printf '[e2e-install] ERROR: %s\n' "$*" >&2; exit 1; }

start=$(date +%s)

# ---------------------------------------------------------------------------------------------------
# Prerequisites that apt cannot fix for us.
command -v node >/dev/null 2>&1 || die "node is not on PATH (Node 20 is required: code-server $CODE_SERVER_VERSION runs on Node 20)."
command -v npm  >/dev/null 2>&1 || die "npm is not on PATH."
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != "20" ]; then
  die "Node $(node -v) found; code-server $CODE_SERVER_VERSION's native modules need Node 20 (its bundled VS Code targets Node 20)."
fi

# ---------------------------------------------------------------------------------------------------
# 1. Debian packages (skipped when all are installed already).
APT_PACKAGES=(libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev ripgrep chromium)
# node-gyp needs a compiler, make and python3; add them only if missing.
command -v make >/dev/null 2>&1 || APT_PACKAGES+=(make)
command -v g++  >/dev/null 2>&1 || APT_PACKAGES+=(g++)
command -v python3 >/dev/null 2>&1 || APT_PACKAGES+=(python3)
command -v pkg-config >/dev/null 2>&1 || APT_PACKAGES+=(pkg-config)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing Debian packages (${missing[*]}) and apt-get is not available; install them by hand."
  SUDO=()
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
      die "missing Debian packages (${missing[*]}); run this script as root or install them: apt-get install -y ${missing[*]}"
    fi
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq || die "apt-get update failed (is the Debian mirror reachable?)"
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install -y ${missing[*]} failed"
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi

[ -x /usr/bin/chromium ] || die "/usr/bin/chromium not found after installing the 'chromium' package."
RG=$(command -v rg || true)
[ -n "$RG" ] || die "ripgrep's 'rg' not found after installing the 'ripgrep' package."

# ---------------------------------------------------------------------------------------------------
# 2. code-server, exactly per the recipe.
if [ "${ECS_IAM_E2E_FORCE:-}" != "1" ] && [ -f "$MARKER" ] && [ -f "$ENTRY" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $CACHE ($(( $(date +%s) - start )) s)"
  exit 0
fi

log "installing code-server $CODE_SERVER_VERSION into $CACHE (takes about 5 minutes)"
rm -rf "$CACHE"
mkdir -p "$CACHE"

export npm_config_yes=true          # node-pty's postinstall runs `npx node-gyp`
export npm_config_update_notifier=false
NPM_QUIET=(--no-audit --no-fund --loglevel=error)

step() { log "$1 ($(( $(date +%s) - start )) s)"; }
# Runs a command with its output going to $CACHE/install.log; shows the log's tail if it fails.
INSTALL_LOG="$CACHE/install.log"
quiet() {
  if ! "$@" >>"$INSTALL_LOG" 2>&1; then
    tail -n 40 "$INSTALL_LOG" >&2
    return 1
  fi
}

step "npm install code-server@$CODE_SERVER_VERSION (scripts off)"
quiet npm install --prefix "$CACHE" --ignore-scripts "${NPM_QUIET[@]}" "code-server@$CODE_SERVER_VERSION" \
  || die "npm install code-server@$CODE_SERVER_VERSION failed (is the npm registry reachable?)"

VSCODE_DIR="$CACHE/node_modules/code-server/lib/vscode"
[ -d "$VSCODE_DIR" ] || die "unexpected code-server layout: $VSCODE_DIR is missing"

(
  cd "$VSCODE_DIR"
  step "npm install in lib/vscode (scripts off)"
  quiet npm install --omit=dev --ignore-scripts "${NPM_QUIET[@]}"
  # @vscode/ripgrep's postinstall downloads a binary from GitHub; give it Debian's rg instead (its
  # postinstall exits early when bin/ exists).
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$RG" node_modules/@vscode/ripgrep/bin/rg
  step "npm rebuild in lib/vscode (node-pty, kerberos, spdlog, ...)"
  quiet npm rebuild "${NPM_QUIET[@]}"
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  step "npm install in lib/vscode/extensions"
  (cd extensions && quiet npm install --omit=dev "${NPM_QUIET[@]}")
) || die "building code-server's bundled VS Code failed (full log: $INSTALL_LOG)"

step "npm rebuild argon2"
(cd "$CACHE" && quiet npm rebuild "${NPM_QUIET[@]}" argon2) || die "npm rebuild argon2 failed"

[ -f "$ENTRY" ] || die "code-server entry point $ENTRY missing after install"
XDG_CONFIG_HOME="$CACHE/.xdg-config" XDG_DATA_HOME="$CACHE/.xdg-data" node "$ENTRY" --version >/dev/null 2>&1 || die "code-server does not start: node $ENTRY --version failed"

printf 'code-server %s\ninstalled %s\nnode %s\n' "$CODE_SERVER_VERSION" "$(date -u +%FT%TZ)" "$(node -v)" > "$MARKER"
log "done: code-server $CODE_SERVER_VERSION in $CACHE ($(( $(date +%s) - start )) s)"
