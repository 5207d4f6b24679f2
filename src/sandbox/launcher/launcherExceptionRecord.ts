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
