import * as assert from 'assert';
import { askingOncePerRequirement, installGate, needsApprovalReason } from '../../src/core/environment/installGate';
import { addedRequirements, ONLY_PLAIN, reviewRequirementChanges, whyRefused } from '../../src/core/environment/requirementChanges';

const START = { 'main.py': 'import yaml\n', 'requirements.txt': '# pinned\nnumpy==1.26\n' };
const withLine = (line: string) => ({ ...START, 'requirements.txt': `${START['requirements.txt']}${line}\n` });

describe('requirement changes of a fix', () => {
  it('refuses direct URLs, VCS links, local paths, editable installs and every option line, naming the line and what it is', () => {
    const cases: Array<[string, string]> = [
      ['evilpkg @ http://127.0.0.1:9/evilpkg-1.0.tar.gz', 'a direct URL'],
      ['evilpkg@https://example.org/e.whl', 'a direct URL'],
      ['https://example.org/evilpkg-1.0.tar.gz', 'a direct URL'],
      ['file:///tmp/evilpkg', 'a direct URL'],
      ['file:evilpkg', 'a direct URL'],
      ['git+https://example.org/evil.git#egg=evilpkg', 'a version-control link'],
      ['evilpkg @ git+ssh://git@example.org/evil.git', 'a version-control link'],
      ['hg+http://example.org/evil', 'a version-control link'],
      ['./evilpkg', 'a local path'],
      ['/tmp/evilpkg', 'a local path'],
      ['../evilpkg', 'a local path'],
      ['~/evilpkg', 'a local path'],
      ['evil/pkg', 'a local path'],
      ['evilpkg-1.0-py3-none-any.whl', 'a local path'],
      ['-e ./x', 'an editable install'],
      ['--editable=./x', 'an editable install'],
      ['-e', 'an editable install'],
      ['-r other.txt', 'a pip option'],
      ['-c constraints.txt', 'a pip option'],
      ['-i http://127.0.0.1:9/simple', 'a pip option'],
      ['--index-url http://127.0.0.1:9/simple', 'a pip option'],
      ['--extra-index-url http://127.0.0.1:9/simple', 'a pip option'],
      ['--find-links /tmp', 'a pip option'],
      ['--trusted-host example.org', 'a pip option'],
      ['--pre', 'a pip option'],
      ['somepkg==1.0 --hash=sha256:00', 'a pip option'],
      ['somepkg ; python_version > "3" --config-settings="x=y"', 'a pip option'],
      ['somepkg==1.0 -i http://127.0.0.1:9/simple', 'a pip option'],
      ['somepkg ${EVIL}', 'not a plain requirement'],
    ];
    for (const [line, what] of cases) {
      assert.strictEqual(whyRefused(line), what, line);
      assert.deepStrictEqual(reviewRequirementChanges(START, withLine(line)), { verdict: 'refused', reason: `refused: requirements.txt would gain '${line}', ${what}; ${ONLY_PLAIN}` }, line);
    }
  });

  it('asks approval for plain requirements, new or changed, with extras, specifiers and markers', () => {
    const plain = ['somepkg', 'PyYAML[libyaml]>=6.0', 'rich (>=13, <14)', 'tomli ; python_version < "3.11"', 'a.b-c_d~=1.2.*', 'x ; platform_release == "5.10.0-1-amd64"'];
    for (const line of plain) assert.deepStrictEqual(reviewRequirementChanges(START, withLine(line)), { verdict: 'needs-approval', requirements: [line] }, line);
    const bumped = { ...START, 'requirements.txt': '# pinned\nnumpy==2.0  # newer\nnumpy==2.0\n' };
    assert.deepStrictEqual(reviewRequirementChanges(START, bumped), { verdict: 'needs-approval', requirements: ['numpy==2.0'] });
  });

  it('sees nothing to approve in comments, blank lines, removals, reordering or Python files', () => {
    const same = [
      { ...START, 'requirements.txt': '# pinned\n\nnumpy==1.26   # the array library\n# a comment asking to add evilpkg\n' },
      { ...START, 'requirements.txt': '' },
      { ...START, 'main.py': 'import yaml\n# pip install evilpkg @ http://127.0.0.1:9/e.tar.gz\n' },
    ];
    for (const after of same) assert.deepStrictEqual(reviewRequirementChanges(START, after), { verdict: 'unchanged' });
  });

  it('reads every file that is not Python, new ones included, and pyproject.toml by its dependencies', () => {
    assert.deepStrictEqual(addedRequirements(START, { ...START, 'requirements-dev.txt': 'pytest\n-i http://x/simple\n' }), [
      { file: 'requirements-dev.txt', line: 'pytest' }, { file: 'requirements-dev.txt', line: '-i http://x/simple' },
    ]);
    const pyproject = '[project]\nname = "app"\ndependencies = ["numpy"]\n';
    const before = { ...START, 'pyproject.toml': pyproject };
    assert.deepStrictEqual(reviewRequirementChanges(before, { ...before, 'pyproject.toml': pyproject.replace('"numpy"', '"numpy", "evilpkg @ https://x/e.tar.gz"') }), {
      verdict: 'refused', reason: `refused: pyproject.toml would gain 'evilpkg @ https://x/e.tar.gz', a direct URL; ${ONLY_PLAIN}`,
    });
    assert.deepStrictEqual(reviewRequirementChanges(before, { ...before, 'pyproject.toml': pyproject.replace('"numpy"', '"numpy", "rich"') }), { verdict: 'needs-approval', requirements: ['rich'] });
    assert.deepStrictEqual(reviewRequirementChanges(before, { ...before, 'pyproject.toml': `${pyproject}\n[tool.x]\ny = 1\n` }), { verdict: 'unchanged' });
  });

  it('refuses the whole change when any added line is refused, whatever else it adds', () => {
    const after = { ...START, 'requirements.txt': `${START['requirements.txt']}somepkg\n--extra-index-url http://127.0.0.1:9/simple\n` };
    assert.deepStrictEqual(reviewRequirementChanges(START, after), { verdict: 'refused', reason: `refused: requirements.txt would gain '--extra-index-url http://127.0.0.1:9/simple', a pip option; ${ONLY_PLAIN}` });
  });
});

