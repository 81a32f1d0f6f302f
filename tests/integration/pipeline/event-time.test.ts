/**
 * Event time on the real stack (Flink, Kafka, the Redis sink process, Redis):
 * - a malformed record an hour ahead, an event time past year 9999 and unparseable timestamp
 *   strings are dead-lettered with their reason and do not move the watermark: no valid event
 *   after them is late, every window of the valid events is emitted;
 * - every Kafka row of tumbling, hopping, session, sliding and lifetime views carries `__as_of_ms`
 *   and `__window_start_ms` exact to the millisecond (events have millisecond timestamps), equal to
 *   an independent computation, and Redis and `featc get` show the same;
 * - sources whose event time is an ISO-8601 string with offset, a `yyyy-MM-dd HH:mm:ss.SSS` string
 *   and fractional epoch seconds give the same session windows and values as the epoch-millis one.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { JobStatus } from '../../../flink-deploy/index.js';
import {
  count, days, featureView, hopping, job, kafka, lifetime, minutes, redis, seconds, session, sliding, source, sum, tumbling,
  type AnyFeatureView, type AnySource,
} from '../../../dsl/index.js';
import { seededRandom } from '../../../runtime/shared/seeded-random.js';
import { bootstrap, consumeCommitted, produce } from '../../support/kafka.js';
import { serveRenamedJob, type ServedJob } from '../demo/served-job.js';

const T0 = Date.UTC(2026, 11, 2, 20, 0, 0, 7);
const FAR = T0 + 20 * 60_000;
const TUMBLE = 60_000;
const HOP = { size: 60_000, slide: 20_000 };
const GAP = 10_000;
const RANGE = 30_000;

const row = z.object({ userId: z.string(), amount: z.number() });
const millis = source({
  name: 'millis', topic: 'millis', format: 'json', eventTime: 'ts', watermarkDelay: seconds(2), deadLetterTopic: 'millis-dlq',
  schema: row.extend({ ts: z.number().int() }),
});
const iso = source({
  name: 'iso', topic: 'iso', format: 'json', eventTime: 'at', watermarkDelay: seconds(2), deadLetterTopic: 'iso-dlq',
  schema: row.extend({ at: z.iso.datetime({ offset: true }) }),
});
const local = source({
  name: 'local', topic: 'local', format: 'json', eventTime: 'at', watermarkDelay: seconds(2), deadLetterTopic: 'local-dlq',
  schema: row.extend({ at: z.string() }),
});
const secs = source({
  name: 'secs', topic: 'secs', format: 'json', eventTime: { field: 'ts', unit: 'seconds' }, watermarkDelay: seconds(2), deadLetterTopic: 'secs-dlq',
  schema: row.extend({ ts: z.number() }),
});

type Kind = 'tumbling' | 'hopping' | 'session' | 'sliding' | 'lifetime';
const WINDOWS = { tumbling: tumbling(minutes(1)), hopping: hopping(minutes(1), seconds(20)), session: session(seconds(10)), sliding: sliding(seconds(30)), lifetime: lifetime() };
function view(name: string, src: AnySource, kind: Kind, served = false): AnyFeatureView {
  return featureView({
    name, entity: ['userId'], sources: [src], window: WINDOWS[kind],
    features: { n: count(src), total: sum(src, 'amount') },
    outputs: [served ? redis({ ttl: days(30), topic: `${name}-out` }) : kafka({ topic: `${name}-out` })],
  }) as AnyFeatureView;
}
const views = [
  view('mTumbling', millis, 'tumbling', true), view('mHopping', millis, 'hopping'), view('mSession', millis, 'session', true),
  view('mSliding', millis, 'sliding'), view('mLifetime', millis, 'lifetime'),
  view('isoSession', iso, 'session'), view('localSession', local, 'session'), view('secsSession', secs, 'session'),
];
const definition = job({ name: 'evtime', views, parallelism: 1, checkpointInterval: seconds(1), stateTtl: days(1) });

interface Event { userId: string; amount: number; ts: number }
const random = seededRandom(42);
/** 240 events with distinct millisecond times over ~5 minutes, with two 30 s pauses that end sessions; arrival jitter < 1.5 s. */
const events: Event[] = Array.from({ length: 240 }, (_, i) => ({
  userId: `u${1 + Math.floor(random() * 4)}`,
  amount: Math.round(random() * 10_000) / 100,
  ts: T0 + i * 1000 + Math.floor(random() * 997) + (i >= 80 ? 30_000 : 0) + (i >= 160 ? 30_000 : 0),
}));
const arrival = events.map((e) => ({ e, at: e.ts + Math.floor(random() * 1500) })).sort((a, b) => a.at - b.at).map((a) => a.e);

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function localText(ms: number, sep: string): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${sep}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}
/** ISO-8601 at +02:00 (every third with 6 fraction digits, every fifth as `Z`). */
const isoText = (ms: number, i: number): string =>
  i % 5 === 0 ? `${localText(ms, 'T')}Z` : `${localText(ms + 7_200_000, 'T')}${i % 3 === 0 ? '456' : ''}+02:00`;

