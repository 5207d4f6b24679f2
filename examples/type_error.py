# The design note's type error: numbers that arrive as text. Rules cannot fix this; a model can.
def calculate(a, b):
    return a + b


result = calculate(5, "10")
print(f"Result: {result}")
