#!/usr/bin/env bash
# The try command (README): installs what is missing, builds the extension, and opens a VS Code
# (code-server) with Self-Heal on examples/, reachable in a browser at the printed address.
# Ctrl+C (or SIGTERM) stops everything it started: code-server and its processes, the sandbox
# containers they made (tryCleanup.js), then the engine service withEngine.sh started.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error
bash scripts/setupEngine.sh
code_server=$(bash scripts/setupCodeServer.sh)
npm run --silent build
exec bash scripts/withEngineIfNeeded.sh node scripts/tryInCodeServer.js "$code_server"
