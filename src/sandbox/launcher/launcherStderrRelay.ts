// The launcher's Python, composed in launcher.ts: the parent's side while the program runs. It reaps
// the child (and, as PID 1, any orphan), relays the program's stderr and stdout pipes in 'o' and 'p' frames, collects
// the exception record, up to MAX_RECORD bytes, and the failed checks (launcherChecks.ts), and answers the host's question of where the program
// is (launcherWhere.ts) from the container's stdin and the child's where pipe.
export const STDERR_RELAY_PY = String.raw`
def reap(child):
    while True:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            fail('the program vanished')
        if pid == child:
            # Spelled out rather than os.waitstatus_to_exitcode, which Pythons before 3.9 lack.
            return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)

def serve(child, stderr_fd, stdout_fd, record_fd, where_fd, check_fd, checks):
    # Relays the program's stderr and stdout and collects its exception record until the child is reaped.
    wake_r, wake_w = os.pipe()
    status = []
    def waiter():
        status.append(reap(child))
        os.write(wake_w, b'.')
    threading.Thread(target=waiter, daemon=True).start()
    record = bytearray()
    where = WhereRelay(child)
    live = [stderr_fd, stdout_fd, record_fd, where_fd, check_fd, 0]
    def pump(fd):
        chunk = os.read(fd, 65536)
        if not chunk:
            live.remove(fd)
        elif fd == stderr_fd:
            send(b'o', chunk)
        elif fd == stdout_fd:
            send(b'p', chunk)
        elif fd == record_fd:
            if len(record) <= MAX_RECORD:
                record.extend(chunk)
        elif fd == check_fd:
            checks.take(chunk)
        else:
            where.take(fd, chunk)
    while True:
        ready = select.select(live + [wake_r], [], [])[0]
        for fd in ready:
            if fd != wake_r:
                pump(fd)
        if wake_r in ready:
            break
    # The child is gone and what it wrote is in the pipes; a grandchild writing on is not waited for.
    for _ in range(64):
        ready = select.select(live, [], [], 0)[0] if live else []
        if not ready:
            break
        for fd in ready:
            pump(fd)
    return status[0], bytes(record) if len(record) <= MAX_RECORD else b''
`;
