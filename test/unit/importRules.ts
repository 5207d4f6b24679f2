// Which way imports may point: the one statement of the import rules of every folder of src/.
// importBoundaries.test.ts holds src/ to it. An area is a folder of src/ (its own files, not its
// subfolders') or a single file with a rule of its own; an area may always import itself.

/**
 * How an area may use another:
 * - `value`: any import;
 * - `type`: `import type` only, erased from the build (no code of the other side is bundled);
 * - `lazy`: types, or `import()` on first use, which the build turns into a separate bundle.
 */
export type Use = 'value' | 'type' | 'lazy';

export interface AreaRule {
  /** The other areas it may import, and how. */
  areas: Readonly<Record<string, Use>>;
  /** The packages it may import; `node` stands for every Node built-in. */
  packages: readonly string[];
}

/** Core's subjects, lowest layer first; each may import only those listed for it in RULES. */
export const CORE_SUBJECTS = ['run', 'files', 'program', 'errors', 'environment', 'settings', 'fixes', 'model', 'heal', 'testing', 'testHeal'] as const;

type CoreSubject = (typeof CORE_SUBJECTS)[number];

function core(use: Use, subjects: readonly CoreSubject[] = CORE_SUBJECTS): Record<string, Use> {
  return Object.fromEntries(subjects.map((subject) => [`core/${subject}`, use]));
}

function coreSubject(below: readonly CoreSubject[]): AreaRule {
  return { areas: core('value', below), packages: ['node'] };
}

export const RULES: Readonly<Record<string, AreaRule>> = {
  // Pure logic: no vscode, dockerode or openai, nothing of src/ outside core, and the subjects in
  // layers (the runner contract at the bottom, the heal workflow at the top).
  'core/run': coreSubject([]),
  'core/files': coreSubject(['run']),
  'core/program': coreSubject(['files', 'run']),
  'core/errors': coreSubject(['files', 'program', 'run']),
  'core/environment': coreSubject(['files', 'run']),
  'core/settings': coreSubject(['environment', 'run']),
  'core/fixes': coreSubject(['environment', 'errors', 'files']),
  'core/model': coreSubject(['errors', 'files', 'fixes']),
  'core/heal': coreSubject(['environment', 'errors', 'files', 'fixes', 'model', 'program', 'run']),
  // A project's tests run in the sandbox, results per test, in the environment of their requirements;
  // the heal may build on it later, not it on the heal.
  'core/testing': coreSubject(['environment', 'errors', 'files', 'program', 'run']),
  // Healing against the tests: the heal's fix steps judged by the tests' results.
  'core/testHeal': coreSubject(['errors', 'files', 'fixes', 'heal', 'model', 'run', 'testing']),

  // The Runner over a container engine, the unsandboxed Runner, the model client.
  // The launcher's Python and its frames know only core; the sandbox's root uses them, and the
  // environment builds (which run in containers too) use the root, never the other way round.
  'sandbox/launcher': { areas: core('value'), packages: ['node'] },
  sandbox: { areas: { ...core('value'), 'sandbox/launcher': 'value' }, packages: ['node', 'dockerode'] },
  'sandbox/environment': { areas: { ...core('value'), sandbox: 'value' }, packages: ['node', 'dockerode'] },
  local: { areas: core('value'), packages: ['node'] },
  llm: { areas: core('value'), packages: ['node', 'openai'] },
  // The command line: core and the edges it chooses from, never the editor or the panel.
  cli: { areas: { ...core('value'), sandbox: 'value', 'sandbox/environment': 'value', local: 'value', llm: 'value', 'cli/reports': 'value', 'cli/resident': 'value' }, packages: ['node'] },
  // The resident runner: core's Runner carried over a socket, nothing of the CLI's commands.
  'cli/resident': { areas: core('value'), packages: ['node'] },
  // The CI reports (SARIF, the Markdown job summary): plain text from their own input shape, so the
  // editor could write them too; nothing of core, no package, not even Node's.
  'cli/reports': { areas: {}, packages: [] },
  // The CLI's entry dispatches to every command, the MCP server's included.
  'cli/main.ts': { areas: { ...core('value'), cli: 'value', mcp: 'value' }, packages: ['node'] },
  // The MCP server: the CLI's shared workflows behind the protocol, nothing of its own that runs code.
  mcp: { areas: { ...core('value'), cli: 'value' }, packages: ['node', '@modelcontextprotocol/sdk', 'zod'] },

  // What the editor side and the panel agree on (command ids, the feed the panel implements).
  contract: { areas: core('type'), packages: [] },
  // The editor side. The engine and model clients come only through edge.ts on first use, so
  // activation does not load dockerode or openai; the panel is reached through the contract.
  vscode: {
    areas: { ...core('value'), contract: 'value', local: 'value', sandbox: 'type', llm: 'type', 'edge.ts': 'lazy' },
    packages: ['node', 'vscode'],
  },
  // The panel's host side, never the editor side: what it needs of it is in the contract.
  webview: { areas: { ...core('value'), contract: 'value', 'webview/protocol.ts': 'value' }, packages: ['node', 'vscode'] },
  // Imported by the browser bundle too, so only core's types.
  'webview/protocol.ts': { areas: core('type'), packages: [] },
  // Browser code: the message protocol and core's types; nothing that needs Node or the vscode API.
  'webview-ui': { areas: { ...core('type'), 'webview/protocol.ts': 'value' }, packages: [] },

  // The composition root: activation wires the editor, the panel and the contract together.
  'extension.ts': {
    areas: { ...core('value'), contract: 'value', vscode: 'value', webview: 'value', local: 'value', sandbox: 'type', llm: 'type', 'edge.ts': 'lazy' },
    packages: ['node', 'vscode'],
  },
  // dist/edge.js: the engine and model clients, loaded on first use.
  'edge.ts': { areas: { ...core('value'), sandbox: 'value', 'sandbox/environment': 'value', llm: 'value' }, packages: ['node'] },
};
