import { z } from 'zod';
import { compileJob, tryCompileJob } from '../../../compiler/index.js';
import { interval, num, optionList } from '../../../compiler/print/sql/quote.js';
import {
  add, avg, coalesce, count, days, env, featureView, gateway, hopping, inference, job, kafka, lastValue, firstValue, minutes, mul, ratio,
  seconds, session, sliding, source, sub, sum, tumbling, type AnyFeatureView, type AnyInferenceStep, type AnySource, type JobDef,
} from '../../../dsl/index.js';
import { clicks, impressions, jobOf, loose } from './fixtures.js';

// One regression test per compiler bug the fuzzer (compiler-fuzz.test.ts, tests/integration/compiler/fuzz-planner.test.ts) found.
const codes = (def: JobDef): string[] => tryCompileJob(def).diagnostics.map((d) => d.code);

function viewOf(overrides: Partial<Record<keyof AnyFeatureView, unknown>> = {}): AnyFeatureView {
  const base = featureView({
    name: 'v', entity: ['userId'], sources: [clicks], window: tumbling(minutes(1)),
    features: { n: count(clicks) }, outputs: [kafka({ topic: 'out' })],
  });
  return { ...base, ...overrides } as AnyFeatureView;
}
const jobWith = (overrides: Partial<Record<keyof AnyFeatureView, unknown>>): JobDef => job({ name: 'j', views: [viewOf(overrides)] });

