import type { z } from 'zod';
import type { Duration } from './duration.js';
import type { KafkaOutputDef } from './outputs.js';
import { buildPredicate, type PredicateNode, type WhereFn } from './predicate.js';
import type { SecretRef } from './secret.js';
import type { AnySource, EventOf } from './source.js';

/** Where a step's model lives: the featc inference gateway (recommended) or any OpenAI-compatible URL. */
export interface GatewayEndpoint {
  readonly kind: 'gateway';
  /** Base URL of the gateway (`http://127.0.0.1:8090`), or `env('NAME')` to read it at deploy time. */
  readonly base: string | SecretRef;
}

/**
 * The featc inference gateway at `base`; the compiler appends `/steps/<step>/v1/chat/completions`
 * (or `/v1/embeddings`), so the gateway knows the step for budgets and metrics.
 * @example `endpoint: gateway(env('FEATC_INFERENCE_GATEWAY'))` prints
 * `'endpoint' = '${env:FEATC_INFERENCE_GATEWAY}/steps/moderation/v1/chat/completions'`.
 */
export function gateway(base: string | SecretRef): GatewayEndpoint {
  return { kind: 'gateway', base };
}

/** The model a step calls, through Flink's `openai` model provider. */
export interface ModelOptions {
  /** A full URL ending in `/chat/completions` or `/embeddings`, or {@link gateway}. */
  readonly endpoint: string | GatewayEndpoint;
  /** Model name sent to the endpoint (`'model'`). */
  readonly name: string;
  /** API key, always from the environment: `env('OPENAI_API_KEY')` prints `${env:OPENAI_API_KEY}`. */
  readonly apiKey: SecretRef;
  readonly temperature?: number;
  readonly maxTokens?: number;
  /** Embedding size (`'dimension'`), embeddings only. */
  readonly dimensions?: number;
}

/** What happens to an input row whose model call fails. */
export type ErrorPolicy =
  | { readonly kind: 'fail' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'dead-letter'; readonly topic: string }
  | { readonly kind: 'retry'; readonly attempts: number; readonly then: ErrorPolicy };

/** Fail the Flink job (it restarts from its last checkpoint; replays are free through the gateway). */
export function fail(): ErrorPolicy {
  return { kind: 'fail' };
}

/** Drop the row and keep going (Flink logs the error). Prefer {@link deadLetter}: skipped rows leave no trace. */
export function skip(): ErrorPolicy {
  return { kind: 'skip' };
}

/** Write the row's fields to `topic` (exactly once, with `__error`) and keep going. */
export function deadLetter(topic: string): ErrorPolicy {
  return { kind: 'dead-letter', topic };
}

/**
 * Retry the call `attempts` more times (Flink's client, with backoff), then apply `then` (default: fail).
 * @example `onError: retry(3, deadLetter('moderation.dlq'))` prints
 * `'error-handling-strategy' = 'retry', 'retry-num' = '3', 'retry-fallback-strategy' = 'ignore'`.
 */
export function retry(attempts: number, then: ErrorPolicy = fail()): ErrorPolicy {
  return { kind: 'retry', attempts, then };
}

/** An object output whose fields become typed columns (parsed with `JSON_VALUE … RETURNING`). */
type ObjectOutput = z.ZodObject<z.ZodRawShape>;
/** Output schemas a step accepts: text, an embedding, or a JSON object. */
export type StepOutputSchema = z.ZodString | z.ZodArray<z.ZodNumber> | ObjectOutput;

/** The columns a step's output schema adds: `response`, `embedding`, or the object's fields. */
export type OutputColumns<O> = O extends ObjectOutput ? z.infer<O>
  : O extends z.ZodArray<z.ZodNumber> ? { embedding: number[] }
  : { response: string };

/** The model column a step adds (`modelColumn`), if any. */
export type ModelColumn<M extends string> = [M] extends [never] ? unknown : Record<M, string>;

/** Options of {@link inference}. */
export interface InferenceOptions<
  N extends string, S extends AnySource, F extends keyof EventOf<S> & string, O extends StepOutputSchema, M extends string = never,
> {
  /** Identifier of the step: names the model, views and the gateway step (`/steps/<name>/`). */
  readonly name: N;
  /** The events the step reads, one model call per event. */
  readonly source: S;
  /** Source fields copied to the output next to the model's answer, in this order. */
  readonly fields: readonly F[];
  /**
   * Handlebars template of the user message over the source's fields: `{{text}}`, `{{user.name}}`.
   * Only plain field references: helpers, blocks and partials are rejected at compile time.
   */
  readonly prompt: string;
  /** The system message (`'system-prompt'`); chat models only. */
  readonly systemPrompt?: string;
  readonly model: ModelOptions;
  /** `z.string()` → `response STRING`; `z.array(z.number())` → `embedding ARRAY<FLOAT>`; `z.object({...})` → JSON mode, one column per field. */
  readonly output: O;
  /** Default: `retry(3)` (then fail). */
  readonly onError?: ErrorPolicy;
  /** Model calls in flight per parallel instance (`'max-concurrent-operations'`); default 16. */
  readonly concurrency?: number;
  /** Time for one row, retries included (`'timeout'`); default 60 s. Past it the job fails over. */
  readonly timeout?: Duration;
  /** Kafka topics receiving `{ ...fields, ...output columns }`, exactly once; `kafka({ topic, where })` writes only matching records. */
  readonly outputs?: readonly KafkaOutputDef[];
  /**
   * Only events matching this predicate reach the model (the others are not called, not written).
   * @example `where: (w) => w.eq('toxic', false)` prints `WHERE `toxic` = FALSE` in `<step>__input`.
   */
  readonly where?: WhereFn<EventOf<S>>;
  /**
   * A column holding the model name (`model.name`) in every output record, so consumers know which
   * model version answered. @example `modelColumn: 'modelVersion'` prints `'gpt-4o-mini-2024-07-18' AS `modelVersion``.
   */
  readonly modelColumn?: M;
}

