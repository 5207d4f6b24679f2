import * as assert from 'assert';
import { parseArgs, UsageError } from '../../src/cli/cliArgs';
import { RUN_FLAGS, runOptionsFrom } from '../../src/cli/runOptions';

const options = (argv: string[]) => runOptionsFrom(parseArgs(argv, RUN_FLAGS));

describe('CLI arguments', () => {
  it('reads files, flags and program arguments', () => {
    const parsed = parseArgs(['a.py', '--json', '--timeout', '5', 'b.py', '--', '--json', 'x'], RUN_FLAGS);
    assert.deepStrictEqual(parsed.positionals, ['a.py', 'b.py']);
    assert.strictEqual(parsed.flags.get('json'), true);
    assert.strictEqual(parsed.flags.get('timeout'), '5');
    assert.deepStrictEqual(parsed.rest, ['--json', 'x']);
  });

  it('keeps every --docker-host given, each once, and runs two at once per engine unless told', () => {
    const two = options(['a.py', '--docker-host', 'unix:///a.sock', '--docker-host=ssh://me@b', '--docker-host', 'unix:///a.sock']);
    assert.deepStrictEqual([two.dockerHosts, two.parallel], [['unix:///a.sock', 'ssh://me@b'], 4]);
    assert.deepStrictEqual([options(['a.py']).dockerHosts, options(['a.py']).parallel], [[], 2]);
    assert.strictEqual(options(['a.py', '--docker-host', 'unix:///a.sock', '--docker-host', 'unix:///b.sock', '--parallel', '3']).parallel, 3);
    assert.throws(() => options(['a.py', '--docker-host=']), (error: Error) => error instanceof UsageError && error.message === '--docker-host needs an address, not an empty value');
  });

  it('turns flags into limits', () => {
    const o = options(['a.py', '--timeout', '2.5', '--memory', '64m', '--cpus', '0.5', '--processes', '32', '--output-limit', '2k']);
    assert.deepStrictEqual(o.limits, { timeoutMs: 2500, memoryBytes: 64 * 1024 * 1024, cpus: 0.5, processes: 32, network: 'none', outputLimitBytes: 2048 });
  });

  it('reads --network alone as the engine network and --network=MODE as that mode', () => {
    assert.strictEqual(options(['a.py']).limits.network, 'none');
    assert.strictEqual(options(['a.py', '--network']).limits.network, 'bridge');
    assert.strictEqual(options(['a.py', '--network=host']).limits.network, 'host');
  });

  it('refuses unknown flags, missing values and bad values with the reason', () => {
    const cases: Array<[string[], string]> = [
      [['a.py', '--colour'], 'unknown option --colour'],
      [['a.py', '--timeout'], '--timeout needs a value'],
      [['a.py', '--timeout', 'soon'], '--timeout must be a positive number, not "soon"'],
      [['a.py', '--memory', 'lots'], '--memory must be a size such as 64m or 1g, not "lots"'],
      [['a.py', '--memory', '1k'], 'the memory limit must be at least 6m'],
      [['a.py', '--network=wifi'], '--network must be one of none, bridge, host, not "wifi"'],
      [['a.py', '--runner', 'ssh'], '--runner must be docker or local, not "ssh"'],
      [['a.py', '--json=yes'], '--json takes no value'],
      [['a.py', '--parallel', '1.5'], '--parallel must be a whole number of at least 1'],
      [['a.py', '--constructor', 'x'], 'unknown option --constructor'],
      [['a.py', '--toString=1'], 'unknown option --toString'],
    ];
    for (const [argv, message] of cases) {
      assert.throws(() => options(argv), (error: Error) => error instanceof UsageError && error.message === message, argv.join(' '));
    }
  });
});
