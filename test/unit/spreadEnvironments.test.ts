// Environment images over several engines: built on each engine in rotation, recorded where they
// held, and a failure everywhere is the first engine's error. The builders here are in memory; the
// runs they route are the sandbox suite's (engineSpread.test.ts).
import * as assert from 'assert';
import { EnvironmentError, type EnvironmentProvider, type ImageRequest } from '../../src/core/environment/environmentTypes';
import { DockerSandbox } from '../../src/sandbox/dockerSandbox';
import { EngineSpread } from '../../src/sandbox/engineSpread';
import { SpreadEnvironments } from '../../src/sandbox/environment/spreadEnvironments';

class Builder implements EnvironmentProvider {
  readonly calls: Array<{ requirements: readonly string[]; options: ImageRequest }> = [];
  constructor(private readonly answer: string | Error) {}
  async imageFor(requirements: readonly string[], options: ImageRequest = {}): Promise<string> {
    this.calls.push({ requirements, options });
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}

/** Engines never reached: only the records of where images were built are read. */
function spreadOfTwo(): EngineSpread {
  const hosts = ['unix:///never/a.sock', 'unix:///never/b.sock'];
  return new EngineSpread(hosts.map((host) => new DockerSandbox({ host })), { hosts });
}

describe('environment images over several engines', () => {
  it('builds on every engine, shows pip from the first only, and returns the first tag', async () => {
    const builders = [new Builder('env:a'), new Builder('env:b')];
    const onProgress = (): void => undefined;
    const tag = await new SpreadEnvironments(spreadOfTwo(), builders).imageFor(['tabulate==0.9.0'], { onProgress, rebuild: true });
    assert.strictEqual(tag, 'env:a');
    assert.strictEqual(builders[0].calls[0].options.onProgress, onProgress);
    assert.deepStrictEqual(builders[1].calls[0], { requirements: ['tabulate==0.9.0'], options: { signal: undefined, rebuild: true } });
  });

  it('takes the image of the engine where the build held when the other one failed', async () => {
    const builders = [new Builder(new EnvironmentError('pip could not reach the index')), new Builder('env:b')];
    assert.strictEqual(await new SpreadEnvironments(spreadOfTwo(), builders).imageFor(['tabulate']), 'env:b');
  });

  it("fails with the first engine's error when the build failed everywhere", async () => {
    const first = new EnvironmentError('No matching distribution found for nosuchpkg');
    const builders = [new Builder(first), new Builder(new EnvironmentError('other'))];
    await assert.rejects(new SpreadEnvironments(spreadOfTwo(), builders).imageFor(['nosuchpkg']), (error) => error === first);
  });
});
