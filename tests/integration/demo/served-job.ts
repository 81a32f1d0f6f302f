/**
 * A shipped job served end to end under private names on the shared stack: renamed with
 * testing/isolate.ts (the code `featc test` isolates tests with), compiled, deployed with the deploy
 * API `featc deploy` uses, and its feature topics moved into Redis by a real `featc sink redis`
 * process under a private key prefix. `stop()` undoes all of it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { graphTopics, writeCompiled, type CompiledJob } from '../../../compiler/index.js';
import { seconds, type JobDef } from '../../../dsl/index.js';
import { deployJobs, type Target } from '../../../flink-deploy/index.js';
import { JobManagerClient } from '../../../flink-deploy/rest/index.js';
import { createFeatureClient, type FeatureClient, type FeatureMap, type FeatureRow } from '../../../runtime/feature-client/index.js';
import { assertIsolated, renameJob, type RenamedJob } from '../../../testing/isolate.js';
import { SinkProcess } from '../redis-sink/helpers/sink-process.js';
import { bootstrap, createTopics, deleteTopics } from '../../support/kafka.js';

const run = promisify(execFile);

export interface ServedJob {
  renamed: RenamedJob;
  compiled: CompiledJob;
  /** The compiled out dir (`<dir>/<job>/job-graph.json`): what `featc sink redis` and `featc get` read. */
  graphDir: string;
  /** Redis key prefix of this job's features. */
  prefix: string;
  jobId: string;
  sink: SinkProcess;
  client: FeatureClient<FeatureMap>;
  /** The renamed topic of an original topic name. */
  topic(original: string): string;
  /** `featc get <name> <entity> --json` as a separate process, against this job's graph and key prefix. */
  featcGet(name: string, entity: string): Promise<unknown>;
  stop(): Promise<void>;
}

export function stackTarget(): Target {
  const env = (name: string): string => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set: run the integration project (its global setup reuses or starts the stack)`);
    return v;
  };
  return { flinkUrl: env('FEATC_FLINK_URL'), gatewayUrl: env('FEATC_SQL_GATEWAY_URL'), kafkaBootstrap: bootstrap(), from: 'env' };
}

export function redisUrl(): string {
  const url = process.env.FEATC_REDIS_URL;
  if (!url) throw new Error('FEATC_REDIS_URL is not set');
  return url;
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * Deploys a renamed copy of `def` (`<tag>_<job>`, topics `<tag>.<topic>`, no idle timeouts so event
 * time depends on the events only, 1 s checkpoints so committed output shows up quickly) and starts
 * the Redis sink on it. `extraTopics` (original names) are renamed and created too, e.g. topics a
 * generator writes that the job does not read.
 */
export async function serveRenamedJob(def: JobDef, tag: string, extraTopics: readonly string[] = []): Promise<ServedJob> {
  const target = stackTarget();
  const topicPrefix = tag.replace(/_/g, '-');
  const renamed = renameJob(def, { name: `${tag}_${def.name}`, topicPrefix, withoutIdleTimeouts: true, checkpointInterval: seconds(1) });
  const topic = (original: string): string => renamed.topicMap.get(original) ?? `${topicPrefix}.${original}`;
  const compiled = renamed.compiled;
  assertIsolated(compiled, renamed.topicPrefix);
  const topics = [...new Set([...graphTopics(compiled.graph).all, ...extraTopics.map(topic)])];
  const graphDir = mkdtempSync(join(tmpdir(), `${tag}-`));
  writeCompiled(graphDir, [compiled]);
  const prefix = `featc-it:${tag}`;
  const jm = new JobManagerClient(target.flinkUrl);
  let jobId: string | undefined;
  let sink: SinkProcess | undefined;
  let client: FeatureClient<FeatureMap> | undefined;
  const stop = async (): Promise<void> => {
    await client?.close();
    if (sink?.running) await sink.kill('SIGTERM');
    if (jobId) await jm.cancel(jobId).then(() => jm.waitForState(jobId ?? '', ['CANCELED', 'FAILED', 'FINISHED'], 60_000)).catch(() => undefined);
    await deleteTopics(topics);
    await deleteKeys(redisUrl(), prefix);
    rmSync(graphDir, { recursive: true, force: true });
  };
  try {
    await createTopics(topics);
    const report = await deployJobs([compiled], { target });
    const job = report.jobs[0];
    jobId = job?.jobId;
    if (!report.ok || !job || !jobId) throw new Error(`deploying ${compiled.name} failed: ${job?.error ?? JSON.stringify(report)}`);
    sink = new SinkProcess({ graph: join(graphDir, compiled.name, 'job-graph.json'), kafka: target.kafkaBootstrap, redis: redisUrl(), prefix });
    await sink.started();
    client = createFeatureClient<FeatureMap>({ redis: redisUrl(), views: compiled.graph.outputs.filter((o) => o.kind === 'redis'), prefix, timeoutMs: 2000 });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    renamed, compiled, graphDir, prefix, jobId, sink, client, topic, stop,
    featcGet: async (name, entity) => {
      const { stdout } = await run(process.execPath, ['bin/featc.js', 'get', name, entity, '--graph', join(graphDir, compiled.name), '--redis', redisUrl(), '--prefix', prefix, '--json'], { timeout: 60_000 });
      return JSON.parse(stdout) as unknown;
    },
  };
}

/** Polls `check` (every 500 ms) until it returns true or `timeoutMs` passes; the caller asserts afterwards. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A row as the assertions compare it: what the feature client or `featc get --json` returned, without the per-feature meta. */
export function comparable(row: FeatureRow<Record<string, unknown>> | undefined): { found: boolean; asOfMs: number | null; values: Record<string, unknown> } | undefined {
  return row && { found: row.found, asOfMs: row.asOfMs, values: row.values };
}
