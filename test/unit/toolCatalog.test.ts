// The MCP tools' JSON schemas (what clients and models see) and their zod schemas (what checks a
// call) must state the same arguments.
import * as assert from 'assert';
import { HEAL_INPUT, PARSE_INPUT, RUN_INPUT, TESTS_INPUT, TOOLS, checkArguments } from '../../src/mcp/toolCatalog';

describe('MCP tool catalog', () => {
  const checks = { run_python: RUN_INPUT, heal: HEAL_INPUT, run_tests: TESTS_INPUT, parse_traceback: PARSE_INPUT };

  it('shows each tool with the properties its check knows, and requires what the check requires', () => {
    for (const tool of TOOLS) {
      const check = checks[tool.name as keyof typeof checks];
      assert.deepStrictEqual(Object.keys(tool.inputSchema.properties ?? {}), Object.keys(check.shape), tool.name);
      const required = Object.entries(check.shape).filter(([, schema]) => !schema.isOptional()).map(([name]) => name);
      assert.deepStrictEqual(tool.inputSchema.required, required, tool.name);
    }
  });

  it('refuses unknown arguments and out-of-range values with one line per problem', () => {
    assert.deepStrictEqual(checkArguments(RUN_INPUT, { paths: [], extra: 1 }), { ok: false, problems: "paths: Array must contain at least 1 element(s); arguments: Unrecognized key(s) in object: 'extra'" });
    assert.deepStrictEqual(checkArguments(RUN_INPUT, { paths: ['a.py'], timeout_seconds: 601 }), { ok: false, problems: 'timeout_seconds: Number must be less than or equal to 600' });
    assert.deepStrictEqual(checkArguments(HEAL_INPUT, { paths: ['a.py'], write: true }), { ok: true, value: { paths: ['a.py'], write: true } });
    assert.deepStrictEqual(checkArguments(TESTS_INPUT, {}), { ok: true, value: {} });
    assert.deepStrictEqual(checkArguments(TESTS_INPUT, { keyword: '', paths: [''] }), { ok: false, problems: 'paths.0: String must contain at least 1 character(s); keyword: String must contain at least 1 character(s)' });
  });
});