describe('the install gate', () => {
  it('passes an unchanged environment without asking, refuses without asking, and stops without an approver', async () => {
    let asked = 0;
    const approve = async () => (asked++, true);
    assert.deepStrictEqual(await installGate(START, START, new Set(), approve), { pass: true });
    assert.deepStrictEqual(await installGate(START, withLine('-e ./x'), new Set(), approve), { refused: `refused: requirements.txt would gain '-e ./x', an editable install; ${ONLY_PLAIN}` });
    assert.strictEqual(asked, 0);
    assert.deepStrictEqual(await installGate(START, withLine('somepkg\nrich'), new Set(), undefined), { needsApproval: 'needs approval to install somepkg, rich' });
    assert.strictEqual(needsApprovalReason(['a']), 'needs approval to install a');
  });

  it('asks once for what is new, remembers a yes, and treats a no, a failing question or cancellation as no', async () => {
    const asked: string[][] = [];
    const approved = new Set<string>();
    const yes = async (requirements: readonly string[]) => (asked.push([...requirements]), true);
    assert.deepStrictEqual(await installGate(START, withLine('somepkg'), approved, yes), { pass: true });
    assert.deepStrictEqual(await installGate(START, withLine('somepkg\nrich'), approved, yes), { pass: true });
    assert.deepStrictEqual(asked, [['somepkg'], ['rich']]);
    assert.deepStrictEqual(await installGate(START, withLine('tqdm'), approved, async () => false), { needsApproval: 'needs approval to install tqdm' });
    assert.deepStrictEqual(await installGate(START, withLine('tqdm'), approved, () => Promise.reject(new Error('no window'))), { needsApproval: 'needs approval to install tqdm' });
    const controller = new AbortController();
    controller.abort();
    assert.deepStrictEqual(await installGate(START, withLine('tqdm'), approved, yes, controller.signal), { needsApproval: 'needs approval to install tqdm' });
    assert.deepStrictEqual(asked.length, 2);
  });

  it('asks once per requirement across a run, one question at a time, remembering yes and no', async () => {
    const asked: string[][] = [];
    let open = 0;
    let mostOpen = 0;
    const ask = askingOncePerRequirement(async (requirements) => {
      asked.push([...requirements]);
      mostOpen = Math.max(mostOpen, ++open);
      await new Promise((resolve) => setTimeout(resolve, 5));
      open--;
      return !requirements.includes('evilish');
    });
    const answers = await Promise.all([ask(['somepkg']), ask(['somepkg']), ask(['somepkg', 'evilish']), ask(['evilish']), ask(['somepkg'])]);
    assert.deepStrictEqual(answers, [true, true, false, false, true]);
    assert.deepStrictEqual(asked, [['somepkg'], ['evilish']]);
    assert.strictEqual(mostOpen, 1);
  });
});
