"""Counts words and prints them as JSON, but forgets to import json."""
from collections import Counter

words = "the quick brown fox jumps over the lazy dog the end".split()
print(json.dumps(Counter(words).most_common(2)))
