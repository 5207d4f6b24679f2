// Text from a program (an exception's message, a test's id, a file name) made inert for a Markdown
// page that renders HTML, as GitHub's job summary does: a hostile program printing
// `</details><img src=...>` must show those characters, not close our sections or load an image.

/**
 * One line: Markdown's inline punctuation backslash-escaped (a table cell ends at `|`), then HTML's
 * special characters as numeric entities (in that order, so no entity gets a backslash).
 */
export function inlineText(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]()#!|~]/g, (char) => `\\${char}`)
    .replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * A fenced code block that no line of `text` can close: the fence is one backtick longer than the
 * longest run of backticks in the text (CommonMark), and HTML is not interpreted inside it.
 */
export function codeBlock(text: string, language: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}`;
}
