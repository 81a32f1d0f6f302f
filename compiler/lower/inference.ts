import type { AnyInferenceStep, ErrorPolicy, GatewayEndpoint, ModelOptions, SecretRef } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import {
  IrInferenceStepNode, IrOutputNode, answerColumns,
  type IrEndpoint, type IrExpr, type IrErrorPolicy, type IrField, type IrInferenceStep, type IrOutput, type IrPropertyValue, type IrSource, type IrStepOutput,
} from '../ir/index.js';
import { lowerDuration } from './duration.js';
import { checkIdentifier, checkNoPlaceholder, checkObject, checkTopic } from './names.js';
import { lowerPredicate } from './predicate.js';
import { compilePromptTemplate } from './prompt-template.js';
import { isZod4Schema, lowerZodType } from './schema.js';

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
const DEFAULT_TIMEOUT_MS = 60_000;
type ZodLike = Parameters<typeof lowerZodType>[0];

function isSecret(value: unknown): value is SecretRef {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'secret';
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The model's answer: `z.string()`, `z.array(z.number())` or a `z.object` of scalars. */
function lowerOutput(schema: unknown, bag: DiagnosticBag, path: string): IrStepOutput | null {
  if (!isZod4Schema(schema, bag, path)) return null;
  const def = (schema as { def?: { type?: string; element?: ZodLike; shape?: Record<string, ZodLike> } } | undefined)?.def;
  if (def?.type === 'string') return { kind: 'text', column: 'response' };
  if (def?.type === 'array' && def.element?.def.type === 'number') return { kind: 'embedding', column: 'embedding' };
  if (def?.type !== 'object' || !def.shape) {
    bag.report('FEATC_E2606', path, `must be z.string(), z.array(z.number()) or z.object({...}), got ${def?.type ?? show(schema)}`);
    return null;
  }
  const fields: IrField[] = [];
  let ok = true;
  for (const [name, field] of Object.entries(def.shape)) {
    const type = lowerZodType(field, bag, at(path, name));
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || name.startsWith('__')) {
      bag.report('FEATC_E2606', at(path, name), `field ${show(name)} must be an identifier not starting with __ (it names a column and a JSON path)`);
      ok = false;
    } else if (type && type.kind !== 'scalar') {
      bag.report('FEATC_E2606', at(path, name), `field ${show(name)} is ${type.kind === 'row' ? 'an object' : 'an array'}; JSON_VALUE returns scalars only`);
      ok = false;
    } else if (type) fields.push({ name, type });
    else ok = false;
  }
  if (ok && fields.length === 0) {
    bag.report('FEATC_E2606', path, 'object has no fields');
    return null;
  }
  return ok ? { kind: 'json', fields } : null;
}

