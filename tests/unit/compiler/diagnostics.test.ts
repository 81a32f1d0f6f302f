import { z } from 'zod';
import {
  count, days, hopping, lastN, lifetime, minutes, ratio, redis, seconds, sum, tumbling, add, env, kafka,
  type AnyAggregation, type AnySource, type DerivedExpr,
} from '../../../dsl/index.js';
import { tryCompileJob, type Diagnostic } from '../../../compiler/index.js';
import { clicks, ctrView, impressions, jobOf, loose } from './fixtures.js';

function diagnose(def: Parameters<typeof tryCompileJob>[0]): Diagnostic[] {
  const { job, diagnostics } = tryCompileJob(def, 'jobs/engagement.ts');
  // A compiled job exactly when there is no diagnostic.
  expect(job === null).toBe(diagnostics.length > 0);
  return diagnostics;
}

function expectOne(diagnostics: Diagnostic[], code: string, path: string, message: string | RegExp): void {
  const found = diagnostics.find((d) => d.code === code);
  expect({ code: found?.code, path: found?.path }).toEqual({ code, path });
  expect(found?.message).toMatch(message);
  expect(found?.file).toBe('jobs/engagement.ts');
  expect(found?.hint.length).toBeGreaterThan(0);
}

const variant = (over: Record<string, unknown>): AnySource => loose<AnySource>({ ...clicks, ...over });
const features = (extra: Record<string, unknown>) => ({ features: { ...ctrView().features, ...extra } });

