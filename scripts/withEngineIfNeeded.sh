#!/usr/bin/env bash
# Runs a command against DOCKER_HOST when it is set, else against a private Podman service.
set -euo pipefail
if [ -n "${DOCKER_HOST:-}" ] || ! command -v podman >/dev/null; then exec "$@"; fi
exec "$(dirname "$0")/withEngine.sh" "$@"
