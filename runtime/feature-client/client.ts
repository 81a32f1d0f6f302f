import { Redis } from 'ioredis';
import { ErrorCodes, FeatcRuntimeError } from '../redis-sink/errors.js';
import { AS_OF_FIELD, featureKeyBuilder, projectPrefix, WINDOW_START_FIELD } from '../redis-sink/key-layout.js';
import type { FeatureValueType } from '../redis-sink/spec.js';
import { decodeFeatureValue, encodeFeatureValue } from '../redis-sink/value-codec.js';
import { redactedUrl } from './connect.js';
import { unknownNameHint } from './did-you-mean.js';
import { multiHmget, type MultiGetMode } from './multi-read.js';
import type { EntityInput, FeatureClient, FeatureMap, FeatureMapOf, FeatureMeta, FeatureRow, ViewSpecInput } from './types.js';

export interface FeatureClientOptions<S extends readonly ViewSpecInput[]> {
  /** A Redis URL (the client opens a connection; no auto-pipelining: it adds latency at low load) or a client you own. */
  redis: string | Redis;
  /**
   * The views to serve: compiled Redis output specs (the `outputs[]` of job-graph.json with
   * `kind: "redis"`). `featc/client` also takes DSL feature views and lowers them to these specs.
   */
  views: S;
  /** The project whose features these are (featc.config `project`): keys under `featc.<project>`, where that project's `featc sink redis` writes them. */
  project?: string;
  /** The Redis key prefix, when the sink was given `--prefix` (wins over `project`); default `featc`. */
  prefix?: string;
  /** Per-command timeout when the client opens the connection (default 250 ms). */
  timeoutMs?: number;
  /** How `getMany` reads many entities in one round trip (see {@link multiHmget}); default `script`. */
  multiGet?: MultiGetMode;
  /** Clock for TTL checks (tests). */
  now?: () => number;
}

interface PreparedFeature {
  name: string;
  type: FeatureValueType;
  ttlMs: number | undefined;
  fallback: unknown;
}

interface PreparedView {
  name: string;
  entityKey: readonly string[];
  keyOf: (parts: readonly string[]) => string;
  fields: string[];
  features: PreparedFeature[];
}

/**
 * A typed reader of the feature values the Redis sink writes, from compiled Redis output specs.
 * Value types come from `as const` specs:
 *
 * ```ts
 * const client = createFeatureClient({ redis: 'redis://127.0.0.1:6380', views: graph.outputs }); // or `as const` literals
 * const row = await client.get('userCtr', 'u1');
 * ```
 *
 * An explicit map (`createFeatureClient<M>(…)`) types specs loaded at run time. Users import the
 * client from `featc/client` (api/client.ts), which also takes DSL feature views.
 */
