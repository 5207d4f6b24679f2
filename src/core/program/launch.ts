// How one file of a program is started. Most run as `python FILE`; some need a small generated
// driver placed at the root of the run's files: an import check for a module, `python -m NAME` for a
// program inside a package. The driver is Self-Heal's, never the user's: it is not edited, not
// shown to a model, and its frames are outside the program (errorLocation.ts).

/** How the target is started: `run` as `python FILE`, `run-module` as `python -m NAME`, `import`, `compile`. */
export type LaunchKind = 'run' | 'run-module' | 'import' | 'compile';

/** What a clean run is called: a module is import-checked (or, setup.py, compiled), never "run". */
export const CLEAN_RUN_WORDS: Readonly<Record<LaunchKind, string>> = { run: 'ran clean', 'run-module': 'ran clean', import: 'imports cleanly', compile: 'compiles cleanly' };

export interface Launch {
  /** The program's file this run is about: errors without a place in a frame go here, fixes go to the program's files. */
  target: string;
  kind: LaunchKind;
  /** The runner's entry: the target itself, or the generated driver. */
  entry: string;
  /** The generated driver (path -> text); empty when the target runs as `python FILE`. */
  generated: Record<string, string>;
  /** What is done, as a user would type it: "python app/main.py", "python -m pkg.cli", "import pkg.util". */
  command: string;
}

export const IMPORT_CHECK_DRIVER = '__self_heal_import_check__.py';
export const MODULE_RUN_DRIVER = '__self_heal_run_module__.py';

/** A generated driver's file name, as a regular expression source (the launcher's Python uses it too). */
export const GENERATED_DRIVER_PATTERN = String.raw`(?:^|[\\/])__self_heal_[a-z_]+__\.py$`;

/** Self-Heal's generated drivers, wherever a traceback shows them. */
export function isGeneratedDriver(file: string): boolean {
  return new RegExp(GENERATED_DRIVER_PATTERN).test(file);
}

/** Programs get the user's arguments, input, environment and folder; an import check or a compile is not a program. */
export function isProgram(launch: Launch): boolean {
  return launch.kind === 'run' || launch.kind === 'run-module';
}

export function plainLaunch(target: string): Launch {
  return { target, kind: 'run', entry: target, generated: {}, command: `python ${target}` };
}

/** The runner's files and entry for a launch: the program's files with the driver beside them. */
export function launchRequest(files: Readonly<Record<string, string>>, launch: Launch): { files: Record<string, string>; entry: string } {
  return { files: { ...files, ...launch.generated }, entry: launch.entry };
}

/** A Python string literal for any text (JSON's escapes are Python's too). */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/** Python code for a run-relative path, resolved from the driver's folder (the run root) on any system. */
export function pathFromRoot(relative: string): string {
  const parts = relative === '' ? [] : relative.split('/');
  return `os.path.join(os.path.dirname(os.path.abspath(__file__))${parts.map((part) => `, ${pythonString(part)}`).join('')})`;
}
