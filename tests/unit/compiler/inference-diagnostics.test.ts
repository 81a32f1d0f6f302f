import { z } from 'zod';
import { compilePromptTemplate } from '../../../compiler/lower/prompt-template.js';
import { DiagnosticBag } from '../../../compiler/diagnostics/index.js';
import { printPrompt } from '../../../compiler/print/sql/inference-sql.js';
import { compileJob, tryCompileJob, type Diagnostic } from '../../../compiler/index.js';
import {
  deadLetter, env, gateway, inference, job, kafka, retry, seconds, source, stepSource, type AnyInferenceStep, type ErrorPolicy,
} from '../../../dsl/index.js';
import type { IrField } from '../../../compiler/ir/index.js';

const messages = source({
  name: 'messages', topic: 'chat.messages', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), text: z.string(), meta: z.object({ lang: z.string(), tags: z.array(z.string()) }), ts: z.number().int() }),
});

function step(over: Record<string, unknown> = {}, model: Record<string, unknown> = {}): AnyInferenceStep {
  const base = inference({
    name: 'moderation', source: messages, fields: ['userId'], prompt: '{{userId}}: {{text}}',
    model: { endpoint: gateway('http://127.0.0.1:8090'), name: 'm', apiKey: env('OPENAI_API_KEY') },
    output: z.object({ toxic: z.boolean(), score: z.number() }), outputs: [kafka({ topic: 'verdicts' })],
  });
  return { ...base, ...over, model: { ...base.model, ...model } } as AnyInferenceStep;
}

function diagnose(...steps: AnyInferenceStep[]): Diagnostic[] {
  const { job: compiled, diagnostics } = tryCompileJob(job({ name: 'inf', views: [], steps }), 'jobs/inf.ts');
  if (compiled) expect(diagnostics).toEqual([]);
  return diagnostics;
}

function expectOne(diagnostics: Diagnostic[], code: string, path: string, message: string | RegExp): void {
  const found = diagnostics.find((d) => d.code === code);
  expect({ code: found?.code, path: found?.path, all: diagnostics.map((d) => d.code) }).toEqual({ code, path, all: expect.arrayContaining([code]) });
  expect(found?.message).toMatch(message);
  expect(found?.file).toBe('jobs/inf.ts');
  expect(found?.hint.length).toBeGreaterThan(0);
}

const fields: IrField[] = [
  { name: 'text', type: { kind: 'scalar', name: 'string' } },
  { name: 'n', type: { kind: 'scalar', name: 'bigint' } },
  { name: 'user', type: { kind: 'row', fields: [{ name: 'name', type: { kind: 'scalar', name: 'string' } }] } },
];

function template(t: string): { sql: string | null; codes: string[]; messages: string[] } {
  const bag = new DiagnosticBag(null);
  const parts = compilePromptTemplate(t, fields, 'src', bag, 'step.prompt');
  return { sql: parts && printPrompt(parts), codes: bag.items.map((d) => d.code), messages: bag.items.map((d) => d.message) };
}

describe('prompt templates → SQL string expressions', () => {
  test.each([
    ['Say {{text}}', "CONCAT('Say ', COALESCE(CAST(`text` AS STRING), ''))"],
    ['{{text}}', "COALESCE(CAST(`text` AS STRING), '')"],
    ["it's {{{text}}}!", "CONCAT('it''s ', COALESCE(CAST(`text` AS STRING), ''), '!')"],
    ['{{! note }}Hi {{user.name}} #{{n}}', "CONCAT('Hi ', COALESCE(CAST(`user`.`name` AS STRING), ''), ' #', COALESCE(CAST(`n` AS STRING), ''))"],
    ['a  {{~text~}}  b', "CONCAT('a', COALESCE(CAST(`text` AS STRING), ''), 'b')"],
    ['x`; DROP {{text}}', "CONCAT('x`; DROP ', COALESCE(CAST(`text` AS STRING), ''))"],
  ])('%j', (t, sql) => {
    expect(template(t)).toEqual({ sql, codes: [], messages: [] });
  });

  test.each([
    ['{{#if text}}x{{/if}}', 'FEATC_E2602', 'the block "{{#if}}"'],
    ['{{> footer}}', 'FEATC_E2602', 'the partial'],
    ['{{upper text}}', 'FEATC_E2602', 'the helper call "{{upper …}}"'],
    ['{{text key=1}}', 'FEATC_E2602', 'the helper call'],
    ['{{@index}}', 'FEATC_E2602', 'the data variable'],
    ['{{../text}}', 'FEATC_E2602', 'the parent reference'],
    ['{{this}}', 'FEATC_E2602', 'the context reference'],
    ['{{"lit"}}', 'FEATC_E2602', 'the literal'],
    ['{{user}}', 'FEATC_E2602', 'the row field'],
    ['{{missing}}', 'FEATC_E2603', '"missing", which is not a field of source "src"'],
    ['{{user.age}}', 'FEATC_E2603', '"user.age"'],
    ['{{text', 'FEATC_E2601', 'does not parse'],
    ['', 'FEATC_E2601', 'non-empty'],
    ['{{! only a comment }}', 'FEATC_E2601', 'empty string'],
  ])('rejects %j with %s', (t, code, message) => {
    const result = template(t);
    expect(result.sql).toBeNull();
    expect(result.codes).toEqual([code]);
    expect(result.messages[0]).toContain(message);
  });
});

