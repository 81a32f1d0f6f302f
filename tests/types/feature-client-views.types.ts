// Type tests for the feature client typed from DSL views: checked by `tsc --noEmit`, never run.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import {
  count, featureView, kafka, lastN, lastValue, minutes, redis as redisOutput, seconds, source, tumbling, type InferFeatures,
} from '../../dsl/index.js';
import type { serverHealth } from '../../jobs/system-health.js';
import { userClickRate, userCtr } from '../../jobs/engagement.js';
import { createFeatureClient, type FeatureMapOf, type FeatureRow } from '../../api/client.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Expect<T extends true> = T;

declare const redis: Redis;

// 1. The views themselves: no hand-written map, no `as const` spec.
const client = createFeatureClient({ redis, views: [userCtr, userClickRate] });

export async function typedFromViews(): Promise<void> {
  const ctr = await client.get('userCtr', 'u1');
  type _ctr = Expect<Equal<typeof ctr.values, { clicks_10m: number | null; impressions_10m: number | null; ctr_10m: number | null }>>;
  type _meta = Expect<Equal<typeof ctr.meta.ctr_10m.asOfMs, number | null>>;
  const rate = await client.get('userClickRate', { userId: 'u1' });
  type _rate = Expect<Equal<typeof rate.values, { click_rate_5m: number | null }>>;
  const _many = await client.getMany('userCtr', ['u1', 'u2']);
  type _manyType = Expect<Equal<typeof _many, FeatureRow<{ clicks_10m: number; impressions_10m: number; ctr_10m: number }>[]>>;

  // @ts-expect-error misspelt view name
  await client.get('userCTR', 'u1');
  // @ts-expect-error a view that exists in jobs/ but is not served by this client
  await client.get('serverHealth', 'model-a');
  // @ts-expect-error misspelt view name in getMany
  await client.getMany('userClickrate', ['u1']);
  // @ts-expect-error misspelt feature name
  void ctr.values.ctr_10min;
  // @ts-expect-error a feature of another view
  void rate.values.ctr_10m;
  // @ts-expect-error no meta for an unknown feature
  void ctr.meta.clicks_5m;
  // @ts-expect-error ctr_10m is a number, not a string
  const _s: string = ctr.values.ctr_10m ?? '';
}

// 2. The map the client infers, spelled out.
type Map = FeatureMapOf<[typeof userCtr, typeof serverHealth]>;
type _map = Expect<Equal<Map, {
  userCtr: { clicks_10m: number; impressions_10m: number; ctr_10m: number };
  serverHealth: { queue_avg_1m: number; queue_max_1m: number; requests_1m: number; errors_1m: number; error_rate_1m: number };
}>>;

// 3. Values as Redis serves them: bigint → number, row fields nullable, enums kept.
const events = source({
  name: 'events', topic: 'events', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), big: z.bigint(), status: z.enum(['ok', 'error']), device: z.object({ os: z.string() }), ts: z.number().int() }),
});
const rich = featureView({
  name: 'rich', entity: ['userId'], sources: [events], window: tumbling(minutes(1)),
  features: { big: lastValue(events, 'big'), status: lastValue(events, 'status'), device: lastValue(events, 'device'), recent: lastN(events, 'status', 3), n: count(events) },
  outputs: [redisOutput({ ttl: minutes(5) }), kafka({ topic: 'rich' })],
});
export async function servedTypes(): Promise<void> {
  const mixed = createFeatureClient({
    redis,
    views: [rich, { view: 'pair', entityKey: ['a', 'b'], features: [{ name: 'co', type: 'int' }] }] as const,
  });
  const _row = await mixed.get('rich', 'u1');
  type _rowType = Expect<Equal<typeof _row.values, {
    big: number | null; status: 'ok' | 'error' | null; device: { os: string | null } | null; recent: ('ok' | 'error')[] | null; n: number | null;
  }>>;
  const pair = await mixed.get('pair', ['a1', 'b1']);
  type _pair = Expect<Equal<typeof pair.values, { co: number | null }>>;
  // @ts-expect-error misspelt feature of a spec view next to a DSL view
  void pair.values.c0;
}

// 4. The explicit map API still types specs loaded at run time.
declare const loaded: { view: string; entityKey: string[]; features: { name: string; type: 'double' }[] }[];
export async function explicitMap(): Promise<void> {
  const c = createFeatureClient<{ userCtr: { ctr_10m: number } }>({ redis, views: loaded });
  const _row = await c.get('userCtr', 'u1');
  type _v = Expect<Equal<typeof _row.values, { ctr_10m: number | null }>>;
  // @ts-expect-error not in the map
  await c.get('userClickRate', 'u1');
}

// 5. A view with `online` options but no derived features infers exactly its features (no index
//    signature that would let a misspelt feature through).
type _noDerived = Expect<Equal<InferFeatures<typeof userClickRate>, { click_rate_5m: number }>>;
featureView({
  name: 'onlineTypo', entity: ['userId'], sources: [events], window: tumbling(minutes(1)),
  features: { n: count(events) },
  // @ts-expect-error online options for a feature the view does not have
  online: { m: { default: 0 } },
  outputs: [redisOutput({ ttl: minutes(5) })],
});
