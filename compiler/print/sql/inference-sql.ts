import type { IrInferenceStep, IrPromptPart } from '../../ir/index.js';
import { STEP_ERROR_COLUMN, stepOutputRecord, type InferenceNode } from '../../passes/physical-plan.js';
import { printExpr } from './expr.js';
import { configDuration, ident, str } from './quote.js';
import { option, propertyValue, ROWTIME } from './source-ddl.js';
import { createView } from './templates.js';
import { sqlType } from './types.js';

/** Source columns (Kafka metadata) that identify a record, for steps with a dead-letter topic. */
export const PARTITION_COLUMN = '__partition';
export const OFFSET_COLUMN = '__offset';
const PROMPT_COLUMN = '__prompt';
const MODEL_INPUT = 'prompt';

/** The model's own output column; prefixed so it never clashes with a source field. */
function modelOutput(step: IrInferenceStep): { name: string; type: string } {
  return step.output.kind === 'embedding' ? { name: '__embedding', type: 'ARRAY<FLOAT>' } : { name: '__response', type: 'STRING' };
}

/** The endpoint as printed: a literal URL, or a gateway base (maybe `${env:…}`) plus `/steps/<step>/v1/…`. */
export function printedEndpoint(step: IrInferenceStep): string {
  return propertyValue(step.model.endpoint.base) + step.model.endpoint.path;
}

/** `{{user.name}}` → `` `user`.`name` ``. */
function fieldRef(path: readonly string[]): string {
  return path.map(ident).join('.');
}

/** The prompt template as one SQL string expression; NULL fields render as '' (as Handlebars does). */
export function printPrompt(parts: readonly IrPromptPart[]): string {
  const items = parts.map((p) => (p.kind === 'text' ? str(p.text) : `COALESCE(CAST(${fieldRef(p.path)} AS STRING), '')`));
  return items.length === 1 ? (items[0] as string) : `CONCAT(${items.join(', ')})`;
}

export function printModelDdl(node: InferenceNode): string {
  const step = node.step;
  const m = step.model;
  const out = modelOutput(step);
  const e = step.onError;
  const options = [
    option('provider', m.provider),
    option('endpoint', printedEndpoint(step)),
    option('model', m.name),
    option('api-key', propertyValue(m.apiKey)),
    ...(m.systemPrompt === null ? [] : [option('system-prompt', m.systemPrompt)]),
    ...(m.temperature === null ? [] : [option('temperature', String(m.temperature))]),
    ...(m.maxTokens === null ? [] : [option('max-tokens', String(m.maxTokens))]),
    ...(m.responseFormat === null ? [] : [option('response-format', m.responseFormat)]),
    ...(m.dimensions === null ? [] : [option('dimension', String(m.dimensions))]),
    option('error-handling-strategy', e.strategy),
    ...(e.strategy === 'retry' ? [option('retry-num', String(e.retries)), option('retry-fallback-strategy', e.fallback)] : []),
  ];
  return `CREATE TEMPORARY MODEL ${ident(node.model)}\n` +
    `INPUT (${ident(MODEL_INPUT)} STRING)\nOUTPUT (${ident(out.name)} ${out.type})\nWITH (\n${options.map((o) => `  ${o}`).join(',\n')}\n)`;
}

function tracksOffsets(step: IrInferenceStep): boolean {
  return step.onError.deadLetterTopic !== null;
}

/** `<step>__input`: the copied fields, event time (and record id), and the rendered prompt. */
export function printInputView(node: InferenceNode): string {
  const step = node.step;
  const columns = [
    ...step.fields.map((f) => ident(f.name)),
    ident(ROWTIME),
    ...(tracksOffsets(step) ? [ident(PARTITION_COLUMN), ident(OFFSET_COLUMN)] : []),
    `${printPrompt(step.prompt)} AS ${ident(PROMPT_COLUMN)}`,
  ];
  const where = step.where === undefined ? '' : `\nWHERE ${printColumnsExpr(step.where)}`;
  return createView({ view: ident(node.input), query: `SELECT\n  ${columns.join(',\n  ')}\nFROM ${ident(node.sourceTable)}${where}` });
}

