import * as assert from 'assert';
import { classifyPythonFile, classifyPythonFiles } from '../../src/core/program/entryPoints';

/** [role, reason] of one program, to compare whole answers at once. */
function verdict(path: string, text: string): [string, string] {
  const classified = classifyPythonFile(path, text);
  return [classified.role, classified.reason];
}

const DEFINITIONS = 'defines only functions, classes and constants';

describe('entry points: which files run and which are imported', () => {
  it('finds a __main__ guard in any quoting and spacing', () => {
    const guards = [
      'if __name__ == "__main__":\n    main()\n',
      "if __name__=='__main__':\n    main()\n",
      'if __name__  ==  "__main__" :\n    main()\n',
      'if "__main__" == __name__:\n    main()\n',
      'if (__name__ == "__main__"):\n    main()\n',
      'if __name__ == "__main__": main()\n',
      'if __name__ == "__main__":  # run it\n    main()\n',
    ];
    for (const text of guards) assert.deepStrictEqual(verdict('tool.py', `import sys\n\ndef main():\n    pass\n\n${text}`), ['entry', 'has a __main__ guard'], text);
  });

  it('does not take a guard inside a string, a comment or a function for one', () => {
    assert.deepStrictEqual(verdict('a.py', '"""Run with:\nif __name__ == "__main__":\n    main()\n"""\ndef main():\n    pass\n'), ['module', DEFINITIONS]);
    assert.deepStrictEqual(verdict('b.py', '# if __name__ == "__main__":\ndef main():\n    pass\n'), ['module', DEFINITIONS]);
    assert.deepStrictEqual(verdict('c.py', 'def main():\n    if __name__ == "__main__":\n        print(1)\n'), ['module', DEFINITIONS]);
    assert.deepStrictEqual(verdict('d.py', 'if __name__ == "__mainframe__":\n    go()\n'), ['entry', 'runs code at top level (line 2)']);
  });

  it('names the first top-level statement that does work', () => {
    const cases: Array<[string, [string, string]]> = [
      ['print("hello")\n', ['entry', 'runs code at top level (line 1)']],
      ['import os\n\nX = 1\nmain()\n', ['entry', 'runs code at top level (line 4)']],
      ['import sys\nsys.exit(main())\n', ['entry', 'runs code at top level (line 2)']],
      ['app.run(debug=True)\n', ['entry', 'runs code at top level (line 1)']],
      ['for i in range(3):\n    pass\n', ['entry', 'runs code at top level (line 1)']],
      ['while True:\n    break\n', ['entry', 'runs code at top level (line 1)']],
      ['with open("x") as f:\n    DATA = f.read()\n', ['entry', 'runs code at top level (line 1)']],
      ['async def main():\n    pass\n\nasyncio.run(main())\n', ['entry', 'runs code at top level (line 4)']],
      ['raise SystemExit(main())\n', ['entry', 'runs code at top level (line 1)']],
      ['import os; os.makedirs("out")\n', ['entry', 'runs code at top level (line 1)']],
      ['x = 1\nif x:\n    print(x)\n', ['entry', 'runs code at top level (line 3)']],
      ['if DEBUG: print("debug")\n', ['entry', 'runs code at top level (line 1)']],
      ['if a:\n    X = 1\nelif b:\n    X = 2\nelse:\n    go()\n', ['entry', 'runs code at top level (line 6)']],
      ['try:\n    run()\nexcept KeyboardInterrupt:\n    pass\n', ['entry', 'runs code at top level (line 2)']],
      ['try:\n    import x\nfinally:\n    cleanup()\n', ['entry', 'runs code at top level (line 4)']],
      ['"""Doc."""\n\nresult = compute(\n    1,\n    2,\n)\nprint(result)\n', ['entry', 'runs code at top level (line 7)']],
      ['print "python 2"\n', ['entry', 'runs code at top level (line 1)']],
      ['"".join(parts)\n', ['entry', 'runs code at top level (line 1)']],
    ];
    for (const [text, expected] of cases) assert.deepStrictEqual(verdict('work.py', text), expected, text);
  });

  it('counts imports, definitions, docstrings and constants as definitions', () => {
    const modules = [
      '',
      '"""Only a docstring."""\n',
      'import os\nfrom . import sibling\nfrom .models import (\n    A,\n    B,\n)\n',
      'X = 1\nNAMES = ["a", "b"]\n__all__ = ["f"]\nRATE: float = 0.5\ncount: int\nA, B = 1, 2\nTOTAL += 1\nMASK <<= 2\n',
      'def f():\n    print("inside a function")\n\nasync def g():\n    await h()\n',
      'class C:\n    X = compute()\n\n    def method(self):\n        run()\n',
      '@app.route("/")\ndef index():\n    return "hi"\n\n@dataclass(frozen=True)\nclass P:\n    x: int = 0\n',
      'import logging\nlogger = logging.getLogger(__name__)\nT = TypeVar("T")\nPoint = namedtuple("Point", "x y")\n',
      'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from x import Y\n    check()\n',
      'import typing\nif typing.TYPE_CHECKING:\n    setup()\n',
      'try:\n    import numpy as np\nexcept ImportError:\n    np = None\n    warnings.warn("no numpy")\n',
      'try:\n    import ujson as json\nexcept ImportError:  # fallback\n    import json\n',
      'if sys.version_info >= (3, 11):\n    import tomllib\nelse:\n    import tomli as tomllib\n',
      'if sys.platform == "win32":\n    raise ImportError("not on Windows")\n',
      'assert sys.version_info >= (3, 8)\ndel os\npass\nglobal G\n',
      'x == 1\nNAME\n...\n',
      'HELP = """\nUsage:\n    tool.py run()\n"""\n',
      'CALLBACK = lambda: print("later")\n',
      'f"{value!r}"\n',
    ];
    for (const text of modules) assert.deepStrictEqual(verdict('lib.py', text), ['module', DEFINITIONS], text);
  });

  it('runs a file with a conventional name that only defines things', () => {
    for (const name of ['main.py', '__main__.py', 'app.py', 'cli.py', 'run.py', 'server.py', 'manage.py']) {
      assert.deepStrictEqual(verdict(`pkg/${name}`, 'def main():\n    pass\n'), ['entry', 'conventional entry name'], name);
    }
    assert.deepStrictEqual(verdict('wsgi.py', 'from app import app as application\n'), ['module', DEFINITIONS]);
    assert.deepStrictEqual(verdict('domain.py', 'def main():\n    pass\n'), ['module', DEFINITIONS]);
  });

  it('prefers the guard, then top-level work, over the name', () => {
    assert.deepStrictEqual(verdict('main.py', 'main()\nif __name__ == "__main__":\n    pass\n'), ['entry', 'has a __main__ guard']);
    assert.deepStrictEqual(verdict('main.py', 'import x\n\nx.start()\n'), ['entry', 'runs code at top level (line 3)']);
  });

  it('treats test files as modules, whatever they contain', () => {
    const text = 'import unittest\n\nclass T(unittest.TestCase):\n    pass\n\nif __name__ == "__main__":\n    unittest.main()\n';
    for (const name of ['test_util.py', 'tests/test_api.py', 'util_test.py', 'conftest.py']) {
      assert.deepStrictEqual(verdict(name, text), ['module', 'a test file: test runners import it'], name);
    }
    assert.deepStrictEqual(verdict('testing.py', text), ['entry', 'has a __main__ guard']);
    assert.deepStrictEqual(verdict('contest.py', text), ['entry', 'has a __main__ guard']);
  });

  it('never runs setup.py', () => {
    assert.deepStrictEqual(verdict('setup.py', 'from setuptools import setup\nsetup(name="x")\n'), ['module', 'setup.py does packaging work when run or imported: only compiled']);
    assert.deepStrictEqual(verdict('pkg/setup_helpers.py', 'setup()\n'), ['entry', 'runs code at top level (line 1)']);
  });

  it('reads a file that does not tokenize as far as it can', () => {
    assert.deepStrictEqual(verdict('broken.py', 'def f(:\n    pass\nprint("after")\n'), ['module', DEFINITIONS]);
    assert.deepStrictEqual(verdict('broken2.py', 'print("before")\nx = (1,\n'), ['entry', 'runs code at top level (line 1)']);
    assert.deepStrictEqual(verdict('unterminated.py', 's = "open\nrun()\n'), ['entry', 'runs code at top level (line 2)']);
  });

  it('classifies every .py file of a set, by path', () => {
    const files = {
      'pkg/util.py': 'def helper():\n    return 1\n',
      'main.py': 'from pkg.util import helper\nprint(helper())\n',
      'pkg/__init__.py': '',
      'requirements.txt': 'requests\n',
      'tests/test_util.py': 'def test():\n    pass\n',
    };
    assert.deepStrictEqual(classifyPythonFiles(files), [
      { path: 'main.py', role: 'entry', reason: 'runs code at top level (line 2)' },
      { path: 'pkg/__init__.py', role: 'module', reason: DEFINITIONS },
      { path: 'pkg/util.py', role: 'module', reason: DEFINITIONS },
      { path: 'tests/test_util.py', role: 'module', reason: 'a test file: test runners import it' },
    ]);
  });
});
