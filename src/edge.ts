// Everything the extension loads on first use rather than at activation: the engine client
// (dockerode) with environment images, and the model client (openai). Bundled as dist/edge.js.
export { sandboxWithEnvironments } from './sandbox/environment/sandboxWithEnvironments';
export { OpenAIFixer } from './llm/openaiFixer';
