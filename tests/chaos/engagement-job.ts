import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileJob, type CompiledJob, type RedisOutputSpec } from '../../compiler/index.js';
import { seconds } from '../../dsl/index.js';
import { resolveStatements } from '../../flink-deploy/apply/resolve.js';
import { submitJob } from '../../flink-deploy/apply/submit.js';
import { artifactOf } from '../../flink-deploy/identity/artifact.js';
import type { Target } from '../../flink-deploy/index.js';
import { JobManagerClient } from '../../flink-deploy/rest/index.js';
import engagement from '../../jobs/engagement.js';
import type { ChaosEndpoints } from './private-stack.js';

export interface DeployedEngagement {
  jobId: string;
  compiled: CompiledJob;
  /** job-graph.json written for the Redis sink. */
  graphFile: string;
  outputs: RedisOutputSpec[];
}

/**
 * The checked-in engagement job with a short checkpoint interval (recoveries replay little). With
 * `idleTimeout: 'keep'` its sources get the 5 s idle timeout the job used to declare: a source
 * stalled longer than the timeout (a broker restart) is declared idle, the other source's watermark
 * alone then closes the union's windows, and the stalled source's backlog arrives late and is
 * dropped (README › Findings) — why jobs/engagement.ts declares none.
 */
export function compileEngagement(checkpointSeconds: number, idleTimeout: 'keep' | 'none'): CompiledJob {
  const def = idleTimeout === 'none' ? engagement : mapSources(engagement, (source) => ({ ...source, idleTimeout: seconds(5) }));
  return compileJob({ ...def, checkpointInterval: seconds(checkpointSeconds) });
}

type Source = Record<string, unknown> & { kind: 'source'; idleTimeout?: unknown };

/** A copy of a definition with every source replaced (the same replacement wherever the same source is referenced). */
function mapSources<T>(value: T, replace: (source: Source) => Record<string, unknown>, memo = new Map<object, unknown>()): T {
  if (Array.isArray(value)) return value.map((v: unknown) => mapSources(v, replace, memo)) as T;
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  if (memo.has(value)) return memo.get(value) as T;
  const record = value as Record<string, unknown>;
  if (record.kind === 'source') {
    const replaced = replace(record as Source);
    memo.set(value, replaced);
    return replaced as T;
  }
  const out: Record<string, unknown> = {};
  memo.set(value, out);
  for (const [k, v] of Object.entries(record)) out[k] = mapSources(v, replace, memo);
  return out as T;
}

/**
 * Submits the engagement job through featc's deploy path (identity parameters, job configuration,
 * resolved placeholders), waits for its first checkpoint, and writes its job graph for the sink.
 */
export async function deployEngagement(env: ChaosEndpoints, workDir: string, compiled: CompiledJob): Promise<DeployedEngagement> {
  const target: Target = { flinkUrl: env.flinkUrl, gatewayUrl: env.gatewayUrl, kafkaBootstrap: env.kafkaBootstrap, from: 'flags' };
  const artifact = artifactOf(compiled);
  const jobId = await submitJob(artifact, resolveStatements(compiled.name, artifact.statements, target), target);
  await waitJobRecovered(new JobManagerClient(env.flinkUrl), jobId, 0, 180_000);
  mkdirSync(workDir, { recursive: true });
  const graphFile = join(workDir, 'job-graph.json');
  writeFileSync(graphFile, compiled.graphJson);
  return { jobId, compiled, graphFile, outputs: compiled.graph.outputs };
}

export interface JobProgress {
  state: string;
  allTasksRunning: boolean;
  latestCheckpointId: number | undefined;
  latestCheckpointAckMs: number | undefined;
}

/** One look at the job; `undefined` while the JobManager does not answer (or does not know the job yet). */
export async function jobProgress(jm: JobManagerClient, jobId: string): Promise<JobProgress | undefined> {
  try {
    const details = await jm.job(jobId);
    const cp = await jm.checkpoints(jobId);
    return {
      state: details.state,
      allTasksRunning: details.state === 'RUNNING' && details.vertices.every((v) => v.status === 'RUNNING'),
      latestCheckpointId: cp.latest.completed?.id,
      latestCheckpointAckMs: cp.latest.completed?.latest_ack_timestamp,
    };
  } catch {
    return undefined;
  }
}

/**
 * Waits until the job is RUNNING with every task running and has completed a checkpoint
 * acknowledged after `sinceMs` (so its exactly-once output flows again). Returns when that was.
 */
export async function waitJobRecovered(jm: JobManagerClient, jobId: string, sinceMs: number, timeoutMs: number): Promise<{ runningAtMs: number; checkpointAtMs: number }> {
  const deadline = Date.now() + timeoutMs;
  let runningAtMs: number | undefined;
  let last: JobProgress | undefined;
  while (Date.now() < deadline) {
    last = await jobProgress(jm, jobId);
    if (last?.state === 'FAILED' || last?.state === 'CANCELED') throw new Error(`job ${jobId} went ${last.state}`);
    if (last?.allTasksRunning) {
      runningAtMs ??= Date.now();
      if ((last.latestCheckpointAckMs ?? 0) > sinceMs) return { runningAtMs, checkpointAtMs: Date.now() };
    } else {
      runningAtMs = undefined;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`job ${jobId} did not recover within ${timeoutMs / 1000} s (last: ${JSON.stringify(last)})`);
}
