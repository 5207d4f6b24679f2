// The real programs the benchmark mutates: HumanEvalFix's canonical solutions (the development
// set), standard-library modules copied out of the image at bench time (the held-out set, not in
// this repository), or any folder of .py files.
import * as fs from 'fs';
import * as path from 'path';
import type { RunLimits, Runner } from '../../src/core/run/runTypes';

export interface BenchProgram {
  source: string;
  name: string;
  text: string;
  /** Mutations go before this offset: what follows is the harness that shows the behaviour. */
  editableEnd: number;
}

interface HumanEvalTask {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}

/**
 * Prompt (with its docstring examples) + solution + the task's check(), then a harness: the doctest
 * counts, every result check() asks for printed, and a last line once all its asserts hold. The
 * random module is seeded so the checks that draw random inputs print the same each run.
 */
export function humanEvalProgram(task: HumanEvalTask): BenchProgram {
  const test = task.test.replace(/\n\s*check\(\w+\)\s*$/, '\n');
  const code = `${task.prompt}${task.canonical_solution}\n\n${test}`;
  const harness = [
    '',
    'import contextlib as _contextlib, doctest as _doctest, io as _io, random as _random',
    'with _contextlib.redirect_stdout(_io.StringIO()):',
    '    _doctests = _doctest.testmod()',
    "print('doctests', _doctests.attempted, 'failed', _doctests.failed)",
    '_random.seed(13)',
    'def _shown(*args, **kwargs):',
    `    result = ${task.entry_point}(*args, **kwargs)`,
    '    print(repr(result))',
    '    return result',
    'check(_shown)',
    "print('checks passed')",
    '',
  ].join('\n');
  return { source: 'humanevalfix', name: task.task_id, text: code + harness, editableEnd: code.length };
}

export function humanEvalPrograms(dataset: string): BenchProgram[] {
  const tasks: HumanEvalTask[] = fs.readFileSync(dataset, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  return tasks.map(humanEvalProgram);
}

export function folderPrograms(folder: string): BenchProgram[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(folder, name), 'utf8');
      return { source: path.basename(folder), name, text, editableEnd: text.length };
    });
}

/**
 * Pure-Python standard modules of the image, read by the image's own interpreter. Which ones run
 * quickly, exit 0 and print the same twice is decided later, by running them.
 */
export const STDLIB_MODULES = (
  'abc base64 bisect calendar cmd codeop colorsys configparser contextlib copy csv dataclasses difflib dis ' +
  'enum filecmp fnmatch fractions functools genericpath getopt gettext glob graphlib heapq hmac imghdr ' +
  'ipaddress keyword linecache mimetypes netrc ntpath numbers opcode operator optparse pprint queue quopri ' +
  'reprlib sched secrets selectors shlex sndhdr stat statistics string stringprep tabnanny textwrap this ' +
  'token tokenize types uu warnings wave weakref xdrlib'
).split(' ');

export async function stdlibPrograms(runner: Runner, limits: RunLimits, modules = STDLIB_MODULES): Promise<BenchProgram[]> {
  const reader = [
    'import importlib.util, json, sys, warnings',
    'warnings.simplefilter("ignore")',
    `names = ${JSON.stringify(modules)}`,
    'found = {}',
    'for name in names:',
    '    spec = importlib.util.find_spec(name)',
    '    if spec and spec.origin and spec.origin.endswith(".py") and not spec.submodule_search_locations:',
    '        found[name] = open(spec.origin, encoding="utf-8").read()',
    'json.dump(found, sys.stdout)',
  ].join('\n');
  const result = await runner.run({ files: { 'read_stdlib.py': reader }, entry: 'read_stdlib.py', limits: { ...limits, outputLimitBytes: 32 * 1024 * 1024 } });
  if (result.exitCode !== 0) throw new Error(`could not read the standard library from the image: ${result.stderr}`);
  const found: Record<string, string> = JSON.parse(result.stdout);
  return Object.entries(found).map(([name, text]) => ({ source: 'stdlib', name: `${name}.py`, text, editableEnd: text.length }));
}
