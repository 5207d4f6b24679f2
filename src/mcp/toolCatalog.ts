// The tools' names, descriptions and argument schemas, written for a model to choose well. The zod
// schemas check each call; the JSON schemas clients see state the same bounds (written out, since
// deriving them through the SDK's zod types costs the type-checker minutes; toolCatalog.test.ts
// holds the two together).
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const PATHS = z.array(z.string().min(1).max(4096)).min(1).max(64)
  .describe('Python files (.py) or folders, relative to the workspace root (or absolute inside it). A folder runs its entry points and import-checks its other modules.');

export const RUN_INPUT = z.object({
  paths: PATHS,
  args: z.array(z.string().max(4096)).max(256).optional().describe('Command-line arguments for the program (sys.argv[1:]).'),
  stdin: z.string().max(1024 * 1024).optional().describe('Text fed to the program\'s standard input; without it, input() fails at once instead of waiting.'),
  timeout_seconds: z.number().positive().max(600).optional().describe('Wall-clock limit per program in seconds (default: the server\'s, 30 unless started otherwise).'),
}).strict();

export const HEAL_INPUT = z.object({
  paths: PATHS,
  args: RUN_INPUT.shape.args,
  stdin: RUN_INPUT.shape.stdin,
  timeout_seconds: RUN_INPUT.shape.timeout_seconds,
  write: z.boolean().optional().describe('Write healed files to disk (default false: only return the diff).'),
}).strict();

export const TESTS_INPUT = z.object({
  paths: z.array(z.string().min(1).max(4096)).max(64).optional()
    .describe('Test files or folders, relative to the workspace root (or absolute inside it); without them, every test of the workspace root.'),
  keyword: z.string().min(1).max(1024).optional().describe('Only the tests whose names match this expression (pytest\'s -k, e.g. "mean and not slow").'),
}).strict();

export const PARSE_INPUT = z.object({ text: z.string().min(1).max(16 * 1024 * 1024).describe('The traceback text, as printed.') }).strict();

const RUN_DESCRIPTION = `Run Python files in Self-Heal's locked-down container sandbox (no network, memory/CPU/process/time limits, read-only system) instead of on this machine, and get back how each run ended: exit code, reason (exited, timeout, memory, output-limit, cancelled, engine-error), a one-line summary, the last 4 KiB of stdout and stderr, and the errors as structured records (type, message, file, line, column, kind). Use it to execute or test Python you wrote or changed, or to see the exact error a file raises. It never changes files. Call heal instead when you want the failure fixed.`;

const HEAL_DESCRIPTION = `Run Python files in the sandbox, and when one fails, fix it: rule-based fixes first (missing import, unclosed bracket, missing colon, indentation, mistyped names), then a language model when the server has one configured. A fix is kept only when a sandboxed re-run proves the file gets past its error. Returns per file: outcome (clean, healed, not-healed, needs-input, needs-arguments, stopped-at-limit, needs-approval, engine-error, cancelled), the attempts made, and the verified fix as a unified diff. With write false (the default) files stay as they are and you apply the diff yourself; with write true healed files are written to disk (only files that end up running clean, never a file that changed meanwhile). It takes run_python's args, stdin and timeout_seconds, so a program that reads input or arguments is healed as it really runs. Use it after run_python showed an error you want repaired without editing by hand.`;

const TESTS_DESCRIPTION = `Run the project's tests (pytest when the project uses it and the server's image has it, else unittest) in the same locked-down sandbox as run_python, and get one result per test: id (pytest node id), outcome (passed, failed, error, skipped, xfailed, xpassed), and for each test that did not pass its message, the file and line where it failed, the compared values of a failed assertion and the tail of the framework's report; plus the totals, and the problem when the tests could not run (pytest missing, a collection error, a time limit naming the test that hung). Use it to check that code you wrote or changed passes the project's tests, before and after a change. It never changes files and installs nothing: the project's test requirements must already be in the server's image.`;

const PARSE_DESCRIPTION = `Read Python traceback text (from a terminal, a log, a test run or a user's message) and return each traceback's final exception as a structured record: type, message, kind, file, line, column, suggestion ("Did you mean"), notes, cause and context. Runs nothing. Use it to locate an error you already have the text of; to get a traceback by running code, use run_python.`;

type JsonSchema = Tool['inputSchema'];
const string = (maxLength: number, description: string, minLength?: number) => ({ type: 'string', ...(minLength ? { minLength } : {}), maxLength, description });
const PATHS_JSON = {
  type: 'array', minItems: 1, maxItems: 64, items: { type: 'string', minLength: 1, maxLength: 4096 }, description: PATHS.description,
};

const RUN_JSON: JsonSchema = {
  type: 'object',
  properties: {
    paths: PATHS_JSON,
    args: { type: 'array', maxItems: 256, items: { type: 'string', maxLength: 4096 }, description: RUN_INPUT.shape.args.description },
    stdin: string(1024 * 1024, RUN_INPUT.shape.stdin.description ?? ''),
    timeout_seconds: { type: 'number', exclusiveMinimum: 0, maximum: 600, description: RUN_INPUT.shape.timeout_seconds.description },
  },
  required: ['paths'],
  additionalProperties: false,
};

const HEAL_JSON: JsonSchema = {
  type: 'object',
  properties: { ...RUN_JSON.properties, write: { type: 'boolean', description: HEAL_INPUT.shape.write.description } },
  required: ['paths'],
  additionalProperties: false,
};

const TESTS_JSON: JsonSchema = {
  type: 'object',
  properties: {
    paths: { type: 'array', maxItems: 64, items: { type: 'string', minLength: 1, maxLength: 4096 }, description: TESTS_INPUT.shape.paths.description },
    keyword: string(1024, TESTS_INPUT.shape.keyword.description ?? '', 1),
  },
  required: [],
  additionalProperties: false,
};

const PARSE_JSON: JsonSchema = {
  type: 'object',
  properties: { text: string(16 * 1024 * 1024, PARSE_INPUT.shape.text.description ?? '', 1) },
  required: ['text'],
  additionalProperties: false,
};

export const TOOLS: Tool[] = [
  {
    name: 'run_python', title: 'Run Python in the sandbox', description: RUN_DESCRIPTION, inputSchema: RUN_JSON,
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  {
    name: 'heal', title: 'Heal Python files with verified fixes', description: HEAL_DESCRIPTION, inputSchema: HEAL_JSON,
    annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
  },
  {
    name: 'run_tests', title: 'Run the project\'s tests in the sandbox', description: TESTS_DESCRIPTION, inputSchema: TESTS_JSON,
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  {
    name: 'parse_traceback', title: 'Parse a Python traceback', description: PARSE_DESCRIPTION, inputSchema: PARSE_JSON,
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
];

/** The arguments checked against the schema, or the reasons they fail, one per problem. */
export function checkArguments<T>(schema: z.ZodType<T>, args: unknown): { ok: true; value: T } | { ok: false; problems: string } {
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'arguments'}: ${issue.message}`).join('; ');
  return { ok: false, problems };
}
