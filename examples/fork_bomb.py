"""Forks without end: held by the process limit, then stopped at the timeout."""
import os

from _sandbox_only import require_sandbox

require_sandbox()
while True:
    try:
        os.fork()
    except OSError:
        pass
