"""Shows the file system rules: the root is read-only, /tmp is writable."""
for path in ("/usr/local/evil.txt", "/tmp/scratch.txt"):
    try:
        with open(path, "w") as handle:
            handle.write("x")
        print(f"wrote {path}")
    except OSError as error:
        print(f"could not write {path}: {error.strerror}")
