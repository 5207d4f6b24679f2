// Names that mean one import and nothing else. Names that could mean several are left out on
// purpose; one that is both a module and its member (`datetime`) is decided by use in importByUse.ts.
import { STANDARD_LIBRARY_MODULES } from './distributionTable';

const STANDARD_MODULES = (
  'abc argparse array ast asyncio base64 bisect calendar collections concurrent contextlib copy csv ' +
  'ctypes dataclasses decimal difflib enum fnmatch fractions functools gc getpass glob gzip hashlib heapq ' +
  'hmac html http importlib inspect io ipaddress itertools json logging math mimetypes multiprocessing ' +
  'operator os pathlib pickle platform pprint queue random re secrets select shlex shutil signal socket ' +
  'sqlite3 ssl stat statistics string struct subprocess sys tempfile textwrap threading time timeit ' +
  'tomllib traceback types typing unicodedata unittest urllib uuid warnings weakref xml zipfile zlib'
).split(' ');

/** Module -> members whose names say which module they come from (`Counter` is collections', not typing's). */
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

const MEMBERS: ReadonlyMap<string, string> = new Map(
  Object.entries(MEMBERS_BY_MODULE).flatMap(([module, names]) => names.split(' ').map((name): [string, string] => [name, `from ${module} import ${name}`])),
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

/** The import statement that defines `name`, or undefined when there is none or more than one. */
export function importFor(name: string): string | undefined {
  if (STANDARD_MODULES.includes(name)) return `import ${name}`;
  return MEMBERS.get(name) ?? THIRD_PARTY[name];
}

/** A top-level module of the standard library (the generated list predates a few, e.g. tomllib). */
export function isStandardModule(name: string): boolean {
  return STANDARD_LIBRARY_MODULES.has(name) || STANDARD_MODULES.includes(name);
}
