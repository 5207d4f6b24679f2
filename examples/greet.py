"""Two files: the entry imports its sibling module, as the sandbox copies the whole folder."""
from greeting import greeting

print(greeting("Ada"))
