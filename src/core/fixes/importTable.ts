// Names that mean one import and nothing else. Names that could mean several (e.g. `datetime`,
// the module or the class) are left out on purpose: an ambiguous name is not guessed.
import { STANDARD_LIBRARY_MODULES } from './distributionTable';

const STANDARD_MODULES = (
  'abc argparse array ast asyncio base64 bisect calendar collections concurrent contextlib copy csv ' +
  'ctypes dataclasses decimal difflib enum fnmatch fractions functools gc getpass glob gzip hashlib heapq ' +
  'hmac html http importlib inspect io ipaddress itertools json logging math mimetypes multiprocessing ' +
  'operator os pathlib pickle platform pprint queue random re secrets select shlex shutil signal socket ' +
  'sqlite3 ssl stat statistics string struct subprocess sys tempfile textwrap threading time timeit ' +
  'tomllib traceback types typing unicodedata unittest urllib uuid warnings weakref xml zipfile zlib'
).split(' ');

const MEMBERS: Record<string, string> = {
  Path: 'from pathlib import Path',
  PurePath: 'from pathlib import PurePath',
  defaultdict: 'from collections import defaultdict',
  Counter: 'from collections import Counter',
  OrderedDict: 'from collections import OrderedDict',
  deque: 'from collections import deque',
  namedtuple: 'from collections import namedtuple',
  dataclass: 'from dataclasses import dataclass',
  field: 'from dataclasses import field',
  asdict: 'from dataclasses import asdict',
  Enum: 'from enum import Enum',
  IntEnum: 'from enum import IntEnum',
  partial: 'from functools import partial',
  reduce: 'from functools import reduce',
  lru_cache: 'from functools import lru_cache',
  wraps: 'from functools import wraps',
  chain: 'from itertools import chain',
  product: 'from itertools import product',
  permutations: 'from itertools import permutations',
  combinations: 'from itertools import combinations',
  pprint: 'from pprint import pprint',
  sleep: 'from time import sleep',
  randint: 'from random import randint',
  choice: 'from random import choice',
  sqrt: 'from math import sqrt',
  floor: 'from math import floor',
  ceil: 'from math import ceil',
  pi: 'from math import pi',
  Decimal: 'from decimal import Decimal',
  Fraction: 'from fractions import Fraction',
  Optional: 'from typing import Optional',
  List: 'from typing import List',
  Dict: 'from typing import Dict',
  Tuple: 'from typing import Tuple',
  Any: 'from typing import Any',
  Callable: 'from typing import Callable',
  Iterable: 'from typing import Iterable',
  Union: 'from typing import Union',
  ABC: 'from abc import ABC',
  abstractmethod: 'from abc import abstractmethod',
  contextmanager: 'from contextlib import contextmanager',
  timedelta: 'from datetime import timedelta',
  ThreadPoolExecutor: 'from concurrent.futures import ThreadPoolExecutor',
  uuid4: 'from uuid import uuid4',
};

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
  return MEMBERS[name] ?? THIRD_PARTY[name];
}

/** A top-level module of the standard library (the generated list predates a few, e.g. tomllib). */
export function isStandardModule(name: string): boolean {
  return STANDARD_LIBRARY_MODULES.has(name) || STANDARD_MODULES.includes(name);
}
