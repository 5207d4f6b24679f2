// The model API key is bound to the endpoint origin it was saved for, so a changed base URL (a
// workspace setting, a typo, a proxy) never receives it. Pure: the editor side stores the origin.

/** `scheme://host[:port]` of a URL, or undefined when it is not an http(s) URL. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Why the key must not go to `baseUrl`, or undefined when it may. */
export function keyRefusal(boundOrigin: string | undefined, baseUrl: string): string | undefined {
  const target = originOf(baseUrl) ?? baseUrl;
  if (boundOrigin !== undefined && boundOrigin === originOf(baseUrl)) return undefined;
  const saved = boundOrigin === undefined ? 'The API key was saved without an endpoint' : `The API key was saved for ${boundOrigin}`;
  return `${saved}; Self-Heal will not send it to ${target}. Set the key again for this endpoint.`;
}
