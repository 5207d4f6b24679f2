// The launcher's Python, composed in launcher.ts: the record of an uncaught exception, taken inside the
// interpreter (exact type names, columns in characters, chains, groups, notes) and written to the
// record pipe for the parent to pass on. core/errors/capturedRecord.ts reads it.
export const EXCEPTION_RECORD_PY = String.raw`
def is_launcher_frame(tb):
    return tb.tb_frame.f_code.co_filename == '<string>'

def char_column(filename, lineno, byte_offset):
    # Python reports byte offsets in the UTF-8 line; editors count characters. 1-based.
    if lineno is None or byte_offset is None:
        return None
    raw = linecache.getline(filename, lineno).encode('utf-8')
    return len(raw[:byte_offset].decode('utf-8', 'replace')) + 1

MAX_CANDIDATES = 2000

def attribute_names(error):
    # What the object has (3.10+ keeps it on the error); the host picks the nearest to the typo.
    names = dir(error.obj)
    return sorted({n for n in names[:MAX_CANDIDATES * 4] if isinstance(n, str) and len(n) <= 100})[:MAX_CANDIDATES]

KEYWORD_MESSAGES = (
    re.compile(r"([A-Za-z_][\w.]*)\(\) got an unexpected keyword argument '"),
    re.compile(r"'[A-Za-z_]\w*' is an invalid keyword argument for ([A-Za-z_][\w.]*)\(\)"),
)
BUILTIN_TYPES = (str, bytes, bytearray, list, dict, set, frozenset, tuple, int, float, complex)

def parameter_names(error, message):
    # "f() got an unexpected keyword argument 'x'" (or, from a builtin, "'x' is an invalid keyword
    # argument for sort()"): the callee's parameters, found by the name in the message from the
    # innermost frame (the caller: the call failed before entering it).
    match = next((m for m in (p.match(message) for p in KEYWORD_MESSAGES) if m), None)
    tb = error.__traceback__
    if match is None or tb is None:
        return None
    while tb.tb_next is not None:
        tb = tb.tb_next
    names = []
    for target in callees(tb.tb_frame, match.group(1)):
        names += [n for n in keywords_of(target) if n not in names]
    return names[:MAX_CANDIDATES] or None

def callees(frame, dotted):
    # The name as the caller sees it; else reached through a module it holds, globally or imported
    # in the function itself (functools.lru_cache, argparse.ArgumentParser); else, for a plain
    # name, the builtin types' methods of that name (lst.sort, text.split).
    first, *rest = dotted.split('.')
    scopes = [frame.f_locals, frame.f_globals, vars(builtins)]
    held = list(frame.f_locals.values()) + list(frame.f_globals.values())
    scopes += [vars(m) for m in held if isinstance(m, types.ModuleType)]
    target = next((scope[first] for scope in scopes if first in scope), None)
    for part in rest:
        target = getattr(target, part, None)
    if target is not None:
        return [target]
    return [vars(kind)[first] for kind in BUILTIN_TYPES if first in vars(kind)] if not rest else []

def keywords_of(target):
    import inspect
    try:
        kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        return [p.name for p in inspect.signature(target).parameters.values() if p.kind in kinds and p.name != 'self']
    except (TypeError, ValueError):
        # Builtins without a signature (print): the keywords their own docstring's first lines name.
        doc = getattr(target, '__doc__', None) or ''
        return re.findall(r'\b([A-Za-z_]\w*)=', doc.split('\n\n')[0])

def candidates_of(error, message):
    try:
        if isinstance(error, AttributeError) and getattr(error, 'obj', None) is not None:
            return attribute_names(error)
        if isinstance(error, TypeError):
            return parameter_names(error, message)
    except BaseException:
        pass
    return None

def describe(error, depth=0):
    if error is None or depth > 50:
        return None
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ in ('builtins', '__main__') else kind.__module__ + '.' + kind.__qualname__
    try:
        message = str(error)
        if '\n' not in message and not isinstance(error, SyntaxError):
            # As printed: 3.10+ adds "Did you mean ...?" when printing, not in str().
            printed = traceback.format_exception_only(kind, error)[0].rstrip('\n')
            message = printed[len(name) + 2:] if printed.startswith(name + ': ') else message
    except Exception:
        message = '<str() failed>'
    frames = []
    summaries = traceback.extract_tb(error.__traceback__)
    if len(summaries) > 1000:
        summaries = summaries[:100] + summaries[-900:]
    for summary in summaries:
        frame = {'file': summary.filename, 'line': summary.lineno, 'function': summary.name, 'source': summary.line or None}
        if getattr(summary, 'colno', None) is not None:
            end_line = getattr(summary, 'end_lineno', None) or summary.lineno
            frame['column'] = char_column(summary.filename, summary.lineno, summary.colno)
            frame['endLine'] = end_line
            frame['endColumn'] = char_column(summary.filename, end_line, summary.end_colno)
        frames.append(frame)
    record = {'type': name, 'message': message, 'frames': frames, 'notes': [str(n) for n in getattr(error, '__notes__', None) or []]}
    candidates = candidates_of(error, message)
    if candidates is not None:
        record['candidates'] = candidates
    if depth == 0:
        record['python'] = '%d.%d' % sys.version_info[:2]
    if kind.__module__ == '__main__':
        # 3.8-3.10 print these as "__main__.Name", 3.11+ as "Name": the record names both.
        record['qualifiedType'] = '__main__.' + kind.__qualname__
    if isinstance(error, SyntaxError):
        record['syntax'] = {'file': error.filename, 'line': error.lineno, 'offset': error.offset, 'endLine': getattr(error, 'end_lineno', None), 'endOffset': getattr(error, 'end_offset', None), 'text': error.text}
        record['message'] = error.msg if error.msg is not None else message
    # Chained as CPython prints them: the cause, else the context unless suppressed.
    record['cause'] = describe(error.__cause__, depth + 1)
    record['context'] = None if error.__cause__ is not None or error.__suppress_context__ else describe(error.__context__, depth + 1)
    members = getattr(error, 'exceptions', None) if isinstance(error, getattr(builtins, 'BaseExceptionGroup', ())) else None
    record['exceptions'] = [describe(member, depth + 1) for member in members or ()]
    return record

def report(error):
    try:
        data = (json.dumps(describe(error)) + '\n').encode('utf-8', 'replace')
        while data:
            data = data[os.write(RECORD_FD, data):]
    except Exception:
        pass
`;
