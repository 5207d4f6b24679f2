"""Allocates without end: killed at the memory limit and reported as oom."""
from _sandbox_only import require_sandbox

require_sandbox()
chunks = []
while True:
    chunks.append(b"x" * 10_000_000)