describe('diagnostics', () => {
  test('the fixture compiles cleanly', () => {
    expect(diagnose(jobOf([ctrView()]))).toEqual([]);
  });

  test('a Kafka-only view may name features with any printable name; a Redis-served one may not (FEATC_E2407)', () => {
    const named = { ...ctrView().features, 'clicks 5m': count(clicks) };
    expect(diagnose(jobOf([ctrView({ features: named, outputs: [kafka({ topic: 'engagement-out' })] })]))).toEqual([]);
    expect(diagnose(jobOf([ctrView({ features: named })])).map((d) => [d.code, d.path])).toEqual([['FEATC_E2407', 'userEngagement.features["clicks 5m"]']]);
  });

  test.each<[string, () => Diagnostic[], string, string | RegExp]>([
    ['FEATC_E1101', () => diagnose(jobOf([ctrView({ name: 'user-engagement' })])), 'user-engagement.name', 'view name must be an identifier, got "user-engagement"'],
    ['FEATC_E1102', () => diagnose(jobOf([ctrView(), ctrView()])), 'userEngagement.name', 'view name "userEngagement" is used twice'],
    ['FEATC_E1103', () => diagnose(jobOf([ctrView(), ctrView({ name: 'other', sources: [{ ...clicks, topic: 'clicks2' }], features: { n: count({ ...clicks, topic: 'clicks2' }) }, derived: {} })])), 'clicks.name', 'two different sources are named "clicks"'],
    ['FEATC_E1104', () => diagnose(jobOf([ctrView(features({ __x: count(clicks) }))])), 'userEngagement.features.__x', 'starts with __'],
    ['FEATC_E1105', () => diagnose(jobOf([ctrView({ derived: { clicks_10m: ratio('clicks_10m', 'impressions_10m') } })])), 'userEngagement.derived.clicks_10m', 'used twice'],
    ['FEATC_E1106', () => {
      const bad = variant({ schema: z.object({ userId: z.string(), window_end: z.string(), ts: z.number().int() }) });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.schema.window_end', 'reserves'],
    ['FEATC_E1201', () => diagnose(jobOf([ctrView({ outputs: [kafka({ topic: 'bad topic`' })] })])), 'userEngagement.outputs[0].topic', 'got "bad topic`"'],
    ['FEATC_E1202', () => {
      const bad = variant({ schema: z.object({ userId: z.string(), at: z.date(), ts: z.number().int() }) });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.schema.at', 'zod type date has no Flink column type'],
    ['FEATC_E1203', () => {
      const bad = variant({ eventTime: loose('amount') });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.eventTime', 'event time field "amount" is a fractional number: epoch milliseconds must be z.number().int()'],
    ['FEATC_E1203', () => {
      const bad = variant({ eventTime: loose({ field: 'userId', unit: 'seconds' }) });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.eventTime.unit', 'event time field "userId" is a string: a unit applies to epoch numbers only'],
    ['FEATC_E1203', () => {
      const bad = variant({ eventTime: loose({ field: 'userId', zone: 'Europe/Paris' }) });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.eventTime.zone', `event time field "userId" has zone "Europe/Paris"; zone is 'UTC' or an offset such as '+05:30'`],
    ['FEATC_E1203', () => {
      const bad = variant({ eventTime: loose({ field: 'ts', zone: '+01:00' }) });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.eventTime.zone', 'event time field "ts" is a number: a zone applies to timestamp strings only'],
    ['FEATC_E1204', () => {
      const bad = variant({ key: loose(['user']) });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.key', 'key field "user" is not in the source schema'],
    ['FEATC_E1205', () => {
      const bad = variant({ properties: { 'sasl.jaas.config': env('lower-case') } });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.properties["sasl.jaas.config"]', 'got "lower-case"'],
    ['FEATC_E1206', () => {
      const bad = variant({ properties: { 'group.id': 'mine' } });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.properties["group.id"]', 'property "group.id" is set by featc'],
    ['FEATC_E1207', () => {
      const bad = variant({ format: loose('avro') });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.format', 'got "avro"'],
    ['FEATC_E1208', () => {
      const bad = variant({ schema: z.object({ userId: z.string(), docId: z.string(), ts: z.number().int(), items: z.array(z.object({ sku: z.string() })) }) });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.schema.items', 'arrays of objects'],
    ['FEATC_E1209', () => {
      const bad = variant({ maxEventChars: 2_000_000 });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.maxEventChars', 'got "2000000"'],
    ['FEATC_E2101', () => {
      const bad = variant({ watermarkDelay: seconds(-1) });
      return diagnose(jobOf([ctrView({ sources: [bad, impressions], features: { n: count(impressions) }, derived: {} })]));
    }, 'clicks.watermarkDelay', 'got -1000ms'],
    ['FEATC_E2102', () => diagnose(jobOf([ctrView({ window: undefined })])), 'userEngagement.features.clicks_10m.window', 'feature "clicks_10m" has no window'],
    ['FEATC_E2103', () => diagnose(jobOf([ctrView({ window: { kind: 'rolling' } })])), 'userEngagement.window', 'unknown window'],
    ['FEATC_E2104', () => diagnose(jobOf([ctrView(features({ clicks_5m: count(clicks, { window: tumbling(seconds(0)) }) }))])),
      'userEngagement.features.clicks_5m.window', 'window size must be a positive duration, got 0s'],
    ['FEATC_E2105', () => diagnose(jobOf([ctrView({ window: hopping(minutes(10), minutes(3)) })])), 'userEngagement.window.slide', 'hop slide 3m must be positive, at most the size and divide the size 10m'],
    ['FEATC_E2106', () => diagnose(jobOf([ctrView({ window: lifetime(), outputs: [kafka({ topic: 'out' })] })])), 'engagement.stateTtl', 'lifetime() features of view "userEngagement" need a job stateTtl'],
    ['FEATC_E2107', () => diagnose(jobOf([ctrView(features({ last: lastN(clicks, 'docId', 3, { window: lifetime() }) }))])), 'userEngagement.features.last.window', 'lastN is not supported over a lifetime window'],
    ['FEATC_E2108', () => diagnose(jobOf([ctrView()], { parallelism: 0 })), 'engagement.parallelism', 'parallelism must be a whole number from 1 to 4096, got 0'],
    ['FEATC_E2112', () => diagnose(jobOf([ctrView({ outputs: [redis({ ttl: seconds(0) })] })])), 'userEngagement.outputs[0].ttl', 'redis ttl must be a positive duration, got 0s'],
    ['FEATC_E2201', () => {
      const other = variant({ name: 'views', topic: 'views' });
      return diagnose(jobOf([ctrView(features({ v: count(other) }))]));
    }, 'userEngagement.features.v.source', 'aggregation reads source "views"'],
    ['FEATC_E2202', () => diagnose(jobOf([ctrView(features({ spend: count(clicks, { where: (w) => w.eq(loose<never>('amout'), loose<never>(1)) }) }))])), 'userEngagement.features.spend.where', 'field "amout" is not in source "clicks"'],
    ['FEATC_E2203', () => diagnose(jobOf([ctrView(features({ s: sum(clicks, loose<never>('docId')) }))])), 'userEngagement.features.s.field', 'sum needs a numeric field, "docId" is string'],
    ['FEATC_E2204', () => diagnose(jobOf([ctrView(features({ c: count(clicks, { where: (w) => w.eq('amount', loose('10')) }) }))])), 'userEngagement.features.c.where', 'where compares "amount" (double) with "10"'],
    ['FEATC_E2205', () => diagnose(jobOf([ctrView(features({ l: lastN(clicks, 'docId', 0) }))])), 'userEngagement.features.l.n', 'got 0'],
    ['FEATC_E2206', () => diagnose(jobOf([ctrView({ features: {}, derived: {} })])), 'userEngagement.features', 'view "userEngagement" has no features'],
    ['FEATC_E2207', () => diagnose(jobOf([ctrView({ entity: ['userId', 'sessionId'] })])), 'userEngagement.entity', 'entity key field "sessionId" is missing from source "clicks"'],
    ['FEATC_E2208', () => diagnose(jobOf([ctrView({ entity: [] })])), 'userEngagement', 'needs an entity key'],
    ['FEATC_E2209', () => diagnose(jobOf([ctrView(features({ m: loose<AnyAggregation>({ ...count(clicks), fn: 'median' }) }))])), 'userEngagement.features.m', 'unknown aggregation "median"'],
    ['FEATC_E2210', () => {
      const numeric = loose<AnySource>({ ...impressions, schema: z.object({ userId: z.number().int(), ts: z.number().int() }) });
      return diagnose(jobOf([ctrView({ sources: [clicks, numeric], features: { a: count(clicks), b: count(numeric) }, derived: {} })]));
    }, 'userEngagement.entity', 'different types across sources'],
    ['FEATC_E2301', () => diagnose(jobOf([ctrView({ derived: { r: loose<DerivedExpr>(ratio('clicks_10m', 'nope')) } })])), 'userEngagement.derived.r', 'unknown feature "nope"'],
    ['FEATC_E2302', () => diagnose(jobOf([ctrView({ derived: { a: add('b', 1), b: add('a', 1) } })])), 'userEngagement.derived.a', 'cycle: a → b → a'],
    ['FEATC_E2303', () => diagnose(jobOf([ctrView({ ...features({ c5: count(clicks, { window: tumbling(minutes(5)) }) }), outputs: [kafka({ topic: 'out' })] })].map((v) => ({ ...v, derived: { mix: ratio('c5', 'impressions_10m') } })))),
      'userEngagement.derived.mix', 'different windows (tumble_5m, hop_10m_1m)'],
    ['FEATC_E2304', () => {
      const view = ctrView();
      // lastValue over the view's hopping window would be FEATC_E2107: it gets a tumbling window of its own.
      return diagnose(jobOf([{ ...view, features: { ...view.features, last: { ...count(clicks), fn: 'lastValue', field: 'docId', window: tumbling(minutes(10)) } }, derived: { bad: add('last', 1) } }]));
    }, 'userEngagement.derived.bad', 'arithmetic needs numeric operands, "last" is string'],
    ['FEATC_E2401', () => diagnose(jobOf([ctrView({ outputs: [] })])), 'userEngagement.outputs', 'has no outputs'],
    ['FEATC_E2402', () => diagnose(jobOf([ctrView({ outputs: [kafka({ topic: 'clicks' })] })])), 'userEngagement.outputs[0].topic', 'topic "clicks" is already used by source clicks'],
    ['FEATC_E2403', () => diagnose(jobOf([ctrView({ online: { clickz: { default: 0 } } })])), 'userEngagement.online.clickz', 'unknown feature "clickz"'],
    ['FEATC_E2404', () => diagnose(jobOf([ctrView({ online: { ctr_10m: { default: 'zero' } } })])), 'userEngagement.online.ctr_10m.default', 'default for "ctr_10m" must be a number, got "zero"'],
    ['FEATC_E2406', () => diagnose(jobOf([ctrView(features({ c5: count(clicks, { window: tumbling(minutes(5)) }) }))])), 'userEngagement.outputs[0]', 'has a Redis output but computes features over several windows (hop_10m_1m, tumble_5m)'],
    ['FEATC_E2405', () => diagnose(jobOf([ctrView({ outputs: [{ kind: 'bigquery' }] })])), 'userEngagement.outputs[0]', 'unknown output'],
    ['FEATC_E2407', () => diagnose(jobOf([ctrView(features({ 'clicks-5m': count(clicks) }))])), 'userEngagement.features["clicks-5m"]', 'feature "clicks-5m" of a Redis-served view is not an identifier'],
  ])('%s', (code, run, path, message) => {
    expectOne(run(), code, path, message);
  });

  test('every problem is collected, not just the first', () => {
    const diagnostics = diagnose(jobOf([ctrView({ window: hopping(minutes(10), minutes(3)), outputs: [] })], { parallelism: -1 }));
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['FEATC_E2105', 'FEATC_E2108', 'FEATC_E2401']);
  });

  test('a lifetime view compiles once the job has a state TTL', () => {
    const view = ctrView({ window: lifetime(), derived: {}, features: { n: count(clicks), s: sum(clicks, 'amount') } });
    expect(diagnose(jobOf([view], { stateTtl: days(1) }))).toEqual([]);
    expect(redis({ ttl: minutes(1) }).kind).toBe('redis');
  });
});
