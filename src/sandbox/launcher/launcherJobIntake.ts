// The launcher's Python, composed in launcher.ts: the job's intake. The job line is read from stdin
// past whatever the engine put before it, the files are written under /app in the codec each one's
// coding line names, and the job's stdin (or end-of-file) becomes the program's.
export const JOB_INTAKE_PY = String.raw`
def read_job():
    marker = b'\x1eself-heal-job:'
    line = sys.stdin.buffer.readline()
    while marker not in line:
        if not line:
            fail('no job arrived')
        line = sys.stdin.buffer.readline()
    return json.loads(line[line.index(marker) + len(marker):])

def write_files(files):
    for rel, text in files.items():
        target = os.path.normpath(os.path.join('/app', rel))
        if not target.startswith('/app/'):
            fail('refusing to write outside /app: ' + rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, 'wb') as handle:
            handle.write(source_bytes(text))

def source_bytes(text):
    # Python reads a file in the codec its PEP 263 coding line names, so it is written in that codec.
    head = text.split('\n', 2)
    for number, line in enumerate(head[:2]):
        found = re.match(r'^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)', line)
        if found:
            try:
                return text.encode(found.group(1))
            except (LookupError, UnicodeError):
                break
        if number == 0 and not re.match(r'^[ \t\f]*(#.*)?\r?$', line):
            break
    return text.encode('utf-8', 'surrogatepass')

def open_stdin(text):
    path = os.devnull
    if text is not None:
        path = '/tmp/.self-heal-stdin'
        with open(path, 'wb') as handle:
            handle.write(text.encode('utf-8'))
    fd = os.open(path, os.O_RDONLY)
    if path != os.devnull:
        os.unlink(path)
    os.dup2(fd, 0)
    os.close(fd)
    old = sys.stdin
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, 'r', closefd=False)), encoding=old.encoding, errors=old.errors)
`;
