// Everything the extension loads on first use rather than at activation: the engine client
// (dockerode), environment images, and the model client (openai). Bundled as dist/edge.js.
export { DockerSandbox } from './sandbox/dockerSandbox';
export { EnvironmentBuilder } from './sandbox/environment/environmentBuilder';
export { OpenAIFixer } from './llm/openaiFixer';