describe('inference step diagnostics', () => {
  test('the fixture compiles cleanly', () => {
    expect(diagnose(step())).toEqual([]);
  });

  test.each<[string, () => Diagnostic[], string, string | RegExp]>([
    ['FEATC_E1101', () => diagnose(step({ name: 'bad-name' })), 'bad-name.name', 'step name must be an identifier'],
    ['FEATC_E2603', () => diagnose(step({ prompt: 'Hi {{nope}}' })), 'moderation.prompt', 'not a field of source "messages"'],
    ['FEATC_E2602', () => diagnose(step({ prompt: '{{#each meta.tags}}{{this}}{{/each}}' })), 'moderation.prompt', 'block'],
    ['FEATC_E2604', () => diagnose(step({ fields: ['userId', 'ghost'] })), 'moderation.fields', '"ghost" is not in source'],
    ['FEATC_E2605', () => diagnose(step({}, { endpoint: 'http://127.0.0.1:8090/v1/embeddings' })), 'moderation.model.endpoint', 'must end in /chat/completions'],
    ['FEATC_E2605', () => diagnose(step({}, { endpoint: 'not a url' })), 'moderation.model.endpoint', 'is not an http(s) URL'],
    ['FEATC_E2605', () => diagnose(step({}, { endpoint: gateway('http://h:1/x') })), 'moderation.model.endpoint.base', 'gateway base URL'],
    ['FEATC_E1205', () => diagnose(step({}, { endpoint: gateway(env('lower')) })), 'moderation.model.endpoint.base', 'must match'],
    ['FEATC_E2608', () => diagnose(step({}, { apiKey: 'sk-live-123' })), 'moderation.model.apiKey', 'a string literal'],
    ['FEATC_E2606', () => diagnose(step({ output: z.number() })), 'moderation.output', 'must be z.string()'],
    ['FEATC_E2606', () => diagnose(step({ output: z.object({ tags: z.array(z.string()) }) })), 'moderation.output.tags', 'an array'],
    ['FEATC_E2606', () => diagnose(step({ output: z.object({ 'bad name': z.string() }) })), 'moderation.output["bad name"]', 'identifier'],
    ['FEATC_E2606', () => diagnose(step({ fields: ['userId'], output: z.object({ userId: z.string() }) })), 'moderation.fields', 'both a copied field and an output column'],
    ['FEATC_E2607', () => diagnose(step({}, { temperature: 3 })), 'moderation.model.temperature', 'between 0 and 2, got 3'],
    ['FEATC_E2607', () => diagnose(step({}, { maxTokens: 0.5 })), 'moderation.model.maxTokens', 'positive whole number'],
    ['FEATC_E2607', () => diagnose(step({ concurrency: 0 })), 'moderation.concurrency', 'from 1 to 4096'],
    ['FEATC_E2607', () => diagnose(step({ onError: retry(11) })), 'moderation.onError.attempts', 'from 0 to 10'],
    ['FEATC_E2607', () => diagnose(step({ timeout: seconds(0) })), 'moderation.timeout', 'positive'],
    ['FEATC_E2610', () => diagnose(step({}, { dimensions: 64 })), 'moderation.model.dimensions', 'does not apply to a chat model'],
    ['FEATC_E2610', () => diagnose(step({ output: z.array(z.number()), systemPrompt: 'x' }, { endpoint: gateway('http://h:1') })), 'moderation.systemPrompt', 'embedding'],
    ['FEATC_E2611', () => diagnose(step({ onError: retry(2, retry(1)) })), 'moderation.onError.then', 'unknown error policy'],
    ['FEATC_E2611', () => diagnose(step({ onError: { kind: 'later' } as unknown as ErrorPolicy })), 'moderation.onError', 'unknown error policy'],
    ['FEATC_E1201', () => diagnose(step({ onError: deadLetter('bad topic!') })), 'moderation.onError.topic', 'topic must match'],
    ['FEATC_E2612', () => diagnose(step({ outputs: [] })), 'moderation.outputs', 'has no outputs'],
    ['FEATC_E2402', () => diagnose(step({ outputs: [kafka({ topic: 'chat.messages' })] })), 'moderation.outputs[0].topic', 'already used by source messages'],
    ['FEATC_E2402', () => diagnose(step({ onError: deadLetter('verdicts') })), 'moderation.onError.topic', 'already used'],
    ['FEATC_E2609', () => diagnose(step(), step()), 'moderation.name', 'also used by another step'],
    ['FEATC_E2613', () => diagnose(step({ source: { ...messages, idleTimeout: seconds(5) }, onError: deadLetter('dlq') })), 'moderation.onError', 'sets idleTimeout'],
  ])('%s at %s', (code, run, path, message) => {
    expectOne(run(), code, path, message);
  });

  test('secrets and the gateway base stay placeholders in the SQL', () => {
    const { job: compiled } = tryCompileJob(job({ name: 'inf', views: [], steps: [step({}, { endpoint: gateway(env('FEATC_INFERENCE_GATEWAY')) })] }));
    expect(compiled?.sql).toContain("'endpoint' = '${env:FEATC_INFERENCE_GATEWAY}/steps/moderation/v1/chat/completions'");
    expect(compiled?.sql).toContain("'api-key' = '${env:OPENAI_API_KEY}'");
  });
});

