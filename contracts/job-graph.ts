import { z } from 'zod';
import { FeatcError } from '../common/errors.js';
import { featureValueTypeSchema } from './feature-value-type.js';
import { RESERVED_PREFIX, servedFeatureNameProblem } from './names.js';

/**
 * job-graph.json: what `featc compile` writes next to job.sql and every reader (the Redis sink, the
 * feature client, `featc get`, deploy, `featc test`) parses with this schema. docs/CONTRACTS.md.
 * Bump the version when the shape changes; readers refuse another version with FEATC_E6006.
 */
export const GRAPH_SCHEMA_VERSION = 1;

const name = z.string().min(1);
const millis = z.number().int().nonnegative();

export const windowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tumbling'), sizeMs: millis }),
  z.object({ kind: z.literal('hopping'), sizeMs: millis, slideMs: millis }),
  z.object({ kind: z.literal('session'), gapMs: millis }),
  z.object({ kind: z.literal('sliding'), rangeMs: millis }),
  z.object({ kind: z.literal('lifetime') }),
]);

export const featureSpecSchema = z.object({
  name: z.string().superRefine((n, ctx) => {
    const problem = servedFeatureNameProblem(n);
    if (problem) ctx.addIssue({ code: 'custom', message: `feature name "${n}" ${problem}` });
  }),
  type: featureValueTypeSchema,
  /** Online TTL: the value is served until `__as_of_ms + ttlSeconds * 1000`. */
  ttlSeconds: z.number().positive().optional(),
  /** Served when the entity is missing or the value expired. */
  default: z.unknown().optional(),
});

/** One `outputs[]` entry: a view served from Redis (what the sink writes and the feature client reads). */
export const redisOutputSpecSchema = z.object({
  kind: z.literal('redis'),
  view: name.refine((v) => !v.startsWith(RESERVED_PREFIX), `view names starting with "${RESERVED_PREFIX}" are reserved`),
  topic: z.string().min(1).max(249),
  entityKey: z.array(name).min(1),
  features: z.array(featureSpecSchema).min(1),
}).superRefine((spec, ctx) => {
  const names = new Set<string>();
  for (const [i, f] of spec.features.entries()) {
    if (names.has(f.name)) ctx.addIssue({ code: 'custom', path: ['features', i, 'name'], message: `duplicate feature "${f.name}"` });
    names.add(f.name);
  }
});

export const stateEntrySchema = z.object({
  feature: z.string(),
  accumulator: z.string(),
  /** What the entry's size grows with. */
  grows: z.enum(['constant', 'distinct values', 'events in window']),
});

const kafkaSinkSchema = z.object({ table: name, topic: name, transactionalIdPrefix: name, columns: z.array(name) });

/** An inference step: its model call (as Flink makes it) and where its records go. */
export const stepSpecSchema = z.object({
  name, source: name,
  task: z.enum(['chat', 'embedding']),
  model: name,
  /** As printed: may hold `${env:…}` placeholders, never secrets. */
  endpoint: name,
  /** The `/steps/<step>/` name the gateway sees, when the endpoint is the featc gateway. */
  gatewayStep: z.string().nullable(),
  fields: z.array(name),
  outputColumns: z.array(z.object({ name, type: featureValueTypeSchema })),
  onError: z.object({ strategy: z.string(), retries: z.number().int(), fallback: z.string(), deadLetterTopic: z.string().nullable() }),
  concurrency: z.number().int().positive(),
  timeoutMs: millis,
  sinks: z.array(kafkaSinkSchema),
  deadLetter: kafkaSinkSchema.nullable(),
});

export const jobGraphSchema = z.object({
  schemaVersion: z.literal(GRAPH_SCHEMA_VERSION),
  irVersion: z.number().int(),
  job: name,
  sqlHash: z.string(),
  settings: z.object({ parallelism: z.number().int().positive(), checkpointIntervalMs: millis, stateTtlMs: millis.nullable(), timeZone: z.literal('UTC') }),
  sources: z.array(z.object({
    name, table: name, topic: name, eventTime: name, watermarkDelayMs: millis, idleTimeoutMs: millis.nullable(), startFrom: z.string(),
    fields: z.array(z.object({ name, type: featureValueTypeSchema })),
    /** Malformed and late records of this source, exactly once, as JSON records with these columns. */
    deadLetter: kafkaSinkSchema.extend({ maxEventChars: z.number().int().positive() }),
  })),
  operators: z.array(z.object({
    id: name, view: name, kind: z.enum(['window-aggregate', 'over-aggregate', 'group-aggregate']), window: windowSchema, windowDescription: z.string(),
    key: z.array(name), sources: z.array(name), features: z.array(z.string()), derived: z.array(z.string()), changelog: z.enum(['append', 'upsert']),
    state: z.object({ perKey: z.array(stateEntrySchema), windowsPerKey: z.number().nullable() }),
  })),
  sinks: z.array(kafkaSinkSchema.extend({
    connector: z.enum(['kafka', 'upsert-kafka']), operator: name, view: name, output: name, deliveryGuarantee: z.literal('exactly-once'),
  })),
  outputs: z.array(redisOutputSpecSchema),
  steps: z.array(stepSpecSchema),
});

export type JobGraph = z.infer<typeof jobGraphSchema>;
export type RedisOutputSpec = z.infer<typeof redisOutputSpecSchema>;
export type FeatureSpec = z.infer<typeof featureSpecSchema>;
export type StepSpec = z.infer<typeof stepSpecSchema>;
export type StepSinkSpec = z.infer<typeof kafkaSinkSchema>;
export type StateEntry = z.infer<typeof stateEntrySchema>;

/** `a.b[2].c` */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/**
 * A job-graph.json's content, checked against this version's schema; `where` names the file. A graph
 * of another schemaVersion is refused with FEATC_E6006, anything else malformed with FEATC_E6001.
 */
export function parseJobGraph(value: unknown, where: string): JobGraph {
  const version = typeof value === 'object' && value !== null ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version !== GRAPH_SCHEMA_VERSION) {
    throw new FeatcError('FEATC_E6006', `job graph schemaVersion ${JSON.stringify(version) ?? 'missing'} is not the version ${GRAPH_SCHEMA_VERSION} this featc reads`, {
      where, hint: 'compile the definitions with the featc version that reads the graph (`featc --version`), or run the reader of the compiling version',
    });
  }
  return parseContract(jobGraphSchema, value, where, 'job graph');
}

/** `value` checked against a part of the job-graph contract; FEATC_E6001 names the first problem and its path. */
export function parseContract<S extends z.ZodType>(schema: S, value: unknown, where: string, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new FeatcError('FEATC_E6001', `invalid ${what}: ${issue?.message ?? 'unknown problem'}`, {
    where: `${where}${issue && issue.path.length > 0 ? ` › ${issuePath(issue.path)}` : ''}`,
    hint: 'recompile with `featc compile`; the shape is in docs/CONTRACTS.md',
  });
}
