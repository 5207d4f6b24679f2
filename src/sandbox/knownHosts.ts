// The host keys an ssh:// engine may present, as OpenSSH's known_hosts lists them. An engine over SSH
// runs code the user sends it: a host that is unknown, or whose key changed, is refused, never trusted
// on first sight, because the first sight may be the attacker's.
import { createHmac } from 'crypto';
import * as fs from 'fs';

export interface KnownKey {
  /** The key's type as the file names it, e.g. "ssh-ed25519". */
  type: string;
  /** The key's blob, as the server sends it during key exchange. */
  blob: Buffer;
  revoked: boolean;
}

/** How known_hosts names a host: the bare name on port 22, "[name]:port" on any other. */
export function knownHostsName(hostname: string, port: number): string {
  return port === 22 ? hostname : `[${hostname}]:${port}`;
}

/** The keys the file lists for the host; certificate authorities are not followed (their keys never match a plain host key). */
export function knownKeysFor(text: string, hostname: string, port: number): KnownKey[] {
  const name = knownHostsName(hostname, port);
  const keys: KnownKey[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0].startsWith('#')) continue;
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
    if (marker === '@cert-authority' || fields.length < 3) continue;
    const [patterns, type, base64] = fields;
    if (!patternsMatch(patterns, name)) continue;
    keys.push({ type, blob: Buffer.from(base64, 'base64'), revoked: marker === '@revoked' });
  }
  return keys;
}

export function readKnownKeys(file: string, hostname: string, port: number): KnownKey[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return []; // no file: every host is unknown
  }
  return knownKeysFor(text, hostname, port);
}

/** A comma list of names, wildcards, negations ("!name") or one hashed name ("|1|salt|hash"). */
function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) return hashedMatch(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    if (!wildcardMatch(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function hashedMatch(entry: string, name: string): boolean {
  const [, , salt, hash] = entry.split('|');
  if (!salt || !hash) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
}

function wildcardMatch(pattern: string, name: string): boolean {
  const escaped = pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`).test(name.toLowerCase());
}
