"""Guards the examples that would harm a real machine: they refuse to run outside the sandbox."""
import os
import sys


def require_sandbox() -> None:
    root_read_only = any(line.split()[1] == "/" and line.split()[3].startswith("ro") for line in open("/proc/self/mounts"))
    if os.getuid() == 0 or not root_read_only:
        sys.exit("refusing to run outside the Self-Heal sandbox (no read-only root or running as root)")
