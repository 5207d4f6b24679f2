// The launcher is the container's first process. A warm container runs it ahead of time; it waits
// for one job on stdin, writes the files under /app, then runs `python3 <entry> <args>` as a child
// with the job's stdin, and exits with the child's status (128+N when killed by signal N), as a
// shell would. Being PID 1 it also reaps orphans, so nothing a program forks outlives the run.

/** Marks the job line. Engines may put bytes of the attach request on stdin before it. */
export const JOB_MARKER = '\x1eself-heal-job:';

/** Exit status of the launcher when the job itself was unusable (not the program's fault). */
export const LAUNCHER_FAILURE_EXIT = 125;

export const APP_DIR = '/app';

export const LAUNCHER_SOURCE = String.raw`
import json, os, sys
MARKER = b'\x1eself-heal-job:'
def fail(message):
    os.write(2, ('self-heal launcher: ' + message + '\n').encode())
    os._exit(125)
line = sys.stdin.buffer.readline()
while MARKER not in line:
    if not line:
        fail('no job arrived')
    line = sys.stdin.buffer.readline()
job = json.loads(line[line.index(MARKER) + len(MARKER):])
root = '/app'
for rel, text in job['files'].items():
    target = os.path.normpath(os.path.join(root, rel))
    if not target.startswith(root + '/'):
        fail('refusing to write outside /app: ' + rel)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, 'wb') as handle:
        handle.write(text.encode('utf-8', 'surrogatepass'))
stdin_path = os.devnull
if job.get('stdin') is not None:
    stdin_path = '/tmp/.self-heal-stdin'
    with open(stdin_path, 'wb') as handle:
        handle.write(job['stdin'].encode('utf-8'))
child = os.fork()
if child == 0:
    try:
        fd = os.open(stdin_path, os.O_RDONLY)
        if stdin_path != os.devnull:
            os.unlink(stdin_path)
        os.dup2(fd, 0)
        os.close(fd)
        os.chdir(root)
        os.execv(sys.executable, [sys.executable, job['entry']] + job['args'])
    except BaseException as error:
        fail('could not start python: ' + repr(error))
while True:
    try:
        pid, status = os.wait()
    except ChildProcessError:
        fail('the program vanished')
    if pid == child:
        break
# Spelled out rather than os.waitstatus_to_exitcode, which images before Python 3.9 lack.
os._exit(128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
`;

export interface LauncherJob {
  files: Record<string, string>;
  entry: string;
  args: string[];
  stdin: string | null;
}

export function encodeJob(job: LauncherJob): Buffer {
  return Buffer.from(`${JOB_MARKER}${JSON.stringify(job)}\n`, 'utf8');
}
