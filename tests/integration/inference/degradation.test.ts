import { JobManagerClient } from '../../../flink-deploy/rest/index.js';
import { deadLetter, retry } from '../../../dsl/index.js';
import { startModelServer, type ModelServer } from '../../../runtime/model-server/index.js';
import { consumeCommitted, createTopics, deleteTopics, produce, uniqueTopic } from '../../support/kafka.js';
import { expectedVerdict, moderationJob, parseVerdicts, startInferenceRig, submitJob, type InferenceRig, type Message } from './inference-rig.js';

const BURST = 20;
const RATE = 2; // requests per second refilled into the budget's bucket

function batch(tag: string, n: number, ts: number): Message[] {
  return Array.from({ length: n }, (_, i) => ({ userId: `u${i % 3}`, requestId: `${tag}-${i}`, text: `${i % 5 === 0 ? 'you idiot' : 'hi'} ${tag} ${i}`, ts: ts + i }));
}

async function metric(url: string, name: string, labelFilter = ''): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith(name) && l.includes(labelFilter)).reduce((s, l) => s + Number(l.split(' ').at(-1)), 0);
}

/** Waits until the gateway has answered `n` chat calls (with any status); returns the ms it took. */
async function chatResponses(url: string, n: number, since: number): Promise<number> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if ((await metric(url, 'featc_gateway_responses_total', 'chat/completions')) >= n) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the gateway answered fewer than ${n} chat calls within 90 s`);
}

describe('a failing or over-budget upstream degrades as declared; the job keeps RUNNING', () => {
  const flink = new JobManagerClient(process.env.FEATC_FLINK_URL ?? '');
  const topics = { input: uniqueTopic('dg-msg'), output: uniqueTopic('dg-verdicts'), deadLetter: uniqueTopic('dg-dlq') };
  let backup: ModelServer;
  let rig: InferenceRig;
  let jobId: string | undefined;

  beforeAll(async () => {
    await createTopics(Object.values(topics), 2);
    backup = await startModelServer({ latencyMs: 5 });
    rig = await startInferenceRig({
      gateway: {
        routes: [{ model: '*', upstream: 'primary', fallback: { upstream: 'backup', model: 'featc-test-fallback' } }],
        budgets: { moderation: { requestsPerSecond: RATE, burst: BURST } },
        upstreams: {
          primary: { url: 'http://127.0.0.1:1/v1', breaker: { consecutiveFailures: 2, cooldownMs: 60_000 } }, // url: the rig's model server
          backup: { url: backup.baseUrl },
        },
      },
    });
  });

  afterAll(async () => {
    if (jobId) await flink.cancel(jobId).catch(() => undefined);
    await rig?.close();
    await backup?.close();
    await deleteTopics(Object.values(topics));
  });

  it('over budget → dead-letter topic; primary down → breaker opens, fallback model answers', async () => {
    const compiled = moderationJob(`it_degrade_${Date.now().toString(36)}`, topics, retry(0, deadLetter(topics.deadLetter)));
    jobId = await submitJob(compiled, rig.gateway.url);
    const t0 = Date.now();
    const first = batch('a', 3 * BURST, t0);
    await produce(topics.input, first.map((m, i) => ({ value: m, partition: i % 2 })));
    const firstBatchMs = await chatResponses(rig.gateway.url, first.length, t0);
    await new Promise((r) => setTimeout(r, (BURST / RATE) * 1000 + 500)); // the bucket refills completely
    rig.model.setDown(503);
    const second = batch('b', BURST / 2, t0 + 10_000);
    await produce(topics.input, second.map((m, i) => ({ value: m, partition: i % 2 })));
    await chatResponses(rig.gateway.url, first.length + second.length, t0);
    // Later events on both partitions move the watermark past every row above, so the dead-letter join decides them.
    await produce(topics.input, batch('z', 2, t0 + 120_000).map((m, i) => ({ value: m, partition: i % 2 })));

    const inputs = [...first, ...second];
    const out = parseVerdicts((await consumeCommitted(topics.output, { expected: inputs.length, timeoutMs: 60_000, settleMs: 3000 })).map((r) => r.value))
      .filter((r) => !r.requestId.startsWith('z-'));
    const dead = (await consumeCommitted(topics.deadLetter, { expected: 1, timeoutMs: 30_000, settleMs: 3000 }))
      .map((r) => JSON.parse(r.value) as { requestId: string; userId: string; __error: string });
    const rejected = await metric(rig.gateway.url, 'featc_gateway_budget_rejections_total');
    const fallbacks = await metric(rig.gateway.url, 'featc_gateway_fallback_total');
    process.stderr.write(`\n[degrade] ${JSON.stringify({ firstBatchMs, inputs: inputs.length, out: out.length, deadLetter: dead.length, rejected, fallbacks, backupCalls: backup.calls(), primaryCalls: rig.model.calls() })}\n`);

    // every input exactly once, either answered or dead-lettered
    const ids = [...out.map((r) => r.requestId), ...dead.map((d) => d.requestId)].sort();
    expect(ids).toEqual(inputs.map((m) => m.requestId).sort());
    expect(dead.length).toBe(rejected);
    // A token bucket admits at most burst + rate × elapsed while the first batch is handled; the rest is over budget.
    const admittable = BURST + Math.ceil((RATE * firstBatchMs) / 1000);
    expect(dead.length).toBeGreaterThanOrEqual(first.length - admittable);
    expect(dead.length).toBeGreaterThan(0);
    expect(dead.every((d) => d.requestId.startsWith('a-') && d.__error === 'model call failed (after 0 retries)')).toBe(true);
    const byId = new Map(inputs.map((m) => [m.requestId, m]));
    for (const r of out) expect(r).toEqual(expectedVerdict(byId.get(r.requestId)!));
    // primary down: the second batch was answered by the fallback model
    expect(out.filter((r) => r.requestId.startsWith('b-'))).toHaveLength(second.length);
    expect(fallbacks).toBeGreaterThanOrEqual(second.length);
    expect(backup.stats().chatCalls).toBeGreaterThanOrEqual(second.length);
    expect((await flink.job(jobId)).state).toBe('RUNNING');
  });
});
