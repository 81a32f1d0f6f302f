// Type tests for the feature client: checked by `tsc --noEmit`, never run.
import type { Redis } from 'ioredis';
import { createFeatureClient, type FeatureMapOf, type FeatureRow } from '../../runtime/feature-client/index.js';
import type { RedisOutputSpec } from '../../runtime/redis-sink/spec.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Expect<T extends true> = T;

declare const redis: Redis;
declare const compiledViews: RedisOutputSpec[];

// 1. A hand-written (or DSL-inferred) map: view → feature → value type.
type Features = {
  user_stats: { clicks: number; last_page: string };
  pair_stats: { co_views: number; seen_at: Date };
};
const client = createFeatureClient<Features>({ redis, views: compiledViews });

export async function mapTyped(): Promise<void> {
  const row = await client.get('user_stats', 'u1');
  type _values = Expect<Equal<typeof row.values, { clicks: number | null; last_page: string | null }>>;
  type _asOf = Expect<Equal<typeof row.meta.clicks.asOfMs, number | null>>;
  const _many = await client.getMany('pair_stats', [['u1', 'm1'], { userId: 'u2', movieId: 'm2' }]);
  type _manyType = Expect<Equal<typeof _many, FeatureRow<Features['pair_stats']>[]>>;
  // @ts-expect-error unknown view
  await client.get('no_such_view', 'u1');
  // @ts-expect-error unknown feature
  void row.values.no_such_feature;
  // @ts-expect-error clicks is a number
  const _s: string = row.values.clicks ?? '';
}

// 2. Inferred from `as const` specs (what job-graph.json holds, written as a literal).
const views = [
  {
    kind: 'redis', view: 'user_stats', topic: 'features.user_stats', entityKey: ['userId'],
    features: [
      { name: 'clicks', type: 'bigint' },
      { name: 'ctr', type: 'double', ttlSeconds: 600, default: 0 },
      { name: 'premium', type: 'boolean' },
      { name: 'last_seen', type: 'timestamp' },
      { name: 'tags', type: { array: 'string' } },
      { name: 'geo', type: { row: { lat: 'double', city: 'string' } } },
    ],
  },
] as const;
type Inferred = FeatureMapOf<typeof views>;
type _inferred = Expect<Equal<Inferred, {
  user_stats: {
    clicks: number; ctr: number; premium: boolean; last_seen: Date; tags: string[];
    geo: { lat: number | null; city: string | null };
  };
}>>;

export async function specTyped(): Promise<void> {
  const inferredClient = createFeatureClient({ redis, views });
  const _row = await inferredClient.get('user_stats', { userId: 'u1' });
  type _rowType = Expect<Equal<typeof _row.values.last_seen, Date | null>>;
  // @ts-expect-error the view is not declared
  await inferredClient.get('pair_stats', 'u1');
}
