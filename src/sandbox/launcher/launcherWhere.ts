// The launcher's Python, composed in launcher.ts: where the program was when a limit stopped it.
// The child arms faulthandler on a real-time signal nothing else uses, writing to a pipe of its own:
// the interpreter's C-level handler writes the running thread's stack at once, even while the
// program sits in a long call into C (a sleep, a read, a huge computation), where a Python-level
// handler would wait. The host asks by writing WHERE_REQUEST on the container's stdin, which only
// PID 1 holds; the parent signals the child and relays what the pipe gives, from then on only and up
// to MAX_WHERE, in 'w' frames. The program can write to that pipe or replace the handler: like the
// exception record, it can say where it was (within its own files), never whether it was stopped.
// A program that blocks the signal says nothing, and is stopped all the same (stoppedPlace.ts).
export const WHERE_PY = String.raw`
WHERE_SIGNAL = signal.SIGRTMIN + 2

def arm_where(fd):
    try:
        faulthandler.register(WHERE_SIGNAL, file=fd, all_threads=False, chain=False)
    except Exception:
        pass

class WhereRelay:
    def __init__(self, child):
        self.child = child
        self.asked = False
        self.heard = b''
        self.sent = 0

    def take(self, fd, chunk):
        if fd == 0:
            self.heard = (self.heard + chunk)[-64:]
            if not self.asked and WHERE_REQUEST in self.heard:
                self.asked = True
                try:
                    os.kill(self.child, WHERE_SIGNAL)
                except OSError:
                    pass
        elif self.asked and self.sent < MAX_WHERE:
            piece = chunk[:MAX_WHERE - self.sent]
            self.sent += len(piece)
            send(b'w', piece)
`;
