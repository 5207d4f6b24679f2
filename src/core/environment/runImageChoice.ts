// Which image a run uses, decided once for the editor and the CLI. Precedence: an image the user set
// wins; then the Python version the project states in .python-version; then its requires-python;
// then the interpreter selected in the Python extension (editor only); else the default image. A
// stated version no configured image serves is said plainly (`warning`) and the default is used.
import { parseRequiresPython, parseSeries, pythonVersionFileSeries, seriesAllowed, seriesText, type PythonSeries, type VersionClause } from './pythonVersion';

/** The official images by series, used unless the user's table names another (or "" for none). */
export const DEFAULT_IMAGES_BY_PYTHON_VERSION: Readonly<Record<string, string>> = {
  '3.9': 'python:3.9-slim',
  '3.10': 'python:3.10-slim',
  '3.11': 'python:3.11-slim',
  '3.12': 'python:3.12-slim',
  '3.13': 'python:3.13-slim',
};

/** What the project (and the editor) say about the Python it wants, as found. */
export interface StatedPython {
  /** The text of the project's `.python-version`. */
  pythonVersionFile?: string;
  /** `requires-python` of pyproject.toml's [project] table. */
  requiresPython?: string;
  /** The interpreter selected in the Python extension: its version ("3.9.18") and path. */
  interpreter?: { version: string; path: string };
  /** Files that could not be read, in words (said with the choice). */
  notes?: string[];
}

export interface ImageChoiceInput {
  /** The image the user set; it wins over anything the project states. */
  explicitImage?: string;
  defaultImage: string;
  /** The user's table of images by series ("3.9" -> image), laid over DEFAULT_IMAGES_BY_PYTHON_VERSION. */
  imagesByVersion: Readonly<Record<string, string>>;
  stated: StatedPython;
  /** How the user names the two settings here: "selfHeal.image" in the editor, "--image" in the CLI. */
  names: { image: string; table: string };
}

export type ImageChoiceSource = 'setting' | '.python-version' | 'requires-python' | 'interpreter' | 'default';

export interface RunImageChoice {
  image: string;
  source: ImageChoiceSource;
  /** Whether the project (or the selected interpreter) states a version that could be read; when not, the choice is no news. */
  projectStated: boolean;
  /** The series the project asked for, when it did ("3.9"). */
  series?: string;
  /** One line: "Python 3.9 from .python-version -> localhost/self-heal-python:3.9". */
  reason: string;
  /** Said whenever the choice is not what the project asked for: a version no image serves, or a statement that could not be read. */
  warning?: string;
}

/** What the project asks for: one series, or a range of them. */
type Wanted = { series: PythonSeries; from: string; source: ImageChoiceSource } | { clauses: VersionClause[]; from: string; source: ImageChoiceSource };

export function chooseRunImage(input: ImageChoiceInput): RunImageChoice {
  const unreadable: string[] = [...(input.stated.notes ?? [])];
  const wanted = wantedPython(input.stated, unreadable);
  const note = unreadable.length > 0 ? unreadable.join(' ') : undefined;
  if (input.explicitImage !== undefined) {
    const over = wanted ? ` (it wins over ${describe(wanted)})` : '';
    return { image: input.explicitImage, source: 'setting', projectStated: wanted !== undefined, reason: `${input.names.image} is set -> ${input.explicitImage}${over}` };
  }
  const byVersion = imageTable(input.imagesByVersion);
  const defaultSeries = imageSeries(input.defaultImage);
  const asDefault = `${input.defaultImage} (the default image)`;
  if (!wanted) return { image: input.defaultImage, source: 'default', projectStated: false, reason: `the project states no Python version -> ${asDefault}`, ...(note ? { warning: note } : {}) };

  const chosen = 'series' in wanted ? seriesImage(wanted.series, byVersion, input.defaultImage, defaultSeries) : rangeImage(wanted.clauses, byVersion, input.defaultImage, defaultSeries);
  if (chosen) {
    const shown = chosen.image === input.defaultImage ? asDefault : chosen.image;
    const how = 'series' in wanted ? `from ${wanted.from}` : `allowed by ${wanted.from}`;
    return { image: chosen.image, source: wanted.source, projectStated: true, series: chosen.series, reason: `Python ${chosen.series} ${how} -> ${shown}`, ...(note ? { warning: note } : {}) };
  }
  const configured = Object.keys(byVersion).sort(bySeries).join(', ') || 'none';
  const known = defaultSeries ? `; the default image is Python ${seriesText(defaultSeries)}` : '';
  const asked = 'series' in wanted ? `Python ${seriesText(wanted.series)} (${wanted.from})` : `${wanted.from}, which allows none of them`;
  const warning = `The project asks for ${asked}, but no image is configured for it (${input.names.table} has ${configured}${known}); using the default image ${input.defaultImage}.`;
  return {
    image: input.defaultImage,
    source: 'default',
    projectStated: true,
    ...('series' in wanted ? { series: seriesText(wanted.series) } : {}),
    reason: `${describe(wanted)}: no image configured for it -> ${asDefault}`,
    warning: note ? `${warning} ${note}` : warning,
  };
}

