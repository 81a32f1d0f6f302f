import type { FeatureValueType } from '../redis-sink/spec.js';
import type { FeatureTsType } from '../redis-sink/value-codec.js';

/** view name → feature name → the TypeScript type of its value. */
export type FeatureMap = Record<string, Record<string, unknown>>;

/** A view spec as the client needs it; `RedisOutputSpec` and `as const` literals both fit. */
export interface ViewSpecInput {
  readonly view: string;
  readonly entityKey: readonly string[];
  readonly features: readonly {
    readonly name: string;
    readonly type: FeatureValueType;
    readonly ttlSeconds?: number | undefined;
    readonly default?: unknown;
  }[];
}

/** The features of one spec view: feature name → the TypeScript type of its value. */
export type FeaturesOfSpec<V extends ViewSpecInput> = { [F in V['features'][number] as F['name']]: FeatureTsType<F['type']> };

/**
 * The feature map of the views a client serves, inferred from `as const` specs:
 * `FeatureMapOf<typeof specs>` ⇒ `{ user_stats: { clicks: number; last_page: string } }`.
 * (`featc/client` extends it to DSL feature views.)
 */
export type FeatureMapOf<S extends readonly ViewSpecInput[]> = {
  [V in S[number] as V['view']]: FeaturesOfSpec<V>;
};

/**
 * An entity: the key value itself when the view has one key column (`'u1'`), the values in
 * `entityKey` order (`['u1', 'm2']`), or an object by column (`{ userId: 'u1' }`).
 */
export type EntityInput = string | number | readonly (string | number)[] | Readonly<Record<string, string | number | boolean>>;

/**
 * fresh: read from Redis within its TTL · expired: in Redis but past `as_of + ttl` ·
 * missing: the entity (or this feature of it) is not in Redis. Expired and missing values are the
 * declared default, or `null` without one.
 */
export type FeatureState = 'fresh' | 'expired' | 'missing';

export interface FeatureMeta {
  /** Epoch millis the value describes (the window end); `null` when missing. */
  asOfMs: number | null;
  state: FeatureState;
}

export interface FeatureRow<F extends Record<string, unknown>> {
  view: string;
  /** The entity key values in `entityKey` order, as strings. */
  entity: string[];
  /** True when Redis has a record for the entity (even if some values expired). */
  found: boolean;
  /** The as-of time of the entity's record (its window's end, or the event time of a sliding view's row); `null` when not found. */
  asOfMs: number | null;
  /**
   * Where the record's window started: window start (tumbling, hopping, session), as-of minus the
   * range (sliding), first event (lifetime); `null` when not found or written by a job compiled
   * before featc recorded it.
   */
  windowStartMs: number | null;
  values: { [K in keyof F]: F[K] | null };
  meta: { [K in keyof F]: FeatureMeta };
}

export interface FeatureClient<M extends FeatureMap> {
  /** One entity: a single HMGET. */
  get<V extends keyof M & string>(view: V, entity: EntityInput): Promise<FeatureRow<M[V]>>;
  /** Many entities of one view in one pipelined round trip, in input order. */
  getMany<V extends keyof M & string>(view: V, entities: readonly EntityInput[]): Promise<FeatureRow<M[V]>[]>;
  /** Closes the connection if the client opened it. */
  close(): Promise<void>;
}
