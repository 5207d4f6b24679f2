#!/usr/bin/env bash
# Installs code-server (a real VS Code with a Node extension host) and Chromium outside the
# repository, without any download beyond the npm registry and Debian's archive. Idempotent.
set -euo pipefail
VERSION=4.100.3 # the newest code-server that runs on Node 20 (VS Code 1.100.3)
PREFIX="${SELF_HEAL_CODE_SERVER:-$HOME/.cache/self-heal/code-server-$VERSION}"
log() { printf '[setup-code-server] %s\n' "$*" >&2; }

if ! command -v chromium >/dev/null || ! command -v rg >/dev/null; then
  log "installing chromium, ripgrep and build tools"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends build-essential pkg-config libkrb5-dev libsecret-1-dev \
    libx11-dev libxkbfile-dev ripgrep chromium fonts-dejavu-core >/dev/null
fi

if [ ! -x "$PREFIX/node_modules/.bin/code-server" ]; then
  log "installing code-server $VERSION into $PREFIX (1-2 minutes)"
  # @vscode/ripgrep's postinstall downloads from GitHub; a cached archive of Debian's rg satisfies it.
  cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache"
  archive="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$archive" ]; then
    staging=$(mktemp -d)
    cp "$(command -v rg)" "$staging/rg"
    tar -C "$staging" -czf "$archive" rg
    rm -rf "$staging"
  fi
  mkdir -p "$PREFIX"
  (cd "$PREFIX" && [ -f package.json ] || echo '{"private":true}' > "$PREFIX/package.json")
  (cd "$PREFIX" && npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --loglevel=error "code-server@$VERSION" >/dev/null)
fi
echo "$PREFIX/node_modules/.bin/code-server"
