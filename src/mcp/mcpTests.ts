// run_tests: the project's tests in the sandbox, as `self-heal test` runs them (the same project,
// image choice and core runTests), confined to the workspace, with nothing installed: an agent's
// call gets no install it was not given (the server's image must hold the test requirements).
import { createRunner } from '../cli/commandSetup';
import { testProjectAndImage } from '../cli/testSetup';
import { reportedTestRun } from '../core/testing/reportedTests';
import { runTests } from '../core/testing/runTests';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toolIo, type CallContext, type ServerContext } from './mcpTools';
import { toolResult } from './toolResults';
import { confinePaths } from './workspaceRoots';

export interface RunTestsArgs {
  paths?: string[];
  keyword?: string;
}

export async function runProjectTests(input: RunTestsArgs, server: ServerContext, call: CallContext): Promise<CallToolResult> {
  const roots = await server.roots();
  const { root, relative } = input.paths && input.paths.length > 0 ? await confinePaths(input.paths, roots) : { root: roots[0], relative: [] };
  const { project, image } = await testProjectAndImage(root, relative, server.options);
  const { runner } = createRunner({ ...server.options, image, parallel: 1 }, toolIo(root, server, call.signal), 1, false);
  server.log(`run_tests: ${relative.length > 0 ? relative.join(', ') : 'every test'} in ${image ?? server.options.image}`);
  call.progress('running the tests');
  try {
    const report = await runTests(project, { runner, limits: server.options.limits, image, keyword: input.keyword, signal: call.signal });
    return toolResult(reportedTestRun(report), server.secrets);
  } finally {
    await runner.dispose();
  }
}
