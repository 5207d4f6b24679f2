// Environment images when runs are spread over several engines: the image is built on every engine
// in rotation at once (pip's lines shown from the first only), and the spread runs each program only
// on engines that have it. An engine whose build failed keeps its other runs; a failure on all is the
// first engine's error, as with one engine.
import type { EnvironmentProvider, ImageRequest } from '../../core/environment/environmentTypes';
import type { EngineSpread } from '../engineSpread';

export class SpreadEnvironments implements EnvironmentProvider {
  constructor(
    private readonly spread: EngineSpread,
    private readonly builders: readonly EnvironmentProvider[],
  ) {}

  async imageFor(requirements: readonly string[], options: ImageRequest = {}): Promise<string> {
    const engines = this.spread.inRotation();
    const quiet: ImageRequest = { signal: options.signal, rebuild: options.rebuild };
    const builds = await Promise.allSettled(engines.map((index, n) => this.builders[index].imageFor(requirements, n === 0 ? options : quiet)));
    const builtOn = new Map<number, string>();
    builds.forEach((build, n) => build.status === 'fulfilled' && builtOn.set(engines[n], build.value));
    const first = builds.find((build): build is PromiseFulfilledResult<string> => build.status === 'fulfilled');
    if (!first) throw (builds[0] as PromiseRejectedResult).reason;
    // The base image (no requirements) is every engine's own: nothing to record.
    if (requirements.length > 0) this.spread.recordImage(first.value, builtOn);
    return first.value;
  }
}
