// Keywords that reach their callee through **kwargs and a method's attribute a function's name
// shadows, in the real sandbox: run, read the launcher's record, take the first rule fix, and prove
// it by running again.
import * as assert from 'assert';
import { healOnce } from './sandboxHelper';

const PARSER = "def main():\n    import argparse\n    parser = argparse.ArgumentParser(pkog='tool')\n    print(parser.prog)\n\nmain()\n";
const OPTIONS = "def main():\n    import optparse\n    parser = optparse.OptionParser()\n    parser.add_option('-d', dest='decode', hglp='Decode?', action='store_true')\n    parser.add_option('-t', dest='text', help='Text?', action='store_true')\n    print(parser.parse_args([])[0])\n\nmain()\n";
const TEMPLATE = 'TEMPLATE = "{name}{delim}{value}"\nprint(TEMPLATE.format(name="a", elim="=", value=1))\n';
const MONTH = "import datetime\n\ndef format(cols):\n    return str(cols)\n\nclass Month:\n    def __init__(self, format):\n        self.format = format\n\n    def name(self, i):\n        return datetime.date(2001, i, 1).strftime(format)\n\nprint(Month('%B').name(1))\n";

describe('sandbox: keywords passed on through **kwargs, attributes a function shadows', function () {
  this.timeout(120_000);

  it('finds the parameters of a class reached through a module the function imports itself', async () => {
    const parser = await healOnce(PARSER);
    assert.deepStrictEqual([parser.description, parser.confident, parser.healed, parser.stdout, parser.exitCode], ["Change 'pkog' to 'prog'", true, PARSER.replace('pkog=', 'prog='), 'tool\n', 0]);
  });

  it('respells a keyword optparse checks by hand from those its other call is given, not preferred', async () => {
    const options = await healOnce(OPTIONS);
    assert.deepStrictEqual([options.description, options.confident, options.stdout, options.exitCode], ["Change 'hglp' to 'help'", false, "{'decode': None, 'text': None}\n", 0]);
  });

  it('respells the str.format keyword the KeyError\'s field is one edit from', async () => {
    const template = await healOnce(TEMPLATE);
    assert.deepStrictEqual([template.description, template.stdout, template.exitCode], ["Change 'elim' to 'delim'", 'a=1\n', 0]);
  });

  it('gives the receiver to an attribute a module function\'s name shadows', async () => {
    const month = await healOnce(MONTH);
    assert.deepStrictEqual([month.description, month.stdout, month.exitCode], ["Change 'format' to 'self.format'", 'January\n', 0]);
  });
});
