/**
 * Conversation context and system health served end to end on the real stack: each job deployed
 * under private names, the real Redis sink process, hand-made events, and `featc get` (the CLI)
 * compared with values computed by hand. The conversation part also watches a user's context
 * expire from Redis 30 minutes (event time of the last turn) after the last turn.
 */
import { Redis } from 'ioredis';
import conversation from '../../../jobs/conversation.js';
import systemHealth from '../../../jobs/system-health.js';
import { produce } from '../../support/kafka.js';
import { comparable, eventually, redisUrl, serveRenamedJob, type ServedJob } from './served-job.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('served values of conversation and systemHealth (real Flink, Kafka, sink process, Redis)', () => {
  const tag = `featc_it_${Date.now().toString(36)}`;
  let chat: ServedJob | undefined;
  let health: ServedJob | undefined;
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
  /** Event time of the first turn: 30 minutes minus 45 s ago, so the context expires from Redis while the test watches. */
  let T = 0;
  /** Start of the first minute of the server metrics (3 minutes ago, aligned to the minute). */
  let M = 0;
  const texts = Array.from({ length: 12 }, (_, i) => `question ${i + 1}`);

  beforeAll(async () => {
    [chat, health] = await Promise.all([serveRenamedJob(conversation, `${tag}_c`), serveRenamedJob(systemHealth, `${tag}_h`)]);
    T = Date.now() - 30 * MINUTE + 45 * SECOND;
    M = Math.floor(Date.now() / MINUTE) * MINUTE - 3 * MINUTE;
    const turn = (userId: string, i: number, text: string, ts: number): { key: string; value: unknown } => ({ key: userId, value: { userId, requestId: `${userId}-${i}`, text, ts } });
    const aliceTurns = texts.map((text, i) => turn('alice', i, text, T + i * SECOND));
    // The 12th turn arrives before the 11th (1 s out of order, inside the 2 s delay).
    const ordered = [...aliceTurns.slice(0, 10), aliceTurns[11], aliceTurns[10]].filter((t) => t !== undefined);
    await produce(chat.topic('user-queries'), [
      ...ordered.slice(0, 3), turn('bob', 0, 'hello', T + 3 * SECOND), ...ordered.slice(3),
      // Moves the watermark to T + 18 s: every turn above is emitted (carol's own turn waits for a later one).
      turn('carol', 0, 'flush', T + 20 * SECOND),
    ]);
    const metric = (server: string, queueLength: number, status: 'ok' | 'error', ts: number): { key: string; value: unknown } => ({ key: server, value: { server, queueLength, status, latencyMs: 50, ts } });
    await produce(health.topic('model-metrics'), [
      metric('model-a', 3, 'ok', M + 5 * SECOND),
      metric('model-a', 4, 'error', M + 10 * SECOND),
      metric('model-a', 8, 'ok', M + 20 * SECOND),
      metric('model-b', 1, 'ok', M + 30 * SECOND),
      metric('model-b', 2, 'ok', M + 40 * SECOND),
      metric('model-a', 10, 'error', M + 65 * SECOND),
      // Watermark M + 2:28: minutes 0 and 1 close.
      metric('model-z', 0, 'ok', M + 150 * SECOND),
    ]);
  });

  afterAll(async () => {
    redis.disconnect();
    await Promise.all([chat?.stop(), health?.stop()]);
  });

  test('conversationContext: the last 10 turns in event-time order, all 12 counted, and the key expires 30 min after the last turn', async () => {
    const job = chat;
    if (!job) throw new Error('not deployed');
    const lastTurnAt = T + 11 * SECOND;
    const ready = await eventually(async () => {
      const [alice, bob] = await job.client.getMany('conversationContext', ['alice', 'bob']);
      return alice?.asOfMs === lastTurnAt && bob?.found === true;
    }, 90_000);
    expect(ready).toBe(true);

    expect(comparable(await job.featcGet('conversationContext', 'alice') as never)).toEqual({
      found: true, asOfMs: lastTurnAt, values: { last_turns: texts.slice(2), turns_30m: 12 },
    });
    expect(comparable(await job.featcGet('conversationContext', 'bob') as never)).toEqual({
      found: true, asOfMs: T + 3 * SECOND, values: { last_turns: ['hello'], turns_30m: 1 },
    });
    // carol's only turn is newer than the watermark: not emitted, so not in Redis.
    expect(comparable(await job.featcGet('conversationContext', 'carol') as never)).toEqual({ found: false, asOfMs: null, values: { last_turns: null, turns_30m: 0 } });

    // Redis drops the key exactly 30 minutes (event time) after alice's last turn.
    const aliceKey = `${job.prefix}:conversationContext:alice`;
    expect(Number(await redis.call('PEXPIRETIME', aliceKey))).toBe(lastTurnAt + 30 * MINUTE);
    const wait = lastTurnAt + 30 * MINUTE + SECOND - Date.now();
    expect(wait).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, wait));
    expect(await redis.exists(aliceKey)).toBe(0);
    expect(comparable(await job.featcGet('conversationContext', 'alice') as never)).toEqual({ found: false, asOfMs: null, values: { last_turns: null, turns_30m: 0 } });
  });

  test('serverHealth: per server, the latest closed minute\'s queue average, maximum, requests, errors and error rate', async () => {
    const job = health;
    if (!job) throw new Error('not deployed');
    const ready = await eventually(async () => {
      const [a, b] = await job.client.getMany('serverHealth', ['model-a', 'model-b']);
      return a?.asOfMs === M + 2 * MINUTE && b?.asOfMs === M + MINUTE;
    }, 90_000);
    expect(ready).toBe(true);
    // model-a's minute 1 replaced its minute 0 (3, 4 error, 8: avg 5, rate 1/3) in Redis.
    expect(comparable(await job.featcGet('serverHealth', 'model-a') as never)).toEqual({
      found: true, asOfMs: M + 2 * MINUTE, values: { queue_avg_1m: 10, queue_max_1m: 10, requests_1m: 1, errors_1m: 1, error_rate_1m: 1 },
    });
    expect(comparable(await job.featcGet('serverHealth', 'model-b') as never)).toEqual({
      found: true, asOfMs: M + MINUTE, values: { queue_avg_1m: 1.5, queue_max_1m: 2, requests_1m: 2, errors_1m: 0, error_rate_1m: 0 },
    });
    // model-z's minute has not closed; its features read as the declared defaults (none for the queue).
    expect(comparable(await job.featcGet('serverHealth', 'model-z') as never)).toEqual({
      found: false, asOfMs: null, values: { queue_avg_1m: null, queue_max_1m: null, requests_1m: 0, errors_1m: 0, error_rate_1m: null },
    });
  });
});
