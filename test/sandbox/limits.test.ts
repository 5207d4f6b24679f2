// Each test here fails when the limit it names is removed from the container.
import * as assert from 'assert';
import * as net from 'net';
import { limits, runCode } from './sandboxHelper';

const MiB = 1024 * 1024;

describe('sandbox: limits', function () {
  this.timeout(90_000);

  it('stops an infinite loop at the timeout', async () => {
    const result = await runCode('while True:\n    pass\n', { limits: limits({ timeoutMs: 1500 }) });
    assert.strictEqual(result.reason, 'timeout');
    assert.strictEqual(result.exitCode, null);
    // Node's timers run on the event loop's cached clock, so one may fire a millisecond or so before
    // the wall clock says the full delay has passed.
    assert.ok(result.durationMs >= 1490 && result.durationMs < 2500, `duration ${result.durationMs}`);
  });

  it('reports a memory bomb as oom', async () => {
    const result = await runCode('chunks = []\nwhile True:\n    chunks.append(b"x" * 10_000_000)\n', {
      limits: limits({ memoryBytes: 64 * MiB, timeoutMs: 20_000 }),
    });
    assert.strictEqual(result.reason, 'oom');
    assert.strictEqual(result.exitCode, 137);
  });

  it('sets memory with no swap on top, and the CPU share', async () => {
    const result = await runCode(
      'def read(p):\n    try:\n        return open(p).read().strip()\n    except OSError:\n        return None\n' +
        'g = "/sys/fs/cgroup/"\n' +
        'print(read(g + "memory/memory.limit_in_bytes") or read(g + "memory.max"))\n' +
        'print(read(g + "memory/memory.memsw.limit_in_bytes") or read(g + "memory.swap.max"))\n' +
        'v1 = read(g + "cpu/cpu.cfs_quota_us")\n' +
        'print(int(v1) / int(read(g + "cpu/cpu.cfs_period_us")) if v1 else eval("/".join(read(g + "cpu.max").split())))\n',
      { limits: limits({ memoryBytes: 96 * MiB, cpus: 0.5 }) },
    );
    const [memory, swap, cpus] = result.stdout.trim().split('\n');
    assert.strictEqual(memory, String(96 * MiB));
    assert.ok(swap === String(96 * MiB) || swap === '0', `swap limit ${swap}`); // v1: memory+swap; v2: swap alone
    assert.strictEqual(cpus, '0.5');
  });

  it('contains a fork bomb within the process limit', async () => {
    const counting = await runCode(
      'import os, time\nn = 0\nfor i in range(300):\n    try:\n        pid = os.fork()\n    except OSError:\n        break\n' +
        '    if pid == 0:\n        time.sleep(20)\n        os._exit(0)\n    n += 1\nprint(n)\nos._exit(0)\n',
      { limits: limits({ processes: 32 }) },
    );
    const forked = Number(counting.stdout.trim());
    assert.ok(forked >= 20 && forked < 32, `forked ${forked} children under a limit of 32 processes`);

    const bomb = await runCode('import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n', {
      limits: limits({ processes: 32, timeoutMs: 3000 }),
    });
    assert.strictEqual(bomb.reason, 'timeout');
    const after = await runCode('print("still here")\n');
    assert.strictEqual(after.stdout, 'still here\n');
  });

  it('runs as a non-root user with every capability dropped and no new privileges', async () => {
    const result = await runCode(
      'import os\nprint(os.getuid(), os.getgid())\n' +
        'print([l.split()[1] for l in open("/proc/self/status") if l.startswith(("CapEff", "CapBnd", "NoNewPrivs"))])\n',
    );
    assert.strictEqual(result.stdout, "65534 65534\n['0000000000000000', '0000000000000000', '1']\n");
  });

  it('has a read-only root, a writable /tmp, and explicit open-file and process ulimits', async () => {
    const result = await runCode(
      'import resource\n' +
        'print([l.split()[3].split(",")[0] for l in open("/proc/self/mounts") if l.split()[1] == "/"])\n' +
        'open("/tmp/scratch", "w").write("ok")\nprint(open("/tmp/scratch").read())\n' +
        'print(resource.getrlimit(resource.RLIMIT_NOFILE), resource.getrlimit(resource.RLIMIT_NPROC))\n',
    );
    assert.strictEqual(result.stdout, "['ro']\nok\n(1024, 1024) (1024, 1024)\n");
  });

  it('caps a flood at the output limit and keeps the extension process small', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const result = await runCode('import sys\nblock = "y" * 65536\nwhile True:\n    sys.stdout.write(block)\n', {
      limits: limits({ outputLimitBytes: 1 * MiB }),
    });
    const grown = process.memoryUsage().rss - before;
    assert.strictEqual(result.reason, 'output-limit');
    assert.strictEqual(result.stdout.length, 1 * MiB);
    assert.ok(result.stdoutBytes > 1 * MiB, `counted ${result.stdoutBytes}`);
    assert.deepStrictEqual(result.truncated, { stdout: true, stderr: false });
    assert.ok(grown < 64 * MiB, `the test process grew by ${grown} bytes`);
  });

  describe('network', () => {
    let server: net.Server;
    let port = 0;
    before(async () => {
      server = net.createServer((socket) => socket.end('hello-from-this-machine\n'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as net.AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const probe = () =>
      'import os, socket\n' +
      `try:\n    s = socket.create_connection(("127.0.0.1", ${port}), timeout=3)\n    print("reached", s.recv(100).decode().strip())\n` +
      'except OSError as e:\n    print("blocked", type(e).__name__)\n' +
      'print(sorted(os.listdir("/sys/class/net")))\n';

    it('has no network by default: only loopback, and the test server on this machine is out of reach', async () => {
      const result = await runCode(probe());
      assert.strictEqual(result.stdout, "blocked ConnectionRefusedError\n['lo']\n");
    });

    it('reaches the test server with the host network', async () => {
      const result = await runCode(probe(), { limits: limits({ network: 'host' }) });
      assert.match(result.stdout, /^reached hello-from-this-machine\n/);
    });

    it('gets an interface beyond loopback with the engine network', async () => {
      const result = await runCode('import os\nprint(sorted(os.listdir("/sys/class/net")))\n', { limits: limits({ network: 'bridge' }) });
      assert.strictEqual(result.stdout, "['eth0', 'lo']\n");
    });
  });
});
