// Type tests for the DSL: checked by `npx tsc --noEmit -p tsconfig.json`, never run.
import { z } from 'zod';
import {
  avg, count, countDistinct, featureView, gt, hopping, job, lastN, lastValue, max, minutes, ratio, redis, seconds,
  source, sum, coalesce, type InferFeatures, type ViewName,
} from '../../dsl/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Expect<T extends true> = T;

const orders = source({
  name: 'orders', topic: 'orders', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), amount: z.number(), country: z.string(), ts: z.number().int(), device: z.object({ os: z.string() }) }),
});
const pageViews = source({
  name: 'pageViews', topic: 'page-views', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2),
  schema: z.object({ userId: z.string(), path: z.string(), ts: z.number().int() }),
});

export const view = featureView({
  name: 'userOrders',
  entity: ['userId'],
  sources: [orders, pageViews],
  window: hopping(minutes(10), minutes(1)),
  features: {
    orders: count(orders, { where: (w) => w.and(w.eq('country', 'DE'), w.gt('amount', 10)) }),
    revenue: sum(orders, 'amount'),
    avgAmount: avg(orders, 'amount'),
    maxAmount: max(orders, 'amount'),
    lastCountry: lastValue(orders, 'country'),
    recentPaths: lastN(pageViews, 'path', 5),
    views: count(pageViews),
    distinctPaths: countDistinct(pageViews, 'path'),
  },
  derived: {
    conversion: ratio('orders', 'views'),
    big: gt('revenue', 1000),
    safeConversion: coalesce('conversion', 0),
  },
  online: { revenue: { default: 0 }, big: { default: false } },
  outputs: [redis({ ttl: minutes(30) })],
});

export type FeaturesAreInferred = Expect<Equal<InferFeatures<typeof view>, {
  orders: number; revenue: number; avgAmount: number; maxAmount: number; lastCountry: string; recentPaths: string[];
  views: number; distinctPaths: number; conversion: number; big: boolean; safeConversion: number;
}>>;
export type NameIsLiteral = Expect<Equal<ViewName<typeof view>, 'userOrders'>>;
export type NameProperty = Expect<Equal<typeof view.name, 'userOrders'>>;

// @ts-expect-error sum only accepts numeric fields
sum(orders, 'country');
// @ts-expect-error misspelt field
count(orders, { where: (w) => w.eq('countyr', 'DE') });
// @ts-expect-error value type must match the field
count(orders, { where: (w) => w.eq('amount', 'ten') });
// @ts-expect-error misspelt field in an aggregation
max(orders, 'amuont');

featureView({
  name: 'bad', entity: ['userId'], sources: [orders], window: hopping(minutes(10), minutes(1)),
  features: { n: count(orders) },
  // @ts-expect-error derived features may only reference features of the same view
  derived: { r: ratio('n', 'missing') },
  outputs: [],
});

featureView({
  name: 'badEntity', sources: [orders, pageViews], features: { n: count(orders) }, outputs: [],
  // @ts-expect-error the entity key must exist in every source (`country` is not in pageViews)
  entity: ['country'],
});

featureView({
  name: 'foreignSource', entity: ['userId'], sources: [pageViews], outputs: [],
  // @ts-expect-error an aggregation's source must be one of the view's sources
  features: { n: count(orders) },
});

source({
  name: 'noTime', topic: 't', format: 'json', watermarkDelay: seconds(1),
  schema: z.object({ ts: z.boolean() }),
  // @ts-expect-error event time must be a number or a timestamp string
  eventTime: 'ts',
});

source({
  name: 'isoTime', topic: 't', format: 'json', watermarkDelay: seconds(1),
  schema: z.object({ at: z.iso.datetime({ offset: true }), local: z.string(), secs: z.number() }),
  eventTime: { field: 'at', zone: '+05:30' },
});

source({
  name: 'secondsTime', topic: 't', format: 'json', watermarkDelay: seconds(1),
  schema: z.object({ at: z.string(), secs: z.number() }),
  eventTime: { field: 'secs', unit: 'seconds' },
});

source({
  name: 'unitOnString', topic: 't', format: 'json', watermarkDelay: seconds(1),
  schema: z.object({ at: z.string(), secs: z.number() }),
  // @ts-expect-error a unit applies to numeric event times only
  eventTime: { field: 'at', unit: 'seconds' },
});

featureView({
  name: 'badDefault', entity: ['userId'], sources: [orders], outputs: [], features: { n: count(orders) },
  // @ts-expect-error default value must have the feature's type
  online: { n: { default: 'zero' } },
});

export const j = job({ name: 'typed', views: [view] });
export type JobName = Expect<Equal<typeof j.name, 'typed'>>;