function lowerEndpoint(endpoint: ModelOptions['endpoint'], step: string, task: 'chat' | 'embedding', bag: DiagnosticBag, path: string): IrEndpoint | null {
  const suffix = task === 'chat' ? '/chat/completions' : '/embeddings';
  if (typeof endpoint === 'object' && endpoint !== null && (endpoint as GatewayEndpoint).kind === 'gateway') {
    const base = (endpoint as GatewayEndpoint).base;
    const stepPath = `/steps/${step}/v1${suffix}`;
    if (isSecret(base)) {
      if (ENV_NAME.test(base.env)) return { base: { kind: 'env', name: base.env }, path: stepPath };
      bag.report('FEATC_E1205', at(path, 'base'), base.env);
      return null;
    }
    if (typeof base === 'string' && /^https?:\/\/[^/\s']+\/?$/.test(base)) return { base: { kind: 'text', value: base.replace(/\/$/, '') }, path: stepPath };
    bag.report('FEATC_E2605', at(path, 'base'), show(base), 'is not a gateway base URL like http://127.0.0.1:8090');
    return null;
  }
  let url: URL | null = null;
  try { url = typeof endpoint === 'string' ? new URL(endpoint) : null; } catch { url = null; }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || /[\s']/.test(String(endpoint))) {
    bag.report('FEATC_E2605', path, show(endpoint), 'is not an http(s) URL');
    return null;
  }
  if (!url.pathname.replace(/\/+$/, '').endsWith(suffix)) {
    bag.report('FEATC_E2605', path, String(endpoint), `must end in ${suffix} for ${task === 'chat' ? 'a text or JSON' : 'an embedding'} output`);
    return null;
  }
  return { base: { kind: 'text', value: String(endpoint) }, path: '' };
}

function lowerErrorPolicy(policy: ErrorPolicy | undefined, bag: DiagnosticBag, path: string): IrErrorPolicy | null {
  const terminal = (p: ErrorPolicy | undefined, where: string): Pick<IrErrorPolicy, 'fallback' | 'deadLetterTopic'> | null => {
    switch (p?.kind) {
      case 'fail': return { fallback: 'failover', deadLetterTopic: null };
      case 'skip': return { fallback: 'ignore', deadLetterTopic: null };
      case 'dead-letter': return checkTopic(p.topic, bag, at(where, 'topic')) ? { fallback: 'ignore', deadLetterTopic: p.topic } : null;
      default: bag.report('FEATC_E2611', where, show(p)); return null;
    }
  };
  if (policy?.kind === 'retry') {
    if (!Number.isInteger(policy.attempts) || policy.attempts < 0 || policy.attempts > 10) {
      bag.report('FEATC_E2607', at(path, 'attempts'), 'retry attempts', show(policy.attempts), 'must be a whole number from 0 to 10');
      return null;
    }
    const then = terminal(policy.then, at(path, 'then'));
    return then && { strategy: 'retry', retries: policy.attempts, ...then };
  }
  const then = terminal(policy, path);
  return then && { strategy: then.fallback, retries: 0, ...then };
}

function numberOption(value: unknown, bag: DiagnosticBag, path: string, option: string, ok: (n: number) => boolean, rule: string): number | null | false {
  if (value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value) && ok(value)) return value;
  bag.report('FEATC_E2607', path, option, show(value), rule);
  return false;
}

/** Lowers one inference step against the job's lowered sources; null after reporting. */
export function lowerInferenceStep(def: AnyInferenceStep, sources: ReadonlyMap<string, IrSource>, bag: DiagnosticBag): IrInferenceStep | null {
  const base = typeof def.name === 'string' && def.name !== '' ? def.name : 'step';
  let ok = checkIdentifier(def.name, bag, at(base, 'name'), 'step');
  if (!checkObject(def.source, bag, at(base, 'source'), 'a step source', 'a source(...)')) return null;
  const source = sources.get(def.source.name);
  if (!source) return null; // reported while lowering the source
  const fields: IrField[] = [];
  for (const name of def.fields ?? []) {
    const field = source.fields.find((f) => f.name === name);
    if (field) fields.push(field);
    else { bag.report('FEATC_E2604', at(base, 'fields'), String(name), source.name); ok = false; }
  }
  const prompt = compilePromptTemplate(def.prompt, source.fields, source.name, bag, at(base, 'prompt'));
  const output = lowerOutput(def.output, bag, at(base, 'output'));
  const task = output?.kind === 'embedding' ? 'embedding' : 'chat';
  const model = def.model ?? ({} as ModelOptions);
  const mpath = at(base, 'model');
  const endpoint = lowerEndpoint(model.endpoint, base, task, bag, at(mpath, 'endpoint'));
  let apiKey: IrPropertyValue | null = null;
  if (!isSecret(model.apiKey)) bag.report('FEATC_E2608', at(mpath, 'apiKey'), typeof model.apiKey === 'string' ? 'a string literal' : show(model.apiKey));
  else if (!ENV_NAME.test(model.apiKey.env)) bag.report('FEATC_E1205', at(mpath, 'apiKey'), model.apiKey.env);
  else apiKey = { kind: 'env', name: model.apiKey.env };
  if (typeof model.name !== 'string' || model.name === '') { bag.report('FEATC_E2607', at(mpath, 'name'), 'model name', show(model.name), 'must be a non-empty string'); ok = false; }
  // The prompt and the model name are printed as SQL strings: a placeholder in them would be resolved (to a secret) at deploy.
  for (const [text, path, what] of [[def.prompt, at(base, 'prompt'), 'prompt'], [def.systemPrompt, at(base, 'systemPrompt'), 'systemPrompt'], [model.name, at(mpath, 'name'), 'model name']] as const) {
    if (typeof text === 'string' && !checkNoPlaceholder(text, bag, path, what)) ok = false;
  }
  const temperature = numberOption(model.temperature, bag, at(mpath, 'temperature'), 'temperature', (n) => n >= 0 && n <= 2, 'must be between 0 and 2');
  const maxTokens = numberOption(model.maxTokens, bag, at(mpath, 'maxTokens'), 'maxTokens', (n) => Number.isInteger(n) && n >= 1, 'must be a positive whole number');
  const dimensions = numberOption(model.dimensions, bag, at(mpath, 'dimensions'), 'dimensions', (n) => Number.isInteger(n) && n >= 1 && n <= 65536, 'must be a whole number from 1 to 65536');
  const concurrency = numberOption(def.concurrency, bag, at(base, 'concurrency'), 'concurrency', (n) => Number.isInteger(n) && n >= 1 && n <= 4096, 'must be a whole number from 1 to 4096');
  const inapplicable = task === 'embedding'
    ? (['systemPrompt', 'temperature', 'maxTokens'] as const).filter((k) => (k === 'systemPrompt' ? def.systemPrompt : model[k]) !== undefined)
    : (model.dimensions === undefined ? [] : ['dimensions' as const]);
  for (const option of inapplicable) bag.report('FEATC_E2610', option === 'systemPrompt' ? at(base, option) : at(mpath, option), option, task);
  const timeoutMs = def.timeout === undefined ? DEFAULT_TIMEOUT_MS : lowerDuration(def.timeout, bag, at(base, 'timeout'), 'timeout');
  if (timeoutMs === 0) bag.report('FEATC_E2607', at(base, 'timeout'), 'timeout', '0s', 'must be positive');
  const onError = lowerErrorPolicy(def.onError, bag, at(base, 'onError'));
  if (onError?.deadLetterTopic && source.idleTimeoutMs !== null) {
    bag.report('FEATC_E2613', at(base, 'onError'), base, source.name);
    ok = false;
  }
  let where: IrExpr | undefined;
  if (def.where !== undefined) {
    const lowered = lowerPredicate(def.where, source.name, source.fields, bag, at(base, 'where'));
    if (lowered) where = lowered;
    else ok = false;
  }
  const columns = output ? answerColumns(output) : [];
  const modelColumn = def.modelColumn;
  if (modelColumn !== undefined) {
    if (typeof modelColumn !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(modelColumn) || modelColumn.startsWith('__')) {
      bag.report('FEATC_E2606', at(base, 'modelColumn'), `model column ${show(modelColumn)} must be an identifier not starting with __`);
      ok = false;
    } else columns.push({ name: modelColumn, type: { kind: 'scalar', name: 'string' } });
  }
  for (const clash of fields.filter((f) => columns.some((c) => c.name === f.name))) {
    bag.report('FEATC_E2606', at(base, 'fields'), `column ${show(clash.name)} is both a copied field and an output column`);
    ok = false;
  }
  const record = [...fields, ...columns];
  const outputs: IrOutput[] = [];
  (def.outputs ?? []).forEach((out, index) => {
    const opath = `${at(base, 'outputs')}[${index}]`;
    if (out?.kind !== 'kafka') { bag.report('FEATC_E2405', opath, show(out)); return; }
    if (!checkTopic(out.topic, bag, at(opath, 'topic'))) return;
    if (out.where === undefined) { outputs.push(IrOutputNode.kafka(out.topic)); return; }
    const filter = output ? lowerPredicate(out.where, `${base} (output record)`, record, bag, at(opath, 'where')) : null;
    if (filter) outputs.push(IrOutputNode.kafka(out.topic, filter));
  });
  if ((def.outputs ?? []).length === 0) bag.report('FEATC_E2612', at(base, 'outputs'), base);
  if (!ok || !prompt || !output || !endpoint || !apiKey || temperature === false || maxTokens === false || dimensions === false
    || concurrency === false || inapplicable.length > 0 || timeoutMs === null || timeoutMs === 0 || !onError
    || outputs.length !== (def.outputs ?? []).length || outputs.length === 0) return null;
  return IrInferenceStepNode.create({
    name: def.name,
    source: source.name,
    fields,
    prompt,
    model: {
      provider: 'openai', task, endpoint, name: model.name, apiKey,
      systemPrompt: task === 'chat' ? def.systemPrompt ?? null : null,
      temperature, maxTokens, dimensions,
      responseFormat: output.kind === 'json' ? 'json_object' : output.kind === 'text' ? 'text' : null,
    },
    output,
    onError,
    concurrency: concurrency ?? 16,
    timeoutMs,
    outputs,
    ...(where === undefined ? {} : { where }),
    ...(modelColumn === undefined ? {} : { modelColumn }),
  });
}
