print("Hello from the sandbox")
