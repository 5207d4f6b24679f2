// The MCP server: four tools over Self-Heal's workflows, their arguments checked by schema (a bad
// call is a tool error, never a crash), progress sent when the client asks for it, and each call
// cancelled by the client's notification or the server's shutdown. Built on the SDK's low-level
// Server: the tool table and checks are ours (toolCatalog.ts), which keeps type-checking fast.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type ServerNotification, type ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { heal, parseTraceback, runPython, type CallContext, type ServerContext } from './mcpTools';
import { runProjectTests } from './mcpTests';
import { checkArguments, HEAL_INPUT, PARSE_INPUT, RUN_INPUT, TESTS_INPUT, TOOLS } from './toolCatalog';
import { toolError } from './toolResults';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Calls still running, so a shutdown can wait until their containers are gone. */
export type InFlight = Set<Promise<unknown>>;

export function createSelfHealServer(context: ServerContext, lifetime: AbortSignal, inFlight: InFlight, version: string): Server {
  const server = new Server({ name: 'self-heal', version }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const call: CallContext = { signal: AbortSignal.any([extra.signal, lifetime]), progress: progressSender(extra) };
    const running = callTool(request.params.name, request.params.arguments, context, call).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      context.log(`${request.params.name}: ${message}`);
      return toolError(message, context.secrets);
    });
    inFlight.add(running);
    try {
      return await running;
    } finally {
      inFlight.delete(running);
    }
  });
  return server;
}

async function callTool(name: string, args: unknown, context: ServerContext, call: CallContext): Promise<CallToolResult> {
  const invalid = (problems: string): CallToolResult => toolError(`Invalid arguments for ${name}: ${problems}`, context.secrets);
  if (name === 'run_python') {
    const checked = checkArguments(RUN_INPUT, args);
    return checked.ok ? runPython(checked.value, context, call) : invalid(checked.problems);
  }
  if (name === 'heal') {
    const checked = checkArguments(HEAL_INPUT, args);
    return checked.ok ? heal(checked.value, context, call) : invalid(checked.problems);
  }
  if (name === 'run_tests') {
    const checked = checkArguments(TESTS_INPUT, args);
    return checked.ok ? runProjectTests(checked.value, context, call) : invalid(checked.problems);
  }
  if (name === 'parse_traceback') {
    const checked = checkArguments(PARSE_INPUT, args);
    return checked.ok ? parseTraceback(checked.value, context) : invalid(checked.problems);
  }
  return toolError(`Unknown tool ${name}: the tools are ${TOOLS.map((tool) => tool.name).join(', ')}`, context.secrets);
}

/** Progress notifications for a call whose request carried a progressToken; nothing otherwise. */
function progressSender(extra: Extra): (message: string) => void {
  const token = extra._meta?.progressToken;
  if (token === undefined) return () => undefined;
  let progress = 0;
  return (message) => {
    if (extra.signal.aborted) return;
    extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: ++progress, message } }).catch(() => undefined);
  };
}
