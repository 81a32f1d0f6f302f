import { restartService, type StackPaths, type StopSignal } from '../../flink-deploy/local/index.js';
import type { JobManagerClient } from '../../flink-deploy/rest/index.js';
import { waitJobRecovered } from './engagement-job.js';
import type { OutputTail } from './output-tail.js';
import type { SinkRunner } from './sink-runner.js';

export const FAULT_KINDS = ['taskmanager-kill', 'jobmanager-kill', 'sink-kill', 'kafka-restart', 'redis-restart'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRecord {
  n: number;
  kind: FaultKind;
  signal: StopSignal;
  /** Seconds since the run started. */
  atS: number;
  /** Events produced when the fault hit. */
  producedAt: number;
  /** From the signal until the restarted process was healthy. */
  restartMs: number;
  /** From the signal until recovered: Flink faults: the job RUNNING with every task and a checkpoint completed after the fault; sink/Redis faults: the sink applied everything committed when the fault hit. */
  recoveryMs: number;
  /** For Flink faults: from the signal until the job was RUNNING with every task again. */
  runningMs?: number;
}

export interface FaultContext {
  paths: StackPaths;
  jm: JobManagerClient;
  jobId: string;
  sink: SinkRunner;
  tail: OutputTail;
  recoveryTimeoutMs: number;
}

/**
 * `count` faults in a seeded order: every kind about equally often (the remainder to the first
 * kinds), Kafka and Redis alternating SIGTERM (clean restart) and SIGKILL (crash).
 */
export function faultPlan(count: number, random: () => number): { kind: FaultKind; signal: StopSignal }[] {
  const kinds: FaultKind[] = Array.from({ length: count }, (_, i) => FAULT_KINDS[i % FAULT_KINDS.length] as FaultKind);
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as FaultKind, kinds[i] as FaultKind];
  }
  const seen = new Map<FaultKind, number>();
  return kinds.map((kind) => {
    const n = seen.get(kind) ?? 0;
    seen.set(kind, n + 1);
    const crashOnly = kind === 'taskmanager-kill' || kind === 'jobmanager-kill' || kind === 'sink-kill';
    return { kind, signal: crashOnly || n % 2 === 1 ? 'SIGKILL' : 'SIGTERM' };
  });
}

/** Injects one fault, restarts what it stopped, and waits until the pipeline recovered. */
export async function injectFault(ctx: FaultContext, kind: FaultKind, signal: StopSignal): Promise<Pick<FaultRecord, 'restartMs' | 'recoveryMs' | 'runningMs'>> {
  const t0 = Date.now();
  const since = (): number => Date.now() - t0;
  switch (kind) {
    case 'taskmanager-kill':
    case 'jobmanager-kill':
    case 'kafka-restart': {
      const service = kind === 'taskmanager-kill' ? 'taskmanager' : kind === 'jobmanager-kill' ? 'jobmanager' : 'kafka';
      await restartService(ctx.paths, service, signal);
      const restartMs = since();
      const up = await waitJobRecovered(ctx.jm, ctx.jobId, t0 + (kind === 'kafka-restart' ? restartMs : 0), ctx.recoveryTimeoutMs);
      return { restartMs, runningMs: up.runningAtMs - t0, recoveryMs: up.checkpointAtMs - t0 };
    }
    case 'sink-kill': {
      const target = ctx.tail.lastOffsets();
      await ctx.sink.kill();
      await ctx.sink.start();
      const restartMs = since();
      await ctx.sink.waitCaughtUp(target, ctx.recoveryTimeoutMs);
      return { restartMs, recoveryMs: since() };
    }
    case 'redis-restart': {
      const target = ctx.tail.lastOffsets();
      await restartService(ctx.paths, 'redis', signal);
      const restartMs = since();
      await ctx.sink.waitCaughtUp(target, ctx.recoveryTimeoutMs);
      return { restartMs, recoveryMs: since() };
    }
  }
}
