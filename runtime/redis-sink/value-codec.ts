import type { FeatureValueType } from './spec.js';

/**
 * How a feature value is stored in a Redis hash field and read back.
 *
 * | type                         | stored as                  | read as   |
 * |------------------------------|----------------------------|-----------|
 * | boolean                      | `true` / `false`           | boolean   |
 * | int, bigint, float, double   | decimal text (`42`, `0.5`) | number    |
 * | string                       | the string itself          | string    |
 * | timestamp                    | epoch millis (`1700000000000`) | Date  |
 * | array, row                   | JSON (timestamps inside as epoch millis) | array / object |
 *
 * A JSON `null` (or a missing field) in a record deletes the field: the client serves the default.
 */
export type FeatureTsType<T extends FeatureValueType> =
  T extends 'boolean' ? boolean
    : T extends 'int' | 'bigint' | 'float' | 'double' ? number
      : T extends 'string' ? string
        : T extends 'timestamp' ? Date
          : T extends { array: infer E extends FeatureValueType } ? FeatureTsType<E>[]
            : T extends { row: infer R extends Record<string, FeatureValueType> } ? { -readonly [K in keyof R]: FeatureTsType<R[K]> | null }
              : never;

export class ValueTypeError extends Error {}

function fail(type: FeatureValueType, value: unknown, path: string): never {
  const shown = JSON.stringify(value);
  throw new ValueTypeError(`${path}: expected ${JSON.stringify(type)}, got ${shown === undefined ? typeof value : shown.slice(0, 80)}`);
}

const SPECIAL_FLOATS: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** Epoch millis of a Flink JSON timestamp: a number, `2024-01-01 12:00:00.123` (SQL) or ISO-8601; no zone means UTC. */
export function timestampMillis(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value !== 'string') return undefined;
  let text = value.trim().replace(' ', 'T');
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Normalises a JSON value to its stored JSON form (used inside arrays and rows). */
function normalise(type: FeatureValueType, value: unknown, path: string): unknown {
  if (value === null) return null;
  if (typeof type === 'object') {
    if ('array' in type) {
      if (!Array.isArray(value)) fail(type, value, path);
      return value.map((v, i) => normalise(type.array, v, `${path}[${i}]`));
    }
    if (typeof value !== 'object' || Array.isArray(value)) fail(type, value, path);
    const out: Record<string, unknown> = {};
    for (const [name, fieldType] of Object.entries(type.row)) {
      out[name] = normalise(fieldType, (value as Record<string, unknown>)[name] ?? null, `${path}.${name}`);
    }
    return out;
  }
  switch (type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail(type, value, path);
      return value;
    case 'int': case 'bigint':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(type, value, path);
      return value;
    case 'float': case 'double':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && value in SPECIAL_FLOATS) return value;
      return fail(type, value, path);
    case 'string':
      if (typeof value !== 'string') fail(type, value, path);
      return value;
    case 'timestamp': {
      const ms = timestampMillis(value);
      if (ms === undefined) fail(type, value, path);
      return ms;
    }
  }
}

/** The Redis field text of a record's value, or `null` when the value is null (the field is deleted). */
export function encodeFeatureValue(type: FeatureValueType, value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof type === 'object') return JSON.stringify(normalise(type, value, path));
  const n = normalise(type, value, path);
  return typeof n === 'string' ? n : String(n);
}

function revive(type: FeatureValueType, value: unknown): unknown {
  if (value === null) return null;
  if (typeof type === 'object') {
    if ('array' in type) return (value as unknown[]).map((v) => revive(type.array, v));
    const row = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, fieldType] of Object.entries(type.row)) out[name] = revive(fieldType, row[name] ?? null);
    return out;
  }
  if (type === 'timestamp') return new Date(value as number);
  if ((type === 'float' || type === 'double') && typeof value === 'string') return SPECIAL_FLOATS[value] ?? Number.NaN;
  return value;
}

/** Reads a stored field back into its TypeScript value. */
export function decodeFeatureValue(type: FeatureValueType, text: string): unknown {
  switch (type) {
    case 'boolean': return text === 'true';
    case 'int': case 'bigint': case 'float': case 'double': return Number(text);
    case 'string': return text;
    case 'timestamp': return new Date(Number(text));
    default: return revive(type, JSON.parse(text));
  }
}
