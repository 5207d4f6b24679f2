import * as assert from 'assert';
import { dependenciesOf, normalizeRequirement } from '../../src/core/environment/dependencies';
import { pyprojectDependencies } from '../../src/core/environment/pyprojectDependencies';

describe('dependenciesOf: requirements.txt', () => {
  it('drops comments, blanks and option lines; trims; sorts by code unit; removes repeats', () => {
    const text = [
      '# tools we need',
      '',
      'requests>=2.31   # HTTP',
      '--index-url https://example.invalid/simple',
      '  numpy==1.26.4',
      '-c constraints.txt',
      '-e ./local-package',
      '--hash=sha256:abc',
      'requests>=2.31',
      'PyYAML',
      '\t',
    ].join('\n');
    assert.deepStrictEqual(dependenciesOf({ 'requirements.txt': text }), ['PyYAML', 'numpy==1.26.4', 'requests>=2.31']);
  });

  it('keeps a # that is not after whitespace (a URL fragment) and collapses inner spaces', () => {
    const text = 'pkg @ https://example.invalid/pkg.zip#sha256=00ff\nflask  >=  3.0 ; python_version  >= "3.8"\r\n';
    assert.deepStrictEqual(dependenciesOf({ 'requirements.txt': text }), [
      'flask >= 3.0 ; python_version >= "3.8"',
      'pkg @ https://example.invalid/pkg.zip#sha256=00ff',
    ]);
  });

  it('joins lines ending in a backslash', () => {
    assert.deepStrictEqual(dependenciesOf({ 'requirements.txt': 'numpy\\\n==1.26.4\nrich' }), ['numpy==1.26.4', 'rich']);
  });

  it('follows -r, --requirement and --requirement= relative to the including file, and skips missing ones', () => {
    const files = {
      'requirements.txt': '-r requirements/base.txt\n--requirement=requirements/extra.txt\n-r absent.txt\nclick',
      'requirements/base.txt': 'attrs\n-rnested.txt',
      'requirements/nested.txt': '--requirement ../requirements.txt\nidna',
      'requirements/extra.txt': 'tqdm',
    };
    assert.deepStrictEqual(dependenciesOf(files), ['attrs', 'click', 'idna', 'tqdm']);
  });

  it('survives a cycle of includes', () => {
    const files = { 'requirements.txt': '-r a.txt\nroot', 'a.txt': '-r requirements.txt\na' };
    assert.deepStrictEqual(dependenciesOf(files), ['a', 'root']);
  });

  it('reads only the root files: a nested requirements.txt is not a declaration of this run', () => {
    assert.deepStrictEqual(dependenciesOf({ 'sub/requirements.txt': 'rich', 'main.py': 'print(1)' }), []);
  });

  it('normalizes one line', () => {
    assert.strictEqual(normalizeRequirement('  a  ==  1 # why\t'), 'a == 1');
    assert.strictEqual(normalizeRequirement('# only a comment'), '');
  });
});

describe('dependenciesOf: pyproject.toml', () => {
  it('reads a multi-line [project] dependencies array with comments, both quote kinds and a trailing comma', () => {
    const toml = [
      '[build-system]',
      'requires = ["setuptools>=61", "wheel"]',
      '',
      '[project]   # the package',
      'name = "demo"',
      'version = "0.1"',
      'dependencies = [',
      '  "httpx>=0.27",  # client',
      "  'rich ; python_version >= \"3.8\"',",
      '  # "commented-out",',
      '  "pydantic[email]>=2",',
      ']',
      '',
      '[project.optional-dependencies]',
      'dev = ["pytest"]',
    ].join('\n');
    assert.deepStrictEqual(pyprojectDependencies(toml), ['httpx>=0.27', 'rich ; python_version >= "3.8"', 'pydantic[email]>=2']);
  });

  it('is not fooled by brackets and headers inside strings and comments', () => {
    const toml = [
      '[project]',
      'description = """',
      'A ] tricky [project] text',
      'dependencies = ["fake"]',
      '"""',
      "readme = '''[tool.x]'''",
      'authors = [{ name = "A ] B", email = "a@b.c" }]',
      'dependencies = ["real\\u0021 == 1", \'raw\\path\']  # ["also-fake"]',
      '[tool.other]',
      'dependencies = ["not-project"]',
    ].join('\n');
    assert.deepStrictEqual(pyprojectDependencies(toml), ['real! == 1', 'raw\\path']);
  });

  it('accepts a quoted or dotted key and CRLF line ends', () => {
    assert.deepStrictEqual(pyprojectDependencies('[project]\r\n"dependencies" = ["a"]\r\n'), ['a']);
    assert.deepStrictEqual(pyprojectDependencies('project.dependencies = [\n"b",\n]\n'), ['b']);
    assert.deepStrictEqual(pyprojectDependencies('[ project ]\ndependencies=["c"]'), ['c']);
  });

  it('ignores arrays of tables, other tables and files without the key', () => {
    assert.deepStrictEqual(pyprojectDependencies('[[project]]\ndependencies = ["x"]\n'), []);
    assert.deepStrictEqual(pyprojectDependencies('[tool.poetry.dependencies]\npython = "^3.11"\n'), []);
    assert.deepStrictEqual(pyprojectDependencies(''), []);
  });

  it('keeps what it read before a malformed part, and reads nothing from an unterminated array', () => {
    assert.deepStrictEqual(pyprojectDependencies('[project]\ndependencies = ["ok"]\nbroken = "no end\n'), ['ok']);
    assert.deepStrictEqual(pyprojectDependencies('[project]\ndependencies = ["a", "b"\n'), []);
  });

  it('merges with requirements.txt, normalized, sorted and without repeats', () => {
    const files = {
      'requirements.txt': 'httpx>=0.27\nboto3',
      'pyproject.toml': '[project]\ndependencies = ["  httpx>=0.27 ", "Django  >= 5", "attrs"]\n',
    };
    assert.deepStrictEqual(dependenciesOf(files), ['Django >= 5', 'attrs', 'boto3', 'httpx>=0.27']);
  });
});