interface Row { userId: string; n: number; total: number; __as_of_ms: number; __window_start_ms: number }
const key = (r: { userId: string; __as_of_ms: number }): string => `${r.userId}@${r.__as_of_ms}`;
const round = (r: Row): Row => ({ ...r, total: Math.round(r.total * 100) / 100 });

/** Independent computation of every window kind's rows (as_of = end, or the event time for sliding). */
function oracle(kind: Kind): Row[] {
  const byUser = new Map<string, Event[]>();
  for (const e of events) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e]);
  const rows: Row[] = [];
  const agg = (userId: string, es: Event[], start: number, end: number): Row =>
    ({ userId, n: es.length, total: es.reduce((s, e) => s + e.amount, 0), __as_of_ms: end, __window_start_ms: start });
  for (const [userId, list] of byUser) {
    const es = [...list].sort((a, b) => a.ts - b.ts);
    switch (kind) {
      case 'tumbling': case 'hopping': {
        const size = kind === 'tumbling' ? TUMBLE : HOP.size;
        const slide = kind === 'tumbling' ? TUMBLE : HOP.slide;
        const starts = new Set(es.flatMap((e) => {
          const out: number[] = [];
          for (let s = Math.floor(e.ts / slide) * slide; s > e.ts - size; s -= slide) out.push(s);
          return out;
        }));
        for (const s of starts) rows.push(agg(userId, es.filter((e) => e.ts >= s && e.ts < s + size), s, s + size));
        break;
      }
      case 'session': {
        let current: Event[] = [];
        for (const e of es) {
          const last = current[current.length - 1];
          if (last && e.ts - last.ts >= GAP) { rows.push(agg(userId, current, current[0]!.ts, last.ts + GAP)); current = []; }
          current.push(e);
        }
        const last = current[current.length - 1];
        if (last) rows.push(agg(userId, current, current[0]!.ts, last.ts + GAP));
        break;
      }
      case 'sliding':
        for (const e of es) rows.push(agg(userId, es.filter((x) => x.ts >= e.ts - RANGE && x.ts <= e.ts), e.ts - RANGE, e.ts));
        break;
      case 'lifetime':
        rows.push(agg(userId, es, es[0]!.ts, es[es.length - 1]!.ts));
        break;
    }
  }
  return rows.map(round).sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

