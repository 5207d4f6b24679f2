// What every UI test shares: numbered steps that print ✔/✗ as they go, screenshots under
// test-results/, and the closing "N passed, N failed" line (also added to SELF_HEAL_TEST_TALLY, which
// scripts/test.sh sums into its total).
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { REPO } from '../support/codeServer';

export const RESULTS = path.join(REPO, 'test-results');
const results = { passed: 0, failed: 0 };

/** Runs one step; a step that throws is counted as failed and the run goes on. */
export async function step(name: string, work: () => Promise<void>): Promise<boolean> {
  try {
    await work();
    results.passed++;
    console.log(`  ✔ ${name}`);
    return true;
  } catch (error) {
    results.failed++;
    const message = (error as Error).message;
    console.log(`  ✗ ${name}\n    ${message.split('\n').join('\n    ')}`);
    // The same line as the mocha suites' reporter (summaryReporter.js) writes, for the log's end.
    if (process.env.SELF_HEAL_TEST_FAILURES) fs.appendFileSync(process.env.SELF_HEAL_TEST_FAILURES, `${name}: ${message.split('\n')[0].slice(0, 300)}\n`);
    return false;
  }
}

/**
 * Steps that build on each other in one workbench: after the first failure the rest are counted as
 * failed without running, since they would only fail for the same reason and hide it.
 */
export function sequence(page: () => Page | undefined, shotPrefix: string): (name: string, work: () => Promise<void>) => Promise<void> {
  let broken = false;
  return async (name, work) => {
    if (broken) {
      await step(name, () => Promise.reject(new Error('not run: an earlier step failed')));
      return;
    }
    const passed = await step(name, () => work().catch(async (error) => {
      await page()?.screenshot({ path: shotPath(`${shotPrefix}-failure.png`) }).catch(() => undefined);
      throw error;
    }));
    if (!passed) broken = true;
  };
}

export function anyFailed(): boolean {
  return results.failed > 0;
}

/** The user settings every UI run starts with: the image CI built, when it names one. */
export function testImageSettings(): Record<string, unknown> {
  return process.env.SELF_HEAL_TEST_IMAGE ? { 'selfHeal.image': process.env.SELF_HEAL_TEST_IMAGE } : {};
}

/** A screenshot path under test-results/, its folder made on the way. */
export function shotPath(name: string): string {
  const file = path.join(RESULTS, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** README shows what the UI test saw: copies screenshots to docs/images/ (only after a clean run). */
export function updateDocImages(copies: Record<string, string>): void {
  if (!process.argv.includes('--update-docs') || anyFailed()) return;
  fs.mkdirSync(path.join(REPO, 'docs/images'), { recursive: true });
  for (const [shot, image] of Object.entries(copies)) fs.copyFileSync(path.join(RESULTS, shot), path.join(REPO, 'docs/images', image));
}

/** Prints the tally line, adds it to the suite's total, and returns the exit code. */
export function finish(): number {
  console.log(`${results.passed} passed, ${results.failed} failed`);
  if (process.env.SELF_HEAL_TEST_TALLY) fs.appendFileSync(process.env.SELF_HEAL_TEST_TALLY, `${results.passed} ${results.failed}\n`);
  return results.failed === 0 ? 0 : 1;
}

export function exitWith(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

export function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${what}:\n  expected ${JSON.stringify(expected)}\n  but saw  ${JSON.stringify(actual)}`);
}
