// A method that names one of its object's attributes without `self.` where a builtin or a function
// of the module has that name (`funcs(format)` for `funcs(self.format)`): no NameError, the function
// itself is used, and CPython complains only of its type ("strftime() argument 1 must be str, not
// function"). The one such name on the line that the class also holds as an attribute gets its receiver.
import { fileText } from '../files/fileTexts';
import type { RuleFixer } from './fixTypes';
import { methodContextAt } from './methodContext';
import { bareUses } from './missingSelf';
import { namesInScope } from './nameScope';
import { builtinNames } from './standardLibrary';

/** A function or class where a value was expected, as CPython names its type. */
const CALLABLE_AS_VALUE = /'(?:builtin_function_or_method|function|method|type)'|, not (?:builtin_function_or_method|function|method|type)$/;

export const shadowedMember: RuleFixer = {
  id: 'shadowed-member',
  kinds: ['type'],
  propose(error, files) {
    const source = error.file !== null ? fileText(files, error.file) : undefined;
    if (!CALLABLE_AS_VALUE.test(error.message) || source === undefined || !error.file || !error.line) return [];
    const context = methodContextAt(source, error.line);
    if (!context) return [];
    const defined = new Set([...builtinNames(error.python), ...namesInScope(source, error.line)]);
    const shadowed = [...context.members].filter((name) => defined.has(name) && bareUses(source, error.line as number, name).length > 0);
    // Two such names on the line: which one the error means is not known.
    if (shadowed.length !== 1) return [];
    const [name] = shadowed;
    const columns = bareUses(source, error.line, name);
    const column = columns.find((c) => c >= (error.column ?? 1)) ?? columns[0];
    const edit = { file: error.file, startLine: error.line, startColumn: column, endLine: error.line, endColumn: column, newText: `${context.receiver}.` };
    return [{ source: 'rule:missing-self', description: `Change '${name}' to '${context.receiver}.${name}'`, edits: [edit], confident: columns.length === 1 }];
  },
};
