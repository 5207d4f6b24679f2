// The Python version a project states: .python-version's first line, and requires-python read as
// PEP 440 says, judged per release series (an image carries one release of its series).
import * as assert from 'assert';
import { pyprojectRequiresPython } from '../../src/core/environment/pyprojectDependencies';
import { parseRequiresPython, parseSeries, pythonVersionFileSeries, seriesAllowed, type PythonSeries } from '../../src/core/environment/pythonVersion';

const series = (text: string): PythonSeries => parseSeries(text)!;
/** The series of 3.8 to 3.14 a specifier allows. */
const allowed = (specifier: string): string[] => {
  const clauses = parseRequiresPython(specifier);
  assert.ok(clauses, `${specifier} is read`);
  return ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'].filter((each) => seriesAllowed(clauses, series(each)));
};

describe('the Python version a project states', () => {
  it('reads a release series from the ways versions are written', () => {
    assert.deepStrictEqual(parseSeries('3.9'), { major: 3, minor: 9 });
    assert.deepStrictEqual(parseSeries('3.9.18'), { major: 3, minor: 9 });
    assert.deepStrictEqual(parseSeries(' 3.13.0rc1 '), { major: 3, minor: 13 });
    assert.deepStrictEqual(parseSeries('cpython-3.12.1'), { major: 3, minor: 12 });
    assert.deepStrictEqual(parseSeries('python3.10'), { major: 3, minor: 10 });
    assert.deepStrictEqual(parseSeries('3.13t'), { major: 3, minor: 13 });
    assert.strictEqual(parseSeries('system'), undefined);
    assert.strictEqual(parseSeries('pypy3.9-7.3.11'), undefined);
    assert.strictEqual(parseSeries('3'), undefined);
    assert.strictEqual(parseSeries('3.9.1.2'), undefined);
  });

  it('takes the first line of .python-version that is not blank or a comment', () => {
    assert.deepStrictEqual(pythonVersionFileSeries('3.9\n'), { series: { major: 3, minor: 9 }, line: '3.9' });
    assert.deepStrictEqual(pythonVersionFileSeries('3.9.18\r\n3.12\r\n'), { series: { major: 3, minor: 9 }, line: '3.9.18' });
    assert.deepStrictEqual(pythonVersionFileSeries('# pinned for the CI\n\n  3.12  \n'), { series: { major: 3, minor: 12 }, line: '3.12' });
    assert.deepStrictEqual(pythonVersionFileSeries('system\n'), { series: undefined, line: 'system' });
    assert.deepStrictEqual(pythonVersionFileSeries('\n \n'), {});
  });

  it('reads requires-python ranges and judges each series by whether one of its releases fits', () => {
    assert.deepStrictEqual(allowed('>=3.9,<3.10'), ['3.9']);
    assert.deepStrictEqual(allowed('>=3.11, <3.12'), ['3.11']);
    assert.deepStrictEqual(allowed('~=3.12'), ['3.12', '3.13', '3.14']);
    assert.deepStrictEqual(allowed('~=3.9.1'), ['3.9']);
    assert.deepStrictEqual(allowed('>=3.9.2'), ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
    assert.deepStrictEqual(allowed('>3.10'), ['3.10', '3.11', '3.12', '3.13', '3.14']);
    assert.deepStrictEqual(allowed('<=3.10'), ['3.8', '3.9', '3.10']);
    assert.deepStrictEqual(allowed('<3.10.0'), ['3.8', '3.9']);
    assert.deepStrictEqual(allowed('==3.11.*'), ['3.11']);
    assert.deepStrictEqual(allowed('==3.*'), ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
    assert.deepStrictEqual(allowed('==3.10.4'), ['3.10']);
    assert.deepStrictEqual(allowed('>=3.8,!=3.9.*,!=3.10.1'), ['3.8', '3.10', '3.11', '3.12', '3.13', '3.14']);
    assert.deepStrictEqual(allowed('>=3.13,<3.12'), []);
    assert.deepStrictEqual(allowed('>=3'), ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
  });

  it('refuses a requires-python it cannot read rather than guessing', () => {
    assert.strictEqual(parseRequiresPython('3.9'), undefined);
    assert.strictEqual(parseRequiresPython('>=3.9,'), undefined);
    assert.strictEqual(parseRequiresPython('>=3.*'), undefined);
    assert.strictEqual(parseRequiresPython('~=3'), undefined);
    assert.strictEqual(parseRequiresPython('python>=3.9'), undefined);
  });

  it('finds requires-python in the [project] table of pyproject.toml only', () => {
    const text = ['[tool.poetry]', 'requires-python = ">=2.7"', '', '[project]', 'name = "stats"', "requires-python = '>=3.9,<3.10' # the CI's", 'dependencies = ["requests"]', ''].join('\n');
    assert.strictEqual(pyprojectRequiresPython(text), '>=3.9,<3.10');
    assert.strictEqual(pyprojectRequiresPython('[project]\nname = "x"\n'), undefined);
    assert.strictEqual(pyprojectRequiresPython('[project]\nrequires-python = [">=3.9"]\n'), undefined);
    assert.strictEqual(pyprojectRequiresPython('project.requires-python = "~=3.12"\n'), '~=3.12');
  });
});
