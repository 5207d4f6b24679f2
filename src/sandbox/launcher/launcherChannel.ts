// The launcher's Python, composed in launcher.ts: its channel. `send` writes the frames of
// launcherProtocol.ts on the container's stderr, which only PID 1 holds; `fail` is the frame for a job
// it cannot run. `set_dumpable` keeps the channel PID 1's own: the /proc/1/fd of a process that is not
// dumpable cannot be opened by the program, though it runs as the same user.
export const LAUNCHER_CHANNEL_PY = String.raw`
def send(kind, body):
    # The only writer of the container's stderr; see the frame layout in launcherProtocol.ts.
    data = memoryview(b'\x1e' + kind + len(body).to_bytes(4, 'big') + body)
    while data:
        data = data[os.write(2, data):]

def fail(message):
    send(b'f', message.encode('utf-8', 'replace'))
    os._exit(125)

def load_prctl():
    # Needs ctypes, which every CPython image here has; without it, no guard (see set_dumpable).
    try:
        import ctypes
        return ctypes.CDLL(None, use_errno=True).prctl
    except Exception:
        return None

PRCTL = load_prctl()

def set_dumpable(flag):
    # Not dumpable: a process of the same user (the program) cannot open /proc/1/fd/2 and write
    # frames of its own.
    if PRCTL is not None:
        PRCTL(4, flag, 0, 0, 0)  # PR_SET_DUMPABLE
`;
