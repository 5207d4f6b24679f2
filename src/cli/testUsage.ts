// The help text of `self-heal test`, apart from the command so each stays short.
import { ENGINE_FLAGS_USAGE } from './engineFlags';

export const TEST_USAGE = `Usage: self-heal test [PATH...] [-k EXPR] [options]

Runs the project's tests (the current folder is the project) in a sandbox container, one result per
test. pytest runs them when the project has anything of pytest's (conftest.py, pytest's
configuration, test functions, "import pytest"), and must then be installed in the image; otherwise
unittest discovers the TestCase tests. PATHs are files or folders inside the project (default: all).
The tests run in the environment of the project's requirements and test requirements
(requirements.txt, requirements-dev.txt, requirements-test.txt, test-requirements.txt,
dev-requirements.txt, pyproject.toml's dependencies, its test/tests/dev/testing extras and
dependency groups), built with pip on the image before the run (wheels only, as for heal).

Options:
  -k EXPR, --keyword EXPR  run only the tests EXPR selects (pytest's -k; for unittest a part of the id)
  --doctest-modules    also run the doctests of the modules in PATHs (default: the whole project), one
                       result per docstring; by pytest, or by the standard library's doctest under unittest
  --install-network bridge|host
                       the network pip installs with (default bridge; host reaches an index on this machine)
  --allow-source-builds
                       let pip build source archives, which runs their build code (default: wheels only)
  --json               print the JSON report (see docs/cli.md) instead of a line per test
  --junit FILE         also write the results as JUnit XML to FILE
  --sarif FILE         also write the failing tests as SARIF 2.1.0 to FILE, for code scanning
  --summary FILE       also append a Markdown summary to FILE (e.g. $GITHUB_STEP_SUMMARY)
  --changed-since REF  only the test files changed since the git ref REF (and uncommitted changes),
                       and those importing a changed module (a changed conftest.py or data file: all)
  --heal               heal the failing tests (see "self-heal test --heal --help")
  --runner docker      the only runner for tests (local has no channel for results per test)
  --image IMG          container image (default: by the project's Python version; python:3.11-slim)
  --python-images V=IMG,...
                       images by the Python version the project asks for (as for run)
${ENGINE_FLAGS_USAGE}  --timeout SEC        wall-clock limit for the whole test run (default 30)
  --memory SIZE        memory limit (default 512m)
  --cpus N             CPU limit (default 1)
  --processes N        process limit (default 128)
  --network[=MODE]     allow network: bridge (the default when given), host, or none (the default)
  --output-limit SIZE  the tests' output kept per stream (default 1m); results travel apart

Exit status: 0 every selected test passed; 1 a test failed or erred, the run hit a limit, or no
tests were found; 2 usage, engine, pytest missing, or the requirements could not be installed.
`;

export const TEST_HEAL_USAGE = `Usage: self-heal test --heal [PATH...] [-k EXPR] [options]

Runs the project's tests in a sandbox container, then heals the failing ones: rule fixes first
(a missing import in the code under test, a misspelt name, ...), then a model (any OpenAI-compatible
endpoint) that is shown the failing tests, their comparisons and the code under test. A fix is
kept only when the whole suite, run again, has the failing tests passing and every test that
passed before still passing. The suite runs twice before healing: a test that fails once and
passes once is reported as flaky and never healed. Test files (test_*.py, *_test.py, conftest.py,
files under tests/ or test/) are never edited unless --allow-test-edits. Every run of the suite is
made as "self-heal test" makes it: in the environment of the tests' requirements, and with the
doctests when --doctest-modules is given.

Options (besides those of "self-heal test", but --junit, --sarif and --changed-since):
  --write              write the fix to the files, only when every failing test passes with it
  --allow-test-edits   let a fix edit test files
  --summary FILE       write the receipt as Markdown (for a pull request) to FILE
  --json               print the receipt as JSON
  --max-attempts N     fixes to try (default 3)
  --no-llm             rule-based fixes only
  --no-rules           model fixes only
  --model M            model name (default gpt-4o-mini, or SELF_HEAL_MODEL)
  --base-url URL       OpenAI-compatible endpoint (default OPENAI_BASE_URL, then OpenAI); key: OPENAI_API_KEY
  --model-timeout SEC  time allowed per model request (default 60)
  --temperature T      sampling temperature, 0 to 2 (default 0)
  --max-tokens N       longest answer (default 4096)
  --api-kind K         auto, openai, azure or compatible (default auto: from the base URL)
  --api-version V      Azure's api-version (default 2024-10-21, or OPENAI_API_VERSION)
  --token-budget N     most model tokens the heal may use; it stops before the next model request
                       once reached (default 0: no cap)

Exit status: 0 every selected test passes after healing; 1 a test still fails or is flaky; 2 usage,
engine, or pytest missing from the image.
`;
