// Where pip looks for a workspace's requirements: the user's package index settings, turned into
// what an environment build passes to pip. They are part of the environment's identity (a different
// index may give different packages), so they reach pip as PIP_* variables of the build's job, which
// the image's tag hashes.
import type { BuildNetwork, EnvironmentChoices } from './environmentTypes';
import { withoutCredentials } from './requirementSources';

export interface PackageIndexSettings {
  /** Replaces pip's default index (PyPI); undefined: pip's default. */
  indexUrl: string | undefined;
  /** Searched besides the index. */
  extraIndexUrls: readonly string[];
  /** Hosts pip may reach over plain HTTP or with a certificate it cannot verify. */
  trustedHosts: readonly string[];
}

export const NO_PACKAGE_INDEX: PackageIndexSettings = { indexUrl: undefined, extraIndexUrls: [], trustedHosts: [] };

/** The choices of an environment build as the editor's settings make them: where pip looks, how it reaches it, what it may build. */
export function environmentChoicesOf(environment: PackageIndexSettings & { allowSourceBuilds: boolean }, onProgress?: (line: string) => void): EnvironmentChoices {
  return { allowSourceBuilds: environment.allowSourceBuilds, pipEnv: pipEnvOf(environment), buildNetwork: buildNetworkFor(environment), onProgress };
}

/**
 * pip's own variables for its options (pip reads PIP_<OPTION>; a list is separated by whitespace,
 * which is why no value may contain any). Only the settings that are set appear.
 */
export function pipEnvOf(index: PackageIndexSettings): Record<string, string> {
  const env: Record<string, string> = {};
  if (index.indexUrl) env.PIP_INDEX_URL = index.indexUrl;
  if (index.extraIndexUrls.length > 0) env.PIP_EXTRA_INDEX_URL = index.extraIndexUrls.join(' ');
  if (index.trustedHosts.length > 0) env.PIP_TRUSTED_HOST = index.trustedHosts.join(' ');
  return env;
}

/**
 * The network a build needs: an index on this machine's loopback is reached only through the
 * host's network (a bridged container's 127.0.0.1 is its own); otherwise the engine's default.
 */
export function buildNetworkFor(index: PackageIndexSettings): BuildNetwork {
  return [index.indexUrl, ...index.extraIndexUrls].some((url) => url !== undefined && isLoopbackUrl(url)) ? 'host' : 'bridge';
}

/** The settings in words for the log, credentials in URLs hidden; empty when pip's defaults apply. */
export function packageIndexPhrase(index: PackageIndexSettings): string {
  const parts = [
    index.indexUrl ? `index ${withoutCredentials(index.indexUrl)}` : '',
    index.extraIndexUrls.length > 0 ? `extra ${index.extraIndexUrls.map(withoutCredentials).join(', ')}` : '',
    index.trustedHosts.length > 0 ? `trusted ${index.trustedHosts.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}
