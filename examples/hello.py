"""A program that works: prints a greeting and the facts of where it ran."""
import os
import platform

print("Hello from the sandbox")
print(f"python {platform.python_version()}, uid {os.getuid()}")
