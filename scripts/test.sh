#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need on a fresh machine, runs every
# suite against real parts, and ends with one total line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

tally=$(mktemp)
failures=$(mktemp)
trap 'rm -f "$tally" "$failures"' EXIT
export SELF_HEAL_TEST_TALLY="$tally"
# Each failed test's title and first error line: printed again at the end, where a log's tail shows it.
export SELF_HEAL_TEST_FAILURES="$failures"
failed_steps=()

step() {
  local name=$1
  shift
  echo "::: $name"
  if ! "$@"; then
    failed_steps+=("$name")
    return 1
  fi
}

step "install npm packages" npm ci --no-audit --no-fund --loglevel=error || { echo "0 passed, 1 failed"; exit 1; }
step "install the container engine and image" bash scripts/setupEngine.sh || { echo "0 passed, 1 failed"; exit 1; }
step "install code-server and Chromium" bash scripts/setupCodeServer.sh >/dev/null || { echo "0 passed, 1 failed"; exit 1; }
step "type-check" npm run --silent typecheck
step "package the .vsix" npm run --silent package
step "build" npm run --silent build
step "compile tests" npm run --silent compile-tests

step "unit tests" npx mocha --reporter ./test/support/summaryReporter.js 'out/test/unit/**/*.test.js'
# --exit: a test's own engine client can leave an idle connection to the engine open after a
# response it did not read; the suite's last test checks that nothing of the product's is left.
step "sandbox tests (Podman behind the Docker API)" bash scripts/withEngine.sh \
  npx mocha --exit --timeout 60000 --reporter ./test/support/summaryReporter.js 'out/test/sandbox/**/*.test.js'

step "adversarial tests (hostile programs, answers and repositories)" bash scripts/withEngine.sh \
  npx mocha --exit --timeout 60000 --reporter ./test/support/summaryReporter.js 'out/test/adversarial/**/*.test.js'

step "integration tests (VS Code extension host in code-server)" bash scripts/withEngine.sh \
  node out/test/integration/runInCodeServer.js
step "UI tests (the workbench in headless Chromium)" bash scripts/withEngine.sh \
  node out/test/ui/uiSmoke.js

passed=$(awk '{ p += $1 } END { print p + 0 }' "$tally")
failed=$(awk '{ f += $2 } END { print f + 0 }' "$tally")
if [ ${#failed_steps[@]} -gt 0 ]; then
  if [ -s "$failures" ]; then
    echo "first failed tests ($(wc -l <"$failures") in all):"
    head -n 8 "$failures" | sed 's/^/  /'
  fi
  echo "failed steps: ${failed_steps[*]}"
  # A step that failed without counting a test (type errors, build) still counts as a failure.
  [ "$failed" -eq 0 ] && failed=1
fi
echo "$passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ]
