"""Writes without end: stopped once it passes the output limit (1 MiB per stream by default)."""
import sys

block = "flood " * 10_000
while True:
    sys.stdout.write(block)