export function createFeatureClient<const S extends readonly ViewSpecInput[]>(opts: FeatureClientOptions<S>): FeatureClient<FeatureMapOf<S>>;
export function createFeatureClient<M extends FeatureMap>(opts: FeatureClientOptions<readonly ViewSpecInput[]>): FeatureClient<M>;
export function createFeatureClient(opts: FeatureClientOptions<readonly ViewSpecInput[]>): FeatureClient<FeatureMap> {
  const prefix = opts.prefix ?? projectPrefix(opts.project);
  const now = opts.now ?? Date.now;
  const multiGet = opts.multiGet ?? 'script';
  // Specs are checked before a connection is opened, so a bad spec leaks no socket.
  const views = new Map(opts.views.map((v) => [v.view, prepareView(v, prefix)] as const));
  const owns = typeof opts.redis === 'string';
  const redis = typeof opts.redis === 'string'
    ? new Redis(opts.redis, { commandTimeout: opts.timeoutMs ?? 250, maxRetriesPerRequest: 1 })
    : opts.redis;

  function viewOf(name: string): PreparedView {
    const view = views.get(name);
    if (!view) {
      throw new FeatcRuntimeError(ErrorCodes.unknownView, `unknown view "${name}"`, {
        where: 'feature client', hint: unknownNameHint(name, [...views.keys()], 'views'), exitCode: 1,
      });
    }
    return view;
  }

  function readError(err: unknown, view: string): FeatcRuntimeError {
    return new FeatcRuntimeError(ErrorCodes.clientRead, `reading view "${view}" from Redis failed: ${(err as Error).message}`, {
      where: typeof opts.redis === 'string' ? redactedUrl(opts.redis) : 'redis', hint: 'check that Redis is up and the sink has run', cause: err,
    });
  }

  return {
    async get(name, entity) {
      const view = viewOf(name);
      const parts = entityParts(view, entity);
      let reply: (string | null)[];
      try {
        reply = await redis.hmget(view.keyOf(parts), ...view.fields);
      } catch (err) {
        throw readError(err, name);
      }
      return toRow(view, parts, reply, now());
    },
    async getMany(name, entities) {
      const view = viewOf(name);
      const all = entities.map((e) => entityParts(view, e));
      if (all.length === 0) return [];
      let replies: (string | null)[][];
      try {
        replies = all.length === 1
          ? [await redis.hmget(view.keyOf(all[0] as string[]), ...view.fields)]
          : await multiHmget(redis, all.map((parts) => view.keyOf(parts)), view.fields, multiGet);
      } catch (err) {
        throw readError(err, name);
      }
      const at = now();
      return all.map((parts, i) => toRow(view, parts, replies[i] ?? [], at));
    },
    async close() {
      if (owns) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function prepareView(spec: ViewSpecInput, prefix: string): PreparedView {
  const features = spec.features.map((f): PreparedFeature => {
    let fallback: unknown = null;
    if (f.default !== undefined && f.default !== null) {
      try {
        const encoded = encodeFeatureValue(f.type, f.default, f.name);
        fallback = encoded === null ? null : decodeFeatureValue(f.type, encoded);
      } catch (err) {
        throw new FeatcRuntimeError(ErrorCodes.invalidJobGraph, `default of feature "${f.name}" does not fit its type: ${(err as Error).message}`, {
          where: `view ${spec.view} › features.${f.name}.default`, exitCode: 1,
        });
      }
    }
    return { name: f.name, type: f.type, ttlMs: f.ttlSeconds === undefined ? undefined : f.ttlSeconds * 1000, fallback };
  });
  const keyOf = featureKeyBuilder(prefix, spec.view);
  return { name: spec.view, entityKey: spec.entityKey, keyOf, fields: [AS_OF_FIELD, WINDOW_START_FIELD, ...features.map((f) => f.name)], features };
}

function entityParts(view: PreparedView, entity: EntityInput): string[] {
  const bad = (what: string): never => {
    throw new FeatcRuntimeError(ErrorCodes.badEntity, `${what} for view "${view.name}"`, {
      where: `entity ${JSON.stringify(entity)}`, hint: `the entity key is (${view.entityKey.join(', ')})`, exitCode: 1,
    });
  };
  if (typeof entity === 'string' || typeof entity === 'number') {
    if (view.entityKey.length !== 1) bad(`one key value given, ${view.entityKey.length} needed`);
    return [String(entity)];
  }
  if (Array.isArray(entity)) {
    if (entity.length !== view.entityKey.length) bad(`${entity.length} key values given, ${view.entityKey.length} needed`);
    return entity.map(String);
  }
  const byColumn = entity as Readonly<Record<string, string | number | boolean>>;
  return view.entityKey.map((col) => {
    const v = byColumn[col];
    return v === undefined ? bad(`missing key column "${col}"`) : String(v);
  });
}

function toRow(view: PreparedView, entity: string[], reply: (string | null)[], now: number): FeatureRow<Record<string, unknown>> {
  const asOfText = reply[0] ?? null;
  const asOfMs = asOfText === null ? null : Number(asOfText);
  const windowStartText = reply[1] ?? null;
  const windowStartMs = windowStartText === null || asOfMs === null ? null : Number(windowStartText);
  const values: Record<string, unknown> = {};
  const meta: Record<string, FeatureMeta> = {};
  view.features.forEach((f, i) => {
    const text = reply[i + 2] ?? null;
    if (text === null || asOfMs === null) {
      values[f.name] = f.fallback;
      meta[f.name] = { asOfMs: null, state: 'missing' };
    } else if (f.ttlMs !== undefined && asOfMs + f.ttlMs <= now) {
      values[f.name] = f.fallback;
      meta[f.name] = { asOfMs, state: 'expired' };
    } else {
      values[f.name] = decodeFeatureValue(f.type, text);
      meta[f.name] = { asOfMs, state: 'fresh' };
    }
  });
  return { view: view.name, entity, found: asOfMs !== null, asOfMs, windowStartMs, values, meta };
}
