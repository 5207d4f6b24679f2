// Each rule fixer on a program of our own: run, diagnose, fix, and prove the fix by running again.
import * as assert from 'assert';
import { applyEdits } from '../../src/core/fixes/fixTypes';
import { ruleFixesFor } from '../../src/core/fixes/ruleFixers';
import { errorsOfRun } from '../../src/core/errors/runErrors';
import { limits, shared } from './sandboxHelper';

async function healOnce(source: string): Promise<{ description: string; healed: string; stdout: string; exitCode: number | null }> {
  const files = { 'main.py': source };
  const broken = await shared.run({ files, entry: 'main.py', limits: limits() });
  const errors = errorsOfRun(broken, { files, entry: 'main.py' }, limits());
  const [fix] = ruleFixesFor(errors[errors.length - 1], files);
  assert.ok(fix, `no rule fix for ${errors[errors.length - 1]?.type}: ${errors[errors.length - 1]?.message}`);
  const healed = applyEdits(source, fix.edits) as string;
  const verified = await shared.run({ files: { 'main.py': healed }, entry: 'main.py', limits: limits() });
  return { description: fix.description, healed, stdout: verified.stdout, exitCode: verified.exitCode };
}

describe('sandbox: rule fixes, verified by running', function () {
  this.timeout(60_000);

  it('adds a missing standard-library import', async () => {
    const result = await healOnce('"""Prints a setting."""\nimport os\n\nprint(json.dumps({"ok": True}))\n');
    assert.deepStrictEqual(result, {
      description: "Add 'import json'",
      healed: '"""Prints a setting."""\nimport os\nimport json\n\nprint(json.dumps({"ok": True}))\n',
      stdout: '{"ok": true}\n',
      exitCode: 0,
    });
  });

  it('adds a missing member import', async () => {
    const result = await healOnce('counts = Counter("abracadabra")\nprint(counts.most_common(1))\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Add 'from collections import Counter'", "[('a', 5)]\n", 0]);
  });

  it('corrects a misspelt name from "Did you mean"', async () => {
    const result = await healOnce('total = 10\nprint(totl + 1)\n');
    assert.deepStrictEqual([result.description, result.healed, result.stdout, result.exitCode], ["Change 'totl' to 'total'", 'total = 10\nprint(total + 1)\n', '11\n', 0]);
  });

  it('respells a misspelt import of a standard module', async () => {
    const result = await healOnce('from colections import Counter\n\nprint(Counter("abba").most_common(1))\n');
    assert.deepStrictEqual([result.description, result.healed, result.stdout, result.exitCode], ["Change 'colections' to 'collections'", 'from collections import Counter\n\nprint(Counter("abba").most_common(1))\n', "[('a', 2)]\n", 0]);
  });

  it('corrects a misspelt attribute from "Did you mean"', async () => {
    const result = await healOnce('word = "hello"\nprint(word.uper())\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Change 'uper' to 'upper'", 'HELLO\n', 0]);
  });

  it('closes the parenthesis of the design note syntax example', async () => {
    const result = await healOnce('def greet(name):\n    print(f"Hello, {name}"\n\n\ngreet("Ada")\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Close '('", 'Hello, Ada\n', 0]);
  });

  it('closes a list continued over lines', async () => {
    const result = await healOnce('items = [1, 2,\n         3\nprint(sum(items))\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Close '['", '6\n', 0]);
  });

  it('adds a missing colon', async () => {
    const result = await healOnce('for i in range(3)\n    print(i)\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Add ':'", '0\n1\n2\n', 0]);
  });

  it('closes an unterminated string', async () => {
    const result = await healOnce('print("hello)\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ['Close the string', 'hello\n', 0]);
  });

  it('removes an unexpected indent', async () => {
    const result = await healOnce('def summarize(values):\n    count = len(values)\n      total = sum(values)\n    return f"{count} values, total {total}"\n\n\nprint(summarize([4, 8, 15]))\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ['Remove the unexpected indent', '3 values, total 27\n', 0]);
  });

  it('aligns a line that unindents to no open level', async () => {
    const result = await healOnce('def clamp(value, high):\n    if value > high:\n        value = high\n  return value\n\n\nprint(clamp(15, 10), clamp(5, 10))\n');
    assert.deepStrictEqual([result.description, result.healed.split('\n')[3], result.stdout, result.exitCode], ['Align with line 2', '    return value', '10 5\n', 0]);
  });

  it('replaces tabs mixed into a space-indented file', async () => {
    const result = await healOnce('def squares(limit):\n    result = []\n    for n in range(limit):\n\t\tresult.append(n * n)\n    return result\n\n\nprint(squares(4))\n');
    assert.deepStrictEqual([result.description, result.healed.split('\n')[3], result.stdout, result.exitCode], ['Replace tabs with spaces (a tab as 4 columns)', '        result.append(n * n)', '[0, 1, 4, 9]\n', 0]);
  });

  it('indents a loop body under its header', async () => {
    const result = await healOnce('ages = {}\nfor line in ["ada:36", "alan:41"]:\nname, age = line.split(":")\nages[name] = int(age)\nprint(ages)\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ['Indent lines 3-4 under line 2', "{'ada': 36, 'alan': 41}\n", 0]);
  });

  it('gives an empty function a body', async () => {
    const result = await healOnce('def later():\n    # TODO\n\n\nprint("ready")\n');
    assert.deepStrictEqual([result.description, result.healed, result.stdout, result.exitCode], ["Add 'pass' under line 1", 'def later():\n    # TODO\n    pass\n\n\nprint("ready")\n', 'ready\n', 0]);
  });

  it('closes a bracket left open in an if before its colon', async () => {
    const result = await healOnce('def discount(total, member):\n    if (total > 100 and member:\n        return total * 0.9\n    return total\n\n\nprint(discount(120, True), discount(120, False))\n');
    assert.deepStrictEqual([result.description, result.healed.split('\n')[1], result.stdout, result.exitCode], ["Close '(' before ':'", '    if (total > 100 and member):', '108.0 120\n', 0]);
  });

  it('closes a list before the parenthesis that does not match it', async () => {
    const result = await healOnce('def describe(name, tags):\n    return f"{name}: {\', \'.join(tags)}"\n\n\nprint(describe("sandbox", tags=["safe", "fast"))\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Close '[' before ')'", 'sandbox: safe, fast\n', 0]);
  });

  it('changes a closer that does not match its opener', async () => {
    const result = await healOnce('sizes = [3, 1, 2)\nprint(sorted(sizes))\n');
    assert.deepStrictEqual([result.description, result.healed, result.stdout, result.exitCode], ["Change ')' to ']'", 'sizes = [3, 1, 2]\nprint(sorted(sizes))\n', '[1, 2, 3]\n', 0]);
  });

  it('closes a string after the word where its quote was forgotten mid-line', async () => {
    const result = await healOnce('person = {"name": "Grace", "role: "admiral", "born": 1906}\nprint(person["role"], person["born"])\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Close the string after 'role'", 'admiral 1906\n', 0]);
  });

  it('quotes a string with an apostrophe in double quotes', async () => {
    const result = await healOnce("def stock(count):\n    if count == 0:\n        return 'It's sold out'\n    return f\"{count} left\"\n\n\nprint(stock(0))\n");
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ['Quote the string with " around its apostrophe', "It's sold out\n", 0]);
  });

  it('doubles a trailing backslash that escaped the closing quote', async () => {
    const result = await healOnce('folder = "C:\\\\Users\\\\ada\\"\nprint(folder.endswith("\\\\"), folder.split("\\\\"))\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ['Double the backslash before the closing quote', "True ['C:', 'Users', 'ada', '']\n", 0]);
  });

  it('imports the datetime module for datetime.date and datetime.timedelta', async () => {
    const result = await healOnce('start = datetime.date(2024, 1, 15)\nprint(start + datetime.timedelta(days=30))\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Add 'import datetime'", '2024-02-14\n', 0]);
  });

  it('imports the datetime class for datetime.strptime', async () => {
    const result = await healOnce('when = datetime.strptime("2024-01-15", "%Y-%m-%d")\nprint(when.year)\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Add 'from datetime import datetime'", '2024\n', 0]);
  });

  it('imports a typing generic used in an annotation', async () => {
    const result = await healOnce('def evens(limit: int) -> Iterator[int]:\n    yield from range(0, limit, 2)\n\n\nprint(list(evens(7)))\n');
    assert.deepStrictEqual([result.description, result.stdout, result.exitCode], ["Add 'from typing import Iterator'", '[0, 2, 4, 6]\n', 0]);
  });
});
