// The official SARIF 2.1.0 JSON schema as a validator. The schema ships in @microsoft/jest-sarif (a
// devDependency, see docs/ci.md); it is draft-04 (`id`, not `$id`), which ajv 8 reads only through
// ajv-draft-04, its own Ajv class for that draft (required by name: the class and its types are ajv's).
import * as fs from 'fs';
import type AjvCore from 'ajv';
import addFormats from 'ajv-formats';

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** Compiling the 136 kB schema takes a few seconds: once per process. */
let compiled: ReturnType<AjvCore['compile']> | undefined;

/** The schema's complaints about `log`; an empty list when it is valid SARIF 2.1.0. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (!compiled) {
    const Ajv = (require('ajv-draft-04') as { default: typeof AjvCore }).default;
    // unicodeRegExp off: one `pattern` of the published schema (a language tag) is not valid under
    // the `u` flag, and draft-04 patterns are ECMA 262 regular expressions without it.
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    compiled = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  }
  return compiled(log) ? [] : (compiled.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
