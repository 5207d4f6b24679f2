#!/usr/bin/env bash
# The try command (README): sets up the engine and runs the examples through `self-heal run`.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error
bash scripts/setupEngine.sh
npm run --silent build
run_examples() {
  for example in hello greet crash infinite_loop memory_bomb network_probe read_only_root; do
    echo "\$ self-heal run examples/$example.py --timeout 3"
    node dist/cli.js run "examples/$example.py" --timeout 3 || true
    echo
  done
}
if [ -n "${DOCKER_HOST:-}" ]; then run_examples; else bash scripts/withEngine.sh bash -c "$(declare -f run_examples); run_examples"; fi
