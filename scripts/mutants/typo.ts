// One-edit misspellings (a deleted, a swapped or a replaced letter), the way people mistype names.
import { KEYWORDS } from './pythonTokens';
import { pick, type Random } from './seededRandom';

/** Python 3.11's builtins (dir(builtins) without underscores): a typo must not land on one of them. */
export const BUILTINS = new Set('ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip'.split(' '));

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
export type TypoEdit = 'deletion' | 'transposition' | 'substitution';

export function applyTypo(name: string, edit: TypoEdit, random: Random): string {
  const at = Math.floor(random() * name.length);
  if (edit === 'deletion') return name.slice(0, at) + name.slice(at + 1);
  if (edit === 'transposition') {
    const i = Math.min(at, name.length - 2);
    return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
  }
  const letter = pick(random, LETTERS.replace(name[at].toLowerCase(), '').split(''));
  return name.slice(0, at) + (name[at] === name[at].toUpperCase() && name[at] !== '_' ? letter.toUpperCase() : letter) + name.slice(at + 1);
}

/**
 * A misspelling of `name` that is a valid identifier and no name the program already uses (nor a
 * keyword or builtin), so the typo cannot silently mean something else; undefined when none is found.
 */
export function typoOf(name: string, taken: ReadonlySet<string>, random: Random): string | undefined {
  for (let tries = 0; tries < 20; tries++) {
    const edit = pick<TypoEdit>(random, ['deletion', 'transposition', 'substitution']);
    const typo = applyTypo(name, edit, random);
    if (typo !== name && /^[A-Za-z_]\w*$/.test(typo) && !taken.has(typo) && !KEYWORDS.has(typo) && !BUILTINS.has(typo)) return typo;
  }
  return undefined;
}
