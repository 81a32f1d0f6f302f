import type { CompiledJob } from '../../compiler/index.js';
import type { Progress } from '../../flink-deploy/local/index.js';
import Kafka from '@confluentinc/kafka-javascript';
import { JobManagerClient, SqlGatewayClient } from '../../flink-deploy/rest/index.js';

/** Creates missing topics, so readers of a feature topic can start before Flink's first commit. */
async function ensureTopics(bootstrap: string, topics: string[]): Promise<void> {
  const admin = new Kafka.KafkaJS.Kafka({ kafkaJS: { brokers: bootstrap.split(','), logLevel: Kafka.KafkaJS.logLevel.NOTHING } }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(topics)].filter((t) => !existing.has(t));
    if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic, numPartitions: 1 })) });
  } finally {
    await admin.disconnect();
  }
}

/** Submits every compiled job (replacing a running one of the same name). */
export async function deployDemoJobs(jobs: CompiledJob[], env: Record<string, string>, progress: Progress): Promise<void> {
  await progress.step('creating source and feature topics', () => ensureTopics(env.FEATC_KAFKA_BOOTSTRAP ?? '', jobs.flatMap((j) => [...j.graph.sources.map((s) => s.topic), ...j.graph.sinks.map((s) => s.topic)])));
  const gateway = new SqlGatewayClient(env.FEATC_SQL_GATEWAY_URL ?? '');
  const jm = new JobManagerClient(env.FEATC_FLINK_URL ?? '');
  for (const job of jobs) {
    await progress.step(`deploying job ${job.name}`, async () => {
      for (const j of await jm.jobs()) if (j.name === job.name && j.state === 'RUNNING') await jm.cancel(j.jid);
      const session = await gateway.openSession();
      try {
        let jobId: string | undefined;
        for (const s of job.statements) {
          const resolved = s.replaceAll('${featc:kafka.bootstrap}', env.FEATC_KAFKA_BOOTSTRAP ?? '').replace(/\$\{env:([A-Za-z0-9_]+)\}/g, (_m, name: string) => env[name] ?? process.env[name] ?? '');
          jobId = (await gateway.execute(session, resolved)).jobId ?? jobId;
        }
        if (jobId) await jm.waitForState(jobId, ['RUNNING'], 60_000);
      } finally {
        await gateway.closeSession(session);
      }
    });
  }
}
