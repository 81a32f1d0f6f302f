import { z } from 'zod';
import {
  avg, count, countDistinct, approxCountDistinct, env, featureView, firstValue, hopping, job, kafka, lastN, lastValue,
  lifetime, max, min, redis, session, sliding, source, sum, tumbling,
  type AggregationDef, type AnyFeatureView, type AnySource, type Duration, type JobDef, type OutputDef, type WindowDef,
} from '../../../../dsl/index.js';
import type { AggSpec, FieldSpec, FieldTypeSpec, JobSpec, OutputSpec, SourceSpec, ViewSpec, WindowSpec } from './spec.js';

/** A duration as the DSL builds it; any number (0, negative, NaN) passes through for invalid specs. */
function ms(value: number): Duration {
  return { kind: 'duration', ms: value };
}

function zodType(type: FieldTypeSpec): z.ZodType {
  switch (type.k) {
    case 'string': return z.string();
    case 'bigint': return z.number().int();
    case 'int': return z.int32();
    case 'double': return z.number();
    case 'boolean': return z.boolean();
    case 'enum': return z.enum(type.values as [string, ...string[]]);
    case 'array': return z.array(zodType(type.of));
    case 'row': return z.object(shape(type.fields));
    case 'unsupported':
      return type.zod === 'date' ? z.date() : type.zod === 'any' ? z.any() : z.union([z.string(), z.number()]);
  }
}

function shape(fields: readonly FieldSpec[]): Record<string, z.ZodType> {
  const out: Record<string, z.ZodType> = {};
  for (const f of fields) {
    const t = zodType(f.type);
    out[f.name] = f.wrap === 'optional' ? t.optional() : f.wrap === 'nullable' ? t.nullable() : t;
  }
  return out;
}

function buildSource(spec: SourceSpec): AnySource {
  const properties = spec.properties === undefined ? undefined
    : Object.fromEntries(Object.entries(spec.properties).map(([k, v]) => [k, typeof v === 'string' ? v : env(v.env)]));
  return source({
    name: spec.name,
    topic: spec.topic,
    schema: z.object(shape(spec.fields)),
    eventTime: spec.eventTime as never,
    watermarkDelay: ms(spec.watermarkDelayMs),
    format: spec.format as 'json',
    ...(spec.idleTimeoutMs === undefined ? {} : { idleTimeout: ms(spec.idleTimeoutMs) }),
    ...(spec.startFrom === undefined ? {} : { startFrom: spec.startFrom as 'earliest' }),
    ...(spec.key === undefined ? {} : { key: spec.key as never }),
    ...(properties === undefined ? {} : { properties }),
  });
}

export function buildWindow(spec: WindowSpec): WindowDef {
  switch (spec.kind) {
    case 'tumbling': return tumbling(ms(spec.size));
    case 'hopping': return hopping(ms(spec.size), ms(spec.slide));
    case 'session': return session(ms(spec.gap));
    case 'sliding': return sliding(ms(spec.range));
    case 'lifetime': return lifetime();
    case 'raw': return spec.value as WindowDef;
  }
}

const FIELD_AGGREGATIONS: Record<string, (src: AnySource, field: never, options: object) => AggregationDef> = {
  sum, avg, min, max, countDistinct, approxCountDistinct, firstValue, lastValue,
};

function buildAggregation(spec: AggSpec, sources: readonly AnySource[]): AggregationDef {
  const src = sources[spec.source] as AnySource;
  const options = {
    ...(spec.where === undefined ? {} : { where: () => spec.where }),
    ...(spec.window === undefined ? {} : { window: buildWindow(spec.window) }),
  } as never;
  if (spec.fn === 'count') return count(src, options);
  if (spec.fn === 'lastN') return lastN(src, spec.field as never, spec.n as number, options);
  const make = Object.hasOwn(FIELD_AGGREGATIONS, spec.fn) ? FIELD_AGGREGATIONS[spec.fn] : undefined;
  // An unknown function name: the plain data an untyped caller could build.
  if (!make) return { ...count(src, options), fn: spec.fn as 'count', ...(spec.field === undefined ? {} : { field: spec.field }) };
  return make(src, spec.field as never, options);
}

function buildOutput(spec: OutputSpec): OutputDef {
  switch (spec.kind) {
    case 'kafka': return kafka({ topic: spec.topic });
    case 'redis': return redis({ ttl: ms(spec.ttlMs), ...(spec.topic === undefined ? {} : { topic: spec.topic }) });
    case 'raw': return spec.value as OutputDef;
  }
}

function buildView(spec: ViewSpec, sources: readonly AnySource[]): AnyFeatureView {
  const online = Object.fromEntries(Object.entries(spec.online).map(([name, o]) => [name, {
    ...(o.ttlMs === undefined ? {} : { ttl: ms(o.ttlMs) }),
    ...('default' in o ? { default: o.default } : {}),
  }]));
  return featureView({
    name: spec.name,
    entity: spec.entity as never,
    sources: spec.sources.map((i) => sources[i] as AnySource),
    ...(spec.window === undefined ? {} : { window: buildWindow(spec.window) }),
    features: Object.fromEntries(spec.features.map((f) => [f.name, buildAggregation(f, sources)])),
    derived: Object.fromEntries(spec.derived.map((x) => [x.name, { kind: 'derived', node: x.node }])) as never,
    online: online as never,
    outputs: spec.outputs.map(buildOutput),
  });
}

/** Builds the spec with the public DSL; every call gives a fresh object graph. */
export function buildJob(spec: JobSpec): JobDef {
  const sources = spec.sources.map(buildSource);
  return job({
    name: spec.name,
    views: spec.views.map((v) => buildView(v, sources)),
    ...(spec.parallelism === undefined ? {} : { parallelism: spec.parallelism }),
    ...(spec.stateTtlMs === undefined ? {} : { stateTtl: ms(spec.stateTtlMs) }),
    ...(spec.checkpointMs === undefined ? {} : { checkpointInterval: ms(spec.checkpointMs) }),
  });
}
