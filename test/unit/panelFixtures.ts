// Shared by the panel's unit tests: a real heal ledger (the heal loop over the machine's python3,
// rule fixes only) and an in-memory workspace state that stores JSON, as VS Code's does.
import { healFile } from '../../src/core/heal/healFile';
import type { FileHealRecord } from '../../src/core/heal/ledger';
import { DEFAULT_LIMITS } from '../../src/core/run/limits';
import { LocalRunner } from '../../src/local/localRunner';
import type { StateMemento } from '../../src/webview/panelStore';
import type { PanelFile } from '../../src/webview/protocol';

/** Needs two fixes: the missing import (the run gets further), then the misspelt print (healed). */
export const BROKEN_AREA = '"""Area of a circle."""\n\n\ndef area(r):\n    return math.pi * r ** 2\n\n\nprint(round(area(2), 2))\nprnt("done")\n';
export const WITH_IMPORT = '"""Area of a circle."""\nimport math\n\n\ndef area(r):\n    return math.pi * r ** 2\n\n\nprint(round(area(2), 2))\nprnt("done")\n';
export const HEALED_AREA = '"""Area of a circle."""\nimport math\n\n\ndef area(r):\n    return math.pi * r ** 2\n\n\nprint(round(area(2), 2))\nprint("done")\n';

let healed: Promise<FileHealRecord> | undefined;

/** Healed in two attempts: 1 = "Add 'import math'" (progress), 2 = prnt -> print (healed). */
export function healedAreaRecord(): Promise<FileHealRecord> {
  healed ??= healFile({ files: { 'main.py': BROKEN_AREA }, entry: 'main.py' }, { runner: new LocalRunner('python3'), limits: { ...DEFAULT_LIMITS, timeoutMs: 10_000 } });
  return healed;
}

/** The record as the panel keeps it, by default applied and changing the files its record changes. */
export function panelFileOf(record: FileHealRecord, extra: Partial<PanelFile> = {}): PanelFile {
  return { ...record, uri: `file:///ws/${record.entry}`, path: record.entry, state: 'applied', changed: Object.keys(record.changedFiles).sort(), ...extra };
}

export class MemoryMemento implements StateMemento {
  private readonly values = new Map<string, string>();
  updates = 0;

  get<T>(key: string): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  update(key: string, value: unknown): Promise<void> {
    this.updates++;
    this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }

  /** Size of what is stored under `key`, in characters of JSON. */
  sizeOf(key: string): number {
    return this.values.get(key)?.length ?? 0;
  }
}
