# Prints, as JSON, the interpreter's standard-library top-level modules and each one's public members:
# {"version": "3.11", "modules": {"math": ["acos", ...], ...}}. Run by generateStdlibTable.ts inside
# each Python image (and with the host's python3). Each module is imported in a child interpreter of
# its own (-I: no site-packages, no user paths), so one that prints, hangs or crashes on import costs
# only its own entry; modules that fail to import here (tkinter without Tk, platform-only ones) are left out.
import json
import os
import pkgutil
import subprocess
import sys
import sysconfig

# Importing these does something (prints the Zen, opens a browser, starts a GUI), or they are the
# interpreter's own test and tool packages, never a program's import.
# Submodules (one level down: collections.abc, os.path is an attribute, urllib.parse) are listed
# too, except of these packages, whose submodules are implementation (encodings' codecs).
NO_SUBMODULES = {'encodings', 'distutils', 'unittest', 'asyncio', 'multiprocessing', 'email', 'ctypes', 'curses', 'sqlite3', 'venv', 'dbm', 'msilib'}
# Modules deeper down or reached as attributes that programs import members from by name.
DEEPER = ['os.path', 'xml.etree.ElementTree']
SKIPPED = {'sitecustomize', 'usercustomize', 'this', 'antigravity', 'idlelib', 'turtledemo', 'test', 'tkinter', 'turtle', 'ensurepip', 'pydoc_data', 'lib2to3', 'xxlimited', 'xxsubtype'}

MEMBERS_OF = r'''
import importlib, json, pkgutil, sys, types
module = importlib.import_module(sys.argv[1])
declared = getattr(module, '__all__', None)
names = set()
for name in (declared if isinstance(declared, (list, tuple)) else dir(module)):
    if not isinstance(name, str) or name.startswith('_') or not hasattr(module, name):
        continue
    value = getattr(module, name)
    # Other modules it imported are not its members (os.sys); without __all__, neither is what
    # it took from elsewhere (a C module's types and functions name the module they come from).
    if isinstance(value, types.ModuleType):
        continue
    home = getattr(value, '__module__', None)
    if declared is None and isinstance(home, str) and home.lstrip('_') != sys.argv[1].lstrip('_') and not home.startswith(sys.argv[1] + '.'):
        if not (home.startswith('_') and home.lstrip('_').split('.')[0] == sys.argv[1].split('.')[-1]):
            continue
    names.add(name)
path = getattr(module, '__path__', None)
parts = [] if path is None else [info.name for info in pkgutil.iter_modules(path)]
print(json.dumps({'members': sorted(names), 'submodules': sorted(parts)}))
'''


def module_names():
    if hasattr(sys, 'stdlib_module_names'):
        return sorted(sys.stdlib_module_names)
    # 3.9 and older: the built-in modules plus what lies in the standard library's folders.
    stdlib = sysconfig.get_paths()['stdlib']
    folders = [stdlib, os.path.join(stdlib, 'lib-dynload')]
    found = set(sys.builtin_module_names)
    found.update(info.name for info in pkgutil.iter_modules(folders))
    found.discard('site-packages')
    return sorted(found)


def members(name):
    try:
        done = subprocess.run([sys.executable, '-I', '-c', MEMBERS_OF, name], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        return None
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def main():
    table = {}
    for name in module_names():
        if name.startswith('_') or name in SKIPPED:
            continue
        found = members(name)
        if found is None:
            continue
        table[name] = found['members']
        for part in [] if name in NO_SUBMODULES else found['submodules']:
            if part.startswith('_') or part.startswith('test') or part == '__main__':
                continue
            inner = members(name + '.' + part)
            if inner is not None:
                table[name + '.' + part] = inner['members']
    for name in DEEPER:
        found = members(name)
        if found is not None:
            table[name] = found['members']
    version = '%d.%d' % sys.version_info[:2]
    print(json.dumps({'version': version, 'modules': table}, sort_keys=True))


main()