/** The series an image's name says it carries: python:3.11-slim, docker.io/library/python:3.12, localhost/self-heal-python:3.9. */
export function imageSeries(image: string): PythonSeries | undefined {
  const match = /(?:^|\/)[\w.-]*python[\w.-]*:(\d+)\.(\d+)(?![\d])/i.exec(image);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** The first statement that can be read, in the order of precedence; statements that cannot be read are noted. */
function wantedPython(stated: StatedPython, unreadable: string[]): Wanted | undefined {
  if (stated.pythonVersionFile !== undefined) {
    const { series, line } = pythonVersionFileSeries(stated.pythonVersionFile);
    if (series) return { series, from: '.python-version', source: '.python-version' };
    unreadable.push(line === undefined ? '.python-version is empty, so it was not used.' : `.python-version says "${line}", which names no Python release an image can carry, so it was not used.`);
  }
  if (stated.requiresPython !== undefined) {
    const clauses = parseRequiresPython(stated.requiresPython);
    if (clauses) return { clauses, from: `requires-python "${stated.requiresPython}" in pyproject.toml`, source: 'requires-python' };
    unreadable.push(`requires-python "${stated.requiresPython}" in pyproject.toml could not be read, so it was not used.`);
  }
  const interpreter = stated.interpreter && parseSeries(stated.interpreter.version);
  if (interpreter) return { series: interpreter, from: `the interpreter selected in the Python extension (${stated.interpreter!.path})`, source: 'interpreter' };
  return undefined;
}

function describe(wanted: Wanted): string {
  return 'series' in wanted ? `Python ${seriesText(wanted.series)} from ${wanted.from}` : wanted.from;
}

function seriesImage(series: PythonSeries, byVersion: Record<string, string>, defaultImage: string, defaultSeries: PythonSeries | undefined): { image: string; series: string } | undefined {
  const text = seriesText(series);
  if (byVersion[text] !== undefined) return { image: byVersion[text], series: text };
  if (defaultSeries && seriesText(defaultSeries) === text) return { image: defaultImage, series: text };
  return undefined;
}

/** The default image when the range allows it (a run changes nothing it need not), else the newest configured series allowed. */
function rangeImage(clauses: VersionClause[], byVersion: Record<string, string>, defaultImage: string, defaultSeries: PythonSeries | undefined): { image: string; series: string } | undefined {
  if (defaultSeries && seriesAllowed(clauses, defaultSeries)) return { image: defaultImage, series: seriesText(defaultSeries) };
  const newest = Object.keys(byVersion).sort(bySeries).reverse().find((key) => seriesAllowed(clauses, parseSeries(key)!));
  return newest === undefined ? undefined : { image: byVersion[newest], series: newest };
}

/** The defaults with the user's table laid over them; a series set to "" has no image. Keys are normalised ("3.09" is 3.9). */
function imageTable(user: Readonly<Record<string, string>>): Record<string, string> {
  const table: Record<string, string> = {};
  for (const [key, image] of Object.entries({ ...DEFAULT_IMAGES_BY_PYTHON_VERSION, ...user })) {
    const series = parseSeries(key);
    if (series) table[seriesText(series)] = image.trim();
  }
  return Object.fromEntries(Object.entries(table).filter(([, image]) => image !== ''));
}

function bySeries(a: string, b: string): number {
  const [x, y] = [parseSeries(a)!, parseSeries(b)!];
  return x.major - y.major || x.minor - y.minor;
}
