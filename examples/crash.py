"""Fails with an uncaught exception: exit status 1 and a traceback on stderr."""


def average(values):
    return sum(values) / len(values)


print(average([]))
