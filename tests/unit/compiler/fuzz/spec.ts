import type { DerivedNode, PredicateNode } from '../../../../dsl/index.js';

/**
 * A fuzzed definition as plain data. `build.ts` turns it into DSL objects (the public API), so
 * the same spec can be built twice into separate object graphs (determinism) and mutated into an
 * invalid one before building. Durations are milliseconds; references to sources are indices.
 */
export type ScalarKind = 'string' | 'bigint' | 'int' | 'double' | 'boolean';

export type FieldTypeSpec =
  | { readonly k: ScalarKind }
  | { readonly k: 'enum'; readonly values: readonly string[] }
  | { readonly k: 'array'; readonly of: FieldTypeSpec }
  | { readonly k: 'row'; readonly fields: readonly FieldSpec[] }
  /** A zod type featc has no column type for (FEATC_E1202). */
  | { readonly k: 'unsupported'; readonly zod: 'date' | 'any' | 'union' };

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldTypeSpec;
  readonly wrap?: 'optional' | 'nullable';
}

export interface SourceSpec {
  name: string;
  topic: string;
  fields: FieldSpec[];
  eventTime: string;
  watermarkDelayMs: number;
  idleTimeoutMs?: number;
  startFrom?: string;
  format: string;
  key?: string[];
  properties?: Record<string, string | { env: string }>;
}

export type WindowSpec =
  | { kind: 'tumbling'; size: number }
  | { kind: 'hopping'; size: number; slide: number }
  | { kind: 'session'; gap: number }
  | { kind: 'sliding'; range: number }
  | { kind: 'lifetime' }
  /** Passed through as is: garbage an untyped caller could hand over. */
  | { kind: 'raw'; value: unknown };

export interface AggSpec {
  name: string;
  fn: string;
  /** Index into the job's sources. */
  source: number;
  field?: string;
  n?: number;
  where?: PredicateNode;
  window?: WindowSpec;
}

export interface DerivedSpec {
  name: string;
  node: DerivedNode;
}

export type OutputSpec =
  | { kind: 'kafka'; topic: string }
  | { kind: 'redis'; ttlMs: number; topic?: string }
  | { kind: 'raw'; value: unknown };

export interface ViewSpec {
  name: string;
  entity: string[];
  /** Indices into the job's sources. */
  sources: number[];
  window?: WindowSpec;
  features: AggSpec[];
  derived: DerivedSpec[];
  online: Record<string, { ttlMs?: number; default?: unknown }>;
  outputs: OutputSpec[];
}

export interface JobSpec {
  name: string;
  sources: SourceSpec[];
  views: ViewSpec[];
  parallelism?: number;
  stateTtlMs?: number;
  checkpointMs?: number;
}

/** The aggregate value type: numeric kinds matter for derived features and `sum`/`avg`. */
export type ValueKind = ScalarKind | 'array' | 'row';

export function valueKind(type: FieldTypeSpec): ValueKind {
  switch (type.k) {
    case 'enum': return 'string';
    case 'array': return 'array';
    case 'row': case 'unsupported': return 'row';
    default: return type.k;
  }
}

export function isNumericKind(kind: ValueKind): boolean {
  return kind === 'bigint' || kind === 'int' || kind === 'double';
}

/** The IR type an aggregation produces, as a kind (mirrors the compiler's typing, for the generator). */
export function aggregateKind(fn: string, field: FieldSpec | undefined): ValueKind {
  const kind = field ? valueKind(field.type) : 'string';
  switch (fn) {
    case 'count': case 'countDistinct': case 'approxCountDistinct': return 'bigint';
    case 'avg': return 'double';
    case 'sum': return kind === 'double' ? 'double' : 'bigint';
    case 'lastN': return 'array';
    default: return kind;
  }
}

/** Stable short form of a window, to group features that fuse together (like the compiler's slug). */
export function windowKey(w: WindowSpec): string {
  return JSON.stringify(w);
}
