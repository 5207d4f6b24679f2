# The design note's missing import: a third-party module used without importing or installing it.
response = requests.get("https://api.example.com")
print(response.json())
