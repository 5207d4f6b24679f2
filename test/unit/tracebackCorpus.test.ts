// The parser over every text of the shared corpus (about 6,000 real CPython 3.6-3.13 tracebacks):
// no throw on any, and the final exception's type and message right wherever the data tells them
// independently of the exception line. Prints the figures recorded in docs/benchmarks.md.
// Exactness per version (type, message, file and line against ground truth, with a held-out split)
// is measured over the same corpora in tracebackExactness.test.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseTracebacksOrThrow } from '../../src/core/errors/tracebackParser';

const CORPORA = path.resolve(__dirname, '../../../../shared/data/tracebacks/corpora');
const BUILTIN_EXCEPTIONS = new Set(
  ('ArithmeticError AssertionError AttributeError BlockingIOError BrokenPipeError BufferError ChildProcessError ConnectionAbortedError ' +
    'ConnectionError ConnectionRefusedError ConnectionResetError EOFError FileExistsError FileNotFoundError FloatingPointError ' +
    'ImportError IndentationError IndexError InterruptedError IsADirectoryError KeyError LookupError MemoryError ModuleNotFoundError ' +
    'NameError NotADirectoryError NotImplementedError OSError OverflowError PermissionError ProcessLookupError RecursionError ' +
    'ReferenceError RuntimeError StopIteration SyntaxError SystemError TabError TimeoutError TypeError UnboundLocalError ' +
    'UnicodeDecodeError UnicodeEncodeError UnicodeError ValueError ZeroDivisionError').split(' '),
);

interface Tally { texts: number; parsed: number; typeChecked: number; typeRight: number; messageChecked: number; messageRight: number }

function records(): Array<{ corpus: string; python: string; text: string; type?: string; message?: string }> {
  if (!fs.existsSync(CORPORA)) throw new Error(`the shared traceback corpus is not at ${CORPORA} (shared/ belongs beside the repository)`);
  const found = [];
  for (const corpus of fs.readdirSync(CORPORA).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of fs.readFileSync(path.join(CORPORA, corpus), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line);
      const text: string = row.stderr ?? row.traceback ?? '';
      let type: string | undefined = row.exception;
      if (!type && row.kind === 'runtime' && BUILTIN_EXCEPTIONS.has(row.section)) type = row.section;
      let message: string | undefined;
      // `raise X("literal")` in the last frame names the type and message independently.
      const raise = /\n {4}raise (\w+)\((['"])([^'"\\]*)\2\)\n(?:[ ^~]*\n)?\S[^\n]*\n?$/.exec(text);
      // CPython prints a KeyError's message as the repr of the key.
      if (raise) [type, message] = [raise[1], raise[1] === 'KeyError' ? `'${raise[3]}'` : raise[3]];
      found.push({ corpus: corpus.replace(/\.jsonl$/, ''), python: String(row.python).split('.').slice(0, 2).join('.'), text, type, message });
    }
  }
  return found;
}

describe('traceback parser over the shared corpus', function () {
  this.timeout(60_000);

  it('parses every text without a throw and gets the final type and message right', () => {
    const rows = records();
    assert.ok(rows.length > 5800, `expected the whole corpus, read ${rows.length}`);
    const byCorpus = new Map<string, Tally>();
    const byVersion = new Map<string, Tally>();
    const wrong: string[] = [];
    for (const row of rows) {
      const errors = parseTracebacksOrThrow(row.text);
      const last = errors[errors.length - 1];
      for (const tally of [get(byCorpus, row.corpus), get(byVersion, row.python)]) {
        if (row.text.trim() === '') continue; // valid in that version: nothing printed
        tally.texts++;
        if (last) tally.parsed++;
        if (row.type) {
          tally.typeChecked++;
          if (last?.type.split('.').pop() === row.type) tally.typeRight++;
        }
        if (row.message !== undefined) {
          tally.messageChecked++;
          if (last?.message === row.message) tally.messageRight++;
        }
      }
      if (row.text.trim() !== '' && (!last || (row.type && last.type.split('.').pop() !== row.type))) wrong.push(`${row.corpus} ${row.python}: want ${row.type}, got ${last?.type}`);
    }
    print('corpus', byCorpus);
    print('python', byVersion);
    assert.deepStrictEqual(wrong, []);
    for (const tally of byCorpus.values()) {
      assert.strictEqual(tally.parsed, tally.texts);
      assert.strictEqual(tally.messageRight, tally.messageChecked);
    }
  });
});

describe('traceback parser over the HumanEvalFix failures', () => {
  it('finds, per Python version, the failure types the dataset documents (155 assertion, 2 zero division, 2 index, 1 type, 1 value)', () => {
    const byVersion = new Map<string, Record<string, number>>();
    const file = path.join(CORPORA, 'humanevalfix_buggy_tracebacks_by_version.jsonl');
    for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const row = JSON.parse(line);
      const errors = parseTracebacksOrThrow(row.stderr);
      const key = errors.length > 0 ? errors[errors.length - 1].type : row.stderr.trim() === '' ? 'no output (infinite loop)' : 'unparsed';
      const version = String(row.python).split('.').slice(0, 2).join('.');
      const counts = byVersion.get(version) ?? {};
      counts[key] = (counts[key] ?? 0) + 1;
      byVersion.set(version, counts);
    }
    assert.deepStrictEqual([...byVersion.keys()].sort(), ['3.10', '3.11', '3.12', '3.13', '3.8', '3.9']);
    for (const [version, counts] of byVersion) {
      assert.deepStrictEqual(counts, { AssertionError: 155, 'no output (infinite loop)': 3, ZeroDivisionError: 2, IndexError: 2, ValueError: 1, TypeError: 1 }, version);
    }
  });
});

function get(map: Map<string, Tally>, key: string): Tally {
  let tally = map.get(key);
  if (!tally) map.set(key, (tally = { texts: 0, parsed: 0, typeChecked: 0, typeRight: 0, messageChecked: 0, messageRight: 0 }));
  return tally;
}

function print(title: string, map: Map<string, Tally>): void {
  console.log(`      ${title.padEnd(44)} texts  parsed  type ok/checked  message ok/checked`);
  for (const [key, t] of [...map].sort()) {
    console.log(`      ${key.padEnd(44)} ${String(t.texts).padStart(5)} ${String(t.parsed).padStart(7)} ${`${t.typeRight}/${t.typeChecked}`.padStart(16)} ${`${t.messageRight}/${t.messageChecked}`.padStart(19)}`);
  }
}
