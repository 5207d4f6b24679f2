// Classifies an exception into the kind fixers work with, and pulls out "Did you mean" suggestions.
import type { ErrorKind } from './pythonError';

const KIND_BY_TYPE: Record<string, ErrorKind> = {
  SyntaxError: 'syntax',
  IndentationError: 'indentation',
  TabError: 'indentation',
  ModuleNotFoundError: 'module-not-found',
  NameError: 'name',
  UnboundLocalError: 'unbound-local',
  AttributeError: 'attribute',
  TypeError: 'type',
  ValueError: 'value',
  UnicodeDecodeError: 'value',
  UnicodeEncodeError: 'value',
  JSONDecodeError: 'value',
  KeyError: 'key',
  IndexError: 'index',
  ZeroDivisionError: 'zero-division',
  RecursionError: 'recursion',
  AssertionError: 'assertion',
  FileNotFoundError: 'file-not-found',
  MemoryError: 'oom',
};

export function classify(type: string, message: string): ErrorKind {
  const name = type.slice(type.lastIndexOf('.') + 1);
  if (name === 'ImportError') return /^No module named /.test(message) ? 'module-not-found' : 'import-name';
  if (name === 'RuntimeError' && message.startsWith('maximum recursion depth exceeded')) return 'recursion';
  return KIND_BY_TYPE[name] ?? 'other';
}

/** "Did you mean: 'total'?", "Did you mean 'x'?", "Did you forget to import 'json'?" -> the name. */
export function suggestionIn(message: string): string | null {
  const match = /(?:Did you mean:? |Did you forget to import )'([^']+)'\??/.exec(message);
  return match ? match[1] : null;
}
