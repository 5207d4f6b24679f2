#!/usr/bin/env bash
# Runs a command with a Podman service answering the Docker API on a private socket, then stops
# the service by its PID. DOCKER_HOST points at it for the command. Usage: withEngine.sh CMD...
set -euo pipefail
dir=$(mktemp -d /tmp/self-heal-engine.XXXXXX)
# Started from its own folder: conmon writes files such as "oom" into the folder it was started from.
(cd "$dir" && exec podman system service --time=0 "unix://$dir/podman.sock" >"$dir/service.log" 2>&1) &
service_pid=$!
stop_service() {
  kill "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap stop_service EXIT
for _ in $(seq 1 100); do
  [ -S "$dir/podman.sock" ] && break
  sleep 0.1
done
[ -S "$dir/podman.sock" ] || { echo "podman service did not start: $(cat "$dir/service.log")" >&2; exit 1; }
export DOCKER_HOST="unix://$dir/podman.sock"
"$@"
