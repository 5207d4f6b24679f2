// Looking up a file's text by a name that came from outside (a traceback, a model's answer, a
// folder listing) must see only the run's own files: `files['constructor']` on a plain object is a
// function, `'toString' in files` is true, and `files['__proto__']` is the object's prototype.

/** The text of `name` when it is one of `files`, else undefined, whatever the name. */
export function fileText(files: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(files, name) ? files[name] : undefined;
}

export function hasFile(files: Readonly<Record<string, string>>, name: string): boolean {
  return Object.hasOwn(files, name);
}
