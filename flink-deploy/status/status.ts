import { findDeployedJobs, findFailedJobs, findLatestEndedJob, type DeployedJob } from '../identity/deployed.js';
import { DeployError } from '../deploy-error.js';
import { rootCause, type JobDetails, type JobManagerClient } from '../rest/index.js';
import { jobManagerOf, type Target } from '../target.js';
import { scrubText, secretValues } from '../apply/scrub.js';
import { countDeadLetters, type DeadLetterCount } from './dead-letters.js';
import { operatorCounts } from './operator-metrics.js';

export interface JobStatus {
  name: string;
  jobId: string;
  state: string;
  hash: string | undefined;
  uptimeMs: number;
  lastCheckpoint: { id: number; ageMs: number; sizeBytes: number | undefined; durationMs: number } | null;
  restoredFrom: string | null;
  restarts: number;
  /** Records the job's Kafka sources read; null (unknown) while Flink reports no source counter. */
  recordsIn: number | null;
  /** Records its Kafka sinks wrote (feature rows, dead letters, step outputs); null when unknown. */
  recordsOut: number | null;
  /** Worst back pressure level over the job's vertices (`unknown` until Flink has sampled). */
  backpressure: 'ok' | 'low' | 'high' | 'unknown';
  lastFailure?: string;
  /** Per source: records in its dead-letter topic (malformed or late events). */
  deadLetters: DeadLetterCount[];
  /**
   * Records window / OVER aggregations dropped as late (behind the watermark), summed from Flink's
   * `numLateRecordsDropped`; null when the job is not running or has no such operator.
   */
  lateDropsAtWindows: number | null;
}

/**
 * Per featc job on the cluster: state, uptime, checkpoints, restarts, throughput, back pressure.
 * A job asked for by name that has no active job shows its newest ended one (e.g. FAILED, or
 * CANCELED by a deploy that failed), with its last failure, while the JobManager remembers it;
 * a name featc cannot find at all is an error (FEATC_E7161). Without names: every active featc
 * job, and every featc job whose newest run FAILED.
 */
export async function status(opts: { target: Target; names?: string[]; project?: string }): Promise<JobStatus[]> {
  const jm = jobManagerOf(opts.target);
  const { jobs } = await findDeployedJobs(jm);
  // Without names, a project sees its own jobs; named jobs are shown whoever deployed them (reading touches nothing).
  const mine = (j: DeployedJob): boolean => opts.names !== undefined || opts.project === undefined || j.artifact?.project === opts.project;
  const wanted = [...jobs.values()].filter((j) => j.artifact && mine(j) && (!opts.names || opts.names.includes(j.name)));
  const missing = (opts.names ?? []).filter((n) => !wanted.some((j) => j.name === n));
  const ended = opts.names
    ? (await Promise.all(missing.map((n) => findLatestEndedJob(jm, n)))).filter((j) => j !== undefined)
    : (await findFailedJobs(jm)).filter(mine);
  const unknown = missing.filter((n) => !ended.some((j) => j.name === n));
  if (unknown.length > 0) {
    throw new DeployError('FEATC_E7161', `no featc job named ${unknown.join(', ')} on ${opts.target.flinkUrl} (neither running nor remembered by the JobManager)`,
      'list the featc jobs with `featc status`; the JobManager forgets ended jobs after jobstore.expiration-time (default 1 h)');
  }
  return Promise.all([...wanted, ...ended].sort((a, b) => a.name.localeCompare(b.name)).map((j) => jobStatus(jm, j, opts.target.kafkaBootstrap)));
}

async function jobStatus(jm: JobManagerClient, j: DeployedJob, kafkaBootstrap: string): Promise<JobStatus> {
  const [details, cps, metrics, exceptions, deadLetters] = await Promise.all([
    jm.job(j.jobId),
    jm.checkpoints(j.jobId).catch(() => undefined),
    jm.jobMetrics(j.jobId, ['numRestarts']).catch(() => ({} as Record<string, string>)),
    jm.exceptions(j.jobId).catch(() => undefined),
    j.artifact ? countDeadLetters(kafkaBootstrap, j.artifact.graph).catch(() => []) : Promise.resolve([]),
  ]);
  const unknown = { recordsIn: null, recordsOut: null, lateDrops: null };
  const [pressure, counts] = await Promise.all([backpressure(jm, details), operatorCounts(jm, details).catch(() => unknown)]);
  const completed = cps?.latest.completed ?? null;
  const failure = exceptions?.exceptionHistory?.entries[0]?.stacktrace;
  return {
    name: j.name,
    jobId: j.jobId,
    state: details.state,
    hash: j.hash,
    uptimeMs: details.state === 'RUNNING' ? Date.now() - details['start-time'] : 0,
    lastCheckpoint: completed ? { id: completed.id, ageMs: Date.now() - completed.latest_ack_timestamp, sizeBytes: completed.checkpointed_size ?? completed.state_size, durationMs: completed.end_to_end_duration } : null,
    restoredFrom: cps?.latest.restored?.external_path ?? null,
    restarts: Number(metrics.numRestarts ?? 0),
    recordsIn: counts.recordsIn,
    recordsOut: counts.recordsOut,
    backpressure: pressure,
    ...(failure ? { lastFailure: scrubText(rootCause(failure), secretValues(j.artifact?.statements ?? [], process.env)) } : {}),
    deadLetters,
    lateDropsAtWindows: counts.lateDrops,
  };
}

async function backpressure(jm: JobManagerClient, details: JobDetails): Promise<JobStatus['backpressure']> {
  if (details.state !== 'RUNNING') return 'unknown';
  const levels = await Promise.all(details.vertices.map((v) => jm.vertexBackpressure(details.jid, v.id).then((b) => b.backpressureLevel).catch(() => undefined)));
  if (levels.includes('high')) return 'high';
  if (levels.includes('low')) return 'low';
  return levels.length > 0 && levels.every((l) => l === 'ok') ? 'ok' : 'unknown';
}

function age(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
  return `${Math.floor(ms / 3_600_000)}h${Math.floor((ms % 3_600_000) / 60_000)}m`;
}

export function formatStatus(rows: JobStatus[]): string {
  if (rows.length === 0) return 'no featc jobs on the cluster';
  const ended = (r: JobStatus): boolean => ['FAILED', 'CANCELED', 'FINISHED'].includes(r.state);
  return rows.map((r) => [
    ended(r) ? `${r.name}  ${r.state} (not running)  job ${r.jobId}` : `${r.name}  ${r.state}  up ${age(r.uptimeMs)}  job ${r.jobId}`,
    `  checkpoint ${r.lastCheckpoint ? `#${r.lastCheckpoint.id}, ${age(r.lastCheckpoint.ageMs)} ago` : 'none yet'}  restarts ${r.restarts}  records in ${r.recordsIn ?? 'unknown'} / out ${r.recordsOut ?? 'unknown'}  backpressure ${r.backpressure}`,
    ...(r.deadLetters.length > 0 ? [`  dead letters ${r.deadLetters.map((d) => `${d.source} ${d.records}${d.complete ? '' : '+'}`).join(', ')}${r.deadLetters.some((d) => d.records > 0) ? `  (topics: ${r.deadLetters.filter((d) => d.records > 0).map((d) => d.topic).join(', ')})` : ''}`] : []),
    ...(r.lateDropsAtWindows ? [`  late drops at windows ${r.lateDropsAtWindows} (records behind the watermark that windows left out)`] : []),
    ...(r.lastFailure ? [`  last failure: ${r.lastFailure}`] : []),
  ].join('\n')).join('\n');
}