describe('a step that is not there or has no source', () => {
  // A rejected definition always says why: compileJob never throws without a diagnostic (FEATC_E1000, empty message).
  test.each([
    [undefined, 'undefined'],
    ['messages', '"messages"'],
    [null, 'null'],
  ])('source %j is FEATC_E1005 at moderation.source', (given, shown) => {
    const def = job({ name: 'inf', views: [], steps: [step({ source: given })] });
    const message = `a step source must be a source(...), got ${shown}`;
    expect(diagnose(step({ source: given })).map((d) => [d.code, d.path, d.message])).toEqual([['FEATC_E1005', 'moderation.source', message]]);
    expect(() => compileJob(def, { file: 'jobs/inf.ts' })).toThrow(expect.objectContaining({
      code: 'FEATC_E1005', where: 'jobs/inf.ts › moderation.source', message: `error FEATC_E1005 ${message}\n  at jobs/inf.ts › moderation.source\n  hint: build definitions with the featc DSL; an undefined entry usually comes from a circular import`,
    }));
  });

  test('an undefined entry in steps (a circular import) is FEATC_E1005 at inf.steps, not a crash', () => {
    const def = job({ name: 'inf', views: [], steps: [undefined as unknown as AnyInferenceStep, step()] });
    expect(tryCompileJob(def, 'jobs/inf.ts').diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      ['FEATC_E1005', 'inf.steps', 'a step must be an inference(...), got undefined'],
    ]);
  });
});

describe('a stepSource reads one of its step\'s outputs', () => {
  test('FEATC_E2614: a topic the step does not write, with the topics it does', () => {
    const moderation = step({ fields: ['userId', 'ts'] });
    const verdicts = stepSource(moderation, { name: 'verdicts', topic: 'other-verdicts', eventTime: 'ts', watermarkDelay: seconds(2) });
    const followUp = inference({
      name: 'followUp', source: verdicts, fields: ['userId'], prompt: '{{userId}}',
      model: { endpoint: gateway('http://127.0.0.1:8090'), name: 'm', apiKey: env('OPENAI_API_KEY') },
      output: z.string(), outputs: [kafka({ topic: 'follow-ups' })],
    });
    expect(diagnose(moderation, followUp).map((d) => [d.code, d.path, d.message])).toEqual([
      ['FEATC_E2614', 'verdicts.topic', 'source "verdicts" reads step "moderation", but topic "other-verdicts" is not one of its outputs (verdicts)'],
    ]);
    expect(diagnose(moderation, { ...followUp, source: stepSource(moderation, { name: 'verdicts', eventTime: 'ts', watermarkDelay: seconds(2) }) })).toEqual([]);
  });
});
