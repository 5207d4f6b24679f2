// What a tool's answer keeps of a run's output: the last bytes of each stream (a model needs the
// last lines, not a megabyte), and never a secret such as the model's key. Shared by the MCP server
// and the editor's language model tools.

/** The end of each stream a result keeps. */
export const OUTPUT_TAIL_BYTES = 4096;

/** The last `limit` bytes of `text`, cut at a character boundary. */
export function tail(text: string, limit = OUTPUT_TAIL_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  let start = bytes.length - limit;
  // Continuation bytes (10xxxxxx) would decode as a broken character: start at the next whole one.
  while (start < bytes.length && (bytes[start] & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString('utf8');
}

/** `text` with every secret of 8 characters or more replaced; shorter ones would cut ordinary words. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) if (secret.length >= 8) redacted = redacted.split(secret).join('[redacted]');
  return redacted;
}
