// Which provider a base URL is, which request shape a model gets first, how a refused parameter
// changes it, and when a heal's token budget is used up: the pure choices behind the model client.
import * as assert from 'assert';
import { clientBaseUrl, initialShape, requestBody, resolveApiKind, shapeWithout, ShapeMemory } from '../../src/llm/providerShape';
import { tokenBudgetStop } from '../../src/core/model/tokenBudget';

const CLASSIC = { tokenLimit: 'max_tokens', temperature: true } as const;
const REASONING = { tokenLimit: 'max_completion_tokens', temperature: false } as const;

describe('provider shapes', () => {
  it('tells the provider from the base URL when the kind is auto, and obeys an explicit kind', () => {
    const cases: Array<[string, Parameters<typeof resolveApiKind>[1], string]> = [
      ['https://api.openai.com/v1', undefined, 'openai'],
      ['https://api.openai.com/v1', 'auto', 'openai'],
      ['https://contoso.openai.azure.com', 'auto', 'azure'],
      ['https://contoso.cognitiveservices.azure.com', undefined, 'azure'],
      ['https://gateway.example/openai/deployments/fixer', undefined, 'azure'],
      ['http://localhost:11434/v1', undefined, 'compatible'],
      ['http://localhost:1234/v1', undefined, 'compatible'],
      ['http://127.0.0.1:8000/v1', undefined, 'compatible'],
      ['http://127.0.0.1:8080/v1', 'auto', 'compatible'],
      ['not a url', undefined, 'compatible'],
      ['http://127.0.0.1:8080', 'azure', 'azure'],
      ['https://contoso.openai.azure.com', 'compatible', 'compatible'],
    ];
    assert.deepStrictEqual(cases.map(([url, kind]) => resolveApiKind(url, kind)), cases.map(([, , expected]) => expected));
  });

  it('gives OpenAI and Azure reasoning models max_completion_tokens and no temperature, everyone else the classic shape', () => {
    const cases: Array<[Parameters<typeof initialShape>[0], string, typeof CLASSIC | typeof REASONING]> = [
      ['openai', 'o1', REASONING], ['openai', 'o3-mini', REASONING], ['openai', 'o4-mini-2025-04-16', REASONING],
      ['openai', 'gpt-5', REASONING], ['openai', 'gpt-5-mini', REASONING], ['azure', 'gpt-5-nano', REASONING], ['openai', 'openai/o3', REASONING],
      ['openai', 'gpt-4o-mini', CLASSIC], ['openai', 'gpt-4.1', CLASSIC], ['azure', 'prod-fixer', CLASSIC], ['openai', 'omni-custom', CLASSIC],
      // A local server serving a model of the same name speaks the classic shape.
      ['compatible', 'gpt-5', CLASSIC], ['compatible', 'qwen2.5-coder:7b', CLASSIC],
    ];
    for (const [kind, model, expected] of cases) assert.deepStrictEqual(initialShape(kind, model), expected, `${kind} ${model}`);
  });

  it('changes a shape once per refused parameter, and not for parameters it cannot leave out', () => {
    assert.deepStrictEqual(shapeWithout(CLASSIC, { param: 'max_tokens', code: 'unsupported_parameter' }), { tokenLimit: 'max_completion_tokens', temperature: true });
    assert.deepStrictEqual(shapeWithout(CLASSIC, { param: 'temperature', code: 'unsupported_value' }), { tokenLimit: 'max_tokens', temperature: false });
    assert.strictEqual(shapeWithout(REASONING, { param: 'max_tokens', code: 'unsupported_parameter' }), undefined);
    assert.strictEqual(shapeWithout(REASONING, { param: 'temperature', code: 'unsupported_value' }), undefined);
    assert.strictEqual(shapeWithout(CLASSIC, { param: 'messages', code: 'unsupported_value' }), undefined);
  });

  it('writes the body in the shape: the limit under its name, temperature only when sent', () => {
    const settings = { model: 'm', temperature: 0.2, maxTokens: 4096 };
    const messages = [{ role: 'user' as const, content: 'hi' }];
    assert.deepStrictEqual(requestBody(CLASSIC, settings, messages), { model: 'm', temperature: 0.2, max_tokens: 4096, messages });
    assert.deepStrictEqual(requestBody(REASONING, settings, messages, 16), { model: 'm', max_completion_tokens: 16, messages });
  });

  it("sends Azure requests to the deployment the model setting names, and keeps a URL that names one", () => {
    assert.strictEqual(clientBaseUrl('https://contoso.openai.azure.com', 'azure', 'fixer'), 'https://contoso.openai.azure.com/openai/deployments/fixer');
    assert.strictEqual(clientBaseUrl('https://contoso.openai.azure.com/openai', 'azure', 'my fixer'), 'https://contoso.openai.azure.com/openai/deployments/my%20fixer');
    assert.strictEqual(clientBaseUrl('https://contoso.openai.azure.com/openai/deployments/prod', 'azure', 'fixer'), 'https://contoso.openai.azure.com/openai/deployments/prod');
    assert.strictEqual(clientBaseUrl('http://localhost:11434/v1', 'compatible', 'llama3'), 'http://localhost:11434/v1');
  });

  it('remembers a shape per base URL and model, and guesses for the others', () => {
    const memory = new ShapeMemory();
    memory.remember('https://a.example/v1', 'prod', REASONING);
    assert.deepStrictEqual(memory.shapeFor('https://a.example/v1', 'prod', 'azure'), REASONING);
    assert.deepStrictEqual(memory.shapeFor('https://a.example/v1', 'other', 'azure'), CLASSIC);
    assert.deepStrictEqual(memory.shapeFor('https://b.example/v1', 'prod', 'azure'), CLASSIC);
  });

  it('stops a heal once its used tokens reach the budget, and never without a budget', () => {
    assert.deepStrictEqual(
      [tokenBudgetStop(100, 99), tokenBudgetStop(100, 100), tokenBudgetStop(100, 150), tokenBudgetStop(0, 10_000), tokenBudgetStop(undefined, 10_000)],
      [undefined, 'token budget of 100 reached (used 100)', 'token budget of 100 reached (used 150)', undefined, undefined],
    );
  });
});