/** A predicate whose fields are plain columns of the relation it filters. */
function printColumnsExpr(expr: Parameters<typeof printExpr>[0]): string {
  return printExpr(expr, { field: (_source, field) => ident(field), feature: (name) => ident(name) });
}

function outputExpressions(step: IrInferenceStep): string[] {
  const model = step.modelColumn === undefined ? [] : [`${str(step.model.name)} AS ${ident(step.modelColumn)}`];
  return [...answerExpressions(step), ...model];
}

function answerExpressions(step: IrInferenceStep): string[] {
  const raw = ident(modelOutput(step).name);
  switch (step.output.kind) {
    case 'text': case 'embedding': return [`${raw} AS ${ident(step.output.column)}`];
    case 'json':
      // JSON_VALUE … RETURNING DOUBLE fails the job (ClassCastException Integer → BigDecimal, Flink 2.2) when the
      // model writes 1 instead of 1.0, so values are read as text and converted; a malformed value becomes NULL.
      return step.output.fields.map((f) => {
        const text = `JSON_VALUE(${raw}, ${str(`$.${f.name}`)})`;
        const isString = f.type.kind === 'scalar' && f.type.name === 'string';
        return `${isString ? text : `TRY_CAST(${text} AS ${sqlType(f.type)})`} AS ${ident(f.name)}`;
      });
  }
}

/** `<step>`: ML_PREDICT over the input view, the answer parsed into typed columns. */
export function printStepView(node: InferenceNode): string {
  const step = node.step;
  const columns = [
    ...step.fields.map((f) => ident(f.name)),
    ...outputExpressions(step),
    ident(ROWTIME),
    ...(tracksOffsets(step) ? [ident(PARTITION_COLUMN), ident(OFFSET_COLUMN)] : []),
  ];
  const config = ['async', 'true', 'max-concurrent-operations', String(step.concurrency), 'timeout', configDuration(step.timeoutMs)].map(str).join(', ');
  const from = `ML_PREDICT(TABLE ${ident(node.input)}, MODEL ${ident(node.model)}, DESCRIPTOR(${ident(PROMPT_COLUMN)}), MAP[${config}])`;
  return createView({ view: ident(node.view), query: `SELECT\n  ${columns.join(',\n  ')}\nFROM ${from}` });
}

/**
 * INSERTs of a step. Flink drops a row whose call failed (strategy `ignore`); the dead-letter
 * INSERT finds those rows with an event-time anti-join on the Kafka record id: once the
 * predictions' watermark passes a row's event time, a row without a prediction has none.
 */
export function printStepInserts(node: InferenceNode): string[] {
  const step = node.step;
  const record = stepOutputRecord(step).map((f) => ident(f.name)).join(', ');
  const inserts = node.outputs.map((sink) => `INSERT INTO ${ident(sink.table)}\nSELECT ${record}\nFROM ${ident(node.view)}` +
    (sink.role === 'step-output' && sink.output.kind === 'kafka' && sink.output.where !== undefined ? `\nWHERE ${printColumnsExpr(sink.output.where)}` : ''));
  if (node.deadLetter !== null) {
    const [i, o] = [ident('i'), ident('o')];
    const col = (alias: string, name: string): string => `${alias}.${ident(name)}`;
    const reason = `model call failed (${step.onError.strategy === 'retry' ? `after ${step.onError.retries} retries` : 'no retries'})`;
    inserts.push(`INSERT INTO ${ident(node.deadLetter.table)}\n` +
      `SELECT ${[...step.fields.map((f) => col(i, f.name)), `${str(reason)} AS ${ident(STEP_ERROR_COLUMN)}`].join(', ')}\n` +
      `FROM ${ident(node.input)} AS ${i}\nLEFT JOIN ${ident(node.view)} AS ${o}\n` +
      `  ON ${col(i, PARTITION_COLUMN)} = ${col(o, PARTITION_COLUMN)} AND ${col(i, OFFSET_COLUMN)} = ${col(o, OFFSET_COLUMN)}\n` +
      `  AND ${col(o, ROWTIME)} BETWEEN ${col(i, ROWTIME)} AND ${col(i, ROWTIME)}\n` +
      `WHERE ${col(o, OFFSET_COLUMN)} IS NULL`);
  }
  return inserts;
}
