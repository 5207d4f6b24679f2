// Lines a fix inserts or rewrites take the file's own line ending, so a CRLF file stays CRLF. A file
// that mixes endings is taken to use the ending of its first line; lines a fix leaves alone keep theirs.

export type LineEnding = '\n' | '\r\n';

/** The ending of the file's first line; LF for a file of one line or none. */
export function lineEndingOf(text: string): LineEnding {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/** `inserted` with each of its line ends (LF or CRLF) written as `ending`. */
export function withLineEnding(inserted: string, ending: LineEnding): string {
  return inserted.replace(/\r?\n/g, ending);
}
