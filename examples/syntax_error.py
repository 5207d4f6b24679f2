# The design note's syntax example: a call that never closes its parenthesis.
def greet(name):
    print(f"Hello, {name}"


greet("Ada")