describe('event time: dead letters never move time; exact window bounds; millis, seconds and timestamp text agree', () => {
  let served: ServedJob | undefined;
  const job = (): ServedJob => {
    if (!served) throw new Error('not deployed');
    return served;
  };
  const tag = `featc_et_${Date.now().toString(36)}`;
  // Malformed records mid-stream, each an hour or more ahead of the valid events.
  const ahead = T0 + 3_600_000;
  const badMillis = [
    { value: { userId: 'u1', amount: 'oops', ts: ahead }, reason: 'field amount is not a number' },
    { value: { userId: 'u1', amount: 1, ts: 300_000_000_000_000 }, reason: 'event time ts is not epoch milliseconds between years 0 and 9999' },
  ];
  const textReason = (field: string): string => `event time ${field} is not a timestamp (ISO-8601 or yyyy-MM-dd HH:mm:ss[.SSS] with a valid date)`;
  const badIso = [
    { value: { userId: 'u1', amount: 'oops', at: `${localText(ahead, 'T')}Z` }, reason: 'field amount is not a number' },
    { value: { userId: 'u1', amount: 1, at: 'next tuesday' }, reason: textReason('at') },
    { value: { userId: 'u1', amount: 1, at: '2027-02-29T10:00:00Z' }, reason: textReason('at') },
  ];
  const badLocal = [{ value: { userId: 'u1', amount: 1, at: '2026-12-02 25:00:00.000' }, reason: textReason('at') }];
  const badSecs = [{ value: { userId: 'u1', amount: 1, ts: 'soon' }, reason: 'field ts is not a number' }];

  /** Records each topic (outputs and dead letters) holds, for the status check. */
  const written = new Map<string, number>();

  beforeAll(async () => {
    served = await serveRenamedJob(definition, tag);
    const mid = 100;
    const withBad = <T>(valid: T[], bad: { value: unknown }[]): { value: unknown }[] =>
      [...valid.slice(0, mid).map((value) => ({ value })), ...bad.map((b) => ({ value: b.value })), ...valid.slice(mid).map((value) => ({ value }))];
    const flush = { userId: 'flush', amount: 0 };
    await Promise.all([
      produce(job().topic('millis'), [...withBad(arrival, badMillis), { value: { ...flush, ts: FAR } }]),
      produce(job().topic('iso'), [...withBad(arrival.map((e, i) => ({ userId: e.userId, amount: e.amount, at: isoText(e.ts, i) })), badIso), { value: { ...flush, at: `${localText(FAR, 'T')}Z` } }]),
      produce(job().topic('local'), [...withBad(arrival.map((e) => ({ userId: e.userId, amount: e.amount, at: localText(e.ts, ' ') })), badLocal), { value: { ...flush, at: localText(FAR, ' ') } }]),
      produce(job().topic('secs'), [...withBad(arrival.map((e) => ({ userId: e.userId, amount: e.amount, ts: e.ts / 1000 })), badSecs), { value: { ...flush, ts: FAR / 1000 } }]),
    ]);
  });

  afterAll(async () => {
    await served?.stop();
  });

  async function rowsOf(name: string, expected: number, upsert = false): Promise<Row[]> {
    const records = await consumeCommitted(job().topic(`${name}-out`), { expected, timeoutMs: 180_000, settleMs: upsert ? 3000 : 1500 });
    written.set(name, records.length);
    let values = records.map((r) => JSON.parse(r.value) as Row);
    if (upsert) values = [...new Map(values.map((v) => [v.userId, v])).values()];
    return values.filter((v) => v.userId !== 'flush').map(round).sort((a, b) => (key(a) < key(b) ? -1 : 1));
  }

  test('dead letters carry the malformed records with their reasons, and no valid event', async () => {
    for (const [name, bad] of [['millis', badMillis], ['iso', badIso], ['local', badLocal], ['secs', badSecs]] as const) {
      const records = await consumeCommitted(job().topic(`${name}-dlq`), { expected: bad.length, timeoutMs: 120_000, settleMs: 3000 });
      written.set(`${name}-dlq`, records.length);
      const dead = records.map((r) => JSON.parse(r.value) as { reason: string; payload: string });
      expect({ name, dead: dead.map((d) => ({ reason: d.reason, payload: JSON.parse(d.payload) as unknown })) })
        .toEqual({ name, dead: bad.map((b) => ({ reason: b.reason, payload: b.value })) });
    }
  });

  test.each(['tumbling', 'hopping', 'session', 'sliding'] as const)('%s rows: values, __as_of_ms and __window_start_ms equal an independent computation', async (kind) => {
    const want = oracle(kind);
    const name = `m${kind[0]!.toUpperCase()}${kind.slice(1)}`;
    // The flush event's own sliding row waits for a later watermark: no view emits one.
    const got = await rowsOf(name, want.length);
    expect(got.length).toBe(want.length);
    expect(got).toEqual(want);
  });

  test('lifetime rows (upsert topic, last per user): first and last event time exact', async () => {
    const want = oracle('lifetime');
    expect(await rowsOf('mLifetime', events.length, true)).toEqual(want);
  });

  test('ISO-8601 with offset, yyyy-MM-dd HH:mm:ss.SSS and epoch seconds give the epoch-millis windows', async () => {
    const want = oracle('session');
    for (const name of ['isoSession', 'localSession', 'secsSession']) {
      expect({ name, rows: await rowsOf(name, want.length) }).toEqual({ name, rows: want });
    }
  });

  test('Redis (feature client and featc get) serves each user\'s last window with its exact bounds', async () => {
    for (const [name, kind] of [['mTumbling', 'tumbling'], ['mSession', 'session']] as const) {
      const last = new Map(oracle(kind).map((r) => [r.userId, r]));
      for (const [userId, want] of last) {
        const expected = { asOfMs: want.__as_of_ms, windowStartMs: want.__window_start_ms, n: want.n };
        let row = await job().client.get(name, userId);
        for (let i = 0; i < 60 && row.asOfMs !== want.__as_of_ms; i++) {
          await new Promise((r) => setTimeout(r, 500));
          row = await job().client.get(name, userId);
        }
        expect({ name, userId, asOfMs: row.asOfMs, windowStartMs: row.windowStartMs, n: row.values.n }).toEqual({ name, userId, ...expected });
        const cli = await job().featcGet(name, userId) as { asOfMs: number; windowStartMs: number; values: { n: number } };
        expect({ name, userId, asOfMs: cli.asOfMs, windowStartMs: cli.windowStartMs, n: cli.values.n }).toEqual({ name, userId, ...expected });
      }
    }
  });

  test('featc status counts the records the job read and wrote', async () => {
    const produced = 4 * (events.length + 1) + badMillis.length + badIso.length + badLocal.length + badSecs.length;
    expect(written.size).toBe(12);
    const out = [...written.values()].reduce((a, b) => a + b, 0);
    const run = promisify(execFile);
    let row: JobStatus | undefined;
    // The JobManager refreshes task metrics every 10 s: poll.
    for (let i = 0; i < 40 && !(row?.recordsIn === produced && row.recordsOut === out); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 1000));
      const { stdout } = await run(process.execPath, ['bin/featc.js', 'status', job().compiled.name, '--json', '--kafka', bootstrap()], { timeout: 60_000 });
      row = (JSON.parse(stdout) as { jobs: JobStatus[] }).jobs[0];
    }
    expect({ in: row?.recordsIn, out: row?.recordsOut }).toEqual({ in: produced, out });
  });
});
