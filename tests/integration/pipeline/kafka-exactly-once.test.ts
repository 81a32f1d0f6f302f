import { JobManagerClient, SqlGatewayClient } from '../../../flink-deploy/rest/index.js';
import { consumeCommitted, createTopics, deleteTopics, produce, uniqueTopic, bootstrap } from '../../support/kafka.js';

const N = 500;

describe('first pipeline on the real stack: Kafka source → Flink SQL → exactly-once Kafka sink', () => {
  const gateway = new SqlGatewayClient(process.env.FEATC_SQL_GATEWAY_URL ?? '');
  const jobManager = new JobManagerClient(process.env.FEATC_FLINK_URL ?? '');
  const input = uniqueTopic('it-events');
  const output = uniqueTopic('it-doubled');
  let session = '';
  let jobId: string | undefined;

  beforeAll(async () => {
    await createTopics([input, output], 2);
    session = await gateway.openSession({ 'execution.checkpointing.interval': '1s', 'pipeline.name': `it-${output}` });
  });

  afterAll(async () => {
    if (jobId) await jobManager.cancel(jobId).catch(() => undefined);
    await gateway.closeSession(session);
    await deleteTopics([input, output]);
  });

  it('reads back exactly N transformed records with read_committed', async () => {
    await gateway.execute(session, `CREATE TEMPORARY TABLE src (id BIGINT, name STRING, amount DOUBLE) WITH (
      'connector' = 'kafka', 'topic' = '${input}', 'properties.bootstrap.servers' = '${bootstrap()}',
      'properties.group.id' = 'it-${input}', 'scan.startup.mode' = 'earliest-offset',
      'properties.isolation.level' = 'read_committed', 'format' = 'json')`);
    await gateway.execute(session, `CREATE TEMPORARY TABLE dst (id BIGINT, name STRING, doubled DOUBLE) WITH (
      'connector' = 'kafka', 'topic' = '${output}', 'properties.bootstrap.servers' = '${bootstrap()}',
      'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'it-${output}',
      'properties.transaction.timeout.ms' = '900000', 'format' = 'json')`);
    const submitted = await gateway.execute(session, 'INSERT INTO dst SELECT id, UPPER(name), amount * 2 FROM src');
    jobId = submitted.jobId;
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);
    await jobManager.waitForState(jobId!, ['RUNNING']);

    const events = Array.from({ length: N }, (_, i) => ({ id: i, name: `user-${i % 7}`, amount: i * 0.5 }));
    await produce(input, events.map((e) => ({ value: e, partition: e.id % 2 })));

    const records = await consumeCommitted(output, { expected: N, timeoutMs: 90_000, settleMs: 3000 });
    const rows = records.map((r) => JSON.parse(r.value) as { id: number; name: string; doubled: number });
    expect(rows).toHaveLength(N);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.size).toBe(N);
    for (const e of events) {
      expect(byId.get(e.id)).toEqual({ id: e.id, name: e.name.toUpperCase(), doubled: e.amount * 2 });
    }
  });
});