describe('compiler bugs found by fuzzing', () => {
  test('a line break inside a where literal is not indented along with the derived-feature subquery', () => {
    const sql = compileJob(jobWith({ features: { n: count(clicks, { where: (w) => w.eq('docId', 'line\nbreak') }) }, derived: { twice: mul('n', 2) } })).sql;
    expect(sql).toContain("'line\nbreak'");
    expect(sql).not.toContain("'line\n  break'");
  });

  test('an aggregation function named like an Object member is unknown (FEATC_E2209), not a crash', () => {
    for (const fn of ['toString', 'constructor', 'hasOwnProperty']) {
      expect(codes(jobWith({ features: { n: { ...count(clicks), fn, field: 'docId' } } }))).toEqual(['FEATC_E2209']);
    }
  });

  test('untyped garbage gets FEATC_E1005 instead of a TypeError', () => {
    const garbage: Partial<Record<keyof AnyFeatureView, unknown>>[] = [
      { sources: [clicks, undefined] },
      { features: { n: null } },
      { entity: 5 },
      { derived: { d: { kind: 'derived' } } },
      { derived: { d: { kind: 'derived', node: { kind: 'arith', op: '/ 0 --', left: { kind: 'literal', value: 1 }, right: { kind: 'literal', value: 2 } } } } },
      { features: { n: { ...count(clicks), where: { kind: 'compare', op: '= 1 OR 1 = 1 --', field: 'docId', value: 'x' } } } },
      { features: { n: { ...count(clicks), where: { kind: 'and' } } } },
    ];
    for (const overrides of garbage) expect(codes(jobWith(overrides))).toContain('FEATC_E1005');
    // A circular import hands over `undefined` for a view.
    expect(codes(job({ name: 'j', views: loose([viewOf(), undefined]) }))).toEqual(['FEATC_E1005']);
  });

  test('numbers SQL cannot print in derived features are FEATC_E2305', () => {
    expect(codes(jobWith({ derived: { d: mul('n', Number.NaN) } }))).toEqual(['FEATC_E2305']);
    expect(codes(jobWith({ derived: { d: coalesce('n', Number.POSITIVE_INFINITY) } }))).toEqual(['FEATC_E2305']);
  });

  test('text that looks like a deploy-time placeholder is FEATC_E1107 wherever it would be printed', () => {
    const secret = '${env:AWS_SECRET_ACCESS_KEY}';
    const odd = source({
      name: 'odd', topic: 'odd', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1),
      schema: z.object({ userId: z.string(), '${featc:kafka.bootstrap}': z.string(), ts: z.number().int() }),
    });
    expect(codes(jobWith({ features: { [secret]: count(clicks) } }))).toEqual(['FEATC_E1107']);
    expect(codes(job({ name: 'j', views: [viewOf({ sources: [odd], features: { n: count(odd) } })] }))).toContain('FEATC_E1107');
    expect(codes(jobWith({ features: { n: count(clicks, { where: (w) => w.in('docId', ['a', `x${secret}`]) }) } }))).toEqual(['FEATC_E1107']);
    const withProperty: AnySource = { ...clicks, properties: { 'client.id': `c-${secret}` } };
    expect(codes(job({ name: 'j', views: [viewOf({ sources: [withProperty], features: { n: count(withProperty) } })] }))).toEqual(['FEATC_E1107']);
    const step = inference({
      name: 'summary', source: clicks, fields: ['userId'], prompt: `Summarise {{docId}} ${secret}`, systemPrompt: 'Be brief.',
      model: { endpoint: gateway('http://127.0.0.1:8090'), name: 'gpt-4o-mini', apiKey: env('OPENAI_API_KEY') },
      output: z.string(), outputs: [kafka({ topic: 'summaries' })],
    });
    expect(codes(job({ name: 'j', views: [], steps: [step as AnyInferenceStep] }))).toEqual(['FEATC_E1107']);
  });

  test('a job without views or steps is FEATC_E2108 (an empty statement set is not SQL)', () => {
    expect(codes(job({ name: 'j', views: [] }))).toEqual(['FEATC_E2108']);
  });

  test('and() and or() without items and in() without values print TRUE / FALSE, not empty parentheses', () => {
    const sql = compileJob(jobWith({
      features: {
        a: count(clicks, { where: (w) => w.and() }),
        b: count(clicks, { where: (w) => w.or() }),
        c: count(clicks, { where: (w) => w.not(w.in('docId', [])) }),
      },
    })).sql;
    expect(sql).toContain('COUNT(*) FILTER (WHERE TRUE) AS `a`');
    expect(sql).toContain('COUNT(*) FILTER (WHERE FALSE) AS `b`');
    expect(sql).toContain('COUNT(*) FILTER (WHERE NOT (FALSE)) AS `c`');
    expect(sql).not.toMatch(/\(\s*\)/);
  });

  test('firstValue and lastValue over hopping and session windows are FEATC_E2107 (Flink cannot merge them)', () => {
    for (const window of [hopping(minutes(10), minutes(1)), session(minutes(5))]) {
      expect(codes(jobWith({ window, features: { f: firstValue(clicks, 'docId') } }))).toEqual(['FEATC_E2107']);
      expect(codes(jobWith({ window, features: { f: lastValue(clicks, 'docId') } }))).toEqual(['FEATC_E2107']);
    }
    expect(codes(jobWith({ window: sliding(minutes(5)), features: { f: firstValue(clicks, 'docId') } }))).toEqual([]);
  });

  test('aggregating the entity key over a session window is FEATC_E2111 (Flink: IllegalArgumentException)', () => {
    const keyed = source({ name: 'keyed', topic: 'keyed', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1), schema: z.object({ k: z.number(), v: z.number(), ts: z.number().int() }) });
    const view = (features: Record<string, unknown>): AnyFeatureView => viewOf({ entity: ['k'], sources: [keyed], window: session(minutes(1)), features });
    expect(codes(job({ name: 'j', views: [view({ a: avg(keyed, 'k'), b: sum(keyed, 'v') })] }))).toEqual(['FEATC_E2111']);
    expect(codes(job({ name: 'j', views: [view({ a: avg(keyed, 'v'), b: count(keyed) })] }))).toEqual([]);
  });

  test('a session window over several entity keys is FEATC_E2109 (Flink loses PARTITION BY (a, b) in views)', () => {
    expect(codes(jobWith({ entity: ['userId', 'docId'], window: session(minutes(5)) }))).toEqual(['FEATC_E2109']);
    expect(codes(jobWith({ entity: ['userId', 'docId'], window: tumbling(minutes(5)) }))).toEqual([]);
  });

  test('interval counts past 999 print from days down; 1000 days or more is FEATC_E2110', () => {
    expect(interval(999_000)).toBe("INTERVAL '999' SECOND(3)");
    expect(interval(1_000_000)).toBe("INTERVAL '0 00:16:40.000' DAY TO SECOND(3)");
    expect(interval(999 * 86_400_000 + 86_399_999)).toBe("INTERVAL '999 23:59:59.999' DAY(3) TO SECOND(3)");
    expect(compileJob(jobWith({ window: sliding(seconds(1000)) })).sql).toContain("RANGE BETWEEN INTERVAL '0 00:16:40.000' DAY TO SECOND(3) PRECEDING");
    expect(codes(jobWith({ window: sliding(days(1000)) }))).toEqual(['FEATC_E2110']);
    const slow: AnySource = { ...clicks, watermarkDelay: days(1000) };
    expect(codes(job({ name: 'j', views: [viewOf({ sources: [slow], features: { n: count(slow) } })] }))).toEqual(['FEATC_E2110']);
  });

  test("key.fields quotes entity keys Flink's list splitter would split, trim or choke on", () => {
    expect(optionList(['userId', "o'brien", 'a"b', ' lead', 'trail ', 'a b'])).toBe('userId;"o\'brien";"a""b";" lead";"trail ";a b');
    const keyed = source({
      name: 'keyed', topic: 'keyed', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1),
      schema: z.object({ "it's": z.string(), ts: z.number().int() }),
    });
    const sql = compileJob(job({ name: 'j', views: [viewOf({ entity: ["it's"], sources: [keyed], features: { n: count(keyed) } })] })).sql;
    expect(sql).toContain(`'key.fields' = '"it''s"'`);
  });

  test('a feature named like an entity key or a window column is FEATC_E1104; blank names too', () => {
    for (const name of ['userId', 'window_start', 'window_end', 'window_time', ' ', '\u2028']) {
      expect(codes(jobWith({ features: { n: count(clicks), [name]: count(clicks) } }))).toEqual(['FEATC_E1104']);
    }
    const blank = source({ name: 'blank', topic: 'blank', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1), schema: z.object({ userId: z.string(), '\u3000': z.string(), ts: z.number().int() }) });
    expect(codes(job({ name: 'j', views: [viewOf({ sources: [blank], features: { n: count(blank) } })] }))).toEqual(['FEATC_E1106']);
  });

  test('coalesce has the common type of its items; mixing kinds is FEATC_E2306', () => {
    const widened = compileJob(jobWith({ derived: { d: coalesce('n', 0.5) } }));
    expect(widened.sql).toMatch(/`d` DOUBLE/);
    expect(codes(jobWith({ derived: { d: coalesce('n', 'none') } }))).toEqual(['FEATC_E2306']);
  });

  test('a ratio over an expression that is always 0 is FEATC_E2307 (the planner fails on NULLIF(0, 0))', () => {
    expect(codes(jobWith({ derived: { d: ratio('n', 0) } }))).toEqual(['FEATC_E2307']);
    expect(codes(jobWith({ derived: { d: ratio('n', sub(2, 2)) } }))).toEqual(['FEATC_E2307']);
    expect(codes(jobWith({ derived: { d: ratio('n', 100) } }))).toEqual([]);
  });

  test('a derived feature over constants only is FEATC_E2308', () => {
    // Flink failed on both: a constant next to an OVER aggregate (ClassCastException RexCall → RexLiteral),
    // and, referenced from another window's derived feature, a column missing from that operator.
    expect(codes(jobWith({ window: sliding(minutes(2)), derived: { c: add(ratio(-1, 42), 0) } }))).toEqual(['FEATC_E2308']);
    expect(codes(jobWith({
      features: { n: count(clicks), hourly: count(clicks, { window: hopping(minutes(10), minutes(1)) }) },
      derived: { k: mul(2, 3), per_k: ratio('hourly', 'k') },
    }))).toEqual(['FEATC_E2308']);
  });

  test('schema field names longer than 128 characters are FEATC_E1106 (Flink identifiers hold 256)', () => {
    const long = source({ name: 'long', topic: 'long', format: 'json', eventTime: 'ts' as never, watermarkDelay: seconds(1), schema: z.object({ userId: z.string(), ['x'.repeat(129)]: z.string(), ts: z.number().int() }) });
    expect(codes(job({ name: 'j', views: [viewOf({ sources: [long], features: { n: count(long) } })] }))).toEqual(['FEATC_E1106']);
  });

  test('integers past 2^53 print as DOUBLE with an exponent (Flink: numeric literal out of range)', () => {
    expect([num(42), num(-0), num(0.5), num(2 ** 53 - 1), num(2 ** 53), num(1e19)]).toEqual(['42', '0', 'CAST(0.5 AS DOUBLE)', '9007199254740991', 'CAST(9.007199254740992e+15 AS DOUBLE)', 'CAST(1e+19 AS DOUBLE)']);
    const big = source({ name: 'big', topic: 'big', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1), schema: z.object({ userId: z.string(), x: z.number(), ts: z.number().int() }) });
    const sql = compileJob(job({ name: 'j', views: [viewOf({ sources: [big], features: { n: count(big, { where: (w) => w.gt('x', 1e19) }) } })] })).sql;
    expect(sql).toContain('`x` > CAST(1e+19 AS DOUBLE)');
  });

  test('a broken source does not cascade into FEATC_E2201 or FEATC_E2403 for the features that read it', () => {
    const broken: AnySource = { ...impressions, topic: 'not a topic' };
    const view = viewOf({ sources: [clicks, broken], features: { n: count(clicks), m: count(broken) }, online: { m: { default: 0 } } });
    expect(codes(jobOf([view]))).toEqual(['FEATC_E1201']);
  });
});
