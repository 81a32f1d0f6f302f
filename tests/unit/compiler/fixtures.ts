import { z } from 'zod';
import {
  count, featureView, hopping, job, minutes, ratio, redis, seconds, source, sum,
  type AnyFeatureView, type JobDef,
} from '../../../dsl/index.js';

/** Valid building blocks; tests break one thing at a time (often through `loose`, like untyped JS would). */
export const event = z.object({ userId: z.string(), docId: z.string(), amount: z.number(), ts: z.number().int() });

export const clicks = source({ name: 'clicks', topic: 'clicks', schema: event, eventTime: 'ts', watermarkDelay: seconds(2), format: 'json' });
export const impressions = source({ name: 'impressions', topic: 'impressions', schema: event, eventTime: 'ts', watermarkDelay: seconds(2), format: 'json' });

export function ctrView(overrides: Record<string, unknown> = {}): AnyFeatureView {
  const base = featureView({
    name: 'userEngagement',
    entity: ['userId'],
    sources: [clicks, impressions],
    window: hopping(minutes(10), minutes(1)),
    features: { clicks_10m: count(clicks), impressions_10m: count(impressions), spend_10m: sum(clicks, 'amount') },
    derived: { ctr_10m: ratio('clicks_10m', 'impressions_10m') },
    outputs: [redis({ ttl: minutes(30) })],
  });
  return { ...base, ...overrides } as AnyFeatureView;
}

export function jobOf(views: AnyFeatureView[], overrides: Record<string, unknown> = {}): JobDef {
  return { ...job({ name: 'engagement', views }), ...overrides } as JobDef;
}

/** Bypasses the type checker, as a JavaScript user (or a cast) would. */
export function loose<T>(value: unknown): T {
  return value as T;
}
