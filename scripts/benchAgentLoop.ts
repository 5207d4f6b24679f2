// Benchmark (not a test): an agent's loop over MCP. The official SDK's client spawns `self-heal mcp`
// over stdio and, for each program, calls run_python, then heal with write true when the run
// failed, then run_python again: what a coding agent does after writing code. Two sets: the heal
// fixtures (test/fixtures/heal-bench: one everyday mistake each, for the rules) and HumanEvalFix's
// buggy solutions run as programs (prompt, buggy body, the task's check()), healed by a loopback
// model that answers each task's canonical solution and counts 4 characters as a token. Prints, per
// set and per tool, the calls and the median and p95 time per call, how many programs ended clean,
// and the model's tokens per heal. Arguments: how many HumanEvalFix tasks (default 40; "all": 164),
// then how many fixtures of each class (default all).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readTasks, type HumanEvalTask } from '../test/sandbox/humanEvalFixTestHeal';
import { startScriptedModelServer, type ModelScript } from '../test/support/scriptedModelServer';
import { printFigures, type AgentProgram, type LoopResult } from './agentLoopFigures';

const REPO = path.resolve(__dirname, '../..');
const CLI = path.join(REPO, 'dist/cli.js');
const FIXTURES = path.join(REPO, 'test/fixtures/heal-bench');
const IMAGE = process.env.SELF_HEAL_BENCH_IMAGE ?? 'python:3.11-slim';

function fixturePrograms(perClass: number): AgentProgram[] {
  return fs.readdirSync(FIXTURES).filter((name) => fs.statSync(path.join(FIXTURES, name)).isDirectory()).sort().flatMap((folder) =>
    fs.readdirSync(path.join(FIXTURES, folder)).filter((file) => file.endsWith('.py')).sort().slice(0, perClass)
      .map((file) => ({ set: 'heal fixtures', file: `${folder}/${file}`, text: fs.readFileSync(path.join(FIXTURES, folder, file), 'utf8') })));
}

/** The file a task's program is kept in; the model finds the task by it. */
const taskFile = (task: HumanEvalTask): string => `humanevalfix/${task.task_id.replace('/', '_').toLowerCase()}.py`;
const taskProgram = (task: HumanEvalTask, body: string): string => `${task.prompt}${body}${task.test}\n`;

function answeringCanonical(tasks: readonly HumanEvalTask[]): ModelScript {
  const byFile = new Map(tasks.map((task) => [path.posix.basename(taskFile(task)), task]));
  return (request) => {
    const text = request.body.messages.map((m: { content: string }) => m.content).join('\n');
    // The path as the request names it (the run holds other files, so the answer must name it too).
    const named = /[\w./-]*python_\d+\.py/.exec(text)?.[0] ?? '';
    const task = byFile.get(path.posix.basename(named));
    const content = task ? `Fix ${task.entry_point}.\n${named}\n\`\`\`python\n${taskProgram(task, task.canonical_solution)}\`\`\`\n` : 'No task is named in this request.';
    return { content, usage: { prompt_tokens: Math.ceil(text.length / 4), completion_tokens: Math.ceil(content.length / 4) } };
  };
}

async function loop(client: Client, program: AgentProgram): Promise<LoopResult> {
  const call = async (name: string, args: Record<string, unknown>) => {
    const started = performance.now();
    const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 300_000 });
    const [file] = ((result.structuredContent ?? {}) as { files?: Array<Record<string, unknown>> }).files ?? [];
    return { ms: performance.now() - started, file: file ?? {} };
  };
  const first = await call('run_python', { paths: [program.file] });
  if (first.file.exitCode === 0) return { program, calls: { run_python: [first.ms] }, endedClean: true, healOutcome: 'clean', tokens: 0 };
  const healed = await call('heal', { paths: [program.file], write: true });
  const again = await call('run_python', { paths: [program.file] });
  const tokens = (healed.file.tokens as { totalTokens?: number } | undefined)?.totalTokens ?? 0;
  const outcome = healed.file.outcome === 'healed' ? 'healed' : `${String(healed.file.outcome)}: ${String(healed.file.stopReason)}`;
  return { program, calls: { run_python: [first.ms, again.ms], heal: [healed.ms] }, endedClean: again.file.exitCode === 0, healOutcome: outcome, tokens };
}

async function main(): Promise<void> {
  const wanted = process.argv[2] === 'all' ? Infinity : Number(process.argv[2] ?? 40);
  const tasks = readTasks().slice(0, wanted);
  const perClass = process.argv[3] === undefined ? Infinity : Number(process.argv[3]);
  const programs = [...fixturePrograms(perClass), ...tasks.map((task) => ({ set: 'HumanEvalFix', file: taskFile(task), text: taskProgram(task, task.buggy_solution) }))];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'self-heal-agent-loop-'));
  for (const program of programs) {
    fs.mkdirSync(path.dirname(path.join(dir, program.file)), { recursive: true });
    fs.writeFileSync(path.join(dir, program.file), program.text);
  }
  const model = await startScriptedModelServer(answeringCanonical(tasks));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', '--image', IMAGE, '--timeout', '10', '--base-url', model.baseUrl, '--model', 'scripted', '--max-attempts', '3'],
    cwd: dir,
    env: { ...(process.env as Record<string, string>), OPENAI_API_KEY: '', OPENAI_BASE_URL: '' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'self-heal-agent-loop', version: '1.0.0' });
  const started = Date.now();
  try {
    await client.connect(transport);
    const results: LoopResult[] = [];
    for (const program of programs) {
      const result = await loop(client, program);
      process.stderr.write(`${results.length + 1}/${programs.length} ${program.file}: ${result.healOutcome}${result.endedClean ? ', clean after' : ''}\n`);
      results.push(result);
    }
    console.log(`Agent loop over MCP (run_python -> heal -> run_python), image ${IMAGE}, ${programs.length} programs, ${((Date.now() - started) / 1000).toFixed(0)} s; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
    printFigures(results);
    console.log(`model requests: ${model.requests.length}`);
  } finally {
    await client.close();
    await model.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
