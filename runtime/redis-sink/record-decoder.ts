import { AS_OF_FIELD, featureKeyBuilder, WINDOW_START_FIELD } from './key-layout.js';
import type { SinkRecord } from './redis-state.js';
import type { RedisOutputSpec } from './spec.js';
import { encodeFeatureValue, ValueTypeError } from './value-codec.js';

/** The Kafka message fields the decoder needs. */
export interface RawFeatureRecord {
  offset: number;
  key?: Buffer | string | null | undefined;
  value: Buffer | null;
}

/**
 * A record carrying features its view's spec does not list: the job was redeployed with more
 * features than the sink knows. Applying it would drop them, so the sink refreshes its spec or stops.
 */
export class UnknownFeaturesError extends Error {
  constructor(readonly offset: number, readonly fields: readonly string[]) {
    super(`record at offset ${offset} carries feature(s) ${fields.join(', ')} that the view's spec does not list`);
  }
}

/** Turns feature-topic records (docs/CONTRACTS.md › Feature records) into sink records of one view. */
export class FeatureRecordDecoder {
  readonly features: readonly string[];
  private readonly known: ReadonlySet<string>;
  private readonly keyOf;
  private readonly maxTtlMs: number | undefined;

  constructor(readonly spec: RedisOutputSpec, prefix: string) {
    this.features = spec.features.map((f) => f.name);
    this.known = new Set([...this.features, ...spec.entityKey, AS_OF_FIELD, WINDOW_START_FIELD]);
    this.keyOf = featureKeyBuilder(prefix, spec.view);
    const ttls = spec.features.map((f) => f.ttlSeconds);
    // The key expires when its last feature does; one feature without TTL keeps the key forever.
    this.maxTtlMs = ttls.every((t) => t !== undefined) ? Math.max(...ttls.map((t) => t as number)) * 1000 : undefined;
  }

  /** Throws UnknownFeaturesError for a record of a newer version of the view (see there). */
  decode(raw: RawFeatureRecord): SinkRecord {
    try {
      return this.decodeValue(raw);
    } catch (err) {
      if (!(err instanceof ValueTypeError)) throw err;
      const text = raw.value === null ? 'null' : raw.value.toString('utf8');
      return { kind: 'bad', offset: raw.offset, reason: `${err.message} | ${text.length > 2000 ? `${text.slice(0, 2000)}…` : text}` };
    }
  }

  private decodeValue(raw: RawFeatureRecord): SinkRecord {
    if (raw.value === null) throw new ValueTypeError('tombstone (null value): feature topics are append-only');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.value.toString('utf8'));
    } catch (err) {
      throw new ValueTypeError(`value is not JSON (${(err as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ValueTypeError('value is not a JSON object');
    const value = parsed as Record<string, unknown>;
    const unknown = Object.keys(value).filter((k) => !this.known.has(k));
    if (unknown.length > 0) throw new UnknownFeaturesError(raw.offset, unknown);
    const asOfMs = millisOf(value[AS_OF_FIELD], AS_OF_FIELD);
    // Jobs compiled before featc wrote the window start have none.
    const windowStartMs = value[WINDOW_START_FIELD] === undefined || value[WINDOW_START_FIELD] === null ? null : millisOf(value[WINDOW_START_FIELD], WINDOW_START_FIELD);
    const entity = this.spec.entityKey.map((col) => entityPart(value[col] ?? keyColumn(raw.key, col), col));
    const values = this.spec.features.map((f) => encodeFeatureValue(f.type, value[f.name], f.name));
    const expireAtMs = this.maxTtlMs === undefined ? 0 : Math.max(1, asOfMs + this.maxTtlMs);
    return { kind: 'value', offset: raw.offset, key: this.keyOf(entity), asOfMs, windowStartMs, expireAtMs, values };
  }
}

function millisOf(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new ValueTypeError(`${field}: expected epoch millis, got ${JSON.stringify(value)}`);
  return n;
}

function entityPart(value: unknown, column: string): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new ValueTypeError(`entity key column ${column}: expected a string or number, got ${JSON.stringify(value)}`);
}

function keyColumn(key: RawFeatureRecord['key'], column: string): unknown {
  if (key === null || key === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(typeof key === 'string' ? key : key.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[column] : undefined;
  } catch {
    return undefined;
  }
}
