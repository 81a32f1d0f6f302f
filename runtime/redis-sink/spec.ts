import { z } from 'zod';
import { ErrorCodes, FeatcRuntimeError } from './errors.js';

/** The value types a feature may have (docs/CONTRACTS.md › Feature records). */
export type FeatureValueType =
  | 'boolean' | 'int' | 'bigint' | 'float' | 'double' | 'string' | 'timestamp'
  | { array: FeatureValueType }
  | { row: Record<string, FeatureValueType> };

export interface FeatureSpec {
  name: string;
  type: FeatureValueType;
  /** Online TTL: the value is served until `__as_of_ms + ttlSeconds * 1000`. */
  ttlSeconds?: number;
  /** Served when the entity is missing or the value expired. */
  default?: unknown;
}

/** One `outputs[]` entry of job-graph.json with `kind: "redis"`. */
export interface RedisOutputSpec {
  kind: 'redis';
  view: string;
  topic: string;
  entityKey: string[];
  features: FeatureSpec[];
}

const scalarTypes = ['boolean', 'int', 'bigint', 'float', 'double', 'string', 'timestamp'] as const;

export const featureValueTypeSchema: z.ZodType<FeatureValueType> = z.lazy(() =>
  z.union([
    z.enum(scalarTypes),
    z.object({ array: featureValueTypeSchema }).strict(),
    z.object({ row: z.record(z.string(), featureValueTypeSchema) }).strict(),
  ]),
);

/** Names that are safe as Redis hash fields and cannot collide with the sink's own `__` fields. */
const featureName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a feature name is a SQL identifier').refine((n) => !n.startsWith('__'), 'names starting with "__" are reserved');

export const featureSpecSchema = z.object({
  name: featureName,
  type: featureValueTypeSchema,
  ttlSeconds: z.number().positive().optional(),
  default: z.unknown().optional(),
});

export const redisOutputSpecSchema = z.object({
  kind: z.literal('redis'),
  view: z.string().min(1).refine((v) => !v.startsWith('__'), 'view names starting with "__" are reserved'),
  topic: z.string().min(1).max(249),
  entityKey: z.array(z.string().min(1)).min(1),
  features: z.array(featureSpecSchema).min(1),
}).superRefine((spec, ctx) => {
  const names = new Set<string>();
  for (const [i, f] of spec.features.entries()) {
    if (names.has(f.name)) ctx.addIssue({ code: 'custom', path: ['features', i, 'name'], message: `duplicate feature "${f.name}"` });
    names.add(f.name);
  }
});

function pathText(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Validates one output spec; `where` names its origin for the error. */
export function parseRedisOutputSpec(value: unknown, where: string): RedisOutputSpec {
  const parsed = redisOutputSpecSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FeatcRuntimeError(ErrorCodes.invalidJobGraph, `invalid redis output: ${issue?.message ?? 'unknown problem'}`, {
      where: `${where}${issue && issue.path.length > 0 ? ` › ${pathText(issue.path)}` : ''}`,
      hint: 'recompile with `featc compile`; the shape is in docs/CONTRACTS.md',
      exitCode: 1,
    });
  }
  return stripUndefined(parsed.data);
}

function stripUndefined(spec: z.infer<typeof redisOutputSpecSchema>): RedisOutputSpec {
  return {
    kind: 'redis',
    view: spec.view,
    topic: spec.topic,
    entityKey: spec.entityKey,
    features: spec.features.map((f) => ({
      name: f.name,
      type: f.type,
      ...(f.ttlSeconds === undefined ? {} : { ttlSeconds: f.ttlSeconds }),
      ...(f.default === undefined ? {} : { default: f.default }),
    })),
  };
}

/**
 * The Redis outputs of a parsed job-graph.json (other output kinds are ignored).
 * Every topic must belong to one view: the sink decodes a topic's records with that view's spec.
 */
export function redisOutputsOfJobGraph(jobGraph: unknown, where: string): RedisOutputSpec[] {
  if (typeof jobGraph !== 'object' || jobGraph === null || !Array.isArray((jobGraph as { outputs?: unknown }).outputs)) {
    throw new FeatcRuntimeError(ErrorCodes.invalidJobGraph, 'job graph has no outputs[] array', {
      where, hint: 'pass the job-graph.json written by `featc compile`', exitCode: 1,
    });
  }
  const outputs = (jobGraph as { outputs: unknown[] }).outputs;
  const specs: RedisOutputSpec[] = [];
  outputs.forEach((out, i) => {
    if (typeof out === 'object' && out !== null && (out as { kind?: unknown }).kind === 'redis') {
      specs.push(parseRedisOutputSpec(out, `${where} › outputs[${i}]`));
    }
  });
  return assertDistinctTopics(specs, where);
}

export function assertDistinctTopics(specs: RedisOutputSpec[], where: string): RedisOutputSpec[] {
  const byTopic = new Map<string, string>();
  const byView = new Map<string, string>();
  for (const s of specs) {
    const other = byTopic.get(s.topic);
    if (other !== undefined) {
      throw new FeatcRuntimeError(ErrorCodes.duplicateTopic, `topic "${s.topic}" is the output of two views ("${other}", "${s.view}")`, {
        where, hint: 'give every view with a Redis output its own feature topic', exitCode: 1,
      });
    }
    if (byView.has(s.view)) {
      throw new FeatcRuntimeError(ErrorCodes.duplicateTopic, `view "${s.view}" has two Redis outputs`, { where, exitCode: 1 });
    }
    byTopic.set(s.topic, s.view);
    byView.set(s.view, s.topic);
  }
  return specs;
}
