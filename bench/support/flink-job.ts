import { request } from 'undici';
import { JobManagerClient, SqlGatewayClient } from '../../flink-deploy/rest/index.js';
import { sleep } from './result.js';
import { fillPlaceholders } from '../../contracts/index.js';

/** Every job a benchmark submits; `cancelAll` runs in `finally`, so slots are freed on failure too. */
export class BenchJobs {
  readonly jm: JobManagerClient;
  private readonly gateway: SqlGatewayClient;
  private readonly started: string[] = [];

  constructor(private readonly env: Record<string, string>) {
    this.jm = new JobManagerClient(env.FEATC_FLINK_URL ?? '');
    this.gateway = new SqlGatewayClient(env.FEATC_SQL_GATEWAY_URL ?? '');
  }

  /** Runs the statements in one session (placeholders resolved) and waits until the job runs. */
  async submit(statements: readonly string[]): Promise<string> {
    const session = await this.gateway.openSession();
    let jobId: string | undefined;
    try {
      for (const s of statements) {
        const resolved = fillPlaceholders(s, {
          featc: { 'kafka.bootstrap': this.env.FEATC_KAFKA_BOOTSTRAP ?? '' }, unknown: (whole) => { throw new Error(`the bench fills no ${whole}`); },
        });
        jobId = (await this.gateway.execute(session, resolved, { timeoutMs: 120_000 })).jobId ?? jobId;
      }
    } finally {
      await this.gateway.closeSession(session).catch(() => undefined);
    }
    if (!jobId) throw new Error('the statements submitted no job');
    this.started.push(jobId);
    await this.jm.waitForState(jobId, ['RUNNING'], 120_000);
    return jobId;
  }

  async cancel(jobId: string): Promise<void> {
    await this.jm.cancel(jobId).catch(() => undefined);
    await this.jm.waitForState(jobId, ['CANCELED', 'FAILED', 'FINISHED'], 60_000).catch(() => undefined);
  }

  async cancelAll(): Promise<void> {
    for (const id of this.started.splice(0)) await this.cancel(id);
  }

  /** Records read by the job's source operators: live from the TaskManager's Prometheus reporter, else JobManager REST. */
  async sourceRecordsIn(jobId: string): Promise<Map<string, number>> {
    const live = await prometheusSourceCounts(jobId);
    if (live.size > 0) return live;
    const job = await this.jm.job(jobId);
    const sources = new Set((job.plan?.nodes ?? []).filter((n) => !n.inputs || n.inputs.length === 0).map((n) => n.id));
    return new Map(job.vertices.filter((v) => sources.has(v.id)).map((v) => [v.name, v.metrics['write-records']]));
  }

  /** Operators of the running job graph (chained tasks split on `->`). */
  async operatorCount(jobId: string): Promise<{ vertices: number; operators: number }> {
    const job = await this.jm.job(jobId);
    return { vertices: job.vertices.length, operators: job.vertices.reduce((n, v) => n + v.name.split(/\s*->\s*/).length, 0) };
  }

  /** Full state size of the first checkpoint completed after `afterMs` (waits for one). */
  async stateSizeAfter(jobId: string, afterMs: number, timeoutMs = 60_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const c = (await this.jm.checkpoints(jobId)).latest.completed;
      if (c && c.latest_ack_timestamp > afterMs) return c.state_size ?? c.checkpointed_size ?? Number.NaN;
      await sleep(500);
    }
    return Number.NaN;
  }
}

const PROM_PORTS = Array.from({ length: 11 }, (_, i) => 9250 + i);
const SOURCE_IN = /^flink_taskmanager_job_task_operator_numRecordsIn\{([^}]*)\} ([0-9.eE+]+)$/gm;

async function prometheusSourceCounts(jobId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await Promise.all(PROM_PORTS.map(async (port) => {
    let text = '';
    try {
      const res = await request(`http://127.0.0.1:${port}/metrics`, { headersTimeout: 1000, bodyTimeout: 3000 });
      text = await res.body.text();
    } catch {
      return;
    }
    for (const m of text.matchAll(SOURCE_IN)) {
      const labels = m[1] ?? '';
      const op = /operator_name="([^"]*)"/.exec(labels)?.[1] ?? '';
      if (!labels.includes(`job_id="${jobId}"`) || !op.startsWith('Source:')) continue;
      out.set(op, (out.get(op) ?? 0) + Number(m[2]));
    }
  }));
  return out;
}

export interface Consumption {
  consumed: number;
  /** Input records per second from the first record read until the last. */
  recordsPerSecond: number;
  /** When everything was read (epoch ms). */
  doneAtMs: number;
  complete: boolean;
}

/** Polls the source counters until `total` records are read (or the timeout), and derives the rate. */
export async function measureConsumption(jobs: BenchJobs, jobId: string, total: number, timeoutMs: number, opts: { sameTopic?: boolean } = {}): Promise<Consumption> {
  const deadline = Date.now() + timeoutMs;
  let first: { t: number; n: number } | undefined;
  let last = { t: Date.now(), n: 0 };
  while (Date.now() < deadline) {
    const counts = await jobs.sourceRecordsIn(jobId);
    const sum = [...counts.values()].reduce((a, b) => a + b, 0);
    // Several source operators over one topic (no source reuse) each read every record once.
    const n = opts.sameTopic && counts.size > 0 ? sum / counts.size : sum;
    const t = Date.now();
    if (n > 0 && !first) first = { t, n };
    last = { t, n };
    if (n >= total) break;
    // Each poll renders the TaskManager's whole Prometheus page: every 100 ms that cost the job ~10 % of a core.
    await sleep(500);
  }
  const span = first ? (last.t - first.t) / 1000 : Number.NaN;
  const rate = first && span > 0 ? (last.n - first.n) / span : Number.NaN;
  return { consumed: last.n, recordsPerSecond: rate, doneAtMs: last.t, complete: last.n >= total };
}
