import { JobManagerClient } from '../../../flink-deploy/rest/index.js';
import { consumeCommitted, createTopics, deleteTopics, produce, uniqueTopic } from '../../support/kafka.js';
import {
  expectedVerdict, makeMessages, moderationJob, parseVerdicts, renderedPrompt, startInferenceRig, submitJob, type InferenceRig,
} from './inference-rig.js';

const N = 300;

describe('moderation step on Flink: Kafka → ML_PREDICT via the featc gateway → exactly-once Kafka', () => {
  const flink = new JobManagerClient(process.env.FEATC_FLINK_URL ?? '');
  const topics = { input: uniqueTopic('it-msg'), output: uniqueTopic('it-verdicts'), deadLetter: uniqueTopic('it-verdicts-dlq') };
  let rig: InferenceRig;
  let jobId: string | undefined;

  beforeAll(async () => {
    await createTopics(Object.values(topics), 2);
    rig = await startInferenceRig();
  });

  afterAll(async () => {
    if (jobId) await flink.cancel(jobId).catch(() => undefined);
    await rig?.close();
    await deleteTopics(Object.values(topics));
  });

  it('writes one typed verdict per message, equal to the model answer, one model call per distinct prompt', async () => {
    const compiled = moderationJob(`it_moderation_${Date.now().toString(36)}`, topics);
    jobId = await submitJob(compiled, rig.gateway.url);
    const messages = makeMessages(N, 'm');
    await produce(topics.input, messages.map((m, i) => ({ value: m, partition: i % 2 })));

    const rows = parseVerdicts((await consumeCommitted(topics.output, { expected: N, timeoutMs: 120_000, settleMs: 4000 })).map((r) => r.value));
    expect(rows).toHaveLength(N);
    const byId = new Map(rows.map((r) => [r.requestId, r]));
    expect(byId.size).toBe(N);
    for (const m of messages) expect(byId.get(m.requestId)).toEqual(expectedVerdict(m));
    expect(rows.filter((r) => r.toxic).length).toBeGreaterThan(0);
    expect(rows.every((r) => typeof r.toxic === 'boolean' && typeof r.score === 'number')).toBe(true);

    const distinctPrompts = new Set(messages.map(renderedPrompt)).size;
    expect(distinctPrompts).toBeLessThan(N);
    expect(rig.model.stats().chatCalls).toBe(distinctPrompts);
    expect(rig.model.stats().distinctInputs).toBe(distinctPrompts);
    expect((await consumeCommitted(topics.deadLetter, { expected: 0, timeoutMs: 1000, settleMs: 2000 }))).toHaveLength(0);
    expect((await flink.job(jobId)).state).toBe('RUNNING');
  });
});
