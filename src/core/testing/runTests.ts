// The one workflow for a project's tests: choose the framework from the project's files, build the
// image of its requirements and test requirements when the caller gives an environment, send the
// project with a generated driver as an ordinary sandbox run, and read the per-test results the
// driver reported over the launcher's channel. The editor, the CLI and later tools call this.
import type { RunLimits, Runner } from '../run/runTypes';
import { TEST_DRIVER, testDriverSource } from './testDriver';
import * as path from 'path';
import { chooseTestFramework, pytestRunsDoctests } from './testFramework';
import { declaresPytest, testImageFor, type TestEnvironment } from './testEnvironment';
import type { TestProject } from './testProject';
import { testReportFrom, totalsOf } from './testReport';
import type { TestFramework, TestRunReport } from './testTypes';

export interface TestRunOptions {
  runner: Runner;
  limits: RunLimits;
  /** The image to run in; the test image (with pytest) is the caller's choice. */
  image?: string;
  /**
   * Builds the image of the project's requirements and test requirements on the runner's base image
   * (the same vetting and index settings as a program's environment); absent: nothing is installed.
   */
  environment?: TestEnvironment;
  /** pytest's -k expression (for unittest: a part of the test's id). */
  keyword?: string;
  /**
   * Folders or files (project-relative, '' for the whole project) whose modules' doctests run as
   * tests: by pytest's --doctest-modules under pytest, by the standard library's doctest under
   * unittest. A path that leaves the project is ignored.
   */
  doctests?: readonly string[];
  /** Chosen from the project's files when absent (testFramework.ts). */
  framework?: TestFramework;
  /** Variables added to the tests' environment. */
  env?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** The tests' own output as it arrives (not the results, which travel apart). */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Uint8Array) => void;
}

export async function runTests(project: TestProject, options: TestRunOptions): Promise<TestRunReport> {
  const framework = options.framework ?? chooseTestFramework(project.files);
  const chosen = await testImageFor(project.files, options.image, options.environment, options.signal);
  if ('problem' in chosen) return { framework, tests: [], totals: totalsOf([]), durationMs: 0, problem: chosen.problem };
  const driver = testDriverSource({
    framework, paths: project.paths, keyword: options.keyword,
    doctests: inProject(options.doctests ?? []), doctestsEverywhere: pytestRunsDoctests(project.files),
  });
  const result = await options.runner.run({
    files: { ...project.files, [TEST_DRIVER]: driver },
    entry: TEST_DRIVER,
    image: chosen.image,
    limits: options.limits,
    // A test's output past the cap is dropped rather than ending the run: results travel apart.
    outputOverflow: 'discard',
    env: options.env,
    signal: options.signal,
    onOutput: options.onOutput,
  });
  return testReportFrom(result, { framework, files: project.files, limits: options.limits, keyword: options.keyword,
    // pytest declared but not installed (a caller without an environment) is told apart from pytest declared nowhere.
    pytestDeclaredNotInstalled: !chosen.installed && declaresPytest(chosen.requirements),
  });
}

/** Project-relative POSIX paths, without those that leave the project ('' stands for all of it). */
function inProject(paths: readonly string[]): string[] {
  const normalized = paths.map((given) => path.posix.normalize(given.replace(/\\/g, '/')).replace(/\/+$/, ''));
  return [...new Set(normalized.map((given) => (given === '.' ? '' : given)).filter((given) => !given.startsWith('..') && !path.posix.isAbsolute(given)))];
}