/** A declared inference step; `E` is its output record type. */
export interface InferenceStepDef<N extends string = string, E = unknown, S extends AnySource = AnySource> {
  readonly kind: 'inference';
  readonly name: N;
  readonly source: S;
  readonly fields: readonly string[];
  readonly prompt: string;
  readonly systemPrompt?: string;
  readonly model: ModelOptions;
  readonly output: StepOutputSchema;
  readonly onError: ErrorPolicy;
  readonly concurrency: number;
  readonly timeout?: Duration;
  readonly outputs: readonly KafkaOutputDef[];
  readonly where?: PredicateNode;
  readonly modelColumn?: string;
  /** Phantom: the output record type. */
  readonly __event?: E;
}

/** Any inference step. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyInferenceStep = InferenceStepDef<string, any>;

/** The output record of a step. */
export type StepEventOf<T> = T extends InferenceStepDef<string, infer E> ? E : never;

/**
 * Declare a model-inference step run by Flink's `ML_PREDICT` (provider `openai`), typically through
 * the featc inference gateway, which makes replays after a failover free.
 *
 * @example
 * ```ts
 * const moderation = inference({
 *   name: 'moderation', source: messages, fields: ['requestId', 'userId'],
 *   prompt: 'Message from {{userId}}: {{text}}',
 *   systemPrompt: 'Answer as JSON {"toxic": boolean, "score": number}.',
 *   model: { endpoint: gateway(env('FEATC_INFERENCE_GATEWAY')), name: 'gpt-4o-mini', apiKey: env('OPENAI_API_KEY'), temperature: 0 },
 *   output: z.object({ toxic: z.boolean(), score: z.number() }),
 *   onError: retry(3, deadLetter('moderation.dlq')),
 *   outputs: [kafka({ topic: 'moderation.verdicts' })],
 * });
 * ```
 * prints (abridged; the full file is tests/golden/inference-moderation/expected/job.sql)
 * ```sql
 * CREATE TEMPORARY MODEL `moderation__model`
 * INPUT (`prompt` STRING)
 * OUTPUT (`__response` STRING)
 * WITH ('provider' = 'openai', 'endpoint' = '${env:FEATC_INFERENCE_GATEWAY}/steps/moderation/v1/chat/completions',
 *   'model' = 'gpt-4o-mini', 'api-key' = '${env:OPENAI_API_KEY}', 'system-prompt' = '…', 'temperature' = '0',
 *   'response-format' = 'json_object', 'error-handling-strategy' = 'retry', 'retry-num' = '3', 'retry-fallback-strategy' = 'ignore');
 * CREATE TEMPORARY VIEW `moderation__input` AS
 * SELECT `requestId`, `userId`, `__rowtime`, `__partition`, `__offset`,
 *   CONCAT('Message from ', COALESCE(CAST(`userId` AS STRING), ''), ': ', COALESCE(CAST(`text` AS STRING), '')) AS `__prompt`
 * FROM `src_messages`;
 * CREATE TEMPORARY VIEW `moderation` AS
 * SELECT `requestId`, `userId`,
 *   TRY_CAST(JSON_VALUE(`__response`, '$.toxic') AS BOOLEAN) AS `toxic`,
 *   TRY_CAST(JSON_VALUE(`__response`, '$.score') AS DOUBLE) AS `score`, `__rowtime`, `__partition`, `__offset`
 * FROM ML_PREDICT(TABLE `moderation__input`, MODEL `moderation__model`, DESCRIPTOR(`__prompt`),
 *   MAP['async', 'true', 'max-concurrent-operations', '16', 'timeout', '60 s']);
 * -- + an exactly-once Kafka sink per output; with deadLetter(), an event-time anti-join
 * -- (`moderation__input` LEFT JOIN `moderation` on the Kafka record id) feeding the dead-letter sink.
 * ```
 * The prompt renders as Handlebars with `noEscape` would, except that non-string fields print with
 * Flink's `CAST(… AS STRING)` (`TRUE`, not `true`), and a NULL field renders as ''.
 */
export function inference<
  const N extends string,
  S extends AnySource,
  const F extends keyof EventOf<S> & string,
  O extends StepOutputSchema,
  const M extends string = never,
>(options: InferenceOptions<N, S, F, O, M>): InferenceStepDef<N, Pick<EventOf<S>, F> & OutputColumns<O> & ModelColumn<M>, S> {
  return {
    kind: 'inference',
    name: options.name,
    source: options.source,
    fields: options.fields,
    prompt: options.prompt,
    ...(options.systemPrompt === undefined ? {} : { systemPrompt: options.systemPrompt }),
    model: options.model,
    output: options.output,
    onError: options.onError ?? retry(3),
    concurrency: options.concurrency ?? 16,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    outputs: options.outputs ?? [],
    ...(options.where === undefined ? {} : { where: buildPredicate(options.where) }),
    ...(options.modelColumn === undefined ? {} : { modelColumn: options.modelColumn }),
  };
}
