// The import a missing name asks for. The standard library's modules and members come from the
// interpreter (stdlibImports.ts); the table here says which module is meant where the standard
// library has several (`Counter` is collections', not typing's) and names the third-party aliases.
// One that is both a module and its member (`datetime`) is decided by use in importByUse.ts.
import { STANDARD_LIBRARY_MODULES } from './distributionTable';
import { standardLibrary } from './standardLibrary';
import { STDLIB_VERSIONS } from './stdlibTable';
import { memberImports, moduleImport, type ImportGuess } from './stdlibImports';

/** Module -> members programs mean by these names (`Counter` is collections', not typing's); each is checked against the version's table. */
const MEMBERS_BY_MODULE: Record<string, string> = {
  abc: 'ABC abstractmethod',
  base64: 'b64decode b64encode',
  bisect: 'bisect_left bisect_right insort',
  collections: 'ChainMap Counter OrderedDict defaultdict deque namedtuple',
  'concurrent.futures': 'ProcessPoolExecutor ThreadPoolExecutor as_completed',
  contextlib: 'contextmanager suppress',
  copy: 'deepcopy',
  dataclasses: 'asdict dataclass field',
  datetime: 'date timedelta timezone',
  decimal: 'Decimal',
  enum: 'Enum IntEnum auto',
  fractions: 'Fraction',
  functools: 'cache cached_property cmp_to_key lru_cache partial reduce total_ordering wraps',
  heapq: 'heapify heappop heappush nlargest nsmallest',
  io: 'BytesIO StringIO',
  itertools: 'accumulate chain combinations cycle groupby islice permutations product starmap zip_longest',
  math: 'ceil factorial floor gcd hypot inf isclose pi sqrt',
  operator: 'attrgetter itemgetter',
  pathlib: 'Path PurePath',
  pprint: 'pprint',
  random: 'choice randint randrange sample shuffle uniform',
  textwrap: 'dedent',
  time: 'monotonic perf_counter sleep',
  types: 'SimpleNamespace',
  // The names of typing's generics and helpers (not Counter, OrderedDict, Pattern: other modules' too).
  typing: 'Any Annotated AsyncGenerator AsyncIterable AsyncIterator Awaitable BinaryIO Callable ClassVar Collection ' +
    'Container Coroutine DefaultDict Deque Dict Final FrozenSet Generator Generic Hashable IO Iterable Iterator List ' +
    'Literal Mapping MutableMapping MutableSequence MutableSet NamedTuple NewType NoReturn Optional ParamSpec Protocol ' +
    'Sequence Set Sized TYPE_CHECKING TextIO Tuple Type TypeAlias TypeGuard TypeVar TypedDict Union cast overload',
  'urllib.parse': 'urlencode urlparse',
  uuid: 'uuid4',
};

const MEMBERS: ReadonlyMap<string, { module: string; statement: string }> = new Map(
  Object.entries(MEMBERS_BY_MODULE).flatMap(([module, names]) => names.split(' ').map((name): [string, { module: string; statement: string }] => [name, { module, statement: `from ${module} import ${name}` }])),
);

const THIRD_PARTY: Record<string, string> = {
  np: 'import numpy as np',
  numpy: 'import numpy',
  pd: 'import pandas as pd',
  pandas: 'import pandas',
  plt: 'import matplotlib.pyplot as plt',
  sns: 'import seaborn as sns',
  tf: 'import tensorflow as tf',
  torch: 'import torch',
  requests: 'import requests',
  yaml: 'import yaml',
  scipy: 'import scipy',
  sklearn: 'import sklearn',
  nx: 'import networkx as nx',
};

/**
 * The imports that could define `name` as `code` uses it, best first: none when it is unknown, too
 * common a word, or used other than as the module it names.
 */
export function importsFor(name: string, code: string, version?: string): ImportGuess[] {
  const member = MEMBERS.get(name);
  if (member && standardLibrary(version).members.get(member.module)?.has(name)) return [{ statement: member.statement, confident: true }];
  if (Object.hasOwn(THIRD_PARTY, name)) return [{ statement: THIRD_PARTY[name], confident: true }];
  const module = moduleImport(name, code, version);
  return module ? [module] : memberImports(name, version);
}

/** A top-level module of the standard library, in any generated version or the distribution table's list. */
export function isStandardModule(name: string): boolean {
  return STANDARD_LIBRARY_MODULES.has(name) || STDLIB_VERSIONS.some((version) => standardLibrary(version).members.has(name));
}
