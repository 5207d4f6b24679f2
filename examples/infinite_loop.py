"""Never ends: stopped at the timeout (try --timeout 2)."""
while True:
    pass
