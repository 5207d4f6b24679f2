#!/usr/bin/env bash
# Runs a command with a Podman service answering the Docker API on a private socket, then stops
# the service by its PID (also on Ctrl+C or SIGTERM, once the command has ended). DOCKER_HOST points
# at it for the command. Usage: withEngine.sh CMD...
set -euo pipefail
dir=$(mktemp -d /tmp/self-heal-engine.XXXXXX)
# Started from its own folder: conmon writes files such as "oom" into the folder it was started from.
# In a session of its own, so a terminal's Ctrl+C does not stop it before the command has cleaned up
# through it; it is stopped by its PID below (setsid does not fork here: the subshell leads no group).
(cd "$dir" && exec setsid podman system service --time=0 "unix://$dir/podman.sock" >"$dir/service.log" 2>&1) &
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
# The command runs as a child this script waits for, so that Ctrl+C or a SIGTERM to this script
# reaches the command first and the service outlives the command's own cleanup (npm run try removes
# its sandbox containers through it). stdin stays the command's.
"$@" <&0 &
command_pid=$!
trap 'kill -TERM "$command_pid" 2>/dev/null || true' INT TERM
# wait returns early when a trapped signal arrives: wait again until the command has ended.
while kill -0 "$command_pid" 2>/dev/null; do wait "$command_pid" || true; done
status=0
wait "$command_pid" || status=$?
exit "$status"
